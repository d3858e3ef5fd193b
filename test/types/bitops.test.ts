import assert from 'node:assert/strict';
import { test } from 'node:test';
import { popcount, popcountBits, findBit, getUnsignedField, getSignedField, setField, fieldResult, bitop } from '../../src/types/bitops.js';

/** A deterministic pseudo-random buffer (xorshift), biased towards 0x00 and 0xff runs. */
function sample(len: number, seed: number): Buffer {
  const b = Buffer.alloc(len);
  let x = seed || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const r = (x >>> 0) % 10;
    b[i] = r < 3 ? 0 : r < 6 ? 0xff : (x >>> 8) & 0xff;
  }
  return b;
}

const bitAt = (b: Uint8Array, i: number) => (i >> 3 < b.length ? (b[i >> 3] >> (7 - (i & 7))) & 1 : 0);

test('popcount and popcountBits agree with counting bit by bit', () => {
  for (let seed = 1; seed < 40; seed++) {
    const b = sample(seed * 3, seed);
    let all = 0;
    for (let i = 0; i < b.length * 8; i++) all += bitAt(b, i);
    assert.equal(popcount(b), all);
    for (let from = 0; from < b.length * 8; from += 5) {
      for (let to = from; to < b.length * 8; to += 7) {
        let n = 0;
        for (let i = from; i <= to; i++) n += bitAt(b, i);
        assert.equal(popcountBits(b, from, to), n, `seed ${seed} [${from}, ${to}]`);
      }
    }
  }
  assert.equal(popcountBits(Buffer.from([0xff]), 3, 2), 0);
});

test('popcount works on a view with an unaligned offset', () => {
  const big = sample(200, 7);
  const view = big.subarray(3, 150);
  let n = 0;
  for (let i = 0; i < view.length * 8; i++) n += bitAt(view, i);
  assert.equal(popcount(view), n);
});

test('findBit finds the first matching bit in a range, or -1', () => {
  for (let seed = 1; seed < 30; seed++) {
    const b = sample(seed * 2, seed * 31);
    const bits = b.length * 8;
    for (const want of [0, 1] as const) {
      for (let from = 0; from < bits; from += 3) {
        for (let to = from; to < bits; to += 5) {
          let expect = -1;
          for (let i = from; i <= to; i++) {
            if (bitAt(b, i) === want) {
              expect = i;
              break;
            }
          }
          assert.equal(findBit(b, from, to, want), expect, `seed ${seed} bit ${want} [${from}, ${to}]`);
        }
      }
    }
  }
  assert.equal(findBit(Buffer.from([0xff, 0xf0, 0x00, 0x0f]), 30, 30, 0), -1);
  assert.equal(findBit(Buffer.from([0x00]), 5, 4, 0), -1);
});

test('fields read and write MSB first at any offset, zero past the end', () => {
  const b = Buffer.from([0b10110000, 0xff]);
  assert.equal(getUnsignedField(b, 0, 4), 0b1011n);
  assert.equal(getSignedField(b, 0, 4), -5n);
  assert.equal(getUnsignedField(b, 12, 8), 0xf0n);
  assert.equal(getUnsignedField(b, 100, 64), 0n);
  assert.equal(getSignedField(b, 8, 64), -(1n << 56n));
  for (let seed = 1; seed < 20; seed++) {
    const buf = sample(12, seed);
    for (const bits of [1, 3, 8, 13, 32, 63, 64]) {
      for (let off = 0; off + bits <= 96; off += 7) {
        const value = BigInt.asUintN(bits, BigInt(seed) * 0x9e3779b97f4a7c15n);
        const before = Buffer.from(buf);
        setField(buf, off, bits, value);
        assert.equal(getUnsignedField(buf, off, bits), value);
        for (let i = 0; i < 96; i++) {
          if (i < off || i >= off + bits) assert.equal(bitAt(buf, i), bitAt(before, i), `bit ${i} outside the field is untouched`);
        }
      }
    }
  }
});

test('overflow handling follows Redis, including its 64-bit wrap quirk', () => {
  assert.equal(fieldResult(100n, 27n, 8, true, 'wrap'), 127n);
  assert.equal(fieldResult(100n, 28n, 8, true, 'wrap'), -128n);
  assert.equal(fieldResult(100n, 28n, 8, true, 'sat'), 127n);
  assert.equal(fieldResult(100n, 28n, 8, true, 'fail'), null);
  assert.equal(fieldResult(-128n, -1n, 8, true, 'sat'), -128n);
  assert.equal(fieldResult(0n, -1n, 8, false, 'wrap'), 255n);
  assert.equal(fieldResult(0n, -1n, 8, false, 'sat'), 0n);
  assert.equal(fieldResult(BigInt.asUintN(64, -1n), 0n, 8, false, 'sat'), 255n);
  assert.equal(fieldResult(BigInt.asUintN(64, -1n), 0n, 8, false, 'wrap'), 255n);
  assert.equal(fieldResult(2n ** 63n - 1n, 1n, 64, true, 'wrap'), -(2n ** 63n));
  assert.equal(fieldResult(-129n, 0n, 8, true, 'sat'), -128n);
  // max - value wraps in C for huge negative SET values: Redis saturates upwards.
  assert.equal(fieldResult(-(2n ** 63n) + 1n, 0n, 8, true, 'sat'), 127n);
  assert.equal(fieldResult(-(2n ** 63n), 0n, 8, true, 'wrap'), 0n);
});

test('bitop pads shorter inputs with zeros', () => {
  const a = Buffer.from([0xff, 0x0f, 0x55]);
  const b = Buffer.from([0xf0, 0xff]);
  assert.deepEqual(bitop('and', [a, b]), Buffer.from([0xf0, 0x0f, 0x00]));
  assert.deepEqual(bitop('or', [a, b]), Buffer.from([0xff, 0xff, 0x55]));
  assert.deepEqual(bitop('xor', [a, b]), Buffer.from([0x0f, 0xf0, 0x55]));
  assert.deepEqual(bitop('and', [b, a]), Buffer.from([0xf0, 0x0f, 0x00]));
  assert.deepEqual(bitop('not', [b]), Buffer.from([0x0f, 0x00]));
  assert.deepEqual(bitop('and', [Buffer.alloc(0), Buffer.alloc(0)]), Buffer.alloc(0));
});
