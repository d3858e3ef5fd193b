/**
 * A whole dataset as an RDB file (version 10, Redis 7.0's): the "REDIS0010"
 * header, aux fields, then per non-empty database SELECTDB and RESIZEDB
 * followed by its keys (each preceded by EXPIRETIME_MS when volatile), EOF
 * and the CRC-64 of everything before it. Values use the same encoders as
 * DUMP payloads. DEBUG RELOAD saves and loads through it.
 */
import { RDB_VERSION } from './constants.js';
import { crc64Bytes } from './crc64.js';
import { RdbReader, RdbWriter, fail } from './io.js';
import { readValue, writeValue, type PlainValue, type WriteOptions } from './value.js';
import type { Keyspace } from '../../keyspace/keyspace.js';

const OP_FUNCTION2 = 245;
const OP_MODULE_AUX = 247;
const OP_IDLE = 248;
const OP_FREQ = 249;
const OP_AUX = 250;
const OP_RESIZEDB = 251;
const OP_EXPIRETIME_MS = 252;
const OP_EXPIRETIME = 253;
const OP_SELECTDB = 254;
const OP_EOF = 255;

export interface RdbAux {
  [field: string]: string;
}

export function encodeRdb(ks: Keyspace, opts: WriteOptions, aux: RdbAux): Buffer {
  const w = new RdbWriter();
  w.latin1('REDIS' + String(RDB_VERSION).padStart(4, '0'));
  for (const [k, v] of Object.entries(aux)) {
    w.byte(OP_AUX);
    w.string(k);
    w.string(v);
  }
  const value = new RdbWriter();
  const when8 = Buffer.alloc(8);
  for (const db of ks.dbs) {
    if (db.size === 0) continue;
    w.byte(OP_SELECTDB);
    w.length(db.id);
    w.byte(OP_RESIZEDB);
    w.length(db.size);
    w.length(db.expires.size);
    for (const key of db.dict.keys()) {
      const when = db.getExpire(key);
      if (when !== -1) {
        w.byte(OP_EXPIRETIME_MS);
        when8.writeBigInt64LE(BigInt(when));
        w.bytes(when8);
      }
      // The value's type byte comes before the key: the value is encoded apart, then split.
      value.len = 0;
      writeValue(value, db.dict.get(key)!, opts);
      const v = value.view();
      w.byte(v[0]);
      w.string(key, opts.compress);
      w.bytes(v.subarray(1));
    }
  }
  w.byte(OP_EOF);
  w.bytes(crc64Bytes(w.view()));
  return w.toBuffer();
}

export interface RdbEntry {
  db: number;
  key: string;
  value: PlainValue;
  /** Unix ms, or -1. */
  expire: number;
}

/**
 * The keys of an RDB file, in file order. Throws RdbFormatError on a file it
 * cannot read (a newer version, module data, a bad checksum unless skipped).
 */
export function decodeRdb(buf: Buffer, skipChecksum = false): RdbEntry[] {
  if (buf.length < 9 || buf.toString('latin1', 0, 5) !== 'REDIS') fail('wrong signature');
  const version = Number(buf.toString('latin1', 5, 9));
  if (!(version >= 1 && version <= RDB_VERSION)) fail(`can't handle RDB format version ${buf.toString('latin1', 5, 9)}`);
  const r = new RdbReader(buf, 9);
  const out: RdbEntry[] = [];
  let db = 0;
  let expire = -1;
  for (;;) {
    const type = r.byte();
    switch (type) {
      case OP_EOF: {
        if (version >= 5 && !skipChecksum) {
          const stored = r.bytes(8);
          // A zero checksum means it was not computed (rdbchecksum no).
          if (!stored.equals(Buffer.alloc(8)) && !crc64Bytes(buf, 0, r.pos - 8).equals(stored)) fail('wrong RDB checksum');
        }
        return out;
      }
      case OP_SELECTDB:
        db = r.len();
        continue;
      case OP_RESIZEDB:
        r.len();
        r.len();
        continue;
      case OP_AUX:
        r.string();
        r.string();
        continue;
      case OP_EXPIRETIME_MS:
        expire = Number(r.bytes(8).readBigInt64LE());
        continue;
      case OP_EXPIRETIME:
        expire = r.bytes(4).readInt32LE() * 1000;
        continue;
      case OP_IDLE:
        r.len();
        continue;
      case OP_FREQ:
        r.byte();
        continue;
      case OP_MODULE_AUX:
      case OP_FUNCTION2:
        return fail('module data and functions are not supported');
    }
    const key = r.string();
    out.push({ db, key, value: readValue(r, type), expire });
    expire = -1;
  }
}
