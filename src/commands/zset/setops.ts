/**
 * Set algebra over sorted sets (and plain sets, whose members score 1):
 * ZUNION, ZINTER, ZDIFF, their STORE forms, and ZINTERCARD.
 */
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import type { CommandSpec } from '../spec.js';
import { ZSetValue, zsetLimits } from '../../types/zset.js';
import { Err, errZsetNoKeys } from '../../errors.js';
import { eqi } from '../args.js';
import { command, parseScore, parseLong, storeResult, beginScored, writeScored, numkeysKeys } from './common.js';

/** The part of the sets helper's SetValue read here (see TYPES.md). */
interface SetLike {
  readonly size: number;
  toArray(): string[];
  has(member: string): boolean;
}

type Op = 'union' | 'inter' | 'diff';
type Aggregate = 'sum' | 'min' | 'max';

interface Source {
  z: ZSetValue | null;
  s: SetLike | null;
  /** The stored value, to spot the same key given twice. */
  value: unknown;
  size: number;
  weight: number;
}

/** Calls fn for every member of src with its (unweighted) score, until fn returns false. */
function each(src: Source, fn: (member: string, score: number) => boolean): void {
  if (src.z !== null) src.z.walk(fn);
  else if (src.s !== null) {
    for (const m of src.s.toArray()) if (!fn(m, 1)) return;
  }
}

function find(src: Source, member: string): number | undefined {
  if (src.z !== null) return src.z.score(member);
  if (src.s !== null) return src.s.has(member) ? 1 : undefined;
  return undefined;
}

/** zunionInterAggregate: a sum that is NaN (inf + -inf) becomes 0. */
function aggregate(target: number, val: number, agg: Aggregate): number {
  if (agg === 'sum') {
    const r = target + val;
    return Number.isNaN(r) ? 0 : r;
  }
  if (agg === 'min') return val < target ? val : target;
  return val > target ? val : target;
}

interface SetOpRequest {
  op: Op;
  /** Destination key for the STORE forms. */
  dst: string | null;
  /** argv index of numkeys. */
  numIdx: number;
  /** ZINTERCARD: count only, with an optional LIMIT. */
  cardOnly: boolean;
  /** The command's name, which is also the event a stored result emits. */
  name: string;
}

/**
 * zunionInterDiffGenericCommand. Order matters for the replies: numkeys,
 * then every input key's type (WRONGTYPE wins over a bad option), then the
 * options.
 */
function setOpGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, req: SetOpRequest): void {
  const numIdx = req.numIdx;
  const setnum = parseLong(argv[numIdx]);
  if (setnum === null) return out.error(Err.NOT_INTEGER);
  if (setnum < 1) return out.error(errZsetNoKeys(req.name));
  if (setnum > argv.length - numIdx - 1) return out.error(Err.SYNTAX);
  const srcs: Source[] = new Array(setnum);
  let j = numIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const key = argv[j];
    // Read lookups even for the STORE forms: Redis 7.0 fires keymiss for missing sources.
    const obj = c.db.lookupRead(key);
    const src: Source = { z: null, s: null, value: null, size: 0, weight: 1 };
    if (obj !== undefined) {
      if (obj.type === 'zset') src.z = obj.value as ZSetValue;
      else if (obj.type === 'set') src.s = obj.value as SetLike;
      else return out.error(Err.WRONGTYPE);
      src.value = obj.value;
      src.size = (obj.value as SetLike).size;
    }
    srcs[i] = src;
  }
  let agg: Aggregate = 'sum';
  let withScores = false;
  let limit = 0;
  const canWeigh = req.op !== 'diff' && !req.cardOnly;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const a = argv[j];
    if (canWeigh && remaining >= setnum + 1 && eqi(a, 'weights')) {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = parseScore(argv[j]);
        if (w === null) return out.error(Err.ZWEIGHT_NOT_FLOAT);
        srcs[i].weight = w;
      }
    } else if (canWeigh && remaining >= 2 && eqi(a, 'aggregate')) {
      const v = argv[j + 1];
      if (eqi(v, 'sum')) agg = 'sum';
      else if (eqi(v, 'min')) agg = 'min';
      else if (eqi(v, 'max')) agg = 'max';
      else return out.error(Err.SYNTAX);
      j += 2;
    } else if (remaining >= 1 && req.dst === null && !req.cardOnly && eqi(a, 'withscores')) {
      withScores = true;
      j++;
    } else if (req.cardOnly && remaining >= 2 && eqi(a, 'limit')) {
      const l = parseLong(argv[j + 1]);
      if (l === null || l < 0) return out.error(Err.ZLIMIT_NEGATIVE);
      limit = l;
      j += 2;
    } else return out.error(Err.SYNTAX);
  }

  // Smallest inputs first, as Redis orders them: it decides the order scores are summed in.
  if (req.op !== 'diff') srcs.sort((a, b) => a.size - b.size);

  const acc = new Map<string, number>();
  if (req.op === 'union') {
    for (const src of srcs) {
      if (src.size === 0) continue;
      const w = src.weight;
      each(src, (m, s) => {
        let score = w * s;
        if (Number.isNaN(score)) score = 0;
        const cur = acc.get(m);
        acc.set(m, cur === undefined ? score : aggregate(cur, score, agg));
        return true;
      });
    }
  } else if (req.op === 'inter') {
    const first = srcs[0];
    if (first.size > 0) {
      let card = 0;
      each(first, (m, s) => {
        let score = first.weight * s;
        if (Number.isNaN(score)) score = 0;
        let k = 1;
        for (; k < srcs.length; k++) {
          const other = srcs[k];
          const v = other.value === first.value ? s : find(other, m);
          if (v === undefined) break;
          score = aggregate(score, v * other.weight, agg);
        }
        if (k !== srcs.length) return true;
        if (!req.cardOnly) acc.set(m, score);
        // ZINTERCARD's LIMIT stops the walk as soon as it is reached.
        else if (++card === limit) return false;
        return true;
      });
      if (req.cardOnly) return out.integer(card);
    } else if (req.cardOnly) return out.integer(0);
  } else {
    const first = srcs[0];
    if (first.size > 0) {
      each(first, (m, s) => {
        for (let k = 1; k < srcs.length; k++) if (srcs[k].size > 0 && find(srcs[k], m) !== undefined) return true;
        acc.set(m, s);
        return true;
      });
    }
  }

  const pairs = [...acc.entries()].sort((a, b) => (a[1] < b[1] || (a[1] === b[1] && a[0] < b[0]) ? -1 : 1));
  if (req.dst !== null) {
    const members = pairs.map((p) => p[0]);
    const scores = pairs.map((p) => p[1]);
    storeResult(ctx, c, req.dst, ZSetValue.fromSorted(members, scores, zsetLimits(ctx.config)), req.name);
    return out.integer(pairs.length);
  }
  const nested = out.resp === 3;
  beginScored(out, pairs.length, withScores, nested);
  for (const [m, s] of pairs) writeScored(out, m, s, withScores, nested);
}

function setOpCommand(name: string, op: Op, store: boolean): CommandSpec {
  const numIdx = store ? 2 : 1;
  return command(
    name,
    (ctx, c, argv, out) => setOpGeneric(ctx, c, argv, out, { op, dst: store ? argv[1] : null, numIdx, cardOnly: false, name }),
    numkeysKeys(numIdx, store ? [1] : []),
  );
}

export const setOpCommands: CommandSpec[] = [
  // ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
  setOpCommand('zunion', 'union', false),
  // ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
  setOpCommand('zinter', 'inter', false),
  // ZDIFF numkeys key [key ...] [WITHSCORES]
  setOpCommand('zdiff', 'diff', false),
  // ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]
  setOpCommand('zunionstore', 'union', true),
  // ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]
  setOpCommand('zinterstore', 'inter', true),
  // ZDIFFSTORE destination numkeys key [key ...]
  setOpCommand('zdiffstore', 'diff', true),
  // ZINTERCARD numkeys key [key ...] [LIMIT limit]
  command(
    'zintercard',
    (ctx, c, argv, out) => setOpGeneric(ctx, c, argv, out, { op: 'inter', dst: null, numIdx: 1, cardOnly: true, name: 'zintercard' }),
    numkeysKeys(1, []),
  ),
];
