/**
 * maxmemory: before a command runs, memory above the limit is freed by
 * evicting keys as maxmemory-policy says; when nothing can be evicted, a
 * command that may grow memory (denyoom, or anything queued in MULTI) gets
 * Redis's OOM error instead.
 *
 * Used memory is INFO's used_memory: the V8 heap outside the young
 * generation, plus external memory. A deleted key's memory only comes back when a major GC has swept
 * it, so what has been evicted (estimated as MEMORY USAGE does) is
 * subtracted until the reading drops by as much; otherwise every command
 * would evict again. Other garbage in the old generation would count as
 * used too, so before evicting or refusing anything a full GC runs (spaced
 * to take at most a twentieth of the time) and the reading is taken again.
 * The limit stays approximate, where Redis's allocator count is exact.
 *
 * Keys are chosen as Redis does, by sampling maxmemory-samples keys per
 * database and taking the best candidate: the longest idle (LRU), the
 * least used (LFU), the nearest deadline (TTL), or any (random).
 */
import { performance } from 'node:perf_hooks';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { Command } from '../commands/table.js';
import type { Db } from './db.js';
import type { RObj } from './object.js';
import { Err } from '../errors.js';
import { usedMemory } from '../server/info.js';
import { objectMemory } from './memory.js';
import { lfuCounter } from './lfu.js';
import { v8Gc } from './reclaim.js';

type Policy =
  | 'noeviction'
  | 'allkeys-lru'
  | 'allkeys-lfu'
  | 'allkeys-random'
  | 'volatile-lru'
  | 'volatile-lfu'
  | 'volatile-random'
  | 'volatile-ttl';

/** Commands that still run on a client in MULTI when memory is out: they end or leave the transaction. */
const MULTI_EXEMPT = new Set(['exec', 'discard', 'quit', 'reset']);

interface EvictionState {
  /** Estimated bytes evicted and not yet seen returned by a GC: still counted in the heap, already gone. */
  pendingFreed: number;
  /** An eviction cycle that ran out of time continues on the next turn. */
  continuation: NodeJS.Immediate | null;
  /** The last reading of used memory, to see the drops that GCs make, and when it was taken. */
  lastUsed: number;
  readAt: number;
  /** When the limit last forced a full GC (performance.now()), and how long it took. */
  lastGcAt: number;
  lastGcMs: number;
}

export function installEviction(ctx: ServerContext): void {
  const state: EvictionState = { pendingFreed: 0, continuation: null, lastUsed: 0, readAt: -Infinity, lastGcAt: -Infinity, lastGcMs: 0 };
  const ks = ctx.keyspace;
  const config = ctx.config;
  const applyPolicy = (policy: string) => {
    ks.lfu = policy.endsWith('-lfu');
  };
  applyPolicy(config.get('maxmemory-policy'));
  ks.lfuParams.logFactor = config.num('lfu-log-factor');
  ks.lfuParams.decayTime = config.num('lfu-decay-time');
  config.onChange('maxmemory-policy', (_name, value) => {
    applyPolicy(value);
    return null;
  });
  config.onChange('lfu-log-factor', (_name, value) => {
    ks.lfuParams.logFactor = Number(value);
    return null;
  });
  config.onChange('lfu-decay-time', (_name, value) => {
    ks.lfuParams.decayTime = Number(value);
    return null;
  });
  // A lower limit takes effect at once, as in Redis: evictions start on the next turn, not at
  // the next command (and find nothing to do if a failing CONFIG SET put the old limit back).
  config.onApply(['maxmemory'], () => {
    const limit = config.maxmemory;
    const used = usedMemory();
    if (limit !== 0 && limit < used) {
      ctx.log.warning(
        `WARNING: the new maxmemory value set via CONFIG SET (${limit}) is smaller than the current memory usage (${used}). ` +
          'This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.',
      );
      schedule(ctx, state);
    }
    return null;
  });

  const hooks = ((ctx.ext.shutdownHooks as (() => void)[] | undefined) ??= []);
  hooks.push(() => {
    if (state.continuation !== null) clearImmediate(state.continuation);
  });

  ctx.gates.oom = (_ctx, c: Client, cmd: Command) => {
    if (config.maxmemory === 0) return null;
    if (performEvictions(ctx, state)) return null;
    let reject = cmd.flags.has('denyoom');
    if (c.multi !== null) {
      if (!MULTI_EXEMPT.has(cmd.topName)) reject = true;
      else if (cmd.topName === 'exec') reject = c.multi.queue.some((q) => q.cmd.flags.has('denyoom'));
    }
    return reject ? Err.OOM : null;
  };
}

const READ_INTERVAL_MS = 1;

/** Full GCs forced by the limit are this far apart at least, and GC_SHARE times their own duration. */
const GC_MIN_INTERVAL_MS = 50;
const GC_SHARE = 20;

/** A full GC, now. */
function collectGarbage(): void {
  v8Gc()();
}

function schedule(ctx: ServerContext, state: EvictionState): void {
  if (state.continuation !== null) return;
  state.continuation = setImmediate(() => {
    state.continuation = null;
    performEvictions(ctx, state);
  });
}

/**
 * Frees memory down to maxmemory. False when memory is over the limit and
 * nothing (more) can be evicted. A cycle that takes too long goes on in the
 * next turn and counts as success meanwhile, as Redis's does.
 */
function performEvictions(ctx: ServerContext, state: EvictionState): boolean {
  const limit = ctx.config.maxmemory;
  if (limit === 0) return true;
  const now = performance.now();
  // A reading costs about a microsecond, as much as a small command: one per millisecond will do.
  if (now - state.readAt >= READ_INTERVAL_MS) {
    const used = usedMemory();
    // Old-space use only drops when a major GC has swept: the evicted keys' memory is among what came back.
    if (used < state.lastUsed) state.pendingFreed = Math.max(0, state.pendingFreed - (state.lastUsed - used));
    state.lastUsed = used;
    state.readAt = now;
  }
  let excess = state.lastUsed - state.pendingFreed - limit;
  if (excess <= 0) return true;
  // Garbage is not data: before anything is evicted or refused, a full GC shows what is
  // really in use. They are spaced so that they take at most 1/GC_SHARE of the time.
  if (now - state.lastGcAt >= Math.max(GC_MIN_INTERVAL_MS, state.lastGcMs * GC_SHARE)) {
    collectGarbage();
    state.lastGcAt = state.readAt = performance.now();
    state.lastGcMs = state.lastGcAt - now;
    state.lastUsed = usedMemory();
    state.pendingFreed = 0;
    excess = state.lastUsed - limit;
    if (excess <= 0) return true;
  }
  const policy = ctx.config.get('maxmemory-policy') as Policy;
  if (policy === 'noeviction') return false;
  const samples = ctx.config.num('maxmemory-samples');
  // maxmemory-eviction-tenacity: 0..10 scale Redis's 500 µs base linearly, above that it grows by 15% a step.
  const tenacity = ctx.config.num('maxmemory-eviction-tenacity');
  const budgetMs = tenacity <= 10 ? 0.05 * tenacity : tenacity === 100 ? Infinity : 0.5 * Math.pow(1.15, tenacity - 10);
  const deadline = performance.now() + budgetMs;
  let evicted = 0;
  while (excess > 0) {
    const victim = pickVictim(ctx, policy, samples);
    if (victim === null) return false;
    const freed = objectMemory(victim.key, victim.obj, 5);
    evict(ctx, victim.db, victim.key);
    excess -= freed;
    state.pendingFreed += freed;
    if (++evicted % 16 === 0 && performance.now() > deadline) {
      schedule(ctx, state);
      return true;
    }
  }
  return true;
}

interface Victim {
  db: Db;
  key: string;
  obj: RObj;
}

/** Round-robin start, so one database is not always emptied first (Redis keeps the same static cursor). */
let nextDb = 0;

function pickVictim(ctx: ServerContext, policy: Policy, samples: number): Victim | null {
  const ks = ctx.keyspace;
  const dbs = ks.dbs;
  const volatile = policy.startsWith('volatile-');
  if (policy === 'allkeys-random' || policy === 'volatile-random') {
    for (let i = 0; i < dbs.length; i++) {
      const db = dbs[(nextDb + i) % dbs.length];
      const key = volatile ? randomVolatileKey(db) : db.dict.randomKey();
      const obj = key === undefined ? undefined : db.dict.get(key);
      if (obj === undefined) continue;
      nextDb = (nextDb + i + 1) % dbs.length;
      return { db, key: key!, obj };
    }
    return null;
  }
  const now = ks.now();
  const clock = ks.lruClock();
  let best: Victim | null = null;
  let bestScore = -Infinity;
  for (const db of dbs) {
    if ((volatile ? db.expires.size : db.size) === 0) continue;
    for (let s = 0; s < samples; s++) {
      const key = volatile ? randomVolatileKey(db) : db.dict.randomKey();
      if (key === undefined) break;
      const obj = db.dict.get(key);
      if (obj === undefined) continue;
      // Higher is a better candidate.
      let score: number;
      if (policy.endsWith('-lru')) score = clock - obj.lru;
      else if (policy.endsWith('-lfu')) score = 255 - lfuCounter(obj.lru, now, ks.lfuParams);
      else score = -(db.expires.get(key) ?? Infinity);
      if (score > bestScore) {
        bestScore = score;
        best = { db, key, obj };
      }
    }
  }
  return best;
}

/**
 * A random key among those with a TTL. The expires map has no random
 * access: random keys of the main table are tried first (fine when many
 * keys are volatile), then the oldest deadline set, which always exists.
 */
function randomVolatileKey(db: Db): string | undefined {
  const expires = db.expires;
  if (expires.size === 0) return undefined;
  if (expires.size * 4 >= db.size) {
    for (let i = 0; i < 8; i++) {
      const key = db.dict.randomKey();
      if (key !== undefined && expires.has(key)) return key;
    }
  }
  return expires.keys().next().value;
}

/** An eviction is a deletion like any other for WATCH, tracking, keyspace events ('evicted', class e) and replicas. */
function evict(ctx: ServerContext, db: Db, key: string): void {
  ctx.keyspace.deleteKey(db, key, 'evicted');
}
