/**
 * Ranges: ZRANGE and its older spellings (ZREVRANGE, ZRANGEBYSCORE,
 * ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX), ZRANGESTORE, and the
 * ZREMRANGEBY{RANK,SCORE,LEX} family.
 *
 * Every range, whatever its kind, resolves to a window of consecutive
 * ranks, found in O(log n); the window is then walked or removed.
 */
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import type { CommandSpec } from '../spec.js';
import { ZSetValue, zsetLimits } from '../../types/zset.js';
import { Err } from '../../errors.js';
import { eqi } from '../args.js';
import {
  command,
  parseScoreRange,
  parseLexRange,
  scoreRanks,
  lexRanks,
  parseLong,
  storeResult,
  deleteIfEmpty,
  beginScored,
  writeScored,
  type ScoreRange,
  type LexRange,
} from './common.js';

type RangeType = 'auto' | 'rank' | 'score' | 'lex';
type Direction = 'auto' | 'forward' | 'reverse';

/** A window of ranks: `count` members from rank `from`, walking down when reverse. */
interface Window {
  from: number;
  count: number;
  reverse: boolean;
}

const EMPTY: Window = { from: 0, count: 0, reverse: false };

/** Z[REV]RANGE start stop: negative ranks count from the end; out-of-range ends are clamped. */
function rankWindow(z: ZSetValue, start: number, end: number, reverse: boolean): Window {
  const llen = z.size;
  if (start < 0) start += llen;
  if (end < 0) end += llen;
  if (start < 0) start = 0;
  if (start > end || start >= llen) return EMPTY;
  if (end >= llen) end = llen - 1;
  const count = end - start + 1;
  return reverse ? { from: llen - 1 - start, count, reverse } : { from: start, count, reverse };
}

/**
 * The members in [lo, hi) of a score or lex range after LIMIT: an offset
 * past the set's end answers nothing, a negative one too (Redis's skip
 * loop never ends), and a negative count means all.
 */
function limitWindow(z: ZSetValue, lo: number, hi: number, reverse: boolean, offset: number, limit: number): Window {
  if (offset > 0 && offset >= z.size) return EMPTY;
  if (offset < 0) return EMPTY;
  let avail = hi - lo - offset;
  if (avail <= 0) return EMPTY;
  if (limit >= 0 && limit < avail) avail = limit;
  return reverse ? { from: hi - 1 - offset, count: avail, reverse } : { from: lo + offset, count: avail, reverse };
}

interface RangeRequest {
  /** argv index of the source key; min and max follow it. */
  keyIdx: number;
  /** Destination key for ZRANGESTORE. */
  dst: string | null;
  rangeType: RangeType;
  direction: Direction;
}

/**
 * zrangeGenericCommand: options are parsed (a repeated or unknown word is
 * a syntax error, LIMIT with fewer than two words after it too), then
 * conflicts checked, then the range, all before the key is read.
 */
function zrangeGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, req: RangeRequest): void {
  let { rangeType, direction } = req;
  const k = req.keyIdx;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = k + 3; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const a = argv[j];
    // ZRANGESTORE has no WITHSCORES: the word is a syntax error there.
    if (req.dst === null && eqi(a, 'withscores')) withScores = true;
    else if (eqi(a, 'limit') && left >= 2) {
      const o = parseLong(argv[j + 1]);
      if (o === null) return out.error(Err.NOT_INTEGER);
      const l = parseLong(argv[j + 2]);
      if (l === null) return out.error(Err.NOT_INTEGER);
      offset = o;
      limit = l;
      j += 2;
    } else if (direction === 'auto' && eqi(a, 'rev')) direction = 'reverse';
    else if (rangeType === 'auto' && eqi(a, 'bylex')) rangeType = 'lex';
    else if (rangeType === 'auto' && eqi(a, 'byscore')) rangeType = 'score';
    else return out.error(Err.SYNTAX);
  }
  if (direction === 'auto') direction = 'forward';
  if (rangeType === 'auto') rangeType = 'rank';
  // Redis tests "limit != -1": LIMIT x -1 passes as no LIMIT at all.
  if (limit !== -1 && rangeType === 'rank') return out.error(Err.ZLIMIT_NEEDS_BY);
  if (withScores && rangeType === 'lex') return out.error(Err.ZWITHSCORES_BYLEX);
  const reverse = direction === 'reverse';
  // Reversed score and lex ranges are written max first.
  let minIdx = k + 1;
  let maxIdx = k + 2;
  if (reverse && rangeType !== 'rank') {
    minIdx = k + 2;
    maxIdx = k + 1;
  }
  let start = 0;
  let end = 0;
  let sr: ScoreRange | null = null;
  let lr: LexRange | null = null;
  if (rangeType === 'rank') {
    const s = parseLong(argv[minIdx]);
    if (s === null) return out.error(Err.NOT_INTEGER);
    const e = parseLong(argv[maxIdx]);
    if (e === null) return out.error(Err.NOT_INTEGER);
    start = s;
    end = e;
  } else if (rangeType === 'score') {
    sr = parseScoreRange(argv[minIdx], argv[maxIdx]);
    if (sr === null) return out.error(Err.ZMIN_MAX_NOT_FLOAT);
  } else {
    lr = parseLexRange(argv[minIdx], argv[maxIdx]);
    if (lr === null) return out.error(Err.ZMIN_MAX_NOT_LEX);
  }

  const srcKey = argv[k];
  const obj = c.db.lookupRead(srcKey);
  if (obj !== undefined && obj.type !== 'zset') return out.error(Err.WRONGTYPE);
  let w = EMPTY;
  const z = obj === undefined ? null : (obj.value as ZSetValue);
  if (z !== null) {
    if (rangeType === 'rank') w = rankWindow(z, start, end, reverse);
    else {
      const [lo, hi] = sr !== null ? scoreRanks(z, sr) : lexRanks(z, lr!);
      w = limitWindow(z, lo, hi, reverse, offset, limit);
    }
  }

  if (req.dst !== null) {
    const members: string[] = new Array(w.count);
    const scores: number[] = new Array(w.count);
    let i = 0;
    if (w.count > 0) {
      z!.forRange(w.from, reverse ? w.from - w.count + 1 : w.from + w.count - 1, reverse, (m, s) => {
        members[i] = m;
        scores[i++] = s;
      });
    }
    if (reverse) {
      members.reverse();
      scores.reverse();
    }
    storeResult(ctx, c, req.dst, ZSetValue.fromSorted(members, scores, zsetLimits(ctx.config)), 'zrangestore');
    return out.integer(w.count);
  }
  const nested = out.resp === 3;
  beginScored(out, w.count, withScores, nested);
  if (w.count === 0) return;
  z!.forRange(w.from, reverse ? w.from - w.count + 1 : w.from + w.count - 1, reverse, (m, s) => writeScored(out, m, s, withScores, nested));
}

function rangeCommand(name: string, rangeType: RangeType, direction: Direction): CommandSpec {
  return command(name, (ctx, c, argv, out) => zrangeGeneric(ctx, c, argv, out, { keyIdx: 1, dst: null, rangeType, direction }));
}

/** ZREMRANGEBYRANK key start stop / ZREMRANGEBYSCORE key min max / ZREMRANGEBYLEX key min max */
function zremrangeGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, type: 'rank' | 'score' | 'lex'): void {
  let start = 0;
  let end = 0;
  let sr: ScoreRange | null = null;
  let lr: LexRange | null = null;
  if (type === 'rank') {
    const s = parseLong(argv[2]);
    if (s === null) return out.error(Err.NOT_INTEGER);
    const e = parseLong(argv[3]);
    if (e === null) return out.error(Err.NOT_INTEGER);
    start = s;
    end = e;
  } else if (type === 'score') {
    sr = parseScoreRange(argv[2], argv[3]);
    if (sr === null) return out.error(Err.ZMIN_MAX_NOT_FLOAT);
  } else {
    lr = parseLexRange(argv[2], argv[3]);
    if (lr === null) return out.error(Err.ZMIN_MAX_NOT_LEX);
  }
  const key = argv[1];
  const obj = c.db.lookupWrite(key);
  if (obj === undefined) return out.integer(0);
  if (obj.type !== 'zset') return out.error(Err.WRONGTYPE);
  const z = obj.value as ZSetValue;
  let lo: number;
  let hi: number;
  if (type === 'rank') {
    const w = rankWindow(z, start, end, false);
    lo = w.from;
    hi = w.from + w.count;
  } else {
    [lo, hi] = sr !== null ? scoreRanks(z, sr) : lexRanks(z, lr!);
  }
  const deleted = hi - lo;
  if (deleted > 0) {
    z.deleteRange(lo, hi - 1);
    ctx.keyspace.touch(c.db, key, 'z', 'zremrangeby' + type, deleted);
    deleteIfEmpty(ctx, c, key, z);
  }
  out.integer(deleted);
}

export const rangeCommands: CommandSpec[] = [
  // ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
  rangeCommand('zrange', 'auto', 'auto'),
  // ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
  rangeCommand('zrangebyscore', 'score', 'forward'),
  // ZREVRANGE key start stop [WITHSCORES]
  rangeCommand('zrevrange', 'rank', 'reverse'),
  // ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
  rangeCommand('zrevrangebyscore', 'score', 'reverse'),
  // ZRANGEBYLEX key min max [LIMIT offset count]
  rangeCommand('zrangebylex', 'lex', 'forward'),
  // ZREVRANGEBYLEX key max min [LIMIT offset count]
  rangeCommand('zrevrangebylex', 'lex', 'reverse'),
  // ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]
  command('zrangestore', (ctx, c, argv, out) =>
    zrangeGeneric(ctx, c, argv, out, { keyIdx: 2, dst: argv[1], rangeType: 'auto', direction: 'auto' }),
  ),
  command('zremrangebyrank', (ctx, c, argv, out) => zremrangeGeneric(ctx, c, argv, out, 'rank')),
  command('zremrangebyscore', (ctx, c, argv, out) => zremrangeGeneric(ctx, c, argv, out, 'score')),
  command('zremrangebylex', (ctx, c, argv, out) => zremrangeGeneric(ctx, c, argv, out, 'lex')),
];
