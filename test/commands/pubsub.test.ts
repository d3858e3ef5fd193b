/**
 * Pub/Sub with real client libraries (ioredis, node-redis in RESP2 and
 * RESP3), and the output-buffer limit that drops subscribers that stop
 * reading. Replies are compared with Redis in test/diff/pubsub.diff.test.ts.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { test, describe, before, after } from 'node:test';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';
import type { RunningServer } from '../../src/index.js';

describe('pub/sub with client libraries', () => {
  let server: RunningServer;
  before(async () => {
    server = await startMnemo();
  });
  after(async () => {
    await server.close();
  });

  test('ioredis subscriber: messages, pattern messages, unsubscribe', async () => {
    const sub = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
    const pub = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
    await Promise.all([sub.connect(), pub.connect()]);
    try {
      assert.equal(await sub.subscribe('news', 'sport'), 2);
      assert.equal(await sub.psubscribe('n*'), 3);
      const got: string[] = [];
      const done = new Promise<void>((resolve) => {
        sub.on('message', (ch: string, msg: string) => {
          got.push(`message ${ch} ${msg}`);
          if (got.length === 3) resolve();
        });
        sub.on('pmessage', (pat: string, ch: string, msg: string) => {
          got.push(`pmessage ${pat} ${ch} ${msg}`);
          if (got.length === 3) resolve();
        });
      });
      assert.equal(await pub.publish('news', 'hello'), 2);
      assert.equal(await pub.publish('sport', 'goal'), 1);
      await done;
      assert.deepEqual(got, ['message news hello', 'pmessage n* news hello', 'message sport goal']);
      assert.deepEqual(await pub.pubsub('NUMSUB', 'news', 'sport'), ['news', 1, 'sport', 1]);
      assert.equal(await pub.pubsub('NUMPAT'), 1);
      // Named: ioredis 6 waits forever on an argument-less UNSUBSCRIBE, against Redis too.
      await sub.unsubscribe('news', 'sport');
      await sub.punsubscribe('n*');
      assert.equal(await pub.publish('news', 'nobody'), 0);
      assert.equal(await sub.ping(), 'PONG');
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  });

  for (const RESP of [2, 3] as const) {
    test(`node-redis subscriber (RESP${RESP}): channels, patterns and shard channels`, async () => {
      const url = `redis://127.0.0.1:${server.port}`;
      const sub = createClient({ url, RESP });
      const pub = createClient({ url, RESP });
      await Promise.all([sub.connect(), pub.connect()]);
      try {
        const got: string[] = [];
        let expect = 0;
        let wake: () => void = () => {};
        const arrived = (n: number) =>
          new Promise<void>((resolve) => {
            expect = n;
            wake = resolve;
            if (got.length >= expect) resolve();
          });
        const note = (s: string) => {
          got.push(s);
          if (got.length >= expect) wake();
        };
        await sub.subscribe('alpha', (msg, ch) => note(`message ${ch} ${msg}`));
        await sub.pSubscribe('al*', (msg, ch) => note(`pmessage ${ch} ${msg}`));
        await sub.sSubscribe('shard', (msg, ch) => note(`smessage ${ch} ${msg}`));
        assert.equal(await pub.publish('alpha', 'one'), 2);
        assert.equal(await pub.sPublish('shard', 'two'), 1);
        await arrived(3);
        assert.deepEqual(got, ['message alpha one', 'pmessage alpha one', 'smessage shard two']);
        assert.deepEqual(await pub.pubSubChannels(), ['alpha']);
        assert.deepEqual(await pub.pubSubShardChannels(), ['shard']);
        if (RESP === 3) {
          // RESP3: ordinary commands work on the subscribed connection, replies and pushes interleave.
          await sub.set('k', 'v');
          assert.equal(await sub.get('k'), 'v');
          assert.equal(await pub.publish('alpha', 'three'), 2);
          await arrived(5);
        }
        await sub.unsubscribe('alpha');
        await sub.pUnsubscribe('al*');
        await sub.sUnsubscribe('shard');
        assert.equal(await pub.publish('alpha', 'none'), 0);
      } finally {
        await Promise.all([sub.quit(), pub.quit()]);
      }
    });
  }

  test('keyspace notifications reach an ioredis pattern subscriber', async () => {
    const sub = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
    const cmd = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
    await Promise.all([sub.connect(), cmd.connect()]);
    try {
      await cmd.config('SET', 'notify-keyspace-events', 'KE$g');
      await sub.psubscribe('__key*@0__:*');
      const got: string[] = [];
      const done = new Promise<void>((resolve) => {
        sub.on('pmessage', (_p: string, ch: string, msg: string) => {
          got.push(`${ch} ${msg}`);
          if (got.length === 4) resolve();
        });
      });
      await cmd.set('user', 'x');
      await cmd.del('user');
      await done;
      assert.deepEqual(got, ['__keyspace@0__:user set', '__keyevent@0__:set user', '__keyspace@0__:user del', '__keyevent@0__:del user']);
    } finally {
      await cmd.config('SET', 'notify-keyspace-events', '');
      sub.disconnect();
      cmd.disconnect();
    }
  });
});

describe('client-output-buffer-limit pubsub', () => {
  /**
   * A subscriber that never reads: publish until the server drops it, and
   * check after every PUBLISH that what the server holds for it stayed
   * within the hard limit plus the one message that crossed it.
   */
  async function floodUntilDropped(server: RunningServer, limitBytes: number): Promise<{ published: number; maxHeld: number; logged: string[] }> {
    const logged: string[] = [];
    server.ctx.log.warning = (m: string) => void logged.push(m);
    const sock = net.connect(server.port, '127.0.0.1');
    await once(sock, 'connect');
    sock.write('*2\r\n$9\r\nSUBSCRIBE\r\n$4\r\nslow\r\n');
    await once(sock, 'data');
    // From now on nothing is read: the kernel buffers fill, then Node's, then ours.
    sock.pause();
    const pub = await RawClient.connect(server.port);
    const payload = Buffer.alloc(16 * 1024, 'x');
    let published = 0;
    let maxHeld = 0;
    try {
      for (;;) {
        const reply = (await pub.call('PUBLISH', 'slow', payload)).toString();
        published++;
        if (reply === ':0\r\n') break;
        for (const c of server.ctx.clients.values()) if (c.pubsubCount !== 0) maxHeld = Math.max(maxHeld, c.outputPending);
        assert.ok(maxHeld <= limitBytes + payload.length + 64, `held ${maxHeld} bytes for a stalled subscriber`);
      }
    } finally {
      pub.close();
      sock.destroy();
    }
    return { published, maxHeld, logged };
  }

  test('the hard limit disconnects a subscriber that stopped reading; memory stays bounded', async (t) => {
    const server = await startMnemo({ 'client-output-buffer-limit': 'pubsub 256kb 0 0' });
    try {
      const r = await floodUntilDropped(server, 256 * 1024);
      assert.ok(r.published > 1);
      assert.equal(r.logged.length, 1);
      assert.match(r.logged[0], /^Client id=\d+ .* scheduled to be closed ASAP for overcoming of output buffer limits\.$/);
      assert.ok([...server.ctx.clients.values()].every((c) => c.pubsubCount === 0), 'the subscriber is gone');
      t.diagnostic(`dropped after ${r.published} messages of 16 KiB; at most ${r.maxHeld} bytes held for it`);
    } finally {
      await server.close();
    }
  });

  test('the soft limit disconnects once exceeded for longer than its seconds; CONFIG SET applies it live', async () => {
    const server = await startMnemo();
    try {
      const admin = await RawClient.connect(server.port);
      assert.equal((await admin.call('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 0 128kb 0')).toString(), '+OK\r\n');
      const got = (await admin.cmd('CONFIG', 'GET', 'client-output-buffer-limit')) as string[];
      assert.equal(got[1], 'normal 0 0 0 slave 268435456 67108864 60 pubsub 0 131072 0');
      admin.close();
      // Over the soft limit from some second on, dropped once a later second sees it still over.
      const r = await floodUntilDropped(server, Number.MAX_SAFE_INTEGER);
      assert.equal(r.logged.length, 1);
    } finally {
      await server.close();
    }
  });
});
