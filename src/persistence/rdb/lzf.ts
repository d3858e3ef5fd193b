/**
 * LZF, the compression of RDB strings (liblzf format, as Redis uses it).
 *
 * A stream is a sequence of runs. A control byte below 32 announces a
 * literal run of ctrl+1 bytes; otherwise its top 3 bits are a match length
 * (7 meaning "plus the next byte"), and a back reference of
 * ((ctrl & 31) << 8 | next byte) + 1 bytes copies len+2 bytes from earlier
 * output (overlapping copies repeat bytes, as in RLE).
 */

/** Decompresses into exactly outLen bytes; null if the input is corrupt or does not fill outLen. */
export function lzfDecompress(input: Uint8Array, outLen: number): Buffer | null {
  const out = Buffer.allocUnsafe(outLen);
  let ip = 0;
  let op = 0;
  const inLen = input.length;
  while (ip < inLen) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      const n = ctrl + 1;
      if (op + n > outLen || ip + n > inLen) return null;
      for (let k = 0; k < n; k++) out[op++] = input[ip++];
    } else {
      let len = ctrl >> 5;
      if (len === 7) {
        if (ip >= inLen) return null;
        len += input[ip++];
      }
      if (ip >= inLen) return null;
      const ref = op - ((ctrl & 0x1f) << 8) - input[ip++] - 1;
      len += 2;
      if (ref < 0 || op + len > outLen) return null;
      for (let k = 0; k < len; k++) out[op++] = out[ref + k];
    }
  }
  return op === outLen ? out : null;
}

const HLOG = 16;
const HSIZE = 1 << HLOG;
const MAX_LIT = 32;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

/**
 * Compresses into at most maxOut bytes; null when the result would not fit
 * (Redis then stores the string verbatim). A greedy hash-of-3-bytes
 * matcher: any valid LZF stream is accepted by every reader, so byte
 * equality with liblzf's output is not needed.
 */
export function lzfCompress(input: Uint8Array, maxOut: number): Buffer | null {
  const inLen = input.length;
  if (inLen < 4 || maxOut <= 0) return null;
  const out = Buffer.allocUnsafe(maxOut + 64);
  const htab = new Int32Array(HSIZE).fill(-1);
  let ip = 0;
  let op = 1; // room for the first literal control byte
  let lit = 0;
  const hash = (i: number) => Math.imul((input[i] << 16) | (input[i + 1] << 8) | input[i + 2], 0x9e3779b1) >>> (32 - HLOG);
  while (ip + 2 < inLen) {
    const h = hash(ip);
    const ref = htab[h];
    htab[h] = ip;
    const off = ip - ref - 1;
    if (ref >= 0 && off < MAX_OFF && input[ref] === input[ip] && input[ref + 1] === input[ip + 1] && input[ref + 2] === input[ip + 2]) {
      let len = 2;
      const maxLen = Math.min(MAX_REF, inLen - ip);
      while (len < maxLen && input[ref + len] === input[ip + len]) len++;
      // Close the pending literal run (drop its control byte if empty).
      if (lit === 0) op--;
      else out[op - lit - 1] = lit - 1;
      lit = 0;
      len -= 2;
      if (op + 3 + 1 > maxOut) return null;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      op++; // next literal control byte
      ip += len + 2;
      // Index the skipped positions so later matches can find them.
      for (let k = ip - len - 1; k < ip && k + 2 < inLen; k++) htab[hash(k)] = k;
    } else {
      if (op + 1 > maxOut) return null;
      lit++;
      out[op++] = input[ip++];
      if (lit === MAX_LIT) {
        out[op - lit - 1] = MAX_LIT - 1;
        lit = 0;
        op++;
      }
    }
  }
  while (ip < inLen) {
    if (op + 1 > maxOut) return null;
    lit++;
    out[op++] = input[ip++];
    if (lit === MAX_LIT) {
      out[op - lit - 1] = MAX_LIT - 1;
      lit = 0;
      op++;
    }
  }
  if (lit === 0) op--;
  else out[op - lit - 1] = lit - 1;
  if (op > maxOut) return null;
  return out.subarray(0, op);
}
