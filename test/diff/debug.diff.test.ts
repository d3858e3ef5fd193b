/**
 * DEBUG against redis-server: POPULATE, DIGEST and DIGEST-VALUE (which
 * Redis's own tests use to compare datasets) give the same keys and the
 * same hex digests for the same data; PROTOCOL sends every reply type;
 * QUICKLIST-PACKED-THRESHOLD shapes list payloads as it does in Redis;
 * RELOAD goes through an RDB file that either server can load.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';
import type { Reply } from '../helpers/resp.js';

/** Writes that leave a key of every type in each of its encodings, a volatile key and a second database. */
function everyEncoding(): string[][] {
  const writes: string[][] = [
    ['SET', 'str', 'hello'],
    ['SET', 'int', '12345'],
    ['SET', 'bin', '\x00\xff\x80 bytes'],
    ['RPUSH', 'list', 'a', 'b', 'c', '1', '2'],
    ['SADD', 'intset', '1', '2', '3'],
    ['SADD', 'set', 'x', 'y', 'z', '10'],
    ['ZADD', 'zset', '1', 'a', '2.5', 'b', '-3', 'c', '1e20', 'd', '0.1', 'e'],
    ['HSET', 'hash', 'f1', 'v1', 'f2', 'v2'],
    ['SET', 'volatile', 'v', 'EX', '1000'],
    ['SELECT', '3'],
    ['SET', 'other-db', '1'],
    ['SELECT', '0'],
  ];
  for (let i = 0; i < 300; i++) {
    writes.push(['ZADD', 'bigzset', String(i / 3), `m${i}`], ['HSET', 'bighash', `f${i}`, `v${i}`], ['SADD', 'bigset', `m${i}`], ['SADD', 'bigintset', String(i * 7)], ['RPUSH', 'biglist', `item${i}`]);
  }
  return writes;
}

for (const resp3 of [false, true]) {
  diffSuite(
    `DEBUG (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('POPULATE creates what Redis creates and leaves existing keys alone', async () => {
        const s = env().session;
        await s.same(['SET', 'key:5', 'mine']);
        await s.script([
          ['DEBUG', 'POPULATE', '20'],
          ['DEBUG', 'POPULATE', '3', 'pad', '12'],
          ['DEBUG', 'POPULATE', '3', 'cut', '2'],
          ['DEBUG', 'POPULATE', '0'],
          ['DEBUG', 'POPULATE', '2', 'p'.repeat(130)],
          ['DBSIZE'],
          ['GET', 'key:5'],
          ['GET', 'key:19'],
          ['GET', 'pad:2'],
          ['GET', 'cut:1'],
          ['DEBUG', 'POPULATE', '-1'],
          ['DEBUG', 'POPULATE', 'abc'],
          ['DEBUG', 'POPULATE', '1', 'x', '-1'],
          ['DEBUG', 'POPULATE'],
          ['DEBUG', 'POPULATE', '1', '2', '3', '4'],
          ['DEBUG', 'NOSUCH'],
        ]);
        await s.same(['KEYS', '*'], 'sorted');
        await s.same(['DEBUG', 'DIGEST']);
      });

      test('DIGEST and DIGEST-VALUE match for every type and encoding', async () => {
        const s = env().session;
        await s.same(['DEBUG', 'DIGEST']);
        await s.same(['DEBUG', 'DIGEST-VALUE', 'nokey']);
        for (const w of everyEncoding()) await s.same(w);
        await s.same(['DEBUG', 'DIGEST']);
        await s.same(['DEBUG', 'DIGEST-VALUE', 'str', 'int', 'bin', 'list', 'intset', 'set', 'zset', 'hash', 'volatile', 'nokey', 'bigzset', 'bighash', 'bigset', 'bigintset', 'biglist']);
        // Redis looks the keys up without counting hits or misses.
        const lookups = (r: Reply) => String(r).split('\r\n').filter((l) => l.startsWith('keyspace_')).join(' ');
        await s.same(['INFO', 'stats'], (m, r) => assert.equal(lookups(m), lookups(r)));
        // The digest follows the data, not the history: a member removed and added back changes nothing.
        const before = await s.same(['DEBUG', 'DIGEST']);
        await s.same(['SREM', 'bigset', 'm7']);
        const without = await s.same(['DEBUG', 'DIGEST']);
        assert.notEqual(without, before);
        await s.same(['SADD', 'bigset', 'm7']);
        assert.equal(await s.same(['DEBUG', 'DIGEST']), before);
        await s.same(['PERSIST', 'volatile']);
        await s.same(['DEBUG', 'DIGEST-VALUE', 'volatile']);
        await s.same(['DEBUG', 'DIGEST']);
      });

      test('OBJECT: shared integers are immortal, INCR changes a value in place', async () => {
        const s = env().session;
        const fields = async (key: string) => {
          const [m, r] = await Promise.all([s.mnemo.cmd('DEBUG', 'OBJECT', key), s.redis.cmd('DEBUG', 'OBJECT', key)]);
          const pick = (line: unknown) => Object.fromEntries(String(line).split(' ').map((f) => f.split(':')));
          return [pick(m), pick(r)];
        };
        await s.same(['SET', 'small', '42']);
        const [sm, sr] = await fields('small');
        assert.equal(sm.refcount, sr.refcount);
        assert.equal(sm.encoding, sr.encoding);
        await s.same(['SET', 'big', '20000']);
        const [before] = await fields('big');
        await s.same(['INCR', 'big']);
        const [after, redisAfter] = await fields('big');
        assert.equal(after.at, before.at);
        assert.equal(after.refcount, redisAfter.refcount);
        await s.same(['DEBUG', 'OBJECT', 'nokey']);
      });

      test('PROTOCOL answers each reply type', async () => {
        const s = env().session;
        for (const t of ['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'attrib', 'push', 'verbatim', 'true', 'false', 'nosuch', 'STRING']) {
          await s.same(['DEBUG', 'PROTOCOL', t]);
          if (t === 'push' && resp3) {
            // The push comes first, then the command's own reply.
            const [m, r] = await Promise.all([s.mnemo.next(), s.redis.next()]);
            assert.equal(m.toString('latin1'), r.toString('latin1'));
          }
        }
        await s.same(['DEBUG', 'PROTOCOL']);
        await s.same(['PING']);
      });

      test('QUICKLIST-PACKED-THRESHOLD: elements from that size get plain nodes, in DUMP payloads too', async () => {
        const s = env().session;
        try {
          await s.same(['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1b']);
          await s.same(['RPUSH', 'plain', 'a', 'bb', 'ccc', 'x'.repeat(30)]);
          await s.same(['DUMP', 'plain']);
          await s.same(['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '10']);
          await s.same(['RPUSH', 'mixed', 'a', 'b', 'c', 'd'.repeat(12), 'e', 'f', 'y'.repeat(40), 'g']);
          await s.same(['DUMP', 'mixed']);
          await s.same(['LRANGE', 'mixed', '0', '-1']);
          for (const bad of ['5gb', 'abc', '4gb', '4294967295', '-1']) await s.same(['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', bad]);
          await s.same(['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1K']);
        } finally {
          // Not compared after this: Redis keeps the plain nodes it made, while Mnemo derives the
          // node layout from the elements and the threshold at DUMP time.
          await s.same(['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '0']);
        }
      });

      test('SET-SKIP-CHECKSUM-VALIDATION lets RESTORE take a payload with a wrong CRC', async () => {
        const s = env().session;
        await s.same(['SET', 'k', 'value']);
        const payload = Buffer.from((await s.mnemo.cmd('DUMP', 'k')) as string, 'latin1');
        payload[payload.length - 1] ^= 0xff;
        await s.same(['RESTORE', 'k2', '0', payload]);
        await s.same(['DEBUG', 'SET-SKIP-CHECKSUM-VALIDATION', '1']);
        await s.same(['RESTORE', 'k2', '0', payload]);
        await s.same(['GET', 'k2']);
        await s.same(['DEBUG', 'SET-SKIP-CHECKSUM-VALIDATION', 'x']);
        await s.same(['DEBUG', 'SET-SKIP-CHECKSUM-VALIDATION', '0']);
        await s.same(['RESTORE', 'k3', '0', payload]);
      });
    },
    { resp3, mnemoOptions: { save: '', 'enable-debug-command': 'yes' }, redisArgs: ['--enable-debug-command', 'yes'] },
  );
}

// DEBUG RELOAD writes dump.rdb into each server's own directory.
const mnemoDir = mkdtempSync(path.join(tmpdir(), 'mnemo-reload-'));
const redisDir = mkdtempSync(path.join(tmpdir(), 'redis-reload-'));
process.on('exit', () => {
  rmSync(mnemoDir, { recursive: true, force: true });
  rmSync(redisDir, { recursive: true, force: true });
});

diffSuite(
  'DEBUG RELOAD',
  (env) => {
    test('a reload keeps every value, encoding and TTL; the files load on the other server', async () => {
      const s = env().session;
      await s.same(['DEBUG', 'POPULATE', '500']);
      for (const w of everyEncoding()) await s.same(w);
      const before = await s.same(['DEBUG', 'DIGEST']);
      await s.same(['DEBUG', 'RELOAD']);
      assert.equal(await s.same(['DEBUG', 'DIGEST']), before);
      for (const key of ['int', 'bin', 'list', 'intset', 'set', 'zset', 'hash', 'bigzset', 'bighash', 'bigset', 'bigintset', 'biglist']) await s.same(['OBJECT', 'ENCODING', key]);
      await s.same(['TTL', 'volatile'], { approx: 1 });
      await s.same(['DBSIZE']);
      // Each server's file, loaded by the other one.
      copyFileSync(path.join(mnemoDir, 'dump.rdb'), path.join(redisDir, 'dump.rdb'));
      await s.same(['SET', 'only-in-memory', '1']);
      await s.same(['DEBUG', 'RELOAD', 'NOSAVE']);
      assert.equal(await s.same(['DEBUG', 'DIGEST']), before);
      copyFileSync(path.join(redisDir, 'dump.rdb'), path.join(mnemoDir, 'dump.rdb'));
      await s.same(['DEBUG', 'RELOAD', 'NOSAVE']);
      assert.equal(await s.same(['DEBUG', 'DIGEST']), before);
    });

    test('NOSAVE, NOFLUSH and MERGE', async () => {
      const s = env().session;
      await s.same(['SET', 'a', 'from-file']);
      await s.same(['DEBUG', 'RELOAD']);
      await s.same(['SET', 'a', 'in-memory']);
      await s.same(['SET', 'b', 'kept']);
      await s.same(['DEBUG', 'RELOAD', 'NOSAVE', 'NOFLUSH', 'MERGE']);
      await s.same(['MGET', 'a', 'b']);
      await s.same(['DEBUG', 'RELOAD', 'nosave']);
      await s.same(['MGET', 'a', 'b']);
      await s.same(['DEBUG', 'RELOAD', 'NOSUCH']);
      await s.same(['GET', 'a']);
    });
  },
  { mnemoOptions: { save: '', 'enable-debug-command': 'yes', dir: mnemoDir }, redisArgs: ['--enable-debug-command', 'yes', '--dir', redisDir] },
);
