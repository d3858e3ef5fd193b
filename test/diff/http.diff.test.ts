/**
 * Requests of the HTTP kind (a browser, or a web page making one talk to
 * the port): a command named POST or Host:, inline or multibulk, in any
 * case, makes both servers drop the connection without a word, replies
 * still buffered for earlier commands of the same read included.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite, type DiffSession } from '../helpers/diff.js';
import type { RawClient } from '../helpers/raw-client.js';

/** Everything the server sends until it closes the connection. */
async function untilClosed(c: RawClient): Promise<string[]> {
  const got: string[] = [];
  for (;;) {
    try {
      got.push((await c.next()).toString('latin1'));
    } catch {
      return got;
    }
  }
}

async function dropsConnection(s: DiffSession, bytes: string): Promise<void> {
  s.mnemo.writeRaw(bytes);
  s.redis.writeRaw(bytes);
  const [m, r] = await Promise.all([untilClosed(s.mnemo), untilClosed(s.redis)]);
  assert.deepEqual(m, r, `what arrived before the close, for ${JSON.stringify(bytes)}`);
  assert.deepEqual(r, []);
}

diffSuite('POST and Host: requests', (env) => {
  const cases = [
    'POST / HTTP/1.1\r\nHost: localhost\r\n\r\n',
    'Host: 127.0.0.1:6379\r\n',
    'host:\r\n',
    '  post  \r\n',
    '*1\r\n$4\r\npost\r\n',
    '*2\r\n$5\r\nHOST:\r\n$1\r\nx\r\n',
    // Replies to earlier commands of the same read never leave.
    'PING\r\nSET k v\r\nPOST / HTTP/1.1\r\nPING\r\n',
    'MULTI\r\nPOST\r\n',
  ];
  for (const bytes of cases) {
    test(`${JSON.stringify(bytes)} closes the connection`, async () => {
      await dropsConnection(await env().connect(), bytes);
    });
  }

  test('other HTTP-looking lines are ordinary commands; the servers keep serving', async () => {
    const s = env().session;
    await s.sameRaw('GET / HTTP/1.1\r\n');
    await s.sameRaw('POSTX\r\n');
    await s.sameRaw('*1\r\n$5\r\nhost \r\n');
    await s.same(['PING']);
    await dropsConnection(await env().connect(), 'POST /\r\n');
    await s.same(['PING']);
    // Before authentication too: the check comes first.
    await s.same(['CONFIG', 'SET', 'requirepass', 'pw']);
    await dropsConnection(await env().connect(), 'POST /\r\n');
    const again = await env().connect();
    await again.same(['AUTH', 'pw']);
    await again.same(['CONFIG', 'SET', 'requirepass', '']);
  });
});
