import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSuite, type Arg, type DiffEnv, type DiffSession } from '../helpers/diff.js';
import { decode, type Reply } from '../helpers/resp.js';

/** Flat field/value list of a RESP2 reply or the pairs of a RESP3 nested reply. */
function pairsOf(r: Reply, resp3: boolean): [Reply, Reply][] {
  assert.ok(Array.isArray(r));
  if (resp3) return r.map((p) => (assert.ok(Array.isArray(p) && p.length === 2), [p[0], p[1]] as [Reply, Reply]));
  const out: [Reply, Reply][] = [];
  for (let i = 0; i < r.length; i += 2) out.push([r[i], r[i + 1]]);
  return out;
}

const bigHash = (key: string, n: number): Arg[] => {
  const args: Arg[] = ['HSET', key];
  for (let i = 0; i < n; i++) args.push(`f${i}`, `v${i}`);
  return args;
};

/**
 * Events with the 'new' class too. Mnemo's CONFIG SET currently drops the
 * 'n' flag, so Mnemo's events are recorded from the keyspace hook directly,
 * and Redis's (KEAn) read from pub/sub, each command followed by a marker SET.
 */
async function eventsWithNew(e: DiffEnv, steps: Arg[][]): Promise<void> {
  const sub = await e.connect();
  await sub.redis.call('CONFIG', 'SET', 'notify-keyspace-events', 'KEAn');
  await sub.redis.call('PSUBSCRIBE', '__keyevent@*');
  const mnemoEvents: string[] = [];
  const hook = (cls: string, event: string, key: string): void => {
    if (cls !== 'm') mnemoEvents.push(`${event} ${key}`);
  };
  const hooks = e.mnemoServer.ctx.keyspace.eventHooks;
  hooks.push(hook);
  try {
    for (const cmd of steps) {
      mnemoEvents.length = 0;
      await e.session.same(cmd, 'type');
      await e.session.redis.call('SET', '__mark__', '1');
      const redisEvents: string[] = [];
      for (;;) {
        const raw = decode(await sub.redis.next())[0];
        const msg = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'push' in raw ? raw.push : raw) as Reply[];
        const ev = `${String(msg[2]).replace(/^__keyevent@\d+__:/, '')} ${String(msg[3])}`;
        if (ev === 'set __mark__') break;
        if (!ev.endsWith(' __mark__')) redisEvents.push(ev);
      }
      assert.deepEqual(mnemoEvents, redisEvents, `events of ${cmd.join(' ')}`);
    }
  } finally {
    hooks.splice(hooks.indexOf(hook), 1);
    await e.session.redis.call('CONFIG', 'SET', 'notify-keyspace-events', '');
  }
}

for (const resp3 of [false, true]) {
  diffSuite(
    `hash commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      const s = (): DiffSession => env().session;

      test('HSET, HMSET, HSETNX, HGET, HMGET and their errors', async () => {
        await s().script([
          ['HSET', 'h', 'a', '1', 'b', '2'],
          ['HSET', 'h', 'a', '1'],
          ['HSET', 'h', 'a', '9', 'c', '3', 'c', '4'],
          ['HSET', 'h'],
          ['HSET', 'h', 'a'],
          ['HSET', 'h', 'a', '1', 'b'],
          ['HMSET', 'h', 'd', '5', 'e', '6'],
          ['HMSET', 'h', 'd'],
          ['HMSET', 'h', 'd', '5', 'e'],
          ['HSETNX', 'h', 'a', 'x'],
          ['HSETNX', 'h', 'z', 'x'],
          ['HSETNX', 'h2', 'z', 'x'],
          ['HSETNX', 'h', 'z'],
          ['HGET', 'h', 'a'],
          ['HGET', 'h', 'nope'],
          ['HGET', 'nokey', 'a'],
          ['HGET', 'h'],
          ['HMGET', 'h', 'a', 'nope', 'c', 'z'],
          ['HMGET', 'nokey', 'a', 'b'],
          ['HMGET', 'h'],
          ['HGETALL', 'h'],
          ['HKEYS', 'h'],
          ['HVALS', 'h'],
          ['HLEN', 'h'],
          ['HGETALL', 'nokey'],
          ['HKEYS', 'nokey'],
          ['HVALS', 'nokey'],
          ['HLEN', 'nokey'],
          ['HSET', 'bin', Buffer.from([0, 255, 13, 10]), Buffer.from([1, 2, 0])],
          ['HGET', 'bin', Buffer.from([0, 255, 13, 10])],
          ['HGETALL', 'bin'],
          ['HSET', 'empty', '', ''],
          ['HGETALL', 'empty'],
          ['HSTRLEN', 'empty', ''],
        ]);
      });

      test('HEXISTS, HSTRLEN, HLEN, HDEL and deletion of an emptied hash', async () => {
        await s().script([
          ['HSET', 'h', 'a', 'hello', 'b', '', 'c', '12345678901234567890'],
          ['HEXISTS', 'h', 'a'],
          ['HEXISTS', 'h', 'zz'],
          ['HEXISTS', 'nokey', 'a'],
          ['HSTRLEN', 'h', 'a'],
          ['HSTRLEN', 'h', 'b'],
          ['HSTRLEN', 'h', 'c'],
          ['HSTRLEN', 'h', 'zz'],
          ['HSTRLEN', 'nokey', 'a'],
          ['HDEL', 'h', 'zz'],
          ['HDEL', 'h', 'a', 'a', 'zz'],
          ['HDEL', 'nokey', 'a'],
          ['HDEL', 'h'],
          ['HGETALL', 'h'],
          ['HDEL', 'h', 'b', 'c', 'd'],
          ['EXISTS', 'h'],
          ['HLEN', 'h'],
        ]);
      });

      test('wrong type on every command', async () => {
        await s().same(['SET', 'str', 'x']);
        const cmds: Arg[][] = [
          ['HSET', 'str', 'a', '1'],
          ['HMSET', 'str', 'a', '1'],
          ['HSETNX', 'str', 'a', '1'],
          ['HGET', 'str', 'a'],
          ['HMGET', 'str', 'a'],
          ['HGETALL', 'str'],
          ['HKEYS', 'str'],
          ['HVALS', 'str'],
          ['HLEN', 'str'],
          ['HEXISTS', 'str', 'a'],
          ['HSTRLEN', 'str', 'a'],
          ['HDEL', 'str', 'a'],
          ['HINCRBY', 'str', 'a', '1'],
          ['HINCRBY', 'str', 'a', 'x'],
          ['HINCRBYFLOAT', 'str', 'a', '1'],
          ['HINCRBYFLOAT', 'str', 'a', 'x'],
          ['HRANDFIELD', 'str'],
          ['HRANDFIELD', 'str', '2'],
          ['HRANDFIELD', 'str', 'x'],
          ['HRANDFIELD', 'str', '0', 'WITHVALUES'],
          ['HSCAN', 'str', '0'],
          ['HSCAN', 'str', 'x'],
          ['GET', 'str'],
        ];
        await s().script(cmds);
      });

      test('HINCRBY: creation, errors, overflow', async () => {
        await s().script([
          ['HINCRBY', 'h', 'n', '5'],
          ['HINCRBY', 'h', 'n', '-10'],
          ['HINCRBY', 'h', 'n', 'x'],
          ['HINCRBY', 'h', 'n', '1.5'],
          ['HINCRBY', 'h', 'n', '9223372036854775808'],
          ['HINCRBY', 'h', 'n', '-9223372036854775808'],
          ['HSET', 'h', 'big', '9223372036854775806', 'small', '-9223372036854775807', 's', 'abc', 'z', '007', 'sp', ' 1'],
          ['HINCRBY', 'h', 'big', '1'],
          ['HINCRBY', 'h', 'big', '1'],
          ['HINCRBY', 'h', 'small', '-1'],
          ['HINCRBY', 'h', 'small', '-1'],
          ['HINCRBY', 'h', 's', '1'],
          ['HINCRBY', 'h', 'z', '1'],
          ['HINCRBY', 'h', 'sp', '1'],
          ['HINCRBY', 'h', 'big', '0'],
          ['HGETALL', 'h'],
          ['HINCRBY', 'h', 'n'],
          ['HINCRBY', 'nokey2', 'n', 'x'],
          ['EXISTS', 'nokey2'],
        ]);
      });

      test('HINCRBYFLOAT: long double arithmetic and printing, errors', async () => {
        await s().script([
          ['HINCRBYFLOAT', 'h', 'f', '10.5'],
          ['HINCRBYFLOAT', 'h', 'f', '0.1'],
          ['HINCRBYFLOAT', 'h', 'f', '-0.2'],
          ['HINCRBYFLOAT', 'h', 'g', '1e10'],
          ['HINCRBYFLOAT', 'h', 'g', '3.0e3'],
          ['HINCRBYFLOAT', 'h', 'g', '-10000003000'],
          ['HINCRBYFLOAT', 'h', 'x', '0.1'],
          ['HINCRBYFLOAT', 'h', 'x', '0.2'],
          ['HINCRBYFLOAT', 'h', 'e', '1.5e308'],
          ['HINCRBYFLOAT', 'h', 'e', '1.5e308'],
          ['HINCRBYFLOAT', 'h', 'e', 'inf'],
          ['HINCRBYFLOAT', 'h', 'e', '-inf'],
          ['HINCRBYFLOAT', 'h', 'e', 'nan'],
          ['HINCRBYFLOAT', 'h', 'e', 'abc'],
          ['HINCRBYFLOAT', 'h', 'e', ''],
          ['HINCRBYFLOAT', 'h', 'e', ' 1'],
          ['HSET', 'h', 's', 'abc', 'i', '5', 'hex', '0x10'],
          ['HINCRBYFLOAT', 'h', 's', '1'],
          ['HINCRBYFLOAT', 'h', 'i', '1.25'],
          ['HINCRBYFLOAT', 'h', 'hex', '1'],
          ['HINCRBYFLOAT', 'h', 'neg', '-0'],
          ['HINCRBYFLOAT', 'h', 'tiny', '1e-20'],
          ['OBJECT', 'ENCODING', 'h'],
        ]);
        // The 309-byte value made it a hashtable: order is Redis's dict order.
        await s().same(['HGETALL', 'h'], 'sorted');
      });

      test('HRANDFIELD without count, with count, WITHVALUES and range errors', async () => {
        const sess = s();
        await sess.script([
          ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
          ['HRANDFIELD', 'nokey'],
          ['HRANDFIELD', 'nokey', '3'],
          ['HRANDFIELD', 'nokey', '-3', 'WITHVALUES'],
          ['HRANDFIELD', 'h', '0'],
          ['HRANDFIELD', 'h', '0', 'WITHVALUES'],
          ['HRANDFIELD', 'h', '3'],
          ['HRANDFIELD', 'h', '100'],
          ['HRANDFIELD', 'h', '3', 'WITHVALUES'],
          ['HRANDFIELD', 'h', '100', 'withvalues'],
          ['HRANDFIELD', 'h', '1', 'WITHVALUE'],
          ['HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'],
          ['HRANDFIELD', 'h', 'x'],
          ['HRANDFIELD', 'h', 'x', 'foo'],
          ['HRANDFIELD', 'h', '1.0'],
          ['HRANDFIELD', 'h', '-9223372036854775808'],
          ['HRANDFIELD', 'h', '9223372036854775808'],
          ['HRANDFIELD', 'h', '-9223372036854775807', 'WITHVALUES'],
          ['HRANDFIELD', 'h', '9223372036854775807', 'WITHVALUES'],
          ['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'],
          ['HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES'],
          ['HRANDFIELD', 'h', '4611686018427387903', 'WITHVALUES'],
        ]);
        const fields = new Map([['a', '1'], ['b', '2'], ['c', '3']]);
        const one = await sess.same(['HRANDFIELD', 'h'], 'type');
        assert.ok(fields.has(one as string));
        for (const n of ['1', '2', '-1', '-5', '-50']) {
          const r = await sess.same(['HRANDFIELD', 'h', n], 'type');
          assert.equal((r as Reply[]).length, Math.abs(Number(n)));
          for (const f of r as string[]) assert.ok(fields.has(f));
          if (Number(n) > 0) assert.equal(new Set(r as string[]).size, Number(n));
          const w = await sess.same(['HRANDFIELD', 'h', n, 'WITHVALUES'], 'type');
          const pairs = pairsOf(w, resp3);
          assert.equal(pairs.length, Math.abs(Number(n)));
          for (const [f, v] of pairs) assert.equal(fields.get(f as string), v);
        }
      });

      test('HRANDFIELD on a hashtable-encoded hash', async () => {
        const sess = s();
        await sess.same(bigHash('big', 300));
        for (const n of ['10', '299', '300', '1000', '-600']) {
          const w = await sess.same(['HRANDFIELD', 'big', n, 'WITHVALUES'], 'type');
          const pairs = pairsOf(w, resp3);
          assert.equal(pairs.length, Math.min(Number(n) < 0 ? -Number(n) : Number(n), Number(n) < 0 ? Infinity : 300));
          for (const [f, v] of pairs) assert.equal((f as string).replace('f', 'v'), v);
          if (Number(n) > 0) assert.equal(new Set(pairs.map((p) => p[0])).size, pairs.length);
        }
        await sess.same(['HRANDFIELD', 'big', '300'], 'sorted');
      });

      test('encodings: listpack limits by count and by length, never converting back', async () => {
        const sess = s();
        await sess.script([
          ['CONFIG', 'SET', 'hash-max-listpack-entries', '4'],
          ['CONFIG', 'SET', 'hash-max-listpack-value', '8'],
          ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4'],
          ['OBJECT', 'ENCODING', 'h'],
          ['HSET', 'h', 'e', '5'],
          ['OBJECT', 'ENCODING', 'h'],
          ['HDEL', 'h', 'a', 'b', 'c', 'd'],
          ['OBJECT', 'ENCODING', 'h'],
          ['HSET', 'v', 'a', '12345678'],
          ['OBJECT', 'ENCODING', 'v'],
          ['HSET', 'v', 'b', '123456789'],
          ['OBJECT', 'ENCODING', 'v'],
          ['HSET', 'f', '123456789', 'x'],
          ['OBJECT', 'ENCODING', 'f'],
          ['HSETNX', 'n', 'a', '123456789'],
          ['OBJECT', 'ENCODING', 'n'],
          ['HINCRBY', 'i', 'longfieldname', '1'],
          ['OBJECT', 'ENCODING', 'i'],
          ['HINCRBY', 'j', 'x', '123456789'],
          ['OBJECT', 'ENCODING', 'j'],
          ['HINCRBYFLOAT', 'k', 'x', '1.5'],
          ['HINCRBYFLOAT', 'k', 'x', '100000000'],
          ['OBJECT', 'ENCODING', 'k'],
          ['CONFIG', 'SET', 'hash-max-listpack-entries', '0'],
          ['HSET', 'z', 'a', '1'],
          ['OBJECT', 'ENCODING', 'z'],
          ['CONFIG', 'SET', 'hash-max-listpack-entries', '128'],
          ['CONFIG', 'SET', 'hash-max-listpack-value', '64'],
        ]);
        // Order of a listpack is Redis's insertion order: compared exactly.
        await sess.script([['HSET', 'o', 'z', '1', 'y', '2', 'x', '3'], ['HSET', 'o', 'y', '9'], ['HDEL', 'o', 'z'], ['HSET', 'o', 'z', '0'], ['HGETALL', 'o'], ['HKEYS', 'o'], ['HVALS', 'o']]);
        await sess.same(['HGETALL', 'h'], 'sorted');
        await sess.same(['HKEYS', 'h'], 'sorted');
      });

      test('big hashes: 1000 fields, reads and deletes', async () => {
        const sess = s();
        await sess.same(bigHash('big', 1000));
        await sess.same(['OBJECT', 'ENCODING', 'big']);
        await sess.same(['HLEN', 'big']);
        await sess.same(['HGETALL', 'big'], resp3 ? 'sorted' : ((m: Reply, r: Reply) => assert.deepEqual(pairsOf(m, false).sort(), pairsOf(r, false).sort())));
        await sess.same(['HKEYS', 'big'], 'sorted');
        await sess.same(['HVALS', 'big'], 'sorted');
        await sess.same(['HMGET', 'big', 'f1', 'f999', 'f1000']);
        const del: Arg[] = ['HDEL', 'big'];
        for (let i = 0; i < 1000; i += 2) del.push(`f${i}`);
        await sess.same(del);
        await sess.same(['HLEN', 'big']);
        await sess.same(['OBJECT', 'ENCODING', 'big']);
      });

      test('HSCAN: listpack in one call, options and errors', async () => {
        await s().script([
          ['HSET', 'h', 'alpha', '1', 'beta', '2', 'gamma', '3'],
          ['HSCAN', 'h', '0'],
          ['HSCAN', 'h', '123'],
          ['HSCAN', 'h', '0', 'MATCH', '*a'],
          ['HSCAN', 'h', '0', 'match', 'b*', 'count', '1'],
          ['HSCAN', 'h', '0', 'COUNT', '0'],
          ['HSCAN', 'h', '0', 'COUNT', '-1'],
          ['HSCAN', 'h', '0', 'COUNT', 'x'],
          ['HSCAN', 'h', '0', 'MATCH'],
          ['HSCAN', 'h', '0', 'foo', 'bar'],
          ['HSCAN', 'h', '0', 'NOVALUES'],
          ['HSCAN', 'h', 'x'],
          ['HSCAN', 'h', '-1'],
          ['HSCAN', 'h', '18446744073709551615'],
          ['HSCAN', 'h', '18446744073709551616'],
          ['HSCAN', 'nokey', '0'],
          ['HSCAN', 'nokey', '0', 'COUNT', '0'],
          ['HSCAN', 'nokey', 'x'],
        ]);
      });

      test('HSCAN over a hashtable returns every field', async () => {
        const sess = s();
        await sess.same(bigHash('big', 500));
        for (const [client, label] of [[sess.mnemo, 'mnemo'], [sess.redis, 'redis']] as const) {
          const seen = new Map<string, string>();
          let cursor = '0';
          let rounds = 0;
          do {
            const r = decode(await client.call('HSCAN', 'big', cursor, 'COUNT', '50'))[0] as Reply[];
            cursor = r[0] as string;
            const items = r[1] as string[];
            for (let i = 0; i < items.length; i += 2) seen.set(items[i], items[i + 1]);
            rounds++;
          } while (cursor !== '0' && rounds < 1000);
          assert.equal(seen.size, 500, label);
          for (const [f, v] of seen) assert.equal(f.replace('f', 'v'), v);
        }
        const m = await sess.same(['HSCAN', 'big', '0', 'MATCH', 'f1*', 'COUNT', '1000'], (mn, rd) => {
          assert.equal((mn as Reply[])[0], (rd as Reply[])[0]);
          assert.deepEqual([...((mn as Reply[])[1] as string[])].sort(), [...((rd as Reply[])[1] as string[])].sort());
        });
        assert.ok(Array.isArray(m));
      });

      test('keyspace events and their order', async () => {
        const e = env();
        const sub = await e.connect();
        // 'n' (new key) is left out: CONFIG SET's normalisation in Mnemo drops it (config owner's bug, reported).
        await s().script([['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']]);
        await sub.same(['PSUBSCRIBE', '__keyevent@*'], 'type');
        const events = async (n: number): Promise<void> => {
          for (let i = 0; i < n; i++) {
            const [m, r] = await Promise.all([sub.mnemo.next(), sub.redis.next()]);
            assert.equal(m.toString('latin1'), r.toString('latin1'), `event ${i}`);
          }
        };
        const steps: [Arg[], number][] = [
          [['HSET', 'h', 'a', '1', 'b', '2'], 1],
          [['HSET', 'h', 'a', '1'], 1],
          [['HSETNX', 'h', 'a', '2'], 0],
          [['HSETNX', 'h', 'c', '3'], 1],
          [['HMSET', 'h', 'a', '9'], 1],
          [['HDEL', 'h', 'zz'], 0],
          [['HDEL', 'h', 'a', 'b'], 1],
          [['HDEL', 'h', 'c'], 2],
          [['HINCRBY', 'h2', 'f', '1'], 1],
          [['HINCRBYFLOAT', 'h2', 'g', '1.5'], 1],
          [['HINCRBY', 'h2', 'f', 'x'], 0],
          [['HDEL', 'h2', 'f', 'g'], 2],
          [['HSETNX', 'h3', 'a', '1'], 1],
        ];
        for (const [cmd, n] of steps) {
          await s().same(cmd);
          await events(n);
        }
        await s().same(['CONFIG', 'SET', 'notify-keyspace-events', '']);
      });

      test('repeated picks beyond what a reply can hold are refused (Redis runs out of memory there)', async () => {
        const sess = s();
        await sess.same(['HSET', 'h', 'a', '1']);
        for (const args of [['HRANDFIELD', 'h', '-9223372036854775807'], ['HRANDFIELD', 'h', '-4611686018427387903', 'WITHVALUES']]) {
          assert.deepEqual(decode(await sess.mnemo.call(...args))[0], { error: 'ERR value is out of range' });
        }
        const r = decode(await sess.mnemo.call('HRANDFIELD', 'h', '-100000', 'WITHVALUES'))[0] as Reply[];
        assert.equal(r.length, resp3 ? 100000 : 200000);
      });

      test("keyspace events including 'new'", async () => {
        await eventsWithNew(env(), [
          ['HSET', 'h', 'a', '1', 'b', '2'],
          ['HSET', 'h', 'a', '1'],
          ['HSETNX', 'h', 'a', '2'],
          ['HSETNX', 'h2', 'a', '2'],
          ['HMSET', 'h3', 'a', '9'],
          ['HDEL', 'h', 'a', 'b'],
          ['HDEL', 'h2', 'x'],
          ['HINCRBY', 'h4', 'f', '1'],
          ['HINCRBYFLOAT', 'h5', 'g', '1.5'],
          ['HINCRBY', 'h6', 'f', 'x'],
          ['HINCRBYFLOAT', 'h4', 'f', 'x'],
          ['HDEL', 'h4', 'f'],
        ]);
      });

      test('arity errors', async () => {
        await s().script([['HGET'], ['HGETALL'], ['HGETALL', 'a', 'b'], ['HLEN'], ['HDEL', 'h'], ['HINCRBY', 'h', 'f'], ['HINCRBYFLOAT', 'h'], ['HRANDFIELD'], ['HSCAN', 'h'], ['HSTRLEN', 'h'], ['HEXISTS', 'h'], ['HKEYS'], ['HVALS', 'a', 'b'], ['HMGET', 'h']]);
      });
    },
    { resp3 },
  );
}
