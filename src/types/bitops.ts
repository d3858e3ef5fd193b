/**
 * Bit-level operations on byte strings, as Redis's bitops.c defines them:
 * bit 0 is the most significant bit of byte 0. Pure functions over
 * Uint8Array; bytes past the end read as zero.
 */

const POPCOUNT8 = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT8[i] = (i & 1) + POPCOUNT8[i >> 1];

/** Set bits in bytes [start, end) of buf. */
export function popcount(buf: Uint8Array, start = 0, end = buf.length): number {
  let n = 0;
  let i = start;
  // Four bytes at a time once the length makes it worth it.
  if (end - i >= 16) {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    for (; i + 4 <= end; i += 4) {
      let v = dv.getUint32(i);
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
    }
  }
  for (; i < end; i++) n += POPCOUNT8[buf[i]];
  return n;
}

/** Set bits among bit indexes [from, to] (inclusive, both within the buffer). */
export function popcountBits(buf: Uint8Array, from: number, to: number): number {
  if (from > to) return 0;
  const fb = from >>> 3;
  const lb = to >>> 3;
  if (fb === lb) return POPCOUNT8[buf[fb] & (0xff >> (from & 7)) & ((0xff << (7 - (to & 7))) & 0xff)];
  let n = POPCOUNT8[buf[fb] & (0xff >> (from & 7))] + POPCOUNT8[buf[lb] & ((0xff << (7 - (to & 7))) & 0xff)];
  n += popcount(buf, fb + 1, lb);
  return n;
}

/** The first bit index in [from, to] whose value is `bit`, or -1. */
export function findBit(buf: Uint8Array, from: number, to: number, bit: 0 | 1): number {
  if (from > to) return -1;
  const skip = bit === 1 ? 0 : 0xff; // a byte with nothing to find
  let i = from;
  // Leading partial byte, bit by bit.
  while (i <= to && (i & 7) !== 0) {
    if (((buf[i >>> 3] >> (7 - (i & 7))) & 1) === bit) return i;
    i++;
  }
  // Whole bytes.
  let byte = i >>> 3;
  const lastWhole = (to + 1) >>> 3; // exclusive
  while (byte < lastWhole && buf[byte] === skip) byte++;
  // The leading loop may have stopped past `to` inside a byte: never move backwards.
  if (byte << 3 > i) i = byte << 3;
  for (; i <= to; i++) {
    if (((buf[i >>> 3] >> (7 - (i & 7))) & 1) === bit) return i;
  }
  return -1;
}

/** Reads `bits` (1..64) bits at bit `offset` as an unsigned integer; bytes past the end read as zero. */
export function getUnsignedField(buf: Uint8Array, offset: number, bits: number): bigint {
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  let v = 0n;
  for (let b = first; b <= last; b++) v = (v << 8n) | BigInt(b < buf.length ? buf[b] : 0);
  const tail = (last + 1) * 8 - (offset + bits); // bits after the field in the window
  return (v >> BigInt(tail)) & ((1n << BigInt(bits)) - 1n);
}

/** Reads a two's-complement signed field. */
export function getSignedField(buf: Uint8Array, offset: number, bits: number): bigint {
  return BigInt.asIntN(bits, getUnsignedField(buf, offset, bits));
}

/** Writes the low `bits` bits of value at bit `offset`; the buffer must already be long enough. */
export function setField(buf: Uint8Array, offset: number, bits: number, value: bigint): void {
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  let window = 0n;
  for (let b = first; b <= last; b++) window = (window << 8n) | BigInt(buf[b]);
  const tail = BigInt((last + 1) * 8 - (offset + bits));
  const mask = ((1n << BigInt(bits)) - 1n) << tail;
  window = (window & ~mask) | ((BigInt.asUintN(bits, value) << tail) & mask);
  for (let b = last; b >= first; b--) {
    buf[b] = Number(window & 0xffn);
    window >>= 8n;
  }
}

export type OverflowMode = 'wrap' | 'sat' | 'fail';

/**
 * The value a field of `bits` bits takes after adding incr to value, under
 * Redis's overflow rules: in range, the sum; otherwise WRAP keeps the low
 * bits, SAT clamps to the limit crossed, FAIL yields null. For unsigned
 * fields `value` is the raw 64-bit pattern (a negative SET value overflows
 * upwards).
 *
 * The range test follows checkSignedBitfieldOverflow() and its unsigned
 * twin to the letter, 64-bit wrap-around included: for a SET of a huge
 * negative value into a narrow signed field, `max - value` wraps in C and
 * Redis saturates to the maximum, not the minimum. Mnemo does the same.
 */
export function fieldResult(value: bigint, incr: bigint, bits: number, signed: boolean, mode: OverflowMode): bigint | null {
  let dir = 0;
  let max: bigint;
  let min: bigint;
  if (signed) {
    max = bits === 64 ? I64_MAX : (1n << BigInt(bits - 1)) - 1n;
    min = -max - 1n;
    const maxIncr = BigInt.asIntN(64, max - value);
    const minIncr = BigInt.asIntN(64, min - value);
    if (value > max || (bits !== 64 && incr > maxIncr) || (value >= 0n && incr > 0n && incr > maxIncr)) dir = 1;
    else if (value < min || (bits !== 64 && incr < minIncr) || (value < 0n && incr < 0n && incr < minIncr)) dir = -1;
  } else {
    max = (1n << BigInt(bits)) - 1n;
    min = 0n;
    const maxIncr = BigInt.asIntN(64, max - value);
    const minIncr = BigInt.asIntN(64, -value);
    if (value > max || (incr > 0n && incr > maxIncr)) dir = 1;
    else if (incr < 0n && incr < minIncr) dir = -1;
  }
  if (dir === 0) return value + incr;
  if (mode === 'fail') return null;
  if (mode === 'sat') return dir > 0 ? max : min;
  const sum = BigInt.asUintN(64, value + incr);
  return signed ? BigInt.asIntN(bits, sum) : BigInt.asUintN(bits, sum);
}

const I64_MAX = 2n ** 63n - 1n;

export type BitOp = 'and' | 'or' | 'xor' | 'not';

/** BITOP over sources (missing keys as empty arrays); shorter sources are zero-padded to the longest. */
export function bitop(op: BitOp, srcs: readonly Uint8Array[]): Buffer {
  let maxlen = 0;
  for (const s of srcs) if (s.length > maxlen) maxlen = s.length;
  const res = Buffer.alloc(maxlen);
  if (maxlen === 0) return res;
  if (op === 'not') {
    const s = srcs[0];
    for (let i = 0; i < maxlen; i++) res[i] = ~s[i] & 0xff;
    return res;
  }
  const first = srcs[0];
  res.set(first);
  for (let k = 1; k < srcs.length; k++) {
    const s = srcs[k];
    const n = s.length;
    if (op === 'and') {
      for (let i = 0; i < n; i++) res[i] &= s[i];
      res.fill(0, n);
    } else if (op === 'or') {
      for (let i = 0; i < n; i++) res[i] |= s[i];
    } else {
      for (let i = 0; i < n; i++) res[i] ^= s[i];
    }
  }
  // AND with the first source shorter than the result: its padding zeros clear the tail.
  if (op === 'and') res.fill(0, first.length);
  return res;
}
