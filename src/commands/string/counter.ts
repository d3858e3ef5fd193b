/**
 * Counters on string values: INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT.
 *
 * Integer arithmetic is exact over signed 64 bits. Values and increments
 * that fit in 15 digits (always below 2^53) take a number-only path; only
 * larger ones pay for BigInt.
 */
import type { CommandSpec } from '../spec.js';
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import { Err } from '../../errors.js';
import { parseInteger, parseI64 } from '../args.js';
import { keepString, strLatin1 } from '../../keyspace/object.js';
import { KS_RW_ACCESS_UPDATE, addStringKey } from './shared.js';
import { parseLongDouble, addLongDouble, formatLongDouble } from './longdouble.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const NOT_SMALL = Number.MAX_SAFE_INTEGER + 1;

/**
 * A stored value as string2ll() reads it, for values of at most 15
 * characters (no BigInt, no allocation); NOT_SMALL when longer, null when
 * not an integer.
 */
function smallInteger(v: string): number | null {
  const len = v.length;
  if (len === 0) return null;
  if (len > 15) return NOT_SMALL;
  let i = 0;
  let neg = false;
  if (v.charCodeAt(0) === 45) {
    if (len === 1) return null;
    neg = true;
    i = 1;
  }
  if (v.charCodeAt(i) === 48) return len === 1 ? 0 : null;
  let n = 0;
  for (; i < len; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return neg ? -n : n;
}

/**
 * incrDecrCommand(): adds incr (a number, or an exact bigint when it came
 * from an argument beyond 2^53) to the integer at key.
 */
function incrDecr(ctx: ServerContext, c: Client, key: string, incr: number, incrBig: bigint | null, out: ReplyWriter): void {
  const db = c.db;
  const obj = db.lookupWrite(key);
  let cur = 0;
  let curText: string | null = null;
  if (obj !== undefined) {
    if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
    curText = strLatin1(obj.value);
    const n = smallInteger(curText);
    if (n === null) return out.error(Err.NOT_INTEGER);
    cur = n;
  }
  let result: string;
  let reply: number | bigint;
  let sum = cur + incr;
  if (cur !== NOT_SMALL && incrBig === null && sum <= Number.MAX_SAFE_INTEGER && sum >= -Number.MAX_SAFE_INTEGER) {
    if (sum === 0) sum = 0; // no "-0"
    result = '' + sum;
    reply = sum;
  } else {
    let big = 0n;
    if (curText !== null) {
      const b = parseI64(curText);
      if (b === null) return out.error(Err.NOT_INTEGER);
      big = b;
    }
    const total = big + (incrBig ?? BigInt(incr));
    if (total > I64_MAX || total < I64_MIN) return out.error(Err.INCR_OVERFLOW);
    result = total.toString();
    reply = total;
  }
  // The TTL survives: Redis overwrites the value, not the key.
  // Kept as a JS string, not in the string store: V8 shares the strings of small numbers
  // (its number-string cache), as Redis shares its integer objects, so a counter's
  // new value rarely costs an allocation that has to survive a GC, and stays in cache.
  if (obj !== undefined) obj.value = keepString(obj.value, result, false);
  else addStringKey(ctx, db, key, result, false);
  ctx.keyspace.touch(db, key, '$', 'incrby');
  out.integer(reply);
}

/** The increment argument: a number, plus the exact bigint when it exceeds 2^53. */
function parseIncrement(arg: string): [number, bigint | null] | null {
  const n = parseInteger(arg);
  if (n === null) return null;
  if (n <= Number.MAX_SAFE_INTEGER && n >= -Number.MAX_SAFE_INTEGER) return [n, null];
  return [n, parseI64(arg)];
}

const KEY_ARG = { name: 'key', type: 'key', key_spec_index: 0 } as const;

function counterSpec(name: string, summary: string, run: CommandSpec['run'], extraArg?: string): CommandSpec {
  return {
    name,
    arity: extraArg ? 3 : 2,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['string'],
    keySpecs: KS_RW_ACCESS_UPDATE,
    group: 'string',
    since: name === 'incrbyfloat' ? '2.6.0' : '1.0.0',
    complexity: 'O(1)',
    summary,
    args: extraArg ? [KEY_ARG, { name: extraArg, type: name === 'incrbyfloat' ? 'double' : 'integer' }] : [KEY_ARG],
    run,
  };
}

export const counterCommands: CommandSpec[] = [
  // INCR key
  counterSpec('incr', 'Adds one to the integer value of a key, starting from 0 if it is missing.', (ctx, c, argv, out) => {
    incrDecr(ctx, c, argv[1], 1, null, out);
  }),
  // DECR key
  counterSpec('decr', 'Subtracts one from the integer value of a key, starting from 0 if it is missing.', (ctx, c, argv, out) => {
    incrDecr(ctx, c, argv[1], -1, null, out);
  }),
  // INCRBY key increment
  counterSpec(
    'incrby',
    'Adds an amount to the integer value of a key, starting from 0 if it is missing.',
    (ctx, c, argv, out) => {
      const inc = parseIncrement(argv[2]);
      if (inc === null) return out.error(Err.NOT_INTEGER);
      incrDecr(ctx, c, argv[1], inc[0], inc[1], out);
    },
    'increment',
  ),
  // DECRBY key decrement
  counterSpec(
    'decrby',
    'Subtracts an amount from the integer value of a key, starting from 0 if it is missing.',
    (ctx, c, argv, out) => {
      const inc = parseIncrement(argv[2]);
      if (inc === null) return out.error(Err.NOT_INTEGER);
      // -(-2^63) does not fit in 64 bits.
      if (inc[1] !== null && inc[1] === I64_MIN) return out.error(Err.DECR_OVERFLOW);
      incrDecr(ctx, c, argv[1], -inc[0], inc[1] === null ? null : -inc[1], out);
    },
    'decrement',
  ),
  // INCRBYFLOAT key increment
  counterSpec(
    'incrbyfloat',
    'Adds a floating point amount to the value of a key, starting from 0 if it is missing.',
    (ctx, c, argv, out) => {
      const key = argv[1];
      const db = c.db;
      const obj = db.lookupWrite(key);
      let cur: ReturnType<typeof parseLongDouble> = 0;
      if (obj !== undefined) {
        if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
        // The stored value is checked before the increment, as in Redis.
        cur = parseLongDouble(strLatin1(obj.value));
        if (cur === null) return out.error(Err.NOT_FLOAT);
      }
      const inc = parseLongDouble(argv[2]);
      if (inc === null) return out.error(Err.NOT_FLOAT);
      const sum = addLongDouble(cur, inc);
      if (typeof sum === 'number' && !Number.isFinite(sum)) return out.error(Err.INCR_NAN_INF);
      const text = formatLongDouble(sum);
      // Redis stores this text as a plain (embstr/raw) string: OBJECT ENCODING never says int here,
      // which Mnemo cannot express for short integer-looking texts ("5000") and reports as int.
      if (obj !== undefined) obj.value = keepString(obj.value, text);
      else addStringKey(ctx, db, key, text);
      ctx.keyspace.touch(db, key, '$', 'incrbyfloat');
      // Replicas get the result, so float formatting cannot diverge.
      if (ctx.exec.propagating) ctx.exec.rewriteArgv(['SET', key, text, 'KEEPTTL']);
      out.bulkLatin1(text);
    },
    'increment',
  ),
];
