/**
 * HyperLogLog commands. An HLL is a string value in Redis's byte layout
 * (src/types/hll.ts); commands that change one turn the value into a
 * RawString first, so a PFADD edits a register in place instead of copying
 * the 12 KB of a dense value.
 */
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import type { RObj } from '../keyspace/object.js';
import { strBytes } from '../keyspace/object.js';
import { RawString } from '../types/rawstring.js';
import { Err, errPfdebugUnknown, errPfselftest } from '../errors.js';
import { cstr, eqi } from './args.js';
import { addStringKey, unshare } from './string/shared.js';
import {
  HLL_DENSE,
  HLL_DENSE_SIZE,
  HLL_HDR_SIZE,
  HLL_REGISTERS,
  HLL_SPARSE,
  addPattern,
  cacheValid,
  cachedCount,
  countHll,
  denseGet,
  denseRaise,
  denseSet,
  denseStore,
  describeSparse,
  emptyHll,
  estimate,
  hashPattern,
  invalidateCache,
  isHllHeader,
  mergeRegisters,
  rawHistogram,
  sparseSet,
  sparseToDense,
  writeCachedCount,
} from '../types/hll.js';

const KEYS_FROM_1 = { begin: { index: 1 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } } as const;
const ONE_KEY_AT = (index: number) => ({ begin: { index }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }) as const;
/** What llroundl gives for an estimate past the 64-bit range (only corrupted registers get there). */
const LLONG_MIN = -(2n ** 63n);

function sparseMaxBytes(ctx: ServerContext): number {
  return ctx.config.num('hll-sparse-max-bytes');
}

/**
 * Whether obj holds an HLL; if not, the reply is sent (WRONGTYPE for another
 * type, Redis's HLL variant of it for a string that is not an HLL).
 */
function checkHll(obj: RObj, out: ReplyWriter): boolean {
  if (obj.type !== 'string') {
    out.error(Err.WRONGTYPE);
    return false;
  }
  if (!isHllHeader(strBytes(obj.value))) {
    out.error(Err.HLL_WRONGTYPE);
    return false;
  }
  return true;
}

/** A fresh, empty HLL as a mutable value. */
function newHll(): RawString {
  return new RawString(emptyHll(), 64);
}

/** An estimate as Redis replies it: past 2^63, C's conversion to a 64-bit integer yields LLONG_MIN. */
function replyCount(out: ReplyWriter, n: number): void {
  if (n <= Number.MAX_SAFE_INTEGER) out.integer(n);
  else if (n < 2 ** 63) out.integer(BigInt(n));
  else out.integer(LLONG_MIN);
}

/** PFADD key [element ...] */
function pfadd(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const key = argv[1];
  const db = c.db;
  const obj = db.lookupWrite(key);
  let raw: RawString;
  let updated = 0;
  if (obj === undefined) {
    raw = newHll();
    addStringKey(ctx, db, key, raw);
    // Creating the key counts as a change even without elements.
    updated++;
  } else {
    if (!checkHll(obj, out)) return;
    raw = unshare(obj);
  }
  const maxBytes = argv.length > 2 ? sparseMaxBytes(ctx) : 0;
  let v = raw.view();
  for (let j = 2; j < argv.length; j++) {
    const pattern = hashPattern(argv[j]);
    let r: number;
    if (v[4] === HLL_DENSE) r = denseSet(v, pattern >>> 6, pattern & 63);
    else {
      r = addPattern(raw, v, pattern, maxBytes);
      v = raw.view();
    }
    if (r === 1) updated++;
    else if (r < 0) return out.error(Err.HLL_CORRUPTED);
  }
  if (updated !== 0) {
    invalidateCache(v);
    ctx.keyspace.touch(db, key, '$', 'pfadd', updated);
  }
  out.integer(updated !== 0 ? 1 : 0);
}

/** PFCOUNT key [key ...] */
function pfcount(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const db = c.db;
  if (argv.length > 2) {
    // The union is counted without storing it: one byte per register, the highest of all inputs.
    const max = new Uint8Array(HLL_REGISTERS);
    for (let j = 1; j < argv.length; j++) {
      const obj = db.lookupRead(argv[j]);
      if (obj === undefined) continue;
      if (!checkHll(obj, out)) return;
      if (!mergeRegisters(max, strBytes(obj.value))) return out.error(Err.HLL_CORRUPTED);
    }
    const h = new Int32Array(64);
    rawHistogram(max, h);
    return replyCount(out, estimate(h));
  }
  const key = argv[1];
  const obj = db.lookupRead(key);
  if (obj === undefined) return out.integer(0);
  if (!checkHll(obj, out)) return;
  // Redis unshares here even to read the cache, which makes OBJECT ENCODING report raw.
  const v = unshare(obj).view();
  if (cacheValid(v)) return out.integer(cachedCount(v));
  const n = countHll(v);
  if (n < 0) return out.error(Err.HLL_CORRUPTED);
  // LLONG_MIN as an unsigned 64-bit number is 2^63: its top bit leaves the cache marked stale.
  writeCachedCount(v, n < 2 ** 63 ? n : 2 ** 63);
  // Caching the count changes the string: WATCH and tracking see a change and it counts as a
  // write (so it propagates), but Redis emits no keyspace event for it.
  ctx.keyspace.modified(db, key);
  ctx.keyspace.changed();
  replyCount(out, n);
}

/** PFMERGE destkey [sourcekey ...] (the destination is one of the inputs) */
function pfmerge(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const db = c.db;
  const max = new Uint8Array(HLL_REGISTERS);
  let useDense = false;
  for (let j = 1; j < argv.length; j++) {
    const obj = db.lookupRead(argv[j]);
    if (obj === undefined) continue;
    if (!checkHll(obj, out)) return;
    const b = strBytes(obj.value);
    if (b[4] === HLL_DENSE) useDense = true;
    if (!mergeRegisters(max, b)) return out.error(Err.HLL_CORRUPTED);
  }
  const key = argv[1];
  const obj = db.lookupWrite(key);
  let raw: RawString;
  if (obj === undefined) {
    raw = newHll();
    addStringKey(ctx, db, key, raw);
  } else raw = unshare(obj);
  // A dense input makes the target dense at once rather than after many sparse edits.
  if (useDense && !sparseToDense(raw)) return out.error(Err.HLL_CORRUPTED);
  let v = raw.view();
  if (v[4] === HLL_DENSE) denseRaise(v, max);
  else {
    const maxBytes = sparseMaxBytes(ctx);
    for (let j = 0; j < HLL_REGISTERS; j++) {
      if (max[j] === 0) continue;
      if (v[4] === HLL_DENSE) denseSet(v, j, max[j]);
      else {
        sparseSet(raw, j, max[j], maxBytes);
        v = raw.view();
      }
    }
  }
  invalidateCache(v);
  // Redis announces a merge as pfadd.
  ctx.keyspace.touch(db, key, '$', 'pfadd');
  out.ok();
}

/** PFDEBUG GETREG|DECODE|ENCODING|TODENSE key */
function pfdebug(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const key = argv[2];
  const obj = c.db.lookupWrite(key);
  if (obj === undefined) return out.error(Err.PFDEBUG_NO_KEY);
  if (!checkHll(obj, out)) return;
  const raw = unshare(obj);
  // strcasecmp: the name ends at a NUL byte.
  const sub = cstr(argv[1]);
  if (eqi(sub, 'getreg')) {
    if (raw.view()[4] === HLL_SPARSE) {
      if (!sparseToDense(raw)) return out.error(Err.HLL_CORRUPTED);
      // The encoding changed: counted as a write so a replica converts too, though nothing is signalled.
      ctx.keyspace.changed();
    }
    const v = raw.view();
    out.array(HLL_REGISTERS);
    for (let i = 0; i < HLL_REGISTERS; i++) out.integer(denseGet(v, i));
  } else if (eqi(sub, 'decode')) {
    const v = raw.view();
    if (v[4] !== HLL_SPARSE) return out.error(Err.PFDEBUG_NOT_SPARSE);
    out.bulkLatin1(describeSparse(v));
  } else if (eqi(sub, 'encoding')) {
    out.simple(raw.view()[4] === HLL_DENSE ? 'dense' : 'sparse');
  } else if (eqi(sub, 'todense')) {
    if (raw.view()[4] !== HLL_SPARSE) return out.integer(0);
    if (!sparseToDense(raw)) return out.error(Err.HLL_CORRUPTED);
    ctx.keyspace.changed();
    out.integer(1);
  } else out.error(errPfdebugUnknown(sub));
}

/** Eight bytes of n (below 2^53) as a latin1 string, little-endian. */
function u64String(lo: number, hi: number): string {
  return String.fromCharCode(lo & 255, (lo >>> 8) & 255, (lo >>> 16) & 255, lo >>> 24, hi & 255, (hi >>> 8) & 255, (hi >>> 16) & 255, hi >>> 24);
}

/**
 * PFSELFTEST: register packing (random values written and read back, a
 * thousand times over every register), then ten million distinct elements
 * added to a dense and a sparse HLL side by side: at each power of ten the
 * two must agree, the sparse one must still be sparse while small, and the
 * estimate must be within six standard errors.
 */
function pfselftest(ctx: ServerContext, _c: Client, _argv: string[], out: ReplyWriter): void {
  const dense = Buffer.alloc(HLL_DENSE_SIZE);
  dense.write('HYLL', 0, 'latin1');
  const expect = new Uint8Array(HLL_REGISTERS);
  for (let cycle = 0; cycle < 1000; cycle++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const r = Math.floor(Math.random() * 64);
      expect[i] = r;
      denseStore(dense, i, r);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const got = denseGet(dense, i);
      if (got !== expect[i]) return out.error(errPfselftest(`Register ${i} should be ${expect[i]} but is ${got}`));
    }
  }
  dense.fill(0, HLL_HDR_SIZE);
  const sparse = newHll();
  const maxBytes = sparseMaxBytes(ctx);
  const relerr = 1.04 / Math.sqrt(HLL_REGISTERS);
  const seedLo = (Math.random() * 2 ** 32) >>> 0;
  const seedHi = (Math.random() * 2 ** 21) >>> 0;
  let checkpoint = 1;
  for (let j = 1; j <= 10_000_000; j++) {
    const pattern = hashPattern(u64String((j ^ seedLo) >>> 0, seedHi));
    denseSet(dense, pattern >>> 6, pattern & 63);
    addPattern(sparse, sparse.view(), pattern, maxBytes);
    if (j !== checkpoint) continue;
    const sv = sparse.view();
    if (j < Math.floor(maxBytes / 2) && sv[4] !== HLL_SPARSE) return out.error(errPfselftest('sparse encoding not used'));
    const card = countHll(dense);
    if (card !== countHll(sv)) return out.error(errPfselftest('dense/sparse disagree'));
    // At 10 a collision is likely enough to allow one off.
    const maxerr = j === 10 ? 1 : Math.ceil(relerr * 6 * checkpoint);
    const abserr = Math.abs(checkpoint - card);
    if (abserr > maxerr) return out.error(errPfselftest(`Too big error. card:${checkpoint} abserr:${abserr}`));
    checkpoint *= 10;
  }
  out.ok();
}

export const hllCommands: CommandSpec[] = [
  {
    name: 'pfadd',
    arity: -2,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['hyperloglog'],
    keySpecs: [{ flags: ['RW', 'insert'], ...ONE_KEY_AT(1) }],
    group: 'hyperloglog',
    since: '2.8.9',
    summary: 'Adds elements to a HyperLogLog, creating it if needed.',
    complexity: 'O(1) to add every element.',
    args: [
      { name: 'key', type: 'key', key_spec_index: 0 },
      { name: 'element', type: 'string', flags: ['optional', 'multiple'] },
    ],
    run: pfadd,
  },
  {
    name: 'pfcount',
    arity: -2,
    flags: ['readonly'],
    acl: ['hyperloglog'],
    keySpecs: [{ notes: 'RW because it may change the internal representation of the key, and propagate to replicas', flags: ['RW', 'access'], ...KEYS_FROM_1 }],
    group: 'hyperloglog',
    since: '2.8.9',
    summary: 'Estimates how many distinct elements a HyperLogLog, or the union of several, has seen.',
    complexity: 'O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0, flags: ['multiple'] }],
    run: pfcount,
  },
  {
    name: 'pfmerge',
    arity: -2,
    flags: ['write', 'denyoom'],
    acl: ['hyperloglog'],
    keySpecs: [
      { flags: ['RW', 'access', 'insert'], ...ONE_KEY_AT(1) },
      { flags: ['RO', 'access'], begin: { index: 2 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } },
    ],
    group: 'hyperloglog',
    since: '2.8.9',
    summary: 'Combines HyperLogLogs into the first one, which is created if needed.',
    complexity: 'O(N) to merge N HyperLogLogs, but with high constant times.',
    args: [
      { name: 'destkey', type: 'key', key_spec_index: 0 },
      { name: 'sourcekey', type: 'key', key_spec_index: 1, flags: ['multiple'] },
    ],
    run: pfmerge,
  },
  {
    name: 'pfdebug',
    arity: 3,
    flags: ['write', 'denyoom', 'admin'],
    acl: ['hyperloglog'],
    keySpecs: [{ flags: ['RW', 'access'], ...ONE_KEY_AT(2) }],
    group: 'hyperloglog',
    since: '2.8.9',
    summary: 'Shows or changes the internals of a HyperLogLog value, for debugging.',
    complexity: 'N/A',
    docFlags: ['syscmd'],
    args: [
      { name: 'subcommand', type: 'string' },
      { name: 'key', type: 'key', key_spec_index: 0 },
    ],
    run: pfdebug,
  },
  {
    name: 'pfselftest',
    arity: 1,
    flags: ['admin'],
    acl: ['hyperloglog'],
    group: 'hyperloglog',
    since: '2.8.9',
    summary: 'Runs the HyperLogLog implementation against its own checks.',
    complexity: 'N/A',
    docFlags: ['syscmd'],
    run: pfselftest,
  },
];
