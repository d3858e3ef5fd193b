import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ZSetValue, type ZSetLimits } from '../../src/types/zset.js';

const LIMITS: ZSetLimits = { maxListpackEntries: 128, maxListpackValue: 64 };

/** Deterministic PRNG (mulberry32) so a failure replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cmp(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** The naive model: a sorted array of [member, score], kept sorted by binary insertion. */
class Model {
  items: [string, number][] = [];
  private scores = new Map<string, number>();
  private pos(m: string, s: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(this.items[mid], [m, s]) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  set(m: string, s: number): void {
    this.delete(m);
    this.items.splice(this.pos(m, s), 0, [m, s]);
    this.scores.set(m, s);
  }
  delete(m: string): boolean {
    const s = this.scores.get(m);
    if (s === undefined) return false;
    this.items.splice(this.pos(m, s), 1);
    this.scores.delete(m);
    return true;
  }
  removeRange(lo: number, hi: number): void {
    for (const [m] of this.items.splice(lo, hi - lo + 1)) this.scores.delete(m);
  }
}

function collect(z: ZSetValue, start: number, end: number, reverse: boolean): [string, number][] {
  const out: [string, number][] = [];
  z.forRange(start, end, reverse, (m, s) => out.push([m, s]));
  return out;
}

function check(z: ZSetValue, model: Model, r: () => number): void {
  const items = model.items;
  assert.equal(z.size, items.length);
  assert.deepEqual(z.toArray(), items);
  if (items.length === 0) return;
  for (let k = 0; k < 5; k++) {
    const i = Math.floor(r() * items.length);
    const [m, s] = items[i];
    assert.equal(z.rank(m), i);
    assert.equal(z.score(m), s);
    const { leaf, i: j } = z.at(i);
    assert.equal(leaf.members[j], m);
    const lo = Math.floor(r() * items.length);
    const hi = Math.min(items.length - 1, lo + Math.floor(r() * 50));
    assert.deepEqual(collect(z, lo, hi, false), items.slice(lo, hi + 1));
    assert.deepEqual(collect(z, hi, lo, true), items.slice(lo, hi + 1).reverse());
    const min = Math.floor(r() * 40) - 5;
    const max = min + Math.floor(r() * 20);
    const ex = r() < 0.5;
    const first = items.findIndex((x) => (ex ? x[1] > min : x[1] >= min));
    assert.equal(z.firstByScore(min, ex), first < 0 ? items.length : first);
    const past = items.findIndex((x) => (ex ? x[1] >= max : x[1] > max));
    assert.equal(z.endByScore(max, ex), past < 0 ? items.length : past);
  }
}

test('small score changes (ZINCRBY-like) keep the order, in place or moved, at every leaf position', () => {
  for (const seed of [11, 12]) {
    const r = rng(seed);
    const z = new ZSetValue('listpack');
    const model = new Model();
    // 5000 members: a tree of many leaves, so changes land on first, last and middle entries of leaves.
    for (let i = 0; i < 5000; i++) {
      const s = Math.floor(r() * 2000);
      z.set('m' + i, s, LIMITS);
      model.set('m' + i, s);
    }
    for (let step = 0; step < 20000; step++) {
      const m = 'm' + Math.floor(r() * 5000);
      const old = z.score(m)!;
      // Mostly steps smaller than the gap to a neighbour (in place), sometimes ties and jumps.
      const kind = r();
      const s = kind < 0.7 ? old + (r() - 0.5) * 0.01 : kind < 0.9 ? Math.floor(old) + (r() < 0.5 ? 1 : -1) : Math.floor(r() * 2000);
      z.set(m, s, LIMITS);
      model.set(m, s);
      if (step % 2000 === 0) check(z, model, r);
    }
    check(z, model, r);
    assert.deepEqual(z.toArray(), model.items);
  }
});

test('ZSetValue agrees with a sorted-array model under random operations', () => {
  for (const seed of [1, 2, 3, 4]) {
    const r = rng(seed);
    const z = new ZSetValue('listpack');
    // Seed 4 never leaves the listpack encoding, whose lookups scan the leaves.
    const limits: ZSetLimits = seed === 4 ? { maxListpackEntries: 1e9, maxListpackValue: 1e9 } : LIMITS;
    const model = new Model();
    // A small member space forces updates and deletions of existing members;
    // seed 3 grows the set past 4096 members, a tree three levels deep.
    const space = seed === 3 ? 20000 : 600;
    const [pAdd, pDel, pRange] = seed === 3 ? [0.85, 0.97, 0.98] : [0.55, 0.85, 0.9];
    const steps = seed === 3 ? 12000 : 6000;
    for (let step = 0; step < steps; step++) {
      const op = r();
      const m = 'm' + Math.floor(r() * space);
      if (op < pAdd) {
        const s = Math.floor(r() * 30) - (r() < 0.1 ? Infinity : 0);
        z.set(m, Number.isNaN(s) ? 0 : s, limits);
        model.set(m, Number.isNaN(s) ? 0 : s);
      } else if (op < pDel) {
        assert.equal(z.delete(m), model.delete(m));
      } else if (op < pRange && model.items.length > 0) {
        // Remove a rank window, as ZREMRANGEBYRANK does.
        const lo = Math.floor(r() * model.items.length);
        const hi = Math.min(model.items.length - 1, lo + Math.floor(r() * 80));
        z.deleteRange(lo, hi);
        model.removeRange(lo, hi);
        assert.deepEqual(
          z.toArray().map((x) => x[0]),
          model.items.map((x) => x[0]),
        );
      }
      if (step % 500 === 0) check(z, model, r);
    }
    check(z, model, r);
    if (seed === 3) assert.ok(z.size > 4096, `grew to ${z.size}`);
    // Drain completely: the tree must shrink back to an empty, usable state.
    for (const [m] of [...model.items]) {
      z.delete(m);
      model.delete(m);
    }
    check(z, model, r);
    z.set('again', 1, limits);
    assert.deepEqual(z.toArray(), [['again', 1]]);
    if (seed === 4) assert.equal(z.encoding(), 'listpack');
  }
});

test('ties order by member bytes, shorter prefix first', () => {
  const z = ZSetValue.fromPairs(
    [
      ['b', 0],
      ['a', 0],
      ['', 0],
      ['ab', 0],
      ['\xff', 0],
      ['B', 0],
      ['a', 1],
    ],
    LIMITS,
  );
  assert.deepEqual(
    z.toArray().map((x) => x[0]),
    ['', 'B', 'ab', 'b', '\xff', 'a'],
  );
  assert.equal(z.firstByLex('a', false), 2);
  assert.equal(z.endByLex('b', true), 3);
});

test('encodings follow the listpack limits and clone keeps them', () => {
  const z = new ZSetValue('listpack');
  const small: ZSetLimits = { maxListpackEntries: 3, maxListpackValue: 4 };
  z.set('a', 1, small);
  z.set('b', 2, small);
  z.set('c', 3, small);
  assert.equal(z.encoding(), 'listpack');
  z.set('d', 4, small);
  assert.equal(z.encoding(), 'skiplist');
  z.delete('d');
  assert.equal(z.encoding(), 'skiplist', 'Redis never converts back on removal');
  assert.equal(z.clone().encoding(), 'skiplist');
  assert.deepEqual(z.clone().toArray(), z.toArray());
  const long = new ZSetValue('listpack');
  long.set('12345', 1, small);
  assert.equal(long.encoding(), 'skiplist');
  assert.equal(ZSetValue.fromPairs([['a', 1]], small).encoding(), 'listpack');
  assert.equal(ZSetValue.fromPairs([['abcde', 1]], small).encoding(), 'skiplist');
  assert.equal(ZSetValue.create({ maxListpackEntries: 0, maxListpackValue: 64 }, 1).encoding(), 'skiplist');
});

test('a listpack stores -0 as 0, a skiplist keeps it', () => {
  const lp = new ZSetValue('listpack');
  lp.set('z', -0, LIMITS);
  assert.ok(Object.is(lp.score('z'), 0));
  const sl = new ZSetValue('skiplist');
  sl.set('z', -0, LIMITS);
  assert.ok(Object.is(sl.score('z'), -0));
});

test('fromPairs and clone build large sets in order', () => {
  const pairs: [string, number][] = [];
  for (let i = 0; i < 20000; i++) pairs.push([`k${i}`, (i * 7919) % 1000]);
  const z = ZSetValue.fromPairs(pairs, LIMITS);
  const sorted = [...pairs].sort(cmp);
  assert.deepEqual(z.toArray(), sorted);
  const c = z.clone();
  c.delete('k0');
  assert.equal(z.size, 20000);
  assert.equal(c.size, 19999);
  assert.equal(z.rank(sorted[12345][0]), 12345);
});
