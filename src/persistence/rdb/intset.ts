/**
 * Intset: a sorted array of integers of one width (2, 4 or 8 bytes), the
 * compact set encoding. Layout: width (u32 LE), count (u32 LE), values
 * (little endian, ascending, distinct).
 */
import { fail } from './io.js';

export function intsetMembers(b: Buffer): string[] {
  if (b.length < 8) fail('intset too short');
  const width = b.readUInt32LE(0);
  const count = b.readUInt32LE(4);
  if (width !== 2 && width !== 4 && width !== 8) fail('bad intset width');
  if (8 + width * count !== b.length) fail('intset size mismatch');
  const out: string[] = new Array(count);
  let prev: bigint | number | null = null;
  for (let i = 0; i < count; i++) {
    const at = 8 + i * width;
    const v: number | bigint = width === 2 ? b.readInt16LE(at) : width === 4 ? b.readInt32LE(at) : b.readBigInt64LE(at);
    if (prev !== null && prev >= v) fail('intset not sorted');
    prev = v;
    out[i] = String(v);
  }
  return out;
}

/** Builds an intset from canonical integer strings (the members of an intset-encoded set). */
export function buildIntset(members: string[]): Buffer {
  const vals = members.map((m) => BigInt(m)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let width = 2;
  for (const v of vals) {
    if (v < -2147483648n || v > 2147483647n) {
      width = 8;
      break;
    }
    if (v < -32768n || v > 32767n) width = 4;
  }
  const out = Buffer.allocUnsafe(8 + width * vals.length);
  out.writeUInt32LE(width, 0);
  out.writeUInt32LE(vals.length, 4);
  for (let i = 0; i < vals.length; i++) {
    const at = 8 + i * width;
    if (width === 2) out.writeInt16LE(Number(vals[i]), at);
    else if (width === 4) out.writeInt32LE(Number(vals[i]), at);
    else out.writeBigInt64LE(vals[i], at);
  }
  return out;
}
