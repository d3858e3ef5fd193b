/**
 * MIGRATE, with Mnemo and redis-server as sources side by side: each
 * migrates to a target of its own (a redis-server, then a Mnemo, each
 * target type twice so the two sources never share one), the replies are
 * compared byte for byte and the targets must hold the same data. Also
 * redis-server migrating into Mnemo, the errors of a target that refuses,
 * never answers or rejects the password, and the connection cache.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { test, before, after } from 'node:test';
import { diffSuite, type DiffSession } from '../helpers/diff.js';
import { RawClient, encodeCommand } from '../helpers/raw-client.js';
import { decode, type Reply } from '../helpers/resp.js';
import { startMnemo, startRedis, type ServerProcess } from '../helpers/servers.js';
import type { RunningServer } from '../../src/index.js';

interface Target {
  port: number;
  close(): Promise<void>;
}

/** One target per source: [for Mnemo, for redis-server]. */
type Pair = [Target, Target];

const fromRedis = (p: ServerProcess): Target => ({ port: p.port, close: () => p.close() });
const fromMnemo = (m: RunningServer): Target => ({ port: m.port, close: () => m.close() });

async function cmd(port: number, ...args: (string | number)[]): Promise<Reply> {
  const c = await RawClient.connect(port);
  try {
    return await c.cmd(...args);
  } finally {
    c.close();
  }
}

/** Sends MIGRATE (or anything naming the target as TARGET) to both sources, each with its own target's port. */
async function sameTo(s: DiffSession, pair: Pair, args: (string | number)[]): Promise<Reply> {
  const fill = (t: Target) => args.map((a) => (a === 'TARGET' ? t.port : a));
  const [m, r] = await Promise.all([s.mnemo.call(...fill(pair[0])), s.redis.call(...fill(pair[1]))]);
  assert.equal(m.toString('latin1'), r.toString('latin1'), `reply to: ${args.join(' ')}`);
  return decode(m)[0];
}

/** What a target holds, read type by type, so two targets of different kinds compare. */
async function contents(port: number, db = 0): Promise<unknown[]> {
  const c = await RawClient.connect(port);
  try {
    await c.cmd('SELECT', db);
    const keys = ((await c.cmd('KEYS', '*')) as string[]).sort();
    const out: unknown[] = [];
    for (const k of keys) {
      const type = await c.cmd('TYPE', k);
      const value =
        type === 'string'
          ? await c.cmd('GET', k)
          : type === 'list'
            ? await c.cmd('LRANGE', k, 0, -1)
            : type === 'hash'
              ? ((await c.cmd('HGETALL', k)) as string[]).join(',')
              : type === 'set'
                ? ((await c.cmd('SMEMBERS', k)) as string[]).sort()
                : await c.cmd('ZRANGE', k, 0, -1, 'WITHSCORES');
      const pttl = (await c.cmd('PTTL', k)) as number;
      // A TTL arrives slightly spent: only whether there is one is compared.
      out.push([k, type, value, pttl > 0 ? 'ttl' : pttl]);
    }
    return out;
  } finally {
    c.close();
  }
}

async function sameContents(pair: Pair, db = 0): Promise<unknown[]> {
  const [m, r] = await Promise.all([contents(pair[0].port, db), contents(pair[1].port, db)]);
  assert.deepEqual(m, r, 'the two targets hold different data');
  return m;
}

async function flush(pair: Pair): Promise<void> {
  await Promise.all(pair.map((t) => cmd(t.port, 'FLUSHALL')));
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const FILL: (string | number)[][] = [
  ['SET', 's', 'hello'],
  ['RPUSH', 'l', 'a', 'b', 'c'],
  ['HSET', 'h', 'f1', 'v1', 'f2', 'v2'],
  ['SADD', 'set', 'x', 'y', '1'],
  ['ZADD', 'z', '1', 'one', '2.5', 'two'],
  ['SET', 'ttl', 'v', 'PX', '100000'],
];

let redisTargets: Pair;
let mnemoTargets: Pair;
let authTargets: Pair;

diffSuite('MIGRATE', (env) => {
  before(async () => {
    const [r1, r2, m1, m2, a1, a2] = await Promise.all([
      startRedis(),
      startRedis(),
      startMnemo(),
      startMnemo(),
      startRedis(['--requirepass', 'secret']),
      startMnemo({ requirepass: 'secret' }),
    ]);
    redisTargets = [fromRedis(r1), fromRedis(r2)];
    mnemoTargets = [fromMnemo(m1), fromMnemo(m2)];
    // Both sources send AUTH to a target that wants it; one of each kind, swapped below.
    authTargets = [fromRedis(a1), fromMnemo(a2)];
  });

  after(async () => {
    for (const t of [...(redisTargets ?? []), ...(mnemoTargets ?? []), ...(authTargets ?? [])]) await t.close();
  });

  for (const kind of ['redis-server', 'Mnemo'] as const) {
    const targets = () => (kind === 'redis-server' ? redisTargets : mnemoTargets);

    test(`to ${kind}: every type, TTL kept, the source key gone`, async () => {
      const s = env().session;
      const pair = targets();
      await flush(pair);
      await s.script(FILL);
      for (const key of ['s', 'l', 'h', 'set', 'z', 'ttl']) await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', key, 0, 5000]);
      await s.same(['DBSIZE']);
      const moved = await sameContents(pair);
      assert.equal(moved.length, 6);
    });

    test(`to ${kind}: COPY, REPLACE, a busy key, KEYS with missing keys, another db`, async () => {
      const s = env().session;
      const pair = targets();
      await flush(pair);
      await s.script([['SET', 'a', '1'], ['SET', 'b', '2'], ['SET', 'c', '3']]);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'a', 0, 5000, 'COPY']);
      await s.same(['GET', 'a']);
      // The target has 'a' now: without REPLACE it refuses and the source keeps it.
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'a', 0, 5000]);
      await s.same(['EXISTS', 'a']);
      await s.same(['SET', 'a', 'new']);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'a', 0, 5000, 'REPLACE']);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', '', 0, 5000, 'KEYS', 'b', 'nosuch', 'c']);
      await s.same(['DBSIZE']);
      await sameContents(pair);
      await s.same(['SET', 'd', '4']);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'd', 3, 5000]);
      // The link stays selected on db 3; back to db 0 it must SELECT again.
      await s.same(['SET', 'e', '5']);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'e', 0, 5000]);
      assert.deepEqual(await sameContents(pair, 3), [['d', 'string', '4', -1]]);
      await sameContents(pair);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'nosuch', 0, 5000]);
      await s.same(['SET', 'f', '6']);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'f', 99, 5000]);
      await s.same(['EXISTS', 'f']);
    });
  }

  test('argument errors, in Redis order', async () => {
    const s = env().session;
    await s.same(['SET', 'k', 'v']);
    await s.script([
      ['MIGRATE', '127.0.0.1', '1', 'k', '0'],
      ['MIGRATE', '127.0.0.1', '1', 'nosuch', '0', '100'],
      ['MIGRATE', '127.0.0.1', '1', '', '0', '100', 'KEYS'],
      ['MIGRATE', '127.0.0.1', '1', 'k', '0', '100', 'KEYS', 'a'],
      ['MIGRATE', '127.0.0.1', '1', 'k', 'x', '100'],
      ['MIGRATE', '127.0.0.1', '1', 'k', '0', 'x'],
      ['MIGRATE', '127.0.0.1', '1', 'k', 'x', 'y', 'FOO'],
      ['MIGRATE', '127.0.0.1', '1', 'k', '0', '100', 'AUTH'],
      ['MIGRATE', '127.0.0.1', '1', 'k', '0', '100', 'AUTH2', 'u'],
      ['MIGRATE', '127.0.0.1', '1', 'k', '0', '100', 'COPY', 'REPLACE', 'BAR'],
      ['MIGRATE', 'no-such-host.invalid', '6379', 'k', '0', '100'],
      ['EXISTS', 'k'],
    ]);
  });

  test('a refused connection, a target that never answers: IOERR, the key stays', async () => {
    const s = env().session;
    await s.same(['SET', 'k', 'v']);
    const refused = await freePort();
    await s.same(['MIGRATE', '127.0.0.1', refused, 'k', '0', '1000']);
    await s.same(['MIGRATE', '127.0.0.1', '0', 'k', '0', '1000']);
    const silent = net.createServer((sock) => sock.on('data', () => {}));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      await s.same(['MIGRATE', '127.0.0.1', port, 'k', '0', '200']);
      await s.same(['EXISTS', 'k']);
      // The failed link was dropped, not cached.
      await s.same(['INFO', 'stats'], (m, r) => {
        const count = (x: Reply) => /migrate_cached_sockets:(\d+)/.exec(String(x))?.[1];
        assert.equal(count(m), count(r));
      });
    } finally {
      silent.close();
    }
  });

  test('AUTH and AUTH2 to a target that wants a password', async () => {
    const s = env().session;
    // Swapped so each source meets one target of each kind across the two calls.
    for (const pair of [authTargets, [authTargets[1], authTargets[0]] as Pair]) {
      await s.script([['FLUSHALL'], ['SET', 'k', 'v'], ['SET', 'k2', 'v2']]);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'k', 0, 5000]);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'k', 0, 5000, 'AUTH', 'wrong']);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'k', 0, 5000, 'AUTH', 'secret']);
      await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'k2', 0, 5000, 'AUTH2', 'default', 'secret', 'REPLACE']);
      await s.same(['DBSIZE']);
      // Clean the targets for the next round (they need the password).
      for (const t of pair) {
        const c = await RawClient.connect(t.port);
        await c.cmd('AUTH', 'secret');
        await c.cmd('FLUSHALL');
        c.close();
      }
    }
  });

  test('replies wait for the exchange: a pipelined command answers after MIGRATE', async () => {
    const s = env().session;
    const pair = redisTargets;
    await flush(pair);
    await s.script([['SET', 'p', '1'], ['SET', 'q', '2']]);
    const batch = (port: number) => Buffer.concat([encodeCommand(['MIGRATE', '127.0.0.1', port, 'p', 0, 5000]), encodeCommand(['EXISTS', 'p']), encodeCommand(['MIGRATE', '127.0.0.1', port, 'q', 0, 5000, 'COPY']), encodeCommand(['DBSIZE'])]);
    s.mnemo.writeRaw(batch(pair[0].port));
    s.redis.writeRaw(batch(pair[1].port));
    for (let i = 0; i < 4; i++) {
      const [m, r] = await Promise.all([s.mnemo.next(), s.redis.next()]);
      assert.equal(m.toString('latin1'), r.toString('latin1'), `reply ${i} of the pipeline`);
    }
  });

  test('redis-server migrating into Mnemo, and Mnemo into Mnemo', async () => {
    const s = env().session;
    const target = mnemoTargets[0];
    await cmd(target.port, 'FLUSHALL');
    await s.redis.call('FLUSHALL');
    for (const c of FILL) await s.redis.call(...c);
    assert.equal(decode(await s.redis.call('MIGRATE', '127.0.0.1', target.port, '', 0, 5000, 'KEYS', 's', 'l', 'h', 'set', 'z', 'ttl'))[0], 'OK');
    const fromRedisServer = await contents(target.port);
    await cmd(target.port, 'FLUSHALL');
    for (const c of FILL) await s.mnemo.call(...c);
    assert.equal(decode(await s.mnemo.call('MIGRATE', '127.0.0.1', target.port, '', 0, 5000, 'KEYS', 's', 'l', 'h', 'set', 'z', 'ttl'))[0], 'OK');
    assert.deepEqual(await contents(target.port), fromRedisServer);
    assert.equal(fromRedisServer.length, 6);
  });

  test('the link to a target is cached, then closed after 10 s idle', async (t) => {
    const s = env().session;
    const pair: Pair = [fromRedis(await startRedis()), fromRedis(await startRedis())];
    t.after(() => Promise.all(pair.map((p) => p.close())));
    const cached = async (c: RawClient) => Number(/migrate_cached_sockets:(\d+)/.exec(String(await c.cmd('INFO', 'stats')))?.[1]);
    const targetConnections = async (t: Target) => Number(/total_connections_received:(\d+)/.exec(String(await cmd(t.port, 'INFO', 'stats')))?.[1]);
    await s.script([['SET', 'x', '1'], ['SET', 'y', '2']]);
    // Earlier tests left links to other targets; this pair's own adds one on each side.
    const earlier = [await cached(s.mnemo), await cached(s.redis)];
    await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'x', 0, 5000]);
    const before = await Promise.all(pair.map(targetConnections));
    await sameTo(s, pair, ['MIGRATE', '127.0.0.1', 'TARGET', 'y', 0, 5000]);
    // Reused: the targets saw no new connection but the ones INFO itself opened.
    assert.deepEqual(await Promise.all(pair.map(targetConnections)), before.map((n) => n + 1));
    assert.deepEqual([await cached(s.mnemo), await cached(s.redis)], [earlier[0] + 1, earlier[1] + 1]);
    // Both servers sweep once a second and close links idle for more than 10 s: all of them go.
    const deadline = Date.now() + 20_000;
    const gone = async (c: RawClient) => {
      while ((await cached(c)) !== 0) {
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 250));
      }
      return true;
    };
    assert.deepEqual(await Promise.all([gone(s.mnemo), gone(s.redis)]), [true, true]);
  });
});
