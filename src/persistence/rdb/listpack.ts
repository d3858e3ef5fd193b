/**
 * Listpack (Redis 7's compact sequence of strings and integers), as stored
 * inside RDB blobs: hashes, sorted sets and quicklist nodes.
 *
 * Layout: total bytes (u32 LE), element count (u16 LE, 65535 = "count
 * them"), entries, 0xFF. Each entry is an encoding byte with its data,
 * then a back length (the entry's size, 7 bits per byte, readable from
 * right to left) so the list can be walked backwards.
 */
import { fail } from './io.js';

const LP_HDR = 6;
const LP_EOF = 0xff;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/** string2ll's acceptance: canonical decimal, in int64 range. Numbers are exact below 2^53. */
export function stringToInt64(s: string): number | bigint | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  let i = 0;
  if (s.charCodeAt(0) === 45) {
    if (n === 1) return null;
    i = 1;
  }
  if (s.charCodeAt(i) === 48) return n === 1 ? 0 : null;
  for (let j = i; j < n; j++) {
    const d = s.charCodeAt(j);
    if (d < 48 || d > 57) return null;
  }
  if (n <= 15) return Number(s);
  const v = BigInt(s);
  if (v < I64_MIN || v > I64_MAX) return null;
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

function backlenSize(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

/** Decodes every entry of a listpack as latin1 strings (integers in decimal). */
export function listpackEntries(lp: Buffer): string[] {
  if (lp.length < LP_HDR + 1) fail('listpack too short');
  const total = lp.readUInt32LE(0);
  if (total !== lp.length || lp[total - 1] !== LP_EOF) fail('listpack size mismatch');
  const declared = lp.readUInt16LE(4);
  const out: string[] = [];
  let p = LP_HDR;
  const end = total - 1;
  while (p < end) {
    const start = p;
    const b = lp[p];
    let s: string;
    if (b < 0x80) {
      s = String(b);
      p += 1;
    } else if ((b & 0xc0) === 0x80) {
      const len = b & 0x3f;
      if (p + 1 + len > end) fail('listpack entry overflow');
      s = lp.latin1Slice(p + 1, p + 1 + len);
      p += 1 + len;
    } else if ((b & 0xe0) === 0xc0) {
      if (p + 2 > end) fail('listpack entry overflow');
      let v = ((b & 0x1f) << 8) | lp[p + 1];
      if (v >= 1 << 12) v -= 1 << 13;
      s = String(v);
      p += 2;
    } else if ((b & 0xf0) === 0xe0) {
      if (p + 2 > end) fail('listpack entry overflow');
      const len = ((b & 0x0f) << 8) | lp[p + 1];
      if (p + 2 + len > end) fail('listpack entry overflow');
      s = lp.latin1Slice(p + 2, p + 2 + len);
      p += 2 + len;
    } else {
      switch (b) {
        case 0xf0: {
          if (p + 5 > end) fail('listpack entry overflow');
          const len = lp.readUInt32LE(p + 1);
          if (p + 5 + len > end) fail('listpack entry overflow');
          s = lp.latin1Slice(p + 5, p + 5 + len);
          p += 5 + len;
          break;
        }
        case 0xf1:
          if (p + 3 > end) fail('listpack entry overflow');
          s = String(lp.readInt16LE(p + 1));
          p += 3;
          break;
        case 0xf2:
          if (p + 4 > end) fail('listpack entry overflow');
          s = String(lp.readIntLE(p + 1, 3));
          p += 4;
          break;
        case 0xf3:
          if (p + 5 > end) fail('listpack entry overflow');
          s = String(lp.readInt32LE(p + 1));
          p += 5;
          break;
        case 0xf4:
          if (p + 9 > end) fail('listpack entry overflow');
          s = String(lp.readBigInt64LE(p + 1));
          p += 9;
          break;
        default:
          return fail('bad listpack encoding');
      }
    }
    p += backlenSize(p - start);
    if (p > end) fail('listpack backlen overflow');
    out.push(s);
  }
  if (declared !== 65535 && declared !== out.length) fail('listpack count mismatch');
  return out;
}

/** Builds a listpack the way Redis's lpAppend encodes each element. */
export class ListpackBuilder {
  private buf = Buffer.allocUnsafe(64);
  private len = LP_HDR;
  count = 0;

  /** Bytes the listpack would take now, without its terminator. */
  get size(): number {
    return this.len + 1;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  add(s: string): void {
    this.ensure(s.length + 16);
    const b = this.buf;
    const start = this.len;
    let p = start;
    const v = s.length <= 20 ? stringToInt64(s) : null;
    if (v !== null) {
      if (typeof v === 'bigint') {
        b[p++] = 0xf4;
        b.writeBigInt64LE(v, p);
        p += 8;
      } else if (v >= 0 && v <= 127) {
        b[p++] = v;
      } else if (v >= -4096 && v <= 4095) {
        const u = v < 0 ? (1 << 13) + v : v;
        b[p++] = 0xc0 | (u >> 8);
        b[p++] = u & 0xff;
      } else if (v >= -32768 && v <= 32767) {
        b[p++] = 0xf1;
        b.writeInt16LE(v, p);
        p += 2;
      } else if (v >= -8388608 && v <= 8388607) {
        b[p++] = 0xf2;
        b.writeIntLE(v, p, 3);
        p += 3;
      } else if (v >= -2147483648 && v <= 2147483647) {
        b[p++] = 0xf3;
        b.writeInt32LE(v, p);
        p += 4;
      } else {
        b[p++] = 0xf4;
        b.writeBigInt64LE(BigInt(v), p);
        p += 8;
      }
    } else {
      const n = s.length;
      if (n < 64) {
        b[p++] = 0x80 | n;
      } else if (n < 4096) {
        b[p++] = 0xe0 | (n >> 8);
        b[p++] = n & 0xff;
      } else {
        b[p++] = 0xf0;
        b.writeUInt32LE(n, p);
        p += 4;
      }
      p += b.latin1Write(s, p);
    }
    const l = p - start;
    // Back length: most significant 7-bit group first; every byte but the first carries the high bit.
    if (l <= 127) {
      b[p++] = l;
    } else if (l < 16383) {
      b[p++] = l >> 7;
      b[p++] = (l & 127) | 128;
    } else if (l < 2097151) {
      b[p++] = l >> 14;
      b[p++] = ((l >> 7) & 127) | 128;
      b[p++] = (l & 127) | 128;
    } else if (l < 268435455) {
      b[p++] = l >> 21;
      b[p++] = ((l >> 14) & 127) | 128;
      b[p++] = ((l >> 7) & 127) | 128;
      b[p++] = (l & 127) | 128;
    } else {
      b[p++] = Math.floor(l / 2 ** 28);
      b[p++] = ((l >> 21) & 127) | 128;
      b[p++] = ((l >> 14) & 127) | 128;
      b[p++] = ((l >> 7) & 127) | 128;
      b[p++] = (l & 127) | 128;
    }
    this.len = p;
    this.count++;
  }

  finish(): Buffer {
    this.ensure(1);
    this.buf[this.len++] = LP_EOF;
    const out = Buffer.from(this.buf.subarray(0, this.len));
    out.writeUInt32LE(this.len, 0);
    out.writeUInt16LE(this.count < 65535 ? this.count : 65535, 4);
    return out;
  }
}
