/**
 * Exact emulation of the x87 80-bit `long double` arithmetic INCRBYFLOAT
 * uses in Redis (x86-64 builds): strtold() parsing, one addition, and
 * printf("%.17Lf") with trailing zeros stripped.
 *
 * Why not JS doubles: a long double has a 64-bit mantissa and a 15-bit
 * exponent, so Redis prints 0.1 + 0.2 as "0.3" (a double gives
 * 0.30000000000000004), accepts 1e400, and rounds differently in the 17th
 * decimal. Values are kept as sign * mant * 2^exp with BigInt mantissas,
 * every step rounded to nearest-even exactly as the FPU and glibc do.
 * (On aarch64 Redis builds long double is IEEE quad; Mnemo follows x86-64.)
 */

/** mant < 2^64; value = (neg ? -1 : 1) * mant * 2^exp. */
export interface LongDouble {
  neg: boolean;
  mant: bigint;
  exp: number;
}

const PREC = 64;
/** Exponent of the smallest subnormal (2^-16445); normal numbers have mant >= 2^63. */
const EXP_MIN = -16445;
/** Largest exponent with a 64-bit mantissa below 2^16384. */
const EXP_MAX = 16384 - PREC;
/** Redis's MAX_LONG_DOUBLE_CHARS: longer texts are refused before parsing. */
export const MAX_LONG_DOUBLE_CHARS = 5 * 1024;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds num/den * 2^shift (num, den > 0) to the format: a LongDouble, or
 * Infinity on overflow, or 0 when it underflows to zero.
 */
function roundToFormat(neg: boolean, num: bigint, den: bigint, shift: number): LongDouble | number {
  // Estimate e so that num/den * 2^shift / 2^e has PREC bits, then fix it up.
  let e = bitLength(num) - bitLength(den) + shift - PREC;
  if (e < EXP_MIN) e = EXP_MIN;
  for (;;) {
    const k = shift - e; // value / 2^e = num * 2^k / den
    let n = num;
    let d = den;
    if (k >= 0) n <<= BigInt(k);
    else d <<= BigInt(-k);
    let q = n / d;
    const r = n - q * d;
    if (q >= 1n << BigInt(PREC)) {
      e++;
      continue;
    }
    if (q < 1n << BigInt(PREC - 1) && e > EXP_MIN) {
      e--;
      continue;
    }
    const twice = 2n * r;
    if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
    if (q === 1n << BigInt(PREC)) {
      q >>= 1n;
      e++;
    }
    if (e > EXP_MAX) return neg ? -Infinity : Infinity;
    if (q === 0n) return 0;
    return { neg, mant: q, exp: e };
  }
}

const POW10: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) {
    if (POW10.length === 0) for (let i = 0, p = 1n; i < 64; i++, p *= 10n) POW10.push(p);
    return POW10[n];
  }
  return 10n ** BigInt(n);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 32;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Parses text as Redis's string2ld() does: the whole text must be a number
 * strtold() accepts (decimal, hex float, inf/infinity), no leading blank,
 * no NaN, no overflow to infinity and no underflow to zero. Returns a
 * LongDouble, ±Infinity for a literal infinity, a signed zero as ±0, or
 * null when Redis would reply "value is not a valid float".
 */
export function parseLongDouble(s: string): LongDouble | number | null {
  const len = s.length;
  if (len === 0 || len >= MAX_LONG_DOUBLE_CHARS) return null;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i = 1;
  }
  const rest = s.slice(i).toLowerCase();
  if (rest === 'inf' || rest === 'infinity') return neg ? -Infinity : Infinity;
  if (rest.startsWith('0x')) return parseHex(s, i + 2, neg);
  let digits = '';
  let sawDigit = false;
  let fracDigits = 0;
  for (; i < len && isDigit(s.charCodeAt(i)); i++) {
    digits += s[i];
    sawDigit = true;
  }
  if (i < len && s.charCodeAt(i) === 46) {
    for (i++; i < len && isDigit(s.charCodeAt(i)); i++) {
      digits += s[i];
      fracDigits++;
      sawDigit = true;
    }
  }
  if (!sawDigit) return null;
  let exp10 = 0;
  if (i < len && (s.charCodeAt(i) | 32) === 101) {
    i++;
    let eneg = false;
    if (i < len && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) {
      eneg = s.charCodeAt(i) === 45;
      i++;
    }
    if (i >= len || !isDigit(s.charCodeAt(i))) return null; // strtold would stop before the 'e'
    let e = 0;
    for (; i < len && isDigit(s.charCodeAt(i)); i++) if (e < 1e7) e = e * 10 + s.charCodeAt(i) - 48;
    exp10 = eneg ? -e : e;
  }
  if (i !== len) return null;
  const stripped = digits.replace(/^0+/, '');
  if (stripped === '') return neg ? -0 : 0;
  const d = BigInt(stripped);
  const x = exp10 - fracDigits;
  // Magnitude is about 10^(ndigits - 1 + x); far outside the range there is nothing to compute.
  const mag = stripped.length - 1 + x;
  if (mag > 4940) return null;
  if (mag < -4960) return null;
  const r = x >= 0 ? roundToFormat(neg, d * pow10(x), 1n, 0) : roundToFormat(neg, d, pow10(-x), 0);
  if (typeof r === 'number') return null; // overflow to infinity, or underflow to zero: ERANGE
  return r;
}

function parseHex(s: string, i: number, neg: boolean): LongDouble | number | null {
  const len = s.length;
  let mant = 0n;
  let sawDigit = false;
  let scale = 0; // binary exponent adjustment from fraction digits
  for (; i < len && hexValue(s.charCodeAt(i)) >= 0; i++) {
    mant = mant * 16n + BigInt(hexValue(s.charCodeAt(i)));
    sawDigit = true;
  }
  if (i < len && s.charCodeAt(i) === 46) {
    for (i++; i < len && hexValue(s.charCodeAt(i)) >= 0; i++) {
      mant = mant * 16n + BigInt(hexValue(s.charCodeAt(i)));
      scale -= 4;
      sawDigit = true;
    }
  }
  // "0x" without digits parses as "0" followed by garbage.
  if (!sawDigit) return null;
  if (i < len && (s.charCodeAt(i) | 32) === 112) {
    i++;
    let eneg = false;
    if (i < len && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) {
      eneg = s.charCodeAt(i) === 45;
      i++;
    }
    if (i >= len || !isDigit(s.charCodeAt(i))) return null;
    let e = 0;
    for (; i < len && isDigit(s.charCodeAt(i)); i++) if (e < 1e7) e = e * 10 + s.charCodeAt(i) - 48;
    scale += eneg ? -e : e;
  }
  if (i !== len) return null;
  if (mant === 0n) return neg ? -0 : 0;
  const r = roundToFormat(neg, mant, 1n, scale);
  if (typeof r === 'number') return null;
  return r;
}

/** a + b rounded to the format; ±Infinity or NaN when Redis would refuse the result. */
export function addLongDouble(a: LongDouble | number, b: LongDouble | number): LongDouble | number {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'number') return a === 0 ? b : a;
  if (typeof b === 'number') return b === 0 ? a : b;
  const e = Math.min(a.exp, b.exp);
  const ma = a.mant << BigInt(a.exp - e);
  const mb = b.mant << BigInt(b.exp - e);
  const sum = (a.neg ? -ma : ma) + (b.neg ? -mb : mb);
  if (sum === 0n) return 0;
  const neg = sum < 0n;
  return roundToFormat(neg, neg ? -sum : sum, 1n, e);
}

/**
 * printf("%.17Lf") with the trailing zeros (and a bare dot) removed, and
 * "-0" written "0": Redis's LD_STR_HUMAN form.
 */
export function formatLongDouble(v: LongDouble | number): string {
  if (typeof v === 'number') return v === Infinity ? 'inf' : v === -Infinity ? '-inf' : '0';
  let q: bigint;
  const scaled = v.mant * pow10(17);
  if (v.exp >= 0) q = scaled << BigInt(v.exp);
  else {
    const sh = BigInt(-v.exp);
    q = scaled >> sh;
    const r = scaled - (q << sh);
    const half = 1n << (sh - 1n);
    if (r > half || (r === half && (q & 1n) === 1n)) q++;
  }
  let digits = q.toString();
  if (digits.length < 18) digits = '0'.repeat(18 - digits.length) + digits;
  const intPart = digits.slice(0, digits.length - 17);
  const frac = digits.slice(digits.length - 17).replace(/0+$/, '');
  const body = frac === '' ? intPart : intPart + '.' + frac;
  if (body === '0') return '0';
  return v.neg ? '-' + body : body;
}
