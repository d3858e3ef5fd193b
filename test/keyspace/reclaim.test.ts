/**
 * After a big deletion on a server that then goes quiet, used_memory must
 * come down by itself (Redis frees at once or in a lazyfree thread), as
 * Redis's own lazyfree tests expect. The server runs in its own process so
 * the test runner's heap does not blur the figure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RawClient } from '../helpers/raw-client.js';
import { startMnemoProcess } from '../helpers/servers.js';

async function usedMemory(c: RawClient): Promise<number> {
  const info = String(await c.cmd('INFO', 'memory'));
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

test('used_memory falls after UNLINK and FLUSHDB ASYNC of big sets, with no further traffic', async () => {
  const server = await startMnemoProcess();
  try {
    const c = await RawClient.connect(server.port);
    for (const dropWith of [['UNLINK', 'big'], ['FLUSHDB', 'ASYNC']]) {
      const before = await usedMemory(c);
      for (let i = 0; i < 300_000; i += 10_000) {
        await c.cmd('SADD', 'big', ...Array.from({ length: 10_000 }, (_, j) => `member:${i + j}`));
      }
      const peak = await usedMemory(c);
      assert.ok(peak > before + 5_000_000, `the set shows in used_memory (${before} -> ${peak})`);
      await c.cmd(...dropWith);
      // Only INFO from here on: nothing allocates enough to make V8 collect on its own.
      let now = peak;
      for (let tries = 0; tries < 100 && now > before + (peak - before) / 2; tries++) {
        await new Promise((r) => setTimeout(r, 100));
        now = await usedMemory(c);
      }
      assert.ok(now <= before + (peak - before) / 2, `${dropWith.join(' ')}: used_memory ${now}, peak ${peak}, before ${before}`);
    }
    c.close();
  } finally {
    await server.close();
  }
});
