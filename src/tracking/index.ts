/**
 * Installs client-side caching: a gate that records the client whose
 * command is starting, an after-command hook that remembers the keys read
 * and releases invalidations held for that client, the keyspace's
 * modified and flush signals, disconnect and RESET.
 *
 * INFO reads ctx.ext.trackingClients (tracking_clients) and, for
 * tracking_total_keys/items/prefixes, ctx.ext.trackingStats().
 */
import type { ServerContext } from '../server/context.js';
import { resetHooks } from '../commands/connection.js';
import { trackingOf } from './tracking.js';
// Registers the CLIENT subcommands as a side effect of loading.
import './commands.js';

export function installTracking(ctx: ServerContext): void {
  const t = trackingOf(ctx);
  ctx.ext.trackingClients = 0;
  ctx.ext.trackingStats = () => t.info();
  // Redis trims the table to tracking-table-max-keys before each command.
  ctx.gates.trackingLimit = () => {
    if (t.clients !== 0) t.limitTable();
  };
  ctx.afterCallHooks.push((c, cmd, argv) => {
    // Failed reads are remembered too, as in Redis.
    if (t.clients !== 0 && cmd.isReadonly) t.remember(c, cmd, argv);
  });
  ctx.afterUnitHooks.push((c, cmd) => {
    if (t.clients === 0 && !t.hasPending()) return;
    const s = t.stateOf(c);
    // CLIENT CACHING covers the next command, or the whole transaction, and survives CLIENT calls.
    if (s !== undefined && s.caching && c.multi === null && (cmd.parent ?? cmd).spec.name !== 'client') s.caching = false;
    t.flushPending(c);
  });
  ctx.keyspace.modifiedHooks.push((_db, key) => {
    if (t.table.size !== 0 || t.prefixTable.size !== 0) t.invalidateKey(key);
  });
  ctx.keyspace.flushedHooks.push(() => t.flushed());
  ctx.clientClosedHooks.push((c) => t.disable(c));
  resetHooks(ctx).push((_ctx, c) => t.disable(c));
}
