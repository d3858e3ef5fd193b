/**
 * List commands, blocking ones included (they wait through
 * src/keyspace/blocking.ts and are re-run by it when a key they wait on
 * receives elements).
 */
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import type { ArgDoc, CommandSpec, KeySpec } from './spec.js';
import { RObj } from '../keyspace/object.js';
import { ListValue, listLimits } from '../types/list.js';
import { Err, errArity } from '../errors.js';
import { eqi, parseI64, parseInteger } from './args.js';
import { blockForKeys, cannotBlock, parseTimeout, wakeKey } from '../keyspace/blocking.js';

type Where = 'left' | 'right';

const spec = (flags: KeySpec['flags'], index: number, lastkey = 0): KeySpec => ({
  flags,
  begin: { index },
  find: { range: { lastkey, keystep: 1, limit: 0 } },
});
const KEY_INSERT = [spec(['RW', 'insert'], 1)];
const KEY_POP = [spec(['RW', 'access', 'delete'], 1)];
const KEY_READ = [spec(['RO', 'access'], 1)];
const KEY_MOVE = [spec(['RW', 'access', 'delete'], 1), spec(['RW', 'insert'], 2)];
const keynumSpec = (index: number): KeySpec[] => [
  { flags: ['RW', 'access', 'delete'], begin: { index }, find: { keynum: { keynumidx: 0, firstkey: 1, keystep: 1 } } },
];

const KEY_ARG: ArgDoc = { name: 'key', type: 'key', key_spec_index: 0 };
const KEYS_ARG: ArgDoc = { name: 'key', type: 'key', key_spec_index: 0, flags: ['multiple'] };
const ELEMENTS_ARG: ArgDoc = { name: 'element', type: 'string', flags: ['multiple'] };
const TIMEOUT_ARG: ArgDoc = { name: 'timeout', type: 'double' };
const sideArg = (name: string): ArgDoc => ({
  name,
  type: 'oneof',
  arguments: [
    { name: 'left', type: 'pure-token', token: 'LEFT' },
    { name: 'right', type: 'pure-token', token: 'RIGHT' },
  ],
});
const MOVE_ARGS: ArgDoc[] = [
  { name: 'source', type: 'key', key_spec_index: 0 },
  { name: 'destination', type: 'key', key_spec_index: 1 },
  sideArg('wherefrom'),
  sideArg('whereto'),
];
const MPOP_ARGS: ArgDoc[] = [{ name: 'numkeys', type: 'integer' }, KEYS_ARG, sideArg('where'), { name: 'count', type: 'integer', token: 'COUNT', flags: ['optional'] }];
const TIMEOUT_HISTORY = [['6.0.0', 'The `timeout` argument is a double now, it was an integer.']] as const;
const PUSH_COMPLEXITY = 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.';
const MPOP_COMPLEXITY = 'O(N+M) where N is the number of provided keys and M is the number of elements returned.';

/** The list at key for a write, undefined if absent, null after replying WRONGTYPE. */
function listForWrite(c: Client, key: string, out: ReplyWriter): ListValue | undefined | null {
  const obj = c.db.lookupWrite(key);
  if (obj === undefined) return undefined;
  if (obj.type !== 'list') {
    out.error(Err.WRONGTYPE);
    return null;
  }
  return obj.value as ListValue;
}

function parseWhere(arg: string): Where | null {
  if (eqi(arg, 'left')) return 'left';
  if (eqi(arg, 'right')) return 'right';
  return null;
}

/** Creates an empty list at key (announcing the new key); the caller fills it. */
function createList(ctx: ServerContext, c: Client, key: string): ListValue {
  const list = new ListValue(listLimits(ctx.config));
  c.db.add(key, new RObj('list', list, ctx.keyspace.lruClock()));
  ctx.keyspace.notify('n', 'new', key, c.db.id);
  return list;
}

/** After popping n elements: the pop event, then 'del' if the list emptied (listElementsRemoved). */
function popped(ctx: ServerContext, c: Client, key: string, list: ListValue, where: Where, n: number): void {
  ctx.keyspace.touch(c.db, key, 'l', where === 'left' ? 'lpop' : 'rpop', n);
  deleteIfEmpty(ctx, c, key, list);
}

function deleteIfEmpty(ctx: ServerContext, c: Client, key: string, list: ListValue): void {
  if (list.length !== 0) return;
  c.db.delete(key);
  ctx.keyspace.notify('g', 'del', key, c.db.id);
}

function pop(list: ListValue, where: Where): string {
  return (where === 'left' ? list.popHead() : list.popTail())!;
}

/** Replies [key, [elements]] popping up to count elements (BLMPOP/LMPOP). */
function popRangeWithKey(ctx: ServerContext, c: Client, key: string, list: ListValue, where: Where, count: number, out: ReplyWriter): void {
  const n = Math.min(count, list.length);
  out.array(2);
  out.bulkLatin1(key);
  out.array(n);
  for (let i = 0; i < n; i++) out.bulkLatin1(pop(list, where));
  // Replicas get a plain pop of what was taken, from the key it was taken from.
  const ex = ctx.exec;
  if (ex.propagating) ex.rewriteArgv([where === 'left' ? 'LPOP' : 'RPOP', key, String(n)]);
  popped(ctx, c, key, list, where, n);
}

// LPUSH/RPUSH/LPUSHX/RPUSHX key element [element ...]
function pushGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, where: Where, onlyExisting: boolean): void {
  const key = argv[1];
  let list = listForWrite(c, key, out);
  if (list === null) return;
  if (list === undefined) {
    if (onlyExisting) return out.integer(0);
    list = createList(ctx, c, key);
  }
  if (where === 'left') for (let i = 2; i < argv.length; i++) list.pushHead(argv[i]);
  else for (let i = 2; i < argv.length; i++) list.pushTail(argv[i]);
  ctx.keyspace.touch(c.db, key, 'l', where === 'left' ? 'lpush' : 'rpush', argv.length - 2);
  out.integer(list.length);
}

// LPOP/RPOP key [count]
function popGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, where: Where): void {
  if (argv.length > 3) return out.error(errArity(where === 'left' ? 'lpop' : 'rpop'));
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const n = parseInteger(argv[2]);
    if (n === null || n < 0) return out.error(Err.MUST_BE_POSITIVE);
    count = n;
  }
  const key = argv[1];
  const list = listForWrite(c, key, out);
  if (list === null) return;
  if (list === undefined) return hasCount ? out.nullArray() : out.null();
  if (!hasCount) {
    out.bulkLatin1(pop(list, where));
    return popped(ctx, c, key, list, where, 1);
  }
  if (count === 0) return out.array(0);
  const n = Math.min(count, list.length);
  out.array(n);
  for (let i = 0; i < n; i++) out.bulkLatin1(pop(list, where));
  popped(ctx, c, key, list, where, n);
}

/** LMOVE's body once the source is known to hold elements: pop, push, events in Redis's order. */
function moveGeneric(ctx: ServerContext, c: Client, src: string, list: ListValue, dst: string, from: Where, to: Where, out: ReplyWriter): void {
  const dstList = listForWrite(c, dst, out);
  if (dstList === null) return;
  const value = pop(list, from);
  const target = dstList ?? createList(ctx, c, dst);
  if (to === 'left') target.pushHead(value);
  else target.pushTail(value);
  ctx.keyspace.touch(c.db, dst, 'l', to === 'left' ? 'lpush' : 'rpush', 0);
  out.bulkLatin1(value);
  popped(ctx, c, src, list, from, 1);
}

// LMOVE source destination LEFT|RIGHT LEFT|RIGHT, RPOPLPUSH source destination
function lmoveGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, from: Where, to: Where): void {
  const src = argv[1];
  const list = listForWrite(c, src, out);
  if (list === null) return;
  if (list === undefined) return out.null();
  moveGeneric(ctx, c, src, list, argv[2], from, to, out);
}

// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout, BRPOPLPUSH source destination timeout
function blmoveGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, from: Where, to: Where, timeoutArg: string): void {
  const deadline = parseTimeout(ctx, timeoutArg);
  if (typeof deadline === 'string') return out.error(deadline);
  const src = argv[1];
  const list = listForWrite(c, src, out);
  if (list === null) return;
  if (list !== undefined) {
    // Replicas must not block: they get the non-blocking form.
    const ex = ctx.exec;
    if (ex.propagating) ex.rewriteArgv(argv.length === 6 ? ['LMOVE', src, argv[2], argv[3], argv[4]] : ['RPOPLPUSH', src, argv[2]]);
    return moveGeneric(ctx, c, src, list, argv[2], from, to, out);
  }
  // Inside MULTI Redis answers a plain null here, but a timeout with a null array.
  if (cannotBlock(ctx, c)) return out.null();
  blockForKeys(ctx, c, [src], deadline, timedOut);
}

function timedOut(c: Client): void {
  c.out.nullArray();
}

/** The keys a blocking pop may serve from: only the one that woke it when re-run (Redis 7.0 serves from that key). */
function candidateKeys(ctx: ServerContext, c: Client, keys: string[]): string[] {
  const woken = wakeKey(ctx, c);
  return woken === null ? keys : [woken];
}

// BLPOP/BRPOP key [key ...] timeout
function blockingPopGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, where: Where): void {
  const deadline = parseTimeout(ctx, argv[argv.length - 1]);
  if (typeof deadline === 'string') return out.error(deadline);
  const keys: string[] = [];
  for (let i = 1; i < argv.length - 1; i++) keys.push(argv[i]);
  for (const key of candidateKeys(ctx, c, keys)) {
    const list = listForWrite(c, key, out);
    if (list === null) return;
    if (list === undefined) continue;
    out.array(2);
    out.bulkLatin1(key);
    out.bulkLatin1(pop(list, where));
    // Replicas must not block: they get the non-blocking pop of the key served.
    const ex = ctx.exec;
    if (ex.propagating) ex.rewriteArgv([where === 'left' ? 'LPOP' : 'RPOP', key]);
    return popped(ctx, c, key, list, where, 1);
  }
  if (cannotBlock(ctx, c)) return out.nullArray();
  blockForKeys(ctx, c, keys, deadline, timedOut);
}

/** Parses "numkeys key... LEFT|RIGHT [COUNT n]" from numkeysAt; replies the error and returns null on failure. */
function parseMpop(argv: string[], numkeysAt: number, out: ReplyWriter): { keys: string[]; where: Where; count: number } | null {
  const numkeys = parseInteger(argv[numkeysAt]);
  if (numkeys === null || numkeys < 1) {
    out.error(Err.NUMKEYS_NOT_POSITIVE);
    return null;
  }
  const whereAt = numkeysAt + numkeys + 1;
  if (whereAt >= argv.length) {
    out.error(Err.SYNTAX);
    return null;
  }
  const where = parseWhere(argv[whereAt]);
  if (where === null) {
    out.error(Err.SYNTAX);
    return null;
  }
  let count = -1;
  for (let j = whereAt + 1; j < argv.length; j++) {
    if (count === -1 && eqi(argv[j], 'count') && j + 1 < argv.length) {
      const n = parseInteger(argv[++j]);
      if (n === null || n < 1) {
        out.error(Err.COUNT_NOT_POSITIVE);
        return null;
      }
      count = n;
    } else {
      out.error(Err.SYNTAX);
      return null;
    }
  }
  const keys: string[] = [];
  for (let i = numkeysAt + 1; i < whereAt; i++) keys.push(argv[i]);
  return { keys, where, count: count === -1 ? 1 : count };
}

// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count], BLMPOP timeout numkeys ...
function mpopGeneric(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter, blocking: boolean): void {
  const p = parseMpop(argv, blocking ? 2 : 1, out);
  if (p === null) return;
  let deadline = 0;
  if (blocking) {
    const d = parseTimeout(ctx, argv[1]);
    if (typeof d === 'string') return out.error(d);
    deadline = d;
  }
  for (const key of blocking ? candidateKeys(ctx, c, p.keys) : p.keys) {
    const list = listForWrite(c, key, out);
    if (list === null) return;
    if (list === undefined) continue;
    return popRangeWithKey(ctx, c, key, list, p.where, p.count, out);
  }
  if (!blocking || cannotBlock(ctx, c)) return out.nullArray();
  blockForKeys(ctx, c, p.keys, deadline, timedOut);
}

/** Redis's index arithmetic for LRANGE/LTRIM: [start, end] clamped, or null when empty. */
function clampRange(start: number, end: number, len: number): [number, number] | null {
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

export const listCommands: CommandSpec[] = [
  {
    // LPUSH key element [element ...]
    name: 'lpush',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['list'],
    keySpecs: KEY_INSERT,
    group: 'list',
    since: '1.0.0',
    complexity: PUSH_COMPLEXITY,
    summary: 'Prepends one or more elements to a list, creating it if needed.',
    history: [['2.4.0', 'Several `element` arguments may be given.']],
    args: [KEY_ARG, ELEMENTS_ARG],
    run: (ctx, c, argv, out) => pushGeneric(ctx, c, argv, out, 'left', false),
  },
  {
    // RPUSH key element [element ...]
    name: 'rpush',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['list'],
    keySpecs: KEY_INSERT,
    group: 'list',
    since: '1.0.0',
    complexity: PUSH_COMPLEXITY,
    summary: 'Appends one or more elements to a list, creating it if needed.',
    history: [['2.4.0', 'Several `element` arguments may be given.']],
    args: [KEY_ARG, ELEMENTS_ARG],
    run: (ctx, c, argv, out) => pushGeneric(ctx, c, argv, out, 'right', false),
  },
  {
    // LPUSHX key element [element ...]
    name: 'lpushx',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['list'],
    keySpecs: KEY_INSERT,
    group: 'list',
    since: '2.2.0',
    complexity: PUSH_COMPLEXITY,
    summary: 'Prepends elements to a list only when the list already exists.',
    history: [['4.0.0', 'Several `element` arguments may be given.']],
    args: [KEY_ARG, ELEMENTS_ARG],
    run: (ctx, c, argv, out) => pushGeneric(ctx, c, argv, out, 'left', true),
  },
  {
    // RPUSHX key element [element ...]
    name: 'rpushx',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['list'],
    keySpecs: KEY_INSERT,
    group: 'list',
    since: '2.2.0',
    complexity: PUSH_COMPLEXITY,
    summary: 'Appends elements to a list only when the list already exists.',
    history: [['4.0.0', 'Several `element` arguments may be given.']],
    args: [KEY_ARG, ELEMENTS_ARG],
    run: (ctx, c, argv, out) => pushGeneric(ctx, c, argv, out, 'right', true),
  },
  {
    // LPOP key [count]
    name: 'lpop',
    arity: -2,
    flags: ['write', 'fast'],
    acl: ['list'],
    keySpecs: KEY_POP,
    group: 'list',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of elements returned',
    summary: 'Removes and returns the first elements of a list; deletes the list once empty.',
    history: [['6.2.0', 'The optional `count` argument was added.']],
    args: [KEY_ARG, { name: 'count', type: 'integer', since: '6.2.0', flags: ['optional'] }],
    run: (ctx, c, argv, out) => popGeneric(ctx, c, argv, out, 'left'),
  },
  {
    // RPOP key [count]
    name: 'rpop',
    arity: -2,
    flags: ['write', 'fast'],
    acl: ['list'],
    keySpecs: KEY_POP,
    group: 'list',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of elements returned',
    summary: 'Removes and returns the last elements of a list; deletes the list once empty.',
    history: [['6.2.0', 'The optional `count` argument was added.']],
    args: [KEY_ARG, { name: 'count', type: 'integer', since: '6.2.0', flags: ['optional'] }],
    run: (ctx, c, argv, out) => popGeneric(ctx, c, argv, out, 'right'),
  },
  {
    // LRANGE key start stop
    name: 'lrange',
    arity: 4,
    flags: ['readonly'],
    acl: ['list'],
    keySpecs: KEY_READ,
    group: 'list',
    since: '1.0.0',
    complexity:
      'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
    summary: 'Returns the elements of a list between two indexes.',
    args: [KEY_ARG, { name: 'start', type: 'integer' }, { name: 'stop', type: 'integer' }],
    run(ctx, c, argv, out) {
      const start = parseInteger(argv[2]);
      const end = parseInteger(argv[3]);
      if (start === null || end === null) return out.error(Err.NOT_INTEGER);
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return out.array(0);
      if (obj.type !== 'list') return out.error(Err.WRONGTYPE);
      const list = obj.value as ListValue;
      const r = clampRange(start, end, list.length);
      if (r === null) return out.array(0);
      out.array(r[1] - r[0] + 1);
      list.forRange(
        r[0],
        r[1],
        (items, from, to) => out.bulkItems(items, from, to),
        (data, ends, from, to) => out.bulkRun(data, ends, from, to),
      );
    },
  },
  {
    // LINDEX key index
    name: 'lindex',
    arity: 3,
    flags: ['readonly'],
    acl: ['list'],
    keySpecs: KEY_READ,
    group: 'list',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).',
    summary: 'Returns the element at an index of a list.',
    args: [KEY_ARG, { name: 'index', type: 'integer' }],
    run(ctx, c, argv, out) {
      // Redis looks the key up before parsing the index.
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return out.null();
      if (obj.type !== 'list') return out.error(Err.WRONGTYPE);
      const index = parseInteger(argv[2]);
      if (index === null) return out.error(Err.NOT_INTEGER);
      const v = (obj.value as ListValue).index(index);
      if (v === undefined) out.null();
      else out.bulkLatin1(v);
    },
  },
  {
    // LSET key index element
    name: 'lset',
    arity: 4,
    flags: ['write', 'denyoom'],
    acl: ['list'],
    keySpecs: [spec(['RW', 'update'], 1)],
    group: 'list',
    since: '1.0.0',
    complexity: 'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).',
    summary: 'Replaces the element at an index of a list.',
    args: [KEY_ARG, { name: 'index', type: 'integer' }, { name: 'element', type: 'string' }],
    run(ctx, c, argv, out) {
      const key = argv[1];
      const list = listForWrite(c, key, out);
      if (list === null) return;
      if (list === undefined) return out.error(Err.NO_SUCH_KEY);
      const index = parseInteger(argv[2]);
      if (index === null) return out.error(Err.NOT_INTEGER);
      if (!list.set(index, argv[3])) return out.error(Err.OUT_OF_RANGE);
      ctx.keyspace.touch(c.db, key, 'l', 'lset');
      out.ok();
    },
  },
  {
    // LINSERT key BEFORE|AFTER pivot element
    name: 'linsert',
    arity: 5,
    flags: ['write', 'denyoom'],
    acl: ['list'],
    keySpecs: KEY_INSERT,
    group: 'list',
    since: '2.2.0',
    complexity:
      'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).',
    summary: 'Inserts an element before or after another element of a list.',
    args: [
      KEY_ARG,
      {
        name: 'where',
        type: 'oneof',
        arguments: [
          { name: 'before', type: 'pure-token', token: 'BEFORE' },
          { name: 'after', type: 'pure-token', token: 'AFTER' },
        ],
      },
      { name: 'pivot', type: 'string' },
      { name: 'element', type: 'string' },
    ],
    run(ctx, c, argv, out) {
      let after: boolean;
      if (eqi(argv[2], 'after')) after = true;
      else if (eqi(argv[2], 'before')) after = false;
      else return out.error(Err.SYNTAX);
      const key = argv[1];
      const list = listForWrite(c, key, out);
      if (list === null) return;
      if (list === undefined) return out.integer(0);
      const len = list.insert(argv[3], argv[4], after);
      // Pivot absent: no change, no event.
      if (len === -1) return out.integer(-1);
      ctx.keyspace.touch(c.db, key, 'l', 'linsert');
      out.integer(len);
    },
  },
  {
    // LREM key count element
    name: 'lrem',
    arity: 4,
    flags: ['write'],
    acl: ['list'],
    keySpecs: [spec(['RW', 'delete'], 1)],
    group: 'list',
    since: '1.0.0',
    complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.',
    summary: 'Removes occurrences of an element from a list; deletes the list once empty.',
    args: [KEY_ARG, { name: 'count', type: 'integer' }, { name: 'element', type: 'string' }],
    run(ctx, c, argv, out) {
      const count = parseInteger(argv[2]);
      if (count === null) return out.error(Err.NOT_INTEGER);
      const key = argv[1];
      const list = listForWrite(c, key, out);
      if (list === null) return;
      if (list === undefined) return out.integer(0);
      const removed = list.remove(count, argv[3]);
      if (removed !== 0) ctx.keyspace.touch(c.db, key, 'l', 'lrem', removed);
      deleteIfEmpty(ctx, c, key, list);
      out.integer(removed);
    },
  },
  {
    // LTRIM key start stop
    name: 'ltrim',
    arity: 4,
    flags: ['write'],
    acl: ['list'],
    keySpecs: [spec(['RW', 'delete'], 1)],
    group: 'list',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of elements to be removed by the operation.',
    summary: 'Keeps only the elements of a list between two indexes; deletes the list once empty.',
    args: [KEY_ARG, { name: 'start', type: 'integer' }, { name: 'stop', type: 'integer' }],
    run(ctx, c, argv, out) {
      const start = parseInteger(argv[2]);
      const end = parseInteger(argv[3]);
      if (start === null || end === null) return out.error(Err.NOT_INTEGER);
      const key = argv[1];
      const list = listForWrite(c, key, out);
      if (list === null) return;
      if (list === undefined) return out.ok();
      const before = list.length;
      const r = clampRange(start, end, before);
      if (r === null) list.trim(1, 0);
      else list.trim(r[0], r[1]);
      // The event comes even when nothing was trimmed.
      ctx.keyspace.touch(c.db, key, 'l', 'ltrim', before - list.length);
      deleteIfEmpty(ctx, c, key, list);
      out.ok();
    },
  },
  {
    // LLEN key
    name: 'llen',
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['list'],
    keySpecs: [spec(['RO'], 1)],
    group: 'list',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Returns the number of elements of a list.',
    args: [KEY_ARG],
    run(ctx, c, argv, out) {
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return out.integer(0);
      if (obj.type !== 'list') return out.error(Err.WRONGTYPE);
      out.integer((obj.value as ListValue).length);
    },
  },
  {
    // LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
    name: 'lpos',
    arity: -3,
    flags: ['readonly'],
    acl: ['list'],
    keySpecs: KEY_READ,
    group: 'list',
    since: '6.0.6',
    complexity:
      'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.',
    summary: 'Returns the indexes of the elements of a list equal to a value.',
    args: [
      KEY_ARG,
      { name: 'element', type: 'string' },
      { name: 'rank', type: 'integer', token: 'RANK', flags: ['optional'] },
      { name: 'num-matches', type: 'integer', token: 'COUNT', flags: ['optional'] },
      { name: 'len', type: 'integer', token: 'MAXLEN', flags: ['optional'] },
    ],
    run(ctx, c, argv, out) {
      let rank = 1;
      let count = -1;
      let maxlen = 0;
      for (let j = 3; j < argv.length; j++) {
        const more = j + 1 < argv.length;
        if (more && eqi(argv[j], 'rank')) {
          const r = parseI64(argv[++j]);
          if (r === null) return out.error(Err.NOT_INTEGER);
          if (r === 0n) return out.error(Err.LPOS_RANK_ZERO);
          // Redis 7.0 negates LLONG_MIN into itself: a tail scan whose COUNT test overflows, so COUNT never stops it.
          rank = r === -9223372036854775808n ? -Infinity : Number(r);
        } else if (more && eqi(argv[j], 'count')) {
          const n = parseInteger(argv[++j]);
          if (n === null || n < 0) return out.error(Err.LPOS_COUNT_NEGATIVE);
          count = n;
        } else if (more && eqi(argv[j], 'maxlen')) {
          const n = parseInteger(argv[++j]);
          if (n === null || n < 0) return out.error(Err.LPOS_MAXLEN_NEGATIVE);
          maxlen = n;
        } else {
          return out.error(Err.SYNTAX);
        }
      }
      const obj = c.db.lookupRead(argv[1]);
      if (obj === undefined) return count !== -1 ? out.array(0) : out.null();
      if (obj.type !== 'list') return out.error(Err.WRONGTYPE);
      let want = count === -1 ? 1 : count;
      if (rank === -Infinity) {
        rank = -1;
        if (count !== -1) want = 0;
      }
      const found = (obj.value as ListValue).positions(argv[2], rank, want, maxlen);
      if (count === -1) {
        if (found.length === 0) out.null();
        else out.integer(found[0]);
        return;
      }
      out.array(found.length);
      for (const i of found) out.integer(i);
    },
  },
  {
    // LMOVE source destination LEFT|RIGHT LEFT|RIGHT
    name: 'lmove',
    arity: 5,
    flags: ['write', 'denyoom'],
    acl: ['list'],
    keySpecs: KEY_MOVE,
    group: 'list',
    since: '6.2.0',
    complexity: 'O(1)',
    summary: 'Pops an element from one end of a list and pushes it onto an end of another (or the same) list.',
    args: MOVE_ARGS,
    run(ctx, c, argv, out) {
      const from = parseWhere(argv[3]);
      const to = parseWhere(argv[4]);
      if (from === null || to === null) return out.error(Err.SYNTAX);
      lmoveGeneric(ctx, c, argv, out, from, to);
    },
  },
  {
    // RPOPLPUSH source destination
    name: 'rpoplpush',
    arity: 3,
    flags: ['write', 'denyoom'],
    acl: ['list'],
    keySpecs: KEY_MOVE,
    group: 'list',
    since: '1.2.0',
    complexity: 'O(1)',
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`LMOVE` with the `RIGHT` and `LEFT` arguments',
    summary: 'Pops the last element of a list and pushes it onto the head of another (or the same) list.',
    args: [
      { name: 'source', type: 'key', key_spec_index: 0 },
      { name: 'destination', type: 'key', key_spec_index: 1 },
    ],
    run: (ctx, c, argv, out) => lmoveGeneric(ctx, c, argv, out, 'right', 'left'),
  },
  {
    // LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
    name: 'lmpop',
    arity: -4,
    flags: ['write'],
    acl: ['list'],
    keySpecs: keynumSpec(1),
    group: 'list',
    since: '7.0.0',
    complexity: MPOP_COMPLEXITY,
    summary: 'Pops elements from the first non-empty list among several keys.',
    args: MPOP_ARGS,
    run: (ctx, c, argv, out) => mpopGeneric(ctx, c, argv, out, false),
  },
  {
    // BLPOP key [key ...] timeout
    name: 'blpop',
    arity: -3,
    flags: ['write', 'noscript', 'blocking'],
    acl: ['list'],
    keySpecs: [spec(['RW', 'access', 'delete'], 1, -2)],
    group: 'list',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of provided keys.',
    summary: 'Pops the first element of the first non-empty list, waiting for one if all are empty.',
    history: TIMEOUT_HISTORY,
    args: [KEYS_ARG, TIMEOUT_ARG],
    run: (ctx, c, argv, out) => blockingPopGeneric(ctx, c, argv, out, 'left'),
  },
  {
    // BRPOP key [key ...] timeout
    name: 'brpop',
    arity: -3,
    flags: ['write', 'noscript', 'blocking'],
    acl: ['list'],
    keySpecs: [spec(['RW', 'access', 'delete'], 1, -2)],
    group: 'list',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of provided keys.',
    summary: 'Pops the last element of the first non-empty list, waiting for one if all are empty.',
    history: TIMEOUT_HISTORY,
    args: [KEYS_ARG, TIMEOUT_ARG],
    run: (ctx, c, argv, out) => blockingPopGeneric(ctx, c, argv, out, 'right'),
  },
  {
    // BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
    name: 'blmove',
    arity: 6,
    flags: ['write', 'denyoom', 'noscript', 'blocking'],
    acl: ['list'],
    keySpecs: KEY_MOVE,
    group: 'list',
    since: '6.2.0',
    complexity: 'O(1)',
    summary: 'Moves an element from one list to another, waiting for the source to receive one if it is empty.',
    args: [...MOVE_ARGS, TIMEOUT_ARG],
    run(ctx, c, argv, out) {
      const from = parseWhere(argv[3]);
      const to = parseWhere(argv[4]);
      if (from === null || to === null) return out.error(Err.SYNTAX);
      blmoveGeneric(ctx, c, argv, out, from, to, argv[5]);
    },
  },
  {
    // BRPOPLPUSH source destination timeout
    name: 'brpoplpush',
    arity: 4,
    flags: ['write', 'denyoom', 'noscript', 'blocking'],
    acl: ['list'],
    keySpecs: KEY_MOVE,
    group: 'list',
    since: '2.2.0',
    complexity: 'O(1)',
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`BLMOVE` with the `RIGHT` and `LEFT` arguments',
    summary: 'Pops the last element of a list and pushes it onto another, waiting for the source to receive one if it is empty.',
    history: TIMEOUT_HISTORY,
    args: [{ name: 'source', type: 'key', key_spec_index: 0 }, { name: 'destination', type: 'key', key_spec_index: 1 }, TIMEOUT_ARG],
    run: (ctx, c, argv, out) => blmoveGeneric(ctx, c, argv, out, 'right', 'left', argv[3]),
  },
  {
    // BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
    name: 'blmpop',
    arity: -5,
    flags: ['write', 'blocking'],
    acl: ['list'],
    keySpecs: keynumSpec(2),
    group: 'list',
    since: '7.0.0',
    complexity: MPOP_COMPLEXITY,
    summary: 'Pops elements from the first non-empty list among several keys, waiting for one if all are empty.',
    args: [TIMEOUT_ARG, ...MPOP_ARGS],
    run: (ctx, c, argv, out) => mpopGeneric(ctx, c, argv, out, true),
  },
];
