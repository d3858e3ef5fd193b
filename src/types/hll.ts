/**
 * HyperLogLog in Redis's exact byte layout, so a value moves between Mnemo
 * and redis-server with GET/SET or DUMP/RESTORE and both keep updating it
 * identically.
 *
 * Layout: a 16-byte header ("HYLL", the encoding byte, 3 unused bytes, the
 * cached cardinality as 8 little-endian bytes whose top bit marks it stale),
 * then 16384 registers of up to 6 bits each, in one of two encodings:
 * - dense: the registers packed 6 bits each, least significant bit first
 *   (12288 bytes, so a dense value is always 12304 bytes long);
 * - sparse: run-length opcodes. 00xxxxxx is a run of x+1 zero registers,
 *   01xxxxxx yyyyyyyy a run of x*256+y+1 zero registers, 1vvvvvxx a run of
 *   x+1 registers holding v+1. A register above 32 cannot be written this
 *   way; neither can a value that would grow past hll-sparse-max-bytes:
 *   both turn the value dense.
 *
 * An element picks its register from the low 14 bits of its 64-bit
 * MurmurHash64A (seed 0xadc83b19) and offers the position of the lowest set
 * bit among the remaining 50 (1-based, 51 when none is set). The estimate
 * is Ertl's improved estimator over the histogram of register values.
 *
 * The sparse edits below reproduce Redis's choices step by step (how an
 * opcode is split, which neighbours are merged afterwards): two different
 * but equivalent encodings would count the same and still differ in bytes.
 */
import type { RawString } from './rawstring.js';

export const HLL_REGISTERS = 16384;
export const HLL_HDR_SIZE = 16;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + (HLL_REGISTERS * 6) / 8;
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
/** Largest value of the 64-bit pattern: 50 hash bits plus the guard bit. */
const HLL_Q = 50;
const SPARSE_VAL_MAX_VALUE = 32;
const SPARSE_VAL_MAX_LEN = 4;
const SPARSE_ZERO_MAX_LEN = 64;
/** 1 / (2 ln 2), the limit of the bias correction as m grows. */
const ALPHA_INF = 0.721347520444481703680;
const SEED = 0xadc83b19;
// MurmurHash64A's multiplier 0xc6a4a7935bd1e995 as 32-bit halves and 16-bit limbs of the low half.
const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;
const M_LO0 = M_LO & 0xffff;
const M_LO1 = M_LO >>> 16;

/** High 32 bits of the 64-bit product lo * M_LO (both unsigned 32-bit). */
function mulHigh(lo: number): number {
  const a0 = lo & 0xffff;
  const a1 = lo >>> 16;
  const p00 = a0 * M_LO0;
  const p01 = a0 * M_LO1;
  const p10 = a1 * M_LO0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return a1 * M_LO1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
}

/**
 * The register and pattern length an element (a latin1 string, one byte
 * per char) goes to, packed as register * 64 + length. MurmurHash64A is
 * computed on 32-bit halves: k * m mod 2^64 is low(k.lo * m.lo) for the low
 * word, and high(k.lo * m.lo) + k.hi * m.lo + k.lo * m.hi for the high one.
 */
export function hashPattern(s: string): number {
  const len = s.length;
  // h = seed ^ (len * m)
  let hl = Math.imul(len, M_LO) >>> 0;
  let hh = (mulHigh(len) + Math.imul(len, M_HI)) >>> 0;
  hl = (hl ^ SEED) >>> 0;
  const blocks = len - (len & 7);
  let i = 0;
  for (; i < blocks; i += 8) {
    let kl = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24)) >>> 0;
    let kh = (s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 8) | (s.charCodeAt(i + 6) << 16) | (s.charCodeAt(i + 7) << 24)) >>> 0;
    // k *= m
    let t = (mulHigh(kl) + Math.imul(kh, M_LO) + Math.imul(kl, M_HI)) >>> 0;
    kl = Math.imul(kl, M_LO) >>> 0;
    kh = t;
    // k ^= k >> 47
    kl = (kl ^ (kh >>> 15)) >>> 0;
    // k *= m
    t = (mulHigh(kl) + Math.imul(kh, M_LO) + Math.imul(kl, M_HI)) >>> 0;
    kl = Math.imul(kl, M_LO) >>> 0;
    kh = t;
    // h ^= k; h *= m
    hl = (hl ^ kl) >>> 0;
    hh = (hh ^ kh) >>> 0;
    t = (mulHigh(hl) + Math.imul(hh, M_LO) + Math.imul(hl, M_HI)) >>> 0;
    hl = Math.imul(hl, M_LO) >>> 0;
    hh = t;
  }
  const rest = len & 7;
  if (rest !== 0) {
    // The tail bytes, last first, as the C switch falls through them.
    if (rest >= 7) hh ^= s.charCodeAt(i + 6) << 16;
    if (rest >= 6) hh ^= s.charCodeAt(i + 5) << 8;
    if (rest >= 5) hh ^= s.charCodeAt(i + 4);
    if (rest >= 4) hl ^= s.charCodeAt(i + 3) << 24;
    if (rest >= 3) hl ^= s.charCodeAt(i + 2) << 16;
    if (rest >= 2) hl ^= s.charCodeAt(i + 1) << 8;
    hl ^= s.charCodeAt(i);
    hl >>>= 0;
    hh >>>= 0;
    const t = (mulHigh(hl) + Math.imul(hh, M_LO) + Math.imul(hl, M_HI)) >>> 0;
    hl = Math.imul(hl, M_LO) >>> 0;
    hh = t;
  }
  // h ^= h >> 47; h *= m; h ^= h >> 47
  hl = (hl ^ (hh >>> 15)) >>> 0;
  const t = (mulHigh(hl) + Math.imul(hh, M_LO) + Math.imul(hl, M_HI)) >>> 0;
  hl = Math.imul(hl, M_LO) >>> 0;
  hh = t;
  hl = (hl ^ (hh >>> 15)) >>> 0;
  const index = hl & (HLL_REGISTERS - 1);
  // The 50 bits above the index, with bit 50 set so that the count stops at 51.
  const rl = ((hl >>> 14) | (hh << 18)) >>> 0;
  let count: number;
  if (rl !== 0) count = 32 - Math.clz32(rl & -rl);
  else {
    const rh = (hh >>> 14) | (1 << (HLL_Q - 32));
    count = 64 - Math.clz32(rh & -rh);
  }
  return index * 64 + count;
}

/** MurmurHash64A of bytes, in BigInt arithmetic: the plain reference the fast path is checked against. */
export function murmurHash64A(data: Uint8Array, seed: bigint = BigInt(SEED)): bigint {
  const mask = (1n << 64n) - 1n;
  const m = 0xc6a4a7935bd1e995n;
  const len = data.length;
  let h = (seed ^ (BigInt(len) * m)) & mask;
  const blocks = len - (len & 7);
  for (let i = 0; i < blocks; i += 8) {
    let k = 0n;
    for (let j = 7; j >= 0; j--) k = (k << 8n) | BigInt(data[i + j]);
    k = (k * m) & mask;
    k ^= k >> 47n;
    k = (k * m) & mask;
    h ^= k;
    h = (h * m) & mask;
  }
  const rest = len & 7;
  if (rest !== 0) {
    for (let j = rest - 1; j >= 0; j--) h ^= BigInt(data[blocks + j]) << BigInt(8 * j);
    h = (h * m) & mask;
  }
  h ^= h >> 47n;
  h = (h * m) & mask;
  h ^= h >> 47n;
  return h;
}

/** Header checks Redis makes before using a string as an HLL (magic, known encoding, dense length). */
export function isHllHeader(b: Uint8Array): boolean {
  if (b.length < HLL_HDR_SIZE) return false;
  if (b[0] !== 72 || b[1] !== 89 || b[2] !== 76 || b[3] !== 76) return false;
  if (b[4] > HLL_SPARSE) return false;
  return b[4] !== HLL_DENSE || b.length === HLL_DENSE_SIZE;
}

/** An empty HLL as PFADD creates it: sparse, one opcode for all registers, a valid cached 0. */
export function emptyHll(): Buffer {
  const b = Buffer.alloc(HLL_HDR_SIZE + 2);
  b.write('HYLL', 0, 'latin1');
  b[4] = HLL_SPARSE;
  const run = HLL_REGISTERS - 1;
  b[HLL_HDR_SIZE] = 0x40 | (run >>> 8);
  b[HLL_HDR_SIZE + 1] = run & 0xff;
  return b;
}

export function invalidateCache(b: Uint8Array): void {
  b[15] |= 0x80;
}

export function cacheValid(b: Uint8Array): boolean {
  return (b[15] & 0x80) === 0;
}

/** The cached cardinality (valid cache only: the top bit is clear). */
export function cachedCount(b: Uint8Array): number | bigint {
  const lo = (b[8] | (b[9] << 8) | (b[10] << 16) | (b[11] << 24)) >>> 0;
  const hi = (b[12] | (b[13] << 8) | (b[14] << 16) | (b[15] << 24)) >>> 0;
  if (hi < 0x200000) return hi * 4294967296 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export function writeCachedCount(b: Uint8Array, n: number): void {
  let lo: number;
  let hi: number;
  if (n <= Number.MAX_SAFE_INTEGER) {
    lo = n % 4294967296;
    hi = Math.floor(n / 4294967296);
  } else {
    const big = BigInt(n);
    lo = Number(big & 0xffffffffn);
    hi = Number((big >> 32n) & 0xffffffffn);
  }
  for (let i = 0; i < 4; i++) {
    b[8 + i] = (lo >>> (8 * i)) & 0xff;
    b[12 + i] = (hi >>> (8 * i)) & 0xff;
  }
}

/** Register i of a dense HLL (b is the whole value). */
export function denseGet(b: Uint8Array, i: number): number {
  const bit = i * 6;
  const p = HLL_HDR_SIZE + (bit >>> 3);
  const fb = bit & 7;
  // A register starting at bit 0 or 2 of a byte ends in it; reading on would pass the last byte.
  if (fb <= 2) return (b[p] >>> fb) & 63;
  return ((b[p] >>> fb) | (b[p + 1] << (8 - fb))) & 63;
}

function denseWrite(b: Uint8Array, i: number, v: number): void {
  const bit = i * 6;
  const p = HLL_HDR_SIZE + (bit >>> 3);
  const fb = bit & 7;
  b[p] = (b[p] & ~(63 << fb)) | (v << fb);
  if (fb > 2) b[p + 1] = (b[p + 1] & ~(63 >>> (8 - fb))) | (v >>> (8 - fb));
}

/** Raises register i of a dense HLL to count; 1 if it changed. */
export function denseSet(b: Uint8Array, i: number, count: number): number {
  if (denseGet(b, i) >= count) return 0;
  denseWrite(b, i, count);
  return 1;
}

/** Sets register i to v whatever it held (PFSELFTEST's register test). */
export function denseStore(b: Uint8Array, i: number, v: number): void {
  denseWrite(b, i, v);
}

const VAL = (value: number, len: number) => 0x80 | ((value - 1) << 2) | (len - 1);

/**
 * The sparse value turned dense in place: the header is kept (cached
 * cardinality included), only the encoding byte changes. False, with the
 * value untouched, when the opcodes do not describe exactly 16384 registers.
 */
export function sparseToDense(raw: RawString): boolean {
  const v = raw.view();
  if (v[4] === HLL_DENSE) return true;
  const dense = Buffer.alloc(HLL_DENSE_SIZE);
  v.copy(dense, 0, 0, HLL_HDR_SIZE);
  dense[4] = HLL_DENSE;
  const end = v.length;
  let idx = 0;
  let p = HLL_HDR_SIZE;
  while (p < end) {
    const op = v[p];
    if ((op & 0xc0) === 0) {
      idx += (op & 0x3f) + 1;
      p++;
    } else if ((op & 0x80) === 0) {
      idx += (((op & 0x3f) << 8) | v[p + 1]) + 1;
      p += 2;
    } else {
      let run = (op & 3) + 1;
      const value = ((op >>> 2) & 0x1f) + 1;
      // A run past the last register is corruption, even when the count would come out right.
      if (run + idx > HLL_REGISTERS) return false;
      while (run-- > 0) denseWrite(dense, idx++, value);
      p++;
    }
  }
  if (idx !== HLL_REGISTERS) return false;
  raw.length = 0;
  raw.write(0, dense);
  return true;
}

/**
 * Raises register `index` of a sparse HLL to `count`, turning it dense when
 * needed (see the file comment). 1 if the value changed, 0 if not, -1 if the
 * value is corrupted.
 */
export function sparseSet(raw: RawString, index: number, count: number, maxBytes: number): number {
  if (count > SPARSE_VAL_MAX_VALUE) return promote(raw, index, count);
  let v = raw.view();
  let end = v.length;
  // Find the opcode covering the register.
  let p = HLL_HDR_SIZE;
  let first = 0;
  let prev = -1;
  let span = 0;
  let op = 0;
  while (p < end) {
    op = v[p];
    let oplen = 1;
    if ((op & 0xc0) === 0) span = (op & 0x3f) + 1;
    else if (op & 0x80) span = (op & 3) + 1;
    else {
      span = (((op & 0x3f) << 8) | v[p + 1]) + 1;
      oplen = 2;
    }
    if (index <= first + span - 1) break;
    prev = p;
    p += oplen;
    first += span;
  }
  if (span === 0 || p >= end) return -1;
  const isZero = (op & 0xc0) === 0;
  const isXzero = (op & 0xc0) === 0x40;
  const next = p + (isXzero ? 2 : 1);

  if (op & 0x80) {
    const old = ((op >>> 2) & 0x1f) + 1;
    if (old >= count) return 0;
    if (span === 1) {
      v[p] = VAL(count, 1);
      return mergeAround(raw, v, prev, end);
    }
  }
  if (isZero && span === 1) {
    v[p] = VAL(count, 1);
    return mergeAround(raw, v, prev, end);
  }

  // Split the opcode into up to three: what precedes the register, the register, what follows.
  const last = first + span - 1;
  const before = index - first;
  const after = last - index;
  const zeros = !(op & 0x80);
  const runBytes = (n: number) => (n === 0 ? 0 : zeros && n > SPARSE_ZERO_MAX_LEN ? 2 : 1);
  const seqLen = runBytes(before) + 1 + runBytes(after);
  const delta = seqLen - (isXzero ? 2 : 1);
  if (delta > 0 && end + delta > maxBytes) return promote(raw, index, count);
  if (delta !== 0) {
    if (delta > 0) {
      raw.ensureLength(end + delta);
      v = raw.view();
      if (next < end) v.copyWithin(next + delta, next, end);
    } else {
      if (next < end) v.copyWithin(next + delta, next, end);
      raw.length = end + delta;
    }
    end += delta;
  }
  const curval = ((op >>> 2) & 0x1f) + 1;
  let q = p;
  const putRun = (n: number) => {
    if (n === 0) return;
    if (!zeros) v[q++] = VAL(curval, n);
    else if (n > SPARSE_ZERO_MAX_LEN) {
      v[q++] = 0x40 | ((n - 1) >>> 8);
      v[q++] = (n - 1) & 0xff;
    } else v[q++] = n - 1;
  };
  putRun(before);
  v[q++] = VAL(count, 1);
  putRun(after);
  return mergeAround(raw, v, prev, end);
}

/**
 * After an edit, adjacent VAL opcodes of equal value are joined while their
 * run fits, looking at up to five opcodes from the one before the edit, as
 * Redis does. Invalidates the cached cardinality; returns 1.
 */
function mergeAround(raw: RawString, v: Uint8Array, prev: number, end: number): number {
  let p = prev >= 0 ? prev : HLL_HDR_SIZE;
  let scan = 5;
  while (p < end && scan-- !== 0) {
    const op = v[p];
    if ((op & 0xc0) === 0x40) {
      p += 2;
      continue;
    }
    if ((op & 0xc0) === 0) {
      p++;
      continue;
    }
    if (p + 1 < end && v[p + 1] & 0x80) {
      const op2 = v[p + 1];
      const value = ((op >>> 2) & 0x1f) + 1;
      if (value === ((op2 >>> 2) & 0x1f) + 1) {
        const len = (op & 3) + (op2 & 3) + 2;
        if (len <= SPARSE_VAL_MAX_LEN) {
          v[p + 1] = VAL(value, len);
          v.copyWithin(p, p + 1, end);
          end--;
          raw.length = end;
          continue;
        }
      }
    }
    p++;
  }
  invalidateCache(v);
  return 1;
}

function promote(raw: RawString, index: number, count: number): number {
  if (!sparseToDense(raw)) return -1;
  // Turning dense only happens for a register that needs raising, so this reports a change.
  denseSet(raw.view(), index, count);
  return 1;
}

/**
 * Adds an element's pattern (hashPattern's packing) to an HLL of either
 * encoding: 1 if a register changed, 0 if not, -1 if corrupted.
 */
export function addPattern(raw: RawString, v: Uint8Array, pattern: number, maxBytes: number): number {
  const index = pattern >>> 6;
  const count = pattern & 63;
  if (v[4] === HLL_DENSE) return denseSet(v, index, count);
  return sparseSet(raw, index, count, maxBytes);
}

/**
 * max[i] = max(max[i], register i of b), for a dense or sparse HLL (a
 * valid header assumed). False when sparse opcodes do not add up to 16384 registers.
 */
export function mergeRegisters(max: Uint8Array, b: Uint8Array): boolean {
  if (b[4] === HLL_DENSE) {
    // Three bytes hold four registers.
    for (let i = 0, p = HLL_HDR_SIZE; i < HLL_REGISTERS; i += 4, p += 3) {
      const b0 = b[p];
      const b1 = b[p + 1];
      const b2 = b[p + 2];
      const r0 = b0 & 63;
      const r1 = (b0 >>> 6) | ((b1 & 15) << 2);
      const r2 = (b1 >>> 4) | ((b2 & 3) << 4);
      const r3 = b2 >>> 2;
      if (r0 > max[i]) max[i] = r0;
      if (r1 > max[i + 1]) max[i + 1] = r1;
      if (r2 > max[i + 2]) max[i + 2] = r2;
      if (r3 > max[i + 3]) max[i + 3] = r3;
    }
    return true;
  }
  const end = b.length;
  let idx = 0;
  let p = HLL_HDR_SIZE;
  while (p < end) {
    const op = b[p];
    if ((op & 0xc0) === 0) {
      idx += (op & 0x3f) + 1;
      p++;
    } else if ((op & 0x80) === 0) {
      idx += (((op & 0x3f) << 8) | b[p + 1]) + 1;
      p += 2;
    } else {
      let run = (op & 3) + 1;
      const value = ((op >>> 2) & 0x1f) + 1;
      // A run past the last register is corruption, even when the count would come out right.
      if (run + idx > HLL_REGISTERS) return false;
      while (run-- > 0) {
        if (value > max[idx]) max[idx] = value;
        idx++;
      }
      p++;
    }
  }
  return idx === HLL_REGISTERS;
}

/** Raises the registers of a dense HLL to max[i] where they are lower (PFMERGE into a dense target). */
export function denseRaise(b: Uint8Array, max: Uint8Array): void {
  for (let i = 0, p = HLL_HDR_SIZE; i < HLL_REGISTERS; i += 4, p += 3) {
    const b0 = b[p];
    const b1 = b[p + 1];
    const b2 = b[p + 2];
    let r0 = b0 & 63;
    let r1 = (b0 >>> 6) | ((b1 & 15) << 2);
    let r2 = (b1 >>> 4) | ((b2 & 3) << 4);
    let r3 = b2 >>> 2;
    if (max[i] > r0) r0 = max[i];
    if (max[i + 1] > r1) r1 = max[i + 1];
    if (max[i + 2] > r2) r2 = max[i + 2];
    if (max[i + 3] > r3) r3 = max[i + 3];
    b[p] = r0 | ((r1 & 3) << 6);
    b[p + 1] = (r1 >>> 2) | ((r2 & 15) << 4);
    b[p + 2] = (r2 >>> 4) | (r3 << 2);
  }
}

/** Histogram of register values of an HLL value; false if sparse opcodes do not add up. */
export function histogram(b: Uint8Array, h: Int32Array): boolean {
  if (b[4] === HLL_DENSE) {
    for (let p = HLL_HDR_SIZE, end = HLL_DENSE_SIZE; p < end; p += 3) {
      const b0 = b[p];
      const b1 = b[p + 1];
      const b2 = b[p + 2];
      h[b0 & 63]++;
      h[(b0 >>> 6) | ((b1 & 15) << 2)]++;
      h[(b1 >>> 4) | ((b2 & 3) << 4)]++;
      h[b2 >>> 2]++;
    }
    return true;
  }
  const end = b.length;
  let idx = 0;
  let p = HLL_HDR_SIZE;
  while (p < end) {
    const op = b[p];
    if ((op & 0xc0) === 0) {
      const run = (op & 0x3f) + 1;
      idx += run;
      h[0] += run;
      p++;
    } else if ((op & 0x80) === 0) {
      const run = (((op & 0x3f) << 8) | b[p + 1]) + 1;
      idx += run;
      h[0] += run;
      p += 2;
    } else {
      const run = (op & 3) + 1;
      idx += run;
      h[((op >>> 2) & 0x1f) + 1] += run;
      p++;
    }
  }
  return idx === HLL_REGISTERS;
}

/** Histogram of one byte per register (a union being counted). */
export function rawHistogram(regs: Uint8Array, h: Int32Array): void {
  for (let i = 0; i < HLL_REGISTERS; i++) h[regs[i]]++;
}

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  let zPrev: number;
  do {
    x *= x;
    zPrev = z;
    z += x * y;
    y += y;
  } while (zPrev !== z);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let zPrev: number;
  do {
    x = Math.sqrt(x);
    zPrev = z;
    y *= 0.5;
    const d = 1 - x;
    z -= d * d * y;
  } while (zPrev !== z);
  return z / 3;
}

/** Ertl's estimate from the register histogram (h has 64 slots; values past 51 are ignored). */
export function estimate(h: Int32Array): number {
  const m = HLL_REGISTERS;
  let z = m * tau((m - h[HLL_Q + 1]) / m);
  for (let j = HLL_Q; j >= 1; j--) {
    z += h[j];
    z *= 0.5;
  }
  z += m * sigma(h[0] / m);
  // llroundl: halves away from zero, which for a positive value is Math.round.
  return Math.round((ALPHA_INF * m * m) / z);
}

/** The estimated cardinality of an HLL value, or -1 if corrupted. */
export function countHll(b: Uint8Array): number {
  const h = new Int32Array(64);
  if (!histogram(b, h)) return -1;
  return estimate(h);
}

/** PFDEBUG DECODE's listing of sparse opcodes: "z:<run>", "Z:<run>", "v:<value>,<run>". */
export function describeSparse(b: Uint8Array): string {
  const parts: string[] = [];
  const end = b.length;
  let p = HLL_HDR_SIZE;
  while (p < end) {
    const op = b[p];
    if ((op & 0xc0) === 0) {
      parts.push(`z:${(op & 0x3f) + 1}`);
      p++;
    } else if ((op & 0x80) === 0) {
      parts.push(`Z:${(((op & 0x3f) << 8) | (b[p + 1] ?? 0)) + 1}`);
      p += 2;
    } else {
      parts.push(`v:${((op >>> 2) & 0x1f) + 1},${(op & 3) + 1}`);
      p++;
    }
  }
  return parts.join(' ');
}
