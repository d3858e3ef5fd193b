/**
 * Byte-level string editing: APPEND, STRLEN, GETRANGE, SUBSTR, SETRANGE.
 * Edits change a RawString in place, so building a large value piece by
 * piece costs O(piece), not O(value).
 */
import type { CommandSpec, CommandHandler } from '../spec.js';
import { Err } from '../../errors.js';
import { parseInteger, bytes } from '../args.js';
import { RawString } from '../../types/rawstring.js';
import { strBytes, strLength, type StringValue } from '../../keyspace/object.js';
import { KS_RO_ACCESS, KS_RO, KS_RW_INSERT, KS_RW_UPDATE, unshare, tooLong, addStringKey } from './shared.js';

const EMPTY = Buffer.alloc(0);

const getrangeRun: CommandHandler = (ctx, c, argv, out) => {
  const start0 = parseInteger(argv[2]);
  if (start0 === null) return out.error(Err.NOT_INTEGER);
  const end0 = parseInteger(argv[3]);
  if (end0 === null) return out.error(Err.NOT_INTEGER);
  const obj = c.db.lookupRead(argv[1]);
  if (obj === undefined) return out.bulk(EMPTY);
  if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
  const v = obj.value as StringValue;
  const len = strLength(v);
  let start = start0;
  let end = end0;
  if (start < 0 && end < 0 && start > end) return out.bulk(EMPTY);
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return out.bulk(EMPTY);
  if (typeof v === 'string') out.bulkLatin1(v.slice(start, end + 1));
  else out.bulk(strBytes(v).subarray(start, end + 1));
};

const RANGE_ARGS = [
  { name: 'key', type: 'key', key_spec_index: 0 },
  { name: 'start', type: 'integer' },
  { name: 'end', type: 'integer' },
] as const;

const RANGE_COMPLEXITY =
  'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.';

export const rangeCommands: CommandSpec[] = [
  {
    // APPEND key value
    name: 'append',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['string'],
    keySpecs: KS_RW_INSERT,
    group: 'string',
    since: '2.0.0',
    complexity:
      'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.',
    summary: 'Appends a string to the value of a key, creating the key if needed.',
    args: [
      { name: 'key', type: 'key', key_spec_index: 0 },
      { name: 'value', type: 'string' },
    ],
    run(ctx, c, argv, out) {
      const key = argv[1];
      const obj = c.db.lookupWrite(key);
      let total: number;
      if (obj === undefined) {
        // A new key stores the argument as SET would (int/embstr/raw by content).
        const value = argv[2];
        addStringKey(ctx, c.db, key, value);
        total = value.length;
      } else {
        if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
        if (tooLong(ctx, strLength(obj.value), argv[2].length)) return out.error(Err.STRING_TOO_LONG);
        const raw = unshare(obj);
        raw.append(bytes(argv[2]));
        total = raw.length;
      }
      ctx.keyspace.touch(c.db, key, '$', 'append');
      out.integer(total);
    },
  },
  {
    // STRLEN key
    name: 'strlen',
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['string'],
    keySpecs: KS_RO,
    group: 'string',
    since: '2.2.0',
    complexity: 'O(1)',
    summary: 'Returns the length of a string value.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }],
    run(ctx, c, argv, out) {
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return out.integer(0);
      if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
      out.integer(strLength(obj.value));
    },
  },
  {
    // GETRANGE key start end
    name: 'getrange',
    arity: 4,
    flags: ['readonly'],
    acl: ['string'],
    keySpecs: KS_RO_ACCESS,
    group: 'string',
    since: '2.4.0',
    complexity: RANGE_COMPLEXITY,
    summary: 'Returns a substring of a string value, by byte offsets.',
    args: RANGE_ARGS,
    run: getrangeRun,
  },
  {
    // SUBSTR key start end
    name: 'substr',
    arity: 4,
    flags: ['readonly'],
    acl: ['string'],
    keySpecs: KS_RO_ACCESS,
    group: 'string',
    since: '1.0.0',
    complexity: RANGE_COMPLEXITY,
    summary: 'Returns a substring of a string value, by byte offsets (old name of GETRANGE).',
    docFlags: ['deprecated'],
    deprecatedSince: '2.0.0',
    replacedBy: '`GETRANGE`',
    args: RANGE_ARGS,
    run: getrangeRun,
  },
  {
    // SETRANGE key offset value
    name: 'setrange',
    arity: 4,
    flags: ['write', 'denyoom'],
    acl: ['string'],
    keySpecs: KS_RW_UPDATE,
    group: 'string',
    since: '2.2.0',
    complexity:
      'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.',
    summary: 'Overwrites part of a string value from an offset, zero-padding and creating the key if needed.',
    args: [
      { name: 'key', type: 'key', key_spec_index: 0 },
      { name: 'offset', type: 'integer' },
      { name: 'value', type: 'string' },
    ],
    run(ctx, c, argv, out) {
      const offset = parseInteger(argv[2]);
      if (offset === null) return out.error(Err.NOT_INTEGER);
      if (offset < 0) return out.error(Err.OFFSET_OUT_OF_RANGE);
      const key = argv[1];
      const value = argv[3];
      const obj = c.db.lookupWrite(key);
      let raw: RawString;
      if (obj === undefined) {
        // Writing nothing creates nothing.
        if (value.length === 0) return out.integer(0);
        if (tooLong(ctx, offset, value.length)) return out.error(Err.STRING_TOO_LONG);
        raw = new RawString(EMPTY, offset + value.length);
        addStringKey(ctx, c.db, key, raw);
      } else {
        if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
        if (value.length === 0) return out.integer(strLength(obj.value));
        if (tooLong(ctx, offset, value.length)) return out.error(Err.STRING_TOO_LONG);
        raw = unshare(obj);
      }
      raw.write(offset, bytes(value));
      ctx.keyspace.touch(c.db, key, '$', 'setrange');
      out.integer(raw.length);
    },
  },
];
