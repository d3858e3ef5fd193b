/**
 * Generic key commands: existence, deletion, naming, moving between
 * databases, flushing, iteration and OBJECT introspection.
 */
import type { CommandSpec } from '../spec.js';
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import type { Db } from '../../keyspace/db.js';
import { RObj, stringEncoding, strLatin1, type StringValue } from '../../keyspace/object.js';
import { dupString } from '../../types/stringstore.js';
import { RawString } from '../../types/rawstring.js';
import { globMatch, globMatchesAll } from '../../keyspace/glob.js';
import { parseScanArgs } from '../../keyspace/scan.js';
import type { CollectionValue } from '../../persistence/rdb/collections.js';
import { Err } from '../../errors.js';
import { eqi } from '../args.js';
import { addKey, command, lfuPolicy, lookupNoTouch, parseInt32 } from './common.js';
import { lfuCounter } from '../../keyspace/lfu.js';
import { META } from './meta.js';

/** Redis shares the string objects of 0..9999 (OBJ_SHARED_INTEGERS) and reports them as immortal. */
const SHARED_INTEGERS = 10000;
const OBJ_SHARED_REFCOUNT = 2147483647;

/** DEL and UNLINK: UNLINK frees memory lazily in Redis; here both are the same. */
function delGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  let n = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i];
    // lookup() expires a dead key first, so it counts as absent (and emits 'expired').
    if (c.db.lookup(key) === undefined) continue;
    c.db.delete(key);
    ctx.keyspace.touch(c.db, key, 'g', 'del');
    n++;
  }
  out.integer(n);
}

/**
 * A copy of a value for COPY. JS strings are immutable and can be shared; a
 * RawString is mutable, so it is copied, and stays a RawString so OBJECT
 * ENCODING still says 'raw' as Redis's dupStringObject keeps the encoding.
 */
function dupValue(obj: RObj, lru: number): RObj {
  if (obj.type === 'string') {
    const v = obj.value as StringValue;
    if (typeof v === 'number') return new RObj('string', dupString(v), lru);
    return new RObj('string', typeof v === 'string' ? v : new RawString(v.view()), lru);
  }
  return new RObj(obj.type, (obj.value as CollectionValue).clone(), lru);
}

/** A random live key of db, expiring dead ones met on the way (dbRandomKey). */
export function randomKey(db: Db): string | null {
  // When every key is volatile and expiry is not allowed (replica), give up after a while, as Redis does.
  for (let tries = 0; db.dict.size > 0; tries++) {
    const key = db.dict.randomKey()!;
    if (db.lookup(key) !== undefined || tries >= 100) return key;
  }
  return null;
}

/** The RENAME/RENAMENX body. */
function renameGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, nx: boolean): void {
  const src = argv[1];
  const dst = argv[2];
  const obj = c.db.lookupWrite(src);
  if (obj === undefined) return out.error(Err.NO_SUCH_KEY);
  if (src === dst) return nx ? out.integer(0) : out.ok();
  const expire = c.db.getExpire(src);
  if (c.db.lookupWrite(dst) !== undefined) {
    if (nx) return out.integer(0);
    c.db.delete(dst);
  }
  c.db.detach(src);
  addKey(ctx, c.db, dst, obj);
  if (expire !== -1) c.db.setExpire(dst, expire);
  ctx.keyspace.modified(c.db, src);
  ctx.keyspace.modified(c.db, dst);
  ctx.keyspace.notify('g', 'rename_from', src, c.db.id);
  ctx.keyspace.notify('g', 'rename_to', dst, c.db.id);
  ctx.keyspace.changed();
  if (nx) out.integer(1);
  else out.ok();
}

/** FLUSHDB/FLUSHALL's optional ASYNC|SYNC word: false on a syntax error. */
function flushMode(argv: string[]): boolean {
  if (argv.length === 1) return true;
  return argv.length === 2 && (eqi(argv[1], 'sync') || eqi(argv[1], 'async'));
}

function typeName(obj: RObj | undefined): string {
  return obj === undefined ? 'none' : obj.type;
}

/** OBJECT's lookup: counts hits and misses but neither touches the key nor fires keymiss. */
function objectLookup(ctx: ServerContext, c: Client, argv: string[]): RObj | undefined {
  const obj = c.db.lookup(argv[2]);
  if (obj === undefined) ctx.keyspace.stats.keyspaceMisses++;
  else ctx.keyspace.stats.keyspaceHits++;
  return obj;
}

export function objectEncoding(obj: RObj): string {
  if (obj.type === 'string') return stringEncoding(obj.value);
  const v = obj.value as { encoding?: () => string };
  return typeof v.encoding === 'function' ? v.encoding() : obj.type;
}

/** Our own wording; the line count matches Redis's so clients see the same shape. */
const OBJECT_HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Name the internal representation the value stored at <key> uses',
  '    (e.g. listpack, intset, hashtable, skiplist, quicklist, int, embstr, raw).',
  'FREQ <key>',
  '    Report the logarithmic access counter of <key>; it is only kept when an',
  '    LFU maxmemory policy is selected.',
  'IDLETIME <key>',
  '    Report how many seconds passed since <key> was last read or written,',
  '    as estimated by the LRU clock.',
  'REFCOUNT <key>',
  '    Report how many references point to the value stored at <key>',
  '    (shared small integers report the largest 32-bit value).',
  'HELP',
  '    Print this list.',
];

const objectSubcommands: CommandSpec[] = [
  // OBJECT ENCODING key
  command('object|encoding', (ctx, c, argv, out) => {
    const obj = objectLookup(ctx, c, argv);
    if (obj === undefined) return out.null();
    out.bulkLatin1(objectEncoding(obj));
  }),
  // OBJECT FREQ key
  command('object|freq', (ctx, c, argv, out) => {
    const obj = objectLookup(ctx, c, argv);
    if (obj === undefined) return out.null();
    if (!lfuPolicy(ctx)) return out.error(Err.ONLY_LFU);
    out.integer(lfuCounter(obj.lru, ctx.keyspace.now(), ctx.keyspace.lfuParams));
  }),
  // OBJECT IDLETIME key
  command('object|idletime', (ctx, c, argv, out) => {
    const obj = objectLookup(ctx, c, argv);
    if (obj === undefined) return out.null();
    if (lfuPolicy(ctx)) return out.error(Err.ONLY_LRU);
    out.integer(Math.max(0, ctx.keyspace.lruClock() - obj.lru));
  }),
  // OBJECT REFCOUNT key
  command('object|refcount', (ctx, c, argv, out) => {
    const obj = objectLookup(ctx, c, argv);
    if (obj === undefined) return out.null();
    out.integer(refcountOf(ctx, obj));
  }),
  // OBJECT HELP
  command('object|help', (ctx, c, argv, out) => {
    out.array(OBJECT_HELP.length);
    for (const line of OBJECT_HELP) out.simple(line);
  }),
];

/** What OBJECT REFCOUNT and DEBUG OBJECT report: shared integers are immortal, every other value has one owner. */
export function refcountOf(ctx: ServerContext, obj: RObj): number {
  return obj.type === 'string' && typeof obj.value !== 'object' && sharedInteger(ctx, strLatin1(obj.value)) ? OBJ_SHARED_REFCOUNT : 1;
}

/** Whether Redis would hold this string as one of its shared integer objects. */
function sharedInteger(ctx: ServerContext, v: string): boolean {
  if (v.length > 4 || stringEncoding(v) !== 'int') return false;
  const n = Number(v);
  if (n < 0 || n >= SHARED_INTEGERS) return false;
  // With maxmemory set, LRU/LFU policies need per-key metadata, so Redis stops sharing.
  const policy = ctx.config.get('maxmemory-policy');
  return ctx.config.num('maxmemory') === 0 || !(policy.endsWith('-lru') || policy.endsWith('-lfu'));
}

export const genericCommands: CommandSpec[] = [
  // DEL key [key ...]
  command('del', delGeneric),
  // UNLINK key [key ...]
  command('unlink', delGeneric),
  // EXISTS key [key ...]
  command('exists', (ctx, c, argv, out) => {
    let n = 0;
    for (let i = 1; i < argv.length; i++) if (lookupNoTouch(ctx, c.db, argv[i]) !== undefined) n++;
    out.integer(n);
  }),
  // TYPE key
  command('type', (ctx, c, argv, out) => {
    out.simple(typeName(lookupNoTouch(ctx, c.db, argv[1])));
  }),
  // TOUCH key [key ...]
  command('touch', (ctx, c, argv, out) => {
    let n = 0;
    for (let i = 1; i < argv.length; i++) if (c.db.lookupRead(argv[i]) !== undefined) n++;
    out.integer(n);
  }),
  // KEYS pattern
  command('keys', (ctx, c, argv, out) => {
    const pattern = argv[1];
    const all = globMatchesAll(pattern);
    const now = ctx.keyspace.now();
    const expires = c.db.expires;
    const found: string[] = [];
    // Like Redis, dead keys are skipped but not deleted here.
    for (const key of c.db.dict.keys()) {
      if (!all && !globMatch(pattern, key)) continue;
      if (expires.size !== 0) {
        const when = expires.get(key);
        if (when !== undefined && when <= now && ctx.keyspace.expireAllowed()) continue;
      }
      found.push(key);
    }
    out.bulkArray(found);
  }),
  // SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
  command('scan', (ctx, c, argv, out) => {
    const opts = parseScanArgs(argv, 1, 2, true);
    if (typeof opts === 'string') return out.error(opts);
    const { cursor, count, pattern, type } = opts;
    const db = c.db;
    const dict = db.dict;
    // Collected first, filtered after: filtering may expire (delete) keys.
    const found: string[] = [];
    const next = dict.scanCount(cursor, count, (key) => found.push(key));
    const keys: string[] = [];
    for (const key of found) {
      if (pattern !== null && !globMatch(pattern, key)) continue;
      // Like Redis, the TYPE filter reads each key as a lookup that counts a hit or a miss.
      if (type !== null) {
        const obj = lookupNoTouch(ctx, db, key);
        if (obj === undefined || obj.type !== type) continue;
      } else if (db.lookup(key) === undefined) continue;
      keys.push(key);
    }
    out.array(2);
    out.bulkLatin1(String(next));
    out.bulkArray(keys);
  }),
  // RANDOMKEY
  command('randomkey', (ctx, c, argv, out) => {
    const key = randomKey(c.db);
    if (key === null) return out.null();
    out.bulkLatin1(key);
  }),
  // DBSIZE
  command('dbsize', (ctx, c, argv, out) => {
    out.integer(c.db.size);
  }),
  // RENAME key newkey
  command('rename', (ctx, c, argv, out) => renameGeneric(ctx, c, argv, out, false)),
  // RENAMENX key newkey
  command('renamenx', (ctx, c, argv, out) => renameGeneric(ctx, c, argv, out, true)),
  // COPY source destination [DB destination-db] [REPLACE]
  command('copy', (ctx, c, argv, out) => {
    let dst = c.db;
    let replace = false;
    for (let i = 3; i < argv.length; i++) {
      if (eqi(argv[i], 'replace')) {
        replace = true;
      } else if (eqi(argv[i], 'db') && i < argv.length - 1) {
        const id = parseInt32(argv[i + 1]);
        if (typeof id === 'string') return out.error(id);
        const db = ctx.keyspace.dbs[id];
        if (id < 0 || db === undefined) return out.error(Err.DB_OUT_OF_RANGE);
        dst = db;
        i++;
      } else {
        return out.error(Err.SYNTAX);
      }
    }
    if (ctx.ext.clusterEnabled === true && (c.db.id !== 0 || dst.id !== 0)) return out.error(Err.COPY_CLUSTER);
    const src = argv[1];
    const newkey = argv[2];
    if (dst === c.db && src === newkey) return out.error(Err.SAME_OBJECT);
    const obj = c.db.lookupRead(src);
    if (obj === undefined) return out.integer(0);
    const expire = c.db.getExpire(src);
    if (dst.lookupWrite(newkey) !== undefined) {
      if (!replace) return out.integer(0);
      dst.delete(newkey);
    }
    addKey(ctx, dst, newkey, dupValue(obj, ctx.keyspace.lruClock()));
    if (expire !== -1) dst.setExpire(newkey, expire);
    ctx.keyspace.touch(dst, newkey, 'g', 'copy_to');
    out.integer(1);
  }),
  // MOVE key db
  command('move', (ctx, c, argv, out) => {
    if (ctx.ext.clusterEnabled === true) return out.error(Err.MOVE_CLUSTER);
    const id = parseInt32(argv[2]);
    if (typeof id === 'string') return out.error(id);
    const dst = ctx.keyspace.dbs[id];
    if (id < 0 || dst === undefined) return out.error(Err.DB_OUT_OF_RANGE);
    const src = c.db;
    if (src === dst) return out.error(Err.SAME_OBJECT);
    const key = argv[1];
    const obj = src.lookupWrite(key);
    if (obj === undefined) return out.integer(0);
    const expire = src.getExpire(key);
    if (dst.lookupWrite(key) !== undefined) return out.integer(0);
    src.detach(key);
    addKey(ctx, dst, key, obj);
    if (expire !== -1) dst.setExpire(key, expire);
    ctx.keyspace.modified(src, key);
    ctx.keyspace.modified(dst, key);
    ctx.keyspace.notify('g', 'move_from', key, src.id);
    ctx.keyspace.notify('g', 'move_to', key, dst.id);
    ctx.keyspace.changed();
    out.integer(1);
  }),
  // SWAPDB index1 index2
  command('swapdb', (ctx, c, argv, out) => {
    if (ctx.ext.clusterEnabled === true) return out.error(Err.SWAPDB_CLUSTER);
    // A custom message replaces both of getIntFromObject's errors here.
    const id1 = parseInt32(argv[1]);
    if (typeof id1 === 'string') return out.error(Err.INVALID_FIRST_DB);
    const id2 = parseInt32(argv[2]);
    if (typeof id2 === 'string') return out.error(Err.INVALID_SECOND_DB);
    const dbs = ctx.keyspace.dbs;
    if (id1 < 0 || id1 >= dbs.length || id2 < 0 || id2 >= dbs.length) return out.error(Err.DB_OUT_OF_RANGE);
    ctx.keyspace.swapDb(id1, id2);
    // Counted even for SWAPDB 1 1, which Redis propagates too.
    ctx.keyspace.changed();
    out.ok();
  }),
  // FLUSHDB [ASYNC|SYNC]
  command('flushdb', (ctx, c, argv, out) => {
    if (!flushMode(argv)) return out.error(Err.SYNTAX);
    // No per-key events: Redis announces nothing for a flush.
    ctx.keyspace.flushDb(c.db);
    // Propagated even when the database was empty, as Redis does.
    ctx.exec.forcePropagation();
    out.ok();
  }),
  // FLUSHALL [ASYNC|SYNC]
  command('flushall', (ctx, c, argv, out) => {
    if (!flushMode(argv)) return out.error(Err.SYNTAX);
    ctx.keyspace.emptyAll(true);
    // FLUSHALL counts as a change even on empty databases, as in Redis.
    ctx.keyspace.changed();
    out.ok();
  }),
  // OBJECT <subcommand> ...
  { ...META.object, subcommands: objectSubcommands },
];
