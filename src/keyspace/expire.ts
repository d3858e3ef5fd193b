/**
 * Active expiry. Redis samples random volatile keys ten times a second, so
 * a key may outlive its deadline by a long time under load. Mnemo keeps
 * every deadline in a min-heap instead and runs a timer for the earliest
 * one: a key is removed (and announced) within milliseconds of its
 * deadline, and each tick does a bounded amount of work.
 *
 * Heap entries are never updated in place: a TTL change pushes a new
 * entry, and a popped entry whose deadline no longer matches the expires
 * dictionary is stale and dropped. The heap is rebuilt when stale entries
 * outnumber live ones.
 */
import type { Keyspace } from './keyspace.js';

/** Most keys removed in one tick before yielding to clients. */
const KEYS_PER_TICK = 2000;
const TICK_BUDGET_MS = 2;

export class ExpiryIndex {
  private when: number[] = [];
  private db: number[] = [];
  private key: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private timerAt = Infinity;
  /** DEBUG SET-ACTIVE-EXPIRE */
  enabled = true;
  private stopped = false;

  constructor(private readonly ks: Keyspace) {}

  get size(): number {
    return this.when.length;
  }

  schedule(db: number, key: string, when: number): void {
    this.push(db, key, when);
    if (this.when.length > 1024 && this.when.length > 2 * this.ks.volatileCount() + 1024) this.rebuild();
    if (when < this.timerAt) this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  /** Forgets stale entries: rebuilds from the expires dictionaries. */
  rebuild(): void {
    this.when = [];
    this.db = [];
    this.key = [];
    for (const db of this.ks.dbs) {
      for (const [k, w] of db.expires) this.push(db.id, k, w);
    }
  }

  private arm(): void {
    if (this.stopped || !this.enabled || this.immediate) return;
    if (this.when.length === 0) return;
    const head = this.when[0];
    if (this.timer) {
      if (head >= this.timerAt) return;
      clearTimeout(this.timer);
    }
    this.timerAt = head;
    const delay = Math.max(0, head - Date.now());
    this.timer = setTimeout(() => this.tick(), delay);
    this.timer.unref();
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    if (on) this.arm();
    else if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.timerAt = Infinity;
    }
  }

  private tick(): void {
    this.timer = null;
    this.immediate = null;
    this.timerAt = Infinity;
    if (this.stopped || !this.enabled) return;
    const start = Date.now();
    let done = 0;
    while (this.when.length > 0) {
      const now = this.ks.now();
      if (this.when[0] > now) break;
      const db = this.db[0];
      const key = this.key[0];
      const when = this.when[0];
      this.pop();
      const database = this.ks.dbs[db];
      // Stale unless the expires dictionary still holds this very deadline.
      if (database !== undefined && database.expires.get(key) === when) {
        this.ks.expireIfAllowed(database, key);
      }
      if (++done % 64 === 0 && (done >= KEYS_PER_TICK || Date.now() - start >= TICK_BUDGET_MS)) {
        this.immediate = setImmediate(() => this.tick());
        return;
      }
    }
    this.arm();
  }

  private push(db: number, key: string, when: number): void {
    const w = this.when;
    let i = w.length;
    w.push(when);
    this.db.push(db);
    this.key.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (w[p] <= when) break;
      w[i] = w[p];
      this.db[i] = this.db[p];
      this.key[i] = this.key[p];
      i = p;
    }
    w[i] = when;
    this.db[i] = db;
    this.key[i] = key;
  }

  private pop(): void {
    const w = this.when;
    const lastW = w.pop()!;
    const lastD = this.db.pop()!;
    const lastK = this.key.pop()!;
    const n = w.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && w[c + 1] < w[c]) c++;
      if (w[c] >= lastW) break;
      w[i] = w[c];
      this.db[i] = this.db[c];
      this.key[i] = this.key[c];
      i = c;
    }
    w[i] = lastW;
    this.db[i] = lastD;
    this.key[i] = lastK;
  }
}
