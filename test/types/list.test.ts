import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListValue } from '../../src/types/list.js';

/** mulberry32: a small seeded PRNG, so a failure replays. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The model: LREM/LPOS/LTRIM semantics written the obvious way on a JS array. */
function modelRemove(a: string[], count: number, v: string): number {
  let removed = 0;
  const limit = count === 0 ? Infinity : Math.abs(count);
  if (count >= 0) {
    for (let i = 0; i < a.length && removed < limit; ) {
      if (a[i] === v) {
        a.splice(i, 1);
        removed++;
      } else i++;
    }
  } else {
    for (let i = a.length - 1; i >= 0 && removed < limit; i--) {
      if (a[i] === v) {
        a.splice(i, 1);
        removed++;
      }
    }
  }
  return removed;
}

function modelPositions(a: string[], v: string, rank: number, count: number, maxlen: number): number[] {
  const out: number[] = [];
  const want = count === 0 ? Infinity : count;
  let skip = Math.abs(rank) - 1;
  const n = maxlen === 0 ? a.length : Math.min(maxlen, a.length);
  for (let k = 0; k < n && out.length < want; k++) {
    const i = rank > 0 ? k : a.length - 1 - k;
    if (a[i] !== v) continue;
    if (skip > 0) skip--;
    else out.push(i);
  }
  return out;
}

for (const [seed, limit] of [
  [1, -2],
  [2, 4],
  [3, 1],
  [4, -1],
  [5, 128],
] as const) {
  test(`ListValue matches an array model under random operations (seed ${seed}, limit ${limit})`, () => {
    const rnd = prng(seed);
    const int = (n: number) => Math.floor(rnd() * n);
    const values = ['a', 'b', 'c', 'dd', '', 'x'.repeat(300), 'yy'.repeat(3000)];
    const pick = () => values[int(values.length)];
    const l = new ListValue({ listMaxListpackSize: limit });
    let a: string[] = [];
    for (let step = 0; step < 6000; step++) {
      const op = int(14);
      const len = a.length;
      const idx = int(len * 2 + 3) - len - 1;
      switch (op) {
        case 0:
        case 1: {
          const v = pick();
          l.pushHead(v);
          a.unshift(v);
          break;
        }
        case 2:
        case 3: {
          const v = pick();
          l.pushTail(v);
          a.push(v);
          break;
        }
        case 4:
          assert.equal(l.popHead(), a.shift());
          break;
        case 5:
          assert.equal(l.popTail(), a.pop());
          break;
        case 6:
          assert.equal(l.index(idx), idx < 0 ? a[a.length + idx] : a[idx]);
          break;
        case 7: {
          const v = pick();
          const ok = l.set(idx, v);
          const i = idx < 0 ? a.length + idx : idx;
          assert.equal(ok, i >= 0 && i < a.length);
          if (ok) a[i] = v;
          break;
        }
        case 8: {
          const pivot = pick();
          const v = pick();
          const after = rnd() < 0.5;
          const at = a.indexOf(pivot);
          const r = l.insert(pivot, v, after);
          if (at === -1) assert.equal(r, -1);
          else {
            a.splice(after ? at + 1 : at, 0, v);
            assert.equal(r, a.length);
          }
          break;
        }
        case 9: {
          const v = pick();
          const count = int(7) - 3;
          assert.equal(l.remove(count, v), modelRemove(a, count, v));
          break;
        }
        case 10: {
          if (rnd() < 0.8) break;
          const s = int(len + 2);
          const e = s + int(len + 2) - 1;
          l.trim(s, Math.min(e, len - 1));
          a = s > Math.min(e, len - 1) || s >= len ? [] : a.slice(s, Math.min(e, len - 1) + 1);
          break;
        }
        case 11: {
          const v = pick();
          const rank = (int(3) + 1) * (rnd() < 0.5 ? -1 : 1);
          const count = int(3);
          const maxlen = int(3) === 0 ? int(len + 1) : 0;
          assert.deepEqual(l.positions(v, rank, count, maxlen), modelPositions(a, v, rank, count, maxlen));
          break;
        }
        case 12: {
          if (len === 0) break;
          const s = int(len);
          const e = s + int(len - s);
          assert.deepEqual(l.range(s, e), a.slice(s, e + 1));
          break;
        }
        case 13: {
          // Bulk growth so the chain gets long enough for interior packed nodes.
          for (let k = 0; k < 40; k++) {
            const v = values[k % 4];
            l.pushTail(v);
            a.push(v);
          }
          break;
        }
      }
      assert.equal(l.length, a.length, `length after op ${op} at step ${step}`);
      if (step % 500 === 0) assert.deepEqual(l.toArray(), a);
    }
    assert.deepEqual(l.toArray(), a);
    const copy = l.clone();
    copy.pushTail('extra');
    assert.deepEqual(l.toArray(), a);
    assert.deepEqual(copy.toArray(), [...a, 'extra']);
  });
}

test('fromArray, toArray, encoding', () => {
  const items = Array.from({ length: 1000 }, (_, i) => `item:${i}`);
  const l = ListValue.fromArray(items, { listMaxListpackSize: -2 });
  assert.deepEqual(l.toArray(), items);
  assert.equal(l.length, 1000);
  assert.equal(l.encoding(), 'quicklist');
  assert.equal(ListValue.fromArray([], { listMaxListpackSize: 1 }).encoding(), 'quicklist');
  assert.equal(l.index(500), 'item:500');
  assert.equal(l.index(-1), 'item:999');
  assert.equal(l.index(1000), undefined);
});

test('binary-safe elements keep every byte', () => {
  const bytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
  const l = new ListValue();
  for (let i = 0; i < 300; i++) l.pushTail(bytes.slice(i % 256) + bytes.slice(0, i % 256));
  for (let i = 0; i < 300; i++) assert.equal(l.index(i), bytes.slice(i % 256) + bytes.slice(0, i % 256));
});
