/**
 * MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE]
 *         [AUTH password | AUTH2 username password] [KEYS key ...]
 *
 * Moves keys to another Redis-compatible server as Redis does: the values
 * leave as DUMP payloads in RESTORE commands (preceded by AUTH and SELECT
 * when needed) over a connection kept per host:port for 10 s, and each key
 * the target acknowledged is deleted here unless COPY was given.
 *
 * Redis blocks the whole server for the exchange; Node cannot, so the
 * calling client is suspended (server/suspend.ts) and the payloads are
 * taken before it. Other clients run meanwhile: a key one of them changes
 * during the exchange is kept here (the target has the value as it was when
 * MIGRATE ran), so nothing written meanwhile is lost.
 */
import net from 'node:net';
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { Db } from '../keyspace/db.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { createDumpPayload } from '../persistence/rdb/dump.js';
import { writeOptions } from '../persistence/rdb/objects.js';
import { Err } from '../errors.js';
import { eqi, parseInteger } from './args.js';
import { canSuspend, resumed, suspend, type Finish } from '../server/suspend.js';

/** Redis's MIGRATE_SOCKET_CACHE_ITEMS and MIGRATE_SOCKET_CACHE_TTL. */
const CACHE_ITEMS = 64;
const CACHE_TTL_MS = 10_000;

class LinkError extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? 'timeout' : 'I/O error');
  }
}

/** A cached connection to a target: line replies read in order, one exchange at a time. */
class Link {
  lastDbid = -1;
  lastUse = Date.now();
  closed = false;
  private buf = '';
  private waiter: ((line: string | null) => void) | null = null;

  constructor(readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buf += chunk.toString('latin1');
      this.deliver();
    });
    const end = () => {
      this.closed = true;
      this.deliver();
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  private deliver(): void {
    if (this.waiter === null) return;
    const nl = this.buf.indexOf('\n');
    if (nl >= 0) {
      let line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      const w = this.waiter;
      this.waiter = null;
      w(line);
    } else if (this.closed) {
      const w = this.waiter;
      this.waiter = null;
      w(null);
    }
  }

  /** Resolves once the kernel took all of data. */
  write(data: Buffer, timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(new LinkError(false));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new LinkError(true)), timeoutMs);
      this.socket.write(data, (err) => {
        clearTimeout(timer);
        if (err) reject(new LinkError(false));
        else resolve();
      });
    });
  }

  /** One reply line without its CRLF. */
  readLine(timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new LinkError(true));
      }, timeoutMs);
      this.waiter = (line) => {
        clearTimeout(timer);
        if (line === null) reject(new LinkError(false));
        else resolve(line);
      };
      this.deliver();
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

/** Keys of one MIGRATE in flight, and those another client changed meanwhile. */
interface InFlight {
  db: Db;
  keys: Set<string>;
  changed: Set<string>;
  all: boolean;
}

interface MigrateState {
  links: Map<string, Link>;
  /** Per host:port, the tail of the exchanges waiting for the link. */
  queues: Map<string, Promise<unknown>>;
  inflight: Set<InFlight>;
  timer: NodeJS.Timeout | null;
}

function state(ctx: ServerContext): MigrateState {
  let s = ctx.ext.migrate as MigrateState | undefined;
  if (s !== undefined) return s;
  const st: MigrateState = { links: new Map(), queues: new Map(), inflight: new Set(), timer: null };
  ctx.ext.migrate = st;
  ctx.keyspace.modifiedHooks.push((db, key) => {
    if (st.inflight.size === 0) return;
    for (const m of st.inflight) if (m.db === db && m.keys.has(key)) m.changed.add(key);
  });
  const everything = () => {
    for (const m of st.inflight) m.all = true;
  };
  ctx.keyspace.flushedHooks.push(everything);
  ctx.keyspace.swappedHooks.push(everything);
  const hooks = ((ctx.ext.shutdownHooks as (() => void)[] | undefined) ??= []);
  hooks.push(() => {
    if (st.timer !== null) clearInterval(st.timer);
    st.timer = null;
    for (const l of st.links.values()) l.close();
    st.links.clear();
  });
  s = st;
  return s;
}

/** INFO's migrate_cached_sockets. */
export function migrateCachedSockets(ctx: ServerContext): number {
  return (ctx.ext.migrate as MigrateState | undefined)?.links.size ?? 0;
}

function dropLink(s: MigrateState, name: string): void {
  const l = s.links.get(name);
  if (l === undefined) return;
  l.close();
  s.links.delete(name);
}

/** Idle links close after CACHE_TTL_MS, checked once a second as Redis's cron does. */
function armSweep(s: MigrateState): void {
  if (s.timer !== null) return;
  s.timer = setInterval(() => {
    const now = Date.now();
    for (const [name, l] of s.links) if (l.closed || now - l.lastUse > CACHE_TTL_MS) dropLink(s, name);
    if (s.links.size === 0 && s.timer !== null) {
      clearInterval(s.timer);
      s.timer = null;
    }
  }, 1000);
  s.timer.unref();
}

/**
 * The cached link to host:port, or a new one. Redis connects without
 * waiting for the handshake's outcome: only a name that does not resolve or
 * a connect timeout count as failing to connect ('connect'); a refused
 * connection shows when the commands are written ('write').
 */
async function getLink(s: MigrateState, host: string, port: number, timeoutMs: number): Promise<Link | 'connect' | 'write'> {
  const name = `${host}:${port}`;
  const cached = s.links.get(name);
  if (cached !== undefined && !cached.closed) {
    cached.lastUse = Date.now();
    return cached;
  }
  if (cached !== undefined) dropLink(s, name);
  // The port goes through getaddrinfo as a service number, which keeps its low 16 bits; 0 is refused.
  const tcpPort = port & 0xffff;
  if (tcpPort === 0) return 'write';
  const socket = await new Promise<net.Socket | 'connect' | 'write'>((resolve) => {
    const sock = net.connect({ host, port: tcpPort });
    const timer = setTimeout(() => {
      sock.destroy();
      resolve('connect');
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      resolve(sock);
    });
    sock.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || e.code === 'EAI_FAIL' ? 'connect' : 'write');
    });
  });
  if (typeof socket === 'string') return socket;
  // A full cache makes room by dropping one link at random, as Redis does.
  if (s.links.size >= CACHE_ITEMS) {
    const names = [...s.links.keys()];
    dropLink(s, names[Math.floor(Math.random() * names.length)]);
  }
  const link = new Link(socket);
  s.links.set(name, link);
  armSweep(s);
  return link;
}

function encode(args: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`, 'latin1')];
  for (const a of args) {
    const b = typeof a === 'string' ? Buffer.from(a, 'latin1') : a;
    parts.push(Buffer.from(`$${b.length}\r\n`, 'latin1'), b, Buffer.from('\r\n', 'latin1'));
  }
  return Buffer.concat(parts);
}

interface Request {
  host: string;
  port: number;
  timeoutMs: number;
  dbid: number;
  auth: string[] | null;
  /** RESTORE commands, one per key still alive. */
  restores: Buffer[];
}

type Outcome =
  | { kind: 'connect' }
  | { kind: 'io'; writing: boolean }
  | { kind: 'replies'; authReply: string | null; selectReply: string | null; replies: string[]; socketError: boolean; link: Link; selected: boolean };

/**
 * The exchange. Like Redis, a failure before any RESTORE reply was read
 * (a cached link the target closed) is retried once on a new connection,
 * unless it was a timeout.
 */
async function exchange(s: MigrateState, req: Request): Promise<Outcome> {
  const name = `${req.host}:${req.port}`;
  for (let attempt = 0; ; attempt++) {
    const retry = attempt === 0;
    const link = await getLink(s, req.host, req.port, req.timeoutMs);
    if (link === 'connect') return { kind: 'connect' };
    if (link === 'write') {
      if (retry) continue;
      return { kind: 'io', writing: true };
    }
    const selected = link.lastDbid !== req.dbid;
    const head: Buffer[] = [];
    if (req.auth !== null) head.push(encode(['AUTH', ...req.auth]));
    if (selected) head.push(encode(['SELECT', String(req.dbid)]));
    try {
      await link.write(Buffer.concat([...head, ...req.restores]), req.timeoutMs);
    } catch (e) {
      dropLink(s, name);
      if (retry && !(e as LinkError).timedOut) continue;
      return { kind: 'io', writing: true };
    }
    let authReply: string | null = null;
    let selectReply: string | null = null;
    try {
      if (req.auth !== null) authReply = await link.readLine(req.timeoutMs);
      if (selected) selectReply = await link.readLine(req.timeoutMs);
    } catch (e) {
      dropLink(s, name);
      if (retry && !(e as LinkError).timedOut) continue;
      return { kind: 'io', writing: false };
    }
    const replies: string[] = [];
    let socketError = false;
    let timedOut = false;
    for (let j = 0; j < req.restores.length; j++) {
      try {
        replies.push(await link.readLine(req.timeoutMs));
      } catch (e) {
        socketError = true;
        timedOut = (e as LinkError).timedOut;
        break;
      }
    }
    const targetError = authReply?.startsWith('-') || selectReply?.startsWith('-') || replies.some((r) => r.startsWith('-'));
    if (socketError) {
      dropLink(s, name);
      if (!targetError && replies.length === 0 && retry && !timedOut) continue;
    }
    link.lastUse = Date.now();
    return { kind: 'replies', authReply, selectReply, replies, socketError, link, selected };
  }
}

/** Runs fn after the exchanges already queued for the same target, so a link carries one at a time. */
function serialized<T>(s: MigrateState, name: string, fn: () => Promise<T>): Promise<T> {
  const prev = s.queues.get(name) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.then(
    () => {},
    () => {},
  );
  s.queues.set(name, tail);
  void tail.then(() => {
    if (s.queues.get(name) === tail) s.queues.delete(name);
  });
  return run;
}

/** Applies an exchange's outcome: deletions, the link's selected db, the reply. */
function finish(ctx: ServerContext, c: Client, flight: InFlight, keys: string[], copy: boolean, dbid: number, outcome: Outcome, out: ReplyWriter): void {
  if (outcome.kind === 'connect') return out.error(Err.MIGRATE_CONNECT);
  if (outcome.kind === 'io') return out.error(outcome.writing ? Err.MIGRATE_WRITE : Err.MIGRATE_READ);
  const { authReply, selectReply, replies, socketError, link } = outcome;
  let targetError = false;
  for (let j = 0; j < replies.length; j++) {
    const failed = authReply?.startsWith('-') ? authReply : selectReply?.startsWith('-') ? selectReply : replies[j].startsWith('-') ? replies[j] : null;
    if (failed !== null) {
      if (!targetError) {
        link.lastDbid = -1;
        targetError = true;
        out.error(`ERR Target instance replied with error: ${failed.slice(1)}`);
      }
    } else if (!copy) {
      const key = keys[j];
      if (flight.all || flight.changed.has(key)) continue;
      if (c.db.lookup(key) === undefined) continue;
      c.db.delete(key);
      ctx.keyspace.touch(c.db, key, 'g', 'del');
    }
  }
  if (targetError) return;
  if (socketError) return out.error(Err.MIGRATE_READ);
  link.lastDbid = dbid;
  out.ok();
}

/** Redis's key positions for COMMAND GETKEYS: the key argument, or what follows KEYS. */
function migrateKeys(argv: string[]): number[] {
  const skip: Record<string, number> = { copy: 0, replace: 0, auth: 1, auth2: 2 };
  for (let i = 6; i < argv.length; i++) {
    const w = argv[i].toLowerCase();
    if (w === 'keys') {
      if (argv[3].length > 0) return [];
      const keys: number[] = [];
      for (let k = i + 1; k < argv.length; k++) keys.push(k);
      return keys;
    }
    if (w in skip) i += skip[w];
  }
  return [3];
}

export const migrateCommands: CommandSpec[] = [
  {
    name: 'migrate',
    arity: -6,
    flags: ['write'],
    acl: ['keyspace', 'dangerous'],
    keySpecs: [
      { flags: ['RW', 'access', 'delete'], begin: { index: 3 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } },
      { flags: ['RW', 'access', 'delete', 'incomplete'], begin: { keyword: 'KEYS', startfrom: -2 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } },
    ],
    tips: ['nondeterministic_output'],
    group: 'generic',
    since: '2.6.0',
    summary: 'Moves keys to another Redis server, atomically for the client.',
    complexity:
      'This command actually executes a DUMP+DEL in the source instance, and a RESTORE in the target instance. See the pages of these commands for time complexity. Also an O(N) data transfer between the two instances is performed.',
    history: [
      ['3.0.0', 'COPY and REPLACE options.'],
      ['3.0.6', 'KEYS option, for several keys at once.'],
      ['4.0.7', 'AUTH option.'],
      ['6.0.0', 'AUTH2 option, with a user name.'],
    ],
    args: [
      { name: 'host', type: 'string' },
      { name: 'port', type: 'integer' },
      {
        name: 'key_or_empty_string',
        type: 'oneof',
        arguments: [
          { name: 'key', type: 'key', key_spec_index: 0 },
          { name: 'empty_string', type: 'pure-token', token: '' },
        ],
      },
      { name: 'destination-db', type: 'integer' },
      { name: 'timeout', type: 'integer' },
      { name: 'copy', type: 'pure-token', token: 'COPY', since: '3.0.0', flags: ['optional'] },
      { name: 'replace', type: 'pure-token', token: 'REPLACE', since: '3.0.0', flags: ['optional'] },
      {
        name: 'authentication',
        type: 'oneof',
        flags: ['optional'],
        arguments: [
          { name: 'password', type: 'string', token: 'AUTH', since: '4.0.7', flags: ['optional'] },
          {
            name: 'username_password',
            type: 'block',
            token: 'AUTH2',
            since: '6.0.0',
            flags: ['optional'],
            arguments: [
              { name: 'username', type: 'string' },
              { name: 'password', type: 'string' },
            ],
          },
        ],
      },
      { name: 'key', type: 'key', key_spec_index: 1, token: 'KEYS', since: '3.0.6', flags: ['optional', 'multiple'] },
    ],
    getKeys: migrateKeys,
    run(ctx, c, argv, out) {
      const done = resumed(c);
      if (done !== null) return done(out);
      let copy = false;
      let replace = false;
      let auth: string[] | null = null;
      let firstKey = 3;
      let numKeys = 1;
      for (let j = 6; j < argv.length; j++) {
        const more = argv.length - 1 - j;
        if (eqi(argv[j], 'copy')) copy = true;
        else if (eqi(argv[j], 'replace')) replace = true;
        else if (eqi(argv[j], 'auth')) {
          if (more < 1) return out.error(Err.SYNTAX);
          auth = [argv[++j]];
        } else if (eqi(argv[j], 'auth2')) {
          if (more < 2) return out.error(Err.SYNTAX);
          auth = [argv[j + 1], argv[j + 2]];
          j += 2;
        } else if (eqi(argv[j], 'keys')) {
          if (argv[3].length !== 0) return out.error(Err.MIGRATE_KEYS_EMPTY);
          firstKey = j + 1;
          numKeys = argv.length - j - 1;
          break;
        } else return out.error(Err.SYNTAX);
      }
      const timeoutArg = parseInteger(argv[5]);
      if (timeoutArg === null) return out.error(Err.NOT_INTEGER);
      const dbid = parseInteger(argv[4]);
      if (dbid === null) return out.error(Err.NOT_INTEGER);
      const timeoutMs = timeoutArg <= 0 ? 1000 : timeoutArg;

      const keys: string[] = [];
      const restores: Buffer[] = [];
      const opts = writeOptions(ctx.config, ctx.listPackedThreshold);
      const now = ctx.keyspace.now();
      for (let j = 0; j < numKeys; j++) {
        const key = argv[firstKey + j];
        const obj = c.db.lookupRead(key);
        if (obj === undefined) continue;
        const at = c.db.getExpire(key);
        // The TTL travels relative; 0 would mean none, so a key about to expire keeps 1 ms.
        const ttl = at === -1 ? 0 : Math.max(1, at - now);
        keys.push(key);
        const restore: (string | Buffer)[] = ['RESTORE', key, String(ttl), createDumpPayload(obj, opts)];
        if (replace) restore.push('REPLACE');
        restores.push(encode(restore));
      }
      if (keys.length === 0) return out.simple('NOKEY');
      // The reply must follow the exchange; inside MULTI nothing can wait.
      if (!canSuspend(ctx, c, 'migrate')) return out.error(Err.MIGRATE_IN_MULTI);

      const s = state(ctx);
      const host = argv[1];
      // Redis reads the port with atoi(): leading digits, anything else 0 (which cannot connect).
      const port = Number.parseInt(argv[2], 10) || 0;
      const flight: InFlight = { db: c.db, keys: new Set(keys), changed: new Set(), all: false };
      s.inflight.add(flight);
      const req: Request = { host, port, timeoutMs, dbid, auth, restores };
      const attempt = () => exchange(s, req).catch((): Outcome => ({ kind: 'io', writing: false }));
      const work = serialized(s, `${host}:${port}`, attempt).then(
        (outcome): Finish =>
          (o) => {
            s.inflight.delete(flight);
            finish(ctx, c, flight, keys, copy, dbid, outcome, o);
          },
      );
      suspend(ctx, c, work);
    },
  },
];
