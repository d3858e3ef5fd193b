/**
 * Hash commands. The data structure (listpack/hashtable encodings) lives in
 * src/types/hash.ts; this file parses, replies and announces changes.
 */
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { RObj } from '../keyspace/object.js';
import { Err, errArity } from '../errors.js';
import { eqi, parseI64 } from './args.js';
import { HashValue, hashLimits } from '../types/hash.js';
import { intsetValue } from '../types/set.js';
import { addLongDouble, formatLongDouble, parseLongDouble } from './string/longdouble.js';
import { parseCursor, parseScanOptions } from '../keyspace/scan.js';
import { globMatch } from '../keyspace/glob.js';
import { firstKey } from './keyspecs.js';

type Handler = NonNullable<CommandSpec['run']>;

/** Declarations as COMMAND INFO/DOCS report them; handlers are attached below. */
const META: Record<string, Omit<CommandSpec, 'run'>> = {
  hset: {
    name: 'hset',
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RW', 'update'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Sets one or more fields of a hash, creating the hash if needed.',
    complexity: 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
    history: [['4.0.0', 'Takes several field and value pairs.']],
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field_value', type: 'block', flags: ['multiple'], arguments: [{ name: 'field', type: 'string' }, { name: 'value', type: 'string' }] }],
  },
  hsetnx: {
    name: 'hsetnx',
    arity: 4,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RW', 'insert'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Sets a hash field only when that field is not present yet.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field', type: 'string' }, { name: 'value', type: 'string' }],
  },
  hmset: {
    name: 'hmset',
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RW', 'update'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Sets several hash fields at once (old form of HSET).',
    complexity: 'O(N) where N is the number of fields being set.',
    docFlags: ['deprecated'],
    deprecatedSince: '4.0.0',
    replacedBy: '`HSET` with multiple field-value pairs',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field_value', type: 'block', flags: ['multiple'], arguments: [{ name: 'field', type: 'string' }, { name: 'value', type: 'string' }] }],
  },
  hget: {
    name: 'hget',
    arity: 3,
    flags: ['readonly', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RO', 'access'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Returns the value stored under a field of a hash.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field', type: 'string' }],
  },
  hmget: {
    name: 'hmget',
    arity: -3,
    flags: ['readonly', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RO', 'access'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Returns the values stored under several fields of a hash.',
    complexity: 'O(N) where N is the number of fields being requested.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field', type: 'string', flags: ['multiple'] }],
  },
  hgetall: {
    name: 'hgetall',
    arity: 2,
    flags: ['readonly'],
    acl: ['hash'],
    keySpecs: firstKey('RO', 'access'),
    tips: ['nondeterministic_output_order'],
    group: 'hash',
    since: '2.0.0',
    summary: 'Returns every field and value of a hash.',
    complexity: 'O(N) where N is the size of the hash.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }],
  },
  hkeys: {
    name: 'hkeys',
    arity: 2,
    flags: ['readonly'],
    acl: ['hash'],
    keySpecs: firstKey('RO', 'access'),
    tips: ['nondeterministic_output_order'],
    group: 'hash',
    since: '2.0.0',
    summary: 'Returns every field name of a hash.',
    complexity: 'O(N) where N is the size of the hash.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }],
  },
  hvals: {
    name: 'hvals',
    arity: 2,
    flags: ['readonly'],
    acl: ['hash'],
    keySpecs: firstKey('RO', 'access'),
    tips: ['nondeterministic_output_order'],
    group: 'hash',
    since: '2.0.0',
    summary: 'Returns every value of a hash.',
    complexity: 'O(N) where N is the size of the hash.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }],
  },
  hlen: {
    name: 'hlen',
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RO'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Returns how many fields a hash holds.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }],
  },
  hexists: {
    name: 'hexists',
    arity: 3,
    flags: ['readonly', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RO'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Tells whether a field is present in a hash.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field', type: 'string' }],
  },
  hdel: {
    name: 'hdel',
    arity: -3,
    flags: ['write', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RW', 'delete'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Removes fields from a hash, deleting the hash once it is empty.',
    complexity: 'O(N) where N is the number of fields to be removed.',
    history: [['2.4.0', 'Takes several fields.']],
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field', type: 'string', flags: ['multiple'] }],
  },
  hstrlen: {
    name: 'hstrlen',
    arity: 3,
    flags: ['readonly', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RO'),
    group: 'hash',
    since: '3.2.0',
    summary: 'Returns the byte length of the value under a hash field.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field', type: 'string' }],
  },
  hincrby: {
    name: 'hincrby',
    arity: 4,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RW', 'access', 'update'),
    group: 'hash',
    since: '2.0.0',
    summary: 'Adds an integer to the number stored in a hash field, starting from 0 when absent.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field', type: 'string' }, { name: 'increment', type: 'integer' }],
  },
  hincrbyfloat: {
    name: 'hincrbyfloat',
    arity: 4,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['hash'],
    keySpecs: firstKey('RW', 'access', 'update'),
    group: 'hash',
    since: '2.6.0',
    summary: 'Adds a floating point amount to the number stored in a hash field, starting from 0 when absent.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'field', type: 'string' }, { name: 'increment', type: 'double' }],
  },
  hrandfield: {
    name: 'hrandfield',
    arity: -2,
    flags: ['readonly'],
    acl: ['hash'],
    keySpecs: firstKey('RO', 'access'),
    tips: ['nondeterministic_output'],
    group: 'hash',
    since: '6.2.0',
    summary: 'Returns one or more random fields of a hash, optionally with their values.',
    complexity: 'O(N) where N is the number of fields returned',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'options', type: 'block', flags: ['optional'], arguments: [{ name: 'count', type: 'integer' }, { name: 'withvalues', type: 'pure-token', token: 'WITHVALUES', flags: ['optional'] }] }],
  },
  hscan: {
    name: 'hscan',
    arity: -3,
    flags: ['readonly'],
    acl: ['hash'],
    keySpecs: firstKey('RO', 'access'),
    tips: ['nondeterministic_output'],
    group: 'hash',
    since: '2.8.0',
    summary: 'Walks the fields and values of a hash incrementally with a cursor.',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'cursor', type: 'integer' }, { name: 'pattern', type: 'pattern', token: 'MATCH', flags: ['optional'] }, { name: 'count', type: 'integer', token: 'COUNT', flags: ['optional'] }],
  },
};

function command(name: string, run: Handler): CommandSpec {
  return { ...META[name], run };
}

/** The hash at key for a read: undefined when missing, null after a WRONGTYPE reply. */
function readHash(c: Client, key: string, out: ReplyWriter): HashValue | undefined | null {
  const obj = c.db.lookupRead(key);
  if (obj === undefined) return undefined;
  if (obj.type !== 'hash') {
    out.error(Err.WRONGTYPE);
    return null;
  }
  return obj.value as HashValue;
}

/**
 * The hash at key for a write, created (with its 'new' event) when missing,
 * as hashTypeLookupWriteOrCreate does; null after a WRONGTYPE reply.
 */
function writeHash(ctx: ServerContext, c: Client, key: string, out: ReplyWriter): HashValue | null {
  const db = c.db;
  const obj = db.lookupWrite(key);
  if (obj !== undefined) {
    if (obj.type !== 'hash') {
      out.error(Err.WRONGTYPE);
      return null;
    }
    return obj.value as HashValue;
  }
  const h = new HashValue();
  db.add(key, new RObj('hash', h, ctx.keyspace.lruClock()));
  ctx.keyspace.notify('n', 'new', key, db.id);
  return h;
}

/** HSET key field value [field value ...] and HMSET: one 'hset' event for the whole command. */
function hsetGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, legacy: boolean): void {
  if (argv.length % 2 === 1) return out.error(errArity(legacy ? 'hmset' : 'hset'));
  const key = argv[1];
  const h = writeHash(ctx, c, key, out);
  if (h === null) return;
  const limits = hashLimits(ctx.config);
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) if (h.set(argv[i], argv[i + 1], limits)) created++;
  ctx.keyspace.touch(c.db, key, 'h', 'hset', (argv.length - 2) / 2);
  if (legacy) out.ok();
  else out.integer(created);
}

/**
 * Largest repeated-pick count answered (HRANDFIELD, SRANDMEMBER with a
 * negative count): Redis would try to build any size of reply and run out
 * of memory; Mnemo refuses with 'value is out of range' instead.
 */
export const MAX_REPEATED_PICKS = 1 << 24;
const LONG_MAX = 9223372036854775807n;

/** Integer index in [0, n). */
function randIndex(n: number): number {
  return Math.floor(Math.random() * n);
}

/**
 * `count` (< n) distinct indices in [0, n), in random order: a partial
 * Fisher-Yates over all indices when many are wanted, rejection otherwise.
 */
export function distinctIndices(n: number, count: number): number[] {
  if (count * 3 > n) {
    const all = new Array<number>(n);
    for (let i = 0; i < n; i++) all[i] = i;
    for (let i = 0; i < count; i++) {
      const j = i + randIndex(n - i);
      const t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    all.length = count;
    return all;
  }
  const seen = new Set<number>();
  const out: number[] = [];
  while (out.length < count) {
    const i = randIndex(n);
    if (!seen.has(i)) {
      seen.add(i);
      out.push(i);
    }
  }
  return out;
}

/** A pair as HRANDFIELD WITHVALUES sends it: nested in RESP3, flat in RESP2. */
function pairReply(out: ReplyWriter, f: string, v: string): void {
  if (out.resp === 3) out.array(2);
  out.bulkLatin1(f);
  out.bulkLatin1(v);
}

/** HRANDFIELD key count [WITHVALUES] */
function hrandfieldWithCount(c: Client, argv: string[], out: ReplyWriter): void {
  const l = parseI64(argv[2]);
  if (l === null) return out.error(Err.NOT_INTEGER);
  if (l < -LONG_MAX) return out.error(Err.LONG_RANGE);
  if (argv.length > 4 || (argv.length === 4 && !eqi(argv[3], 'withvalues'))) return out.error(Err.SYNTAX);
  const withValues = argv.length === 4;
  // Twice the count must fit in a long.
  if (withValues && (l < -(LONG_MAX / 2n) || l > LONG_MAX / 2n)) return out.error(Err.VALUE_OUT_OF_RANGE);
  const h = readHash(c, argv[1], out);
  if (h === null) return;
  if (h === undefined || l === 0n) return out.array(0);
  const size = h.size;
  // A listpack is decoded once; a hashtable answers by index in O(1).
  const flat = h.isListpack() ? h.flat() : null;
  const field = (i: number) => (flat !== null ? flat[2 * i] : h.fieldAt(i));
  const value = (i: number) => (flat !== null ? flat[2 * i + 1] : h.valueAt(i));
  const perPick = withValues && out.resp === 2 ? 2 : 1;
  if (l < 0n) {
    if (-l > BigInt(MAX_REPEATED_PICKS)) return out.error(Err.VALUE_OUT_OF_RANGE);
    const count = Number(-l);
    out.array(count * perPick);
    for (let k = 0; k < count; k++) {
      const i = randIndex(size);
      if (withValues) pairReply(out, field(i), value(i));
      else out.bulkLatin1(field(i));
    }
    return;
  }
  if (l >= BigInt(size)) {
    // The whole hash, in its own order.
    out.array(size * perPick);
    for (let i = 0; i < size; i++) {
      if (withValues) pairReply(out, field(i), value(i));
      else out.bulkLatin1(field(i));
    }
    return;
  }
  const picks = distinctIndices(size, Number(l));
  out.array(picks.length * perPick);
  for (const p of picks) {
    if (withValues) pairReply(out, field(p), value(p));
    else out.bulkLatin1(field(p));
  }
}

/**
 * HSCAN key cursor [MATCH pattern] [COUNT count]
 * A listpack answers in one go with cursor 0, as Redis does; a hashtable
 * is walked through the shared cursor table.
 */
function hscan(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const cursor = parseCursor(argv[2]);
  if (cursor === null) return out.error(Err.INVALID_CURSOR);
  const h = readHash(c, argv[1], out);
  if (h === null) return;
  if (h === undefined) {
    // Redis answers a missing key before looking at the options.
    out.array(2);
    out.bulkLatin1('0');
    return out.array(0);
  }
  const opts = parseScanOptions(argv, 3, false);
  if (typeof opts === 'string') return out.error(opts);
  const { count, pattern } = opts;
  const found: string[] = [];
  let next = 0;
  const ht = h.table();
  if (ht === null) {
    h.forEach((f, v) => {
      if (pattern === null || globMatch(pattern, f)) found.push(f, v);
    });
  } else {
    next = ht.scanCount(cursor, count, (f) => {
      if (pattern === null || globMatch(pattern, f)) found.push(f, h.get(f)!);
    });
  }
  out.array(2);
  out.bulkLatin1(String(next));
  out.bulkArray(found);
}


export const hashCommands: CommandSpec[] = [
  // HSET key field value [field value ...]
  command('hset', (ctx, c, argv, out) => hsetGeneric(ctx, c, argv, out, false)),
  // HMSET key field value [field value ...]
  command('hmset', (ctx, c, argv, out) => hsetGeneric(ctx, c, argv, out, true)),
  // HSETNX key field value
  command('hsetnx', (ctx, c, argv, out) => {
    const key = argv[1];
    const h = writeHash(ctx, c, key, out);
    if (h === null) return;
    const field = argv[2];
    if (h.has(field)) return out.integer(0);
    h.set(field, argv[3], hashLimits(ctx.config));
    ctx.keyspace.touch(c.db, key, 'h', 'hset');
    out.integer(1);
  }),
  // HGET key field
  command('hget', (ctx, c, argv, out) => {
    const h = readHash(c, argv[1], out);
    if (h === null) return;
    const v = h === undefined ? undefined : h.get(argv[2]);
    if (v === undefined) out.null();
    else out.bulkLatin1(v);
  }),
  // HMGET key field [field ...]
  command('hmget', (ctx, c, argv, out) => {
    const h = readHash(c, argv[1], out);
    if (h === null) return;
    out.array(argv.length - 2);
    for (let i = 2; i < argv.length; i++) {
      const v = h === undefined ? undefined : h.get(argv[i]);
      if (v === undefined) out.null();
      else out.bulkLatin1(v);
    }
  }),
  // HGETALL key
  command('hgetall', (ctx, c, argv, out) => {
    const h = readHash(c, argv[1], out);
    if (h === null) return;
    if (h === undefined) return out.map(0);
    out.map(h.size);
    h.forEach((f, v) => {
      out.bulkLatin1(f);
      out.bulkLatin1(v);
    });
  }),
  // HKEYS key
  command('hkeys', (ctx, c, argv, out) => {
    const h = readHash(c, argv[1], out);
    if (h === null) return;
    out.bulkArray(h === undefined ? [] : h.fields());
  }),
  // HVALS key
  command('hvals', (ctx, c, argv, out) => {
    const h = readHash(c, argv[1], out);
    if (h === null) return;
    out.bulkArray(h === undefined ? [] : h.values());
  }),
  // HLEN key
  command('hlen', (ctx, c, argv, out) => {
    const h = readHash(c, argv[1], out);
    if (h !== null) out.integer(h === undefined ? 0 : h.size);
  }),
  // HEXISTS key field
  command('hexists', (ctx, c, argv, out) => {
    const h = readHash(c, argv[1], out);
    if (h !== null) out.integer(h !== undefined && h.has(argv[2]) ? 1 : 0);
  }),
  // HSTRLEN key field
  command('hstrlen', (ctx, c, argv, out) => {
    const h = readHash(c, argv[1], out);
    if (h !== null) out.integer(h === undefined ? 0 : h.strlen(argv[2]));
  }),
  // HDEL key field [field ...]
  command('hdel', (ctx, c, argv, out) => {
    const key = argv[1];
    const db = c.db;
    const obj = db.lookupWrite(key);
    if (obj === undefined) return out.integer(0);
    if (obj.type !== 'hash') return out.error(Err.WRONGTYPE);
    const h = obj.value as HashValue;
    let deleted = 0;
    for (let i = 2; i < argv.length && h.size > 0; i++) if (h.delete(argv[i])) deleted++;
    if (deleted > 0) {
      const emptied = h.size === 0;
      if (emptied) db.delete(key);
      ctx.keyspace.touch(db, key, 'h', 'hdel', deleted);
      if (emptied) ctx.keyspace.notify('g', 'del', key, db.id);
    }
    out.integer(deleted);
  }),
  // HINCRBY key field increment
  command('hincrby', (ctx, c, argv, out) => {
    const incr = parseI64(argv[3]);
    if (incr === null) return out.error(Err.NOT_INTEGER);
    const key = argv[1];
    const h = writeHash(ctx, c, key, out);
    if (h === null) return;
    const field = argv[2];
    const cur = h.get(field);
    let value = 0n;
    if (cur !== undefined) {
      const v = intsetValue(cur);
      if (v === null) return out.error(Err.HASH_NOT_INTEGER);
      value = v;
    }
    const sum = value + incr;
    if (sum > LONG_MAX || sum < -LONG_MAX - 1n) return out.error(Err.INCR_OVERFLOW);
    h.set(field, String(sum), hashLimits(ctx.config));
    ctx.keyspace.touch(c.db, key, 'h', 'hincrby');
    out.integer(sum);
  }),
  // HINCRBYFLOAT key field increment
  command('hincrbyfloat', (ctx, c, argv, out) => {
    const incr = parseLongDouble(argv[3]);
    if (incr === null) return out.error(Err.NOT_FLOAT);
    if (typeof incr === 'number' && !Number.isFinite(incr)) return out.error(Err.VALUE_NAN_INF);
    const key = argv[1];
    const h = writeHash(ctx, c, key, out);
    if (h === null) return;
    const field = argv[2];
    const cur = h.get(field);
    let value: ReturnType<typeof parseLongDouble> = 0;
    if (cur !== undefined) {
      value = parseLongDouble(cur);
      if (value === null) return out.error(Err.HASH_NOT_FLOAT);
    }
    const sum = addLongDouble(value, incr);
    if (typeof sum === 'number' && !Number.isFinite(sum)) return out.error(Err.INCR_NAN_INF);
    const text = formatLongDouble(sum);
    h.set(field, text, hashLimits(ctx.config));
    ctx.keyspace.touch(c.db, key, 'h', 'hincrbyfloat');
    // Replicas get the result, so float formatting cannot diverge.
    if (ctx.exec.propagating) ctx.exec.rewriteArgv(['HSET', key, field, text]);
    out.bulkLatin1(text);
  }),
  // HRANDFIELD key [count [WITHVALUES]]
  command('hrandfield', (ctx, c, argv, out) => {
    if (argv.length >= 3) return hrandfieldWithCount(c, argv, out);
    const h = readHash(c, argv[1], out);
    if (h === null) return;
    if (h === undefined) return out.null();
    out.bulkLatin1(h.fieldAt(randIndex(h.size)));
  }),
  command('hscan', hscan),
];
