/**
 * ReplyWriter: one method per RESP reply shape. Handlers never write raw
 * protocol; the writer hides the RESP2/RESP3 differences (maps flatten to
 * arrays, doubles become bulk strings, nulls become $-1 or *-1, ...).
 *
 * Replies accumulate in one buffer and leave in one socket write per
 * batch of commands, so a pipeline costs a single syscall. The buffer is
 * handed to the socket as a view, not a copy: when the sink reports that
 * the kernel took every byte at once (the usual case) the same memory
 * serves the next batch; otherwise the socket keeps it and a new one starts.
 */

import { FRAMER_AVAILABLE, FRAME_MAX_BYTES, FRAME_MAX_COUNT, FRAME_MIN_COUNT, frameInto, framedRoom, loadRun, markEnd } from './bulk-framer.js';
import { copyStored, storedLength } from '../types/stringstore.js';

const INITIAL_SIZE = 16 * 1024;
/**
 * A buffer this full that needs more room is handed to the sink instead of
 * grown: the kernel copies the bytes once either way, and growing would copy
 * them again (16 LRANGE_600 replies in a pipeline spent a tenth of their time
 * doubling the buffer).
 */
const EARLY_FLUSH = 64 * 1024;
/** The largest buffer kept between batches. */
const KEEP_MAX = 256 * 1024;

export type RespVersion = 2 | 3;

/** Sends a chunk; true when nothing references it any more (fully written, or dropped). */
export interface ReplySink {
  (chunk: Buffer): boolean;
}

const CRLF = Buffer.from('\r\n');
const NOT_LATIN1 = /[^\x00-\xff]/;
/** Up to this many chars a JS loop copies a string faster than a call into C++ does. */
const SHORT_COPY = 16;
/** Deferred bulk strings are written once they reach this many chars. */
const DEFER_MAX = 64 * 1024;
/** Longer strings are copied directly: the call's cost is small next to the copy's. */
const DEFER_ELEMENT_MAX = 4096;
/** "$<n>\r\n" for short lengths, so a deferred bulk string costs no header string. */
const BULK_HEADERS: string[] = Array.from({ length: 1024 }, (_, n) => '$' + n + '\r\n');
const SHARED = {
  ok: Buffer.from('+OK\r\n'),
  null2: Buffer.from('$-1\r\n'),
  nullArray2: Buffer.from('*-1\r\n'),
  null3: Buffer.from('_\r\n'),
  emptyArray: Buffer.from('*0\r\n'),
  zero: Buffer.from(':0\r\n'),
  one: Buffer.from(':1\r\n'),
  true3: Buffer.from('#t\r\n'),
  false3: Buffer.from('#f\r\n'),
  queued: Buffer.from('+QUEUED\r\n'),
  pong: Buffer.from('+PONG\r\n'),
};

/** Digits in a non-negative integer's decimal form. */
export function decimalLength(n: number): number {
  let digits = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
  return digits;
}

/** Writes a non-negative safe integer's digits at pos, byte by byte (no string, no call into C++); returns the end. */
export function putDecimal(buf: Uint8Array, pos: number, n: number): number {
  if (n < 10) {
    buf[pos] = 48 + n;
    return pos + 1;
  }
  const end = pos + decimalLength(n);
  for (let q = end, t = n; t > 0; t = Math.floor(t / 10)) buf[--q] = 48 + (t % 10);
  return end;
}

/** Writes a latin1 string at pos; returns the end. Short ones are copied in JS, cheaper than the call into C++. */
export function putLatin1(buf: Buffer, pos: number, s: string): number {
  const n = s.length;
  if (n > SHORT_COPY) return pos + buf.latin1Write(s, pos);
  for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}

/** Whether a run of `count` elements totalling `total` bytes goes through the framer. */
function framed(count: number, total: number): boolean {
  return FRAMER_AVAILABLE && count >= FRAME_MIN_COUNT && count <= FRAME_MAX_COUNT && total <= FRAME_MAX_BYTES;
}

/** %.17g, Redis 7.0's spelling of scores and doubles in both protocols. */
export function formatDouble(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isNaN(d)) return 'nan';
  // Fast paths (scores are printed by the thousand), same digits as formatG:
  // exact integers (below 2^53) print every digit; from 1e-4 to 1e17 %.17g
  // is fixed notation, as toPrecision(17) is, less the trailing zeros.
  if (d !== 0) {
    if (Number.isInteger(d) && d <= 9007199254740992 && d >= -9007199254740992) return String(d);
    const a = d < 0 ? -d : d;
    if (a >= 1e-4 && a < 1e17) {
      const s = d.toPrecision(17);
      if (s.indexOf('e') < 0 && s.indexOf('.') >= 0) {
        let end = s.length;
        while (s.charCodeAt(end - 1) === 48) end--;
        if (s.charCodeAt(end - 1) === 46) end--;
        return s.slice(0, end);
      }
    }
  }
  return formatG(d, 17);
}

/** C's printf %.{p}g. */
export function formatG(d: number, p: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  let s = d.toExponential(p - 1);
  // The exponent after rounding to p digits decides between the two styles, as in C.
  const e = parseInt(s.slice(s.indexOf('e') + 1), 10);
  if (e < -4 || e >= p) {
    let [mant, ex] = s.split('e') as [string, string];
    if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
    const sign = ex[0] === '-' ? '-' : '+';
    let digits = ex.replace(/^[+-]/, '');
    if (digits.length < 2) digits = '0' + digits;
    return `${mant}e${sign}${digits}`;
  }
  s = d.toFixed(Math.max(0, p - 1 - e));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

export class ReplyWriter {
  resp: RespVersion = 2;
  private buf: Buffer = Buffer.allocUnsafe(INITIAL_SIZE);
  private len = 0;
  /** Count of error replies written, so dispatch can tell whether a command failed. */
  errors = 0;
  /** `errors` when the last command's failed_calls were settled, so a command that ran others counts only its own. */
  errorsCharged = 0;
  /** Set by CLIENT REPLY OFF|SKIP: replies are dropped instead of buffered. */
  muted = false;
  /** Called with each finished error line, for errorstats. */
  onError: ((text: string) => void) | null = null;
  /**
   * Consecutive bulk strings (LRANGE's elements, a pipeline of GET replies)
   * are concatenated, headers included, and copied with one call into C++
   * instead of one each: that call costs more than the copy of a short
   * string, and V8 builds the concatenation cheaply. Every other write
   * first drains what waits here, so the order on the wire is kept.
   */
  private deferred = '';
  /** Where the last bulk string written directly ended: a long one right after it starts deferring. */
  private lastBulkEnd = -1;

  constructor(private readonly sink: ReplySink) {}

  get length(): number {
    return this.len + this.deferred.length;
  }

  private ensure(n: number): void {
    this.settle();
    if (this.len + n <= this.buf.length) return;
    if (this.len >= EARLY_FLUSH) {
      this.flush();
      if (n <= this.buf.length) return;
    }
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /**
   * Copies deferred bulk strings into the buffer. Called before a reply waits for the end of
   * the event-loop turn: a long concatenation kept alive while other clients allocate would be
   * copied by every young-generation GC (LRANGE_600 ran at a quarter of its speed).
   */
  settle(): void {
    if (this.deferred !== '') this.drain();
  }

  /** Writes the deferred bulk strings into the buffer. */
  private drain(): void {
    const s = this.deferred;
    this.deferred = '';
    this.ensure(s.length);
    this.len += this.buf.latin1Write(s, this.len);
  }

  /** Gives back a buffer grown past its initial size, when nothing is waiting in it. */
  shrink(): void {
    if (this.len === 0 && this.deferred === '' && this.buf.length > INITIAL_SIZE) this.buf = Buffer.allocUnsafe(INITIAL_SIZE);
  }

  /** Hands everything written so far to the socket. */
  flush(): void {
    this.settle();
    this.lastBulkEnd = -1;
    if (this.len === 0) return;
    const chunk = this.buf.subarray(0, this.len);
    this.len = 0;
    const released = this.sink(chunk);
    // A grown buffer is kept for the next batch (big pipelined replies would otherwise regrow it
    // by doubling every time); shrink() hands it back once the client is idle.
    if (!released || this.buf.length > KEEP_MAX) this.buf = Buffer.allocUnsafe(INITIAL_SIZE);
  }

  raw(b: Uint8Array): void {
    if (this.muted) return;
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  private ascii(s: string): void {
    this.ensure(s.length);
    this.len += this.buf.latin1Write(s, this.len);
  }

  ok(): void {
    this.raw(SHARED.ok);
  }

  queued(): void {
    this.raw(SHARED.queued);
  }

  pong(): void {
    this.raw(SHARED.pong);
  }

  /** +text: must not contain CR or LF. */
  simple(s: string): void {
    if (this.muted) return;
    this.ascii('+' + s + '\r\n');
  }

  /** text begins with its code (ERR, WRONGTYPE, ...). Newlines would break framing, so they become spaces. */
  error(text: string): void {
    this.errors++;
    if (this.onError) this.onError(text);
    if (this.muted) return;
    if (text.includes('\r') || text.includes('\n')) text = text.replace(/[\r\n]/g, ' ');
    this.ensure(text.length * 3 + 3);
    this.buf[this.len++] = 45;
    // Quoted arguments are latin1 (raw bytes) and go out as they came; other text is UTF-8.
    this.len += NOT_LATIN1.test(text) ? this.buf.write(text, this.len, 'utf8') : this.buf.latin1Write(text, this.len);
    this.buf[this.len++] = 13;
    this.buf[this.len++] = 10;
  }

  integer(n: number | bigint): void {
    if (this.muted) return;
    if (n === 0) return this.raw(SHARED.zero);
    if (n === 1) return this.raw(SHARED.one);
    if (typeof n === 'number' && Number.isSafeInteger(n)) {
      this.ensure(24);
      this.header(58, n);
      return;
    }
    this.ascii(':' + n + '\r\n');
  }

  /**
   * <type byte><n>\r\n for a safe integer n, written byte by byte: no header
   * string, no call into C++. The caller has ensured room for 24 bytes.
   */
  private header(type: number, n: number): void {
    const buf = this.buf;
    let p = this.len;
    buf[p++] = type;
    if (n < 0) {
      buf[p++] = 45;
      n = -n;
    }
    p = putDecimal(buf, p, n);
    buf[p++] = 13;
    buf[p++] = 10;
    this.len = p;
  }

  /** Bulk string from bytes. */
  bulk(b: Uint8Array): void {
    if (this.muted) return;
    this.ensure(b.length + 16);
    this.header(36, b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    this.buf[this.len++] = 13;
    this.buf[this.len++] = 10;
  }

  /** Bulk string from a value in the off-heap string store, copied straight from its slot. */
  bulkStored(h: number): void {
    if (this.muted) return;
    const n = storedLength(h);
    this.ensure(n + 16);
    this.header(36, n);
    this.len = copyStored(h, this.buf, this.len);
    this.buf[this.len++] = 13;
    this.buf[this.len++] = 10;
  }

  /** Bulk string from a latin1 (one byte per char) string. */
  bulkLatin1(s: string): void {
    if (this.muted) return;
    const n = s.length;
    if (n <= DEFER_ELEMENT_MAX && (this.deferred !== '' || (n > SHORT_COPY && this.len === this.lastBulkEnd))) {
      this.deferred = this.deferred + (n < 1024 ? BULK_HEADERS[n] : '$' + n + '\r\n') + s + '\r\n';
      if (this.deferred.length >= DEFER_MAX) this.drain();
      return;
    }
    this.ensure(n + 16);
    this.header(36, n);
    this.len = putLatin1(this.buf, this.len, s);
    this.buf[this.len++] = 13;
    this.buf[this.len++] = 10;
    this.lastBulkEnd = this.len;
  }

  /**
   * Bulk strings for elements [from, to) of a run stored back to back in one
   * latin1 string, element i ending at ends[i] (a packed list node).
   */
  bulkRun(data: string, ends: ArrayLike<number>, from: number, to: number): void {
    if (this.muted || from >= to) return;
    const first = from === 0 ? 0 : ends[from - 1];
    const last = ends[to - 1];
    if (!framed(to - from, last - first)) {
      for (let i = from, start = first; i < to; start = ends[i++]) this.bulkLatin1(data.slice(start, ends[i]));
      return;
    }
    this.ensure(framedRoom(to - from, last - first));
    loadRun(first === 0 && last === data.length ? data : data.slice(first, last));
    for (let i = from; i < to; i++) markEnd(ends[i] - first);
    this.framedRun();
  }

  /** Bulk strings for items[from, to). */
  bulkItems(items: readonly string[], from: number, to: number): void {
    if (this.muted) return;
    let total = 0;
    for (let i = from; i < to; i++) total += items[i].length;
    if (!framed(to - from, total)) {
      for (let i = from; i < to; i++) this.bulkLatin1(items[i]);
      return;
    }
    this.ensure(framedRoom(to - from, total));
    loadRun(from === 0 && to === items.length ? items.join('') : items.slice(from, to).join(''));
    let end = 0;
    for (let i = from; i < to; i++) markEnd((end += items[i].length));
    this.framedRun();
  }

  /** Copies the run loaded into the framer to the buffer, where ensure() made room: nothing may run in between. */
  private framedRun(): void {
    this.len += frameInto(this.buf, this.len);
    this.lastBulkEnd = this.len;
  }

  /** Bulk string from ordinary text (UTF-8 encoded on the wire). */
  bulkText(s: string): void {
    this.bulk(Buffer.from(s, 'utf8'));
  }

  /** Null bulk string: $-1 in RESP2, _ in RESP3. */
  null(): void {
    this.raw(this.resp === 3 ? SHARED.null3 : SHARED.null2);
  }

  /** Null array: *-1 in RESP2, _ in RESP3. */
  nullArray(): void {
    this.raw(this.resp === 3 ? SHARED.null3 : SHARED.nullArray2);
  }

  array(n: number): void {
    if (this.muted) return;
    if (n === 0) return this.raw(SHARED.emptyArray);
    this.ensure(24);
    this.header(42, n);
  }

  /** A map of n pairs: %n in RESP3, an array of 2n in RESP2. */
  map(n: number): void {
    if (this.muted) return;
    this.ascii(this.resp === 3 ? '%' + n + '\r\n' : '*' + 2 * n + '\r\n');
  }

  /** A set of n elements: ~n in RESP3, an array in RESP2. */
  set(n: number): void {
    if (this.muted) return;
    this.ascii(this.resp === 3 ? '~' + n + '\r\n' : '*' + n + '\r\n');
  }

  /** An out-of-band push of n elements: >n in RESP3, an array in RESP2. */
  push(n: number): void {
    if (this.muted) return;
    this.ascii(this.resp === 3 ? '>' + n + '\r\n' : '*' + n + '\r\n');
  }

  /** An attribute of n pairs before the next reply: |n in RESP3; callers send none in RESP2. */
  attribute(n: number): void {
    if (this.muted) return;
    this.ascii('|' + n + '\r\n');
  }

  /** A double: ,d in RESP3; a bulk string of %.17g in RESP2. */
  double(d: number): void {
    if (this.muted) return;
    if (this.resp === 3) {
      this.ascii(',' + formatDouble(d) + '\r\n');
    } else {
      this.bulkLatin1(formatDouble(d));
    }
  }

  /** #t/#f in RESP3, :1/:0 in RESP2. */
  bool(b: boolean): void {
    if (this.resp === 3) this.raw(b ? SHARED.true3 : SHARED.false3);
    else this.raw(b ? SHARED.one : SHARED.zero);
  }

  bigNumber(digits: string): void {
    if (this.muted) return;
    if (this.resp === 3) this.ascii('(' + digits + '\r\n');
    else this.bulkLatin1(digits);
  }

  /** =len\r\nfmt:text in RESP3, a plain bulk string in RESP2. */
  verbatim(text: string, format = 'txt'): void {
    if (this.muted) return;
    const body = Buffer.from(text, 'utf8');
    if (this.resp !== 3) return this.bulk(body);
    const header = '=' + (body.length + 4) + '\r\n' + format + ':';
    this.ensure(header.length + body.length + 2);
    this.len += this.buf.latin1Write(header, this.len);
    this.buf.set(body, this.len);
    this.len += body.length;
    this.raw(CRLF);
  }

  /** An array of latin1 strings as bulk strings. */
  bulkArray(items: readonly string[]): void {
    this.array(items.length);
    for (let from = 0; from < items.length; from += FRAME_MAX_COUNT) this.bulkItems(items, from, Math.min(from + FRAME_MAX_COUNT, items.length));
  }
}
