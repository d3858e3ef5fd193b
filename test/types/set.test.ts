import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SetValue, intsetValue, type SetLimits } from '../../src/types/set.js';

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sortInts = (a: string[]) => [...a].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : 0));

function check(s: SetValue, model: Set<string>, limits: SetLimits, converted: boolean): void {
  assert.equal(s.size, model.size);
  const arr = s.toArray();
  assert.deepEqual([...arr].sort(), [...model].sort());
  const fits = model.size <= limits.maxIntsetEntries && [...model].every((m) => intsetValue(m) !== null);
  assert.equal(s.encoding(), converted || !fits ? 'hashtable' : 'intset');
  if (s.encoding() === 'intset') assert.deepEqual(arr, sortInts(arr));
  for (let i = 0; i < s.size; i++) assert.ok(model.has(s.at(i)));
}

test('intsetValue accepts exactly what string2ll accepts', () => {
  for (const ok of ['0', '1', '-1', '9223372036854775807', '-9223372036854775808', '123456789012345']) assert.equal(intsetValue(ok), BigInt(ok));
  for (const bad of ['', '-', '-0', '01', '+1', ' 1', '1 ', '1.0', '9223372036854775808', '-9223372036854775809', 'abc', '1e3', '0x1', '00'])
    assert.equal(intsetValue(bad), null, bad);
});

test('SetValue behaves like a Set under random operations', () => {
  for (const [seed, limits, space, textRate] of [
    [1, { maxIntsetEntries: 512 }, 200, 0],
    [2, { maxIntsetEntries: 16 }, 40, 0],
    [3, { maxIntsetEntries: 512 }, 100, 0.02],
    [4, { maxIntsetEntries: 512 }, 1000, 0.3],
  ] as const) {
    const rnd = prng(seed);
    const s = new SetValue();
    const model = new Set<string>();
    let converted = false;
    for (let step = 0; step < 4000; step++) {
      const r = rnd();
      const member =
        r < textRate ? 'm' + Math.floor(rnd() * space) : r < 0.05 + textRate ? String(BigInt.asIntN(64, BigInt(Math.floor(rnd() * 2 ** 52)) * 4099n)) : String(Math.floor(rnd() * space) - space / 2);
      const op = rnd();
      if (op < 0.5) {
        assert.equal(s.add(member, limits), !model.has(member));
        model.add(member);
      } else if (op < 0.75) {
        assert.equal(s.remove(member), model.delete(member));
      } else if (op < 0.8 && s.size > 0) {
        const m = s.popRandom();
        assert.ok(model.delete(m));
      } else {
        assert.equal(s.has(member), model.has(member));
      }
      if (s.encoding() === 'hashtable') converted = true;
      if (step % 100 === 0) check(s, model, limits, converted);
    }
    check(s, model, limits, converted);
    const copy = s.clone();
    copy.add('zzz', limits);
    assert.equal(s.has('zzz'), false);
    check(s, model, limits, converted);
  }
});

test('encodings: conversion on a non-integer or past the limit, never back except reencode()', () => {
  const limits = { maxIntsetEntries: 3 };
  const s = SetValue.fromArray(['3', '1', '2'], limits);
  assert.equal(s.encoding(), 'intset');
  assert.deepEqual(s.toArray(), ['1', '2', '3']);
  s.add('4', limits);
  assert.equal(s.encoding(), 'hashtable');
  s.remove('4');
  assert.equal(s.encoding(), 'hashtable');
  s.reencode(limits);
  assert.equal(s.encoding(), 'intset');
  assert.deepEqual(s.toArray(), ['1', '2', '3']);
  const t = SetValue.fromArray(['1', 'x'], limits);
  assert.equal(t.encoding(), 'hashtable');
  t.remove('x');
  t.reencode(limits);
  assert.equal(t.encoding(), 'intset');
  assert.equal(SetValue.fromArray(['-0'], limits).encoding(), 'hashtable');
  assert.equal(SetValue.fromArray(['1'], { maxIntsetEntries: 0 }).encoding(), 'hashtable');
});

test('random picks are spread over every member', () => {
  for (const members of [['1', '2', '3', '4'], ['a', 'b', 'c', 'd']]) {
    const s = SetValue.fromArray(members, { maxIntsetEntries: 512 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const m = s.randomMember();
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    assert.equal(counts.size, 4);
    // Each expected 1000 times; 700 is over 10 standard deviations away.
    for (const n of counts.values()) assert.ok(n > 700, `skewed: ${[...counts]}`);
  }
});
