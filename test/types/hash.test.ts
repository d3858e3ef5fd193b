import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HashValue, type HashLimits } from '../../src/types/hash.js';

/** mulberry32: a small seeded PRNG so every run sees the same operations. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LIMITS: HashLimits = { maxListpackEntries: 128, maxListpackValue: 64 };

function randomString(rnd: () => number, maxLen: number): string {
  const len = Math.floor(rnd() * (maxLen + 1));
  let s = '';
  // Every byte value, including the ones a length header uses.
  for (let i = 0; i < len; i++) s += String.fromCharCode(Math.floor(rnd() * 256));
  return s;
}

function check(h: HashValue, model: Map<string, string>, limits: HashLimits, converted: boolean): void {
  assert.equal(h.size, model.size);
  // A listpack keeps insertion order; a hashtable only promises the same pairs.
  if (h.encoding() === 'listpack') assert.deepEqual(h.toArray(), [...model.entries()]);
  else assert.deepEqual(h.toArray().sort(), [...model.entries()].sort());
  for (let i = 0; i < h.size; i++) assert.equal(model.get(h.fieldAt(i)), h.valueAt(i));
  const fits = model.size <= limits.maxListpackEntries && [...model].every(([f, v]) => f.length <= limits.maxListpackValue && v.length <= limits.maxListpackValue);
  assert.equal(h.encoding(), converted || !fits ? 'hashtable' : 'listpack');
}

test('HashValue behaves like a Map under random operations', () => {
  for (const [seed, limits, keySpace, maxLen] of [
    [1, LIMITS, 40, 10],
    [2, { maxListpackEntries: 8, maxListpackValue: 6 }, 20, 8],
    [3, LIMITS, 300, 3],
    [4, { maxListpackEntries: 1000, maxListpackValue: 300 }, 50, 200],
  ] as const) {
    const rnd = prng(seed);
    const h = new HashValue();
    const model = new Map<string, string>();
    let converted = false;
    for (let step = 0; step < 3000; step++) {
      const field = 'f' + Math.floor(rnd() * keySpace) + (rnd() < 0.1 ? randomString(rnd, maxLen) : '');
      const op = rnd();
      if (op < 0.5) {
        const value = randomString(rnd, maxLen);
        const isNew = !model.has(field);
        assert.equal(h.set(field, value, limits), isNew);
        model.set(field, value);
      } else if (op < 0.8) {
        assert.equal(h.delete(field), model.delete(field));
      } else {
        assert.equal(h.get(field), model.get(field));
        assert.equal(h.has(field), model.has(field));
        assert.equal(h.strlen(field), model.get(field)?.length ?? 0);
      }
      if (h.encoding() === 'hashtable') converted = true;
      if (step % 50 === 0) check(h, model, limits, converted);
    }
    check(h, model, limits, converted);
    const copy = h.clone();
    copy.set('only-in-copy', 'x', limits);
    assert.equal(h.has('only-in-copy'), false);
    assert.equal(copy.encoding(), h.encoding() === 'hashtable' || model.size + 1 > limits.maxListpackEntries ? 'hashtable' : 'listpack');
  }
});

test('encoding thresholds: entries, field and value lengths, no conversion back', () => {
  const limits = { maxListpackEntries: 3, maxListpackValue: 4 };
  const h = HashValue.fromPairs([['a', '1'], ['b', '2'], ['c', '3']], limits);
  assert.equal(h.encoding(), 'listpack');
  h.set('d', '4', limits);
  assert.equal(h.encoding(), 'hashtable');
  h.delete('a');
  h.delete('b');
  assert.equal(h.encoding(), 'hashtable');
  assert.equal(HashValue.fromPairs([['abcd', 'wxyz']], limits).encoding(), 'listpack');
  assert.equal(HashValue.fromPairs([['abcde', 'x']], limits).encoding(), 'hashtable');
  assert.equal(HashValue.fromPairs([['x', 'abcde']], limits).encoding(), 'hashtable');
  const u = HashValue.fromPairs([['x', '1']], limits);
  u.set('x', 'abcde', limits);
  assert.equal(u.encoding(), 'hashtable');
  assert.equal(new HashValue().encoding(), 'listpack');
});

test('long entries need multi-byte length headers', () => {
  const limits = { maxListpackEntries: 10, maxListpackValue: 100000 };
  const big = 'x'.repeat(70000);
  const h = HashValue.fromPairs([['a', big], [big, 'b'], ['c', 'y'.repeat(200)]], limits);
  assert.equal(h.encoding(), 'listpack');
  assert.equal(h.get('a'), big);
  assert.equal(h.get(big), 'b');
  assert.equal(h.strlen('c'), 200);
  h.set('a', '', limits);
  assert.deepEqual(h.fields(), ['a', big, 'c']);
  assert.deepEqual(h.values(), ['', 'b', 'y'.repeat(200)]);
  h.delete(big);
  assert.deepEqual(h.flat(), ['a', '', 'c', 'y'.repeat(200)]);
});
