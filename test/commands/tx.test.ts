/**
 * Transactions under concurrency: WATCH-based optimistic updates from many
 * clients must never lose an update, and a transaction runs as one step
 * (no other client's command lands between its commands). Exact replies
 * are compared with Redis in test/diff/tx.diff.test.ts.
 */
import assert from 'node:assert/strict';
import { test, describe, before, after } from 'node:test';
import { Redis } from 'ioredis';
import { createClient, WatchError } from 'redis';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';
import type { RunningServer } from '../../src/index.js';

describe('transactions with concurrent clients', () => {
  let server: RunningServer;
  before(async () => {
    server = await startMnemo();
  });
  after(async () => {
    await server.close();
  });

  test('WATCH race: optimistic increments from 8 ioredis clients lose nothing', async () => {
    const clients = Array.from({ length: 8 }, () => new Redis(server.port, '127.0.0.1', { lazyConnect: true }));
    await Promise.all(clients.map((c) => c.connect()));
    let retries = 0;
    const PER_CLIENT = 25;
    try {
      await clients[0].set('counter', '0');
      await Promise.all(
        clients.map(async (c) => {
          for (let done = 0; done < PER_CLIENT; ) {
            await c.watch('counter');
            const v = Number(await c.get('counter'));
            const res = await c.multi().set('counter', String(v + 1)).exec();
            if (res === null) retries++;
            else done++;
          }
        }),
      );
      assert.equal(await clients[0].get('counter'), String(8 * PER_CLIENT));
    } finally {
      for (const c of clients) c.disconnect();
    }
    // Informative: how often a concurrent change made EXEC return null.
    assert.ok(retries >= 0);
  });

  test('node-redis: a watched key changed by another client raises WatchError', async () => {
    const url = `redis://127.0.0.1:${server.port}`;
    const a = createClient({ url });
    const b = createClient({ url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.set('acct', '10');
      await a.watch('acct');
      await b.set('acct', '20');
      await assert.rejects(a.multi().set('acct', '11').exec(), WatchError);
      assert.equal(await a.get('acct'), '20');
      await a.watch('acct');
      assert.deepEqual(await a.multi().set('acct', '11').get('acct').exec(), ['OK', '11']);
    } finally {
      await Promise.all([a.quit(), b.quit()]);
    }
  });

  test('EXEC is atomic: another client pipelining meanwhile sees all or nothing', async () => {
    const tx = await RawClient.connect(server.port);
    const other = await RawClient.connect(server.port);
    try {
      await tx.call('DEL', 'a', 'b');
      await tx.call('MULTI');
      await tx.call('SET', 'a', '1');
      await tx.call('SET', 'b', '1');
      const exec = tx.call('EXEC');
      const seen = await other.cmd('MGET', 'a', 'b');
      await exec;
      assert.ok(JSON.stringify(seen) === '[null,null]' || JSON.stringify(seen) === '["1","1"]', JSON.stringify(seen));
    } finally {
      tx.close();
      other.close();
    }
  });

  test('while EXEC runs, its commands run nested and the client is still in MULTI', async () => {
    const seen: [number, boolean][] = [];
    server.ctx.afterCallHooks.push((c, cmd) => {
      if (cmd.fullName === 'ping') seen.push([server.ctx.exec.depth, c.multi !== null]);
    });
    const c = await RawClient.connect(server.port);
    try {
      await c.call('PING');
      await c.call('MULTI');
      await c.call('PING');
      await c.call('EXEC');
      // Hooks run once the frame is popped: PING alone leaves depth 0, PING in EXEC leaves EXEC's frame.
      assert.deepEqual(seen, [
        [0, false],
        [1, true],
      ]);
      assert.equal(server.ctx.exec.depth, 0);
    } finally {
      c.close();
    }
  });

  test('a disconnect forgets the watches; RESET drops MULTI and watches', async () => {
    const c = await RawClient.connect(server.port);
    await c.call('WATCH', 'w1', 'w2');
    await c.call('MULTI');
    assert.equal((await c.call('RESET')).toString(), '+RESET\r\n');
    assert.equal((await c.call('EXEC')).toString(), '-ERR EXEC without MULTI\r\n');
    await c.call('WATCH', 'w3');
    c.close();
    await c.waitClosed();
    const probe = await RawClient.connect(server.port);
    // Closing is noticed asynchronously by the server: round trips on another connection let it run.
    const watched = () => (server.ctx.ext.watches as { watchedKeys: number }).watchedKeys;
    while (watched() !== 0) await probe.call('PING');
    assert.equal(watched(), 0);
    probe.close();
  });
});
