/**
 * DUMP/RESTORE payloads: an RDB value (type byte + value), then the RDB
 * version as 2 bytes little endian, then the CRC-64 of everything before
 * it as 8 bytes little endian.
 */
import { RDB_VERSION } from './constants.js';
import { crc64Bytes } from './crc64.js';
import { RdbReader, RdbWriter } from './io.js';
import { readTypedValue, writeValue, type PlainValue, type WriteOptions } from './value.js';
import type { RObj } from '../../keyspace/object.js';

export function createDumpPayload(obj: RObj, opts: WriteOptions): Buffer {
  const w = new RdbWriter();
  writeValue(w, obj, opts);
  w.byte(RDB_VERSION & 0xff);
  w.byte((RDB_VERSION >> 8) & 0xff);
  w.bytes(crc64Bytes(w.view()));
  return w.toBuffer();
}

/** Redis's verifyDumpPayload: a footer, a version we can read, a matching checksum. */
export function verifyDumpPayload(p: Buffer, skipChecksum = false): boolean {
  if (p.length < 10) return false;
  const footer = p.length - 10;
  const version = p[footer] | (p[footer + 1] << 8);
  if (version > RDB_VERSION) return false;
  if (skipChecksum) return true;
  return crc64Bytes(p, 0, p.length - 8).equals(p.subarray(p.length - 8));
}

/**
 * Decodes a verified payload's value; throws RdbFormatError if it is
 * malformed. Like Redis, the reader may run into the footer: a value cut
 * short can borrow the version and checksum bytes, and bytes left over
 * after the value are ignored.
 */
export function decodeDumpPayload(p: Buffer): PlainValue {
  return readTypedValue(new RdbReader(p));
}
