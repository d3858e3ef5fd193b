/**
 * Keyspace notifications: the one consumer of ctx.keyspace's events that
 * turns them into pub/sub messages, as selected by notify-keyspace-events.
 *
 *   K: __keyspace@<db>__:<key>    carrying the event name
 *   E: __keyevent@<db>__:<event>  carrying the key
 *
 * Commands never publish themselves: they call keyspace.touch()/notify()
 * and whatever class letter they pass is filtered here. New event classes
 * (streams, eviction, modules) need no change to this file beyond the bit
 * the config parser already knows.
 *
 * The flags come parsed from the config (config.notifyFlags), and nothing
 * is built while nobody is subscribed to anything: with no subscriber a
 * notification has no receiver, so skipping it is unobservable.
 */
import type { ServerContext } from '../server/context.js';
import type { EventClass } from './keyspace.js';
import { NOTIFY } from '../config/special.js';
import { pubsubOf } from '../pubsub/pubsub.js';

export function installNotify(ctx: ServerContext): void {
  const ps = pubsubOf(ctx);
  const config = ctx.config;
  ctx.keyspace.eventHooks.push((cls: EventClass, event: string, key: string, dbId: number) => {
    if (ps.channels.size === 0 && ps.patterns.size === 0) return;
    const flags = config.notifyFlags;
    if ((flags & NOTIFY[cls]) === 0) return;
    if (flags & NOTIFY.K) ps.publish(`__keyspace@${dbId}__:${key}`, event);
    if (flags & NOTIFY.E) ps.publish(`__keyevent@${dbId}__:${event}`, key);
  });
}
