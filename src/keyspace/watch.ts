/**
 * WATCH: optimistic locking for MULTI/EXEC, with Redis 7.0's rules.
 *
 * Any signal that a watched key changed (keyspace.modified(), from any
 * client, from expiry, from RENAME/MOVE/...) makes the watcher "dirty" and
 * drops its watches; EXEC then answers the null array. Flushing a database
 * or swapping two touches every watched key that existed in it (or in the
 * database swapped in).
 *
 * A key that was already logically expired when it was WATCHed is
 * remembered as such: its later deletion (by expiry or the flush) is no
 * logical change and does not dirty the watcher. Conversely a key that
 * reaches its deadline while watched fails the EXEC even if nobody has
 * deleted it yet (isWatchedKeyExpired at EXEC time).
 */
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { Db } from './db.js';
import { CLIENT_DIRTY_CAS } from '../server/client-flags.js';
import { resetHooks } from '../commands/connection.js';

interface WatchedKey {
  db: Db;
  key: string;
  client: Client;
  /** The key existed but was past its deadline when WATCH ran. */
  expired: boolean;
}

/** Per client: its watched keys, and whether one of them changed. */
interface ClientWatch {
  keys: WatchedKey[];
  dirty: boolean;
}

export class Watches {
  /** Per db id: key -> every watch on it. */
  private readonly byDb: Map<string, Set<WatchedKey>>[] = [];
  private total = 0;

  constructor(private readonly ctx: ServerContext) {
    for (let i = 0; i < ctx.keyspace.dbs.length; i++) this.byDb.push(new Map());
  }

  private state(c: Client): ClientWatch {
    let s = c.ext.watch as ClientWatch | undefined;
    if (s === undefined) c.ext.watch = s = { keys: [], dirty: false };
    return s;
  }

  isDirty(c: Client): boolean {
    return (c.ext.watch as ClientWatch | undefined)?.dirty === true;
  }

  private setDirty(c: Client, dirty: boolean): void {
    const s = this.state(c);
    if (s.dirty === dirty) return;
    s.dirty = dirty;
    c.flags = dirty ? c.flags | CLIENT_DIRTY_CAS : c.flags & ~CLIENT_DIRTY_CAS;
  }

  /** Clears the dirty flag (UNWATCH, end of a transaction). */
  clearDirty(c: Client): void {
    if (c.ext.watch !== undefined) this.setDirty(c, false);
  }

  watch(c: Client, db: Db, key: string): void {
    const s = this.state(c);
    for (const wk of s.keys) if (wk.db === db && wk.key === key) return;
    const map = this.byDb[db.id];
    let set = map.get(key);
    if (set === undefined) map.set(key, (set = new Set()));
    const wk: WatchedKey = { db, key, client: c, expired: this.keyIsExpired(db, key) };
    set.add(wk);
    s.keys.push(wk);
    this.total++;
  }

  unwatchAll(c: Client): void {
    const s = c.ext.watch as ClientWatch | undefined;
    if (s === undefined || s.keys.length === 0) return;
    for (const wk of s.keys) {
      const map = this.byDb[wk.db.id];
      const set = map.get(wk.key);
      if (set === undefined) continue;
      set.delete(wk);
      if (set.size === 0) map.delete(wk.key);
    }
    this.total -= s.keys.length;
    s.keys = [];
  }

  /** Present in the dictionary but past its deadline: what Redis's keyIsExpired tests, without deleting. */
  private keyIsExpired(db: Db, key: string): boolean {
    const when = db.getExpire(key);
    return when !== -1 && when <= this.ctx.keyspace.now() && db.dict.has(key);
  }

  /** touchWatchedKey: a key changed. */
  touched(db: Db, key: string): void {
    if (this.total === 0) return;
    const set = this.byDb[db.id]?.get(key);
    if (set === undefined) return;
    for (const wk of [...set]) {
      if (wk.expired) {
        // Deleting a key that was already expired when watched is no logical change.
        if (!db.dict.has(key)) {
          wk.expired = false;
          continue;
        }
      }
      this.setDirty(wk.client, true);
      this.unwatchAll(wk.client);
    }
  }

  /**
   * touchAllWatchedKeysInDb for the keys watched in database `watchedId`:
   * `emptied` holds the contents that are going away (flush) or moving out
   * (swap), `replacedWith` the contents moving in (null for a flush). For a
   * flush, call it while the keys are still there.
   */
  touchAllInDb(watchedId: number, emptied: Db, replacedWith: Db | null): void {
    if (this.total === 0) return;
    const map = this.byDb[watchedId];
    if (map === undefined || map.size === 0) return;
    for (const [key, set] of [...map]) {
      const existsInEmptied = emptied.dict.has(key);
      const inReplacement = replacedWith !== null && replacedWith.dict.has(key);
      if (!existsInEmptied && !inReplacement) continue;
      for (const wk of [...set]) {
        if (wk.expired) {
          if (!inReplacement) {
            // The expired key is now gone: no logical change.
            wk.expired = false;
            continue;
          } else if (this.keyIsExpired(replacedWith!, key)) {
            continue;
          }
        } else if (!existsInEmptied && this.keyIsExpired(replacedWith!, key)) {
          // Nothing replaced by something already expired: still nothing.
          wk.expired = true;
          continue;
        }
        this.setDirty(wk.client, true);
        this.unwatchAll(wk.client);
      }
    }
  }

  /** isWatchedKeyExpired: a watched key reached its deadline since WATCH, deleted or not. */
  anyExpired(c: Client): boolean {
    const s = c.ext.watch as ClientWatch | undefined;
    if (s === undefined) return false;
    for (const wk of s.keys) if (!wk.expired && this.keyIsExpired(wk.db, wk.key)) return true;
    return false;
  }

  /** How many keys are watched, server-wide (INFO watching_clients-style stats). */
  get watchedKeys(): number {
    return this.total;
  }
}

export function watchesOf(ctx: ServerContext): Watches {
  let w = ctx.ext.watches as Watches | undefined;
  if (w === undefined) ctx.ext.watches = w = new Watches(ctx);
  return w;
}

/**
 * Hooks WATCH into the keyspace: every modified() signal, flushes and swaps. Disconnect and RESET forget the
 * client's watches.
 */
export function installWatch(ctx: ServerContext): void {
  const w = watchesOf(ctx);
  ctx.keyspace.modifiedHooks.push((db, key) => w.touched(db, key));
  const dbs = ctx.keyspace.dbs;
  // Called before the data goes: -1 is FLUSHALL.
  ctx.keyspace.flushedHooks.push((dbId) => {
    for (const db of dbId === -1 ? dbs : [dbs[dbId]]) w.touchAllInDb(db.id, db, null);
  });
  // Called after the contents were exchanged: what db id1 held is now in id2 and the reverse.
  ctx.keyspace.swappedHooks.push((id1, id2) => {
    w.touchAllInDb(id1, dbs[id2], dbs[id1]);
    w.touchAllInDb(id2, dbs[id1], dbs[id2]);
  });
  ctx.clientClosedHooks.push((c) => w.unwatchAll(c));
  resetHooks(ctx).push((_ctx, c) => {
    w.unwatchAll(c);
    w.clearDirty(c);
  });
}
