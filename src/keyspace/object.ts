/**
 * A stored value and its metadata. Strings are kept as latin1 JS strings
 * (one byte per char: binary-safe, compact, cheap to compare) until a
 * command mutates them in place (APPEND, SETRANGE, SETBIT), when they
 * become a RawString backed by a growable Buffer.
 */
import { RawString } from '../types/rawstring.js';

export type ObjType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream';

export class RObj {
  constructor(
    public type: ObjType,
    // The type tag says what this is; each family narrows it with its own accessor.
    public value: any,
    /** LRU clock (seconds since start) of the last access, for OBJECT IDLETIME; under an LFU policy, the LFU counter (lfu.ts). */
    public lru: number,
  ) {}
}

export type StringValue = string | RawString;

export function strLength(v: StringValue): number {
  return typeof v === 'string' ? v.length : v.length;
}

/** The value as a latin1 string (copies a RawString). */
export function strLatin1(v: StringValue): string {
  return typeof v === 'string' ? v : v.toLatin1();
}

/** The value's bytes; a view for RawString, a fresh Buffer for a JS string. */
export function strBytes(v: StringValue): Buffer {
  return typeof v === 'string' ? Buffer.from(v, 'latin1') : v.view();
}

const INT_RE = /^(?:0|-?[1-9][0-9]{0,18})$/;

/** Redis's string encodings: int when it reads back as a 64-bit integer, embstr up to 44 bytes, else raw. */
export function stringEncoding(v: StringValue): 'int' | 'embstr' | 'raw' {
  if (typeof v !== 'string') return 'raw';
  if (v.length <= 20 && INT_RE.test(v)) {
    const n = BigInt(v);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return 'int';
  }
  return v.length <= 44 ? 'embstr' : 'raw';
}
