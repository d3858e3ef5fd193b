/**
 * Incremental RESP request parser: multibulk frames and inline commands.
 *
 * Arguments come out as latin1 strings (one char per byte, so binary-safe),
 * the form the keyspace stores: each is made straight from the receive
 * buffer, with no intermediate Buffer view per argument.
 * A frame cut at any byte is resumed when the next chunk arrives; one large
 * bulk split across many chunks is joined once, when it is complete, so a
 * 512 MB value costs one copy and not a quadratic series of them.
 */

import { latin1String } from './latin1.js';

const CR = 13;
const LF = 10;
const DOLLAR = 36;
const STAR = 42;
const EMPTY = Buffer.alloc(0);
/** Placeholder between commands; replaced at the next header, never written to. */
const NO_ARGV: string[] = [];

/** Longest inline line or header Redis accepts without a newline. */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
const INT_MAX = 2147483647;

export class ProtocolError extends Error {}

/**
 * Command names recently seen, by (length, first byte, last byte): a name
 * that matches byte for byte is answered with the string already made, so
 * the usual command costs no string allocation for its name.
 */
const NAME_SLOTS = 1024;
const NAME_MAX = 24;
const names: (string | undefined)[] = new Array(NAME_SLOTS).fill(undefined);

function commandName(buf: Buffer, start: number, len: number): string {
  if (len === 0 || len > NAME_MAX) return buf.latin1Slice(start, start + len);
  const slot = (len * 31 + buf[start] * 7 + buf[start + len - 1]) & (NAME_SLOTS - 1);
  const cached = names[slot];
  if (cached !== undefined && cached.length === len) {
    let i = 0;
    while (i < len && cached.charCodeAt(i) === buf[start + i]) i++;
    if (i === len) return cached;
  }
  const name = buf.latin1Slice(start, start + len);
  names[slot] = name;
  return name;
}

export interface ParserLimits {
  /** proto-max-bulk-len */
  maxBulkLen: number;
  /** True until the client authenticates when a password is required. */
  authRequired: boolean;
}

export class RespParser {
  private buf: Buffer = EMPTY;
  private pos = 0;
  /** End of the valid bytes in buf (the shared read buffer is longer than what one read filled). */
  private end = 0;
  /** Chunks held back while a known number of bytes is still missing. */
  private held: Buffer[] | null = null;
  private heldLen = 0;
  private need = 0;
  /** buf is memory the caller will reuse (the shared read buffer): settle() copies what is left. */
  private transient = false;

  private remaining = 0;
  private bulkLen = -1;
  private argv: string[] = NO_ARGV;
  /** Arguments of argv read so far. */
  private argc = 0;
  /** Set when the current frame arrived as an inline command. */
  lastWasInline = false;

  constructor(private readonly limits: ParserLimits) {}

  /**
   * The first `len` bytes of chunk arrived. transient: chunk's memory is
   * reused once the caller returns, so nothing may keep it (see settle).
   */
  feed(chunk: Buffer, transient = false, len = chunk.length): void {
    if (this.held !== null) {
      this.held.push(transient ? Buffer.from(chunk.subarray(0, len)) : chunk.subarray(0, len));
      this.heldLen += len;
      if (this.heldLen < this.need) return;
      this.held.unshift(this.buf.subarray(this.pos, this.end));
      this.buf = Buffer.concat(this.held);
      this.end = this.buf.length;
      this.pos = 0;
      this.transient = false;
      this.held = null;
      this.heldLen = 0;
      this.need = 0;
      return;
    }
    if (this.pos >= this.end) {
      this.buf = chunk;
      this.end = len;
      this.transient = transient;
    } else {
      this.buf = Buffer.concat([this.buf.subarray(this.pos, this.end), chunk.subarray(0, len)]);
      this.end = this.buf.length;
      this.transient = false;
    }
    this.pos = 0;
  }

  /** Copies the unparsed rest of a transient chunk, before its memory is reused. */
  settle(): void {
    if (!this.transient) return;
    this.transient = false;
    this.buf = this.pos >= this.end ? EMPTY : Buffer.from(this.buf.subarray(this.pos, this.end));
    this.end = this.buf.length;
    this.pos = 0;
  }

  /** Bytes received but not yet consumed as complete frames. */
  get pendingBytes(): number {
    return this.end - this.pos + this.heldLen;
  }

  /**
   * Next complete command, or null when more bytes are needed.
   * Throws ProtocolError with Redis's text (without the "ERR " prefix).
   */
  next(): string[] | null {
    if (this.held !== null) return null;
    for (;;) {
      if (this.remaining === 0) {
        if (this.pos >= this.end) return null;
        if (this.buf[this.pos] === STAR) {
          const n = this.readHeaderNumber('too big mbulk count string');
          if (n === null) return null;
          if (Number.isNaN(n) || n > INT_MAX) throw new ProtocolError('Protocol error: invalid multibulk length');
          if (n > 10 && this.limits.authRequired) throw new ProtocolError('Protocol error: unauthenticated multibulk length');
          if (n <= 0) continue;
          this.remaining = n;
          // Sized up front (within reason: n is the client's claim): growing from empty costs a call per command.
          this.argv = n <= 64 ? new Array<string>(n) : [];
          this.argc = 0;
          this.lastWasInline = false;
        } else {
          const argv = this.readInline();
          if (argv === null) return null;
          if (argv.length === 0) continue;
          this.lastWasInline = true;
          return argv;
        }
      }
      while (this.remaining > 0) {
        if (this.bulkLen < 0) {
          if (this.pos >= this.end) return null;
          // Like Redis, the type byte is judged only once its whole line has arrived.
          const type = this.buf[this.pos];
          const n = this.readHeaderNumber('too big bulk count string');
          if (n === null) return null;
          if (type !== DOLLAR) throw new ProtocolError(`Protocol error: expected '$', got '${String.fromCharCode(type)}'`);
          if (Number.isNaN(n) || n < 0 || n > this.limits.maxBulkLen) throw new ProtocolError('Protocol error: invalid bulk length');
          if (n > 16384 && this.limits.authRequired) throw new ProtocolError('Protocol error: unauthenticated bulk length');
          this.bulkLen = n;
        }
        const available = this.end - this.pos;
        if (available < this.bulkLen + 2) {
          this.holdUntil(this.bulkLen + 2);
          return null;
        }
        const argv = this.argv;
        const argc = this.argc++;
        const arg = argc === 0 ? commandName(this.buf, this.pos, this.bulkLen) : latin1String(this.buf, this.pos, this.bulkLen);
        if (argc < argv.length) argv[argc] = arg;
        else argv.push(arg);
        this.pos += this.bulkLen + 2;
        this.bulkLen = -1;
        this.remaining--;
      }
      const argv = this.argv;
      this.argv = NO_ARGV;
      return argv;
    }
  }

  private holdUntil(total: number): void {
    const available = this.end - this.pos;
    // Small gaps are cheaper to fill by the ordinary concat path.
    if (total - available < 16 * 1024) return;
    this.held = [];
    this.heldLen = available;
    this.need = total;
  }

  /** Parses "<type><int>\r\n" at pos; null if the line is incomplete. NaN if not an integer. */
  private readHeaderNumber(tooBig: string): number | null {
    const buf = this.buf;
    const start = this.pos + 1;
    const end = this.end;
    // Headers are a few bytes long: a plain loop beats a call into indexOf.
    let cr = start;
    while (cr < end && buf[cr] !== CR) cr++;
    if (cr + 1 >= end) {
      if (end - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError(`Protocol error: ${tooBig}`);
      return null;
    }
    const n = parseStrictInt(buf, start, cr);
    this.pos = cr + 2;
    return n;
  }

  private readInline(): string[] | null {
    const buf = this.buf;
    let nl = buf.indexOf(LF, this.pos);
    if (nl >= this.end) nl = -1;
    if (nl < 0) {
      if (this.end - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('Protocol error: too big inline request');
      return null;
    }
    let end = nl;
    if (end > this.pos && buf[end - 1] === CR) end--;
    const line = buf.subarray(this.pos, end);
    this.pos = nl + 1;
    const argv = splitArgs(line);
    if (argv === null) throw new ProtocolError('Protocol error: unbalanced quotes in request');
    return argv;
  }
}

/** Decimal integer with Redis's strictness: optional '-', no '+', no leading zeros, no spaces. */
function parseStrictInt(buf: Buffer, start: number, end: number): number {
  const len = end - start;
  if (len === 0 || len > 20) return NaN;
  let i = start;
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
    if (i === end) return NaN;
    if (buf[i] === 48) return NaN; // "-0" is refused too
  }
  if (buf[i] === 48 && end - i > 1) return NaN;
  let n = 0;
  for (; i < end; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return neg ? -n : n;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Splits an inline command line the way redis-cli and the server do: words
 * separated by blanks, "double quotes" with C escapes (\n \xHH ...), and
 * 'single quotes' where only \' is special. Null on unbalanced quotes.
 * Words come out as latin1 strings. Also used for redis.conf lines.
 */
export function splitArgs(line: Uint8Array): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return out;
    const cur: number[] = [];
    let inDq = false;
    let inSq = false;
    let done = false;
    while (!done) {
      if (inDq) {
        if (i >= n) return null;
        const c = line[i];
        if (c === 92 && line[i + 1] === 120 && i + 3 < n && hexValue(line[i + 2]) >= 0 && hexValue(line[i + 3]) >= 0) {
          cur.push(hexValue(line[i + 2]) * 16 + hexValue(line[i + 3]));
          i += 3;
        } else if (c === 92 && i + 1 < n) {
          i++;
          const e = line[i];
          cur.push(e === 110 ? 10 : e === 114 ? 13 : e === 116 ? 9 : e === 98 ? 8 : e === 97 ? 7 : e);
        } else if (c === 34) {
          // The closing quote must be followed by a blank or the end.
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          cur.push(c);
        }
      } else if (inSq) {
        if (i >= n) return null;
        const c = line[i];
        if (c === 92 && line[i + 1] === 39) {
          i++;
          cur.push(39);
        } else if (c === 39) {
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          cur.push(c);
        }
      } else {
        if (i >= n) break;
        const c = line[i];
        if (isSpace(c)) {
          done = true;
        } else if (c === 34) {
          inDq = true;
        } else if (c === 39) {
          inSq = true;
        } else {
          cur.push(c);
        }
      }
      if (i < n) i++;
    }
    out.push(Buffer.from(cur).toString('latin1'));
  }
}
