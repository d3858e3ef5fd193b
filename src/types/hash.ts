/**
 * Hash: field -> value, both latin1 strings.
 *
 * Small hashes (Redis's 'listpack' encoding) are packed into ONE latin1
 * string: for each field then its value, a varint length (7 bits per char,
 * high bit = more) followed by the bytes. One string instead of 2n string
 * objects is what keeps 100,000 ten-field hashes near Redis's memory: a JS
 * string costs 16+ bytes of header, a packed entry costs one. Lookups scan
 * with startsWith(field, pos), which compares in place without allocating;
 * the scan is O(n) as in a listpack, and n is bounded by the limits.
 *
 * Past hash-max-listpack-entries pairs, or with a field or value longer than
 * hash-max-listpack-value bytes, the hash becomes a 'hashtable' for good:
 * like Redis, it never converts back. The hashtable is two dense arrays
 * (fields, values) plus a KeyTable field -> index, removal swapping the last pair
 * in, so HRANDFIELD picks a pair in O(1) as Redis's dict does. A listpack
 * keeps insertion order, so its replies come out in Redis's order.
 */
import { derived } from '../config/config.js';
import { KeyTable } from '../keyspace/keytable.js';
import { keepLatin1, latin1Of, freeString, dupString, storedLength } from './stringstore.js';

export interface HashLimits {
  maxListpackEntries: number;
  maxListpackValue: number;
}

export const hashLimits = derived(
  (config): HashLimits => ({
    maxListpackEntries: config.num('hash-max-listpack-entries'),
    maxListpackValue: config.num('hash-max-listpack-value'),
  }),
);

function encLen(n: number): string {
  if (n < 0x80) return String.fromCharCode(n);
  let s = '';
  while (n >= 0x80) {
    s += String.fromCharCode((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  return s + String.fromCharCode(n);
}

/** The length in the varint header at p. */
function readLen(lp: string, p: number): number {
  let c = lp.charCodeAt(p);
  if (c < 0x80) return c;
  let len = c & 0x7f;
  let mul = 0x80;
  do {
    c = lp.charCodeAt(++p);
    len += (c & 0x7f) * mul;
    mul *= 0x80;
  } while (c & 0x80);
  return len;
}

/** Bytes taken by the varint header of a length (encLen's output length). */
function hdrSize(len: number): number {
  let n = 1;
  while (len >= 0x80) {
    len = Math.floor(len / 0x80);
    n++;
  }
  return n;
}

/**
 * Concatenation makes a rope (V8 ConsString); reading one char flattens it
 * in place, after which the GC drops the rope node and keeps only the flat
 * string. Without this, each stored hash would carry a rope until its next read.
 */
function flatten(s: string): string {
  if (s.length !== 0) s.charCodeAt(0);
  return s;
}

export class HashValue {
  /** Packed listpack form; '' once the hash is a hashtable (ht !== null). */
  private lp = '';
  /** Pairs in lp. */
  private n = 0;
  /** Hashtable form: field -> index into keys/vals. */
  private ht: KeyTable<number> | null = null;
  private keys: string[] | null = null;
  /** Values as string-store handles (stringstore.ts says why), or strings too long for it. */
  private vals: (number | string)[] | null = null;

  get size(): number {
    return this.ht !== null ? this.ht.size : this.n;
  }

  static fromPairs(pairs: [string, string][], limits: HashLimits): HashValue {
    const h = new HashValue();
    for (const [f, v] of pairs) h.set(f, v, limits);
    return h;
  }

  /** 'listpack' | 'hashtable', as OBJECT ENCODING reports it. */
  encoding(): string {
    return this.ht !== null ? 'hashtable' : 'listpack';
  }

  isListpack(): boolean {
    return this.ht === null;
  }

  /** The table behind a hashtable (its keys are the fields), for cursor scans; null for a listpack. */
  table(): KeyTable<number> | null {
    return this.ht;
  }

  /** Field of the i-th pair (0 <= i < size): O(1) in a hashtable, a scan in a listpack. */
  fieldAt(i: number): string {
    if (this.keys !== null) return this.keys[i];
    return this.flat()[2 * i];
  }

  valueAt(i: number): string {
    if (this.vals !== null) return latin1Of(this.vals[i]);
    return this.flat()[2 * i + 1];
  }

  /** Position of field's value header in lp, or -1. */
  private find(field: string): number {
    const lp = this.lp;
    const flen = field.length;
    let p = 0;
    for (let i = 0; i < this.n; i++) {
      let len = lp.charCodeAt(p);
      if (len < 0x80) p++;
      else {
        len = readLen(lp, p);
        p += hdrSize(len);
      }
      const hit = len === flen && lp.startsWith(field, p);
      p += len;
      if (hit) return p;
      // Skip the value; one-char headers (lengths below 128) are the common case.
      len = lp.charCodeAt(p);
      if (len < 0x80) p++;
      else {
        len = readLen(lp, p);
        p += hdrSize(len);
      }
      p += len;
    }
    return -1;
  }

  get(field: string): string | undefined {
    if (this.ht !== null) {
      const i = this.ht.get(field);
      return i === undefined ? undefined : latin1Of(this.vals![i]);
    }
    const vp = this.find(field);
    if (vp < 0) return undefined;
    const len = readLen(this.lp, vp);
    const start = vp + hdrSize(len);
    return this.lp.substring(start, start + len);
  }

  has(field: string): boolean {
    if (this.ht !== null) return this.ht.has(field);
    return this.find(field) >= 0;
  }

  /** Length of field's value, 0 when absent (HSTRLEN), without copying it. */
  strlen(field: string): number {
    if (this.ht !== null) {
      const i = this.ht.get(field);
      if (i === undefined) return 0;
      const v = this.vals![i];
      return typeof v === 'number' ? storedLength(v) : v.length;
    }
    const vp = this.find(field);
    return vp < 0 ? 0 : readLen(this.lp, vp);
  }

  /** Sets field to value; true when the field is new. Converts to a hashtable as Redis would. */
  set(field: string, value: string, limits: HashLimits): boolean {
    if (this.ht === null && (field.length > limits.maxListpackValue || value.length > limits.maxListpackValue)) this.convert();
    if (this.ht !== null) {
      const i = this.ht.get(field);
      if (i !== undefined) {
        this.vals![i] = keepLatin1(this.vals![i], value);
        return false;
      }
      this.ht.set(field, this.keys!.length);
      this.keys!.push(field);
      this.vals!.push(keepLatin1(undefined, value));
      return true;
    }
    const vp = this.find(field);
    if (vp >= 0) {
      const old = readLen(this.lp, vp);
      this.lp = flatten(this.lp.slice(0, vp) + encLen(value.length) + value + this.lp.slice(vp + hdrSize(old) + old));
      return false;
    }
    this.lp = flatten(this.lp + encLen(field.length) + field + encLen(value.length) + value);
    this.n++;
    if (this.n > limits.maxListpackEntries) this.convert();
    return true;
  }

  /** Removes field; true if it was there. */
  delete(field: string): boolean {
    if (this.ht !== null) {
      const i = this.ht.get(field);
      if (i === undefined) return false;
      const keys = this.keys!;
      const vals = this.vals!;
      const gone = vals[i];
      if (typeof gone === 'number') freeString(gone);
      const lastKey = keys.pop()!;
      const lastVal = vals.pop()!;
      if (i < keys.length) {
        keys[i] = lastKey;
        vals[i] = lastVal;
        this.ht.set(lastKey, i);
      }
      this.ht.delete(field);
      return true;
    }
    const vp = this.find(field);
    if (vp < 0) return false;
    const start = vp - field.length - hdrSize(field.length);
    const vlen = readLen(this.lp, vp);
    const end = vp + hdrSize(vlen) + vlen;
    this.lp = flatten(this.lp.slice(0, start) + this.lp.slice(end));
    this.n--;
    return true;
  }

  private convert(): void {
    const m = new KeyTable<number>();
    const keys: string[] = [];
    const vals: (number | string)[] = [];
    this.forEach((f, v) => {
      m.set(f, keys.length);
      keys.push(f);
      vals.push(keepLatin1(undefined, v));
    });
    this.ht = m;
    this.keys = keys;
    this.vals = vals;
    this.lp = '';
    this.n = 0;
  }

  /** Visits every pair: insertion order for a listpack (as Redis's), index order for a hashtable. */
  forEach(fn: (field: string, value: string) => void): void {
    if (this.keys !== null) {
      const keys = this.keys;
      const vals = this.vals!;
      for (let i = 0; i < keys.length; i++) fn(keys[i], latin1Of(vals[i]));
      return;
    }
    const lp = this.lp;
    let p = 0;
    for (let i = 0; i < this.n; i++) {
      let len = readLen(lp, p);
      p += hdrSize(len);
      const f = lp.substring(p, p + len);
      p += len;
      len = readLen(lp, p);
      p += hdrSize(len);
      const v = lp.substring(p, p + len);
      p += len;
      fn(f, v);
    }
  }

  toArray(): [string, string][] {
    const out: [string, string][] = [];
    this.forEach((f, v) => out.push([f, v]));
    return out;
  }

  /** [f0, v0, f1, v1, ...] in order. */
  flat(): string[] {
    const out: string[] = [];
    this.forEach((f, v) => out.push(f, v));
    return out;
  }

  fields(): string[] {
    if (this.keys !== null) return this.keys.slice();
    const out: string[] = [];
    this.forEach((f) => out.push(f));
    return out;
  }

  values(): string[] {
    if (this.vals !== null) return this.vals.map(latin1Of);
    const out: string[] = [];
    this.forEach((_f, v) => out.push(v));
    return out;
  }

  clone(): HashValue {
    const h = new HashValue();
    h.lp = this.lp;
    h.n = this.n;
    if (this.ht !== null) {
      h.ht = this.ht.clone();
      h.keys = this.keys!.slice();
      h.vals = this.vals!.map((v) => (typeof v === 'number' ? dupString(v) : v));
    }
    return h;
  }

  /** Gives the values' store slots back, when the hash leaves the keyspace for good; it is empty afterwards. */
  release(): void {
    const vals = this.vals;
    if (vals === null) return;
    for (const v of vals) if (typeof v === 'number') freeString(v);
    this.ht = new KeyTable<number>();
    this.keys = [];
    this.vals = [];
  }
}
