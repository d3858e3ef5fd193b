/**
 * node-redis (the `redis` package) against Mnemo, over RESP2 and RESP3:
 * its handshake (HELLO, CLIENT SETINFO), typed replies (RESP3 doubles and
 * maps), transactions, scanning and pub/sub.
 */
import assert from 'node:assert/strict';
import { describe, test, before, after } from 'node:test';
import { createClient } from 'redis';
import { startMnemo } from '../helpers/servers.js';
import type { RunningServer } from '../../src/index.js';

type Client = ReturnType<typeof createClient>;

for (const RESP of [2, 3] as const) {
  describe(`node-redis, RESP${RESP}`, () => {
    let server: RunningServer;
    let client: Client;
    const opened: Client[] = [];

    async function open(): Promise<Client> {
      const c = createClient({ socket: { host: '127.0.0.1', port: server.port, reconnectStrategy: false }, RESP }) as Client;
      c.on('error', () => {});
      await c.connect();
      opened.push(c);
      return c;
    }

    before(async () => {
      server = await startMnemo();
      client = await open();
    });
    after(async () => {
      for (const c of opened) if (c.isOpen) c.destroy();
      await server?.close();
    });

    test('handshake and connection commands', async () => {
      assert.equal(await client.ping(), 'PONG');
      assert.equal(await client.echo('hello'), 'hello');
      const id = await client.sendCommand(['CLIENT', 'ID']);
      assert.equal(typeof id, 'number');
      const hello = await client.sendCommand(['HELLO']);
      // HELLO answers a map in RESP3 and a flat array in RESP2.
      if (RESP === 3) assert.ok(!Array.isArray(hello));
      else assert.ok(Array.isArray(hello) && hello.length === 14);
    });

    test('strings and keys', async () => {
      assert.equal(await client.set('a', '1'), 'OK');
      assert.equal(await client.incr('a'), 2);
      assert.equal(await client.get('a'), '2');
      assert.equal(await client.set('a', 'x', { condition: 'NX' }), null);
      assert.equal(await client.mSet({ b: 'B', c: 'C' }), 'OK');
      assert.deepEqual(await client.mGet(['b', 'nosuch', 'c']), ['B', null, 'C']);
      assert.equal(await client.exists(['a', 'b', 'nosuch']), 2);
      assert.equal(await client.expire('a', 100), 1);
      const ttl = await client.ttl('a');
      assert.ok(ttl > 90 && ttl <= 100);
      assert.equal(await client.del(['a', 'b', 'c']), 3);
      assert.equal(await client.get('a'), null);
    });

    test('typed replies: doubles and scores', async () => {
      await client.zAdd('z', [
        { score: 1.5, value: 'a' },
        { score: 2, value: 'b' },
      ]);
      assert.deepEqual(await client.zRangeWithScores('z', 0, -1), [
        { value: 'a', score: 1.5 },
        { value: 'b', score: 2 },
      ]);
      assert.equal(await client.zScore('z', 'a'), 1.5);
      assert.equal(await client.incrByFloat('fl', 0.25), RESP === 3 ? '0.25' : '0.25');
    });

    test('transactions', async () => {
      const res = await client.multi().set('t', '5').incrBy('t', 5).get('t').exec();
      assert.deepEqual(res, ['OK', 10, '10']);
    });

    test('errors come back as rejections with the server text', async () => {
      await client.set('str', 'x');
      await assert.rejects(client.incr('str'), /ERR value is not an integer or out of range/);
      await assert.rejects(client.zAdd('str', { score: 1, value: 'm' }), /WRONGTYPE/);
    });

    test('SCAN iteration', async () => {
      for (let i = 0; i < 50; i++) await client.set(`scan:${i}`, String(i));
      const seen = new Set<string>();
      for await (const keys of client.scanIterator({ MATCH: 'scan:*', COUNT: 7 })) for (const k of keys) seen.add(k);
      assert.equal(seen.size, 50);
    });

    test('publish and subscribe', async () => {
      const sub = await open();
      let deliver!: (message: string) => void;
      const got = new Promise<string>((resolve) => (deliver = resolve));
      // subscribe() resolves on the server's confirmation: publishing after it must reach us.
      await sub.subscribe('chan', (message) => deliver(message));
      assert.equal(await client.publish('chan', 'payload'), 1);
      assert.equal(await got, 'payload');
      await sub.unsubscribe('chan');
    });

    test('COMMAND introspection', async () => {
      const count = await client.sendCommand(['COMMAND', 'COUNT']);
      assert.equal(count, server.ctx.table.commands.size);
      const info = (await client.sendCommand(['COMMAND', 'INFO', 'get'])) as unknown[][];
      assert.equal(info[0][0], 'get');
    });
  });
}
