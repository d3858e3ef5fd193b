/**
 * Time to live: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX|XX|GT|LT),
 * TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST.
 */
import type { CommandSpec } from '../spec.js';
import type { ServerContext } from '../../server/context.js';
import type { Client } from '../../server/client.js';
import type { ReplyWriter } from '../../protocol/writer.js';
import { Err, errInvalidExpire, errUnsupportedOption } from '../../errors.js';
import { eqi, parseI64, cstr } from '../args.js';
import { alreadyExpired, command, lookupNoTouch } from './common.js';

const LLONG_MAX = (1n << 63n) - 1n;
const LLONG_MIN = -(1n << 63n);

const NX = 1;
const XX = 2;
const GT = 4;
const LT = 8;

/** The optional NX|XX|GT|LT words; an error text, or the flag bits. */
function parseConditions(argv: string[]): number | string {
  let flags = 0;
  for (let i = 3; i < argv.length; i++) {
    const a = argv[i];
    if (eqi(a, 'nx')) flags |= NX;
    else if (eqi(a, 'xx')) flags |= XX;
    else if (eqi(a, 'gt')) flags |= GT;
    else if (eqi(a, 'lt')) flags |= LT;
    else return errUnsupportedOption(cstr(a));
  }
  if (flags & NX && flags & (XX | GT | LT)) return Err.NX_XX_GT_LT;
  if (flags & GT && flags & LT) return Err.EXPIRE_GT_LT;
  return flags;
}

/**
 * The body of the four setters. `base` is the time the argument counts
 * from (now for relative forms, 0 for absolute), `seconds` its unit.
 */
function expireGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, name: string, relative: boolean, seconds: boolean): void {
  const flags = parseConditions(argv);
  if (typeof flags === 'string') return out.error(flags);
  let when = parseI64(argv[2]);
  if (when === null) return out.error(Err.NOT_INTEGER);
  // Negative times are allowed (they delete the key); only overflow is refused.
  if (seconds) {
    if (when > LLONG_MAX / 1000n || when < LLONG_MIN / 1000n) return out.error(errInvalidExpire(name));
    when *= 1000n;
  }
  const base = relative ? BigInt(ctx.keyspace.now()) : 0n;
  if (when > LLONG_MAX - base) return out.error(errInvalidExpire(name));
  when += base;
  const key = argv[1];
  if (c.db.lookupWrite(key) === undefined) return out.integer(0);
  const at = Number(when);
  if (flags !== 0) {
    const current = c.db.getExpire(key);
    if (flags & NX && current !== -1) return out.integer(0);
    if (flags & XX && current === -1) return out.integer(0);
    // No TTL counts as an infinite one: GT always fails on it, LT always passes.
    if (flags & GT && (current === -1 || at <= current)) return out.integer(0);
    if (flags & LT && current !== -1 && at >= current) return out.integer(0);
  }
  const ex = ctx.exec;
  if (alreadyExpired(ctx, at)) {
    if (ex.propagating) ex.rewriteArgv([ctx.keyspace.lazyfreeExpire ? 'UNLINK' : 'DEL', key]);
    c.db.delete(key);
    ctx.keyspace.touch(c.db, key, 'g', 'del');
    return out.integer(1);
  }
  // Replicas and the AOF get the absolute time, so a replay expires when the original does; conditions stay.
  if (ex.propagating && name !== 'pexpireat') ex.rewriteArgv(['PEXPIREAT', key, String(at), ...argv.slice(3)]);
  c.db.setExpire(key, at);
  ctx.keyspace.touch(c.db, key, 'g', 'expire');
  out.integer(1);
}

/** TTL and friends: -2 for a missing key, -1 without a deadline. */
function ttlGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, ms: boolean, absolute: boolean): void {
  const key = argv[1];
  if (lookupNoTouch(ctx, c.db, key) === undefined) return out.integer(-2);
  const expire = c.db.getExpire(key);
  if (expire === -1) return out.integer(-1);
  let ttl = absolute ? expire : expire - ctx.keyspace.now();
  if (ttl < 0) ttl = 0;
  out.integer(ms ? ttl : Math.floor((ttl + 500) / 1000));
}

export const expireCommands: CommandSpec[] = [
  // EXPIRE key seconds [NX|XX|GT|LT]
  command('expire', (ctx, c, argv, out) => expireGeneric(ctx, c, argv, out, 'expire', true, true)),
  // PEXPIRE key milliseconds [NX|XX|GT|LT]
  command('pexpire', (ctx, c, argv, out) => expireGeneric(ctx, c, argv, out, 'pexpire', true, false)),
  // EXPIREAT key unix-time-seconds [NX|XX|GT|LT]
  command('expireat', (ctx, c, argv, out) => expireGeneric(ctx, c, argv, out, 'expireat', false, true)),
  // PEXPIREAT key unix-time-milliseconds [NX|XX|GT|LT]
  command('pexpireat', (ctx, c, argv, out) => expireGeneric(ctx, c, argv, out, 'pexpireat', false, false)),
  // TTL key
  command('ttl', (ctx, c, argv, out) => ttlGeneric(ctx, c, argv, out, false, false)),
  // PTTL key
  command('pttl', (ctx, c, argv, out) => ttlGeneric(ctx, c, argv, out, true, false)),
  // EXPIRETIME key
  command('expiretime', (ctx, c, argv, out) => ttlGeneric(ctx, c, argv, out, false, true)),
  // PEXPIRETIME key
  command('pexpiretime', (ctx, c, argv, out) => ttlGeneric(ctx, c, argv, out, true, true)),
  // PERSIST key
  command('persist', (ctx, c, argv, out) => {
    const key = argv[1];
    if (c.db.lookupWrite(key) === undefined || !c.db.persist(key)) return out.integer(0);
    ctx.keyspace.touch(c.db, key, 'g', 'persist');
    out.integer(1);
  }),
];
