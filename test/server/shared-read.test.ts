/**
 * Every connection reads into one shared buffer. What a client sent but the
 * server has not run yet (half a frame, or commands queued behind a blocked
 * one) must survive other clients' reads overwriting that buffer.
 */
import assert from 'node:assert/strict';
import { test, before, after } from 'node:test';
import { startMnemo } from '../helpers/servers.js';
import { RawClient, encodeCommand } from '../helpers/raw-client.js';
import type { RunningServer } from '../../src/index.js';

let server: RunningServer;
before(async () => {
  server = await startMnemo();
});
after(async () => {
  await server.close();
});

test('half a frame waits intact while another client fills the read buffer', { timeout: 20_000 }, async () => {
  const a = await RawClient.connect(server.port);
  const b = await RawClient.connect(server.port);
  const frame = encodeCommand(['SET', 'half', 'v'.repeat(5000)]);
  a.writeRaw(frame.subarray(0, 2500));
  // A round trip from a proves its first half was read before b's traffic.
  assert.equal(await b.cmd('PING'), 'PONG');
  const noise = Buffer.concat(Array.from({ length: 200 }, (_, i) => encodeCommand(['SET', `noise${i}`, 'x'.repeat(300)])));
  b.writeRaw(noise);
  for (let i = 0; i < 200; i++) assert.equal((await b.next()).toString(), '+OK\r\n');
  a.writeRaw(frame.subarray(2500));
  assert.equal(await a.next().then((r) => r.toString()), '+OK\r\n');
  assert.equal(await a.cmd('STRLEN', 'half'), 5000);
  assert.equal(await a.cmd('GET', 'half'), 'v'.repeat(5000));
  a.close();
  b.close();
});

test('commands pipelined behind a blocked one run intact after other clients were read', { timeout: 20_000 }, async () => {
  const blocked = await RawClient.connect(server.port);
  const other = await RawClient.connect(server.port);
  blocked.writeRaw(Buffer.concat([encodeCommand(['BLPOP', 'wake', '0']), encodeCommand(['SET', 'after-block', 'kept-value']), encodeCommand(['GET', 'after-block'])]));
  // Let the server see the blocked client before flooding the shared buffer.
  for (;;) {
    const list = String(await other.cmd('CLIENT', 'LIST'));
    if (list.includes('cmd=blpop')) break;
  }
  for (let i = 0; i < 50; i++) await other.cmd('SET', `fill${i}`, 'z'.repeat(1000));
  await other.cmd('RPUSH', 'wake', 'go');
  assert.deepEqual(await blocked.next().then((r) => r.toString()), '*2\r\n$4\r\nwake\r\n$2\r\ngo\r\n');
  assert.equal(await blocked.next().then((r) => r.toString()), '+OK\r\n');
  assert.equal(await blocked.next().then((r) => r.toString()), '$10\r\nkept-value\r\n');
  blocked.close();
  other.close();
});
