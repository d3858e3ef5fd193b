import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyTable } from '../../src/keyspace/keytable.js';

function lcg(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}

test('KeyTable agrees with a Map under random sets and deletes, through growth and shrinking', () => {
  const rnd = lcg(7);
  const t = new KeyTable<number>();
  const model = new Map<string, number>();
  for (let step = 0; step < 200_000; step++) {
    // Phases of mostly inserts then mostly deletes drive the table up and down in size.
    const growing = Math.floor(step / 25_000) % 2 === 0;
    const key = `k${rnd(20_000)}`;
    const op = rnd(10);
    if (op < (growing ? 7 : 3)) {
      t.set(key, step);
      model.set(key, step);
    } else if (op < 9) {
      assert.equal(t.delete(key), model.delete(key), `delete ${key}`);
    } else {
      assert.equal(t.get(key), model.get(key), `get ${key}`);
    }
    assert.equal(t.size, model.size);
  }
  for (const [k, v] of model) assert.equal(t.get(k), v);
  const keys = [...t.keys()].sort();
  assert.deepEqual(keys, [...model.keys()].sort());
  for (const k of t.keys()) assert.equal(t.get(k), model.get(k));
});

test('KeyTable handles binary keys and the empty key', () => {
  const t = new KeyTable<string>();
  const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));
  t.set('', 'empty');
  for (const k of all) t.set(k + '\x00' + k, k);
  assert.equal(t.get(''), 'empty');
  for (const k of all) assert.equal(t.get(k + '\x00' + k), k);
  assert.equal(t.get('\x00'), undefined);
  assert.equal(t.delete(''), true);
  assert.equal(t.has(''), false);
  assert.equal(t.size, 256);
  t.clear();
  assert.equal(t.size, 0);
  assert.deepEqual([...t.keys()], []);
});

test('randomKey returns present keys and reaches all of them', () => {
  const t = new KeyTable<number>();
  assert.equal(t.randomKey(), undefined);
  for (let i = 0; i < 100; i++) t.set(`k${i}`, i);
  for (let i = 0; i < 90; i++) t.delete(`k${i}`);
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) seen.add(t.randomKey()!);
  assert.deepEqual([...seen].sort(), Array.from({ length: 10 }, (_, i) => `k${90 + i}`).sort());
});

test('scan returns every key present throughout, while the table grows and shrinks between steps', () => {
  const rnd = lcg(99);
  for (let round = 0; round < 30; round++) {
    const t = new KeyTable<number>();
    for (let i = 0; i < 300; i++) t.set(`stay${i}`, i);
    const shrinking = round % 2 === 0;
    let churn = 0;
    // Shrinking rounds start big and delete 5 keys a step; growing ones add one key every third step
    // on average (a scan visits one home slot per step, so faster growth would never let it end).
    if (shrinking) for (; churn < 3000; churn++) t.set(`churn${churn}`, 0);
    let next = 0;
    const seen = new Set<string>();
    let cursor = 0;
    let steps = 0;
    do {
      cursor = t.scan(cursor, (k) => seen.add(k));
      if (shrinking) for (let i = 0; i < 5 && next < churn; i++) t.delete(`churn${next++}`);
      else if (rnd(3) === 0) t.set(`churn${churn++}`, 0);
      assert.ok(++steps < 1_000_000, 'scan did not end');
    } while (cursor !== 0);
    for (let i = 0; i < 300; i++) assert.ok(seen.has(`stay${i}`), `round ${round}: stay${i} missed`);
  }
});

test('a full scan of a table left alone visits each key exactly once', () => {
  const t = new KeyTable<number>();
  for (let i = 0; i < 5000; i++) t.set(`k${i}`, i);
  const counts = new Map<string, number>();
  let cursor = 0;
  do cursor = t.scan(cursor, (k) => counts.set(k, (counts.get(k) ?? 0) + 1));
  while (cursor !== 0);
  assert.equal(counts.size, 5000);
  for (const n of counts.values()) assert.equal(n, 1);
});
