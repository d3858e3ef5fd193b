import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSuite, type Arg, type DiffEnv, type DiffSession } from '../helpers/diff.js';
import { decode, type Reply } from '../helpers/resp.js';

/** The elements of an array or RESP3 set reply. */
function items(r: Reply): Reply[] {
  if (Array.isArray(r)) return r;
  assert.ok(r !== null && typeof r === 'object' && 'set' in r, `not a set or array: ${JSON.stringify(r)}`);
  return r.set;
}

const range = (from: number, n: number): string[] => Array.from({ length: n }, (_, i) => String(from + i));

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
    `set commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      const s = (): DiffSession => env().session;

      test('SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS on intsets', async () => {
        await s().script([
          ['SADD', 's', '3', '1', '2', '1'],
          ['SADD', 's', '2'],
          ['SADD', 's', '-5', '9223372036854775807', '-9223372036854775808'],
          ['SMEMBERS', 's'],
          ['OBJECT', 'ENCODING', 's'],
          ['SCARD', 's'],
          ['SCARD', 'nokey'],
          ['SISMEMBER', 's', '1'],
          ['SISMEMBER', 's', '01'],
          ['SISMEMBER', 's', '4'],
          ['SISMEMBER', 'nokey', '1'],
          ['SMISMEMBER', 's', '1', '4', '-5', 'x'],
          ['SMISMEMBER', 'nokey', '1', '2'],
          ['SREM', 's', '1', '1', '4', 'x'],
          ['SREM', 'nokey', '1'],
          ['SMEMBERS', 's'],
          ['SMEMBERS', 'nokey'],
          ['SREM', 's', '2', '3', '-5', '9223372036854775807', '-9223372036854775808', '7'],
          ['EXISTS', 's'],
        ]);
      });

      test('encodings: intset rules and conversion to hashtable', async () => {
        const sess = s();
        await sess.script([
          ['SADD', 'a', '1', '2'],
          ['OBJECT', 'ENCODING', 'a'],
          ['SADD', 'a', 'x'],
          ['OBJECT', 'ENCODING', 'a'],
          ['SREM', 'a', 'x'],
          ['OBJECT', 'ENCODING', 'a'],
          ['SADD', 'b', '007'],
          ['OBJECT', 'ENCODING', 'b'],
          ['SADD', 'c', '-0'],
          ['OBJECT', 'ENCODING', 'c'],
          ['SADD', 'd', '9223372036854775808'],
          ['OBJECT', 'ENCODING', 'd'],
          ['SADD', 'e', '+1'],
          ['OBJECT', 'ENCODING', 'e'],
          ['SADD', 'f', '1.0'],
          ['OBJECT', 'ENCODING', 'f'],
          ['SADD', 'g', '-9223372036854775808', '0'],
          ['OBJECT', 'ENCODING', 'g'],
          ['SADD', 'h', ' 1'],
          ['OBJECT', 'ENCODING', 'h'],
          ['CONFIG', 'SET', 'set-max-intset-entries', '3'],
          ['SADD', 'i', '1', '2', '3'],
          ['OBJECT', 'ENCODING', 'i'],
          ['SADD', 'i', '4'],
          ['OBJECT', 'ENCODING', 'i'],
          ['SREM', 'i', '4', '3'],
          ['OBJECT', 'ENCODING', 'i'],
          ['CONFIG', 'SET', 'set-max-intset-entries', '0'],
          ['SADD', 'j', '1'],
          ['OBJECT', 'ENCODING', 'j'],
          ['CONFIG', 'SET', 'set-max-intset-entries', '512'],
        ]);
        await sess.same(['SMEMBERS', 'i'], 'sorted');
        await sess.same(['SADD', 'big', ...range(0, 512)]);
        await sess.same(['OBJECT', 'ENCODING', 'big']);
        await sess.same(['SMEMBERS', 'big']);
        await sess.same(['SADD', 'big', '512']);
        await sess.same(['OBJECT', 'ENCODING', 'big']);
        await sess.same(['SMEMBERS', 'big'], 'sorted');
      });

      test('wrong type on every command', async () => {
        await s().same(['SET', 'str', 'x']);
        await s().same(['SADD', 'set', '1']);
        await s().script([
          ['SADD', 'str', '1'],
          ['SREM', 'str', '1'],
          ['SCARD', 'str'],
          ['SISMEMBER', 'str', '1'],
          ['SMISMEMBER', 'str', '1'],
          ['SMEMBERS', 'str'],
          ['SPOP', 'str'],
          ['SPOP', 'str', '0'],
          ['SPOP', 'str', '2'],
          ['SPOP', 'str', 'x'],
          ['SPOP', 'str', '-1'],
          ['SRANDMEMBER', 'str'],
          ['SRANDMEMBER', 'str', '0'],
          ['SRANDMEMBER', 'str', '-2'],
          ['SRANDMEMBER', 'str', 'x'],
          ['SMOVE', 'str', 'set', '1'],
          ['SMOVE', 'set', 'str', '1'],
          ['SMOVE', 'set', 'str', '9'],
          ['SMOVE', 'nokey', 'str', '1'],
          ['SINTER', 'set', 'str'],
          ['SINTER', 'nokey', 'str'],
          ['SINTERCARD', '2', 'nokey', 'str'],
          ['SINTERSTORE', 'd', 'nokey', 'str'],
          ['SUNION', 'str', 'nokey'],
          ['SUNIONSTORE', 'd', 'set', 'str'],
          ['SDIFF', 'nokey', 'str'],
          ['SDIFF', 'set', 'str'],
          ['SDIFFSTORE', 'd', 'set', 'str'],
          ['SSCAN', 'str', '0'],
          ['SSCAN', 'str', 'x'],
          ['EXISTS', 'd'],
          ['SUNIONSTORE', 'str', 'set'],
          ['TYPE', 'str'],
        ]);
      });

      test('SPOP: errors, shapes, deletion of an emptied set', async () => {
        const sess = s();
        await sess.script([
          ['SPOP', 'nokey'],
          ['SPOP', 'nokey', '3'],
          ['SPOP', 'nokey', '0'],
          ['SADD', 's', '1', '2', '3'],
          ['SPOP', 's', '0'],
          ['SPOP', 's', '-1'],
          ['SPOP', 's', 'x'],
          ['SPOP', 's', '1', '2'],
          ['SPOP', 's', '9223372036854775808'],
          ['SPOP', 's', '9223372036854775807'],
          ['EXISTS', 's'],
          ['SADD', 's', '1', '2', '3'],
          ['SPOP', 's', '3'],
          ['EXISTS', 's'],
          ['SADD', 'h', 'a', 'b', 'c'],
        ]);
        const one = await sess.same(['SPOP', 'h'], 'type');
        assert.ok(['a', 'b', 'c'].includes(one as string));
        const two = await sess.same(['SPOP', 'h', '5'], 'type');
        assert.equal(items(two).length, 2);
        assert.ok(!items(two).includes(one));
        await sess.same(['EXISTS', 'h']);
        await sess.same(['SADD', 'p', ...range(0, 20)]);
        for (const n of ['1', '4', '10']) {
          const r = await sess.same(['SPOP', 'p', n], 'type');
          assert.equal(new Set(items(r)).size, Number(n));
        }
        await sess.same(['SCARD', 'p']);
      });

      test('SPOP that keeps few members rebuilds the encoding like Redis', async () => {
        const sess = s();
        // 12 members, pop 11: the survivor makes a fresh set (intset if an integer).
        for (let round = 0; round < 6; round++) {
          await sess.same(['DEL', 'q']);
          await sess.same(['SADD', 'q', 'a', ...range(1, 11)]);
          const r = await sess.same(['SPOP', 'q', '11'], 'type');
          assert.equal(items(r).length, 11);
          const left = decode(await sess.mnemo.call('SMEMBERS', 'q'))[0];
          const enc = decode(await sess.mnemo.call('OBJECT', 'ENCODING', 'q'))[0];
          assert.equal(enc, items(left)[0] === 'a' ? 'hashtable' : 'intset');
        }
        // 20 members, pop 16: popped one by one, the hashtable stays.
        await sess.same(['DEL', 'q']);
        await sess.same(['SADD', 'q', 'a', ...range(1, 19)]);
        await sess.same(['SPOP', 'q', '16'], 'type');
        await sess.same(['OBJECT', 'ENCODING', 'q']);
      });

      test('SRANDMEMBER: shapes, repetition, errors', async () => {
        const sess = s();
        await sess.script([
          ['SRANDMEMBER', 'nokey'],
          ['SRANDMEMBER', 'nokey', '5'],
          ['SRANDMEMBER', 'nokey', '-5'],
          ['SADD', 's', '3', '1', '2'],
          ['SRANDMEMBER', 's', '0'],
          ['SRANDMEMBER', 's', '3'],
          ['SRANDMEMBER', 's', '100'],
          ['SRANDMEMBER', 's', 'x'],
          ['SRANDMEMBER', 's', '1', '2'],
          ['SRANDMEMBER', 's', '-9223372036854775808'],
          ['SRANDMEMBER', 's', '9223372036854775808'],
        ]);
        const one = await sess.same(['SRANDMEMBER', 's'], 'type');
        assert.ok(['1', '2', '3'].includes(one as string));
        for (const n of [1, 2, -1, -3, -50]) {
          const r = await sess.same(['SRANDMEMBER', 's', String(n)], 'type');
          assert.equal(items(r).length, Math.abs(n));
          for (const m of items(r)) assert.ok(['1', '2', '3'].includes(m as string));
          if (n > 0) assert.equal(new Set(items(r)).size, n);
        }
        await sess.same(['SADD', 'big', ...range(0, 1000), 'x']);
        for (const n of [5, 400, 900, 1001, 5000, -2000]) {
          const r = await sess.same(['SRANDMEMBER', 'big', String(n)], 'type');
          const want = n < 0 ? -n : Math.min(n, 1001);
          assert.equal(items(r).length, want);
          if (n > 0) assert.equal(new Set(items(r)).size, want);
        }
        await sess.same(['SRANDMEMBER', 'big', '1001'], 'sorted');
      });

      test('SMOVE', async () => {
        await s().script([
          ['SADD', 'a', '1', '2', 'x'],
          ['SADD', 'b', '5'],
          ['SMOVE', 'a', 'b', '1'],
          ['SMOVE', 'a', 'b', '1'],
          ['SMOVE', 'nokey', 'b', '1'],
          ['SMOVE', 'a', 'a', '2'],
          ['SMOVE', 'a', 'a', '9'],
          ['SMOVE', 'a', 'c', '2'],
          ['OBJECT', 'ENCODING', 'c'],
          ['SMOVE', 'a', 'b', 'x'],
          ['EXISTS', 'a'],
          ['OBJECT', 'ENCODING', 'b'],
          ['SMEMBERS', 'c'],
          ['SMOVE', 'c', 'b', '5'],
          ['SMOVE', 'c', 'b', '2'],
          ['EXISTS', 'c'],
        ]);
        await s().same(['SMEMBERS', 'b'], 'sorted');
      });

      test('SINTER, SUNION, SDIFF and SINTERCARD', async () => {
        const sess = s();
        await sess.script([
          ['SADD', 'a', '1', '2', '3', '4', '5'],
          ['SADD', 'b', '2', '3', '4'],
          ['SADD', 'c', '3', '4', '9'],
          ['SADD', 'x', 'a', 'b', '3'],
          ['SINTER', 'a', 'b', 'c'],
          ['SINTER', 'a'],
          ['SINTER', 'a', 'nokey'],
          ['SINTER', 'nokey'],
          ['SINTER', 'a', 'a'],
          ['SUNION', 'a', 'b', 'c'],
          ['SUNION', 'nokey', 'a'],
          ['SUNION', 'nokey'],
          ['SDIFF', 'a', 'b'],
          ['SDIFF', 'a', 'b', 'c'],
          ['SDIFF', 'a', 'nokey'],
          ['SDIFF', 'nokey', 'a'],
          ['SDIFF', 'a', 'a'],
          ['SDIFF', 'a'],
          ['SINTERCARD', '3', 'a', 'b', 'c'],
          ['SINTERCARD', '2', 'a', 'b'],
          ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '0'],
          ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '2'],
          ['SINTERCARD', '2', 'a', 'b', 'limit', '100'],
          ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '1', 'LIMIT', '3'],
          ['SINTERCARD', '2', 'a', 'nokey'],
          ['SINTERCARD', '1', 'nokey'],
          ['SINTERCARD', '0', 'a'],
          ['SINTERCARD', '-1', 'a'],
          ['SINTERCARD', 'x', 'a'],
          ['SINTERCARD', '3', 'a', 'b'],
          ['SINTERCARD', '9223372036854775807', 'a'],
          ['SINTERCARD', '9223372036854775808', 'a'],
          ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '-1'],
          ['SINTERCARD', '2', 'a', 'b', 'LIMIT', 'x'],
          ['SINTERCARD', '2', 'a', 'b', 'LIMIT'],
          ['SINTERCARD', '2', 'a', 'b', 'FOO', '1'],
          ['SINTERCARD', '1', 'a', 'b'],
          ['SINTERCARD', '1'],
          ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '9223372036854775807'],
        ]);
        await sess.same(['SINTER', 'a', 'x'], 'sorted');
        await sess.same(['SUNION', 'a', 'x'], 'sorted');
        await sess.same(['SDIFF', 'x', 'a'], 'sorted');
        await sess.same(['SDIFF', 'a', 'x'], 'sorted');
        await sess.same(['SINTERCARD', '2', 'a', 'x']);
      });

      test('SINTERSTORE, SUNIONSTORE, SDIFFSTORE: results, encodings, TTL, empty results', async () => {
        const sess = s();
        await sess.script([
          ['SADD', 'a', '1', '2', '3', '4', '5'],
          ['SADD', 'b', '2', '3', '4'],
          ['SADD', 'x', 'a', 'b', '3'],
          ['SINTERSTORE', 'd', 'a', 'b'],
          ['SMEMBERS', 'd'],
          ['OBJECT', 'ENCODING', 'd'],
          ['SUNIONSTORE', 'd', 'a', 'x'],
          ['OBJECT', 'ENCODING', 'd'],
          ['SDIFFSTORE', 'd', 'a', 'b'],
          ['SMEMBERS', 'd'],
          ['OBJECT', 'ENCODING', 'd'],
          ['SINTERSTORE', 'd', 'a', 'x'],
          ['OBJECT', 'ENCODING', 'd'],
          ['SMEMBERS', 'd'],
          // The second SDIFF algorithm keeps the first set's encoding.
          ['SDIFFSTORE', 'e', 'x', 'nokey'],
          ['OBJECT', 'ENCODING', 'e'],
          ['SADD', 'y', 'a', 'b'],
          ['SDIFFSTORE', 'e', 'x', 'y', 'y', 'y'],
          ['SMEMBERS', 'e'],
          ['OBJECT', 'ENCODING', 'e'],
          ['SADD', 'z', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
          ['SDIFFSTORE', 'e', 'x', 'z'],
          ['SMEMBERS', 'e'],
          ['OBJECT', 'ENCODING', 'e'],
          // Three sets, the first much bigger: Redis adds it whole, then removes, so stays a hashtable.
          ['SADD', 'x10', 'a', 'b', '1', '2', '3', '4', '5', '6', '7', '8'],
          ['SADD', 'ya', 'a'],
          ['SADD', 'wb', 'b'],
          ['SDIFFSTORE', 'e2', 'x10', 'ya', 'wb'],
          ['OBJECT', 'ENCODING', 'e2'],
          ['SCARD', 'e2'],
          ['SDIFFSTORE', 'e3', 'x10', 'ya'],
          ['OBJECT', 'ENCODING', 'e3'],
          ['SET', 'str', 'v', 'EX', '100'],
          ['SUNIONSTORE', 'str', 'a'],
          ['TTL', 'str'],
          ['TYPE', 'str'],
          ['SINTERSTORE', 'd', 'a', 'nokey'],
          ['EXISTS', 'd'],
          ['SINTERSTORE', 'd', 'a', 'nokey'],
          ['SUNIONSTORE', 'd', 'nokey'],
          ['SDIFFSTORE', 'a2', 'a', 'a'],
          ['SADD', 'd', '1'],
          ['SDIFFSTORE', 'd', 'b', 'a'],
          ['EXISTS', 'd'],
          ['SADD', 'd', '1'],
          ['SINTERSTORE', 'd', 'd'],
          ['SMEMBERS', 'd'],
          ['SUNIONSTORE', 'a', 'a', 'b'],
          ['SMEMBERS', 'a'],
        ]);
        await sess.same(['SUNIONSTORE', 'u', 'a', 'x']);
        await sess.same(['SMEMBERS', 'u'], 'sorted');
        await sess.same(['SADD', 'big', ...range(0, 600)]);
        await sess.same(['SINTERSTORE', 'd', 'big', 'big']);
        await sess.same(['OBJECT', 'ENCODING', 'd']);
        await sess.same(['SDIFFSTORE', 'd', 'big', 'a']);
        await sess.same(['OBJECT', 'ENCODING', 'd']);
        await sess.same(['SCARD', 'd']);
      });

      test('SSCAN: intset in one call, options, errors, hashtable walk', async () => {
        const sess = s();
        await sess.script([
          ['SADD', 's', '10', '2', '33', '4'],
          ['SSCAN', 's', '0'],
          ['SSCAN', 's', '77'],
          ['SSCAN', 's', '0', 'MATCH', '3*'],
          ['SSCAN', 's', '0', 'COUNT', '1'],
          ['SSCAN', 's', '0', 'COUNT', '0'],
          ['SSCAN', 's', '0', 'COUNT', 'x'],
          ['SSCAN', 's', '0', 'MATCH'],
          ['SSCAN', 's', '0', 'TYPE', 'set'],
          ['SSCAN', 's', 'x'],
          ['SSCAN', 's', '-1'],
          ['SSCAN', 'nokey', '0'],
          ['SSCAN', 'nokey', '0', 'bad'],
        ]);
        await sess.same(['SADD', 'big', ...range(0, 600), 'x']);
        for (const [client, label] of [[sess.mnemo, 'mnemo'], [sess.redis, 'redis']] as const) {
          const seen = new Set<string>();
          let cursor = '0';
          let rounds = 0;
          do {
            const r = decode(await client.call('SSCAN', 'big', cursor, 'COUNT', '40'))[0] as Reply[];
            cursor = r[0] as string;
            for (const m of r[1] as string[]) seen.add(m);
            rounds++;
          } while (cursor !== '0' && rounds < 1000);
          assert.equal(seen.size, 601, label);
        }
      });

      test('keyspace events and their order', async () => {
        const e = env();
        const sub = await e.connect();
        // 'n' (new key) is left out: CONFIG SET's normalisation in Mnemo drops it (config owner's bug, reported).
        await s().same(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
        await sub.same(['PSUBSCRIBE', '__keyevent@*'], 'type');
        const events = async (n: number): Promise<void> => {
          for (let i = 0; i < n; i++) {
            const [m, r] = await Promise.all([sub.mnemo.next(), sub.redis.next()]);
            assert.equal(m.toString('latin1'), r.toString('latin1'), `event ${i}`);
          }
        };
        const steps: [Arg[], number, string?][] = [
          [['SADD', 's', '1', '2'], 1],
          [['SADD', 's', '1'], 0],
          [['SREM', 's', '9'], 0],
          [['SREM', 's', '1', '2'], 2],
          [['SADD', 's', '1', '2', '3'], 1],
          [['SPOP', 's'], 1, 'type'],
          [['SPOP', 's', '0'], 0],
          [['SPOP', 's', '5'], 2, 'type'],
          [['SADD', 's', '1', '2', '3'], 1],
          [['SPOP', 's', '1'], 1, 'type'],
          [['SMOVE', 's', 't', '9'], 0],
          [['SMOVE', 's', 's', '9'], 0],
          [['SADD', 's', '1', '2', '3'], 1],
          [['SMOVE', 's', 't', '1'], 2],
          [['SMOVE', 's', 't', '2'], 2],
          [['SMOVE', 's', 't', '3'], 3],
          [['SMOVE', 't', 't', '1'], 0],
          [['SADD', 'a', 'x'], 1],
          [['SINTERSTORE', 'd', 'a', 't'], 0],
          [['SUNIONSTORE', 'd', 'a', 't'], 1],
          [['SINTERSTORE', 'd', 'a', 'nokey'], 1],
          [['SDIFFSTORE', 'd', 'a', 't'], 1],
          [['SDIFFSTORE', 'd', 't', 't'], 1],
          [['SINTERSTORE', 'a', 'a'], 1],
          [['SPOP', 'a', '1'], 2],
        ];
        for (const [cmd, n, relax] of steps) {
          await s().same(cmd, relax as 'type' | 'sorted' | undefined);
          await events(n);
        }
        await s().same(['CONFIG', 'SET', 'notify-keyspace-events', '']);
      });

      test('repeated picks beyond what a reply can hold are refused (Redis runs out of memory there)', async () => {
        const sess = s();
        await sess.same(['SADD', 's', 'a']);
        assert.deepEqual(decode(await sess.mnemo.call('SRANDMEMBER', 's', '-9223372036854775807'))[0], { error: 'ERR value is out of range' });
        const r = decode(await sess.mnemo.call('SRANDMEMBER', 's', '-200000'))[0] as Reply[];
        assert.equal(r.length, 200000);
        assert.ok(r.every((m) => m === 'a'));
      });

      test("keyspace events including 'new'", async () => {
        await eventsWithNew(env(), [
          ['SADD', 's', '1', '2'],
          ['SADD', 's', '1'],
          ['SREM', 's', '1', '2'],
          ['SADD', 's', '1', '2', '3'],
          ['SMOVE', 's', 't', '1'],
          ['SMOVE', 's', 't', '2'],
          ['SMOVE', 's', 't', '3'],
          ['SMOVE', 't', 'u', '9'],
          ['SUNIONSTORE', 'd', 't'],
          ['SINTERSTORE', 'd', 't'],
          ['SDIFFSTORE', 'e', 't', 'nokey'],
          ['SINTERSTORE', 'e', 't', 'nokey'],
          ['SINTERSTORE', 'e', 't', 'nokey'],
          ['SPOP', 't', '1'],
          ['SPOP', 'd', '10'],
          ['SPOP', 'nokey'],
        ]);
      });

      test('arity errors', async () => {
        await s().script([['SADD', 's'], ['SREM', 's'], ['SCARD'], ['SISMEMBER', 's'], ['SMISMEMBER', 's'], ['SMEMBERS'], ['SPOP'], ['SRANDMEMBER'], ['SMOVE', 'a', 'b'], ['SINTER'], ['SINTERCARD', '1'], ['SUNION'], ['SDIFF'], ['SINTERSTORE', 'd'], ['SUNIONSTORE', 'd'], ['SDIFFSTORE', 'd'], ['SSCAN', 's']]);
      });
    },
    { resp3 },
  );
}
