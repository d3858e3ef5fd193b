/**
 * What the string and bitmap commands share: key specs, storing a string
 * value the way Redis's setKey() does, and turning a value into a mutable
 * RawString the way dbUnshareStringValue() does.
 */
import type { KeySpec } from '../spec.js';
import type { ServerContext } from '../../server/context.js';
import type { Db } from '../../keyspace/db.js';
import { RObj, keepString, type StringValue } from '../../keyspace/object.js';
import { freeString, storedBytes } from '../../types/stringstore.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import { RawString } from '../../types/rawstring.js';
import { parseI64, parseInteger } from '../args.js';
import { errInvalidExpire, Err } from '../../errors.js';

const ONE_KEY = { begin: { index: 1 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } } as const;

export const KS_RO_ACCESS: KeySpec[] = [{ flags: ['RO', 'access'], ...ONE_KEY }];
export const KS_RO: KeySpec[] = [{ flags: ['RO'], ...ONE_KEY }];
export const KS_RW_ACCESS_UPDATE: KeySpec[] = [{ flags: ['RW', 'access', 'update'], ...ONE_KEY }];
export const KS_RW_UPDATE: KeySpec[] = [{ flags: ['RW', 'update'], ...ONE_KEY }];
export const KS_RW_INSERT: KeySpec[] = [{ flags: ['RW', 'insert'], ...ONE_KEY }];
export const KS_OW_UPDATE: KeySpec[] = [{ flags: ['OW', 'update'], ...ONE_KEY }];
export const KS_OW_INSERT: KeySpec[] = [{ flags: ['OW', 'insert'], ...ONE_KEY }];

/**
 * Stores a string at key as setKey() does: an existing string's RObj is
 * reused, and its store slot when the size class matches (no allocation on
 * the SET hot path), any other value is replaced,
 * and a new key announces 'new' before the caller's own event. The TTL is
 * dropped unless keepTtl. The caller signals the change (touch).
 */
export function setStringKey(ctx: ServerContext, db: Db, key: string, value: string | RawString, keepTtl: boolean): void {
  const old = db.lookupWrite(key);
  if (old !== undefined && old.type === 'string') {
    old.value = keepString(old.value, value);
    if (!keepTtl && db.expires.size !== 0) db.persist(key);
  } else if (old !== undefined) {
    db.set(key, new RObj('string', keepString(undefined, value), ctx.keyspace.lruClock()), keepTtl);
  } else {
    db.add(key, new RObj('string', keepString(undefined, value), ctx.keyspace.lruClock()));
    ctx.keyspace.notify('n', 'new', key, db.id);
  }
}

/** Adds a key known to be absent, announcing 'new'; offHeap as keepString() takes it. */
export function addStringKey(ctx: ServerContext, db: Db, key: string, value: string | RawString, offHeap = true): RObj {
  const obj = new RObj('string', keepString(undefined, value, offHeap), ctx.keyspace.lruClock());
  db.add(key, obj);
  ctx.keyspace.notify('n', 'new', key, db.id);
  return obj;
}

/**
 * The value as a RawString that may be changed in place. Like Redis's
 * dbUnshareStringValue(), this also changes OBJECT ENCODING to raw, even
 * when the bytes stay the same.
 */
export function unshare(obj: RObj): RawString {
  const v = obj.value as StringValue;
  if (typeof v === 'object') return v;
  let raw: RawString;
  if (typeof v === 'number') {
    const bytes = storedBytes(v);
    raw = new RawString(bytes, bytes.length + 16);
    freeString(v);
  } else raw = new RawString(v, v.length + 16);
  obj.value = raw;
  return raw;
}

/** A string value as a bulk reply. */
export function replyString(out: ReplyWriter, v: StringValue): void {
  if (typeof v === 'string') out.bulkLatin1(v);
  else if (typeof v === 'number') out.bulkStored(v);
  else out.bulk(v.view());
}

/** Redis's checkStringLength(): refuses a result longer than proto-max-bulk-len. */
export function tooLong(ctx: ServerContext, size: number, append: number): boolean {
  return size + append > ctx.config.protoMaxBulkLen;
}

const I64_MAX = 2n ** 63n - 1n;
const LLONG_MAX_DIV_1000 = 9223372036854775;

/**
 * An expire argument as an absolute deadline in unix ms, or an error text
 * (Redis's getExpireMillisecondsOrReply()). `seconds` scales by 1000,
 * `relative` adds the command's time (EX/PX; EXAT/PXAT are absolute).
 */
export function parseExpire(ctx: ServerContext, arg: string, seconds: boolean, relative: boolean, command: string): number | string {
  let v = parseInteger(arg);
  if (v === null) return Err.NOT_INTEGER;
  if (v <= 0 || (seconds && v > LLONG_MAX_DIV_1000)) return errInvalidExpire(command);
  const now = ctx.keyspace.now();
  if (v > Number.MAX_SAFE_INTEGER / 1000) {
    // Near the 64-bit limit a double cannot tell overflow apart: redo it exactly.
    let big = parseI64(arg)!;
    if (seconds) big *= 1000n;
    if (relative) big += BigInt(now);
    if (big > I64_MAX) return errInvalidExpire(command);
    return Number(big);
  }
  // Below 2^53 / 1000 neither the scaling nor adding the time can reach 2^63.
  if (seconds) v *= 1000;
  if (relative) v += now;
  return v;
}
