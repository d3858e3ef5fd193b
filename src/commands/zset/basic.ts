/**
 * Sorted sets, member at a time: ZADD, ZINCRBY, ZREM, ZCARD, ZSCORE,
 * ZMSCORE, ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT, ZRANDMEMBER, ZSCAN.
 */
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import type { CommandSpec } from '../spec.js';
import { RObj } from '../../keyspace/object.js';
import { ZSetValue, zsetLimits } from '../../types/zset.js';
import { Err } from '../../errors.js';
import { eqi, parseI64, parseInteger } from '../args.js';
import { formatDouble } from '../../protocol/writer.js';
import { parseCursor, parseScanOptions } from '../../keyspace/scan.js';
import { globMatch } from '../../keyspace/glob.js';
import { command, parseScore, parseScoreRange, parseLexRange, scoreRanks, lexRanks, deleteIfEmpty, writeScored } from './common.js';

/** Largest repeated-pick count ZRANDMEMBER answers (the same cap as HRANDFIELD's). */
const MAX_REPEATED_PICKS = 1 << 24;

const NX = 1;
const XX = 2;
const GT = 4;
const LT = 8;
const INCR = 16;
const CH = 32;

/** The zset at key for a read, undefined when absent; false after a WRONGTYPE reply. */
function readZset(c: Client, key: string, out: ReplyWriter): ZSetValue | undefined | false {
  const obj = c.db.lookupRead(key);
  if (obj === undefined) return undefined;
  if (obj.type !== 'zset') {
    out.error(Err.WRONGTYPE);
    return false;
  }
  return obj.value as ZSetValue;
}

/**
 * ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]
 * ZINCRBY shares it (as zaddGenericCommand), options loop included: Redis
 * reads ZINCRBY's increment as a possible option word too.
 */
function zaddGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, base: number): void {
  let flags = base;
  let idx = 2;
  for (; idx < argv.length; idx++) {
    const a = argv[idx];
    if (eqi(a, 'nx')) flags |= NX;
    else if (eqi(a, 'xx')) flags |= XX;
    else if (eqi(a, 'ch')) flags |= CH;
    else if (eqi(a, 'incr')) flags |= INCR;
    else if (eqi(a, 'gt')) flags |= GT;
    else if (eqi(a, 'lt')) flags |= LT;
    else break;
  }
  const left = argv.length - idx;
  if (left === 0 || left % 2 !== 0) return out.error(Err.SYNTAX);
  const elements = left / 2;
  if (flags & NX && flags & XX) return out.error(Err.ZADD_NX_XX);
  if ((flags & GT && flags & NX) || (flags & LT && flags & NX) || (flags & GT && flags & LT)) return out.error(Err.GT_LT_NX);
  const incr = (flags & INCR) !== 0;
  if (incr && elements > 1) return out.error(Err.ZADD_INCR_PAIR);
  const scores: number[] = new Array(elements);
  for (let j = 0; j < elements; j++) {
    const d = parseScore(argv[idx + 2 * j]);
    if (d === null) return out.error(Err.NOT_FLOAT);
    scores[j] = d;
  }

  const key = argv[1];
  const db = c.db;
  const obj = db.lookupWrite(key);
  if (obj !== undefined && obj.type !== 'zset') return out.error(Err.WRONGTYPE);
  const limits = zsetLimits(ctx.config);
  let z: ZSetValue;
  let added = 0;
  let updated = 0;
  let processed = 0;
  let last = 0;
  if (obj === undefined) {
    if (flags & XX) return incr ? out.null() : out.integer(0);
    z = ZSetValue.create(limits, argv[idx + 1].length);
    db.add(key, new RObj('zset', z, ctx.keyspace.lruClock()));
    ctx.keyspace.notify('n', 'new', key, db.id);
  } else {
    z = obj.value as ZSetValue;
  }
  let nan = false;
  for (let j = 0; j < elements; j++) {
    const member = argv[idx + 1 + 2 * j];
    let score = scores[j];
    const cur = z.score(member);
    if (cur !== undefined) {
      if (flags & NX) continue;
      if (incr) {
        score += cur;
        if (Number.isNaN(score)) {
          nan = true;
          break;
        }
      }
      if ((flags & LT && score >= cur) || (flags & GT && score <= cur)) continue;
      processed++;
      last = score;
      if (score !== cur) {
        z.rescore(member, cur, score);
        updated++;
      }
    } else {
      if (flags & XX) continue;
      z.set(member, score, limits);
      added++;
      processed++;
      last = score;
    }
  }
  if (nan) out.error(Err.ZSCORE_NAN);
  else if (incr) {
    if (processed) out.double(last);
    else out.null();
  } else out.integer(flags & CH ? added + updated : added);
  if (added || updated) {
    ctx.keyspace.touch(db, key, 'z', incr ? 'zincr' : 'zadd', added + updated);
  }
}

/** ZREM key member [member ...] */
function zrem(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const key = argv[1];
  const obj = c.db.lookupWrite(key);
  if (obj === undefined) return out.integer(0);
  if (obj.type !== 'zset') return out.error(Err.WRONGTYPE);
  const z = obj.value as ZSetValue;
  let deleted = 0;
  for (let i = 2; i < argv.length; i++) {
    if (z.delete(argv[i])) deleted++;
    if (z.size === 0) break;
  }
  if (deleted > 0) {
    ctx.keyspace.touch(c.db, key, 'z', 'zrem', deleted);
    deleteIfEmpty(ctx, c, key, z);
  }
  out.integer(deleted);
}

/** ZRANK key member / ZREVRANK key member */
function rankGeneric(c: Client, argv: string[], out: ReplyWriter, reverse: boolean): void {
  const z = readZset(c, argv[1], out);
  if (z === false) return;
  if (z === undefined) return out.null();
  const r = z.rank(argv[2]);
  if (r === undefined) return out.null();
  out.integer(reverse ? z.size - 1 - r : r);
}

/**
 * ZRANDMEMBER key [count [WITHSCORES]]
 * A negative count allows repeats; a positive one returns distinct members,
 * the whole set (highest first, as Redis 7.0 walks it) when count >= size.
 */
function zrandmember(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  if (argv.length === 2) {
    const z = readZset(c, argv[1], out);
    if (z === false) return;
    if (z === undefined) return out.null();
    const { leaf, i } = z.at(Math.floor(Math.random() * z.size));
    return out.bulkLatin1(leaf.members[i]);
  }
  const count = parseInteger(argv[2]);
  if (count === null) return out.error(Err.NOT_INTEGER);
  // Past 2^53 the number is approximate: the range checks need the exact value.
  const big = Math.abs(count) >= 2 ** 53 ? parseI64(argv[2])! : BigInt(0);
  if (big < -9223372036854775807n) return out.error(Err.ZRANDMEMBER_RANGE);
  let withScores = false;
  if (argv.length > 4 || (argv.length === 4 && !eqi(argv[3], 'withscores'))) return out.error(Err.SYNTAX);
  if (argv.length === 4) {
    withScores = true;
    if (big < -4611686018427387903n || big > 4611686018427387903n) return out.error(Err.ZVALUE_OUT_OF_RANGE);
  }
  const z = readZset(c, argv[1], out);
  if (z === false) return;
  if (z === undefined || count === 0) return out.array(0);
  const size = z.size;
  const resp3 = out.resp === 3;
  const emit = (m: string, s: number) => writeScored(out, m, s, withScores, resp3);
  if (count < 0 || count === 1) {
    // Redis would build any size of reply and run out of memory; like
    // HRANDFIELD and SRANDMEMBER here, an absurd repeat count is refused.
    if (count < -MAX_REPEATED_PICKS) return out.error(Err.ZVALUE_OUT_OF_RANGE);
    const n = Math.abs(count);
    out.array(withScores && !resp3 ? 2 * n : n);
    for (let k = 0; k < n; k++) {
      const { leaf, i } = z.at(Math.floor(Math.random() * size));
      emit(leaf.members[i], leaf.scores[i]);
    }
    return;
  }
  if (count >= size) {
    out.array(withScores && !resp3 ? 2 * size : size);
    z.forRange(size - 1, 0, true, emit);
    return;
  }
  out.array(withScores && !resp3 ? 2 * count : count);
  if (count * 3 > size) {
    // Many of the members: a partial shuffle of all ranks.
    const ranks = Array.from({ length: size }, (_, k) => k);
    for (let k = 0; k < count; k++) {
      const j = k + Math.floor(Math.random() * (size - k));
      const t = ranks[k];
      ranks[k] = ranks[j];
      ranks[j] = t;
      const { leaf, i } = z.at(ranks[k]);
      emit(leaf.members[i], leaf.scores[i]);
    }
    return;
  }
  const seen = new Set<number>();
  while (seen.size < count) {
    const r = Math.floor(Math.random() * size);
    if (seen.has(r)) continue;
    seen.add(r);
    const { leaf, i } = z.at(r);
    emit(leaf.members[i], leaf.scores[i]);
  }
}

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count]
 * A listpack answers in one go with cursor 0, as Redis does; a bigger set
 * is walked through the shared cursor table.
 */
function zscan(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const cursor = parseCursor(argv[2]);
  if (cursor === null) return out.error(Err.INVALID_CURSOR);
  const obj = c.db.lookupRead(argv[1]);
  if (obj === undefined) {
    out.array(2);
    out.bulkLatin1('0');
    return out.array(0);
  }
  if (obj.type !== 'zset') return out.error(Err.WRONGTYPE);
  const opts = parseScanOptions(argv, 3, false);
  if (typeof opts === 'string') return out.error(opts);
  const { count, pattern } = opts;
  const z = obj.value as ZSetValue;
  const found: string[] = [];
  const visit = (m: string, s: number) => {
    if (pattern !== null && !globMatch(pattern, m)) return;
    found.push(m, formatDouble(s));
  };
  let next = 0;
  const table = z.table();
  if (table === null) z.forRange(0, z.size - 1, false, visit);
  else next = table.scanCount(cursor, count, visit);
  out.array(2);
  out.bulkLatin1(String(next));
  out.bulkArray(found);
}

export const basicCommands: CommandSpec[] = [
  command('zadd', (ctx, c, argv, out) => zaddGeneric(ctx, c, argv, out, 0)),
  // ZINCRBY key increment member
  command('zincrby', (ctx, c, argv, out) => zaddGeneric(ctx, c, argv, out, INCR)),
  command('zrem', zrem),
  // ZCARD key
  command('zcard', (ctx, c, argv, out) => {
    const z = readZset(c, argv[1], out);
    if (z !== false) out.integer(z === undefined ? 0 : z.size);
  }),
  // ZSCORE key member
  command('zscore', (ctx, c, argv, out) => {
    const z = readZset(c, argv[1], out);
    if (z === false) return;
    const s = z === undefined ? undefined : z.score(argv[2]);
    if (s === undefined) out.null();
    else out.double(s);
  }),
  // ZMSCORE key member [member ...]: a missing key answers nulls, not an empty array.
  command('zmscore', (ctx, c, argv, out) => {
    const z = readZset(c, argv[1], out);
    if (z === false) return;
    out.array(argv.length - 2);
    for (let i = 2; i < argv.length; i++) {
      const s = z === undefined ? undefined : z.score(argv[i]);
      if (s === undefined) out.null();
      else out.double(s);
    }
  }),
  command('zrank', (ctx, c, argv, out) => rankGeneric(c, argv, out, false)),
  command('zrevrank', (ctx, c, argv, out) => rankGeneric(c, argv, out, true)),
  // ZCOUNT key min max: the range is checked before the key.
  command('zcount', (ctx, c, argv, out) => {
    const r = parseScoreRange(argv[2], argv[3]);
    if (r === null) return out.error(Err.ZMIN_MAX_NOT_FLOAT);
    const z = readZset(c, argv[1], out);
    if (z === false) return;
    if (z === undefined) return out.integer(0);
    const [s, e] = scoreRanks(z, r);
    out.integer(e - s);
  }),
  // ZLEXCOUNT key min max
  command('zlexcount', (ctx, c, argv, out) => {
    const r = parseLexRange(argv[2], argv[3]);
    if (r === null) return out.error(Err.ZMIN_MAX_NOT_LEX);
    const z = readZset(c, argv[1], out);
    if (z === false) return;
    if (z === undefined) return out.integer(0);
    const [s, e] = lexRanks(z, r);
    out.integer(e - s);
  }),
  command('zrandmember', zrandmember),
  command('zscan', zscan),
];
