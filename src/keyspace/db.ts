/**
 * One numbered database: the main dictionary and the expires dictionary,
 * as in Redis. Keys are latin1 strings. Lookups apply lazy expiry: a key
 * is invisible from its deadline on, whoever asks.
 *
 * An object dropped here (delete, set over it, clear) is released: its
 * off-heap bytes go back to the string store. Moving an object to another
 * key or database goes through detach(), which keeps them.
 */
import { RObj, releaseObject } from './object.js';
import { KeyTable } from './keytable.js';
import type { Keyspace } from './keyspace.js';

export class Db {
  dict = new KeyTable<RObj>();
  /** Absolute deadline in unix milliseconds, for volatile keys only. */
  expires = new Map<string, number>();

  constructor(
    public readonly id: number,
    private readonly ks: Keyspace,
  ) {}

  get size(): number {
    return this.dict.size;
  }

  /** The object at key, or undefined if absent or past its deadline (which deletes it). */
  lookup(key: string): RObj | undefined {
    const obj = this.dict.get(key);
    if (obj === undefined) return undefined;
    if (this.expires.size !== 0) {
      const when = this.expires.get(key);
      if (when !== undefined && when <= this.ks.now() && this.ks.expireIfAllowed(this, key)) return undefined;
    }
    return obj;
  }

  /** Lookup for a command that reads: counts hits and misses and refreshes the access time. */
  lookupRead(key: string): RObj | undefined {
    const obj = this.lookup(key);
    this.ks.countLookup(this, key, obj);
    return obj;
  }

  /** Lookup for a command that writes: no hit/miss statistics, but refreshes the access time. */
  lookupWrite(key: string): RObj | undefined {
    const obj = this.lookup(key);
    if (obj !== undefined) this.ks.touchAccess(obj);
    return obj;
  }

  /** Adds a key that does not exist. */
  add(key: string, obj: RObj): void {
    this.dict.set(key, obj);
  }

  /**
   * Stores obj at key, replacing any value. The TTL is dropped unless keepTtl,
   * as SET does without KEEPTTL.
   */
  set(key: string, obj: RObj, keepTtl = false): void {
    const old = this.dict.set(key, obj);
    if (old !== undefined && old !== obj) releaseObject(old);
    if (!keepTtl && this.expires.size !== 0) this.expires.delete(key);
  }

  /** Removes key and its TTL, releasing its object; true if it existed. Callers signal the change. */
  delete(key: string): boolean {
    const obj = this.detach(key);
    if (obj === undefined) return false;
    releaseObject(obj);
    return true;
  }

  /** Removes key and its TTL but leaves its object intact, for a caller that stores it elsewhere (RENAME, MOVE). */
  detach(key: string): RObj | undefined {
    const obj = this.dict.take(key);
    if (obj !== undefined && this.expires.size !== 0) this.expires.delete(key);
    return obj;
  }

  /** Deadline in unix ms, or -1 without one. Does not check expiry. */
  getExpire(key: string): number {
    return this.expires.size === 0 ? -1 : (this.expires.get(key) ?? -1);
  }

  setExpire(key: string, when: number): void {
    this.expires.set(key, when);
    this.ks.expiry.schedule(this.id, key, when);
  }

  /** Removes the TTL; true if there was one. */
  persist(key: string): boolean {
    return this.expires.delete(key);
  }

  /** Empties the database, returning how many keys it held. */
  clear(): number {
    const n = this.dict.size;
    this.dict.forEachValue(releaseObject);
    this.dict = new KeyTable();
    this.expires = new Map();
    return n;
  }
}
