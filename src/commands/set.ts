/**
 * Set commands. The data structure (intset/hashtable encodings) lives in
 * src/types/set.ts; this file parses, replies and announces changes.
 */
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { RObj } from '../keyspace/object.js';
import { Err } from '../errors.js';
import { eqi, parseI64, parseInteger } from './args.js';
import { SetValue, setLimits } from '../types/set.js';
import { parseCursor, parseScanOptions } from '../keyspace/scan.js';
import { globMatch } from '../keyspace/glob.js';
import { MAX_REPEATED_PICKS, distinctIndices } from './hash.js';
import { firstKey } from './keyspecs.js';

type Handler = NonNullable<CommandSpec['run']>;

/** Declarations as COMMAND INFO/DOCS report them; handlers are attached below. */
const META: Record<string, Omit<CommandSpec, 'run'>> = {
  sadd: {
    name: 'sadd',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['set'],
    keySpecs: firstKey('RW', 'insert'),
    group: 'set',
    since: '1.0.0',
    summary: 'Adds members to a set, creating the set if needed.',
    complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['2.4.0', 'Takes several members.']],
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'member', type: 'string', flags: ['multiple'] }],
  },
  srem: {
    name: 'srem',
    arity: -3,
    flags: ['write', 'fast'],
    acl: ['set'],
    keySpecs: firstKey('RW', 'delete'),
    group: 'set',
    since: '1.0.0',
    summary: 'Removes members from a set, deleting the set once it is empty.',
    complexity: 'O(N) where N is the number of members to be removed.',
    history: [['2.4.0', 'Takes several members.']],
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'member', type: 'string', flags: ['multiple'] }],
  },
  scard: {
    name: 'scard',
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['set'],
    keySpecs: firstKey('RO'),
    group: 'set',
    since: '1.0.0',
    summary: 'Returns how many members a set holds.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }],
  },
  sismember: {
    name: 'sismember',
    arity: 3,
    flags: ['readonly', 'fast'],
    acl: ['set'],
    keySpecs: firstKey('RO'),
    group: 'set',
    since: '1.0.0',
    summary: 'Tells whether a value is a member of a set.',
    complexity: 'O(1)',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'member', type: 'string' }],
  },
  smismember: {
    name: 'smismember',
    arity: -3,
    flags: ['readonly', 'fast'],
    acl: ['set'],
    keySpecs: firstKey('RO', 'access'),
    group: 'set',
    since: '6.2.0',
    summary: 'Tells, for each of several values, whether it is a member of a set.',
    complexity: 'O(N) where N is the number of elements being checked for membership',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'member', type: 'string', flags: ['multiple'] }],
  },
  smembers: {
    name: 'smembers',
    arity: 2,
    flags: ['readonly'],
    acl: ['set'],
    keySpecs: firstKey('RO', 'access'),
    tips: ['nondeterministic_output_order'],
    group: 'set',
    since: '1.0.0',
    summary: 'Returns every member of a set.',
    complexity: 'O(N) where N is the set cardinality.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }],
  },
  spop: {
    name: 'spop',
    arity: -2,
    flags: ['write', 'fast'],
    acl: ['set'],
    keySpecs: firstKey('RW', 'access', 'delete'),
    tips: ['nondeterministic_output'],
    group: 'set',
    since: '1.0.0',
    summary: 'Removes and returns one or more random members of a set.',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
    history: [['3.2.0', 'Gained the optional count.']],
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'count', type: 'integer', since: '3.2.0', flags: ['optional'] }],
  },
  srandmember: {
    name: 'srandmember',
    arity: -2,
    flags: ['readonly'],
    acl: ['set'],
    keySpecs: firstKey('RO', 'access'),
    tips: ['nondeterministic_output'],
    group: 'set',
    since: '1.0.0',
    summary: 'Returns one or more random members of a set without removing them.',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
    history: [['2.6.0', 'Gained the optional count.']],
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'count', type: 'integer', since: '2.6.0', flags: ['optional'] }],
  },
  smove: {
    name: 'smove',
    arity: 4,
    flags: ['write', 'fast'],
    acl: ['set'],
    keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }, { flags: ['RW', 'insert'], begin: { index: 2 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }],
    group: 'set',
    since: '1.0.0',
    summary: 'Moves a member from one set to another.',
    complexity: 'O(1)',
    args: [{ name: 'source', type: 'key', key_spec_index: 0 }, { name: 'destination', type: 'key', key_spec_index: 1 }, { name: 'member', type: 'string' }],
  },
  sinter: {
    name: 'sinter',
    arity: -2,
    flags: ['readonly'],
    acl: ['set'],
    keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } }],
    tips: ['nondeterministic_output_order'],
    group: 'set',
    since: '1.0.0',
    summary: 'Returns the members common to all the given sets.',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0, flags: ['multiple'] }],
  },
  sintercard: {
    name: 'sintercard',
    arity: -3,
    flags: ['readonly'],
    acl: ['set'],
    keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { keynum: { keynumidx: 0, firstkey: 1, keystep: 1 } } }],
    group: 'set',
    since: '7.0.0',
    summary: 'Returns how many members the given sets have in common, optionally stopping at a limit.',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    args: [{ name: 'numkeys', type: 'integer' }, { name: 'key', type: 'key', key_spec_index: 0, flags: ['multiple'] }, { name: 'limit', type: 'integer', token: 'LIMIT', flags: ['optional'] }],
  },
  sunion: {
    name: 'sunion',
    arity: -2,
    flags: ['readonly'],
    acl: ['set'],
    keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } }],
    tips: ['nondeterministic_output_order'],
    group: 'set',
    since: '1.0.0',
    summary: 'Returns the members present in any of the given sets.',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0, flags: ['multiple'] }],
  },
  sdiff: {
    name: 'sdiff',
    arity: -2,
    flags: ['readonly'],
    acl: ['set'],
    keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } }],
    tips: ['nondeterministic_output_order'],
    group: 'set',
    since: '1.0.0',
    summary: 'Returns the members of the first set that are in none of the other sets.',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0, flags: ['multiple'] }],
  },
  sinterstore: {
    name: 'sinterstore',
    arity: -3,
    flags: ['write', 'denyoom'],
    acl: ['set'],
    keySpecs: [{ flags: ['RW', 'update'], begin: { index: 1 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } }],
    group: 'set',
    since: '1.0.0',
    summary: 'Stores the intersection of the given sets in a key.',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    args: [{ name: 'destination', type: 'key', key_spec_index: 0 }, { name: 'key', type: 'key', key_spec_index: 1, flags: ['multiple'] }],
  },
  sunionstore: {
    name: 'sunionstore',
    arity: -3,
    flags: ['write', 'denyoom'],
    acl: ['set'],
    keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } }],
    group: 'set',
    since: '1.0.0',
    summary: 'Stores the union of the given sets in a key.',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    args: [{ name: 'destination', type: 'key', key_spec_index: 0 }, { name: 'key', type: 'key', key_spec_index: 1, flags: ['multiple'] }],
  },
  sdiffstore: {
    name: 'sdiffstore',
    arity: -3,
    flags: ['write', 'denyoom'],
    acl: ['set'],
    keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } }],
    group: 'set',
    since: '1.0.0',
    summary: 'Stores the difference of the first set and the other sets in a key.',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    args: [{ name: 'destination', type: 'key', key_spec_index: 0 }, { name: 'key', type: 'key', key_spec_index: 1, flags: ['multiple'] }],
  },
  sscan: {
    name: 'sscan',
    arity: -3,
    flags: ['readonly'],
    acl: ['set'],
    keySpecs: firstKey('RO', 'access'),
    tips: ['nondeterministic_output'],
    group: 'set',
    since: '2.8.0',
    summary: 'Walks the members of a set incrementally with a cursor.',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }, { name: 'cursor', type: 'integer' }, { name: 'pattern', type: 'pattern', token: 'MATCH', flags: ['optional'] }, { name: 'count', type: 'integer', token: 'COUNT', flags: ['optional'] }],
  },
};

function command(name: string, run: Handler, getKeys?: (argv: string[]) => number[]): CommandSpec {
  return getKeys ? { ...META[name], run, getKeys } : { ...META[name], run };
}

/** The set at key: undefined when missing, null after a WRONGTYPE reply. */
function lookupSet(c: Client, key: string, out: ReplyWriter, write: boolean): SetValue | undefined | null {
  const obj = write ? c.db.lookupWrite(key) : c.db.lookupRead(key);
  if (obj === undefined) return undefined;
  if (obj.type !== 'set') {
    out.error(Err.WRONGTYPE);
    return null;
  }
  return obj.value as SetValue;
}

/**
 * Every set named by argv[from..to), missing ones as null; undefined after a WRONGTYPE reply (all are checked first).
 * Sources are read lookups even for the STORE forms: Redis 7.0 counts them and fires keymiss for them.
 */
function lookupSets(c: Client, argv: string[], from: number, to: number, out: ReplyWriter): (SetValue | null)[] | undefined {
  const sets: (SetValue | null)[] = [];
  for (let i = from; i < to; i++) {
    const s = lookupSet(c, argv[i], out, false);
    if (s === null) return undefined;
    sets.push(s ?? null);
  }
  return sets;
}

/** Writes a set reply (~ in RESP3) of s's members in s's order. */
function replySet(out: ReplyWriter, s: SetValue): void {
  const n = s.size;
  out.set(n);
  for (let i = 0; i < n; i++) out.bulkLatin1(s.at(i));
}

/** Removes an emptied set's key after its command's event: 'del' follows, as in Redis. */
function deleteIfEmpty(ctx: ServerContext, c: Client, key: string, s: SetValue): void {
  if (s.size !== 0) return;
  c.db.delete(key);
  ctx.keyspace.notify('g', 'del', key, c.db.id);
}

/**
 * Stores a result as setKey() does (TTL dropped, 'new' when the key is
 * created, then the command's event), or deletes the destination when the
 * result is empty ('del' only if something was there). Replies the size.
 */
function storeResult(ctx: ServerContext, c: Client, key: string, s: SetValue, event: string, out: ReplyWriter): void {
  const db = c.db;
  const existed = db.lookupWrite(key) !== undefined;
  if (s.size > 0) {
    db.set(key, new RObj('set', s, ctx.keyspace.lruClock()));
    if (!existed) ctx.keyspace.notify('n', 'new', key, db.id);
    ctx.keyspace.touch(db, key, 's', event);
  } else if (existed) {
    db.delete(key);
    ctx.keyspace.touch(db, key, 'g', 'del');
  }
  out.integer(s.size);
}

const LONG_MAX = 9223372036854775807n;
/** SPOP rebuilds the set from the survivors when fewer than count/5 remain (Redis's SPOP_MOVE_STRATEGY_MUL). */
const SPOP_MOVE_STRATEGY_MUL = 5;

/**
 * Visits the intersection of sets (none missing), walking the smallest in
 * its own order as Redis does; stops after `limit` members when limit > 0.
 * Returns how many were visited.
 */
function intersect(sets: SetValue[], limit: number, visit: ((member: string) => void) | null): number {
  const sorted = sets.slice().sort((a, b) => a.size - b.size);
  const first = sorted[0];
  let count = 0;
  for (let i = 0, n = first.size; i < n; i++) {
    const m = first.at(i);
    let inAll = true;
    for (let j = 1; j < sorted.length; j++) {
      if (sorted[j] !== first && !sorted[j].has(m)) {
        inAll = false;
        break;
      }
    }
    if (!inAll) continue;
    count++;
    if (visit !== null) visit(m);
    if (limit > 0 && count === limit) break;
  }
  return count;
}

/** SINTER key [key ...], SMEMBERS key and SINTERSTORE destination key [key ...] */
function sinterGeneric(ctx: ServerContext, c: Client, argv: string[], from: number, dst: string | null, out: ReplyWriter): void {
  const sets = lookupSets(c, argv, from, argv.length, out);
  if (sets === undefined) return;
  // An intersection with a missing (empty) set is empty.
  if (sets.includes(null)) {
    if (dst !== null) return storeResult(ctx, c, dst, new SetValue(), 'sinterstore', out);
    return out.set(0);
  }
  if (dst !== null) {
    // Built member by member into a fresh set, so the encoding follows the contents as in Redis.
    const result = new SetValue();
    const limits = setLimits(ctx.config);
    intersect(sets as SetValue[], 0, (m) => result.add(m, limits));
    return storeResult(ctx, c, dst, result, 'sinterstore', out);
  }
  if (sets.length === 1) return replySet(out, sets[0]!);
  const members: string[] = [];
  intersect(sets as SetValue[], 0, (m) => members.push(m));
  out.set(members.length);
  for (const m of members) out.bulkLatin1(m);
}

/** SUNION / SDIFF and their STORE forms: the result set built as Redis builds it (same encoding). */
function sunionDiffGeneric(ctx: ServerContext, c: Client, argv: string[], from: number, dst: string | null, diff: boolean, out: ReplyWriter): void {
  const sets = lookupSets(c, argv, from, argv.length, out);
  if (sets === undefined) return;
  const limits = setLimits(ctx.config);
  const result = new SetValue();
  if (!diff) {
    for (const s of sets) if (s !== null) for (let i = 0, n = s.size; i < n; i++) result.add(s.at(i), limits);
  } else if (sets[0] !== null && !sets.slice(1).includes(sets[0])) {
    const first = sets[0];
    // Redis picks between two algorithms by estimated work; the second one
    // adds the whole first set and then removes, so the result keeps the
    // encoding of the first set's contents: the choice shows in OBJECT ENCODING.
    let oneWork = 0;
    let twoWork = 0;
    for (const s of sets) {
      if (s === null) continue;
      oneWork += first.size;
      twoWork += s.size;
    }
    oneWork = Math.floor(oneWork / 2);
    const others = sets.slice(1).filter((s): s is SetValue => s !== null);
    if (oneWork <= twoWork) {
      others.sort((a, b) => b.size - a.size);
      for (let i = 0, n = first.size; i < n; i++) {
        const m = first.at(i);
        if (!others.some((s) => s.has(m))) result.add(m, limits);
      }
    } else {
      for (let i = 0, n = first.size; i < n; i++) result.add(first.at(i), limits);
      for (const s of others) {
        for (let i = 0, n = s.size; i < n && result.size > 0; i++) result.remove(s.at(i));
        if (result.size === 0) break;
      }
    }
  }
  if (dst !== null) return storeResult(ctx, c, dst, result, diff ? 'sdiffstore' : 'sunionstore', out);
  replySet(out, result);
}

/** SPOP key count */
function spopWithCount(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const l = parseI64(argv[2]);
  // Redis's getPositiveLongFromObjectOrReply gives the same message for garbage and negatives.
  if (l === null || l < 0n) return out.error(Err.MUST_BE_POSITIVE);
  const key = argv[1];
  const s = lookupSet(c, key, out, true);
  if (s === null) return;
  if (s === undefined || l === 0n) return out.set(0);
  const db = c.db;
  const size = s.size;
  ctx.keyspace.notify('s', 'spop', key, db.id);
  const ex = ctx.exec;
  // Replicas get the members that were drawn, not the draw.
  ex.preventPropagation();
  if (l >= BigInt(size)) {
    replySet(out, s);
    db.delete(key);
    ctx.keyspace.notify('g', 'del', key, db.id);
    if (ex.propagating) ex.alsoPropagate(db.id, ['DEL', key]);
  } else {
    const count = Number(l);
    out.set(count);
    for (let k = 0; k < count; k++) {
      const m = s.popRandom();
      out.bulkLatin1(m);
      if (ex.propagating) ex.alsoPropagate(db.id, ['SREM', key, m]);
    }
    if ((size - count) * SPOP_MOVE_STRATEGY_MUL <= count) s.reencode(setLimits(ctx.config));
  }
  ctx.keyspace.modified(db, key);
  ctx.keyspace.changed();
}

/** SRANDMEMBER key count */
function srandmemberWithCount(c: Client, argv: string[], out: ReplyWriter): void {
  const l = parseI64(argv[2]);
  if (l === null) return out.error(Err.NOT_INTEGER);
  if (l < -LONG_MAX) return out.error(Err.LONG_RANGE);
  const s = lookupSet(c, argv[1], out, false);
  if (s === null) return;
  if (s === undefined || l === 0n) return out.array(0);
  const size = s.size;
  if (l < 0n) {
    if (-l > BigInt(MAX_REPEATED_PICKS)) return out.error(Err.VALUE_OUT_OF_RANGE);
    const count = Number(-l);
    out.array(count);
    for (let k = 0; k < count; k++) out.bulkLatin1(s.randomMember());
    return;
  }
  if (l >= BigInt(size)) {
    out.array(size);
    for (let i = 0; i < size; i++) out.bulkLatin1(s.at(i));
    return;
  }
  const picks = distinctIndices(size, Number(l));
  out.array(picks.length);
  for (const i of picks) out.bulkLatin1(s.at(i));
}

/**
 * SSCAN key cursor [MATCH pattern] [COUNT count]
 * An intset answers in one go with cursor 0, as Redis does; a hashtable is
 * walked through the shared cursor table.
 */
function sscan(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const cursor = parseCursor(argv[2]);
  if (cursor === null) return out.error(Err.INVALID_CURSOR);
  const s = lookupSet(c, argv[1], out, false);
  if (s === null) return;
  if (s === undefined) {
    out.array(2);
    out.bulkLatin1('0');
    return out.array(0);
  }
  const opts = parseScanOptions(argv, 3, false);
  if (typeof opts === 'string') return out.error(opts);
  const { count, pattern } = opts;
  const found: string[] = [];
  let next = 0;
  const table = s.table();
  if (table === null) {
    for (let i = 0, n = s.size; i < n; i++) {
      const m = s.at(i);
      if (pattern === null || globMatch(pattern, m)) found.push(m);
    }
  } else {
    next = table.scanCount(cursor, count, (m) => {
      if (pattern === null || globMatch(pattern, m)) found.push(m);
    });
  }
  out.array(2);
  out.bulkLatin1(String(next));
  out.bulkArray(found);
}

export const setCommands: CommandSpec[] = [
  // SADD key member [member ...]
  command('sadd', (ctx, c, argv, out) => {
    const key = argv[1];
    const db = c.db;
    let s = lookupSet(c, key, out, true);
    if (s === null) return;
    if (s === undefined) {
      s = new SetValue();
      db.add(key, new RObj('set', s, ctx.keyspace.lruClock()));
      ctx.keyspace.notify('n', 'new', key, db.id);
    }
    const limits = setLimits(ctx.config);
    let added = 0;
    for (let i = 2; i < argv.length; i++) if (s.add(argv[i], limits)) added++;
    if (added > 0) ctx.keyspace.touch(db, key, 's', 'sadd', added);
    out.integer(added);
  }),
  // SREM key member [member ...]
  command('srem', (ctx, c, argv, out) => {
    const key = argv[1];
    const s = lookupSet(c, key, out, true);
    if (s === null) return;
    if (s === undefined) return out.integer(0);
    let removed = 0;
    for (let i = 2; i < argv.length && s.size > 0; i++) if (s.remove(argv[i])) removed++;
    if (removed > 0) {
      const emptied = s.size === 0;
      if (emptied) c.db.delete(key);
      ctx.keyspace.touch(c.db, key, 's', 'srem', removed);
      if (emptied) ctx.keyspace.notify('g', 'del', key, c.db.id);
    }
    out.integer(removed);
  }),
  // SCARD key
  command('scard', (ctx, c, argv, out) => {
    const s = lookupSet(c, argv[1], out, false);
    if (s !== null) out.integer(s === undefined ? 0 : s.size);
  }),
  // SISMEMBER key member
  command('sismember', (ctx, c, argv, out) => {
    const s = lookupSet(c, argv[1], out, false);
    if (s !== null) out.integer(s !== undefined && s.has(argv[2]) ? 1 : 0);
  }),
  // SMISMEMBER key member [member ...]
  command('smismember', (ctx, c, argv, out) => {
    const s = lookupSet(c, argv[1], out, false);
    if (s === null) return;
    out.array(argv.length - 2);
    for (let i = 2; i < argv.length; i++) out.integer(s !== undefined && s.has(argv[i]) ? 1 : 0);
  }),
  // SMEMBERS key (Redis runs it as a one-key SINTER)
  command('smembers', (ctx, c, argv, out) => sinterGeneric(ctx, c, argv, 1, null, out)),
  // SPOP key [count]
  command('spop', (ctx, c, argv, out) => {
    if (argv.length > 3) return out.error(Err.SYNTAX);
    if (argv.length === 3) return spopWithCount(ctx, c, argv, out);
    const key = argv[1];
    const s = lookupSet(c, key, out, true);
    if (s === null) return;
    if (s === undefined) return out.null();
    const m = s.popRandom();
    ctx.keyspace.notify('s', 'spop', key, c.db.id);
    // Replicas get the member that was drawn, not the draw.
    if (ctx.exec.propagating) ctx.exec.rewriteArgv(['SREM', key, m]);
    out.bulkLatin1(m);
    deleteIfEmpty(ctx, c, key, s);
    ctx.keyspace.modified(c.db, key);
    ctx.keyspace.changed();
  }),
  // SRANDMEMBER key [count]
  command('srandmember', (ctx, c, argv, out) => {
    if (argv.length > 3) return out.error(Err.SYNTAX);
    if (argv.length === 3) return srandmemberWithCount(c, argv, out);
    const s = lookupSet(c, argv[1], out, false);
    if (s === null) return;
    if (s === undefined) return out.null();
    out.bulkLatin1(s.randomMember());
  }),
  // SMOVE source destination member
  command('smove', (ctx, c, argv, out) => {
    const srcKey = argv[1];
    const dstKey = argv[2];
    const db = c.db;
    const srcObj = db.lookupWrite(srcKey);
    const dstObj = db.lookupWrite(dstKey);
    if (srcObj === undefined) return out.integer(0);
    if (srcObj.type !== 'set' || (dstObj !== undefined && dstObj.type !== 'set')) return out.error(Err.WRONGTYPE);
    const src = srcObj.value as SetValue;
    const member = argv[3];
    if (srcObj === dstObj) return out.integer(src.has(member) ? 1 : 0);
    if (!src.remove(member)) return out.integer(0);
    const ks = ctx.keyspace;
    ks.notify('s', 'srem', srcKey, db.id);
    deleteIfEmpty(ctx, c, srcKey, src);
    let dst: SetValue;
    if (dstObj === undefined) {
      dst = new SetValue();
      db.add(dstKey, new RObj('set', dst, ks.lruClock()));
      ks.notify('n', 'new', dstKey, db.id);
    } else dst = dstObj.value as SetValue;
    ks.modified(db, srcKey);
    ks.changed();
    if (dst.add(member, setLimits(ctx.config))) ks.touch(db, dstKey, 's', 'sadd');
    out.integer(1);
  }),
  // SINTER key [key ...]
  command('sinter', (ctx, c, argv, out) => sinterGeneric(ctx, c, argv, 1, null, out)),
  // SINTERCARD numkeys key [key ...] [LIMIT limit]
  command(
    'sintercard',
    (ctx, c, argv, out) => {
      const numkeys = parseI64(argv[1]);
      if (numkeys === null || numkeys < 1n) return out.error(Err.NUMKEYS_NOT_POSITIVE);
      if (numkeys > BigInt(argv.length - 2)) return out.error(Err.NUMKEYS_TOO_MANY);
      const end = 2 + Number(numkeys);
      let limit = 0;
      for (let i = end; i < argv.length; i++) {
        if (eqi(argv[i], 'limit') && i + 1 < argv.length) {
          const n = parseI64(argv[++i]);
          if (n === null || n < 0n) return out.error(Err.LIMIT_NEGATIVE);
          limit = n > BigInt(Number.MAX_SAFE_INTEGER) ? 0 : Number(n);
        } else return out.error(Err.SYNTAX);
      }
      const sets = lookupSets(c, argv, 2, end, out);
      if (sets === undefined) return;
      if (sets.includes(null)) return out.integer(0);
      out.integer(intersect(sets as SetValue[], limit, null));
    },
    (argv) => {
      const n = argv.length > 1 ? parseInteger(argv[1]) : null;
      if (n === null || n < 1 || 1 + n >= argv.length) return [];
      const keys: number[] = [];
      for (let i = 0; i < n; i++) keys.push(2 + i);
      return keys;
    },
  ),
  // SINTERSTORE destination key [key ...]
  command('sinterstore', (ctx, c, argv, out) => sinterGeneric(ctx, c, argv, 2, argv[1], out)),
  // SUNION key [key ...]
  command('sunion', (ctx, c, argv, out) => sunionDiffGeneric(ctx, c, argv, 1, null, false, out)),
  // SUNIONSTORE destination key [key ...]
  command('sunionstore', (ctx, c, argv, out) => sunionDiffGeneric(ctx, c, argv, 2, argv[1], false, out)),
  // SDIFF key [key ...]
  command('sdiff', (ctx, c, argv, out) => sunionDiffGeneric(ctx, c, argv, 1, null, true, out)),
  // SDIFFSTORE destination key [key ...]
  command('sdiffstore', (ctx, c, argv, out) => sunionDiffGeneric(ctx, c, argv, 2, argv[1], true, out)),
  command('sscan', sscan),
];
