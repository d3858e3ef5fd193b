/**
 * The embedding API: several servers in one process, each on its own free
 * port with its own data, and close() that ends even while clients are
 * still connected (a test suite's after() hook must not hang).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';

test('two embedded servers on port 0 get distinct ports and separate keyspaces', async () => {
  const a = await startServer({ port: 0 });
  const b = await startServer({ port: 0 });
  try {
    assert.notEqual(a.port, 0);
    assert.notEqual(a.port, b.port);
    const ca = await RawClient.connect(a.port);
    const cb = await RawClient.connect(b.port);
    assert.equal(await ca.cmd('SET', 'k', 'from-a'), 'OK');
    assert.equal(await cb.cmd('GET', 'k'), null);
    assert.equal(await ca.cmd('GET', 'k'), 'from-a');
    ca.close();
    cb.close();
  } finally {
    await a.close();
    await b.close();
  }
});

test('close() resolves while a client is still connected, and that client is disconnected', async () => {
  const s = await startServer({ port: 0 });
  const c = await RawClient.connect(s.port);
  assert.equal(await c.cmd('PING'), 'PONG');
  await s.close();
  await c.waitClosed();
  assert.equal(c.closed, true);
});
