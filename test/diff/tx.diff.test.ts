import { test } from 'node:test';
import { diffSuite, type DiffSession } from '../helpers/diff.js';

/** Waits (on both servers) until key is gone, by asking: expiry is the event awaited, not a duration. */
async function untilGone(s: DiffSession, key: string): Promise<void> {
  for (;;) {
    // EXISTS expires the key lazily if it is past its deadline: afterwards it is deleted on both sides.
    const [m, r] = await s.both('EXISTS', key);
    if (m.toString() === ':0\r\n' && r.toString() === ':0\r\n') return;
    await new Promise((res) => setTimeout(res, 5));
  }
}

/** Waits until key's deadline has passed on both servers without touching the key (no lazy expiry). */
async function untilPast(s: DiffSession, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() <= end) await s.both('PING');
}

for (const resp3 of [false, true]) {
  diffSuite(
    `transactions (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('MULTI/EXEC runs the queue and replies with every result', async () => {
        await env().session.script([['MULTI'], ['SET', 'a', '1'], ['GET', 'a'], ['SET', 'b', '2'], ['GET', 'nope'], ['EXEC'], ['GET', 'b']]);
      });

      test('empty transaction, DISCARD and the errors outside MULTI', async () => {
        await env().session.script([
          ['MULTI'],
          ['EXEC'],
          ['EXEC'],
          ['DISCARD'],
          ['MULTI'],
          ['SET', 'd', '1'],
          ['DISCARD'],
          ['GET', 'd'],
          ['MULTI', 'x'],
          ['EXEC', 'x'],
          ['DISCARD', 'x'],
          ['WATCH'],
          ['UNWATCH', 'x'],
        ]);
      });

      test('nested MULTI and WATCH inside MULTI are refused without aborting', async () => {
        await env().session.script([['MULTI'], ['MULTI'], ['WATCH', 'k'], ['SET', 'k', 'v'], ['EXEC'], ['GET', 'k']]);
      });

      test('a command refused at queue time aborts the transaction', async () => {
        await env().session.script([['MULTI'], ['SET', 'x', '1'], ['NOSUCHCOMMAND'], ['SET', 'y', '2'], ['EXEC'], ['GET', 'x'], ['EXEC']]);
        await env().session.script([['MULTI'], ['GET'], ['EXEC'], ['MULTI'], ['SET', 'only-key'], ['DISCARD']]);
      });

      test('run-time errors do not stop the other commands', async () => {
        await env().session.script([['SET', 's', 'str'], ['MULTI'], ['LPUSH', 's', 'x'], ['SET', 't', '1'], ['INCR', 's'], ['GET', 't'], ['EXEC']]);
      });

      test('UNWATCH and MULTI-queued UNWATCH', async () => {
        const s = env().session;
        const other = await env().connect();
        await s.script([['WATCH', 'w'], ['UNWATCH']]);
        await other.same(['SET', 'w', 'changed']);
        await s.script([['MULTI'], ['GET', 'w'], ['EXEC']]);
        await s.script([['WATCH', 'w'], ['MULTI'], ['UNWATCH'], ['GET', 'w']]);
        await other.same(['SET', 'w', 'again']);
        await s.same(['EXEC']);
      });

      test('WATCH: a change by another client makes EXEC return null', async () => {
        const s = env().session;
        const other = await env().connect();
        await s.script([['SET', 'w', '0'], ['WATCH', 'w', 'w2'], ['MULTI'], ['SET', 'w', 'mine']]);
        await other.same(['SET', 'w2', 'theirs']);
        await s.script([['EXEC'], ['GET', 'w'], ['MULTI'], ['SET', 'w', 'mine'], ['EXEC'], ['GET', 'w']]);
      });

      test('WATCH: the watcher\'s own change before MULTI also counts', async () => {
        await env().session.script([['WATCH', 'own'], ['SET', 'own', '1'], ['MULTI'], ['GET', 'own'], ['EXEC'], ['WATCH', 'own'], ['GET', 'own'], ['MULTI'], ['GET', 'own'], ['EXEC']]);
      });

      test('WATCH: writes that change nothing do not dirty, deletes and renames do', async () => {
        const s = env().session;
        const other = await env().connect();
        await s.script([['WATCH', 'absent'], ['MULTI'], ['PING'], ['EXEC']]);
        await s.script([['SET', 'r', '1'], ['WATCH', 'r'], ['MULTI'], ['PING']]);
        await other.same(['DEL', 'r']);
        await s.same(['EXEC']);
        await s.script([['SET', 'r', '1'], ['WATCH', 'r2'], ['MULTI'], ['PING']]);
        await other.same(['RENAME', 'r', 'r2']);
        await s.same(['EXEC']);
        await s.script([['WATCH', 'r2'], ['MULTI'], ['PING']]);
        await other.same(['MOVE', 'r2', '1']);
        await s.same(['EXEC']);
        await s.script([['SET', 'e', '1'], ['WATCH', 'e'], ['MULTI'], ['PING']]);
        await other.same(['EXPIRE', 'e', '100']);
        await s.same(['EXEC']);
        await s.script([['WATCH', 'e'], ['MULTI'], ['PING']]);
        await other.same(['PERSIST', 'e']);
        await s.same(['EXEC']);
      });

      test('WATCH is per database: the same name changed in another one does not count', async () => {
        const s = env().session;
        const other = await env().connect();
        await s.script([['WATCH', 'k'], ['SELECT', '2'], ['WATCH', 'k2'], ['MULTI'], ['PING']]);
        await other.script([['SELECT', '1'], ['SET', 'k', '1'], ['SET', 'k2', '1'], ['SELECT', '2'], ['SET', 'unrelated', '1']]);
        await s.script([['EXEC'], ['WATCH', 'k2'], ['MULTI'], ['PING']]);
        await other.same(['SET', 'k2', '2']);
        await s.same(['EXEC']);
        await s.script([['WATCH', 'a'], ['MULTI'], ['PING']]);
        await other.same(['FLUSHDB']);
        await s.same(['EXEC']);
      });

      test('WATCH: FLUSHDB, FLUSHALL and SWAPDB touch the watched keys that exist', async () => {
        const s = env().session;
        const other = await env().connect();
        await s.script([['WATCH', 'nokey'], ['MULTI'], ['PING']]);
        await other.same(['FLUSHDB']);
        await s.same(['EXEC']);
        await s.script([['SET', 'f', '1'], ['WATCH', 'f'], ['MULTI'], ['PING']]);
        await other.same(['FLUSHALL']);
        await s.same(['EXEC']);
        await s.script([['SET', 'f', '1'], ['WATCH', 'f'], ['MULTI'], ['PING']]);
        await other.same(['FLUSHDB']);
        await s.same(['EXEC']);
        await s.script([['SELECT', '1'], ['SET', 'sw', '1'], ['SELECT', '0'], ['WATCH', 'sw'], ['MULTI'], ['PING']]);
        await other.same(['SWAPDB', '0', '1']);
        await s.same(['EXEC']);
      });

      test('WATCH: a key that expires while watched fails EXEC, one already expired does not', async () => {
        const s = env().session;
        await s.script([['SET', 'x', '1', 'PX', '30'], ['WATCH', 'x']]);
        await untilPast(s, 40);
        await s.script([['MULTI'], ['PING'], ['EXEC']]);
        await s.script([['SET', 'y', '1', 'PX', '20']]);
        await untilGone(s, 'y');
        await s.script([['WATCH', 'y'], ['MULTI'], ['PING'], ['EXEC']]);
      });

      test('time is frozen for the whole transaction and blocking commands do not block', async () => {
        await env().session.script([['MULTI'], ['BLPOP', 'nolist', '0'], ['SET', 'k', 'v'], ['BLPOP', 'nolist', '1'], ['EXEC']]);
      });

      test('COMMAND INFO of the transaction commands', async () => {
        for (const name of ['multi', 'exec', 'discard', 'watch', 'unwatch']) await env().session.same(['COMMAND', 'INFO', name]);
      });
    },
    { resp3 },
  );
}
