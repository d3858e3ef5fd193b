/**
 * Installs the subsystems that hook into the spine (notifications, pub/sub,
 * transactions, blocking, tracking, slowlog, ...). Each subsystem's install
 * function registers its hooks on the context; the spine knows none of them.
 */
import type { ServerContext } from './context.js';
import { installBlocking } from '../keyspace/blocking.js';
import { installPubsub } from '../pubsub/index.js';
import { installNotify } from '../keyspace/notify.js';
import { installWatch } from '../keyspace/watch.js';
import { installTracking } from '../tracking/index.js';
import { installTransactions } from '../commands/tx.js';
import { installEviction } from '../keyspace/evict.js';

export type Installer = (ctx: ServerContext) => void;

// installBlocking stays last: its after-command hook re-runs woken clients' commands,
// which must come after the other hooks (propagation) have seen the waking command.
const installers: Installer[] = [
  installPubsub,
  installNotify,
  installWatch,
  installTracking,
  installTransactions,
  installEviction,
  // Add new installers above this line.
  installBlocking,
];

export function installSubsystems(ctx: ServerContext): void {
  for (const install of installers) install(ctx);
}
