/**
 * Multi-client blocking scenarios, run against Mnemo and redis-server side
 * by side: every reply (of the blocked clients too) must be byte-identical.
 * Clients are sequenced by waiting until each server reports the expected
 * number of blocked clients, never by sleeping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSuite, type Arg, type DiffEnv, type DiffSession } from '../helpers/diff.js';
import { encodeCommand } from '../helpers/raw-client.js';
import { blockedCount, blockingKeysCount, unblockClientById } from '../../src/keyspace/blocking.js';

function send(s: DiffSession, ...args: Arg[]): void {
  const bytes = encodeCommand(args);
  s.mnemo.writeRaw(bytes);
  s.redis.writeRaw(bytes);
}

/** The next reply of both sides, compared byte for byte. */
async function sameNext(s: DiffSession, label: string): Promise<string> {
  const [m, r] = await Promise.all([s.mnemo.next(), s.redis.next()]);
  assert.equal(m.toString('latin1'), r.toString('latin1'), label);
  return m.toString('latin1');
}

/** Waits until both servers count n blocked clients. */
async function waitBlocked(e: DiffEnv, n: number): Promise<void> {
  for (;;) {
    const info = (await e.session.redis.call('INFO', 'clients')).toString('latin1');
    const r = Number(/blocked_clients:(\d+)/.exec(info)![1]);
    if (r === n && blockedCount(e.mnemoServer.ctx) === n) return;
    await new Promise((res) => setTimeout(res, 2));
  }
}

for (const resp3 of [false, true]) {
  diffSuite(
    `blocking list commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('two waiters are served oldest first', async () => {
        const e = env();
        const a = await e.connect();
        const b = await e.connect();
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        send(b, 'BRPOP', 'l', 'other', '0');
        await waitBlocked(e, 2);
        await e.session.same(['RPUSH', 'l', 'x', 'y', 'z']);
        await sameNext(a, 'first waiter');
        await sameNext(b, 'second waiter');
        await e.session.same(['LRANGE', 'l', '0', '-1']);
        await waitBlocked(e, 0);
      });

      test('one element wakes one waiter; the other keeps waiting and its place', async () => {
        const e = env();
        const a = await e.connect();
        const b = await e.connect();
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        send(b, 'BLPOP', 'l', '0');
        await waitBlocked(e, 2);
        await e.session.same(['LPUSH', 'l', 'one']);
        await sameNext(a, 'first waiter');
        await waitBlocked(e, 1);
        await e.session.same(['LPUSH', 'l', 'two']);
        await sameNext(b, 'second waiter');
      });

      test('a client waiting on several keys is served from the key that became ready', async () => {
        const e = env();
        const a = await e.connect();
        send(a, 'BLPOP', 'k1', 'k2', 'k3', '0');
        await waitBlocked(e, 1);
        await e.session.script([['MULTI'], ['RPUSH', 'k3', 'c'], ['RPUSH', 'k1', 'a'], ['EXEC']]);
        await sameNext(a, 'served from the first ready key');
        await e.session.same(['LRANGE', 'k1', '0', '-1']);
        await e.session.same(['LRANGE', 'k3', '0', '-1']);
      });

      test('MULTI/EXEC wakes waiters only after EXEC', async () => {
        const e = env();
        const a = await e.connect();
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        // Pushed and popped inside the transaction: nothing left when it ends.
        await e.session.script([['MULTI'], ['RPUSH', 'l', 'a', 'b'], ['LPOP', 'l', '2'], ['EXEC']]);
        await e.session.same(['PING']);
        await waitBlocked(e, 1);
        await e.session.script([['MULTI'], ['RPUSH', 'l', 'c'], ['RPUSH', 'l', 'd'], ['LLEN', 'l'], ['EXEC']]);
        await sameNext(a, 'woken after EXEC');
        await e.session.same(['LRANGE', 'l', '0', '-1']);
      });

      test("the pusher's next pipelined command sees the list as the waiter left it", async () => {
        const e = env();
        const a = await e.connect();
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        const p = e.session;
        const bytes = Buffer.concat([encodeCommand(['RPUSH', 'l', 'x']), encodeCommand(['LLEN', 'l'])]);
        p.mnemo.writeRaw(bytes);
        p.redis.writeRaw(bytes);
        await sameNext(p, 'RPUSH');
        await sameNext(p, 'LLEN after the wake-up');
        await sameNext(a, 'waiter');
      });

      test('commands pipelined behind a blocked command wait for it', async () => {
        const e = env();
        const a = await e.connect();
        const bytes = Buffer.concat([encodeCommand(['BLPOP', 'l', '0']), encodeCommand(['LLEN', 'l']), encodeCommand(['ECHO', 'after'])]);
        a.mnemo.writeRaw(bytes);
        a.redis.writeRaw(bytes);
        await waitBlocked(e, 1);
        await e.session.same(['RPUSH', 'l', 'x', 'y']);
        await sameNext(a, 'BLPOP');
        await sameNext(a, 'LLEN');
        await sameNext(a, 'ECHO');
      });

      test('timeouts with fractional seconds reply a null array', async () => {
        const e = env();
        const a = await e.connect();
        for (const args of [
          ['BLPOP', 'l', '0.02'],
          ['BRPOP', 'l', 'm', '0.015'],
          ['BLMOVE', 'l', 'd', 'LEFT', 'RIGHT', '0.01'],
          ['BRPOPLPUSH', 'l', 'd', '0.001'],
          ['BLMPOP', '0.02', '2', 'l', 'm', 'RIGHT', 'COUNT', '2'],
          ['BLPOP', 'l', '0.0001'],
        ]) {
          send(a, ...args);
          await sameNext(a, args.join(' '));
        }
        await e.session.same(['EXISTS', 'l', 'd']);
      });

      test('a waiter with a timeout and one without: the timed-out one leaves, the other is served', async () => {
        const e = env();
        const a = await e.connect();
        const b = await e.connect();
        send(a, 'BLPOP', 'l', '0.05');
        await waitBlocked(e, 1);
        send(b, 'BLPOP', 'l', '0');
        await sameNext(a, 'timed out');
        await waitBlocked(e, 1);
        await e.session.same(['RPUSH', 'l', 'x']);
        await sameNext(b, 'served');
      });

      test('BLMOVE chains: a moved element wakes the waiter on the destination', async () => {
        const e = env();
        const a = await e.connect();
        const b = await e.connect();
        const c = await e.connect();
        send(a, 'BLMOVE', 'src', 'mid', 'LEFT', 'RIGHT', '0');
        await waitBlocked(e, 1);
        send(b, 'BRPOPLPUSH', 'mid', 'dst', '0');
        await waitBlocked(e, 2);
        send(c, 'BLPOP', 'dst', '0');
        await waitBlocked(e, 3);
        await e.session.same(['RPUSH', 'src', 'x']);
        await sameNext(a, 'BLMOVE');
        await sameNext(b, 'BRPOPLPUSH');
        await sameNext(c, 'BLPOP');
        await e.session.same(['EXISTS', 'src', 'mid', 'dst']);
      });

      test('BLMOVE with the same source and destination', async () => {
        const e = env();
        const a = await e.connect();
        send(a, 'BLMOVE', 'l', 'l', 'RIGHT', 'LEFT', '0');
        await waitBlocked(e, 1);
        await e.session.same(['RPUSH', 'l', 'a', 'b', 'c']);
        await sameNext(a, 'BLMOVE');
        await e.session.same(['LRANGE', 'l', '0', '-1']);
      });

      test('BLMOVE to a destination of the wrong type fails when woken', async () => {
        const e = env();
        const a = await e.connect();
        await e.session.same(['SET', 'dst', 'str']);
        send(a, 'BLMOVE', 'l', 'dst', 'LEFT', 'LEFT', '0');
        await waitBlocked(e, 1);
        await e.session.same(['RPUSH', 'l', 'x']);
        await sameNext(a, 'WRONGTYPE');
        await e.session.same(['LRANGE', 'l', '0', '-1']);
      });

      test('BLMPOP with COUNT, woken', async () => {
        const e = env();
        const a = await e.connect();
        send(a, 'BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '2');
        await waitBlocked(e, 1);
        await e.session.same(['RPUSH', 'b', '1', '2', '3']);
        await sameNext(a, 'BLMPOP');
        await e.session.same(['LRANGE', 'b', '0', '-1']);
      });

      test('a key that becomes another type leaves the waiter blocked', async () => {
        const e = env();
        const a = await e.connect();
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        await e.session.script([['SET', 'l', 'str'], ['DEL', 'l'], ['SADD', 'l', 'm'], ['DEL', 'l']]);
        await waitBlocked(e, 1);
        await e.session.same(['RPUSH', 'l', 'v']);
        await sameNext(a, 'BLPOP');
      });

      test('SWAPDB and MOVE bring data to a waiter', async () => {
        const e = env();
        const a = await e.connect();
        const b = await e.connect();
        await e.session.script([['SELECT', '1'], ['RPUSH', 'l', 'from1'], ['RPUSH', 'm', 'm1'], ['SELECT', '0']]);
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        send(b, 'BLPOP', 'n', '0');
        await waitBlocked(e, 2);
        await e.session.same(['SWAPDB', '0', '1']);
        await sameNext(a, 'woken by SWAPDB');
        await e.session.same(['LRANGE', 'l', '0', '-1']);
        await e.session.same(['LLEN', 'm']);
        await e.session.same(['SWAPDB', '0', '1']);
        await waitBlocked(e, 1);
        await e.session.script([['SELECT', '2'], ['RPUSH', 'n', 'moved'], ['MOVE', 'n', '0'], ['SELECT', '0']]);
        await sameNext(b, 'woken by MOVE');
      });

      test('a blocked client that disconnects leaves nothing behind', async () => {
        const e = env();
        const a = await e.connect();
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        a.mnemo.close();
        a.redis.close();
        await waitBlocked(e, 0);
        assert.equal(blockingKeysCount(e.mnemoServer.ctx), 0);
        await e.session.same(['RPUSH', 'l', 'x']);
        await e.session.same(['LRANGE', 'l', '0', '-1']);
      });

      test('CLIENT UNBLOCK with TIMEOUT and ERROR', async () => {
        const e = env();
        const a = await e.connect();
        const [idm, idr] = await Promise.all([a.mnemo.cmd('CLIENT', 'ID'), a.redis.cmd('CLIENT', 'ID')]);
        const unblock = async (...mode: string[]) => {
          const [m, r] = await Promise.all([
            e.session.mnemo.call('CLIENT', 'UNBLOCK', String(idm), ...mode),
            e.session.redis.call('CLIENT', 'UNBLOCK', String(idr), ...mode),
          ]);
          assert.equal(m.toString(), r.toString());
        };
        await unblock();
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        await unblock();
        await sameNext(a, 'CLIENT UNBLOCK');
        send(a, 'BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0');
        await waitBlocked(e, 1);
        await unblock('TIMEOUT');
        await sameNext(a, 'CLIENT UNBLOCK TIMEOUT');
        send(a, 'BLMPOP', '0', '1', 'l', 'LEFT');
        await waitBlocked(e, 1);
        await unblock('ERROR');
        await sameNext(a, 'CLIENT UNBLOCK ERROR');
        await unblock('ERROR');
        await waitBlocked(e, 0);
        await e.session.same(['RPUSH', 'l', 'x']);
        await e.session.same(['LLEN', 'l']);
      });

      test('keyspace events of served waiters', async () => {
        const e = env();
        const a = await e.connect();
        const b = await e.connect();
        await e.session.same(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        send(b, 'BLMOVE', 'm', 'n', 'RIGHT', 'LEFT', '0');
        await waitBlocked(e, 2);
        const sub = await e.connect();
        await sub.same(['PSUBSCRIBE', '__keyevent@*__:*']);
        await e.session.same(['RPUSH', 'l', 'x']);
        await e.session.same(['RPUSH', 'm', 'y', 'z']);
        await sameNext(a, 'BLPOP');
        await sameNext(b, 'BLMOVE');
        const collect = async (client: DiffSession['mnemo']): Promise<string[]> => {
          client.writeRaw(encodeCommand(['PING']));
          const got: string[] = [];
          for (;;) {
            const r = (await client.next()).toString('latin1');
            if (r.toLowerCase().includes('pong')) return got;
            got.push(r);
          }
        };
        const [m, r] = await Promise.all([collect(sub.mnemo), collect(sub.redis)]);
        assert.equal(r.length, 6);
        assert.deepEqual(m, r);
        await e.session.same(['CONFIG', 'SET', 'notify-keyspace-events', '']);
      });

      test('command statistics count a blocking command once, when it first runs', async () => {
        const e = env();
        const a = await e.connect();
        await e.session.both('CONFIG', 'RESETSTAT');
        const stats = async (label: string) => {
          const pick = async (side: 'mnemo' | 'redis') => {
            const cs = (await e.session[side].call('INFO', 'commandstats')).toString('latin1');
            // total_commands_processed is not compared: waitBlocked() polls INFO on one side only.
            return /cmdstat_blmove:calls=(\d+),.*rejected_calls=(\d+),failed_calls=(\d+)/.exec(cs)?.slice(1);
          };
          assert.deepEqual(await pick('mnemo'), await pick('redis'), label);
        };
        send(a, 'BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0');
        await waitBlocked(e, 1);
        await stats('blocked');
        await e.session.same(['RPUSH', 'l', 'x']);
        await sameNext(a, 'served');
        await stats('served');
        await e.session.same(['SET', 'd', 'str']);
        send(a, 'BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0');
        await waitBlocked(e, 1);
        await e.session.same(['RPUSH', 'l', 'x']);
        await sameNext(a, 'served with an error');
        await stats('failed');
        send(a, 'BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0.01');
        await sameNext(a, 'timed out');
        await stats('timed out');
      });

      test('CLIENT LIST shows the b flag while blocked', async () => {
        const e = env();
        const a = await e.connect();
        await a.same(['CLIENT', 'SETNAME', 'waiter']);
        send(a, 'BLPOP', 'l', '0');
        await waitBlocked(e, 1);
        const flags = async (side: 'mnemo' | 'redis') => {
          const list = (await e.session[side].call('CLIENT', 'LIST')).toString('latin1');
          const line = list.split('\n').find((l) => l.includes('name=waiter'))!;
          return [/flags=(\S+)/.exec(line)![1], /cmd=(\S+)/.exec(line)![1]];
        };
        assert.deepEqual(await flags('mnemo'), await flags('redis'));
        await e.session.same(['RPUSH', 'l', 'x']);
        await sameNext(a, 'BLPOP');
      });
    },
    { resp3 },
  );
}

test('unblockClientById ignores unknown and unblocked clients', async () => {
  const { startMnemo } = await import('../helpers/servers.js');
  const srv = await startMnemo();
  try {
    assert.equal(unblockClientById(srv.ctx, 12345, 'timeout'), false);
    assert.equal(blockedCount(srv.ctx), 0);
  } finally {
    await srv.close();
  }
});
