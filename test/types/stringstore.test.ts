import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_STORED,
  storable,
  storeString,
  replaceString,
  freeString,
  dupString,
  storedLength,
  storedLatin1,
  storedBytes,
  copyStored,
  storeUsedBytes,
  keepLatin1,
  latin1Of,
} from '../../src/types/stringstore.js';
import { seededInts } from '../helpers/random.js';

/** A latin1 string of n chars using every byte value, shifted by seed. */
function bytesString(n: number, seed: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode((i * 7 + seed) & 0xff);
  return s;
}

test('every storable length reads back byte for byte, through each reader', () => {
  assert.equal(storable(0), false);
  assert.equal(storable(MAX_STORED + 1), false);
  const handles: number[] = [];
  for (let n = 1; n <= MAX_STORED; n++) {
    assert.equal(storable(n), true);
    const s = bytesString(n, n);
    const h = storeString(s);
    assert.ok(h >= 0 && h < 2 ** 30, `handle ${h} is a Smi`);
    handles.push(h);
  }
  // Read after every other value was written: neighbouring slots must not overlap.
  for (let n = 1; n <= MAX_STORED; n++) {
    const h = handles[n - 1];
    const s = bytesString(n, n);
    assert.equal(storedLength(h), n);
    assert.equal(storedLatin1(h), s);
    assert.deepEqual(storedBytes(h), Buffer.from(s, 'latin1'));
    const dst = Buffer.alloc(n + 4, 0xee);
    assert.equal(copyStored(h, dst, 2), n + 2);
    assert.deepEqual(dst, Buffer.concat([Buffer.from([0xee, 0xee]), Buffer.from(s, 'latin1'), Buffer.from([0xee, 0xee])]));
  }
  for (const h of handles) freeString(h);
});

test('freed slots are reused and the used-bytes count returns to where it was', () => {
  const before = storeUsedBytes();
  const a = storeString('a'.repeat(60));
  const b = storeString('b'.repeat(60));
  assert.ok(storeUsedBytes() > before);
  freeString(a);
  const c = storeString('c'.repeat(61));
  assert.equal(c, a, 'the freed slot of the same class is taken first');
  assert.equal(storedLatin1(b), 'b'.repeat(60));
  freeString(b);
  freeString(c);
  assert.equal(storeUsedBytes(), before);
});

test('replaceString writes in place within a size class and moves across classes', () => {
  const h = storeString('x'.repeat(64));
  assert.equal(replaceString(h, 'y'.repeat(63)), h);
  assert.equal(storedLatin1(h), 'y'.repeat(63));
  const moved = replaceString(h, 'z'.repeat(300));
  assert.notEqual(moved, h);
  assert.equal(storedLatin1(moved), 'z'.repeat(300));
  const small = replaceString(moved, 'q');
  assert.equal(storedLatin1(small), 'q');
  freeString(small);
});

test('keepLatin1 keeps what fits, reuses the slot it replaces, and frees it for what does not fit', () => {
  const before = storeUsedBytes();
  const h = keepLatin1(undefined, 'v'.repeat(20));
  assert.equal(typeof h, 'number');
  assert.equal(keepLatin1(h, 'w'.repeat(21)), h);
  assert.equal(latin1Of(h), 'w'.repeat(21));
  const long = 'L'.repeat(MAX_STORED + 1);
  assert.equal(keepLatin1(h, long), long);
  assert.equal(keepLatin1(undefined, ''), '');
  assert.equal(latin1Of('plain'), 'plain');
  assert.equal(storeUsedBytes(), before);
});

test('dupString makes an independent copy', () => {
  const h = storeString('original value');
  const d = dupString(h);
  assert.equal(typeof d, 'number');
  if (typeof d !== 'number') return;
  assert.notEqual(d, h);
  replaceString(h, 'changed value!');
  assert.equal(storedLatin1(d), 'original value');
  assert.equal(storedLatin1(h), 'changed value!');
  freeString(h);
  freeString(d);
});

test('many values across chunks keep their bytes while others are freed and reused', () => {
  const model = new Map<number, string>();
  const rnd = seededInts(12345);
  const live: number[] = [];
  for (let step = 0; step < 20000; step++) {
    const op = rnd(4);
    if (op < 2 || live.length === 0) {
      const s = bytesString(1 + rnd(100), step);
      const h = storeString(s);
      assert.equal(model.has(h), false, 'a live handle is never handed out twice');
      model.set(h, s);
      live.push(h);
    } else if (op === 2) {
      const i = rnd(live.length);
      const h = live[i];
      live[i] = live[live.length - 1];
      live.pop();
      freeString(h);
      model.delete(h);
    } else {
      const i = rnd(live.length);
      const s = bytesString(1 + rnd(100), step + 1);
      model.delete(live[i]);
      live[i] = replaceString(live[i], s);
      model.set(live[i], s);
    }
  }
  for (const [h, s] of model) assert.equal(storedLatin1(h), s);
  for (const h of live) freeString(h);
});
