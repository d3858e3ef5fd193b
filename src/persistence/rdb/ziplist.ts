/**
 * Readers for the pre-7.0 compact encodings that RDB files and DUMP
 * payloads from older servers still carry: ziplist (lists, hashes and
 * sorted sets before listpacks) and zipmap (hashes before 2.6).
 */
import { fail } from './io.js';

const ZIP_END = 0xff;

/** Every entry of a ziplist as latin1 strings. */
export function ziplistEntries(z: Buffer): string[] {
  if (z.length < 11) fail('ziplist too short');
  if (z.readUInt32LE(0) !== z.length || z[z.length - 1] !== ZIP_END) fail('ziplist size mismatch');
  const declared = z.readUInt16LE(8);
  const out: string[] = [];
  let p = 10;
  const end = z.length - 1;
  while (p < end) {
    p += z[p] < 254 ? 1 : 5; // previous entry length
    if (p >= end) fail('ziplist entry overflow');
    const b = z[p];
    let s: string;
    const top = b >> 6;
    if (top === 0) {
      const len = b & 0x3f;
      s = slice(z, p + 1, len, end);
      p += 1 + len;
    } else if (top === 1) {
      const len = ((b & 0x3f) << 8) | z[p + 1];
      s = slice(z, p + 2, len, end);
      p += 2 + len;
    } else if (b === 0x80) {
      if (p + 5 > end) fail('ziplist entry overflow');
      const len = z.readUInt32BE(p + 1);
      s = slice(z, p + 5, len, end);
      p += 5 + len;
    } else if (b === 0xc0) {
      need(p + 3, end);
      s = String(z.readInt16LE(p + 1));
      p += 3;
    } else if (b === 0xd0) {
      need(p + 5, end);
      s = String(z.readInt32LE(p + 1));
      p += 5;
    } else if (b === 0xe0) {
      need(p + 9, end);
      s = String(z.readBigInt64LE(p + 1));
      p += 9;
    } else if (b === 0xf0) {
      need(p + 4, end);
      s = String(z.readIntLE(p + 1, 3));
      p += 4;
    } else if (b === 0xfe) {
      need(p + 2, end);
      s = String(z.readInt8(p + 1));
      p += 2;
    } else if (b >= 0xf1 && b <= 0xfd) {
      s = String((b & 0x0f) - 1);
      p += 1;
    } else {
      return fail('bad ziplist encoding');
    }
    out.push(s);
  }
  if (declared !== 65535 && declared !== out.length) fail('ziplist count mismatch');
  return out;
}

function need(to: number, end: number): void {
  if (to > end) fail('ziplist entry overflow');
}

function slice(z: Buffer, at: number, len: number, end: number): string {
  need(at + len, end);
  return z.latin1Slice(at, at + len);
}

/** Field/value pairs of a zipmap. */
export function zipmapPairs(z: Buffer): [string, string][] {
  const out: [string, string][] = [];
  let p = 1; // the first byte is a (capped) element count
  const readLen = (): number => {
    if (p >= z.length) fail('zipmap overflow');
    const b = z[p];
    if (b < 254) {
      p += 1;
      return b;
    }
    if (b === 254) {
      if (p + 5 > z.length) fail('zipmap overflow');
      const v = z.readUInt32LE(p + 1);
      p += 5;
      return v;
    }
    return -1;
  };
  for (;;) {
    const klen = readLen();
    if (klen < 0) break;
    if (p + klen > z.length) fail('zipmap overflow');
    const field = z.latin1Slice(p, p + klen);
    p += klen;
    const vlen = readLen();
    if (vlen < 0) fail('zipmap truncated');
    if (p >= z.length) fail('zipmap overflow');
    const free = z[p++];
    if (p + vlen + free > z.length) fail('zipmap overflow');
    out.push([field, z.latin1Slice(p, p + vlen)]);
    p += vlen + free;
  }
  return out;
}
