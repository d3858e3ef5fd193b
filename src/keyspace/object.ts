/**
 * A stored value and its metadata. A string value is one of:
 * - a handle (number) into the off-heap string store, for values of up to
 *   MAX_STORED bytes written by the string commands (stringstore.ts says why;
 *   big hashes keep their values there too);
 * - a latin1 JS string (one byte per char: binary-safe), for the rest;
 * - a RawString backed by a growable Buffer, once a command mutates the
 *   value in place (APPEND, SETRANGE, SETBIT).
 */
import { RawString } from '../types/rawstring.js';
import { keepLatin1, freeString, storedLength, storedLatin1, storedBytes } from '../types/stringstore.js';
import { noteDropped } from './reclaim.js';

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

export type StringValue = number | string | RawString;

export function strLength(v: StringValue): number {
  return typeof v === 'number' ? storedLength(v) : v.length;
}

/** The value as a latin1 string (copies a stored or raw one). */
export function strLatin1(v: StringValue): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? storedLatin1(v) : v.toLatin1();
}

/** The value's bytes, to read at once; a view for stored and raw values, a fresh Buffer for a JS string. */
export function strBytes(v: StringValue): Buffer {
  return typeof v === 'string' ? Buffer.from(v, 'latin1') : typeof v === 'number' ? storedBytes(v) : v.view();
}

/**
 * The form to keep a new string value in, given the one it replaces (which
 * this releases): a store handle when it fits, reusing prev's slot when the
 * size class is the same, else the value itself. `offHeap` false keeps a
 * JS string as it is (counters, see INCR).
 */
export function keepString(prev: StringValue | undefined, s: string | RawString, offHeap = true): StringValue {
  if (offHeap && typeof s === 'string') return keepLatin1(typeof prev === 'object' ? undefined : prev, s);
  if (typeof prev === 'number') freeString(prev);
  return s;
}

/** Gives back what obj holds outside the V8 heap, when it leaves the keyspace for good. */
export function releaseObject(obj: RObj): void {
  if (obj.type === 'string') {
    noteDropped(1);
    if (typeof obj.value !== 'number') return;
    freeString(obj.value);
    // A use after release reads an empty string rather than another key's bytes.
    obj.value = '';
    return;
  }
  const v = obj.value as { size?: number; length?: number };
  noteDropped(v.size ?? v.length ?? 1);
  if (obj.type === 'hash') (obj.value as { release(): void }).release();
}

const INT_RE = /^(?:0|-?[1-9][0-9]{0,18})$/;

/** Redis's string encodings: int when it reads back as a 64-bit integer, embstr up to 44 bytes, else raw. */
export function stringEncoding(v: StringValue): 'int' | 'embstr' | 'raw' {
  if (typeof v === 'object') return 'raw';
  const n = strLength(v);
  if (n <= 20) {
    const text = strLatin1(v);
    if (INT_RE.test(text)) {
      const i = BigInt(text);
      if (i >= -(2n ** 63n) && i < 2n ** 63n) return 'int';
    }
  }
  return n <= 44 ? 'embstr' : 'raw';
}
