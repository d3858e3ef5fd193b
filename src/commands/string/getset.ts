/**
 * Reading and writing whole string values: GET, SET and its variants,
 * GETSET, GETDEL, GETEX, MGET, MSET, MSETNX.
 */
import type { CommandSpec, ArgDoc, KeySpecFlag } from '../spec.js';
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import type { RObj } from '../../keyspace/object.js';
import { Err, errArity } from '../../errors.js';
import { eqi } from '../args.js';
import { KS_RO_ACCESS, KS_OW_INSERT, KS_OW_UPDATE, setStringKey, parseExpire, replyString } from './shared.js';
import { firstKey } from '../keyspecs.js';

const KEY_ARG: ArgDoc = { name: 'key', type: 'key', key_spec_index: 0 };

// Option bits of SET and GETEX, as parseExtendedStringArgumentsOrReply() keeps them.
const F_NX = 1;
const F_XX = 2;
const F_GET = 4;
const F_KEEPTTL = 8;
const F_PERSIST = 16;
const F_EX = 32;
const F_PX = 64;
const F_EXAT = 128;
const F_PXAT = 256;
const F_ANY_EXPIRE = F_EX | F_PX | F_EXAT | F_PXAT;

interface ParsedOptions {
  flags: number;
  expire: string | null;
}

/**
 * Options of SET (forSet) or GETEX. Redis accepts a repeated option but
 * refuses contradicting ones with a plain syntax error; an expire word
 * without a following argument is a syntax error too.
 */
function parseOptions(argv: string[], from: number, forSet: boolean): ParsedOptions | null {
  let flags = 0;
  let expire: string | null = null;
  const argc = argv.length;
  for (let j = from; j < argc; j++) {
    const a = argv[j];
    const hasNext = j < argc - 1;
    if (forSet && eqi(a, 'nx') && !(flags & F_XX)) flags |= F_NX;
    else if (forSet && eqi(a, 'xx') && !(flags & F_NX)) flags |= F_XX;
    else if (forSet && eqi(a, 'get')) flags |= F_GET;
    else if (forSet && eqi(a, 'keepttl') && !(flags & (F_PERSIST | F_ANY_EXPIRE))) flags |= F_KEEPTTL;
    else if (!forSet && eqi(a, 'persist') && !(flags & (F_KEEPTTL | F_ANY_EXPIRE))) flags |= F_PERSIST;
    else if (hasNext && eqi(a, 'ex') && !(flags & (F_KEEPTTL | F_PERSIST | F_ANY_EXPIRE & ~F_EX))) {
      flags |= F_EX;
      expire = argv[++j];
    } else if (hasNext && eqi(a, 'px') && !(flags & (F_KEEPTTL | F_PERSIST | F_ANY_EXPIRE & ~F_PX))) {
      flags |= F_PX;
      expire = argv[++j];
    } else if (hasNext && eqi(a, 'exat') && !(flags & (F_KEEPTTL | F_PERSIST | F_ANY_EXPIRE & ~F_EXAT))) {
      flags |= F_EXAT;
      expire = argv[++j];
    } else if (hasNext && eqi(a, 'pxat') && !(flags & (F_KEEPTTL | F_PERSIST | F_ANY_EXPIRE & ~F_PXAT))) {
      flags |= F_PXAT;
      expire = argv[++j];
    } else return null;
  }
  return { flags, expire };
}

function deadlineFor(ctx: ServerContext, flags: number, expire: string, command: string): number | string {
  return parseExpire(ctx, expire, (flags & (F_EX | F_EXAT)) !== 0, (flags & (F_EX | F_PX)) !== 0, command);
}

/** GET's reply for obj; false (after replying WRONGTYPE) when it is not a string. */
function replyValue(obj: RObj | undefined, out: ReplyWriter): boolean {
  if (obj === undefined) {
    out.null();
    return true;
  }
  if (obj.type !== 'string') {
    out.error(Err.WRONGTYPE);
    return false;
  }
  replyString(out, obj.value);
  return true;
}

/**
 * What replicas and the AOF get: any TTL becomes an absolute one
 * (SET key value PXAT ms, NX/XX dropped as the write already happened), so
 * a replayed command expires when the original did; GET is dropped, as it
 * changes nothing.
 */
function rewriteSet(ctx: ServerContext, key: string, value: string, flags: number, deadline: number): void {
  const ex = ctx.exec;
  if (deadline !== -1) return ex.rewriteArgv(['SET', key, value, 'PXAT', String(deadline)]);
  if (!(flags & F_GET)) return;
  const argv = ex.current!.argv;
  // Options start after the value: a value spelled "get" stays.
  ex.rewriteArgv(argv.filter((a, i) => i < 3 || a.toLowerCase() !== 'get'));
}

/**
 * setGenericCommand(): the shared body of SET, SETNX, SETEX and PSETEX.
 * `deadline` is absolute (ms) or -1. okReply/abortReply let SETNX answer 1/0.
 */
function setGeneric(
  ctx: ServerContext,
  c: Client,
  key: string,
  value: string,
  flags: number,
  deadline: number,
  out: ReplyWriter,
  okInt: boolean,
): void {
  const db = c.db;
  if (flags & F_GET) {
    if (!replyValue(db.lookupRead(key), out)) return;
  }
  if (flags & (F_NX | F_XX)) {
    const found = db.lookupWrite(key) !== undefined;
    if ((flags & F_NX && found) || (flags & F_XX && !found)) {
      if (!(flags & F_GET)) {
        if (okInt) out.integer(0);
        else out.null();
      }
      return;
    }
  }
  setStringKey(ctx, db, key, value, (flags & F_KEEPTTL) !== 0);
  ctx.keyspace.touch(db, key, '$', 'set');
  if (deadline !== -1) {
    db.setExpire(key, deadline);
    ctx.keyspace.notify('g', 'expire', key, db.id);
  }
  if (ctx.exec.propagating) rewriteSet(ctx, key, value, flags, deadline);
  if (!(flags & F_GET)) {
    if (okInt) out.integer(1);
    else out.ok();
  }
}

/** MSET / MSETNX */
function msetGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, nx: boolean): void {
  if (argv.length % 2 === 0) return out.error(errArity(nx ? 'msetnx' : 'mset'));
  const db = c.db;
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) {
      if (db.lookupWrite(argv[j]) !== undefined) return out.integer(0);
    }
  }
  for (let j = 1; j < argv.length; j += 2) {
    const key = argv[j];
    setStringKey(ctx, db, key, argv[j + 1], false);
    ctx.keyspace.modified(db, key);
    ctx.keyspace.notify('$', 'set', key, db.id);
  }
  ctx.keyspace.changed((argv.length - 1) / 2);
  if (nx) out.integer(1);
  else out.ok();
}

const RW_ACCESS_UPDATE: readonly KeySpecFlag[] = ['RW', 'access', 'update'];
const OW_UPDATE: readonly KeySpecFlag[] = ['OW', 'update'];

const EXPIRATION_ARGS: ArgDoc[] = [
  { name: 'seconds', type: 'integer', token: 'EX' },
  { name: 'milliseconds', type: 'integer', token: 'PX' },
  { name: 'unix-time-seconds', type: 'unix-time', token: 'EXAT' },
  { name: 'unix-time-milliseconds', type: 'unix-time', token: 'PXAT' },
];

export const getsetCommands: CommandSpec[] = [
  {
    // GET key
    name: 'get',
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['string'],
    keySpecs: KS_RO_ACCESS,
    group: 'string',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Returns the string value of a key.',
    args: [KEY_ARG],
    run(ctx, c, argv, out) {
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return out.null();
      if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
      replyString(out, obj.value);
    },
  },
  {
    // SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]
    name: 'set',
    arity: -3,
    flags: ['write', 'denyoom'],
    acl: ['string'],
    keySpecs: [
      {
        notes: 'RW and ACCESS due to the optional `GET` argument',
        flags: ['RW', 'access', 'update', 'variable_flags'],
        begin: { index: 1 },
        find: { range: { lastkey: 0, keystep: 1, limit: 0 } },
      },
    ],
    group: 'string',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Sets the string value of a key.',
    history: [
      ['2.6.12', 'The `EX`, `PX`, `NX` and `XX` options were introduced.'],
      ['6.0.0', 'The `KEEPTTL` option was introduced.'],
      ['6.2.0', 'The `GET`, `EXAT` and `PXAT` options were introduced.'],
      ['7.0.0', '`NX` may now be combined with `GET`.'],
    ],
    args: [
      KEY_ARG,
      { name: 'value', type: 'string' },
      {
        name: 'condition',
        type: 'oneof',
        since: '2.6.12',
        flags: ['optional'],
        arguments: [
          { name: 'nx', type: 'pure-token', token: 'NX' },
          { name: 'xx', type: 'pure-token', token: 'XX' },
        ],
      },
      { name: 'get', type: 'pure-token', token: 'GET', since: '6.2.0', flags: ['optional'] },
      {
        name: 'expiration',
        type: 'oneof',
        flags: ['optional'],
        arguments: [
          { ...EXPIRATION_ARGS[0], since: '2.6.12' },
          { ...EXPIRATION_ARGS[1], since: '2.6.12' },
          { ...EXPIRATION_ARGS[2], since: '6.2.0' },
          { ...EXPIRATION_ARGS[3], since: '6.2.0' },
          { name: 'keepttl', type: 'pure-token', token: 'KEEPTTL', since: '6.0.0' },
        ],
      },
    ],
    // SET reads the old value only with GET.
    keyFlags: (argv) => (argv.some((a, i) => i >= 3 && eqi(a, 'get')) ? RW_ACCESS_UPDATE : OW_UPDATE),
    run(ctx, c, argv, out) {
      const key = argv[1];
      if (argv.length === 3) {
        // The common case, kept free of option parsing and extra lookups.
        setStringKey(ctx, c.db, key, argv[2], false);
        ctx.keyspace.touch(c.db, key, '$', 'set');
        return out.ok();
      }
      const opts = parseOptions(argv, 3, true);
      if (opts === null) return out.error(Err.SYNTAX);
      let deadline = -1;
      if (opts.expire !== null) {
        const d = deadlineFor(ctx, opts.flags, opts.expire, 'set');
        if (typeof d === 'string') return out.error(d);
        deadline = d;
      }
      setGeneric(ctx, c, key, argv[2], opts.flags, deadline, out, false);
    },
  },
  {
    // SETNX key value
    name: 'setnx',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['string'],
    keySpecs: KS_OW_INSERT,
    group: 'string',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Sets the string value of a key only if the key does not exist.',
    args: [KEY_ARG, { name: 'value', type: 'string' }],
    run(ctx, c, argv, out) {
      setGeneric(ctx, c, argv[1], argv[2], F_NX, -1, out, true);
    },
  },
  {
    // SETEX key seconds value
    name: 'setex',
    arity: 4,
    flags: ['write', 'denyoom'],
    acl: ['string'],
    keySpecs: KS_OW_UPDATE,
    group: 'string',
    since: '2.0.0',
    complexity: 'O(1)',
    summary: 'Sets the string value and the expiration time, in seconds, of a key.',
    args: [KEY_ARG, { name: 'seconds', type: 'integer' }, { name: 'value', type: 'string' }],
    run(ctx, c, argv, out) {
      const d = parseExpire(ctx, argv[2], true, true, 'setex');
      if (typeof d === 'string') return out.error(d);
      setGeneric(ctx, c, argv[1], argv[3], 0, d, out, false);
    },
  },
  {
    // PSETEX key milliseconds value
    name: 'psetex',
    arity: 4,
    flags: ['write', 'denyoom'],
    acl: ['string'],
    keySpecs: KS_OW_UPDATE,
    group: 'string',
    since: '2.6.0',
    complexity: 'O(1)',
    summary: 'Sets the string value and the expiration time, in milliseconds, of a key.',
    args: [KEY_ARG, { name: 'milliseconds', type: 'integer' }, { name: 'value', type: 'string' }],
    run(ctx, c, argv, out) {
      const d = parseExpire(ctx, argv[2], false, true, 'psetex');
      if (typeof d === 'string') return out.error(d);
      setGeneric(ctx, c, argv[1], argv[3], 0, d, out, false);
    },
  },
  {
    // GETSET key value
    name: 'getset',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['string'],
    keySpecs: firstKey('RW', 'access', 'update'),
    group: 'string',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Sets a key to a new string value and returns the value it held before.',
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`SET` with the `!GET` argument',
    args: [KEY_ARG, { name: 'value', type: 'string' }],
    run(ctx, c, argv, out) {
      const key = argv[1];
      if (!replyValue(c.db.lookupRead(key), out)) return;
      if (ctx.exec.propagating) ctx.exec.rewriteArgv(['SET', key, argv[2]]);
      setStringKey(ctx, c.db, key, argv[2], false);
      ctx.keyspace.touch(c.db, key, '$', 'set');
    },
  },
  {
    // GETDEL key
    name: 'getdel',
    arity: 2,
    flags: ['write', 'fast'],
    acl: ['string'],
    keySpecs: firstKey('RW', 'access', 'delete'),
    group: 'string',
    since: '6.2.0',
    complexity: 'O(1)',
    summary: 'Returns the string value of a key and deletes the key.',
    args: [KEY_ARG],
    run(ctx, c, argv, out) {
      const key = argv[1];
      const obj = c.db.lookupRead(key);
      if (obj === undefined) return out.null();
      if (!replyValue(obj, out)) return;
      if (ctx.exec.propagating) ctx.exec.rewriteArgv([ctx.config.bool('lazyfree-lazy-user-del') ? 'UNLINK' : 'DEL', key]);
      c.db.delete(key);
      ctx.keyspace.touch(c.db, key, 'g', 'del');
    },
  },
  {
    // GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]
    name: 'getex',
    arity: -2,
    flags: ['write', 'fast'],
    acl: ['string'],
    keySpecs: [
      {
        notes: 'RW and UPDATE because it changes the TTL',
        flags: ['RW', 'access', 'update'],
        begin: { index: 1 },
        find: { range: { lastkey: 0, keystep: 1, limit: 0 } },
      },
    ],
    group: 'string',
    since: '6.2.0',
    complexity: 'O(1)',
    summary: 'Returns the string value of a key after setting its expiration time.',
    args: [
      KEY_ARG,
      {
        name: 'expiration',
        type: 'oneof',
        flags: ['optional'],
        arguments: [...EXPIRATION_ARGS, { name: 'persist', type: 'pure-token', token: 'PERSIST' }],
      },
    ],
    run(ctx, c, argv, out) {
      const opts = parseOptions(argv, 2, false);
      if (opts === null) return out.error(Err.SYNTAX);
      const key = argv[1];
      const db = c.db;
      const obj = db.lookupRead(key);
      if (obj === undefined) return out.null();
      if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
      // The expire is validated only once the key is known to be a string, as in Redis.
      let deadline = -1;
      if (opts.expire !== null) {
        const d = deadlineFor(ctx, opts.flags, opts.expire, 'getex');
        if (typeof d === 'string') return out.error(d);
        deadline = d;
      }
      replyValue(obj, out);
      const ks = ctx.keyspace;
      if (opts.flags & (F_EXAT | F_PXAT) && deadline <= ks.now() && ks.expireAllowed()) {
        // An absolute deadline already past deletes the key now ('del', not 'expired').
        if (ctx.exec.propagating) ctx.exec.rewriteArgv([ks.lazyfreeExpire ? 'UNLINK' : 'DEL', key]);
        db.delete(key);
        ks.touch(db, key, 'g', 'del');
      } else if (deadline !== -1) {
        if (ctx.exec.propagating) ctx.exec.rewriteArgv(['PEXPIREAT', key, String(deadline)]);
        db.setExpire(key, deadline);
        ks.touch(db, key, 'g', 'expire');
      } else if (opts.flags & F_PERSIST) {
        if (ctx.exec.propagating) ctx.exec.rewriteArgv(['PERSIST', key]);
        if (db.persist(key)) ks.touch(db, key, 'g', 'persist');
      }
    },
  },
  {
    // MGET key [key ...]
    name: 'mget',
    arity: -2,
    flags: ['readonly', 'fast'],
    acl: ['string'],
    keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } }],
    tips: ['request_policy:multi_shard'],
    group: 'string',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of keys to retrieve.',
    summary: 'Returns the string values of one or more keys.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0, flags: ['multiple'] }],
    run(ctx, c, argv, out) {
      out.array(argv.length - 1);
      for (let j = 1; j < argv.length; j++) {
        const obj = c.db.lookupRead(argv[j]);
        // A key of another type reads as missing here, not as an error.
        if (obj === undefined || obj.type !== 'string') out.null();
        else replyString(out, obj.value);
      }
    },
  },
  {
    // MSET key value [key value ...]
    name: 'mset',
    arity: -3,
    flags: ['write', 'denyoom'],
    acl: ['string'],
    keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { range: { lastkey: -1, keystep: 2, limit: 0 } } }],
    tips: ['request_policy:multi_shard', 'response_policy:all_succeeded'],
    group: 'string',
    since: '1.0.1',
    complexity: 'O(N) where N is the number of keys to set.',
    summary: 'Sets the string values of one or more keys.',
    args: [
      {
        name: 'key_value',
        type: 'block',
        flags: ['multiple'],
        arguments: [KEY_ARG, { name: 'value', type: 'string' }],
      },
    ],
    run(ctx, c, argv, out) {
      msetGeneric(ctx, c, argv, out, false);
    },
  },
  {
    // MSETNX key value [key value ...]
    name: 'msetnx',
    arity: -3,
    flags: ['write', 'denyoom'],
    acl: ['string'],
    keySpecs: [{ flags: ['OW', 'insert'], begin: { index: 1 }, find: { range: { lastkey: -1, keystep: 2, limit: 0 } } }],
    tips: ['request_policy:multi_shard', 'response_policy:agg_min'],
    group: 'string',
    since: '1.0.1',
    complexity: 'O(N) where N is the number of keys to set.',
    summary: 'Sets the string values of one or more keys, only if none of them exists.',
    args: [
      {
        name: 'key_value',
        type: 'block',
        flags: ['multiple'],
        arguments: [KEY_ARG, { name: 'value', type: 'string' }],
      },
    ],
    run(ctx, c, argv, out) {
      msetGeneric(ctx, c, argv, out, true);
    },
  },
];
