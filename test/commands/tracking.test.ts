/**
 * Client-side caching: CLIENT TRACKING and friends against the reference
 * server (replies and invalidation messages byte for byte), then
 * node-redis's own client-side cache on top of Mnemo.
 */
import assert from 'node:assert/strict';
import { test, describe, before, after } from 'node:test';
import { createClient } from 'redis';
import { diffSuite, type DiffSession } from '../helpers/diff.js';
import { decode } from '../helpers/resp.js';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';
import type { RunningServer } from '../../src/index.js';

async function sameNext(s: DiffSession, label: string): Promise<void> {
  const [m, r] = await Promise.all([s.mnemo.next(), s.redis.next()]);
  assert.equal(m.toString('latin1'), r.toString('latin1'), label);
}

/** Each side's own client id of a session. */
async function ids(s: DiffSession): Promise<[number, number]> {
  const [m, r] = await s.both('CLIENT', 'ID');
  return [decode(m)[0] as number, decode(r)[0] as number];
}

/** Sends a per-side command (ids differ between the servers) and compares the replies. */
async function samePerSide(s: DiffSession, mnemoArgs: (string | number)[], redisArgs: (string | number)[]): Promise<void> {
  const [m, r] = await Promise.all([s.mnemo.call(...mnemoArgs), s.redis.call(...redisArgs)]);
  assert.equal(m.toString('latin1'), r.toString('latin1'), mnemoArgs.join(' '));
}

for (const resp3 of [false, true]) {
  diffSuite(
    `client tracking (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('option errors, and the overlap quirk that both errs and enables', async () => {
        await env().session.script([
          ['CLIENT', 'TRACKING'],
          ['CLIENT', 'TRACKING', 'maybe'],
          ['CLIENT', 'TRACKING', 'on', 'PREFIX', 'x'],
          ['CLIENT', 'TRACKING', 'on', 'BCAST', 'OPTIN'],
          ['CLIENT', 'TRACKING', 'on', 'OPTIN', 'OPTOUT'],
          ['CLIENT', 'TRACKING', 'on', 'REDIRECT'],
          ['CLIENT', 'TRACKING', 'on', 'REDIRECT', 'x'],
          ['CLIENT', 'TRACKING', 'on', 'REDIRECT', '999999'],
          ['CLIENT', 'TRACKING', 'on', 'FOO'],
          ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'ab', 'PREFIX', 'a'],
          ['CLIENT', 'TRACKINGINFO'],
        ]);
        const s = env().session;
        await s.same(['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'a', 'PREFIX', 'b', 'PREFIX', 'bc']);
        await sameNext(s, 'OK after the overlap error');
        await s.script([
          ['CLIENT', 'TRACKINGINFO'],
          ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'abc'],
          ['CLIENT', 'TRACKING', 'on'],
          ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'z'],
          ['CLIENT', 'TRACKINGINFO'],
          ['CLIENT', 'TRACKING', 'off'],
          ['CLIENT', 'TRACKINGINFO'],
        ]);
      });

      test('COMMAND INFO of the tracking subcommands', async () => {
        for (const sub of ['tracking', 'caching', 'getredir', 'trackinginfo']) await env().session.same(['COMMAND', 'INFO', `client|${sub}`]);
      });

      test('modes, CACHING, GETREDIR and TRACKINGINFO', async () => {
        await env().session.script([
          ['CLIENT', 'GETREDIR'],
          ['CLIENT', 'CACHING', 'yes'],
          ['CLIENT', 'TRACKING', 'on', 'OPTIN', 'NOLOOP'],
          ['CLIENT', 'GETREDIR'],
          ['CLIENT', 'CACHING', 'no'],
          ['CLIENT', 'CACHING', 'maybe'],
          ['CLIENT', 'CACHING', 'yes'],
          ['CLIENT', 'TRACKINGINFO'],
          ['CLIENT', 'TRACKING', 'on', 'OPTOUT'],
          ['CLIENT', 'TRACKING', 'on', 'BCAST'],
          ['CLIENT', 'TRACKING', 'off'],
          ['CLIENT', 'TRACKING', 'on', 'OPTOUT'],
          ['CLIENT', 'CACHING', 'yes'],
          ['CLIENT', 'CACHING', 'no'],
          ['CLIENT', 'TRACKINGINFO'],
          ['GET', 'x'],
          ['CLIENT', 'TRACKINGINFO'],
          ['CLIENT', 'CACHING', 'x', 'y'],
          ['RESET'],
          ['CLIENT', 'TRACKINGINFO'],
        ]);
      });

      test('redirect to a subscribed client: RESP2 gets __redis__:invalidate messages', async () => {
        const s = env().session;
        const sink = await env().connect();
        const writer = await env().connect();
        const [mid, rid] = await ids(sink);
        await sink.same(['SUBSCRIBE', '__redis__:invalidate']);
        await samePerSide(s, ['CLIENT', 'TRACKING', 'on', 'REDIRECT', mid], ['CLIENT', 'TRACKING', 'on', 'REDIRECT', rid]);
        await s.script([['GET', 'k'], ['MGET', 'a', 'b']]);
        await writer.same(['SET', 'k', '1']);
        await sameNext(sink, 'invalidation of k');
        await writer.same(['MSET', 'a', '1', 'b', '2', 'k', '2']);
        await sameNext(sink, 'invalidation of a');
        await sameNext(sink, 'invalidation of b');
        await s.same(['GET', 'k']);
        await writer.same(['FLUSHALL']);
        await sameNext(sink, 'flush invalidation');
      });
    },
    { resp3 },
  );
}

diffSuite(
  'client tracking invalidations (RESP3 pushes)',
  (env) => {
    test('own changes: the push follows the reply', async () => {
      const s = env().session;
      await s.script([['CLIENT', 'TRACKING', 'on'], ['GET', 'k'], ['SET', 'k', '1']]);
      await sameNext(s, 'invalidate k after +OK');
      await s.script([['GET', 'k'], ['GET', 'k'], ['DEL', 'k']]);
      await sameNext(s, 'one invalidation for two reads');
      await s.script([['SET', 'k', '2'], ['PING']]);
    });

    test('a failed read is remembered too', async () => {
      const s = env().session;
      await s.script([['SET', 'str', 'v'], ['CLIENT', 'TRACKING', 'on'], ['LLEN', 'str'], ['APPEND', 'str', 'x']]);
      await sameNext(s, 'invalidate after WRONGTYPE read');
    });

    test('changes by another client, expiry and flushes', async () => {
      const s = env().session;
      const w = await env().connect();
      await s.script([['CLIENT', 'TRACKING', 'on'], ['GET', 'a'], ['GET', 'e']]);
      await w.same(['SET', 'a', '1']);
      await sameNext(s, 'invalidate a');
      await w.same(['SET', 'e', '1', 'PX', '200']);
      await sameNext(s, 'invalidate e on write');
      // The key's expiry (active on both servers) must invalidate it again, if the read came in time to track it.
      if ((await s.same(['GET', 'e'])) !== null) await sameNext(s, 'invalidate e on expiry');
      await w.same(['FLUSHDB']);
      await sameNext(s, 'null invalidation on FLUSHDB');
      await s.same(['FLUSHALL']);
      await sameNext(s, 'null invalidation after own FLUSHALL reply');
    });

    test('NOLOOP skips own changes; OPTIN and OPTOUT follow CLIENT CACHING', async () => {
      const s = env().session;
      const w = await env().connect();
      await s.script([['CLIENT', 'TRACKING', 'on', 'NOLOOP'], ['GET', 'n'], ['SET', 'n', '1'], ['PING'], ['GET', 'n']]);
      await w.same(['SET', 'n', '2']);
      await sameNext(s, 'invalidation from another client under NOLOOP');
      await s.script([['CLIENT', 'TRACKING', 'off'], ['CLIENT', 'TRACKING', 'on', 'OPTIN'], ['GET', 'x'], ['CLIENT', 'CACHING', 'yes'], ['GET', 'y'], ['GET', 'z']]);
      await w.same(['MSET', 'x', '1', 'y', '1', 'z', '1']);
      await sameNext(s, 'only y is tracked under OPTIN');
      await s.script([['PING'], ['CLIENT', 'TRACKING', 'off'], ['CLIENT', 'TRACKING', 'on', 'OPTOUT'], ['CLIENT', 'CACHING', 'no'], ['GET', 'x'], ['GET', 'y']]);
      await w.same(['MSET', 'x', '2', 'y', '2']);
      await sameNext(s, 'only y is tracked under OPTOUT after CACHING no');
      await s.same(['PING']);
    });

    test('CLIENT CACHING covers a whole transaction', async () => {
      const s = env().session;
      const w = await env().connect();
      await s.script([['CLIENT', 'TRACKING', 'on', 'OPTIN'], ['CLIENT', 'CACHING', 'yes'], ['MULTI'], ['GET', 'a'], ['GET', 'b'], ['EXEC'], ['GET', 'c']]);
      await w.same(['MSET', 'a', '1', 'b', '1', 'c', '1']);
      await sameNext(s, 'a');
      await sameNext(s, 'b');
      await s.same(['PING']);
    });

    test('invalidations caused inside EXEC come after the EXEC reply', async () => {
      await env().session.script([['CLIENT', 'TRACKING', 'on'], ['GET', 'k'], ['MULTI'], ['SET', 'k', '2'], ['GET', 'k'], ['SET', 'k', '3'], ['EXEC']]);
      await sameNext(env().session, 'first');
      await sameNext(env().session, 'second');
    });

    test('BCAST: one message per prefix per event-loop turn, keys sorted', async () => {
      const s = env().session;
      const w = await env().connect();
      await s.script([['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'user:', 'PREFIX', 'obj:']]);
      await w.same(['MSET', 'user:2', '1', 'obj:1', '1', 'user:1', '1', 'other', '1']);
      await sameNext(s, 'obj: prefix');
      await sameNext(s, 'user: prefix');
      await s.script([['CLIENT', 'TRACKING', 'off'], ['CLIENT', 'TRACKING', 'on', 'BCAST', 'NOLOOP'], ['SET', 'mine', '1'], ['PING']]);
      await w.same(['SET', 'theirs', '1']);
      await sameNext(s, 'bcast without prefix sees every key but its own');
    });

    test('a redirect to a client that left: tracking-redir-broken', async () => {
      const s = env().session;
      const gone = await env().connect();
      const [mid, rid] = await ids(gone);
      await samePerSide(s, ['CLIENT', 'TRACKING', 'on', 'REDIRECT', mid], ['CLIENT', 'TRACKING', 'on', 'REDIRECT', rid]);
      await s.same(['GET', 'k']);
      gone.mnemo.close();
      gone.redis.close();
      await Promise.all([gone.mnemo.waitClosed(), gone.redis.waitClosed()]);
      // The server notices the close asynchronously: poll until the id is gone on both.
      for (;;) {
        const [m, r] = await Promise.all([s.mnemo.call('CLIENT', 'LIST', 'ID', mid), s.redis.call('CLIENT', 'LIST', 'ID', rid)]);
        if (decode(m)[0] === '' && decode(r)[0] === '') break;
        if ((decode(m)[0] as { verbatim?: string })?.verbatim === '' && (decode(r)[0] as { verbatim?: string })?.verbatim === '') break;
      }
      const w = await env().connect();
      await w.same(['SET', 'k', '1']);
      const [pm, pr] = await Promise.all([s.mnemo.next(), s.redis.next()]);
      assert.deepEqual(decode(pm)[0], { push: ['tracking-redir-broken', mid] });
      assert.deepEqual(decode(pr)[0], { push: ['tracking-redir-broken', rid] });
      await s.same(['CLIENT', 'TRACKINGINFO'], (m, r) => {
        const strip = (x: unknown) => JSON.stringify(x).replace(/"redirect",\d+/, '"redirect",ID');
        assert.equal(strip(m), strip(r));
      });
    });
  },
  { resp3: true },
);

describe('node-redis client-side cache over Mnemo', () => {
  let server: RunningServer;
  before(async () => {
    server = await startMnemo();
  });
  after(async () => {
    await server.close();
  });

  test('tracking-table-max-keys: keys over the limit are invalidated before the next command', async () => {
    const c = await RawClient.connect(server.port);
    try {
      await c.call('HELLO', '3');
      await c.call('CONFIG', 'SET', 'tracking-table-max-keys', '2');
      await c.call('CLIENT', 'TRACKING', 'on');
      await c.call('MGET', 'k1', 'k2', 'k3');
      // Redis picks the victim at random; Mnemo takes the oldest remembered key.
      assert.deepEqual(decode(await c.call('PING'))[0], { push: ['invalidate', ['k1']] });
      assert.equal((await c.next()).toString(), '+PONG\r\n');
    } finally {
      await c.call('CONFIG', 'SET', 'tracking-table-max-keys', '1000000');
      c.close();
    }
  });

  test('a cached GET is served locally until another client changes the key', async () => {
    const url = `redis://127.0.0.1:${server.port}`;
    const cached = createClient({ url, RESP: 3, clientSideCache: { ttl: 0, maxEntries: 0 } });
    const writer = createClient({ url });
    await Promise.all([cached.connect(), writer.connect()]);
    try {
      await writer.set('csc', 'one');
      assert.equal(await cached.get('csc'), 'one');
      const before = server.ctx.table.lookup('get')!.stats.calls;
      assert.equal(await cached.get('csc'), 'one');
      assert.equal(server.ctx.table.lookup('get')!.stats.calls, before, 'second GET came from the local cache');
      const invalidated = new Promise<void>((resolve) => {
        const cache = cached.clientSideCache as unknown as { on(ev: string, fn: () => void): void } | undefined;
        if (cache && typeof cache.on === 'function') cache.on('invalidate', () => resolve());
        else resolve();
      });
      await writer.set('csc', 'two');
      await invalidated;
      // The invalidation push has been processed once a round trip on the cached connection completes.
      await cached.ping();
      assert.equal(await cached.get('csc'), 'two');
    } finally {
      await Promise.all([cached.quit(), writer.quit()]);
    }
  });
});
