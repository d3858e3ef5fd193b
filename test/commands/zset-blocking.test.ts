/**
 * BZPOPMIN, BZPOPMAX and BZMPOP while blocked, side by side with redis-server:
 * every blocked connection is released by an event (a write from another
 * connection, CLIENT UNBLOCK or its own short timeout), never by sleeping.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite, type DiffSession } from '../helpers/diff.js';
import type { RawClient } from '../helpers/raw-client.js';

/** Resolves once the server reports `n` blocked clients (polls INFO: a condition, not a delay). */
async function waitBlocked(c: RawClient, n: number): Promise<void> {
  for (;;) {
    const r = await c.cmd('INFO', 'clients');
    // RESP3 answers INFO with a verbatim string.
    const info = typeof r === 'string' ? r : (r as { verbatim: string }).verbatim;
    const m = /blocked_clients:(\d+)/.exec(info);
    if (m !== null && Number(m[1]) === n) return;
    await new Promise((r) => setImmediate(r));
  }
}

async function waitBoth(s: DiffSession, n: number): Promise<void> {
  await Promise.all([waitBlocked(s.mnemo, n), waitBlocked(s.redis, n)]);
}

/** Sends a command on both servers without waiting; the returned promise compares the replies. */
function pending(s: DiffSession, ...args: string[]): Promise<void> {
  const p = s.both(...args);
  return p.then(([m, r]) => assert.equal(m.toString('latin1'), r.toString('latin1'), `reply to ${args.join(' ')}`));
}

for (const resp3 of [false, true]) {
  diffSuite(
    `blocking sorted-set pops (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('waiters are served in arrival order by a ZADD', async () => {
        const e = env();
        const [a, b] = [await e.connect(), await e.connect()];
        const ra = pending(a, 'BZPOPMIN', 'k', '0');
        await waitBoth(e.session, 1);
        const rb = pending(b, 'BZPOPMIN', 'k', '0');
        await waitBoth(e.session, 2);
        await e.session.same(['ZADD', 'k', '1', 'x', '2', 'y', '3', 'z']);
        await Promise.all([ra, rb]);
        await e.session.same(['ZRANGE', 'k', '0', '-1', 'WITHSCORES']);
      });

      test('the client pops from the key that was written, and BZMPOP takes COUNT', async () => {
        const e = env();
        const [a, b] = [await e.connect(), await e.connect()];
        const ra = pending(a, 'BZPOPMAX', 'k1', 'k2', '0');
        await waitBoth(e.session, 1);
        const rb = pending(b, 'BZMPOP', '0', '2', 'k1', 'k2', 'MAX', 'COUNT', '2');
        await waitBoth(e.session, 2);
        await e.session.script([['MULTI'], ['ZADD', 'k2', '1', 'a', '2', 'b', '3', 'c', '4', 'd'], ['ZADD', 'k1', '9', 'z'], ['EXEC']]);
        await Promise.all([ra, rb]);
        await e.session.same(['ZRANGE', 'k1', '0', '-1']);
        await e.session.same(['ZRANGE', 'k2', '0', '-1']);
      });

      test('timeouts answer a null array', async () => {
        const s = env().session;
        await s.script([
          ['BZPOPMIN', 'nokey', '0.01'],
          ['BZPOPMAX', 'nokey', 'other', '0.01'],
          ['BZMPOP', '0.01', '1', 'nokey', 'MIN'],
          ['BZMPOP', '0.01', '2', 'nokey', 'other', 'MAX', 'COUNT', '5'],
        ]);
      });

      test('inside MULTI nothing blocks', async () => {
        await env().session.script([
          ['MULTI'],
          ['BZPOPMIN', 'nokey', '0'],
          ['BZPOPMAX', 'nokey', '0'],
          ['BZMPOP', '0', '1', 'nokey', 'MIN'],
          ['ZADD', 'k', '1', 'a'],
          ['BZPOPMIN', 'k', '0'],
          ['EXEC'],
        ]);
      });

      test('a key turned into another type keeps the waiter blocked', async () => {
        const e = env();
        const a = await e.connect();
        const ra = pending(a, 'BZPOPMIN', 'k', '0');
        await waitBoth(e.session, 1);
        await e.session.same(['SET', 'k', 'string']);
        await e.session.same(['DEL', 'k']);
        await waitBoth(e.session, 1);
        await e.session.same(['ZADD', 'k', '5', 'm']);
        await ra;
        await e.session.same(['EXISTS', 'k']);
      });

      test('CLIENT UNBLOCK ends the wait with a timeout or an error', async () => {
        const e = env();
        const a = await e.connect();
        const [idM, idR] = await Promise.all([a.mnemo.cmd('CLIENT', 'ID'), a.redis.cmd('CLIENT', 'ID')]);
        const ra = pending(a, 'BZMPOP', '0', '1', 'k', 'MIN');
        await waitBoth(e.session, 1);
        await Promise.all([e.session.mnemo.cmd('CLIENT', 'UNBLOCK', String(idM), 'TIMEOUT'), e.session.redis.cmd('CLIENT', 'UNBLOCK', String(idR), 'TIMEOUT')]);
        await ra;
        const rb = pending(a, 'BZPOPMIN', 'k', '0');
        await waitBoth(e.session, 1);
        await Promise.all([e.session.mnemo.cmd('CLIENT', 'UNBLOCK', String(idM), 'ERROR'), e.session.redis.cmd('CLIENT', 'UNBLOCK', String(idR), 'ERROR')]);
        await rb;
      });

      test('commands pipelined behind a blocked pop wait for it', async () => {
        const e = env();
        const a = await e.connect();
        const first = pending(a, 'BZPOPMIN', 'k', '0');
        const second = pending(a, 'ZCARD', 'k');
        await waitBoth(e.session, 1);
        await e.session.same(['ZADD', 'k', '1', 'a', '2', 'b']);
        await Promise.all([first, second]);
      });
    },
    { resp3 },
  );
}
