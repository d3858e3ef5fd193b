/**
 * Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, ...), as Redis 7.0 does it.
 *
 * A blocking handler that finds nothing to serve calls blockForKeys(): the
 * client joins a FIFO queue per (db, key) and a deadline heap. A key with
 * waiters that gets modified becomes "ready"; once the outermost command
 * (a whole EXEC or script included) has finished, each ready key's waiters
 * are served oldest first by re-running their own command through
 * dispatch's call(), so stats, keyspace events and propagation come out as
 * for any command. While a waiter is re-run, wakeKey() names the key that
 * woke it: Redis 7.0 serves a client from that key, not from the first
 * non-empty key of its argument list.
 *
 * Why an after-command hook with a nesting test: EXEC and scripts run their
 * commands through call() too, and Redis wakes waiters only after the
 * transaction. call() freezes the clock for the outermost command and
 * unfreezes it before running the hooks, so a hook that sees the clock
 * still frozen runs inside EXEC/EVAL and leaves the ready keys for the
 * outer call's hook. Serving synchronously from that hook (not later in
 * the event loop) keeps Redis's order: a pusher's next pipelined command
 * already sees the list as the woken clients left it.
 *
 * Timeouts: one min-heap of deadlines and one timer for every blocked
 * client, like the expiry index. Heap entries are never removed early: an
 * entry whose client is no longer blocked by the same wait is stale and
 * dropped when it surfaces (the heap is rebuilt if stale ones pile up).
 */
import type { ServerContext } from '../server/context.js';
import type { Client, BlockState } from '../server/client.js';
import type { Command } from '../commands/table.js';
import type { Db } from './db.js';
import { call } from '../server/dispatch.js';
import { CLIENT_DENY_BLOCKING } from '../server/client-flags.js';
import { Err } from '../errors.js';

/** What a key wait remembers: enough to re-run the command. */
class KeyWait {
  readonly keys: string[] = [];
  constructor(
    readonly db: Db,
    readonly cmd: Command,
    readonly argv: string[],
    /** The value type that can serve this wait: 'list', 'zset' or 'stream'. */
    readonly type: string,
  ) {}
}

interface BlockingState {
  /** Per db id: key -> clients waiting on it, oldest first (a Set keeps insertion order). */
  waiting: Map<string, Set<Client>>[];
  /** Keys with waiters, across dbs: the modified hook's fast exit. */
  waitingKeys: number;
  /** Ready keys, in the order they were signalled, deduplicated per db. */
  readyDb: Db[];
  readyKey: string[];
  readySet: Set<string>[];
  serving: boolean;
  /** The client being re-run, the state it had, and the key that woke it. */
  wakeClient: Client | null;
  wakeSaved: BlockState | null;
  wakeKey: string | null;
  /** Deadline heap: parallel arrays, like the expiry index. */
  heapWhen: number[];
  heapClient: Client[];
  heapState: BlockState[];
  timer: NodeJS.Timeout | null;
  timerAt: number;
  /** Clients unblocked during this turn whose pipelined input resumes later. */
  resume: Set<Client>;
  resumeScheduled: boolean;
  immediateServe: boolean;
}

function state(ctx: ServerContext): BlockingState {
  let s = ctx.ext.blocking as BlockingState | undefined;
  if (s === undefined) {
    s = {
      waiting: ctx.keyspace.dbs.map(() => new Map()),
      waitingKeys: 0,
      readyDb: [],
      readyKey: [],
      readySet: ctx.keyspace.dbs.map(() => new Set()),
      serving: false,
      wakeClient: null,
      wakeSaved: null,
      wakeKey: null,
      heapWhen: [],
      heapClient: [],
      heapState: [],
      timer: null,
      timerAt: Infinity,
      resume: new Set(),
      resumeScheduled: false,
      immediateServe: false,
    };
    ctx.ext.blocking = s;
  }
  return s;
}

/** Hooks the mechanism into dispatch and the keyspace; run once per context. */
export function installBlocking(ctx: ServerContext): void {
  const s = state(ctx);
  ctx.keyspace.modifiedHooks.push((db, key) => {
    if (s.waitingKeys === 0) return;
    const q = s.waiting[db.id].get(key);
    if (q === undefined) return;
    signalReady(ctx, s, db, key);
  });
  // SWAPDB moves contents under the waiters' feet: every awaited key of both dbs may now hold data.
  ctx.keyspace.swappedHooks.push((id1, id2) => {
    signalDbReady(ctx, ctx.keyspace.dbs[id1]);
    signalDbReady(ctx, ctx.keyspace.dbs[id2]);
  });
  ctx.afterUnitHooks.push(() => {
    if (s.readyKey.length === 0 || s.serving) return;
    serveReady(ctx, s);
  });
  ctx.ext.unblockClient = (id: number, mode: 'timeout' | 'error') => unblockClientById(ctx, id, mode);
  Object.defineProperty(ctx.ext, 'blockedClients', { get: () => blockedCount(ctx), enumerable: true, configurable: true });
  const hooks = (ctx.ext.shutdownHooks ??= []) as (() => void)[];
  hooks.push(() => {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
  });
}

/** See the contract in BLOCKING.md: the client waits on `keys` of its db until served or `deadline`. */
export function blockForKeys(
  ctx: ServerContext,
  c: Client,
  keys: string[],
  deadline: number,
  onTimeout: (c: Client) => void,
): void {
  const s = state(ctx);
  // A re-run that finds nothing to serve keeps its place, deadline and reply.
  if (s.wakeClient === c && s.wakeSaved !== null) {
    c.blocked = s.wakeSaved;
    return;
  }
  // The running frame is the command to re-run on wake.
  const frame = ctx.exec.current;
  // Not a top-level run (a handler that forgot cannotBlock()): answer as a timeout rather than hang.
  if (frame === null || frame.client !== c || ctx.exec.nested) return onTimeout(c);
  const cmd = frame.cmd;
  const argv = frame.argv;
  const acl = cmd.spec.acl;
  const type = acl.includes('sortedset') ? 'zset' : acl.includes('stream') ? 'stream' : 'list';
  const wait = new KeyWait(c.db, cmd, argv, type);
  const waiting = s.waiting[c.db.id];
  for (const key of keys) {
    let q = waiting.get(key);
    if (q === undefined) {
      q = new Set();
      waiting.set(key, q);
      s.waitingKeys++;
    }
    // BLPOP k k: one entry per distinct key.
    if (q.has(c)) continue;
    q.add(c);
    wait.keys.push(key);
  }
  const b: BlockState = { deadline, onTimeout, cleanup: (cl) => releaseWait(s, cl, wait), data: wait, kind: type as BlockState['kind'] };
  c.blocked = b;
  // Redis 7.0 counts a blocking command once, when it first runs, even if it blocks; call()
  // skips blocked clients, so the count is taken here and the re-run's own count is undone.
  cmd.stats.calls++;
  ctx.stats.totalCommands++;
  // CLIENT LIST shows the blocking command as the client's last one.
  c.lastCommand = cmd.fullName;
  if (deadline !== 0) heapPush(ctx, s, deadline, c, b);
}

/** Removes the client from every queue of its wait. Its heap entry goes stale. */
function releaseWait(s: BlockingState, c: Client, wait: KeyWait): void {
  const waiting = s.waiting[wait.db.id];
  for (const key of wait.keys) {
    const q = waiting.get(key);
    if (q === undefined) continue;
    q.delete(c);
    if (q.size === 0) {
      waiting.delete(key);
      s.waitingKeys--;
    }
  }
}

/** True inside MULTI/EXEC or a script: a blocking command then acts like its non-blocking form. */
export function cannotBlock(ctx: ServerContext, c: Client): boolean {
  const s = state(ctx);
  if (s.wakeClient === c) return false;
  // Nested: the blocking command runs inside EXEC or a script.
  return c.multi !== null || ctx.exec.nested || (c.flags & CLIENT_DENY_BLOCKING) !== 0;
}

/**
 * While a woken client re-runs its command: the key whose change woke it,
 * from which Redis 7.0 serves it. Null on an ordinary run.
 */
export function wakeKey(ctx: ServerContext, c: Client): string | null {
  const s = ctx.ext.blocking as BlockingState | undefined;
  return s !== undefined && s.wakeClient === c ? s.wakeKey : null;
}

/**
 * A blocking timeout in seconds (fractional allowed, 0 = forever) as an
 * absolute unix ms deadline (0 = forever), or an error text. Like Redis
 * 7.0 the milliseconds are rounded up (so "0.0001" waits 1 ms while
 * "-0.0001" rounds to 0: forever), and what does not fit a 64-bit integer
 * (inf, 1e16) wraps to negative.
 */
export function parseTimeout(ctx: ServerContext, arg: string): number | string {
  const secs = parseLongDouble(arg);
  if (secs === null) return Err.TIMEOUT_NOT_FLOAT;
  const x = secs * 1000;
  // Absorbs the binary error of x (1.1 * 1000 = 1100.0000000000002) that long double arithmetic does not have.
  let ms = Math.ceil(x - Math.abs(x) * 1e-15);
  if (ms === 0 && x > 0) ms = 1;
  if (!(ms < 9223372036854775807)) return Err.TIMEOUT_NEGATIVE;
  if (ms < 0) return Err.TIMEOUT_NEGATIVE;
  if (ms === 0) return 0;
  return ms + Date.now();
}

/** strtold as Redis's string2ld accepts it: no blanks, no trailing garbage, no NaN, no overflow; inf allowed. */
function parseLongDouble(arg: string): number | null {
  const len = arg.length;
  if (len === 0 || len > 5120) return null;
  const s = arg.toLowerCase();
  const neg = s.charCodeAt(0) === 45;
  const body = neg || s.charCodeAt(0) === 43 ? s.slice(1) : s;
  if (body === 'inf' || body === 'infinity') return neg ? -Infinity : Infinity;
  let d: number;
  let m = /^(\d*)\.?(\d*)(?:e([+-]?\d+))?$/.exec(body);
  if (m !== null && (m[1] !== '' || m[2] !== '')) {
    d = Number(body);
    if (d === Infinity || (d === 0 && /[1-9]/.test(m[1] + m[2]))) {
      // Beyond a double but maybe not beyond a long double (about 1e4932).
      const digits = (m[1] + m[2]).replace(/^0+/, '');
      const mag = m[1].replace(/^0+/, '').length - (m[1].replace(/^0+/, '') === '' ? m[2].length - digits.length + 1 : 1) + Number(m[3] ?? 0);
      if (Math.abs(mag) > 4931) return null;
      d = d === Infinity ? 1e308 * 10 : Number.MIN_VALUE;
    }
  } else {
    m = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?\d+))?$/.exec(body);
    if (m === null || (m[1] === '' && m[2] === '')) return null;
    d = m[1] === '' ? 0 : parseInt(m[1], 16);
    for (let i = 0; i < m[2].length; i++) d += parseInt(m[2][i], 16) / 16 ** (i + 1);
    if (m[3] !== undefined) d *= 2 ** Number(m[3]);
  }
  return neg ? -d : d;
}

/** Clients blocked for any reason but CLIENT PAUSE, as INFO's blocked_clients; a suspended one ('lock', server/suspend.ts) is running its command. */
export function blockedCount(ctx: ServerContext): number {
  let n = 0;
  for (const c of ctx.clients.values()) if (c.blocked !== null && c.blocked.kind !== 'pause' && c.blocked.kind !== 'lock') n++;
  return n;
}

/** Distinct (db, key) pairs some client waits on. */
export function blockingKeysCount(ctx: ServerContext): number {
  return state(ctx).waitingKeys;
}

/**
 * Marks every key of db that has waiters as ready: for commands that change
 * a whole database at once (SWAPDB, MOVE into a db, FLUSHDB of a swapped db).
 */
export function signalDbReady(ctx: ServerContext, db: Db): void {
  const s = state(ctx);
  for (const key of s.waiting[db.id].keys()) signalReady(ctx, s, db, key);
}

function signalReady(ctx: ServerContext, s: BlockingState, db: Db, key: string): void {
  const set = s.readySet[db.id];
  if (set.has(key)) return;
  set.add(key);
  s.readyDb.push(db);
  s.readyKey.push(key);
  // A change outside any command (a timer, a module): no hook will follow.
  if (!s.serving && ctx.exec.depth === 0 && !s.immediateServe) {
    s.immediateServe = true;
    setImmediate(() => {
      s.immediateServe = false;
      if (!s.serving && ctx.exec.depth === 0) serveReady(ctx, s);
    });
  }
}

/** Serves the waiters of every ready key, including keys made ready by the serving itself (BLMOVE chains). */
function serveReady(ctx: ServerContext, s: BlockingState): void {
  s.serving = true;
  try {
    for (let i = 0; i < s.readyKey.length; i++) {
      const db = s.readyDb[i];
      const key = s.readyKey[i];
      s.readySet[db.id].delete(key);
      const q = s.waiting[db.id].get(key);
      if (q === undefined) continue;
      for (const cl of [...q]) {
        if (!q.has(cl) || cl.blocked === null) continue;
        const obj = db.lookup(key);
        if (obj === undefined) break;
        const wait = cl.blocked.data as KeyWait;
        // Redis 7.0 serves only waiters the new value can satisfy; a list
        // key turned into a string leaves BLPOP clients blocked.
        if (obj.type !== wait.type) continue;
        rerun(ctx, s, cl, key, wait);
      }
    }
  } finally {
    s.readyDb.length = 0;
    s.readyKey.length = 0;
    s.serving = false;
  }
}

function rerun(ctx: ServerContext, s: BlockingState, c: Client, key: string, wait: KeyWait): void {
  const b = c.blocked!;
  c.blocked = null;
  s.wakeClient = c;
  s.wakeSaved = b;
  s.wakeKey = key;
  try {
    call(ctx, c, wait.cmd, wait.argv);
  } finally {
    s.wakeClient = null;
    s.wakeSaved = null;
    s.wakeKey = null;
  }
  if (c.blocked !== null) return;
  wait.cmd.stats.calls--;
  ctx.stats.totalCommands--;
  b.cleanup(c);
  scheduleResume(ctx, s, c);
}

/** The woken client's pipelined commands run after the current turn, as Redis's unblocked-clients queue. */
function scheduleResume(ctx: ServerContext, s: BlockingState, c: Client): void {
  s.resume.add(c);
  if (s.resumeScheduled) return;
  s.resumeScheduled = true;
  setImmediate(() => {
    s.resumeScheduled = false;
    const list = [...s.resume];
    s.resume.clear();
    for (const cl of list) {
      if (cl.closed || cl.blocked !== null) continue;
      cl.processInput();
      cl.flush();
    }
    ctx.flushPending();
  });
}

/** Ends a wait with its timeout reply (or the CLIENT UNBLOCK error). */
function finishWait(ctx: ServerContext, c: Client, error: boolean): void {
  const b = c.blocked!;
  if (error) c.out.error(Err.UNBLOCKED);
  else b.onTimeout(c);
  // Already counted when it blocked; an ERROR unblock makes it a failed call.
  if (error && b.data instanceof KeyWait) b.data.cmd.stats.failed++;
  c.unblock();
}

/**
 * CLIENT UNBLOCK id [TIMEOUT|ERROR]: true if the client was blocked (and
 * now is not). A paused client is not blocked in this sense.
 */
export function unblockClientById(ctx: ServerContext, id: number, mode: 'timeout' | 'error'): boolean {
  const c = ctx.clients.get(id);
  if (c === undefined || c.blocked === null || c.blocked.kind === 'pause' || c.blocked.kind === 'lock') return false;
  finishWait(ctx, c, mode === 'error');
  c.markPending();
  scheduleResume(ctx, state(ctx), c);
  return true;
}

// Deadline heap.

function heapPush(ctx: ServerContext, s: BlockingState, when: number, c: Client, b: BlockState): void {
  const w = s.heapWhen;
  if (w.length > 1024 && w.length > 4 * (ctx.clients.size + 256)) heapRebuild(s);
  let i = w.length;
  w.push(when);
  s.heapClient.push(c);
  s.heapState.push(b);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (w[p] <= when) break;
    w[i] = w[p];
    s.heapClient[i] = s.heapClient[p];
    s.heapState[i] = s.heapState[p];
    i = p;
  }
  w[i] = when;
  s.heapClient[i] = c;
  s.heapState[i] = b;
  if (when < s.timerAt) arm(ctx, s);
}

function heapPop(s: BlockingState): void {
  const w = s.heapWhen;
  const lastW = w.pop()!;
  const lastC = s.heapClient.pop()!;
  const lastS = s.heapState.pop()!;
  const n = w.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    let k = 2 * i + 1;
    if (k >= n) break;
    if (k + 1 < n && w[k + 1] < w[k]) k++;
    if (w[k] >= lastW) break;
    w[i] = w[k];
    s.heapClient[i] = s.heapClient[k];
    s.heapState[i] = s.heapState[k];
    i = k;
  }
  w[i] = lastW;
  s.heapClient[i] = lastC;
  s.heapState[i] = lastS;
}

/** Drops stale entries (clients no longer blocked by the wait the entry was made for). */
function heapRebuild(s: BlockingState): void {
  const when = s.heapWhen;
  const clients = s.heapClient;
  const states = s.heapState;
  s.heapWhen = [];
  s.heapClient = [];
  s.heapState = [];
  const live: number[] = [];
  for (let i = 0; i < when.length; i++) if (clients[i].blocked === states[i]) live.push(i);
  live.sort((a, b) => when[a] - when[b]);
  for (const i of live) {
    s.heapWhen.push(when[i]);
    s.heapClient.push(clients[i]);
    s.heapState.push(states[i]);
  }
}

function arm(ctx: ServerContext, s: BlockingState): void {
  if (s.heapWhen.length === 0) return;
  const head = s.heapWhen[0];
  if (s.timer !== null) {
    if (head >= s.timerAt) return;
    clearTimeout(s.timer);
  }
  s.timerAt = head;
  // setTimeout caps at 2^31-1 ms; a later deadline just re-arms on firing.
  const delay = Math.min(Math.max(0, head - Date.now()), 2147483647);
  s.timer = setTimeout(() => onTimer(ctx, s), delay);
  s.timer.unref();
}

function onTimer(ctx: ServerContext, s: BlockingState): void {
  s.timer = null;
  s.timerAt = Infinity;
  const now = Date.now();
  const expired: Client[] = [];
  while (s.heapWhen.length > 0 && s.heapWhen[0] <= now) {
    const c = s.heapClient[0];
    const b = s.heapState[0];
    heapPop(s);
    if (c.blocked === b && !c.closed) expired.push(c);
  }
  for (const c of expired) {
    if (c.blocked === null || c.closed) continue;
    finishWait(ctx, c, false);
    c.processInput();
    c.flush();
  }
  if (expired.length > 0) ctx.flushPending();
  arm(ctx, s);
}
