/**
 * What the sorted-set commands share: score and range parsing with Redis's
 * exact acceptance rules, scored replies in both protocols, and storing a
 * result set into a destination key.
 */
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import type { CommandSpec } from '../spec.js';
import { RObj } from '../../keyspace/object.js';
import { ZSetValue } from '../../types/zset.js';
import { parseDouble, parseInteger } from '../args.js';
import { META } from './meta.js';

export type Handler = NonNullable<CommandSpec['run']>;

/** The declaration of `name` with its handler. */
export function command(name: string, run: Handler, getKeys?: (argv: string[]) => number[]): CommandSpec {
  const meta = META[name];
  if (meta === undefined) throw new Error(`no declaration for ${name}`);
  return getKeys ? { ...meta, run, getKeys } : { ...meta, run };
}

/**
 * A score argument as Redis's getDoubleFromObject takes it: strtod over the
 * whole argument, no leading blank, no NaN, and no overflow or underflow to
 * zero (ERANGE), which parseDouble alone would let through.
 */
export function parseScore(arg: string): number | null {
  // Fast path for the usual "12", "-3.5": plain digits with at most one dot.
  const len = arg.length;
  if (len > 0 && len <= 16) {
    let i = arg.charCodeAt(0) === 45 ? 1 : 0;
    let digits = 0;
    let dot = false;
    for (; i < len; i++) {
      const c = arg.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if (c === 46 && !dot) dot = true;
      else break;
    }
    if (i === len && digits > 0) return Number(arg);
  }
  const d = parseDouble(arg);
  if (d === null) return null;
  if (d === Infinity || d === -Infinity) {
    const s = arg.toLowerCase().replace(/^[+-]/, '');
    return s === 'inf' || s === 'infinity' ? d : null;
  }
  if (d === 0) {
    // Any non-zero digit before the exponent means the value underflowed.
    const s = arg.toLowerCase();
    const mant = s.startsWith('0x') || s.startsWith('-0x') || s.startsWith('+0x') ? s.replace(/^[+-]?0x/, '') : s.split('e')[0];
    if (/[1-9a-f]/.test(mant)) return null;
  }
  return d;
}

function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

const DEC_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const HEX_RE = /^([+-]?)0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?\d+))?$/i;

/**
 * C's strtod with Redis's range-item checks (zslParseRange): leading blanks
 * are skipped, the whole rest must be consumed, NaN is refused; overflow
 * gives +-inf and underflow 0 (no ERANGE check), and "" is 0.
 */
export function strtodRange(s: string): number | null {
  if (s.length === 0) return 0;
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  const t = s.slice(i);
  if (t.length === 0) return null;
  const l = t.toLowerCase();
  const body = l[0] === '+' || l[0] === '-' ? l.slice(1) : l;
  const neg = l[0] === '-';
  if (body === 'inf' || body === 'infinity') return neg ? -Infinity : Infinity;
  if (DEC_RE.test(t)) return Number(t);
  const m = HEX_RE.exec(t);
  if (m !== null && (m[2] !== '' || m[3] !== '')) {
    let d = m[2] === '' ? 0 : parseInt(m[2], 16);
    for (let k = 0; k < m[3].length; k++) d += parseInt(m[3][k], 16) / 16 ** (k + 1);
    if (m[4] !== undefined) d *= 2 ** Number(m[4]);
    return neg ? -d : d;
  }
  return null;
}

export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

function parseScoreItem(arg: string): [number, boolean] | null {
  const s = arg;
  if (s.charCodeAt(0) === 40) {
    const d = strtodRange(s.slice(1));
    return d === null ? null : [d, true];
  }
  const d = strtodRange(s);
  return d === null ? null : [d, false];
}

/** "(1", "-inf", "+inf", "2.5": null when either end is not a float. */
export function parseScoreRange(minArg: string, maxArg: string): ScoreRange | null {
  const a = parseScoreItem(minArg);
  if (a === null) return null;
  const b = parseScoreItem(maxArg);
  if (b === null) return null;
  return { min: a[0], minex: a[1], max: b[0], maxex: b[1] };
}

/** A lex range end: '-' (below everything), '+' (above everything), or a member, inclusive or not. */
export type LexItem = { kind: 'min' } | { kind: 'max' } | { kind: 'str'; s: string; ex: boolean };

export interface LexRange {
  min: LexItem;
  max: LexItem;
}

function parseLexItem(arg: string): LexItem | null {
  if (arg.length === 0) return null;
  switch (arg.charCodeAt(0)) {
    case 43:
      return arg.length === 1 ? { kind: 'max' } : null;
    case 45:
      return arg.length === 1 ? { kind: 'min' } : null;
    case 40:
      return { kind: 'str', s: arg.slice(1), ex: true };
    case 91:
      return { kind: 'str', s: arg.slice(1), ex: false };
    default:
      return null;
  }
}

/** "[a", "(a", "-", "+": null when either end is malformed. */
export function parseLexRange(minArg: string, maxArg: string): LexRange | null {
  const min = parseLexItem(minArg);
  if (min === null) return null;
  const max = parseLexItem(maxArg);
  if (max === null) return null;
  return { min, max };
}

/** The ranks [start, end) of the members whose scores fall in r. */
export function scoreRanks(z: ZSetValue, r: ScoreRange): [number, number] {
  const start = z.firstByScore(r.min, r.minex);
  const end = z.endByScore(r.max, r.maxex);
  return [start, end > start ? end : start];
}

/** The ranks [start, end) of the members in the lex range r (meaningful when all scores are equal). */
export function lexRanks(z: ZSetValue, r: LexRange): [number, number] {
  const n = z.size;
  const min = r.min;
  const max = r.max;
  const start = min.kind === 'min' ? 0 : min.kind === 'max' ? n : z.firstByLex(min.s, min.ex);
  const end = max.kind === 'max' ? n : max.kind === 'min' ? 0 : z.endByLex(max.s, max.ex);
  return [start, end > start ? end : start];
}

/**
 * Writes `n` scored members. WITHSCORES pairs are nested arrays in RESP3
 * and flat in RESP2; `nested` false keeps them flat in both.
 */
export function beginScored(out: ReplyWriter, n: number, withScores: boolean, nested: boolean): void {
  out.array(withScores && !nested ? 2 * n : n);
}

export function writeScored(out: ReplyWriter, member: string, score: number, withScores: boolean, nested: boolean): void {
  if (withScores && nested) out.array(2);
  out.bulkLatin1(member);
  if (withScores) out.double(score);
}

/** The integer argument, or null when Redis's string2ll would refuse it. */
export function parseLong(arg: string): number | null {
  return parseInteger(arg);
}

/**
 * Stores a result set at key as setKey() does (TTL dropped, 'new' when the
 * key is created, then the command's event), or deletes key when the result
 * is empty ('del' only if something was there).
 */
export function storeResult(ctx: ServerContext, c: Client, key: string, z: ZSetValue, event: string): void {
  const db = c.db;
  if (z.size > 0) {
    const existed = db.lookupWrite(key) !== undefined;
    db.set(key, new RObj('zset', z, ctx.keyspace.lruClock()));
    if (!existed) ctx.keyspace.notify('n', 'new', key, db.id);
    ctx.keyspace.touch(db, key, 'z', event);
  } else if (db.lookupWrite(key) !== undefined && db.delete(key)) {
    ctx.keyspace.touch(db, key, 'g', 'del');
  }
}

/** Deletes a collection its command just emptied, after the command's own event. */
export function deleteIfEmpty(ctx: ServerContext, c: Client, key: string, z: ZSetValue): void {
  if (z.size !== 0) return;
  c.db.delete(key);
  ctx.keyspace.notify('g', 'del', key, c.db.id);
}

/** Keys of a "numkeys key [key ...]" command: argv[numIdx] keys after it, plus the leading ones. */
export function numkeysKeys(numIdx: number, leading: number[]): (argv: string[]) => number[] {
  return (argv) => {
    const n = numIdx < argv.length ? parseInteger(argv[numIdx]) : null;
    if (n === null || n < 1 || numIdx + n >= argv.length) return [];
    const keys = [...leading];
    for (let i = 1; i <= n; i++) keys.push(numIdx + i);
    return keys;
  };
}
