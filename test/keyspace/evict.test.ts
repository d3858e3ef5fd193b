/**
 * A limit above what the server already uses: writes go on, older keys
 * make room, and the dataset stays partly there (the differential tests
 * cover the 1-byte limits where both servers must evict everything).
 * The server runs in its own process: an embedded one would count this
 * test's own client buffers as its memory.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RawClient } from '../helpers/raw-client.js';
import { startMnemoProcess } from '../helpers/servers.js';

function field(info: unknown, name: string): number {
  return Number(new RegExp(`${name}:(\\d+)`).exec(String(info))![1]);
}

test('allkeys-lru under a limit a few MB above current use: no OOM, some keys evicted, some kept', async () => {
  const server = await startMnemoProcess();
  const c = await RawClient.connect(server.port);
  try {
    const used = field(await c.cmd('INFO', 'memory'), 'used_memory');
    assert.equal(await c.cmd('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'), 'OK');
    assert.equal(await c.cmd('CONFIG', 'SET', 'maxmemory', String(used + 8 * 1024 * 1024)), 'OK');
    const value = 'v'.repeat(1000);
    const total = 40_000;
    for (let i = 0; i < total; i += 50) {
      const batch: string[][] = [];
      for (let j = i; j < i + 50; j++) batch.push(['SET', `key:${j}`, value]);
      for (const reply of await Promise.all(batch.map((args) => c.cmd(...args)))) assert.equal(reply, 'OK');
    }
    // No more evictions while the counts are read.
    assert.equal(await c.cmd('CONFIG', 'SET', 'maxmemory', '0'), 'OK');
    const evicted = field(await c.cmd('INFO', 'stats'), 'evicted_keys');
    const size = Number(await c.cmd('DBSIZE'));
    assert.ok(evicted > 0, `evicted ${evicted}`);
    assert.equal(size + evicted, total);
    assert.ok(size > 0);
    // The newest key is still there: eviction takes the least recently used.
    assert.equal(await c.cmd('EXISTS', `key:${total - 1}`), 1);
  } finally {
    c.close();
    await server.close();
  }
});
