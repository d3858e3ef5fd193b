/**
 * The checks a command passes before it runs, as named slots in the order
 * Redis's processCommand() makes them. dispatch.ts runs the fixed steps
 * (lookup, arity, protected, auth) itself and these slots between auth and
 * the pause/MULTI steps; a subsystem fills its slot when it is installed
 * (ACL, cluster redirection, OOM, persistence errors, replicas, scripts),
 * so the order is written here once and never depends on install order.
 *
 * A gate returns null to let the command through, or the error to answer.
 */
import type { ServerContext } from './context.js';
import type { Client } from './client.js';
import type { Command } from '../commands/table.js';

export type Gate = (ctx: ServerContext, c: Client, cmd: Command, argv: string[]) => string | null;

export class GateSlots {
  /** -NOPERM: the user may not run this command or touch these keys or channels. */
  acl: Gate | null = null;
  /** -MOVED / -ASK / -CROSSSLOT / -CLUSTERDOWN. */
  cluster: Gate | null = null;
  /** Keeps client-side caching's table under tracking-table-max-keys before a command can add to it. */
  trackingLimit: (() => void) | null = null;
  /** Evicts under maxmemory, then -OOM for a denyoom command that would still not fit. */
  oom: Gate | null = null;
  /** -MISCONF: the last background save failed and stop-writes-on-bgsave-error is set. */
  misconf: Gate | null = null;
  /** -NOREPLICAS: fewer good replicas than min-replicas-to-write. */
  minReplicas: Gate | null = null;
  /** -READONLY: a write sent to a read-only replica by an ordinary client. */
  readonlyReplica: Gate | null = null;
  /** -MASTERDOWN: a replica without its master and replica-serve-stale-data off. */
  masterDown: Gate | null = null;
  /** -LOADING: the dataset is being loaded. */
  loading: Gate | null = null;
  /** -BUSY: a script or function has run past its time limit. */
  busy: Gate | null = null;
}
