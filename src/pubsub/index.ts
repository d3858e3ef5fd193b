/**
 * Installs pub/sub: the shared state on ctx.ext.pubsub (INFO reads its
 * channels/patterns/shard maps' sizes) and the cleanup of a client's
 * subscriptions on disconnect and RESET.
 */
import type { ServerContext } from '../server/context.js';
import { resetHooks } from '../commands/connection.js';
import { pubsubOf } from './pubsub.js';

export function installPubsub(ctx: ServerContext): void {
  const ps = pubsubOf(ctx);
  ctx.clientClosedHooks.push((c) => ps.dropAll(c));
  // RESET leaves every subscription silently, as Redis's clearClientConnectionState does.
  resetHooks(ctx).push((_ctx, c) => ps.dropAll(c));
}
