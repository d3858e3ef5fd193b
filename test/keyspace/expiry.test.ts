import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';
import { PROPAGATE_ALL } from '../../src/keyspace/propagation.js';

test('active expiry removes a key nobody touches', async () => {
  const server = await startMnemo();
  const c = await RawClient.connect(server.port);
  try {
    await c.call('SET', 'a', '1');
    await c.call('SET', 'b', '1');
    assert.equal(await c.cmd('PEXPIRE', 'a', '30'), 1);
    // Wait for the DEL that active expiry propagates: no command touches 'a' meanwhile.
    const expired = new Promise<readonly string[]>((resolve) => {
      server.ctx.keyspace.propagation.subscribe({ kind: PROPAGATE_ALL, feed: (_db, argv) => resolve([...argv]) });
    });
    assert.deepEqual(await expired, ['DEL', 'a']);
    assert.equal(server.ctx.keyspace.dbs[0].dict.has('a'), false);
    assert.equal(await c.cmd('DBSIZE'), 1);
  } finally {
    c.close();
    await server.close();
  }
});

test('RESTORE with a TTL and EXPIRE set deadlines the active cycle honours', async () => {
  const server = await startMnemo();
  const c = await RawClient.connect(server.port);
  try {
    await c.call('SET', 's', 'v');
    const payload = Buffer.from((await c.cmd('DUMP', 's')) as string, 'latin1');
    assert.equal(await c.cmd('RESTORE', 'r', '40', payload), 'OK');
    await c.call('SET', 'e', '1');
    await c.call('PEXPIRE', 'e', '20');
    // Poll until both are gone, with a generous overall bound; no timing is asserted.
    const deadline = Date.now() + 20000;
    while ((await c.cmd('DBSIZE')) !== 1) {
      assert.ok(Date.now() < deadline, 'keys never expired');
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual(await c.cmd('KEYS', '*'), ['s']);
  } finally {
    c.close();
    await server.close();
  }
});
