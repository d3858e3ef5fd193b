/**
 * Argument parsing with Redis's exact acceptance rules (string2ll,
 * strtod), shared by every family.
 */

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** Case-insensitive comparison of an argument with a lower-case ASCII word, without allocating. */
export function eqi(arg: string, word: string): boolean {
  if (arg.length !== word.length) return false;
  for (let i = 0; i < arg.length; i++) {
    let c = arg.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** Exact signed 64-bit integer, as Redis's string2ll: no spaces, no '+', no leading zeros. */
export function parseI64(arg: string): bigint | null {
  const len = arg.length;
  if (len === 0 || len > 20) return null;
  let i = 0;
  if (arg.charCodeAt(0) === 45) {
    if (len === 1) return null;
    i = 1;
  }
  if (arg.charCodeAt(i) === 48 && len > i + 1) return null;
  if (len === 1 && arg.charCodeAt(0) === 48) return 0n;
  for (let j = i; j < len; j++) {
    const d = arg.charCodeAt(j);
    if (d < 48 || d > 57) return null;
  }
  if (arg.charCodeAt(i) === 48) return null; // "-0" is refused too
  const v = BigInt(arg);
  if (v < I64_MIN || v > I64_MAX) return null;
  return v;
}

/**
 * A 64-bit integer argument as a JS number (exact up to 2^53, magnitude kept
 * beyond), or null if Redis would refuse it. Fast path for short arguments.
 */
export function parseInteger(arg: string): number | null {
  const len = arg.length;
  if (len === 0) return null;
  if (len < 16) {
    let i = 0;
    let neg = false;
    if (arg.charCodeAt(0) === 45) {
      if (len === 1) return null;
      neg = true;
      i = 1;
    }
    if (arg.charCodeAt(i) === 48) return len === 1 ? 0 : null;
    let n = 0;
    for (; i < len; i++) {
      const d = arg.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      n = n * 10 + d;
    }
    return neg ? -n : n;
  }
  const v = parseI64(arg);
  return v === null ? null : Number(v);
}

/**
 * A double as Redis's strtod-based parsers accept it: no blanks, no NaN,
 * "inf"/"-inf"/"+inf" allowed, trailing garbage refused.
 */
export function parseDouble(s: string): number | null {
  const len = s.length;
  if (len === 0 || len > 5120) return null;
  const c0 = s.charCodeAt(0);
  if (c0 === 32 || c0 === 9 || c0 === 10 || c0 === 13 || c0 === 11 || c0 === 12) return null;
  const l = s.toLowerCase();
  if (l === 'inf' || l === '+inf' || l === 'infinity' || l === '+infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) {
    if (/^[+-]?0x[0-9a-f]+$/i.test(s)) return s[0] === '-' ? -parseInt(s.slice(3), 16) : parseInt(s.replace('+', ''), 16);
    return null;
  }
  const d = Number(s);
  return Number.isNaN(d) ? null : d;
}

/**
 * An argument as a C format's %s prints it, up to its first NUL byte: how
 * Redis's error messages quote what a client sent (raw bytes, which the
 * reply writer sends as they are).
 */
export function cstr(arg: string): string {
  const nul = arg.indexOf('\0');
  return nul < 0 ? arg : arg.slice(0, nul);
}

/** An argument's bytes read as UTF-8 text, for the log. */
export function text(arg: string): string {
  return Buffer.from(arg, 'latin1').toString('utf8');
}

/** An argument's bytes. */
export function bytes(arg: string): Buffer {
  return Buffer.from(arg, 'latin1');
}
