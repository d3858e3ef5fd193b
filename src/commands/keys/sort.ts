/**
 * SORT and SORT_RO: sort a list, set or sorted set by its elements or by
 * external keys (BY), fetch external values (GET), optionally STORE.
 */
import type { CommandSpec } from '../spec.js';
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import type { Db } from '../../keyspace/db.js';
import { RObj, strLatin1 } from '../../keyspace/object.js';
import { collections, type HashLike, type ListLike, type SetLike, type ZSetLike } from '../../persistence/rdb/collections.js';
import { Err } from '../../errors.js';
import { eqi, parseInteger } from '../args.js';
import { addKey, command } from './common.js';

interface SortItem {
  elem: string;
  score: number;
  /** The BY value for ALPHA sorting by pattern; null when the BY key is missing. */
  cmp: string | null;
}

/** Binary comparison, as Redis's compareStringObjects (memcmp, then length). */
function compareBinary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** C's isspace, which strtod skips before a number. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity)$/i;
const NAN = /^[+-]?nan(?:\([0-9a-zA-Z_]*\))?$/i;

function parseHexFloat(s: string): number {
  const neg = s[0] === '-';
  const body = s.replace(/^[+-]?0[xX]/, '');
  const [mant, exp] = body.split(/[pP]/) as [string, string | undefined];
  const [ip, fp = ''] = mant.split('.');
  let v = ip ? parseInt(ip, 16) : 0;
  for (let i = 0; i < fp.length; i++) v += parseInt(fp[i], 16) / 16 ** (i + 1);
  if (exp !== undefined) v *= 2 ** Number(exp);
  return neg ? -v : v;
}

/**
 * A score the way SORT reads it: C strtod over the whole string, refusing
 * trailing garbage, NaN and out-of-range values (ERANGE). Unlike most
 * commands it takes leading blanks, hex, and an empty string (as 0).
 */
export function sortScore(s: string): number | null {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  if (i === s.length) return s.length === 0 ? 0 : null;
  const t = i === 0 ? s : s.slice(i);
  let d: number;
  if (DECIMAL.test(t)) d = Number(t);
  else if (HEX.test(t)) d = parseHexFloat(t);
  else if (SPECIAL.test(t)) return t[0] === '-' ? -Infinity : Infinity;
  else if (NAN.test(t)) return null;
  else return null;
  if (!Number.isFinite(d)) return null; // overflow: ERANGE
  if (d !== 0 && Math.abs(d) < 2.2250738585072014e-308) return null; // underflow: ERANGE
  if (d === 0 && /[1-9]/.test(t.replace(/[eEpP].*$/, '').replace(/^[+-]?0[xX]/, ''))) return null;
  return d;
}

/**
 * Redis's lookupKeyByPattern: "#" is the element itself; otherwise the
 * first '*' is replaced by the element, and a "->field" after it reads a
 * hash field. Returns the string found, or null.
 */
function lookupByPattern(db: Db, pattern: string, elem: string): string | null {
  if (pattern === '#') return elem;
  const star = pattern.indexOf('*');
  if (star < 0) return null;
  const arrow = pattern.indexOf('->', star + 1);
  const hasField = arrow >= 0 && arrow + 2 < pattern.length;
  const keyEnd = hasField ? arrow : pattern.length;
  const key = pattern.slice(0, star) + elem + pattern.slice(star + 1, keyEnd);
  const obj = db.lookupRead(key);
  if (obj === undefined) return null;
  if (hasField) {
    if (obj.type !== 'hash') return null;
    return (obj.value as HashLike).get(pattern.slice(arrow + 2)) ?? null;
  }
  if (obj.type !== 'string') return null;
  return strLatin1(obj.value);
}

function sortGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, readonly: boolean): void {
  let desc = false;
  let alpha = false;
  let limitStart = 0;
  let limitCount = -1;
  let storeKey: string | null = null;
  let sortBy: string | null = null;
  let dontSort = false;
  const gets: string[] = [];
  const cluster = ctx.ext.clusterEnabled === true;
  for (let j = 2; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const a = argv[j];
    if (eqi(a, 'asc')) {
      desc = false;
    } else if (eqi(a, 'desc')) {
      desc = true;
    } else if (eqi(a, 'alpha')) {
      alpha = true;
    } else if (eqi(a, 'limit') && left >= 2) {
      const s = parseInteger(argv[j + 1]);
      const n = s === null ? null : parseInteger(argv[j + 2]);
      if (s === null || n === null) return out.error(Err.NOT_INTEGER);
      limitStart = s;
      limitCount = n;
      j += 2;
    } else if (!readonly && eqi(a, 'store') && left >= 1) {
      storeKey = argv[j + 1];
      j++;
    } else if (eqi(a, 'by') && left >= 1) {
      sortBy = argv[j + 1];
      // A pattern without '*' names no per-element key: nothing to sort by.
      if (!sortBy.includes('*')) dontSort = true;
      else if (cluster) return out.error(Err.SORT_BY_GET_CLUSTER);
      j++;
    } else if (eqi(a, 'get') && left >= 1) {
      if (cluster) return out.error(Err.SORT_GET_CLUSTER);
      gets.push(argv[j + 1]);
      j++;
    } else {
      return out.error(Err.SYNTAX);
    }
  }

  const db = c.db;
  const obj = db.lookupRead(argv[1]);
  if (obj !== undefined && obj.type !== 'list' && obj.type !== 'set' && obj.type !== 'zset') return out.error(Err.WRONGTYPE);

  // An unordered set must come out the same on replicas and in scripts: sort it alphabetically.
  if (dontSort && obj !== undefined && obj.type === 'set' && storeKey !== null) {
    dontSort = false;
    alpha = true;
    sortBy = null;
  }

  let elems: string[];
  if (obj === undefined) elems = [];
  else if (obj.type === 'list') elems = (obj.value as ListLike).toArray();
  else if (obj.type === 'set') elems = (obj.value as SetLike).toArray();
  else elems = (obj.value as ZSetLike).toArray().map((p) => p[0]);

  const len = elems.length;
  let start = Math.min(Math.max(limitStart, 0), len);
  const count = Math.min(Math.max(limitCount, -1), len);
  let end = count < 0 ? len - 1 : start + count - 1;
  if (start >= len) {
    start = len - 1;
    end = len - 2;
  }
  if (end >= len) end = len - 1;

  let items: SortItem[];
  if (dontSort && obj !== undefined && (obj.type === 'list' || obj.type === 'zset')) {
    // Native order, reversed for DESC, and only the LIMIT window.
    if (desc) elems.reverse();
    items = [];
    for (let j = start; j <= end; j++) items.push({ elem: elems[j], score: 0, cmp: null });
    end -= start;
    start = 0;
  } else {
    items = elems.map((elem) => ({ elem, score: 0, cmp: null }));
  }

  if (!dontSort) {
    let badScore = false;
    for (const it of items) {
      let by: string | null = it.elem;
      if (sortBy !== null) {
        by = lookupByPattern(db, sortBy, it.elem);
        if (by === null) continue;
      }
      if (alpha) {
        if (sortBy !== null) it.cmp = by;
      } else {
        const d = sortScore(by);
        if (d === null) badScore = true;
        else it.score = d;
      }
    }
    // Redis finishes the scoring pass and only then reports a bad score.
    if (badScore) return out.error(Err.SORT_ONE_NOT_DOUBLE);
    const byPattern = sortBy !== null;
    const sign = desc ? -1 : 1;
    items.sort((x, y) => {
      let cmp: number;
      if (!alpha) {
        cmp = x.score > y.score ? 1 : x.score < y.score ? -1 : compareBinary(x.elem, y.elem);
      } else if (byPattern) {
        if (x.cmp === null || y.cmp === null) cmp = x.cmp === y.cmp ? 0 : x.cmp === null ? -1 : 1;
        else cmp = compareBinary(x.cmp, y.cmp);
      } else {
        cmp = compareBinary(x.elem, y.elem);
      }
      return sign * cmp;
    });
  }

  const outLen = gets.length > 0 ? gets.length * (end - start + 1) : end - start + 1;
  if (storeKey === null) {
    out.array(outLen);
    for (let j = start; j <= end; j++) {
      const elem = items[j].elem;
      if (gets.length === 0) out.bulkLatin1(elem);
      for (const g of gets) {
        const v = lookupByPattern(db, g, elem);
        if (v === null) out.null();
        else out.bulkLatin1(v);
      }
    }
    return;
  }

  const result: string[] = [];
  for (let j = start; j <= end; j++) {
    const elem = items[j].elem;
    if (gets.length === 0) result.push(elem);
    for (const g of gets) result.push(lookupByPattern(db, g, elem) ?? '');
  }
  if (outLen > 0) {
    const list = collections.list;
    if (list === null) throw new Error('SORT STORE needs the list type');
    const stored = new RObj('list', list.ctor.fromArray(result, list.limits(ctx.config)), ctx.keyspace.lruClock());
    if (db.lookupWrite(storeKey) === undefined) addKey(ctx, db, storeKey, stored);
    else db.set(storeKey, stored);
    ctx.keyspace.modified(db, storeKey);
    ctx.keyspace.notify('l', 'sortstore', storeKey, db.id);
    ctx.keyspace.changed(outLen);
  } else if (db.lookupWrite(storeKey) !== undefined) {
    db.delete(storeKey);
    ctx.keyspace.touch(db, storeKey, 'g', 'del');
  }
  out.integer(outLen);
}

/** Key positions of SORT: the sorted key, and the last STORE destination (Redis's sortGetKeys). */
function sortGetKeys(argv: string[]): number[] {
  const keys = [1];
  let store = -1;
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (eqi(a, 'limit')) i += 2;
    else if (eqi(a, 'store') && i + 1 < argv.length) store = i + 1;
    else if (eqi(a, 'get') || eqi(a, 'by')) i += 1;
  }
  if (store >= 0) keys.push(store);
  return keys;
}

export const sortCommands: CommandSpec[] = [
  // SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA] [STORE destination]
  { ...command('sort', (ctx, c, argv, out) => sortGeneric(ctx, c, argv, out, false)), getKeys: sortGetKeys },
  // SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA]
  command('sort_ro', (ctx, c, argv, out) => sortGeneric(ctx, c, argv, out, true)),
];
