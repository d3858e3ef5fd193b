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
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

/**
 * Compresses into at most maxOut bytes; null when the result would not fit
 * (Redis then stores the string verbatim). Follows liblzf's compressor as
 * Redis builds it (16-bit hash table, VERY_FAST), so payloads usually come
 * out byte-identical to redis-server's. (Redis leaves its hash table
 * uninitialised, so even its own output is not strictly deterministic.)
 * A slot holds a position + 1; 0 means empty, and like liblzf a match
 * starting at position 0 is never used.
 */
export function lzfCompress(input: Uint8Array, maxOut: number): Buffer | null {
  const inLen = input.length;
  if (inLen === 0 || maxOut <= 0) return null;
  const out = Buffer.allocUnsafe(maxOut);
  const htab = new Int32Array(HSIZE);
  const idx = (h: number) => ((h >>> 8) - Math.imul(h, 5)) & (HSIZE - 1);
  let ip = 0;
  let op = 1; // the first literal run's control byte
  let lit = 0;
  let hval = inLen >= 2 ? (input[0] << 8) | input[1] : 0;
  while (ip < inLen - 2) {
    hval = ((hval << 8) | input[ip + 2]) >>> 0;
    const slot = idx(hval);
    const ref = htab[slot] - 1;
    htab[slot] = ip + 1;
    const off = ip - ref - 1;
    if (ref > 0 && off < MAX_OFF && off >= 0 && input[ref + 2] === input[ip + 2] && input[ref] === input[ip] && input[ref + 1] === input[ip + 1]) {
      let len = 2;
      let maxlen = inLen - ip - len;
      if (maxlen > MAX_REF) maxlen = MAX_REF;
      if (op + 3 + 1 >= maxOut && op - (lit === 0 ? 1 : 0) + 3 + 1 >= maxOut) return null;
      out[op - lit - 1] = lit - 1; // close the literal run
      if (lit === 0) op--; // an empty run takes no byte
      // liblzf first compares 16 more bytes unrolled, without looking at maxlen
      // (safe: maxlen > 16 leaves that many bytes), so a match may run past it.
      let mismatch = false;
      if (maxlen > 16) {
        for (let k = 0; k < 16; k++) {
          len++;
          if (input[ref + len] !== input[ip + len]) {
            mismatch = true;
            break;
          }
        }
      }
      if (!mismatch) {
        do len++;
        while (len < maxlen && input[ref + len] === input[ip + len]);
      }
      len -= 2;
      ip++;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++;
      ip += len + 1;
      if (ip >= inLen - 2) break;
      // Index the last two positions of the match, as VERY_FAST does.
      ip -= 2;
      hval = (input[ip] << 8) | input[ip + 1];
      hval = ((hval << 8) | input[ip + 2]) >>> 0;
      htab[idx(hval)] = ip + 1;
      ip++;
      hval = ((hval << 8) | input[ip + 2]) >>> 0;
      htab[idx(hval)] = ip + 1;
      ip++;
    } else {
      if (op >= maxOut) return null;
      lit++;
      out[op++] = input[ip++];
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }
  if (op + 3 > maxOut) return null;
  while (ip < inLen) {
    lit++;
    out[op++] = input[ip++];
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1;
  if (lit === 0) op--;
  return out.subarray(0, op);
}
