/**
 * SCAN-family arguments: the cursor as Redis parses it and the MATCH /
 * COUNT / TYPE options. The scans themselves walk a KeyTable with Redis's
 * reverse-binary cursor (KeyTable.scanCount): the keyspace, and sets,
 * hashes and sorted sets once they are past their compact encodings.
 */
import { Err } from '../errors.js';
import { eqi, parseInteger } from '../commands/args.js';
import { globMatchesAll } from './glob.js';

const TWO_64 = 1n << 64n;

/**
 * A cursor argument as Redis's strtoul(base 10) accepts it: optional sign
 * (a negative value wraps modulo 2^64), decimal digits, nothing after, no
 * leading blank, no overflow; the empty string is cursor 0. Returns null for
 * an invalid cursor, else its low 32 bits: a scan sets every bit above its
 * table's mask before using a cursor, so the higher bits never matter.
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
  // ToUint32 is exact modulo 2^32 for safe integers, negative ones included.
  if (big === null) return (neg ? -v : v) >>> 0;
  if (neg) big = TWO_64 - big;
  return Number(big & 0xffffffffn);
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
