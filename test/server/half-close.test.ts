/**
 * Replies leave at the end of the event-loop turn. A client that sends a
 * pipeline and shuts down its sending side (nc -N, a script's stdin ending)
 * must still get every reply for what it sent, also when the end of its
 * input is read in the same turn as the commands.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { test, before, after } from 'node:test';
import { startMnemo } from '../helpers/servers.js';
import type { RunningServer } from '../../src/index.js';

let server: RunningServer;
before(async () => {
  server = await startMnemo();
});
after(async () => {
  await server.close();
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

test('a pipeline followed by a half-close gets all its replies', { timeout: 20_000 }, async () => {
  // 21845 PINGs and a blank line fill exactly two 64 KB reads, so the end of input can be
  // read in the same turn as the last commands.
  for (const count of [1, 3, 21845, 40_000]) {
    const input = 'PING\r\n'.repeat(count) + (count === 21845 ? '\r\n' : '');
    const replies = await sendAndHalfClose(server.port, Buffer.from(input));
    assert.equal(replies.length, '+PONG\r\n'.length * count, `${count} PINGs`);
    assert.equal(replies, '+PONG\r\n'.repeat(count));
  }
});

test('writes sent before a half-close are applied and answered', { timeout: 20_000 }, async () => {
  const value = 'v'.repeat(100);
  let input = '';
  for (let i = 0; i < 2000; i++) input += `*3\r\n$3\r\nSET\r\n$${String(i).length + 2}\r\nhc${i}\r\n$100\r\n${value}\r\n`;
  input += '*2\r\n$6\r\nEXISTS\r\n$6\r\nhc1999\r\n';
  const replies = await sendAndHalfClose(server.port, Buffer.from(input));
  assert.equal(replies, '+OK\r\n'.repeat(2000) + ':1\r\n');
});
