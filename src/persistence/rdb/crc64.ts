/**
 * CRC-64/Jones as Redis computes it (reflected polynomial 0xad93d23594c935a9,
 * init 0, no final xor): the DUMP payload and RDB file checksums.
 * check("123456789") = 0xe9c6d914c4b8d9ca.
 *
 * The 64-bit state is kept as two 32-bit halves so the per-byte loop needs
 * no BigInt; BigInt only builds the tables once.
 */

const TABLE_LO = new Uint32Array(256);
const TABLE_HI = new Uint32Array(256);

(function buildTables() {
  const poly = 0x95ac9329ac4bc9b5n; // 0xad93d23594c935a9 bit-reversed
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n);
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
    TABLE_LO[n] = Number(c & 0xffffffffn);
    TABLE_HI[n] = Number(c >> 32n);
  }
})();

/** Running CRC as [lo, hi] 32-bit halves; start from [0, 0]. */
export function crc64Update(state: [number, number], data: Uint8Array, start = 0, end = data.length): [number, number] {
  let lo = state[0];
  let hi = state[1];
  for (let i = start; i < end; i++) {
    const idx = (lo ^ data[i]) & 0xff;
    lo = ((lo >>> 8) | ((hi & 0xff) << 24)) ^ TABLE_LO[idx];
    hi = (hi >>> 8) ^ TABLE_HI[idx];
  }
  return [lo >>> 0, hi >>> 0];
}

/** The CRC of data[start, end) as 8 little-endian bytes, Redis's on-disk form. */
export function crc64Bytes(data: Uint8Array, start = 0, end = data.length): Buffer {
  const [lo, hi] = crc64Update([0, 0], data, start, end);
  const out = Buffer.allocUnsafe(8);
  out.writeUInt32LE(lo, 0);
  out.writeUInt32LE(hi, 4);
  return out;
}

export function crc64(data: Uint8Array): bigint {
  const [lo, hi] = crc64Update([0, 0], data);
  return (BigInt(hi) << 32n) | BigInt(lo);
}
