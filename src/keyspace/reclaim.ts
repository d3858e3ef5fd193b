/**
 * Giving freed memory back soon after big deletions.
 *
 * A deleted collection is garbage that V8 frees at its next major GC, and
 * V8 starts one only when the program allocates. After an UNLINK of a big
 * set or a FLUSHDB on a server that then goes quiet, used_memory (and so
 * maxmemory) would count the dead data for as long as nothing else
 * happens; Redis frees it at once, or in a background thread (lazyfree).
 * So the keyspace counts the elements of the objects it drops, and once
 * many were dropped the cron asks V8 for a concurrent major GC: marking
 * runs on helper threads, the main thread only starts and finishes it.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Elements dropped before a collection is worth asking for (a 100k-member set is well past it). */
const THRESHOLD = 10_000;
/**
 * ...and they must be a good part of the heap (at a rough 64 bytes each): a
 * cache expiring keys steadily on a big heap leaves this to V8's own GCs.
 */
const BYTES_PER_ELEMENT = 64;
const HEAP_SHARE = 0.25;
/** Whatever the deletion rate, at most one request per this many ms. */
const MIN_INTERVAL_MS = 1000;

/** V8's gc(): a full GC when called bare; a concurrent one with { type: 'major', execution: 'async' }. */
export type GcFunction = (options?: { type: 'major'; execution: 'async' }) => void;

let dropped = 0;
let lastRequest = 0;

/** Counts the elements of an object leaving the keyspace. */
export function noteDropped(elements: number): void {
  dropped += elements;
}

/** From the cron: starts a concurrent major GC when enough was dropped since the last one. */
export function reclaimIfDue(now: number): void {
  if (dropped < THRESHOLD || now - lastRequest < MIN_INTERVAL_MS) return;
  if (dropped * BYTES_PER_ELEMENT < v8.getHeapStatistics().used_heap_size * HEAP_SHARE) return;
  dropped = 0;
  lastRequest = now;
  v8Gc()({ type: 'major', execution: 'async' });
}

let gc: GcFunction | null = null;

/**
 * V8's gc(), without asking the user to start node with --expose-gc: the
 * flag can be turned on at run time and applies to contexts created after
 * it, so a new context has the function.
 */
export function v8Gc(): GcFunction {
  if (gc === null) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as GcFunction;
  }
  return gc;
}
