/**
 * SCAN-family argument parsing, and cursors over collections stored in a JS
 * Map (ZSCAN over a skiplist zset's dictionary).
 *
 * Redis scans its hash tables with a reverse-binary cursor so that an
 * element present for the whole iteration is returned at least once even
 * while the table grows or shrinks. The keyspace, set and hash tables are
 * KeyTables and scan exactly that way (KeyTable.scanCount). JS Maps give the
 * same guarantee differently: their iterators are live (they see entries
 * added later, skip deleted ones, survive rehashing). So a cursor over a Map
 * is the id of a live iterator parked in a per-server table between calls.
 *
 * API (for the collection families):
 *
 *   const opts = parseScanArgs(argv, 2, 3, false);  // HSCAN key cursor [MATCH p] [COUNT n]
 *   if (typeof opts === 'string') return out.error(opts);
 *   // or by hand: const cursor = parseCursor(argv[2]); null -> Err.INVALID_CURSOR
 *   const next = scanStep(ctx, opts.cursor, source, () => source.entries(), opts.count, (item) => {
 *     // called for at most `count` items (filter MATCH here); re-check the item still exists:
 *     // one item is read ahead between calls and may have been removed since.
 *   });
 *   out.bulkLatin1(String(next));                   // 0 when the iteration is over
 *
 * - `source` identifies what is being scanned (the Map/Set object itself):
 *   a cursor presented for another source, or one that is unknown (never
 *   issued, evicted, already used), starts a new pass over the source. The
 *   client then sees duplicates, which SCAN allows, and still ends after
 *   one full pass: it never loops forever.
 * - Each call returns a fresh id and forgets the one it was given, so a
 *   cursor is single use; 0 starts and 0 ends an iteration, as in Redis.
 * - The table holds at most MAX_CURSORS parked iterators per server; the
 *   least recently used is dropped first.
 * - Sources small enough to answer in one reply (Redis's listpack/intset
 *   encodings) need no cursor: reply with everything and cursor 0.
 * - Termination under constant insertion: a live iterator over a source that
 *   grows faster than COUNT per call would never end. Maps and Sets iterate
 *   in insertion order, so the elements present at the start come before
 *   every later insertion: once as many items as the source held at the
 *   start have been yielded, every element present throughout has been
 *   seen, and the iteration ends there. This relies on insertion order: a
 *   source that iterates otherwise (a sorted structure) passes
 *   `total = Infinity` and ends only when its iterator does.
 */
import type { ServerContext } from '../server/context.js';
import { Err } from '../errors.js';
import { eqi, parseInteger } from '../commands/args.js';
import { globMatchesAll } from './glob.js';

const MAX_CURSORS = 1024;
const TWO_64 = 1n << 64n;

interface Parked {
  source: object;
  it: Iterator<unknown>;
  /** The item read ahead to learn whether the iteration was over. */
  ahead: IteratorResult<unknown> | null;
  /** Items still to yield before every element present at the start has been seen. */
  left: number;
}

export class ScanCursors {
  private readonly parked = new Map<number, Parked>();
  private seq = 0;

  get size(): number {
    return this.parked.size;
  }

  take(id: number): Parked | undefined {
    const p = this.parked.get(id);
    if (p !== undefined) this.parked.delete(id);
    return p;
  }

  park(p: Parked): number {
    // Random low bits make a foreign cursor unlikely to hit someone else's iterator.
    const id = ++this.seq * 4096 + Math.floor(Math.random() * 4096);
    this.parked.set(id, p);
    if (this.parked.size > MAX_CURSORS) {
      const oldest = this.parked.keys().next().value as number;
      this.parked.delete(oldest);
    }
    return id;
  }

  /** Forgets every parked iterator over source (a deleted key's collection). */
  forget(source: object): void {
    for (const [id, p] of this.parked) if (p.source === source) this.parked.delete(id);
  }
}

export function scanCursors(ctx: ServerContext): ScanCursors {
  let t = ctx.ext.scanCursors as ScanCursors | undefined;
  if (t === undefined) ctx.ext.scanCursors = t = new ScanCursors();
  return t;
}

/**
 * A cursor argument as Redis's strtoul(base 10) accepts it: optional sign,
 * decimal digits, nothing after, no leading blank, no overflow; the empty
 * string is cursor 0. Returns null for an invalid cursor. Values beyond 2^53
 * are never issued by Mnemo, so they map to an unknown (-1) cursor.
 */
export function parseCursor(arg: string): number | null {
  const len = arg.length;
  let i = 0;
  let neg = false;
  const first = arg.charCodeAt(0);
  if (len > 0 && (first === 43 || first === 45)) {
    neg = first === 45;
    i = 1;
    if (len === 1) return null;
  }
  let v = 0;
  let big: bigint | null = null;
  for (let j = i; j < len; j++) {
    const d = arg.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
    if (big === null) {
      v = v * 10 + d;
      if (v > Number.MAX_SAFE_INTEGER) big = BigInt(arg.slice(i, j + 1));
    } else {
      big = big * 10n + BigInt(d);
      if (big >= TWO_64) return null;
    }
  }
  if (big !== null) return -1;
  if (neg && v !== 0) return -1;
  return v;
}

/**
 * One SCAN step: resumes the iterator parked under `cursor` (or opens a new
 * one), passes at most `count` items to visit, and returns the cursor to
 * give back to the client (0 once the source is exhausted). `total` is the
 * source's element count, read when a pass starts (see above).
 */
export function scanStep<T>(
  ctx: ServerContext,
  cursor: number,
  source: object,
  open: () => Iterator<T>,
  count: number,
  visit: (item: T) => void,
  total: number = (source as { size?: number }).size ?? Infinity,
): number {
  const table = scanCursors(ctx);
  let p = cursor === 0 ? undefined : table.take(cursor);
  if (p === undefined || p.source !== source) p = { source, it: open(), ahead: null, left: total };
  const it = p.it as Iterator<T>;
  for (let n = 0; n < count; n++) {
    if (p.left <= 0) return 0;
    const r = (p.ahead as IteratorResult<T> | null) ?? it.next();
    p.ahead = null;
    if (r.done) return 0;
    p.left--;
    visit(r.value);
  }
  if (p.left <= 0) return 0;
  const ahead = it.next();
  if (ahead.done) return 0;
  p.ahead = ahead;
  return table.park(p);
}

export interface ScanOptions {
  /** COUNT, 10 by default. */
  count: number;
  /** MATCH pattern; null for none (or "*", which matches everything). */
  pattern: string | null;
  /** TYPE name, lower-cased (SCAN only); null for none. */
  type: string | null;
}

export interface ScanArgs extends ScanOptions {
  cursor: number;
}

/**
 * Parses "[MATCH pattern] [COUNT count] [TYPE type]" from optionsAt on, in
 * any order; TYPE only where allowType (SCAN, not HSCAN & co). Returns the
 * options or the error text to reply. HSCAN/SSCAN/ZSCAN call it after their
 * key lookup, since Redis answers a missing key before reading the options.
 */
export function parseScanOptions(argv: string[], optionsAt: number, allowType: boolean): ScanOptions | string {
  const opts: ScanOptions = { count: 10, pattern: null, type: null };
  for (let i = optionsAt; i < argv.length; i += 2) {
    const more = argv.length - i;
    if (eqi(argv[i], 'count') && more >= 2) {
      const n = parseInteger(argv[i + 1]);
      if (n === null) return Err.NOT_INTEGER;
      if (n < 1) return Err.SYNTAX;
      opts.count = n;
    } else if (eqi(argv[i], 'match') && more >= 2) {
      const p = argv[i + 1];
      opts.pattern = globMatchesAll(p) ? null : p;
    } else if (allowType && eqi(argv[i], 'type') && more >= 2) {
      // Compared case-insensitively; an unknown name simply matches nothing (7.0).
      opts.type = argv[i + 1].toLowerCase();
    } else {
      return Err.SYNTAX;
    }
  }
  return opts;
}

/**
 * Parses "cursor [MATCH pattern] [COUNT count] [TYPE type]" as Redis's
 * scanGenericCommand does: the cursor first (ERR invalid cursor), then the
 * options. Returns the arguments or the error text to reply.
 */
export function parseScanArgs(argv: string[], cursorAt: number, optionsAt: number, allowType: boolean): ScanArgs | string {
  const cursor = parseCursor(argv[cursorAt]);
  if (cursor === null) return Err.INVALID_CURSOR;
  const opts = parseScanOptions(argv, optionsAt, allowType);
  return typeof opts === 'string' ? opts : { cursor, ...opts };
}
