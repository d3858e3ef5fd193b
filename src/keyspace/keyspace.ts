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
import { Propagation } from './propagation.js';

/** Keyspace event classes, as the letters of notify-keyspace-events. */
export type EventClass = 'g' | '$' | 'l' | 's' | 'h' | 'z' | 'x' | 'e' | 't' | 'm' | 'd' | 'n';

export type ModifiedHook = (db: Db, key: string) => void;
export type EventHook = (cls: EventClass, event: string, key: string, dbId: number) => void;
/** Why a key left the keyspace without a command deleting it. */
export type DeletionReason = 'expired' | 'evicted';

export interface KeyspaceStats {
  keyspaceHits: number;
  keyspaceMisses: number;
  expiredKeys: number;
  expiredStalePerc: number;
  /** Keys evicted under maxmemory (INFO's evicted_keys). */
  evictedKeys: number;
}

export class Keyspace {
  readonly dbs: Db[] = [];
  readonly expiry: ExpiryIndex;
  /**
   * Changes since the last save, as Redis's server.dirty. It moves only
   * through touch()/changed() and the flush/swap methods: call() compares
   * it before and after a command to know whether to propagate it.
   */
  private dirtyCount = 0;
  /** The write-propagation stream (AOF, replicas). */
  readonly propagation = new Propagation();
  readonly modifiedHooks: ModifiedHook[] = [];
  readonly eventHooks: EventHook[] = [];
  /** FLUSHDB (a db id) / FLUSHALL (-1), called before the data goes, so WATCH can see which watched keys existed. */
  readonly flushedHooks: ((dbId: number) => void)[] = [];
  /** SWAPDB, called after the two databases exchanged their contents. */
  readonly swappedHooks: ((id1: number, id2: number) => void)[] = [];
  /** lazyfree-lazy-expire / lazyfree-lazy-eviction: such deletions propagate as UNLINK instead of DEL. */
  lazyfreeExpire = false;
  lazyfreeEviction = false;
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
  readonly stats: KeyspaceStats = { keyspaceHits: 0, keyspaceMisses: 0, expiredKeys: 0, expiredStalePerc: 0, evictedKeys: 0 };

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

  get dirty(): number {
    return this.dirtyCount;
  }

  /** A write: the change is signalled, the event emitted and the dirty counter bumped. */
  touch(db: Db, key: string, cls: EventClass, event: string, dirty = 1): void {
    this.modified(db, key);
    this.notify(cls, event, key, db.id);
    this.dirtyCount += dirty;
  }

  /** Changes counted without a key of their own to announce (Redis's server.dirty++). */
  changed(n = 1): void {
    this.dirtyCount += n;
  }

  /** A save captured everything: rdb_changes_since_last_save starts over. */
  markSaved(): void {
    this.dirtyCount = 0;
  }

  /**
   * The one place where a key dies of old age, from a lookup or from the
   * active cycle. Returns false if expiry is not allowed here (the key stays).
   */
  expireIfAllowed(db: Db, key: string): boolean {
    if (!this.expireAllowed()) return false;
    this.deleteKey(db, key, 'expired');
    return true;
  }

  /**
   * A deletion no command asked for (expiry, eviction): the key goes,
   * WATCH/tracking/blocking hear of it, the event is announced, and the
   * consumers of the stream get a DEL (UNLINK under lazyfree) at once,
   * as Redis 7.0's propagateDeletion sends it.
   */
  deleteKey(db: Db, key: string, reason: DeletionReason): void {
    if (!db.delete(key)) return;
    if (reason === 'expired') this.stats.expiredKeys++;
    else this.stats.evictedKeys++;
    this.modified(db, key);
    if (reason === 'expired') this.notify('x', 'expired', key, db.id);
    else this.notify('e', 'evicted', key, db.id);
    if (this.propagation.active) {
      const lazy = reason === 'expired' ? this.lazyfreeExpire : this.lazyfreeEviction;
      this.propagation.deletion(db.id, [lazy ? 'UNLINK' : 'DEL', key]);
    }
  }

  /** FLUSHDB: empties one database, counting its keys as changes. */
  flushDb(db: Db): void {
    for (const hook of this.flushedHooks) hook(db.id);
    this.dirtyCount += db.clear();
  }

  /**
   * Empties every database (Redis's emptyData). FLUSHALL counts the keys as
   * changes; a load that replaces the dataset (DEBUG RELOAD) does not.
   */
  emptyAll(countChanges: boolean): void {
    for (const hook of this.flushedHooks) hook(-1);
    let n = 0;
    for (const db of this.dbs) n += db.clear();
    this.expiry.rebuild();
    if (countChanges) this.dirtyCount += n;
  }

  /**
   * SWAPDB: the contents move, not the Db objects, so a client that
   * selected one of them sees the other data at once, as in Redis.
   */
  swapDb(id1: number, id2: number): void {
    if (id1 === id2) return;
    const a = this.dbs[id1];
    const b = this.dbs[id2];
    [a.dict, b.dict] = [b.dict, a.dict];
    [a.expires, b.expires] = [b.expires, a.expires];
    // Heap entries name the database by id: re-index them.
    this.expiry.rebuild();
    for (const hook of this.swappedHooks) hook(id1, id2);
  }
}
