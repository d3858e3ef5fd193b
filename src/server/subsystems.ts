/**
 * Installs the subsystems that hook into the spine (notifications, pub/sub,
 * transactions, blocking, tracking, slowlog, ...). Each subsystem's install
 * function registers its hooks on the context; the spine knows none of them.
 */
import type { ServerContext } from './context.js';

export type Installer = (ctx: ServerContext) => void;

const installers: Installer[] = [];

export function installSubsystems(ctx: ServerContext): void {
  for (const install of installers) install(ctx);
}
