/**
 * Replies leave at the end of the event-loop turn. A client that sends a
 * pipeline and shuts down its sending side (nc -N, a script's stdin ending)
 * must still get every reply for what it sent, also when the end of its
 * input is read in the same turn as the commands; then the server closes
 * the connection, a blocked command included. The same checks run against
 * redis-server, which behaves this way.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { test, before, after } from 'node:test';
import { startMnemo, startRedis, skipWithoutRedis, type ServerProcess } from '../helpers/servers.js';
import type { RunningServer } from '../../src/index.js';

let mnemo: RunningServer;
let redis: ServerProcess | null = null;
const redisSkip = skipWithoutRedis();
before(async () => {
  mnemo = await startMnemo();
  if (!redisSkip) redis = await startRedis();
});
after(async () => {
  await mnemo.close();
  await redis?.close();
});

/** Sends input, half-closes, and collects everything until the server closes. */
function sendAndHalfClose(port: number, input: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
      s.end(input);
    });
    s.on('data', (d) => chunks.push(d));
    s.on('error', reject);
    s.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

for (const target of ['mnemo', 'redis'] as const) {
  const skip = target === 'redis' ? redisSkip : false;
  const port = () => (target === 'mnemo' ? mnemo.port : redis!.port);

  test(`${target}: a pipeline followed by a half-close gets all its replies`, { skip, timeout: 20_000 }, async () => {
    // 21845 PINGs and a blank line fill exactly two 64 KB reads, so the end of input can be
    // read in the same turn as the last commands.
    for (const count of [1, 3, 21845, 40_000]) {
      const input = 'PING\r\n'.repeat(count) + (count === 21845 ? '\r\n' : '');
      const replies = await sendAndHalfClose(port(), Buffer.from(input));
      assert.equal(replies.length, '+PONG\r\n'.length * count, `${count} PINGs`);
      assert.equal(replies, '+PONG\r\n'.repeat(count));
    }
  });

  test(`${target}: writes sent before a half-close are applied and answered`, { skip, timeout: 20_000 }, async () => {
    const value = 'v'.repeat(100);
    let input = '';
    for (let i = 0; i < 2000; i++) input += `*3\r\n$3\r\nSET\r\n$${String(i).length + 2}\r\nhc${i}\r\n$100\r\n${value}\r\n`;
    input += '*2\r\n$6\r\nEXISTS\r\n$6\r\nhc1999\r\n';
    const replies = await sendAndHalfClose(port(), Buffer.from(input));
    assert.equal(replies, '+OK\r\n'.repeat(2000) + ':1\r\n');
  });

  test(`${target}: a client blocked when it half-closes is let go`, { skip, timeout: 20_000 }, async () => {
    const replies = await sendAndHalfClose(port(), Buffer.from('PING\r\nBLPOP nolist:halfclose 0\r\n'));
    assert.equal(replies, '+PONG\r\n');
  });
}
