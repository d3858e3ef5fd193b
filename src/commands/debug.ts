/**
 * DEBUG: the subcommands Redis's own test suite and client libraries'
 * tests lean on (POPULATE to fill a keyspace, DIGEST to compare datasets,
 * PROTOCOL for every RESP3 reply type, SLEEP for a slow command ...).
 * Refused unless enable-debug-command allows the client (the 'protected'
 * flag's gate).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import type { Db } from '../keyspace/db.js';
import { formatDouble } from '../protocol/writer.js';
import { Err } from '../errors.js';
import { parseDouble, parseInteger, text, cstr } from './args.js';
import { parseMemoryBig } from '../config/special.js';
import { objectEncoding, refcountOf } from './keys/generic.js';
import { rewriteServerConfig } from './config.js';
import { RObj, strLength, strLatin1 } from '../keyspace/object.js';
import type { ListValue } from '../types/list.js';
import type { SetValue } from '../types/set.js';
import type { HashValue } from '../types/hash.js';
import type { ZSetValue } from '../types/zset.js';
import { PACKED_THRESHOLD_DEFAULT } from '../persistence/rdb/value.js';
import { encodeRdb, decodeRdb } from '../persistence/rdb/file.js';
import { plainToObject, writeOptions } from '../persistence/rdb/objects.js';
import { REDIS_VERSION } from '../server/context.js';
import { serverState, usedMemory } from '../server/info.js';

const HELP = [
  'DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CONFIG-REWRITE-FORCE-ALL',
  '    Like CONFIG REWRITE but writes all configuration options, including',
  '    keywords not listed in original configuration file or default values.',
  'DIGEST',
  '    Output a hex signature representing the current DB content.',
  'DIGEST-VALUE <key> [<key> ...]',
  '    Output a hex signature of the values of all the specified keys.',
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'LOG <message>',
  '    Write <message> to the server log.',
  'OBJECT <key>',
  '    Show low level info about `key` and associated value.',
  'POPULATE <count> [<prefix>] [<size>]',
  '    Create <count> string keys named key:<num>. If <prefix> is specified then',
  '    it is used instead of the \'key\' prefix.',
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'QUICKLIST-PACKED-THRESHOLD <size>',
  '    Sets the threshold for elements to be inserted as plain vs packed nodes',
  '    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.',
  'RELOAD [option ...]',
  '    Save the RDB on disk and reload it back to memory. Valid <option> values:',
  '    * MERGE: conflicting keys will be loaded from RDB.',
  '    * NOFLUSH: the existing database will not be removed before load, but',
  '      conflicting keys will generate an exception and kill the server.',
  '    * NOSAVE: the database will be loaded from an existing RDB file.',
  '    Examples:',
  '    * DEBUG RELOAD: verify that the server is able to persist, flush and reload',
  '      the database.',
  '    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an',
  '      existing RDB file.',
  '    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB',
  '      file to the database.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'SET-SKIP-CHECKSUM-VALIDATION <0|1>',
  '    Enables or disables checksum checks for RDB files and RESTORE\'s payload.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
  'HELP',
  '    Prints this help.',
];

/** Redis's type numbers, which the digest mixes in. */
const TYPE_CODE: Record<string, number> = { string: 0, list: 1, set: 2, zset: 3, hash: 4, stream: 6 };

type Digest = Buffer;

function sha1(data: Uint8Array): Buffer {
  return createHash('sha1').update(data).digest();
}

/** digest ^= sha1(data): order does not matter between xored parts. */
function xorDigest(digest: Digest, data: Uint8Array): void {
  const h = sha1(data);
  for (let i = 0; i < 20; i++) digest[i] ^= h[i];
}

/** digest = sha1(digest ^ sha1(data)): order matters between mixed parts. */
function mixDigest(digest: Digest, data: Uint8Array): void {
  xorDigest(digest, data);
  sha1(digest).copy(digest);
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

function uint32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Redis's xorObjectDigest: the type, the contents (ordered where the type is), and whether the key expires. */
function objectDigest(db: Db, key: string, obj: RObj, digest: Digest): void {
  mixDigest(digest, uint32be(TYPE_CODE[obj.type]));
  switch (obj.type) {
    case 'string':
      mixDigest(digest, latin1(strLatin1(obj.value)));
      break;
    case 'list':
      for (const item of (obj.value as ListValue).toArray()) mixDigest(digest, latin1(item));
      break;
    case 'set':
      for (const m of (obj.value as SetValue).toArray()) xorDigest(digest, latin1(m));
      break;
    case 'zset':
      for (const [member, score] of (obj.value as ZSetValue).toArray()) {
        const e = Buffer.alloc(20);
        mixDigest(e, latin1(member));
        mixDigest(e, latin1(formatDouble(score)));
        xorDigest(digest, e);
      }
      break;
    case 'hash':
      for (const [field, value] of (obj.value as HashValue).toArray()) {
        const e = Buffer.alloc(20);
        mixDigest(e, latin1(field));
        mixDigest(e, latin1(value));
        xorDigest(digest, e);
      }
      break;
  }
  if (db.getExpire(key) !== -1) xorDigest(digest, latin1('!!expire!!'));
}

/** Every database's keys and values: equal datasets give equal digests whatever their order; 40 zeros when empty. */
export function datasetDigest(ctx: ServerContext): string {
  const final = Buffer.alloc(20);
  for (const db of ctx.keyspace.dbs) {
    if (db.size === 0) continue;
    mixDigest(final, uint32be(db.id));
    for (const key of db.dict.keys()) {
      const digest = Buffer.alloc(20);
      mixDigest(digest, latin1(key));
      objectDigest(db, key, db.dict.get(key)!, digest);
      xorDigest(final, digest);
    }
  }
  return final.toString('hex');
}

function populate(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const count = parseInteger(argv[2]);
  if (count === null || count < 0) return out.error(Err.MUST_BE_POSITIVE);
  let size = 0;
  if (argv.length === 5) {
    const n = parseInteger(argv[4]);
    if (n === null || n < 0) return out.error(Err.MUST_BE_POSITIVE);
    size = n;
  }
  const prefix = argv.length >= 4 ? argv[3] : 'key';
  const db = c.db;
  const lru = ctx.keyspace.lruClock();
  for (let j = 0; j < count; j++) {
    // Redis formats the name in a 128-byte buffer.
    const key = `${prefix}:${j}`.slice(0, 127);
    if (db.lookupWrite(key) !== undefined) continue;
    let value = `value:${j}`;
    if (size !== 0) value = size <= value.length ? value.slice(0, size) : value + '\0'.repeat(size - value.length);
    db.add(key, new RObj('string', value, lru));
    ctx.keyspace.modified(db, key);
  }
  out.ok();
}

const PROTOCOL_TYPES = 'string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false';

/** A sample reply of each RESP type, for clients' tests. */
function protocol(out: ReplyWriter, type: string): void {
  switch (type) {
    case 'string':
      return out.bulkLatin1('Hello World');
    case 'integer':
      return out.integer(12345);
    case 'double':
      return out.double(3.141);
    case 'bignum':
      return out.bigNumber('1234567999999999999999999999999999999');
    case 'null':
      return out.null();
    case 'array':
      out.array(3);
      for (let i = 0; i < 3; i++) out.integer(i);
      return;
    case 'set':
      out.set(3);
      for (let i = 0; i < 3; i++) out.integer(i);
      return;
    case 'map':
      out.map(3);
      for (let i = 0; i < 3; i++) {
        out.integer(i);
        out.bool(i === 1);
      }
      return;
    case 'attrib':
      if (out.resp === 3) {
        out.attribute(1);
        out.bulkLatin1('key-popularity');
        out.array(2);
        out.bulkLatin1('key:123');
        out.integer(90);
      }
      return out.bulkLatin1('Some real reply following the attribute');
    case 'push':
      if (out.resp !== 3) return out.error('ERR RESP2 is not supported by this command');
      out.push(2);
      out.bulkLatin1('server-cpu-usage');
      out.integer(42);
      return out.bulkLatin1('Some real reply following the push reply');
    case 'verbatim':
      return out.verbatim('This is a verbatim\nstring');
    case 'true':
      return out.bool(true);
    case 'false':
      return out.bool(false);
  }
  out.error(`ERR Wrong protocol type name. Please use one of the following: ${PROTOCOL_TYPES}`);
}

/** Stand-in addresses for DEBUG OBJECT: one per value object, so a value changed in place (INCR) keeps its address as in Redis. */
const addresses = new WeakMap<RObj, number>();
let nextAddress = 0x7f0000001000;

function addressOf(obj: RObj): string {
  let a = addresses.get(obj);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 64;
    addresses.set(obj, a);
  }
  return '0x' + a.toString(16);
}

function rdbPath(ctx: ServerContext): string {
  return path.resolve(ctx.config.get('dir') || process.cwd(), ctx.config.get('dbfilename'));
}

/** Writes the dataset to the dump file (through a temporary file, as Redis does); false on failure. */
function saveRdb(ctx: ServerContext): boolean {
  const file = rdbPath(ctx);
  const tmp = path.join(path.dirname(file), `temp-${process.pid}.rdb`);
  const aux = {
    'redis-ver': REDIS_VERSION,
    'redis-bits': '64',
    ctime: String(Math.floor(Date.now() / 1000)),
    'used-mem': String(usedMemory()),
    'aof-base': '0',
  };
  try {
    writeFileSync(tmp, encodeRdb(ctx.keyspace, writeOptions(ctx.config, ctx.listPackedThreshold), aux));
    renameSync(tmp, file);
  } catch (e) {
    ctx.log.warning(`Write error saving DB on disk: ${(e as Error).message}`);
    return false;
  }
  ctx.log.notice('DB saved on disk');
  ctx.keyspace.markSaved();
  serverState(ctx).lastSave = Math.floor(Date.now() / 1000);
  return true;
}

/**
 * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]. Unlike Redis, which empties the
 * dataset first and stops the server on a corrupt file, the file is read in
 * full before anything is replaced: a file that cannot be loaded leaves the
 * dataset as it was and answers an error.
 */
function reload(ctx: ServerContext, argv: string[], out: ReplyWriter): void {
  let flush = true;
  let save = true;
  let merge = false;
  for (let j = 2; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    if (opt === 'merge') merge = true;
    else if (opt === 'noflush') flush = false;
    else if (opt === 'nosave') save = false;
    else return out.error('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
  }
  if (save && !saveRdb(ctx)) return out.error('ERR');
  let entries;
  try {
    entries = decodeRdb(readFileSync(rdbPath(ctx)), ctx.skipChecksumValidation);
  } catch (e) {
    ctx.log.warning(`Error loading the RDB file: ${(e as Error).message}`);
    return out.error('ERR Error trying to load the RDB dump, check server logs.');
  }
  const ks = ctx.keyspace;
  if (flush) {
    ks.emptyAll(false);
  }
  const now = Date.now();
  const lru = ks.lruClock();
  for (const e of entries) {
    const db = ks.dbs[e.db];
    // Keys already past their deadline are not loaded, as on a master; keys of databases beyond ours are dropped.
    if (db === undefined || (e.expire !== -1 && e.expire < now)) continue;
    if (db.dict.has(e.key)) {
      if (!merge) continue;
      db.delete(e.key);
    }
    db.add(e.key, plainToObject(e.value, ctx.config, lru));
    if (e.expire !== -1) db.setExpire(e.key, e.expire);
  }
  ctx.log.warning('DB reloaded by DEBUG RELOAD');
  out.ok();
}

function objectLine(ctx: ServerContext, c: Client, key: string, out: ReplyWriter): void {
  const obj = c.db.lookup(key);
  if (obj === undefined) return out.error(Err.NO_SUCH_KEY);
  const idle = ctx.keyspace.lruClock() - obj.lru;
  const len = obj.type === 'string' ? strLength(obj.value) : ((obj.value.size ?? obj.value.length) as number);
  out.simple(`Value at:${addressOf(obj)} refcount:${refcountOf(ctx, obj)} encoding:${objectEncoding(obj)} serializedlength:${len + 1} lru:${obj.lru & 0xffffff} lru_seconds_idle:${idle}`);
}

/** C's atoi, which these switches are read with: leading digits, anything else 0. */
function atoi(s: string): number {
  return parseInt(s, 10) || 0;
}

function run(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  const sub = argv[1].toLowerCase();
  const n = argv.length;
  if (sub === 'help' && n === 2) {
    out.array(HELP.length);
    for (const l of HELP) out.simple(l);
    return;
  }
  if (sub === 'sleep' && n === 3) {
    const secs = parseDouble(argv[2]);
    if (secs === null) return out.error(Err.NOT_FLOAT);
    // DEBUG SLEEP stops the whole server, on purpose: tests use it to simulate a slow command.
    if (secs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, secs * 1000);
    return out.ok();
  }
  if (sub === 'set-active-expire' && n === 3) {
    ctx.keyspace.expiry.enabled = atoi(argv[2]) !== 0;
    return out.ok();
  }
  if (sub === 'set-skip-checksum-validation' && n === 3) {
    ctx.skipChecksumValidation = atoi(argv[2]) !== 0;
    return out.ok();
  }
  if (sub === 'reload') return reload(ctx, argv, out);
  if (sub === 'config-rewrite-force-all' && n === 2) {
    // Without a config file Redis fails on the missing path, with EFAULT's text.
    const file = ctx.config.configFile;
    if (!file) return out.error('ERR CONFIG-REWRITE-FORCE-ALL failed: Bad address');
    try {
      rewriteServerConfig(ctx, file, true);
    } catch (e) {
      return out.error(`ERR CONFIG-REWRITE-FORCE-ALL failed: ${(e as Error).message}`);
    }
    return out.ok();
  }
  if (sub === 'quicklist-packed-threshold' && n === 3) {
    // Redis caps it just under 4 GB; 0 restores the default.
    const size = parseMemoryBig(argv[2]);
    if (size === null || size > 4294967296n - 1048576n) return out.error('ERR argument must be a memory value bigger than 1 and smaller than 4gb');
    ctx.listPackedThreshold = size === 0n ? PACKED_THRESHOLD_DEFAULT : Number(size);
    return out.ok();
  }
  if (sub === 'log' && n === 3) {
    ctx.log.warning(`DEBUG LOG: ${text(argv[2])}`);
    return out.ok();
  }
  if (sub === 'error' && n === 3) return out.error(cstr(argv[2]));
  if (sub === 'object' && n === 3) return objectLine(ctx, c, argv[2], out);
  if (sub === 'populate' && n >= 3 && n <= 5) return populate(ctx, c, argv, out);
  if (sub === 'digest' && n === 2) return out.simple(datasetDigest(ctx));
  if (sub === 'digest-value' && n >= 2) {
    out.array(n - 2);
    for (let j = 2; j < n; j++) {
      const digest = Buffer.alloc(20);
      // Like Redis: no access time, no hit or miss counted.
      const obj = c.db.lookup(argv[j]);
      if (obj !== undefined) objectDigest(c.db, argv[j], obj, digest);
      out.simple(digest.toString('hex'));
    }
    return;
  }
  if (sub === 'protocol' && n === 3) return protocol(out, argv[2].toLowerCase());
  out.error(`ERR unknown subcommand or wrong number of arguments for '${cstr(argv[1]).slice(0, 128)}'. Try DEBUG HELP.`);
}

export const debugCommand: CommandSpec = {
  // DEBUG subcommand [arg ...]
  name: 'debug',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale', 'protected'],
  acl: [],
  group: 'server',
  since: '1.0.0',
  complexity: 'Depends on subcommand.',
  summary: 'A container for debugging commands.',
  docFlags: ['syscmd'],
  run,
};
