/**
 * Pops: ZPOPMIN, ZPOPMAX, ZMPOP and their blocking forms BZPOPMIN,
 * BZPOPMAX, BZMPOP (through the shared mechanism in keyspace/blocking.ts).
 */
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import type { CommandSpec } from '../spec.js';
import type { ZSetValue } from '../../types/zset.js';
import { Err } from '../../errors.js';
import { eqi } from '../args.js';
import { blockForKeys, cannotBlock, parseTimeout, wakeKey } from '../../keyspace/blocking.js';
import { command, parseLong, deleteIfEmpty, numkeysKeys } from './common.js';

type Where = 'min' | 'max';

/** Reply shapes of genericZpopCommand. */
interface PopShape {
  /** The key goes first (BZPOPMIN, ZMPOP). */
  emitKey: boolean;
  /** Pairs as nested arrays (ZMPOP always; ZPOPMIN with COUNT in RESP3). */
  nested: boolean;
  /** Nothing to pop: a null array (ZMPOP) instead of an empty array. */
  nilWhenEmpty: boolean;
}

/**
 * genericZpopCommand: the first existing key decides (WRONGTYPE if it is
 * not a zset); count -1 means the plain single pop.
 */
function zpopGeneric(ctx: ServerContext, c: Client, out: ReplyWriter, keys: string[], where: Where, count: number, shape: PopShape): void {
  let key = '';
  let z: ZSetValue | null = null;
  for (const k of keys) {
    const obj = c.db.lookupWrite(k);
    if (obj === undefined) continue;
    if (obj.type !== 'zset') return out.error(Err.WRONGTYPE);
    key = k;
    z = obj.value as ZSetValue;
    break;
  }
  if (z === null) return shape.nilWhenEmpty ? out.nullArray() : out.array(0);
  if (count === 0) return out.array(0);
  if (count === -1) count = 1;
  const n = Math.min(count, z.size);
  const nested = shape.nested;
  if (!shape.emitKey) out.array(nested ? n : 2 * n);
  else if (!nested) {
    out.array(2 * n + 1);
    out.bulkLatin1(key);
  } else {
    out.array(2);
    out.bulkLatin1(key);
    out.array(n);
  }
  const lo = where === 'min' ? 0 : z.size - n;
  const hi = lo + n - 1;
  // Popped members go out lowest first for MIN, highest first for MAX.
  z.forRange(where === 'min' ? lo : hi, where === 'min' ? hi : lo, where === 'max', (m, s) => {
    if (nested) out.array(2);
    out.bulkLatin1(m);
    out.double(s);
  });
  z.deleteRange(lo, hi);
  // The forms that name their key in the reply (blocking, multi-key) reach replicas as a plain pop of that key.
  const ex = ctx.exec;
  if (shape.emitKey && ex.propagating) {
    const name = where === 'min' ? 'ZPOPMIN' : 'ZPOPMAX';
    ex.rewriteArgv(nested ? [name, key, String(n)] : [name, key]);
  }
  ctx.keyspace.touch(c.db, key, 'z', where === 'min' ? 'zpopmin' : 'zpopmax', n);
  deleteIfEmpty(ctx, c, key, z);
}

/** ZPOPMIN key [count] / ZPOPMAX key [count] */
function zpopMinMax(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, where: Where): void {
  if (argv.length > 3) return out.error(Err.SYNTAX);
  let count = -1;
  if (argv.length === 3) {
    const n = parseLong(argv[2]);
    if (n === null || n < 0) return out.error(Err.ZMUST_BE_POSITIVE);
    count = n;
  }
  // RESP3 nests the pairs only when COUNT was given.
  const nested = out.resp === 3 && count !== -1;
  zpopGeneric(ctx, c, out, [argv[1]], where, count, { emitKey: false, nested, nilWhenEmpty: false });
}

/**
 * The blocking pops. A client woken by a change to one of its keys pops
 * from that key, as Redis 7.0 serves it, not from the first non-empty one.
 */
function blockingPop(ctx: ServerContext, c: Client, out: ReplyWriter, keys: string[], deadline: number, where: Where, count: number, shape: PopShape): void {
  const woken = wakeKey(ctx, c);
  const candidates = woken !== null ? [woken] : keys;
  for (const k of candidates) {
    const obj = c.db.lookupWrite(k);
    if (obj === undefined) continue;
    if (obj.type !== 'zset') {
      if (woken !== null) continue;
      return out.error(Err.WRONGTYPE);
    }
    if ((obj.value as ZSetValue).size === 0) continue;
    return zpopGeneric(ctx, c, out, [k], where, count, shape);
  }
  if (cannotBlock(ctx, c)) return out.nullArray();
  blockForKeys(ctx, c, keys, deadline, (cl) => cl.out.nullArray());
}

/** BZPOPMIN key [key ...] timeout / BZPOPMAX key [key ...] timeout */
function bzpopMinMax(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, where: Where): void {
  const deadline = parseTimeout(ctx, argv[argv.length - 1]);
  if (typeof deadline === 'string') return out.error(deadline);
  const keys: string[] = [];
  for (let i = 1; i < argv.length - 1; i++) keys.push(argv[i]);
  blockingPop(ctx, c, out, keys, deadline, where, -1, { emitKey: true, nested: false, nilWhenEmpty: true });
}

/**
 * ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
 * BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]
 */
function zmpopGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, numIdx: number, blocking: boolean): void {
  let deadline = 0;
  if (blocking) {
    const d = parseTimeout(ctx, argv[1]);
    if (typeof d === 'string') return out.error(d);
    deadline = d;
  }
  const numkeys = parseLong(argv[numIdx]);
  if (numkeys === null || numkeys < 1) return out.error(Err.ZNUMKEYS_POSITIVE);
  const whereIdx = numIdx + numkeys + 1;
  if (whereIdx >= argv.length) return out.error(Err.SYNTAX);
  let where: Where;
  if (eqi(argv[whereIdx], 'min')) where = 'min';
  else if (eqi(argv[whereIdx], 'max')) where = 'max';
  else return out.error(Err.SYNTAX);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && eqi(argv[j], 'count') && j + 1 < argv.length) {
      const n = parseLong(argv[++j]);
      if (n === null || n < 1) return out.error(Err.ZCOUNT_POSITIVE);
      count = n;
    } else return out.error(Err.SYNTAX);
  }
  if (count === -1) count = 1;
  const keys: string[] = [];
  for (let i = numIdx + 1; i < whereIdx; i++) keys.push(argv[i]);
  const shape: PopShape = { emitKey: true, nested: true, nilWhenEmpty: true };
  if (blocking) blockingPop(ctx, c, out, keys, deadline, where, count, shape);
  else zpopGeneric(ctx, c, out, keys, where, count, shape);
}

export const popCommands: CommandSpec[] = [
  command('zpopmin', (ctx, c, argv, out) => zpopMinMax(ctx, c, argv, out, 'min')),
  command('zpopmax', (ctx, c, argv, out) => zpopMinMax(ctx, c, argv, out, 'max')),
  command('zmpop', (ctx, c, argv, out) => zmpopGeneric(ctx, c, argv, out, 1, false), numkeysKeys(1, [])),
  command('bzpopmin', (ctx, c, argv, out) => bzpopMinMax(ctx, c, argv, out, 'min')),
  command('bzpopmax', (ctx, c, argv, out) => bzpopMinMax(ctx, c, argv, out, 'max')),
  command('bzmpop', (ctx, c, argv, out) => zmpopGeneric(ctx, c, argv, out, 2, true), numkeysKeys(2, [])),
];
