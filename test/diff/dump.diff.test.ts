/**
 * DUMP/RESTORE interchange with redis-server: payloads made by either
 * server restore on the other, for strings in every RDB string encoding
 * and for each collection type in each of its encodings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite, type DiffSession } from '../helpers/diff.js';
import type { RawClient } from '../helpers/raw-client.js';
import { collections } from '../../src/persistence/rdb/collections.js';

async function dump(c: RawClient, key: string): Promise<Buffer | null> {
  const r = await c.cmd('DUMP', key);
  return r === null ? null : Buffer.from(r as string, 'latin1');
}

/** Redis -> Mnemo -> Redis: the value comes back identical on redis-server. */
async function roundTrip(s: DiffSession, key: string, read: string[]): Promise<void> {
  const fromRedis = await dump(s.redis, key);
  assert.ok(fromRedis, `DUMP ${key} on redis`);
  assert.equal(await s.mnemo.cmd('RESTORE', key, '0', fromRedis, 'REPLACE'), 'OK', `RESTORE ${key} in Mnemo`);
  const fromMnemo = await dump(s.mnemo, key);
  assert.ok(fromMnemo);
  const before = await s.redis.call(...read);
  assert.equal(await s.redis.cmd('RESTORE', key, '0', fromMnemo, 'REPLACE'), 'OK', `RESTORE ${key} from Mnemo's payload into redis`);
  const after = await s.redis.call(...read);
  assert.equal(after.toString('latin1'), before.toString('latin1'), `${key} after the round trip`);
  // Both servers now report the same encoding for the value.
  await s.same(['OBJECT', 'ENCODING', key]);
}

const STRINGS: (string | Buffer)[] = [
  '0', '1', '-1', '127', '-128', '128', '32767', '-32768', '32768', '2147483647', '-2147483648', '2147483648',
  '12345678901', '9223372036854775807', '-9223372036854775808', '9223372036854775808', '007', '-0', '+1', ' 1', '1.5',
  '', 'hello', 'x'.repeat(20), 'x'.repeat(21), 'x'.repeat(44), 'x'.repeat(45), 'ab'.repeat(5000),
  'The quick brown fox jumps over the lazy dog. '.repeat(40),
  Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 131 + (i >> 3)) & 255)),
  Buffer.from(Array.from({ length: 100 }, (_, i) => i)),
];

const haveTypes = (...names: ('list' | 'set' | 'zset' | 'hash')[]) => {
  const missing = names.filter((n) => collections[n] === null);
  return missing.length === 0 ? false : `type module(s) not available yet: ${missing.join(', ')}`;
};

for (const resp3 of [false, true]) {
  diffSuite(`DUMP/RESTORE (RESP${resp3 ? 3 : 2})`, (env) => {
    test('strings restore in both directions', async () => {
      const s = env().session;
      for (const v of STRINGS) {
        await s.both('SET', 'k', v);
        const fromRedis = await dump(s.redis, 'k');
        const fromMnemo = await dump(s.mnemo, 'k');
        await s.both('DEL', 'k2');
        assert.equal(await s.mnemo.cmd('RESTORE', 'k2', '0', fromRedis!), 'OK');
        assert.equal(await s.redis.cmd('RESTORE', 'k2', '0', fromMnemo!), 'OK');
        await s.same(['GET', 'k2']);
        await s.same(['OBJECT', 'ENCODING', 'k2']);
        // Byte-identical, LZF included. (Redis's compressor starts from an uninitialised hash
        // table, so in principle it could find an extra match; it has not been seen to.)
        assert.deepEqual(fromMnemo, fromRedis, `DUMP of ${String(v).slice(0, 30)}`);
      }
    });

    test('DUMP of strings made by other commands', async () => {
      const s = env().session;
      await s.script([['SET', 'a', '5'], ['APPEND', 'a', '5'], ['SETRANGE', 'b', '3', 'x'], ['INCRBY', 'c', '1000000'], ['SET', 'd', 'abc']]);
      for (const k of ['a', 'b', 'c', 'd', 'nope']) await s.same(['DUMP', k]);
    });

    test('RESTORE options: TTL, ABSTTL, REPLACE, IDLETIME, FREQ', async () => {
      const s = env().session;
      await s.both('SET', 'src', 'value');
      const p = (await dump(s.redis, 'src'))!;
      const past = String(Date.now() - 10000);
      const future = String(Date.now() + 100000);
      await s.script([
        ['RESTORE', 'a', '0', p],
        ['GET', 'a'],
        ['TTL', 'a'],
        ['RESTORE', 'a', '0', p],
        ['RESTORE', 'a', '0', p, 'REPLACE'],
        ['RESTORE', 'b', '100000', p],
        ['RESTORE', 'c', future, p, 'ABSTTL'],
        ['PEXPIRETIME', 'c'],
        ['RESTORE', 'd', past, p, 'ABSTTL'],
        ['EXISTS', 'd'],
        ['RESTORE', 'a', past, p, 'ABSTTL', 'REPLACE'],
        ['EXISTS', 'a'],
        ['RESTORE', 'e', '0', p, 'IDLETIME', '1000'],
        ['RESTORE', 'f', '0', p, 'FREQ', '100'],
        ['RESTORE', 'g', '0', p, 'IDLETIME', '1', 'FREQ', '1'],
        ['RESTORE', 'g', '0', p, 'FREQ', '1', 'IDLETIME', '1'],
        ['RESTORE', 'g', '0', p, 'IDLETIME', '-1'],
        ['RESTORE', 'g', '0', p, 'IDLETIME', 'x'],
        ['RESTORE', 'g', '0', p, 'FREQ', '256'],
        ['RESTORE', 'g', '0', p, 'FREQ', '-1'],
        ['RESTORE', 'g', '0', p, 'IDLETIME'],
        ['RESTORE', 'g', '0', p, 'FOO'],
        ['RESTORE', 'g', '-1', p],
        ['RESTORE', 'g', 'x', p],
        ['RESTORE', 'g', '0', 'garbage'],
        ['RESTORE', 'g', '0', ''],
        ['RESTORE', 'b', '-1', 'garbage'],
        ['RESTORE', 'b', '0', 'garbage'],
        ['RESTORE', 'b', 'x', 'garbage', 'REPLACE'],
        ['RESTORE', 'g'],
        ['DUMP'],
        ['DUMP', 'nope'],
      ]);
      await s.same(['TTL', 'b'], { approx: 1 });
      // Idle times read a clock of whole seconds: a second may tick between the two servers.
      await s.same(['OBJECT', 'IDLETIME', 'e'], { approx: 1 });
      await s.same(['OBJECT', 'IDLETIME', 'f'], { approx: 1 });
    });

    test('payload errors: checksum, version, malformed values', async () => {
      const s = env().session;
      await s.both('SET', 'src', 'value');
      const good = (await dump(s.redis, 'src'))!;
      const flipped = Buffer.from(good);
      flipped[3] ^= 0xff;
      const newer = Buffer.from(good);
      newer[good.length - 10] = 11;
      // Valid footer (our CRC) around broken values: a bad type, truncation, empty set, duplicates.
      const { crc64Bytes } = await import('../../src/persistence/rdb/crc64.js');
      const wrap = (body: Buffer) => {
        const head = Buffer.concat([body, Buffer.from([10, 0])]);
        return Buffer.concat([head, crc64Bytes(head)]);
      };
      const payloads = [
        flipped,
        newer,
        Buffer.from('0a00', 'hex'),
        wrap(Buffer.from([0x00])),
        wrap(Buffer.from([0x00, 0x05, 0x61])),
        wrap(Buffer.from([0x63, 0x00])),
        wrap(Buffer.from([0x02, 0x00])),
        wrap(Buffer.from([0x02, 0x02, 0x01, 0x61, 0x01, 0x61])),
        wrap(Buffer.from([0x04, 0x01, 0x01, 0x61])),
        wrap(Buffer.from([0x07, 0x00])),
        wrap(Buffer.from([0x0b, 0x04, 0x02, 0x00, 0x00, 0x00])),
        wrap(Buffer.from([0x00, 0xc3, 0x02, 0x10, 0x00, 0x61])),
        wrap(Buffer.from([0x00, 0x03, 0x61, 0x62, 0x63, 0x64, 0x65])),
      ];
      for (const p of payloads) await s.same(['RESTORE', 'k', '0', p]);
      await s.same(['EXISTS', 'k']);
      // A checksum of zero is not special in 7.0.
      const zero = Buffer.concat([good.subarray(0, good.length - 8), Buffer.alloc(8)]);
      await s.same(['RESTORE', 'k', '0', zero]);
    });

    test('lists: listpack and quicklist payloads', { skip: haveTypes('list') }, async () => {
      const s = env().session;
      await s.redis.call('RPUSH', 'small', 'a', '1', '-5', '300', 'x'.repeat(70), '9223372036854775807');
      await roundTrip(s, 'small', ['LRANGE', 'small', '0', '-1']);
      const many = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? String(i) : `item-${i}-${'z'.repeat(i % 50)}`));
      await s.redis.call('RPUSH', 'big', ...many);
      await roundTrip(s, 'big', ['LRANGE', 'big', '0', '-1']);
      await s.redis.call('RPUSH', 'huge', 'y'.repeat(20000), 'small');
      await roundTrip(s, 'huge', ['LRANGE', 'huge', '0', '-1']);
      await s.same(['LRANGE', 'big', '0', '20']);
    });

    test('sets: intset and hashtable payloads', { skip: haveTypes('set') }, async () => {
      const s = env().session;
      await s.redis.call('SADD', 'ints', '1', '-2', '300', '70000', '5000000000');
      await roundTrip(s, 'ints', ['SORT', 'ints']);
      await s.redis.call('SADD', 'strs', 'a', 'b', 'c', '1');
      await roundTrip(s, 'strs', ['SORT', 'strs', 'ALPHA']);
      await s.redis.call('SADD', 'many', ...Array.from({ length: 600 }, (_, i) => String(i)));
      await roundTrip(s, 'many', ['SORT', 'many']);
      await s.same(['SCARD', 'many']);
    });

    test('sorted sets: listpack and skiplist payloads', { skip: haveTypes('zset') }, async () => {
      const s = env().session;
      await s.redis.call('ZADD', 'small', '1', 'a', '1.5', 'b', '-3', 'c', 'inf', 'd', '0.1', 'e', '100000000000', 'f');
      await roundTrip(s, 'small', ['ZRANGE', 'small', '0', '-1', 'WITHSCORES']);
      const args: string[] = [];
      for (let i = 0; i < 300; i++) args.push(String(i / 7), `m${i}`);
      await s.redis.call('ZADD', 'big', ...args);
      await roundTrip(s, 'big', ['ZRANGE', 'big', '0', '-1', 'WITHSCORES']);
      await s.redis.call('ZADD', 'long', '1', 'x'.repeat(100));
      await roundTrip(s, 'long', ['ZRANGE', 'long', '0', '-1', 'WITHSCORES']);
      await s.same(['ZRANGE', 'big', '0', '5', 'WITHSCORES']);
    });

    test('hashes: listpack and hashtable payloads', { skip: haveTypes('hash') }, async () => {
      const s = env().session;
      await s.redis.call('HSET', 'small', 'f1', 'v1', 'n', '12', 'neg', '-7');
      await roundTrip(s, 'small', ['HGET', 'small', 'n']);
      await s.same(['HGETALL', 'small'], 'sorted');
      const args: string[] = [];
      for (let i = 0; i < 200; i++) args.push(`f${i}`, `v${i}`);
      await s.redis.call('HSET', 'big', ...args);
      await roundTrip(s, 'big', ['HGET', 'big', 'f150']);
      await s.redis.call('HSET', 'wide', 'f', 'v'.repeat(100));
      await roundTrip(s, 'wide', ['HGET', 'wide', 'f']);
    });

    test('command declarations match', async () => {
      const s = env().session;
      await s.same(['COMMAND', 'INFO', 'dump']);
      await s.same(['COMMAND', 'INFO', 'restore']);
    });
  }, { resp3 });
}
