/**
 * The RDB value codec: a type byte and a value, as Redis 7.0 writes them
 * in RDB files and DUMP payloads.
 *
 * Reading accepts every value encoding an RDB version 10 file may hold:
 * plain types (string, list, set, zset, zset2, hash), the ziplist-era
 * blobs (zipmap, ziplist list/zset/hash, quicklist of ziplists), intsets,
 * listpack hashes and zsets, and quicklist2 (listpack or plain nodes).
 * Module values and streams are refused. Reading yields a PlainValue, a
 * neutral form the caller turns into keyspace objects (objects.ts).
 *
 * Writing chooses what Redis 7.0 itself writes: quicklist2 for lists,
 * intset or plain set, listpack or zset2 for sorted sets, listpack or
 * plain hash for hashes, following the value's current encoding.
 */
import * as T from './constants.js';
import { RdbReader, RdbWriter, fail } from './io.js';
import { listpackEntries, ListpackBuilder } from './listpack.js';
import { intsetMembers, buildIntset } from './intset.js';
import { ziplistEntries, zipmapPairs } from './ziplist.js';
import type { RObj } from '../../keyspace/object.js';
import { strLatin1 } from '../../keyspace/object.js';
import { formatG } from '../../protocol/writer.js';
import type { HashLike, ListLike, SetLike, ZSetLike } from './collections.js';

export type PlainValue =
  | { type: 'string'; value: string }
  | { type: 'list'; items: string[] }
  | { type: 'set'; members: string[] }
  | { type: 'zset'; pairs: [string, number][] }
  | { type: 'hash'; pairs: [string, string][] };

function nonEmpty(n: number): void {
  if (n === 0) fail('empty key');
}

function checkUnique(items: string[]): void {
  if (new Set(items).size !== items.length) fail('duplicate elements');
}

function pairsOf(entries: string[]): [string, string][] {
  if (entries.length % 2 !== 0) fail('odd number of entries');
  const out: [string, string][] = new Array(entries.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = [entries[2 * i], entries[2 * i + 1]];
  return out;
}

function parseScore(s: string): number {
  const d = Number(s);
  if (s.length === 0 || Number.isNaN(d)) {
    const l = s.toLowerCase();
    if (l === 'inf' || l === '+inf') return Infinity;
    if (l === '-inf') return -Infinity;
    fail('bad score');
  }
  return d;
}

function zsetFromEntries(entries: string[]): [string, number][] {
  return pairsOf(entries).map(([m, s]) => [m, parseScore(s)]);
}

function checkPairs<V>(pairs: [string, V][]): void {
  nonEmpty(pairs.length);
  checkUnique(pairs.map((p) => p[0]));
}

function checkScores(pairs: [string, number][]): void {
  for (const p of pairs) if (Number.isNaN(p[1])) fail('nan score');
}

/** Reads the value of the given type byte. Throws RdbFormatError on anything malformed. */
export function readValue(r: RdbReader, type: number): PlainValue {
  switch (type) {
    case T.RDB_TYPE_STRING:
      return { type: 'string', value: r.string() };
    case T.RDB_TYPE_LIST: {
      const n = r.len();
      nonEmpty(n);
      const items: string[] = [];
      for (let i = 0; i < n; i++) items.push(r.string());
      return { type: 'list', items };
    }
    case T.RDB_TYPE_SET: {
      const n = r.len();
      nonEmpty(n);
      const members: string[] = [];
      for (let i = 0; i < n; i++) members.push(r.string());
      checkUnique(members);
      return { type: 'set', members };
    }
    case T.RDB_TYPE_ZSET:
    case T.RDB_TYPE_ZSET_2: {
      const n = r.len();
      const pairs: [string, number][] = [];
      for (let i = 0; i < n; i++) {
        const m = r.string();
        pairs.push([m, type === T.RDB_TYPE_ZSET_2 ? r.doubleBinary() : r.doubleText()]);
      }
      checkPairs(pairs);
      checkScores(pairs);
      return { type: 'zset', pairs };
    }
    case T.RDB_TYPE_HASH: {
      const n = r.len();
      const pairs: [string, string][] = [];
      for (let i = 0; i < n; i++) pairs.push([r.string(), r.string()]);
      checkPairs(pairs);
      return { type: 'hash', pairs };
    }
    case T.RDB_TYPE_HASH_ZIPMAP: {
      const pairs = zipmapPairs(r.stringBytes());
      checkPairs(pairs);
      return { type: 'hash', pairs };
    }
    case T.RDB_TYPE_LIST_ZIPLIST: {
      const items = ziplistEntries(r.stringBytes());
      nonEmpty(items.length);
      return { type: 'list', items };
    }
    case T.RDB_TYPE_SET_INTSET: {
      const members = intsetMembers(r.stringBytes());
      nonEmpty(members.length);
      return { type: 'set', members };
    }
    case T.RDB_TYPE_ZSET_ZIPLIST:
    case T.RDB_TYPE_ZSET_LISTPACK: {
      const b = r.stringBytes();
      const pairs = zsetFromEntries(type === T.RDB_TYPE_ZSET_LISTPACK ? listpackEntries(b) : ziplistEntries(b));
      checkPairs(pairs);
      checkScores(pairs);
      return { type: 'zset', pairs };
    }
    case T.RDB_TYPE_HASH_ZIPLIST:
    case T.RDB_TYPE_HASH_LISTPACK: {
      const b = r.stringBytes();
      const pairs = pairsOf(type === T.RDB_TYPE_HASH_LISTPACK ? listpackEntries(b) : ziplistEntries(b));
      checkPairs(pairs);
      return { type: 'hash', pairs };
    }
    case T.RDB_TYPE_LIST_QUICKLIST:
    case T.RDB_TYPE_LIST_QUICKLIST_2: {
      const nodes = r.len();
      nonEmpty(nodes);
      const items: string[] = [];
      for (let i = 0; i < nodes; i++) {
        let container = T.QUICKLIST_NODE_CONTAINER_PACKED;
        if (type === T.RDB_TYPE_LIST_QUICKLIST_2) {
          container = r.len();
          if (container !== T.QUICKLIST_NODE_CONTAINER_PACKED && container !== T.QUICKLIST_NODE_CONTAINER_PLAIN) fail('bad quicklist container');
        }
        if (container === T.QUICKLIST_NODE_CONTAINER_PLAIN) {
          items.push(r.string());
          continue;
        }
        const blob = r.stringBytes();
        // Redis skips empty nodes rather than refusing them.
        for (const e of type === T.RDB_TYPE_LIST_QUICKLIST_2 ? listpackEntries(blob) : ziplistEntries(blob)) items.push(e);
      }
      nonEmpty(items.length);
      return { type: 'list', items };
    }
    default:
      return fail(`unsupported value type ${type}`);
  }
}

/** Reads a type byte then its value. */
export function readTypedValue(r: RdbReader): PlainValue {
  return readValue(r, r.byte());
}

/** Quicklist node size limits for list-max-listpack-size -1..-5, as in Redis. */
const NODE_BYTES = [4096, 8192, 16384, 32768, 65536];
/** Redis's per-element overhead estimate when deciding whether a node is full. */
const SIZE_ESTIMATE_OVERHEAD = 8;
const SIZE_SAFETY_LIMIT = 8192;

/** Redis's default for the size from which a list element gets a quicklist node of its own (a plain node). */
export const PACKED_THRESHOLD_DEFAULT = 1 << 30;

export interface WriteOptions {
  /** list-max-listpack-size, deciding how lists split into quicklist nodes. */
  listMaxListpackSize: number;
  /** Elements of at least this many bytes are written as plain nodes, alone, as Redis stores them. */
  packedThreshold: number;
  /** rdbcompression: LZF for strings over 20 bytes. */
  compress: boolean;
}

function writeList(w: RdbWriter, items: string[], opts: WriteOptions): void {
  const fill = opts.listMaxListpackSize;
  const nodes: { container: number; blob: Buffer }[] = [];
  let lp = new ListpackBuilder();
  const closePacked = () => {
    if (lp.count === 0) return;
    nodes.push({ container: T.QUICKLIST_NODE_CONTAINER_PACKED, blob: lp.finish() });
    lp = new ListpackBuilder();
  };
  for (const item of items) {
    if (item.length >= opts.packedThreshold) {
      closePacked();
      nodes.push({ container: T.QUICKLIST_NODE_CONTAINER_PLAIN, blob: Buffer.from(item, 'latin1') });
      continue;
    }
    if (lp.count > 0) {
      const newSize = lp.size + item.length + SIZE_ESTIMATE_OVERHEAD;
      const full = fill >= 0 ? lp.count + 1 > fill || newSize > SIZE_SAFETY_LIMIT : newSize > NODE_BYTES[Math.min(-fill, 5) - 1];
      if (full) closePacked();
    }
    lp.add(item);
  }
  closePacked();
  w.byte(T.RDB_TYPE_LIST_QUICKLIST_2);
  w.length(nodes.length);
  for (const node of nodes) {
    w.length(node.container);
    w.blob(node.blob, opts.compress);
  }
}

/** Writes obj's type byte and value. Throws for types the codec does not know. */
export function writeValue(w: RdbWriter, obj: RObj, opts: WriteOptions): void {
  switch (obj.type) {
    case 'string':
      w.byte(T.RDB_TYPE_STRING);
      w.string(strLatin1(obj.value), opts.compress);
      return;
    case 'list':
      writeList(w, (obj.value as ListLike).toArray(), opts);
      return;
    case 'set': {
      const set = obj.value as SetLike;
      const members = set.toArray();
      if (set.encoding() === 'intset') {
        w.byte(T.RDB_TYPE_SET_INTSET);
        w.blob(buildIntset(members), opts.compress);
      } else {
        w.byte(T.RDB_TYPE_SET);
        w.length(members.length);
        for (const m of members) w.string(m, opts.compress);
      }
      return;
    }
    case 'zset': {
      const z = obj.value as ZSetLike;
      const pairs = z.toArray();
      if (z.encoding() === 'listpack') {
        const lp = new ListpackBuilder();
        for (const [m, s] of pairs) {
          lp.add(m);
          lp.add(scoreText(s));
        }
        w.byte(T.RDB_TYPE_ZSET_LISTPACK);
        w.blob(lp.finish(), opts.compress);
      } else {
        // Highest score first, as Redis walks its skiplist from the tail.
        w.byte(T.RDB_TYPE_ZSET_2);
        w.length(pairs.length);
        for (let i = pairs.length - 1; i >= 0; i--) {
          w.string(pairs[i][0], opts.compress);
          w.doubleBinary(pairs[i][1]);
        }
      }
      return;
    }
    case 'hash': {
      const h = obj.value as HashLike;
      const pairs = h.toArray();
      if (h.encoding() === 'listpack') {
        const lp = new ListpackBuilder();
        for (const [f, v] of pairs) {
          lp.add(f);
          lp.add(v);
        }
        w.byte(T.RDB_TYPE_HASH_LISTPACK);
        w.blob(lp.finish(), opts.compress);
      } else {
        w.byte(T.RDB_TYPE_HASH);
        w.length(pairs.length);
        for (const [f, v] of pairs) {
          w.string(f, opts.compress);
          w.string(v, opts.compress);
        }
      }
      return;
    }
    default:
      throw new Error(`no RDB encoding for type ${obj.type}`);
  }
}

/** A score as Redis's d2string spells it inside a listpack: integers plainly, else %.17g. */
export function scoreText(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isInteger(d) && Math.abs(d) < 2 ** 53) return Object.is(d, -0) ? '-0' : String(d);
  return formatG(d, 17);
}
