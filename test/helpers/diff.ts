/**
 * Differential testing: the same commands go to Mnemo and to the reference
 * redis-server, and the raw replies must be equal byte for byte, unless a
 * relaxation written at the call site says otherwise (unordered replies,
 * TTL countdowns, random members).
 */
import assert from 'node:assert/strict';
import { describe, before, after, beforeEach } from 'node:test';
import { RawClient } from './raw-client.js';
import { decode, type Reply } from './resp.js';
import { startMnemo, startRedis, skipWithoutRedis, type ServerProcess } from './servers.js';
import type { RunningServer, ServerOptions } from '../../src/index.js';

export type Arg = string | Buffer | number;

/**
 * How two replies may differ:
 * - 'sorted': arrays (recursively at the top level) compare as multisets;
 * - 'type': only the reply's RESP type and, for aggregates, its length;
 * - { approx: n }: integers (or a flat array of them) may differ by n;
 * - a function: custom check on the decoded replies.
 */
export type Relax = 'sorted' | 'sorted-deep' | 'type' | { approx: number } | ((mnemo: Reply, redis: Reply) => void);

function sortReply(r: Reply, deep: boolean): Reply {
  const key = (x: Reply) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  if (Array.isArray(r)) {
    const items = deep ? r.map((x) => sortReply(x, deep)) : r;
    return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  if (r && typeof r === 'object' && 'set' in r) return { set: sortReply(r.set, deep) as Reply[] };
  if (r && typeof r === 'object' && 'map' in r) {
    const pairs = [...r.map].sort((a, b) => (key(a[0]) < key(b[0]) ? -1 : 1));
    return { map: pairs };
  }
  return r;
}

function shape(r: Reply): unknown {
  if (Array.isArray(r)) return ['array', r.length];
  if (r === null) return 'null';
  if (typeof r === 'object') {
    if ('error' in r) return 'error';
    if ('map' in r) return ['map', r.map.length];
    if ('set' in r) return ['set', r.set.length];
    if ('push' in r) return ['push', r.push.length];
    if ('double' in r) return 'double';
    if ('verbatim' in r) return 'verbatim';
  }
  return typeof r;
}

export class DiffSession {
  constructor(
    readonly mnemo: RawClient,
    readonly redis: RawClient,
  ) {}

  /** Sends args to both servers; returns both raw replies. */
  async both(...args: Arg[]): Promise<[Buffer, Buffer]> {
    return Promise.all([this.mnemo.call(...args), this.redis.call(...args)]);
  }

  /** Asserts both servers answer args identically (or within `relax`); returns Mnemo's decoded reply. */
  async same(args: Arg[], relax?: Relax): Promise<Reply> {
    const [m, r] = await this.both(...args);
    const label = args.map((a) => (Buffer.isBuffer(a) ? `<${a.length} bytes>` : String(a))).join(' ');
    const dm = decode(m)[0];
    const dr = decode(r)[0];
    if (relax === undefined) {
      assert.equal(m.toString('latin1'), r.toString('latin1'), `reply to: ${label}`);
    } else if (relax === 'sorted' || relax === 'sorted-deep') {
      assert.deepEqual(sortReply(dm, relax === 'sorted-deep'), sortReply(dr, relax === 'sorted-deep'), `sorted reply to: ${label}`);
    } else if (relax === 'type') {
      assert.deepEqual(shape(dm), shape(dr), `reply shape to: ${label}`);
    } else if (typeof relax === 'function') {
      relax(dm, dr);
    } else {
      const nm = Array.isArray(dm) ? dm : [dm];
      const nr = Array.isArray(dr) ? dr : [dr];
      assert.equal(nm.length, nr.length, `reply length to: ${label}`);
      for (let i = 0; i < nm.length; i++) {
        assert.equal(typeof nm[i], typeof nr[i], `reply type to: ${label}`);
        if (typeof nm[i] === 'number') assert.ok(Math.abs((nm[i] as number) - (nr[i] as number)) <= relax.approx, `${label}: ${nm[i]} vs ${nr[i]}`);
        else assert.deepEqual(nm[i], nr[i], `reply to: ${label}`);
      }
    }
    return dm;
  }

  /** Runs a script of commands, each compared exactly. */
  async script(commands: Arg[][]): Promise<void> {
    for (const c of commands) await this.same(c);
  }

  /**
   * What each side received before the reply to a PING sent now: on a
   * subscribed connection, the messages (keyspace events, ...) already due.
   */
  async messagesBeforePong(): Promise<[string[], string[]]> {
    const collect = async (client: RawClient): Promise<string[]> => {
      client.writeRaw('*1\r\n$4\r\nPING\r\n');
      const got: string[] = [];
      for (;;) {
        const b = (await client.next()).toString('latin1');
        if (b.toLowerCase().includes('pong')) return got;
        got.push(b);
      }
    };
    return Promise.all([collect(this.mnemo), collect(this.redis)]);
  }

  /** Sends raw bytes to both and compares the next reply of each. */
  async sameRaw(bytes: Buffer | string): Promise<void> {
    this.mnemo.writeRaw(bytes);
    this.redis.writeRaw(bytes);
    const [m, r] = await Promise.all([this.mnemo.next(), this.redis.next()]);
    assert.equal(m.toString('latin1'), r.toString('latin1'), `reply to raw ${JSON.stringify(bytes.toString())}`);
  }
}

export interface DiffEnv {
  session: DiffSession;
  mnemoServer: RunningServer;
  redisServer: ServerProcess;
  /** Opens another pair of connections (for multi-client scripts). */
  connect(): Promise<DiffSession>;
}

/**
 * A describe() block whose tests get a fresh pair of connections to both
 * servers with every database flushed. Skips, visibly, without redis-server.
 */
export function diffSuite(
  name: string,
  body: (env: () => DiffEnv) => void,
  opts: { resp3?: boolean; mnemoOptions?: ServerOptions; redisArgs?: string[] } = {},
): void {
  describe(name, { skip: skipWithoutRedis() }, () => {
    let env: DiffEnv | undefined;
    const sessions: DiffSession[] = [];
    const connect = async () => {
      const s = new DiffSession(await RawClient.connect(env!.mnemoServer.port), await RawClient.connect(env!.redisServer.port));
      sessions.push(s);
      if (opts.resp3) await s.same(['HELLO', '3'], 'type');
      return s;
    };
    before(async () => {
      const [mnemoServer, redisServer] = await Promise.all([startMnemo(opts.mnemoOptions), startRedis(opts.redisArgs)]);
      env = { mnemoServer, redisServer, session: undefined as unknown as DiffSession, connect };
    });
    beforeEach(async () => {
      for (const s of sessions.splice(0)) {
        s.mnemo.close();
        s.redis.close();
      }
      env!.session = await connect();
      await env!.session.both('FLUSHALL');
    });
    after(async () => {
      for (const s of sessions) {
        s.mnemo.close();
        s.redis.close();
      }
      await env?.mnemoServer.close();
      await env?.redisServer.close();
    });
    body(() => env!);
  });
}
