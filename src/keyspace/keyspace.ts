/**
 * The databases and the one place where changes are announced.
 *
 * Every command that changes a key calls touch() (or modified() and
 * notify() separately when Redis emits an event without a change, or the
 * reverse). Consumers (WATCH, client tracking, keyspace notifications,
 * blocked clients, replication, AOF) register hooks here and never need
 * the command families to know about them.
 */
import { Db } from './db.js';
import { ExpiryIndex } from './expire.js';
import type { RObj } from './object.js';
import { lfuInitial, lfuTouched, type LfuParams } from './lfu.js';

/** Keyspace event classes, as the letters of notify-keyspace-events. */
export type EventClass = 'g' | '$' | 'l' | 's' | 'h' | 'z' | 'x' | 'e' | 't' | 'm' | 'd' | 'n';

export type ModifiedHook = (db: Db, key: string) => void;
export type EventHook = (cls: EventClass, event: string, key: string, dbId: number) => void;
/** Called for every key removed by expiry, after the deletion. */
export type ExpiredHook = (db: Db, key: string) => void;

export interface KeyspaceStats {
  keyspaceHits: number;
  keyspaceMisses: number;
  expiredKeys: number;
  expiredStalePerc: number;
}

export class Keyspace {
  readonly dbs: Db[] = [];
  readonly expiry: ExpiryIndex;
  /** Changes since the last save, as Redis's server.dirty. */
  dirty = 0;
  readonly modifiedHooks: ModifiedHook[] = [];
  readonly eventHooks: EventHook[] = [];
  readonly expiredHooks: ExpiredHook[] = [];
  /** FLUSHDB (a db id) / FLUSHALL (-1), called before the data goes, so WATCH can see which watched keys existed. */
  readonly flushedHooks: ((dbId: number) => void)[] = [];
  /** SWAPDB, called after the two databases exchanged their contents. */
  readonly swappedHooks: ((id1: number, id2: number) => void)[] = [];
  /** Returns false where a key past its deadline must stay (a replica waits for its master's DEL). */
  expireAllowed: () => boolean = () => true;
  /** Set while a CLIENT NO-TOUCH client runs a command. */
  noTouch = false;
  /** An LFU maxmemory policy is selected: RObj.lru holds an LFU counter (lfu.ts), not a clock. */
  lfu = false;
  readonly lfuParams: LfuParams = { logFactor: 10, decayTime: 1 };
  /** Time frozen for the duration of one command (and of EXEC or a script), as Redis does. */
  private frozenNow = 0;
  private readonly startedAt = Date.now();
  readonly stats: KeyspaceStats = { keyspaceHits: 0, keyspaceMisses: 0, expiredKeys: 0, expiredStalePerc: 0 };

  constructor(databases: number) {
    this.expiry = new ExpiryIndex(this);
    for (let i = 0; i < databases; i++) this.dbs.push(new Db(i, this));
  }

  /** Current unix ms: the command's frozen time when one is running. */
  now(): number {
    return this.frozenNow || Date.now();
  }

  freezeTime(ms: number): void {
    this.frozenNow = ms;
  }

  timeFrozen(): boolean {
    return this.frozenNow !== 0;
  }

  unfreezeTime(): void {
    this.frozenNow = 0;
  }

  /**
   * What a new object's lru field starts with: seconds since start (the
   * resolution of OBJECT IDLETIME), or the initial LFU counter under an LFU policy.
   */
  lruClock(): number {
    // The command's frozen time spares a clock read per key touched.
    const now = this.frozenNow || Date.now();
    return this.lfu ? lfuInitial(now) : this.secondsSinceStart(now);
  }

  /** An access to obj: refreshes its LRU clock, or counts a hit on its LFU counter. */
  touchAccess(obj: RObj): void {
    if (this.noTouch) return;
    // Every key lookup comes here: one clock read and one policy test.
    const now = this.frozenNow || Date.now();
    obj.lru = this.lfu ? lfuTouched(obj.lru, now, this.lfuParams) : this.secondsSinceStart(now);
  }

  private secondsSinceStart(now: number): number {
    return Math.floor((now - this.startedAt) / 1000);
  }

  lruToMs(lru: number): number {
    return this.startedAt + lru * 1000;
  }

  countLookup(db: Db, key: string, obj: RObj | undefined): void {
    if (obj === undefined) {
      this.stats.keyspaceMisses++;
      this.notify('m', 'keymiss', key, db.id);
    } else {
      this.stats.keyspaceHits++;
      this.touchAccess(obj);
    }
  }

  volatileCount(): number {
    let n = 0;
    for (const db of this.dbs) n += db.expires.size;
    return n;
  }

  /** A key changed: WATCH, tracking and blocked clients must know (signalModifiedKey). */
  modified(db: Db, key: string): void {
    const hooks = this.modifiedHooks;
    for (let i = 0; i < hooks.length; i++) hooks[i](db, key);
  }

  /** A keyspace event (notifyKeyspaceEvent). */
  notify(cls: EventClass, event: string, key: string, dbId: number): void {
    const hooks = this.eventHooks;
    for (let i = 0; i < hooks.length; i++) hooks[i](cls, event, key, dbId);
  }

  /** A write: the change is signalled, the event emitted and the dirty counter bumped. */
  touch(db: Db, key: string, cls: EventClass, event: string, dirty = 1): void {
    this.modified(db, key);
    this.notify(cls, event, key, db.id);
    this.dirty += dirty;
  }

  /**
   * The one place where a key dies of old age, from a lookup or from the
   * active cycle: it is deleted, counted, signalled and announced.
   * Returns false if expiry is not allowed here (the key stays).
   */
  expireIfAllowed(db: Db, key: string): boolean {
    if (!this.expireAllowed()) return false;
    if (!db.delete(key)) return true;
    this.stats.expiredKeys++;
    this.modified(db, key);
    this.notify('x', 'expired', key, db.id);
    for (const hook of this.expiredHooks) hook(db, key);
    return true;
  }
}
