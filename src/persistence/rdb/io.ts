/**
 * Byte-level RDB reading and writing: length prefixes, strings (plain,
 * integer-encoded, LZF-compressed) and doubles. The value codec
 * (value.ts), DUMP/RESTORE and the RDB file code share these.
 */
import {
  RDB_6BITLEN,
  RDB_14BITLEN,
  RDB_32BITLEN,
  RDB_64BITLEN,
  RDB_ENCVAL,
  RDB_ENC_INT8,
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_LZF,
} from './constants.js';
import { lzfCompress, lzfDecompress } from './lzf.js';

/** Thrown for truncated or malformed input; callers map it to their error reply. */
export class RdbFormatError extends Error {}

export function fail(why: string): never {
  throw new RdbFormatError(why);
}

export class RdbReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    /** Reading stops here (the DUMP footer is not part of the value). */
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) fail('truncated');
  }

  byte(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** A length prefix; `encoded` is set when it is a special string encoding instead. */
  lenOrEnc(): { len: number; encoded: boolean } {
    const b = this.byte();
    const kind = (b & 0xc0) >> 6;
    if (kind === RDB_ENCVAL) return { len: b & 0x3f, encoded: true };
    if (kind === RDB_6BITLEN) return { len: b & 0x3f, encoded: false };
    if (kind === RDB_14BITLEN) return { len: ((b & 0x3f) << 8) | this.byte(), encoded: false };
    if (b === RDB_32BITLEN) {
      this.need(4);
      const v = this.buf.readUInt32BE(this.pos);
      this.pos += 4;
      return { len: v, encoded: false };
    }
    if (b === RDB_64BITLEN) {
      this.need(8);
      const v = this.buf.readBigUInt64BE(this.pos);
      this.pos += 8;
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail('length too large');
      return { len: Number(v), encoded: false };
    }
    return fail('unknown length encoding');
  }

  len(): number {
    const r = this.lenOrEnc();
    if (r.encoded) fail('unexpected string encoding');
    return r.len;
  }

  /** A string as raw bytes (a copy only when decompressed or integer-encoded). */
  stringBytes(): Buffer {
    const { len, encoded } = this.lenOrEnc();
    if (!encoded) return this.bytes(len);
    switch (len) {
      case RDB_ENC_INT8:
        return Buffer.from(String(this.bytes(1).readInt8(0)), 'latin1');
      case RDB_ENC_INT16:
        return Buffer.from(String(this.bytes(2).readInt16LE(0)), 'latin1');
      case RDB_ENC_INT32:
        return Buffer.from(String(this.bytes(4).readInt32LE(0)), 'latin1');
      case RDB_ENC_LZF: {
        const clen = this.len();
        const ulen = this.len();
        const out = lzfDecompress(this.bytes(clen), ulen);
        if (out === null) fail('bad lzf data');
        return out;
      }
      default:
        return fail('unknown string encoding');
    }
  }

  /** A string as a latin1 JS string, the keyspace's form. */
  string(): string {
    const b = this.stringBytes();
    return b.latin1Slice(0, b.length);
  }

  /** RDB_TYPE_ZSET's textual double: a length byte (253 nan, 254 +inf, 255 -inf) then ASCII. */
  doubleText(): number {
    const n = this.byte();
    if (n === 253) return NaN;
    if (n === 254) return Infinity;
    if (n === 255) return -Infinity;
    const b = this.bytes(n);
    const s = b.latin1Slice(0, b.length);
    const d = Number(s);
    if (Number.isNaN(d) && s.trim().toLowerCase() !== 'nan') fail('bad double');
    return d;
  }

  /** RDB_TYPE_ZSET_2's binary double, little endian. */
  doubleBinary(): number {
    this.need(8);
    const d = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return d;
  }
}

/** A growable output buffer with the RDB primitives. */
export class RdbWriter {
  private buf = Buffer.allocUnsafe(256);
  len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  latin1(s: string): void {
    this.ensure(s.length);
    this.len += this.buf.latin1Write(s, this.len);
  }

  /** Redis's rdbSaveLen: the shortest of the 6, 14, 32 and 64-bit forms. */
  length(n: number): void {
    if (n < 1 << 6) {
      this.byte((RDB_6BITLEN << 6) | n);
    } else if (n < 1 << 14) {
      this.byte((RDB_14BITLEN << 6) | (n >> 8));
      this.byte(n & 0xff);
    } else if (n <= 0xffffffff) {
      this.byte(RDB_32BITLEN);
      this.ensure(4);
      this.buf.writeUInt32BE(n, this.len);
      this.len += 4;
    } else {
      this.byte(RDB_64BITLEN);
      this.ensure(8);
      this.buf.writeBigUInt64BE(BigInt(n), this.len);
      this.len += 8;
    }
  }

  /**
   * Redis's rdbSaveRawString: short canonical integers in 32-bit range use
   * the integer encodings, strings over 20 bytes are LZF-compressed when
   * that saves at least 4 bytes, the rest is stored verbatim.
   */
  string(s: string, compress = true): void {
    const n = s.length;
    if (n <= 11 && n > 0 && this.tryInt(s)) return;
    if (compress && n > 20) {
      const raw = Buffer.from(s, 'latin1');
      if (this.tryLzf(raw)) return;
      this.length(n);
      this.bytes(raw);
      return;
    }
    this.length(n);
    this.latin1(s);
  }

  /** A binary blob (listpack, intset) through the same rules as a string. */
  blob(b: Buffer, compress = true): void {
    if (compress && b.length > 20 && this.tryLzf(b)) return;
    this.length(b.length);
    this.bytes(b);
  }

  private tryLzf(raw: Buffer): boolean {
    const packed = lzfCompress(raw, raw.length - 4);
    if (packed === null) return false;
    this.byte((RDB_ENCVAL << 6) | RDB_ENC_LZF);
    this.length(packed.length);
    this.length(raw.length);
    this.bytes(packed);
    return true;
  }

  private tryInt(s: string): boolean {
    const v = canonicalInt(s);
    if (v === null) return false;
    if (v >= -128 && v <= 127) {
      this.byte((RDB_ENCVAL << 6) | RDB_ENC_INT8);
      this.byte(v & 0xff);
    } else if (v >= -32768 && v <= 32767) {
      this.byte((RDB_ENCVAL << 6) | RDB_ENC_INT16);
      this.byte(v & 0xff);
      this.byte((v >> 8) & 0xff);
    } else if (v >= -2147483648 && v <= 2147483647) {
      this.byte((RDB_ENCVAL << 6) | RDB_ENC_INT32);
      this.ensure(4);
      this.buf.writeInt32LE(v, this.len);
      this.len += 4;
    } else {
      return false;
    }
    return true;
  }

  doubleBinary(d: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(d, this.len);
    this.len += 8;
  }

  /** The bytes written so far (a view: copy before writing more). */
  view(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.view());
  }
}

/**
 * The value of s when it is the canonical spelling of an integer that fits
 * a JS number exactly (no sign on zero, no leading zeros, no '+'), else null.
 */
export function canonicalInt(s: string): number | null {
  const n = s.length;
  if (n === 0 || n > 16) return null;
  let i = 0;
  if (s.charCodeAt(0) === 45) {
    if (n === 1) return null;
    i = 1;
  }
  if (s.charCodeAt(i) === 48) return n === 1 ? 0 : null;
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return s.charCodeAt(0) === 45 ? -v : v;
}
