import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RawString } from '../../src/types/rawstring.js';
import { seededInts } from '../helpers/random.js';
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
  histogram,
  invalidateCache,
  isHllHeader,
  mergeRegisters,
  murmurHash64A,
  rawHistogram,
  sparseSet,
  sparseToDense,
  writeCachedCount,
} from '../../src/types/hll.js';

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** What hashPattern must return, from the BigInt MurmurHash64A and the definition of the pattern length. */
function referencePattern(s: string): number {
  const h = murmurHash64A(Buffer.from(s, 'latin1'));
  const index = Number(h & BigInt(HLL_REGISTERS - 1));
  let rest = (h >> 14n) | (1n << 50n);
  let count = 1;
  while ((rest & 1n) === 0n) {
    count++;
    rest >>= 1n;
  }
  return index * 64 + count;
}

/** Every register of a value of either encoding, by expanding a copy to dense. */
function registers(b: Uint8Array): number[] {
  const raw = new RawString(Buffer.from(b));
  assert.ok(sparseToDense(raw));
  const v = raw.view();
  return Array.from({ length: HLL_REGISTERS }, (_, i) => denseGet(v, i));
}

function randomString(ri: (n: number) => number, maxLen: number): string {
  const n = ri(maxLen + 1);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(ri(256));
  return s;
}

test('MurmurHash64A: the 32-bit-halves version agrees with the BigInt one for every tail length and all byte values', () => {
  const ri = seededInts(19);
  for (let i = 0; i < 3000; i++) {
    const s = randomString(ri, 40);
    assert.equal(hashPattern(s), referencePattern(s), JSON.stringify(s));
  }
  for (const s of ['', 'a', '\xff\xff\xff\xff\xff\xff\xff\xff\xff', '\0'.repeat(17)]) assert.equal(hashPattern(s), referencePattern(s));
});

test('an empty HLL: sparse, one XZERO opcode covering all registers, a valid cached 0', () => {
  const b = emptyHll();
  assert.equal(b.length, HLL_HDR_SIZE + 2);
  assert.equal(latin1(b.subarray(0, 4)), 'HYLL');
  assert.equal(b[4], HLL_SPARSE);
  assert.ok(cacheValid(b));
  assert.equal(cachedCount(b), 0);
  assert.equal(describeSparse(b), 'Z:16384');
  assert.ok(isHllHeader(b));
  assert.equal(countHll(b), 0);
});

test('header checks: magic, encoding byte, dense length', () => {
  const dense = Buffer.alloc(HLL_DENSE_SIZE);
  dense.write('HYLL', 0, 'latin1');
  assert.ok(isHllHeader(dense));
  assert.ok(!isHllHeader(dense.subarray(0, HLL_DENSE_SIZE - 1)));
  const bad = emptyHll();
  bad[4] = 2;
  assert.ok(!isHllHeader(bad));
  const magic = emptyHll();
  magic[3] = 0x6c;
  assert.ok(!isHllHeader(magic));
  assert.ok(!isHllHeader(emptyHll().subarray(0, 15)));
  // A sparse header alone is a valid HLL as far as the header goes (its registers are not checked here).
  assert.ok(isHllHeader(emptyHll().subarray(0, 16)));
});

test('cached cardinality: stale bit and 64-bit values', () => {
  const b = emptyHll();
  invalidateCache(b);
  assert.ok(!cacheValid(b));
  for (const n of [0, 1, 255, 256, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1]) {
    writeCachedCount(b, n);
    assert.ok(cacheValid(b));
    assert.equal(cachedCount(b), n);
  }
  writeCachedCount(b, 2 ** 60);
  assert.equal(cachedCount(b), 2n ** 60n);
  writeCachedCount(b, 2 ** 63);
  assert.ok(!cacheValid(b));
});

test('dense registers: each 6-bit register is independent of its neighbours', () => {
  const ri = seededInts(7);
  const b = Buffer.alloc(HLL_DENSE_SIZE);
  const model = new Uint8Array(HLL_REGISTERS);
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      model[i] = ri(64);
      denseStore(b, i, model[i]);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) assert.equal(denseGet(b, i), model[i], `register ${i}`);
  }
  const i = 1234;
  assert.equal(denseSet(b, i, model[i]), 0);
  if (model[i] < 63) assert.equal(denseSet(b, i, 63), 1);
  assert.equal(denseGet(b, i), 63);
  // The last register ends in the last byte: nothing is read or written past it.
  const last = Buffer.alloc(HLL_DENSE_SIZE);
  denseSet(last, HLL_REGISTERS - 1, 63);
  assert.equal(last[HLL_DENSE_SIZE - 1], 63 << 2);
  assert.equal(denseGet(last, HLL_REGISTERS - 1), 63);
});

test('sparse edits keep the registers a plain model holds, and the value turns dense past max bytes', () => {
  for (const maxBytes of [3000, 300, 40]) {
    const ri = seededInts(maxBytes);
    const raw = new RawString(emptyHll());
    const model = new Uint8Array(HLL_REGISTERS);
    const dense = Buffer.alloc(HLL_DENSE_SIZE);
    let wentDense = false;
    for (let i = 0; i < 4000; i++) {
      const p = hashPattern(`el:${ri(1 << 30)}`);
      const index = p >>> 6;
      const count = p & 63;
      const changed = count > model[index];
      if (changed) model[index] = count;
      denseSet(dense, index, count);
      const before = raw.view()[4];
      const r = addPattern(raw, raw.view(), p, maxBytes);
      assert.equal(r, changed ? 1 : 0);
      const v = raw.view();
      if (v[4] === HLL_DENSE) {
        if (before === HLL_SPARSE) wentDense = true;
        assert.equal(v.length, HLL_DENSE_SIZE);
      } else assert.ok(v.length <= maxBytes, `sparse value of ${v.length} bytes over ${maxBytes}`);
      if (i % 97 === 0 || i === 3999) {
        assert.deepEqual(registers(v), Array.from(model));
        assert.equal(countHll(v), countHll(dense));
      }
    }
    assert.ok(wentDense, `promoted at ${maxBytes}`);
  }
});

test('a register above 32 cannot be sparse: the value turns dense with it set', () => {
  const raw = new RawString(emptyHll());
  assert.equal(sparseSet(raw, 100, 3, 3000), 1);
  assert.equal(sparseSet(raw, 200, 33, 3000), 1);
  const v = raw.view();
  assert.equal(v[4], HLL_DENSE);
  assert.equal(denseGet(v, 100), 3);
  assert.equal(denseGet(v, 200), 33);
});

test('sparse opcodes: splits and merges as Redis makes them', () => {
  const raw = new RawString(emptyHll());
  sparseSet(raw, 0, 1, 3000);
  assert.equal(describeSparse(raw.view()), 'v:1,1 Z:16383');
  sparseSet(raw, 1, 1, 3000);
  // Adjacent equal values join into one run.
  assert.equal(describeSparse(raw.view()), 'v:1,2 Z:16382');
  // 98 zeros before it: more than a ZERO opcode holds, so an XZERO.
  sparseSet(raw, 100, 2, 3000);
  assert.equal(describeSparse(raw.view()), 'v:1,2 Z:98 v:2,1 Z:16283');
  sparseSet(raw, 16383, 5, 3000);
  assert.equal(describeSparse(raw.view()), 'v:1,2 Z:98 v:2,1 Z:16282 v:5,1');
  // Raising one register of a run splits it.
  sparseSet(raw, 0, 4, 3000);
  assert.equal(describeSparse(raw.view()), 'v:4,1 v:1,1 Z:98 v:2,1 Z:16282 v:5,1');
  assert.equal(sparseSet(raw, 1, 1, 3000), 0);
  assert.ok(!cacheValid(raw.view()));
});

test('corrupted sparse values are detected', () => {
  // Opcodes covering fewer registers than there are.
  const short = Buffer.concat([emptyHll().subarray(0, HLL_HDR_SIZE), Buffer.from([0x7f, 0xfe])]);
  assert.equal(countHll(short), -1);
  assert.ok(!sparseToDense(new RawString(short)));
  assert.equal(sparseSet(new RawString(short), 16383, 1, 3000), -1);
  assert.equal(sparseSet(new RawString(short), 5, 1, 3000), 1);
  // A value run past the last register.
  const over = Buffer.concat([emptyHll().subarray(0, HLL_HDR_SIZE), Buffer.from([0x7f, 0xfe, 0x83])]);
  assert.ok(!sparseToDense(new RawString(over)));
  assert.ok(!mergeRegisters(new Uint8Array(HLL_REGISTERS), over));
  assert.equal(countHll(over), -1);
});

test('union registers, histograms and the estimator', () => {
  const ri = seededInts(3);
  const a = new RawString(emptyHll());
  const b = Buffer.alloc(HLL_DENSE_SIZE);
  b.write('HYLL', 0, 'latin1');
  for (let i = 0; i < 2000; i++) addPattern(a, a.view(), hashPattern(`a${ri(1e9)}`), 3000);
  for (let i = 0; i < 20000; i++) denseSet(b, ...splitPattern(hashPattern(`b${ri(1e9)}`)));
  const max = new Uint8Array(HLL_REGISTERS);
  assert.ok(mergeRegisters(max, a.view()));
  assert.ok(mergeRegisters(max, b));
  const ra = registers(a.view());
  const rb = registers(b);
  for (let i = 0; i < HLL_REGISTERS; i++) assert.equal(max[i], Math.max(ra[i], rb[i]));
  const h = new Int32Array(64);
  rawHistogram(max, h);
  const target = Buffer.from(b);
  denseRaise(target, max);
  const h2 = new Int32Array(64);
  assert.ok(histogram(target, h2));
  assert.deepEqual(h2, h);
  const est = estimate(h);
  assert.ok(Math.abs(est - 22000) < 22000 * 0.05, `estimate ${est}`);
  assert.equal(estimate(new Int32Array(64).fill(0).map((_, i) => (i === 0 ? HLL_REGISTERS : 0))), 0);
});

function splitPattern(p: number): [number, number] {
  return [p >>> 6, p & 63];
}
