/**
 * Helpers shared by the generic key command files.
 */
import type { CommandHandler, CommandSpec } from '../spec.js';
import type { ServerContext } from '../../server/context.js';
import type { Db } from '../../keyspace/db.js';
import type { RObj } from '../../keyspace/object.js';
import { META } from './meta.js';
import { Err } from '../../errors.js';
import { parseInteger } from '../args.js';

/** A command: its declaration from meta.ts plus its handler. */
export function command(fullName: string, run: CommandHandler): CommandSpec {
  const meta = META[fullName];
  if (meta === undefined) throw new Error(`no declaration for ${fullName}`);
  return { ...meta, run };
}

/**
 * Lookup without refreshing the access time (Redis's LOOKUP_NOTOUCH):
 * hits and misses still count, and a miss fires 'keymiss'.
 */
export function lookupNoTouch(ctx: ServerContext, db: Db, key: string): RObj | undefined {
  const obj = db.lookup(key);
  if (obj === undefined) ctx.keyspace.countLookup(db, key, undefined);
  else ctx.keyspace.stats.keyspaceHits++;
  return obj;
}

/** Adds a key that does not exist and announces it ('new'), as Redis's dbAdd. */
export function addKey(ctx: ServerContext, db: Db, key: string, obj: RObj): void {
  db.add(key, obj);
  ctx.keyspace.notify('n', 'new', key, db.id);
}

/** Redis's checkAlreadyExpired: a deadline not in the future deletes instead, except on a replica. */
export function alreadyExpired(ctx: ServerContext, when: number): boolean {
  return when <= ctx.keyspace.now() && ctx.keyspace.expireAllowed();
}

/**
 * A 32-bit int argument as getIntFromObjectOrReply reads it: the number, or
 * the error to reply (not an integer at all, or outside the int range).
 */
export function parseInt32(arg: string): number | string {
  const n = parseInteger(arg);
  if (n === null) return Err.NOT_INTEGER;
  if (n < -2147483648 || n > 2147483647) return Err.INT_RANGE;
  return n;
}

/** True if a maxmemory policy with LFU is selected (the keyspace then keeps LFU counters). */
export function lfuPolicy(ctx: ServerContext): boolean {
  return ctx.keyspace.lfu;
}
