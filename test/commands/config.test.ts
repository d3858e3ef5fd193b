import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';

test('CONFIG SET changes take effect: loglevel, slowlog, proto-max-bulk-len', async () => {
  const server = await startMnemo();
  const c = await RawClient.connect(server.port);
  try {
    assert.equal(await c.cmd('CONFIG', 'SET', 'loglevel', 'warning'), 'OK');
    assert.equal(server.ctx.log.level, 'warning');
    assert.equal(await c.cmd('CONFIG', 'SET', 'slowlog-log-slower-than', '0', 'slowlog-max-len', '2'), 'OK');
    for (let i = 0; i < 4; i++) await c.cmd('PING');
    assert.equal(await c.cmd('SLOWLOG', 'LEN'), 2);
    const [entry] = (await c.cmd('SLOWLOG', 'GET', '1')) as unknown[][];
    assert.equal(entry.length, 6);
    assert.deepEqual(entry[3], ['SLOWLOG', 'LEN']);
    assert.equal(await c.cmd('CONFIG', 'SET', 'proto-max-bulk-len', '1mb'), 'OK');
    assert.equal(server.ctx.config.protoMaxBulkLen, 1024 * 1024);
    // RESETSTAT itself is counted once it completes, as in Redis.
    assert.equal(await c.cmd('CONFIG', 'RESETSTAT'), 'OK');
    assert.match(String(await c.cmd('INFO', 'stats')), /total_commands_processed:1\r\n/);
  } finally {
    c.close();
    await server.close();
  }
});
