/**
 * Bitmap commands: strings addressed bit by bit. Writes go to a RawString
 * in place, so setting one bit of a large bitmap costs O(1).
 */
import type { CommandSpec, CommandHandler, KeySpec, KeySpecFlag } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import type { RObj } from '../keyspace/object.js';
import { Err } from '../errors.js';
import { eqi, parseInteger, parseI64 } from './args.js';
import { RawString } from '../types/rawstring.js';
import { strBytes, strLength, type StringValue } from '../keyspace/object.js';
import { popcountBits, findBit, getUnsignedField, getSignedField, setField, fieldResult, bitop, type OverflowMode, type BitOp } from '../types/bitops.js';
import { KS_RO_ACCESS, KS_RW_ACCESS_UPDATE, unshare, addStringKey, setStringKey } from './string/shared.js';

const BITFIELD_RO: readonly KeySpecFlag[] = ['RO', 'access'];
const BITFIELD_RW: readonly KeySpecFlag[] = ['RW', 'access', 'update'];

/** BITFIELD only reads when every operation is a complete GET (OVERFLOW changes nothing). */
function bitfieldKeyFlags(argv: string[]): readonly KeySpecFlag[] {
  for (let i = 2; i < argv.length; i++) {
    const more = argv.length - i - 1;
    if (eqi(argv[i], 'get') && more >= 2) i += 2;
    else if (eqi(argv[i], 'overflow') && more >= 1) i += 1;
    else return BITFIELD_RW;
  }
  return BITFIELD_RO;
}

const KEY_ARG = { name: 'key', type: 'key', key_spec_index: 0 } as const;
const EMPTY = Buffer.alloc(0);

/**
 * A bit offset argument (getBitOffsetFromArgument): a non-negative integer
 * whose byte stays below proto-max-bulk-len. With `hash`, "#n" means n
 * fields of `bits` bits. Returns null when Redis replies "bit offset is not
 * an integer or out of range".
 */
function parseBitOffset(ctx: ServerContext, arg: string, hash: boolean, bits: number): number | null {
  const useHash = hash && arg.length > 0 && arg.charCodeAt(0) === 35;
  const text = useHash ? arg.slice(1) : arg;
  let off = parseInteger(text);
  if (off === null) return null;
  if (useHash) {
    off *= bits;
    // Beyond 2^53 the product must wrap at 64 bits exactly as C's does.
    if (!Number.isSafeInteger(off)) off = Number(BigInt.asIntN(64, parseI64(text)! * BigInt(bits)));
  }
  if (off < 0 || Math.floor(off / 8) >= ctx.config.protoMaxBulkLen) return null;
  return off;
}

/**
 * lookupStringForBitCommand(): the string at key made long enough to hold
 * bit `maxBit`, created if missing. `grew` says whether the key was created
 * or lengthened (such a write counts as a change even if no bit flips).
 * Replies WRONGTYPE and returns null for another type.
 */
function bitTarget(ctx: ServerContext, c: Client, key: string, maxBit: number, out: ReplyWriter): { raw: RawString; grew: boolean } | null {
  const need = Math.floor(maxBit / 8) + 1;
  const obj = c.db.lookupWrite(key);
  if (obj === undefined) {
    const raw = new RawString(EMPTY, need);
    raw.ensureLength(need);
    addStringKey(ctx, c.db, key, raw);
    return { raw, grew: true };
  }
  if (obj.type !== 'string') {
    out.error(Err.WRONGTYPE);
    return null;
  }
  const raw = unshare(obj);
  const before = raw.length;
  raw.ensureLength(need);
  return { raw, grew: raw.length !== before };
}

/** The bytes of a string value, read-only. */
function bytesOf(obj: RObj): Uint8Array {
  return strBytes(obj.value);
}

/**
 * Start/end arguments of BITCOUNT and BITPOS resolved against a length
 * (bytes, or bits in BIT mode) as Redis does: negatives count from the end,
 * then both are clamped. Returns [first, last] bit indexes.
 */
function resolveRange(start: number, end: number, len: number, isBit: boolean): [number, number] {
  const total = isBit ? len * 8 : len;
  if (start < 0) start += total;
  if (end < 0) end += total;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  if (start > end) return [1, 0];
  return isBit ? [start, end] : [start * 8, end * 8 + 7];
}

/** BYTE | BIT, or null for anything else. */
function parseUnit(arg: string): boolean | null {
  if (eqi(arg, 'bit')) return true;
  if (eqi(arg, 'byte')) return false;
  return null;
}

interface FieldOp {
  op: 'get' | 'set' | 'incrby';
  signed: boolean;
  bits: number;
  offset: number;
  arg: bigint;
  mode: OverflowMode;
}

/** "i1".."i64" or "u1".."u63" (lower case only, as Redis checks the first byte exactly). */
function parseFieldType(arg: string): { signed: boolean; bits: number } | null {
  if (arg.length < 2) return null;
  const signed = arg.charCodeAt(0) === 105;
  if (!signed && arg.charCodeAt(0) !== 117) return null;
  const bits = parseInteger(arg.slice(1));
  if (bits === null || bits < 1 || bits > (signed ? 64 : 63)) return null;
  return { signed, bits };
}

/** BITFIELD and BITFIELD_RO: bitfieldGeneric(). */
function bitfieldGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, readonlyCmd: boolean): void {
  const ops: FieldOp[] = [];
  let mode: OverflowMode = 'wrap';
  let readonly = true;
  let highest = 0;
  for (let j = 2; j < argv.length; j++) {
    const rem = argv.length - j - 1;
    const a = argv[j];
    let op: FieldOp['op'];
    if (eqi(a, 'get') && rem >= 2) op = 'get';
    else if (eqi(a, 'set') && rem >= 3) op = 'set';
    else if (eqi(a, 'incrby') && rem >= 3) op = 'incrby';
    else if (eqi(a, 'overflow') && rem >= 1) {
      const m = argv[++j];
      if (eqi(m, 'wrap')) mode = 'wrap';
      else if (eqi(m, 'sat')) mode = 'sat';
      else if (eqi(m, 'fail')) mode = 'fail';
      else return out.error(Err.BITFIELD_OVERFLOW_TYPE);
      continue;
    } else return out.error(Err.SYNTAX);
    const type = parseFieldType(argv[j + 1]);
    if (type === null) return out.error(Err.BITFIELD_TYPE);
    const offset = parseBitOffset(ctx, argv[j + 2], true, type.bits);
    if (offset === null) return out.error(Err.BIT_OFFSET);
    let arg = 0n;
    if (op !== 'get') {
      readonly = false;
      if (offset + type.bits - 1 > highest) highest = offset + type.bits - 1;
      const v = parseI64(argv[j + 3]);
      if (v === null) return out.error(Err.NOT_INTEGER);
      arg = v;
    }
    ops.push({ op, signed: type.signed, bits: type.bits, offset, arg, mode });
    j += op === 'get' ? 2 : 3;
  }

  const key = argv[1];
  let src: Uint8Array = EMPTY;
  let target: { raw: RawString; grew: boolean } | null = null;
  if (readonly) {
    const obj = c.db.lookupRead(key);
    if (obj !== undefined) {
      if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
      src = bytesOf(obj);
    }
  } else {
    if (readonlyCmd) return out.error(Err.BITFIELD_RO_WRITE);
    target = bitTarget(ctx, c, key, highest, out);
    if (target === null) return;
  }

  out.array(ops.length);
  let changes = 0;
  for (const f of ops) {
    const buf = target !== null ? target.raw.view() : src;
    const old = f.signed ? getSignedField(buf, f.offset, f.bits) : getUnsignedField(buf, f.offset, f.bits);
    if (f.op === 'get') {
      out.integer(old);
      continue;
    }
    let next: bigint | null;
    if (f.op === 'incrby') next = fieldResult(old, f.arg, f.bits, f.signed, f.mode);
    else next = fieldResult(f.signed ? f.arg : BigInt.asUintN(64, f.arg), 0n, f.bits, f.signed, f.mode);
    if (next === null) {
      out.null();
      continue;
    }
    out.integer(f.op === 'incrby' ? next : old);
    setField(buf, f.offset, f.bits, next);
    if (target!.grew || next !== old) changes++;
  }
  if (changes !== 0) ctx.keyspace.touch(c.db, key, '$', 'setbit', changes);
}

const bitfieldRun: CommandHandler = (ctx, c, argv, out) => bitfieldGeneric(ctx, c, argv, out, false);
const bitfieldRoRun: CommandHandler = (ctx, c, argv, out) => bitfieldGeneric(ctx, c, argv, out, true);

const BITOP_KEYS: KeySpec[] = [
  { flags: ['OW', 'update'], begin: { index: 2 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } },
  { flags: ['RO', 'access'], begin: { index: 3 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } },
];

const RANGE_UNIT_ARG = {
  name: 'index_unit',
  type: 'oneof',
  since: '7.0.0',
  flags: ['optional'],
  arguments: [
    { name: 'byte', type: 'pure-token', token: 'BYTE' },
    { name: 'bit', type: 'pure-token', token: 'BIT' },
  ],
} as const;

export const bitmapCommands: CommandSpec[] = [
  {
    // SETBIT key offset value
    name: 'setbit',
    arity: 4,
    flags: ['write', 'denyoom'],
    acl: ['bitmap'],
    keySpecs: KS_RW_ACCESS_UPDATE,
    group: 'bitmap',
    since: '2.2.0',
    complexity: 'O(1)',
    summary: 'Sets or clears one bit of a string value, creating the key if needed, and returns its previous value.',
    args: [KEY_ARG, { name: 'offset', type: 'integer' }, { name: 'value', type: 'integer' }],
    run(ctx, c, argv, out) {
      const offset = parseBitOffset(ctx, argv[2], false, 0);
      if (offset === null) return out.error(Err.BIT_OFFSET);
      const on = parseInteger(argv[3]);
      if (on === null || (on !== 0 && on !== 1)) return out.error(Err.BIT_VALUE);
      const key = argv[1];
      const t = bitTarget(ctx, c, key, offset, out);
      if (t === null) return;
      const buf = t.raw.view();
      const byte = Math.floor(offset / 8);
      const mask = 1 << (7 - (offset & 7));
      const old = (buf[byte] & mask) !== 0 ? 1 : 0;
      // Setting a bit to what it already was is not a change (unless the string grew).
      if (t.grew || old !== on) {
        buf[byte] = on ? buf[byte] | mask : buf[byte] & ~mask;
        ctx.keyspace.touch(c.db, key, '$', 'setbit');
      }
      out.integer(old);
    },
  },
  {
    // GETBIT key offset
    name: 'getbit',
    arity: 3,
    flags: ['readonly', 'fast'],
    acl: ['bitmap'],
    keySpecs: KS_RO_ACCESS,
    group: 'bitmap',
    since: '2.2.0',
    complexity: 'O(1)',
    summary: 'Returns one bit of a string value.',
    args: [KEY_ARG, { name: 'offset', type: 'integer' }],
    run(ctx, c, argv, out) {
      const offset = parseBitOffset(ctx, argv[2], false, 0);
      if (offset === null) return out.error(Err.BIT_OFFSET);
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return out.integer(0);
      if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
      const v = obj.value as StringValue;
      const byte = Math.floor(offset / 8);
      if (byte >= strLength(v)) return out.integer(0);
      const b = typeof v === 'string' ? v.charCodeAt(byte) : strBytes(v)[byte];
      out.integer((b >> (7 - (offset & 7))) & 1);
    },
  },
  {
    // BITCOUNT key [start end [BYTE | BIT]]
    name: 'bitcount',
    arity: -2,
    flags: ['readonly'],
    acl: ['bitmap'],
    keySpecs: KS_RO_ACCESS,
    group: 'bitmap',
    since: '2.6.0',
    complexity: 'O(N)',
    summary: 'Counts the set bits of a string value, optionally within a byte or bit range.',
    history: [['7.0.0', 'The `BYTE|BIT` unit option was introduced.']],
    args: [
      KEY_ARG,
      {
        name: 'index',
        type: 'block',
        flags: ['optional'],
        arguments: [{ name: 'start', type: 'integer' }, { name: 'end', type: 'integer' }, RANGE_UNIT_ARG],
      },
    ],
    run(ctx, c, argv, out) {
      // Redis looks the key up before reading the range: a missing key answers 0 whatever follows.
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return out.integer(0);
      if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
      const buf = bytesOf(obj);
      const argc = argv.length;
      let first = 0;
      let last = buf.length * 8 - 1;
      if (argc === 4 || argc === 5) {
        const start = parseInteger(argv[2]);
        if (start === null) return out.error(Err.NOT_INTEGER);
        const end = parseInteger(argv[3]);
        if (end === null) return out.error(Err.NOT_INTEGER);
        let isBit = false;
        if (argc === 5) {
          const u = parseUnit(argv[4]);
          if (u === null) return out.error(Err.SYNTAX);
          isBit = u;
        }
        if (start < 0 && end < 0 && start > end) return out.integer(0);
        [first, last] = resolveRange(start, end, buf.length, isBit);
      } else if (argc !== 2) return out.error(Err.SYNTAX);
      out.integer(popcountBits(buf, first, last));
    },
  },
  {
    // BITPOS key bit [start [end [BYTE | BIT]]]
    name: 'bitpos',
    arity: -3,
    flags: ['readonly'],
    acl: ['bitmap'],
    keySpecs: KS_RO_ACCESS,
    group: 'bitmap',
    since: '2.8.7',
    complexity: 'O(N)',
    summary: 'Finds the first set or clear bit of a string value, optionally within a byte or bit range.',
    history: [['7.0.0', 'The `BYTE|BIT` unit option was introduced.']],
    args: [
      KEY_ARG,
      { name: 'bit', type: 'integer' },
      {
        name: 'index',
        type: 'block',
        flags: ['optional'],
        arguments: [
          { name: 'start', type: 'integer' },
          {
            name: 'end_index',
            type: 'block',
            flags: ['optional'],
            arguments: [{ name: 'end', type: 'integer' }, RANGE_UNIT_ARG],
          },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      const bit = parseInteger(argv[2]);
      if (bit === null) return out.error(Err.NOT_INTEGER);
      if (bit !== 0 && bit !== 1) return out.error(Err.BITPOS_BIT);
      // A missing key is an endless run of zeros.
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return out.integer(bit ? -1 : 0);
      if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
      const buf = bytesOf(obj);
      const argc = argv.length;
      let first = 0;
      let last = buf.length * 8 - 1;
      let endGiven = false;
      if (argc >= 4 && argc <= 6) {
        const start = parseInteger(argv[3]);
        if (start === null) return out.error(Err.NOT_INTEGER);
        let isBit = false;
        if (argc === 6) {
          const u = parseUnit(argv[5]);
          if (u === null) return out.error(Err.SYNTAX);
          isBit = u;
        }
        let end = buf.length - 1;
        if (argc >= 5) {
          const e = parseInteger(argv[4]);
          if (e === null) return out.error(Err.NOT_INTEGER);
          end = e;
          endGiven = true;
        }
        [first, last] = resolveRange(start, end, buf.length, isBit);
      } else if (argc !== 3) return out.error(Err.SYNTAX);
      if (first > last) return out.integer(-1);
      const pos = findBit(buf, first, last, bit as 0 | 1);
      // Without an explicit end, the zeros past the string count: the first clear bit may be just past it.
      if (pos === -1 && bit === 0 && !endGiven) return out.integer(last + 1);
      out.integer(pos);
    },
  },
  {
    // BITOP AND | OR | XOR | NOT destkey key [key ...]
    name: 'bitop',
    arity: -4,
    flags: ['write', 'denyoom'],
    acl: ['bitmap'],
    keySpecs: BITOP_KEYS,
    group: 'bitmap',
    since: '2.6.0',
    complexity: 'O(N)',
    summary: 'Combines string values bit by bit (AND, OR, XOR, NOT) into a destination key.',
    args: [
      { name: 'operation', type: 'string' },
      { name: 'destkey', type: 'key', key_spec_index: 0 },
      { name: 'key', type: 'key', key_spec_index: 1, flags: ['multiple'] },
    ],
    run(ctx, c, argv, out) {
      let op: BitOp;
      if (eqi(argv[1], 'and')) op = 'and';
      else if (eqi(argv[1], 'or')) op = 'or';
      else if (eqi(argv[1], 'xor')) op = 'xor';
      else if (eqi(argv[1], 'not')) op = 'not';
      else return out.error(Err.SYNTAX);
      if (op === 'not' && argv.length !== 4) return out.error(Err.BITOP_NOT_ONE_KEY);
      const srcs: Uint8Array[] = [];
      for (let j = 3; j < argv.length; j++) {
        const obj = c.db.lookupRead(argv[j]);
        if (obj === undefined) srcs.push(EMPTY);
        else if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
        else srcs.push(bytesOf(obj));
      }
      const res = bitop(op, srcs);
      const dest = argv[2];
      if (res.length !== 0) {
        // The result is a fresh raw string, whatever its length (OBJECT ENCODING says raw).
        setStringKey(ctx, c.db, dest, new RawString(res), false);
        ctx.keyspace.touch(c.db, dest, '$', 'set');
      } else if (c.db.delete(dest)) {
        // An empty result deletes the destination instead of storing "".
        ctx.keyspace.touch(c.db, dest, 'g', 'del');
      }
      out.integer(res.length);
    },
  },
  {
    // BITFIELD key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] SET encoding offset value | INCRBY encoding offset increment ...]
    name: 'bitfield',
    arity: -2,
    flags: ['write', 'denyoom'],
    acl: ['bitmap'],
    keySpecs: [
      {
        notes: 'This command allows both access and modification of the key',
        flags: ['RW', 'access', 'update', 'variable_flags'],
        begin: { index: 1 },
        find: { range: { lastkey: 0, keystep: 1, limit: 0 } },
      },
    ],
    group: 'bitmap',
    since: '3.2.0',
    complexity: 'O(1) for each subcommand specified',
    summary: 'Reads, writes and increments integers of any width at any bit offset of a string value.',
    args: [
      KEY_ARG,
      {
        name: 'operation',
        type: 'oneof',
        flags: ['optional', 'multiple'],
        arguments: [
          {
            name: 'encoding_offset',
            type: 'block',
            token: 'GET',
            arguments: [
              { name: 'encoding', type: 'string' },
              { name: 'offset', type: 'integer' },
            ],
          },
          {
            name: 'write',
            type: 'block',
            arguments: [
              {
                name: 'wrap_sat_fail',
                type: 'oneof',
                token: 'OVERFLOW',
                flags: ['optional'],
                arguments: [
                  { name: 'wrap', type: 'pure-token', token: 'WRAP' },
                  { name: 'sat', type: 'pure-token', token: 'SAT' },
                  { name: 'fail', type: 'pure-token', token: 'FAIL' },
                ],
              },
              {
                name: 'write_operation',
                type: 'oneof',
                arguments: [
                  {
                    name: 'encoding_offset_value',
                    type: 'block',
                    token: 'SET',
                    arguments: [
                      { name: 'encoding', type: 'string' },
                      { name: 'offset', type: 'integer' },
                      { name: 'value', type: 'integer' },
                    ],
                  },
                  {
                    name: 'encoding_offset_increment',
                    type: 'block',
                    token: 'INCRBY',
                    arguments: [
                      { name: 'encoding', type: 'string' },
                      { name: 'offset', type: 'integer' },
                      { name: 'increment', type: 'integer' },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
    keyFlags: bitfieldKeyFlags,
    run: bitfieldRun,
  },
  {
    // BITFIELD_RO key [GET encoding offset [GET encoding offset ...]]
    name: 'bitfield_ro',
    arity: -2,
    flags: ['readonly', 'fast'],
    acl: ['bitmap'],
    keySpecs: KS_RO_ACCESS,
    group: 'bitmap',
    since: '6.0.0',
    complexity: 'O(1) for each subcommand specified',
    summary: 'Reads integers of any width at any bit offset of a string value (read-only BITFIELD).',
    args: [
      KEY_ARG,
      {
        name: 'encoding_offset',
        type: 'block',
        token: 'GET',
        flags: ['optional', 'multiple', 'multiple_token'],
        arguments: [
          { name: 'encoding', type: 'string' },
          { name: 'offset', type: 'integer' },
        ],
      },
    ],
    run: bitfieldRoRun,
  },
];
