import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSuite, type DiffSession } from '../helpers/diff.js';

/** maxmemory 1 is below what either server uses, whatever it holds: every check then sees memory out. */
async function withLimit(s: DiffSession, policy: string, body: () => Promise<void>): Promise<void> {
  await s.same(['CONFIG', 'SET', 'maxmemory-policy', policy]);
  await s.same(['CONFIG', 'SET', 'maxmemory', '1']);
  try {
    await body();
  } finally {
    await s.both('CONFIG', 'SET', 'maxmemory', '0');
    await s.both('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
  }
}

for (const resp3 of [false, true]) {
  diffSuite(
    `maxmemory and eviction (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('noeviction: commands that may grow memory get OOM, the others run', async () => {
        const s = env().session;
        await s.script([['SET', 'k', 'v'], ['RPUSH', 'l', 'a']]);
        await withLimit(s, 'noeviction', async () => {
          await s.script([
            ['SET', 'x', '1'],
            ['APPEND', 'k', 'more'],
            ['RPUSH', 'l', 'b'],
            ['GET', 'k'],
            ['LPOP', 'l'],
            ['DEL', 'k'],
            ['DBSIZE'],
            ['INCR', 'n'],
            ['EXPIRE', 'l', '100'],
            ['PING'],
          ]);
          await s.same(['INFO', 'errorstats'], (m, r) => {
            const oom = (x: unknown) => String(x).match(/errorstat_OOM:count=\d+/)?.[0];
            assert.equal(oom(m), oom(r));
          });
          await s.same(['INFO', 'commandstats'], (m, r) => {
            const set = (x: unknown) => String(x).match(/cmdstat_set:calls=\d+,usec=\d+,usec_per_call=[\d.]+,rejected_calls=\d+/)?.[0].replace(/usec=\d+,usec_per_call=[\d.]+/, '');
            assert.equal(set(m), set(r));
          });
        });
        await s.same(['SET', 'x', '1']);
      });

      test('MULTI under OOM: queued writes and any queued command are refused, EXEC aborts; read-only EXEC runs', async () => {
        const s = env().session;
        await s.same(['SET', 'x', 'value']);
        await withLimit(s, 'noeviction', async () => {
          await s.script([['MULTI'], ['SET', 'y', '1'], ['GET', 'x'], ['EXEC'], ['GET', 'y']]);
          await s.script([['MULTI'], ['PING'], ['DISCARD']]);
        });
        // The limit arrives while the transaction is open: only the denyoom commands decide EXEC.
        const other = await env().connect();
        await s.script([['MULTI'], ['GET', 'x'], ['PING']]);
        await other.same(['CONFIG', 'SET', 'maxmemory', '1']);
        await s.same(['EXEC']);
        await s.script([['MULTI'], ['SET', 'x', '2'], ['GET', 'x']]);
        await s.same(['EXEC']);
        await other.same(['CONFIG', 'SET', 'maxmemory', '0']);
        await s.same(['GET', 'x']);
      });

      test('allkeys policies evict everything a limit of 1 byte asks for, and announce it', async () => {
        for (const policy of ['allkeys-lru', 'allkeys-lfu', 'allkeys-random']) {
          const s = env().session;
          await s.script([['SET', 'a', '1'], ['RPUSH', 'l', 'x', 'y'], ['SELECT', '3'], ['SET', 'b', '2'], ['SELECT', '0']]);
          const sub = await env().connect();
          await sub.same(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
          await sub.same(['PSUBSCRIBE', '__keyevent@*__:evicted']);
          const before = await s.both('INFO', 'stats');
          await withLimit(s, policy, async () => {
            // The limit alone starts the evictions, without another command.
            const [m, r] = await sub.messagesBeforePong();
            assert.ok(r.length <= 3);
            await s.same(['DBSIZE']);
            // Nothing is left to evict: the write is refused.
            await s.same(['SET', 'c', '3']);
            await s.same(['DBSIZE']);
            const [m2, r2] = await sub.messagesBeforePong();
            const all = (a: string[]) => [...a].sort();
            assert.deepEqual(all([...m, ...m2]), all([...r, ...r2]));
            assert.equal(r.length + r2.length, 3);
          });
          const after = await s.both('INFO', 'stats');
          const evicted = (b: Buffer) => Number(/evicted_keys:(\d+)/.exec(b.toString())![1]);
          assert.equal(evicted(after[0]) - evicted(before[0]), evicted(after[1]) - evicted(before[1]));
          await s.same(['SELECT', '3']);
          await s.same(['DBSIZE']);
          await sub.same(['CONFIG', 'SET', 'notify-keyspace-events', '']);
        }
      });

      test('volatile policies evict only keys with a TTL, then refuse', async () => {
        for (const policy of ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl']) {
          const s = env().session;
          await s.script([['FLUSHALL'], ['SET', 'keep', '1'], ['SET', 'v1', '1', 'EX', '100'], ['SET', 'v2', '1', 'PX', '50000'], ['HSET', 'h', 'f', 'v']]);
          await s.same(['EXPIRE', 'h', '1000']);
          await withLimit(s, policy, async () => {
            await s.same(['SET', 'more', '1']);
            await s.same(['DBSIZE']);
            await s.same(['EXISTS', 'keep', 'v1', 'v2', 'h']);
            await s.same(['GET', 'keep']);
          });
        }
      });

      test('LFU counters: new keys start at 5, hits count logarithmically, OBJECT FREQ reads them', async () => {
        const s = env().session;
        await s.same(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu']);
        try {
          await s.script([['SET', 'k', 'v'], ['OBJECT', 'FREQ', 'k'], ['GET', 'k'], ['OBJECT', 'FREQ', 'k']]);
          // With a log factor of 0 every hit counts.
          await s.same(['CONFIG', 'SET', 'lfu-log-factor', '0']);
          for (let i = 0; i < 10; i++) await s.same(['GET', 'k']);
          await s.same(['OBJECT', 'FREQ', 'k']);
          // The counter stops at 255.
          await s.same(['SET', 'n', 'x']);
          for (let i = 0; i < 300; i++) await s.same(['EXISTS', 'n']);
          await s.same(['OBJECT', 'FREQ', 'n']);
          await s.same(['OBJECT', 'IDLETIME', 'k']);
          const payload = Buffer.from((await s.redis.cmd('DUMP', 'k')) as string, 'latin1');
          await s.same(['RESTORE', 'r', '0', payload, 'FREQ', '42']);
          await s.same(['OBJECT', 'FREQ', 'r']);
        } finally {
          await s.both('CONFIG', 'SET', 'lfu-log-factor', '10');
          await s.both('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
        }
      });
    },
    { resp3 },
  );
}
