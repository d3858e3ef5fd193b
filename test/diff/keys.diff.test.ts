/**
 * Generic key commands against redis-server: DEL, UNLINK, EXISTS, TYPE,
 * KEYS, SCAN, RANDOMKEY, DBSIZE, RENAME(NX), COPY, MOVE, SWAPDB, FLUSHDB,
 * FLUSHALL, TOUCH, OBJECT, SORT, SORT_RO.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite, type DiffSession } from '../helpers/diff.js';
import { decode, type Reply } from '../helpers/resp.js';
import type { RawClient } from '../helpers/raw-client.js';
import { collections } from '../../src/persistence/rdb/collections.js';

/** Builds a value on redis-server with its own commands and moves it to Mnemo by DUMP/RESTORE. */
async function seed(s: DiffSession, key: string, ...cmd: string[]): Promise<void> {
  await s.redis.call(...cmd);
  const payload = (await s.redis.cmd('DUMP', key)) as string;
  const r = await s.mnemo.cmd('RESTORE', key, '0', Buffer.from(payload, 'latin1'), 'REPLACE');
  assert.equal(r, 'OK', `RESTORE of ${key} into Mnemo`);
}

const sortedScan = (m: Reply, r: Reply) => {
  const [mc, mk] = m as [string, string[]];
  const [rc, rk] = r as [string, string[]];
  assert.equal(mc, '0');
  assert.equal(rc, '0');
  assert.deepEqual([...mk].sort(), [...rk].sort());
};

for (const resp3 of [false, true]) {
  diffSuite(`generic key commands (RESP${resp3 ? 3 : 2})`, (env) => {
    test('DEL, UNLINK, EXISTS, TYPE, TOUCH, DBSIZE', async () => {
      await env().session.script([
        ['MSET', 'a', '1', 'b', '2', 'c', '3'],
        ['EXISTS', 'a', 'b', 'nope', 'a'],
        ['EXISTS'],
        ['TYPE', 'a'],
        ['TYPE', 'nope'],
        ['TYPE'],
        ['TOUCH', 'a', 'nope', 'b'],
        ['DBSIZE'],
        ['DBSIZE', 'x'],
        ['DEL', 'a', 'a', 'nope'],
        ['UNLINK', 'b', 'c'],
        ['DEL'],
        ['UNLINK'],
        ['DBSIZE'],
        ['RPUSH', 'l', 'x'],
        ['TYPE', 'l'],
      ]);
    });

    test('KEYS with tricky patterns', async () => {
      const s = env().session;
      const keys = ['hello', 'hallo', 'hxllo', 'hllo', 'heeeello', 'h*llo', 'h]llo', 'a-b', 'x\\y', '', 'ab', 'abc', ']', '-', 'a', 'HELLO', 'key:1', 'key:22', 'k\xe9y'];
      for (const k of keys) await s.both('SET', Buffer.from(k, 'latin1'), '1');
      const patterns = ['*', '**', 'h?llo', 'h*llo', 'h[ae]llo', 'h[^e]llo', 'h[a-b]llo', 'h[b-a]llo', 'h\\*llo', 'h[\\]]llo', '[a-]', '[abc', '[', 'a\\', '\\', 'x\\\\y', '*[0-9]', 'key:??', 'key:[!1]*', '[^a-z]*', 'h*', '*o', '*l*l*', 'nomatch', '?', '', '[a-\xff]', 'k[\xe0-\xef]y', 'HeLLo', '*[', '[]]', '[]a]'];
      for (const p of patterns) await s.same(['KEYS', Buffer.from(p, 'latin1')], 'sorted');
      await s.same(['KEYS'], undefined);
    });

    test('KEYS and SCAN skip expired keys', async () => {
      const s = env().session;
      await s.script([['SET', 'live', '1'], ['SET', 'dead', '1', 'PX', '1'], ['SET', 'dead2', '1', 'PX', '1']]);
      await new Promise((r) => setTimeout(r, 20));
      await s.same(['KEYS', '*']);
      await s.same(['SCAN', '0'], sortedScan);
      await s.same(['EXISTS', 'dead']);
    });

    test('SCAN: options, errors and a full pass', async () => {
      const s = env().session;
      for (let i = 0; i < 60; i++) await s.both('SET', `k:${i}`, 'v');
      await s.both('RPUSH', 'list', 'a');
      await s.script([
        ['SCAN', 'x'],
        ['SCAN', '1x'],
        ['SCAN', ' 0'],
        ['SCAN', '0', 'COUNT', '0'],
        ['SCAN', '0', 'COUNT', '-1'],
        ['SCAN', '0', 'COUNT', 'x'],
        ['SCAN', '0', 'MATCH'],
        ['SCAN', '0', 'TYPE'],
        ['SCAN', '0', 'FOO', 'bar'],
        ['SCAN', '0', 'COUNT', '10', 'MATCH'],
        ['SCAN'],
      ]);
      await s.same(['SCAN', '0', 'COUNT', '1000'], sortedScan);
      await s.same(['SCAN', '', 'COUNT', '1000'], sortedScan);
      await s.same(['SCAN', '0', 'COUNT', '1000', 'MATCH', 'k:1*'], sortedScan);
      await s.same(['SCAN', '0', 'COUNT', '1000', 'TYPE', 'list'], sortedScan);
      await s.same(['SCAN', '0', 'COUNT', '1000', 'TYPE', 'STRING', 'MATCH', 'k:5?'], sortedScan);
      await s.same(['SCAN', '0', 'COUNT', '1000', 'TYPE', 'nosuchtype'], sortedScan);
      // A full pass with small COUNT returns every key on both servers.
      for (const server of ['mnemo', 'redis'] as const) {
        const seen = new Set<string>();
        let cursor = '0';
        do {
          const [next, keys] = (await s[server].cmd('SCAN', cursor, 'COUNT', '3')) as [string, string[]];
          cursor = next;
          for (const k of keys) seen.add(k);
        } while (cursor !== '0');
        assert.equal(seen.size, 61, server);
      }
    });

    test('SCAN with TYPE counts a keyspace hit for every key it reads', async () => {
      const s = env().session;
      await s.script([['MSET', 'a', '1', 'b', '2'], ['RPUSH', 'l', 'x'], ['CONFIG', 'RESETSTAT']]);
      const counters = async (server: 'mnemo' | 'redis') => {
        const reply = (await s[server].cmd('INFO', 'stats')) as string | { verbatim: string };
        const info = typeof reply === 'string' ? reply : reply.verbatim;
        return info.split('\r\n').filter((l) => /^(keyspace_hits|keyspace_misses|expired_keys):/.test(l));
      };
      await s.same(['SCAN', '0', 'COUNT', '100', 'TYPE', 'list'], sortedScan);
      await s.same(['SCAN', '0', 'COUNT', '100', 'MATCH', '[ab]'], sortedScan);
      assert.deepEqual(await counters('mnemo'), await counters('redis'));
    });

    test('RANDOMKEY', async () => {
      const s = env().session;
      await s.same(['RANDOMKEY']);
      await s.both('SET', 'only', '1');
      await s.same(['RANDOMKEY']);
      await s.both('SET', 'other', '1');
      await s.same(['RANDOMKEY'], 'type');
      await s.same(['RANDOMKEY', 'x']);
    });

    test('RENAME and RENAMENX', async () => {
      await env().session.script([
        ['SET', 'a', '1'],
        ['RENAME', 'a', 'b'],
        ['GET', 'b'],
        ['RENAME', 'a', 'b'],
        ['RENAME', 'b', 'b'],
        ['RENAME', 'nope', 'nope'],
        ['SET', 'c', '3', 'EX', '1000'],
        ['RENAME', 'c', 'b'],
        ['TTL', 'b'],
        ['EXISTS', 'c'],
        ['SET', 'd', '4'],
        ['RENAMENX', 'b', 'd'],
        ['RENAMENX', 'b', 'e'],
        ['RENAMENX', 'e', 'e'],
        ['RENAMENX', 'nope', 'x'],
        ['TTL', 'e'],
        ['RPUSH', 'l', '1'],
        ['RENAME', 'l', 'd'],
        ['TYPE', 'd'],
        ['RENAME', 'd'],
      ]);
    });

    test('COPY', async () => {
      await env().session.script([
        ['SET', 'a', 'v', 'EX', '1000'],
        ['COPY', 'a', 'b'],
        ['TTL', 'b'],
        ['COPY', 'a', 'b'],
        ['SET', 'a', 'w'],
        ['COPY', 'a', 'b', 'REPLACE'],
        ['GET', 'b'],
        ['TTL', 'b'],
        ['COPY', 'a', 'a'],
        ['COPY', 'a', 'a', 'DB', '0'],
        ['COPY', 'a', 'a', 'DB', '1'],
        ['SELECT', '1'],
        ['GET', 'a'],
        ['SELECT', '0'],
        ['COPY', 'nope', 'x'],
        ['COPY', 'a', 'x', 'DB', '16'],
        ['COPY', 'a', 'x', 'DB', '-1'],
        ['COPY', 'a', 'x', 'DB', 'x'],
        ['COPY', 'a', 'x', 'DB'],
        ['COPY', 'a', 'x', 'FOO'],
        ['COPY', 'a', 'x', 'DB', '99999999999'],
        ['COPY', 'a', 'x', 'REPLACE', 'REPLACE', 'DB', '2'],
        ['RPUSH', 'l', '1', '2'],
        ['COPY', 'l', 'l2'],
        ['RPUSH', 'l2', '3'],
        ['LRANGE', 'l', '0', '-1'],
        ['LRANGE', 'l2', '0', '-1'],
        ['APPEND', 'a', 'x'],
        ['COPY', 'a', 'a2'],
        ['OBJECT', 'ENCODING', 'a2'],
        ['APPEND', 'a', 'y'],
        ['GET', 'a2'],
        ['SET', 'i', '12'],
        ['COPY', 'i', 'i2'],
        ['OBJECT', 'ENCODING', 'i2'],
      ]);
    });

    test('MOVE and SWAPDB', async () => {
      await env().session.script([
        ['SET', 'a', '1', 'EX', '1000'],
        ['MOVE', 'a', '1'],
        ['EXISTS', 'a'],
        ['MOVE', 'a', '1'],
        ['MOVE', 'a', '0'],
        ['MOVE', 'a', '16'],
        ['MOVE', 'a', '-1'],
        ['MOVE', 'a', 'x'],
        ['MOVE', 'a', '99999999999'],
        ['SWAPDB', '99999999999', '0'],
        ['SELECT', '1'],
        ['TTL', 'a'],
        ['SET', 'b', '1'],
        ['SELECT', '0'],
        ['SET', 'b', '0'],
        ['MOVE', 'b', '1'],
        ['SWAPDB', '0', '1'],
        ['GET', 'a'],
        ['GET', 'b'],
        ['TTL', 'a'],
        ['SWAPDB', '0', '0'],
        ['SWAPDB', '0', '16'],
        ['SWAPDB', 'x', '1'],
        ['SWAPDB', '1', 'x'],
        ['SWAPDB', '-1', '0'],
        ['SWAPDB', '0'],
        ['SWAPDB', '1', '0'],
        ['GET', 'a'],
        ['DBSIZE'],
      ]);
    });

    test('FLUSHDB and FLUSHALL', async () => {
      await env().session.script([
        ['SET', 'a', '1'],
        ['SELECT', '2'],
        ['SET', 'b', '1'],
        ['FLUSHDB'],
        ['DBSIZE'],
        ['SET', 'b', '1'],
        ['FLUSHDB', 'ASYNC'],
        ['FLUSHDB', 'sync'],
        ['FLUSHDB', 'x'],
        ['FLUSHDB', 'async', 'sync'],
        ['SET', 'b', '1'],
        ['SELECT', '0'],
        ['DBSIZE'],
        ['FLUSHALL', 'x'],
        ['FLUSHALL', 'SYNC'],
        ['DBSIZE'],
        ['SELECT', '2'],
        ['DBSIZE'],
        ['FLUSHALL', 'ASYNC'],
        ['FLUSHALL'],
      ]);
    });

    test('OBJECT ENCODING, REFCOUNT, IDLETIME, FREQ and errors', async () => {
      const s = env().session;
      await s.script([
        ['SET', 'int', '12345'],
        ['SET', 'small', '5'],
        ['SET', 'neg', '-5'],
        ['SET', 'big', '9223372036854775807'],
        ['SET', 'huge', '9223372036854775808'],
        ['SET', 'emb', 'x'.repeat(44)],
        ['SET', 'raw', 'x'.repeat(45)],
        ['SET', 'lead', '01'],
        ['APPEND', 'app', 'x'],
        ['OBJECT', 'ENCODING', 'int'],
        ['OBJECT', 'ENCODING', 'small'],
        ['OBJECT', 'ENCODING', 'neg'],
        ['OBJECT', 'ENCODING', 'big'],
        ['OBJECT', 'ENCODING', 'huge'],
        ['OBJECT', 'ENCODING', 'emb'],
        ['OBJECT', 'ENCODING', 'raw'],
        ['OBJECT', 'ENCODING', 'lead'],
        ['OBJECT', 'ENCODING', 'app'],
        ['OBJECT', 'ENCODING', 'nope'],
        ['OBJECT', 'REFCOUNT', 'small'],
        ['OBJECT', 'REFCOUNT', 'int'],
        ['OBJECT', 'REFCOUNT', 'emb'],
        ['OBJECT', 'REFCOUNT', 'nope'],
        ['OBJECT', 'IDLETIME', 'nope'],
        ['OBJECT', 'FREQ', 'emb'],
        ['OBJECT', 'FREQ', 'nope'],
        ['OBJECT', 'encoding', 'emb'],
        ['OBJECT'],
        ['OBJECT', 'ENCODING'],
        ['OBJECT', 'ENCODING', 'a', 'b'],
        ['OBJECT', 'FOO', 'x'],
        ['OBJECT', 'HELP', 'x'],
        ['RPUSH', 'l', 'a'],
        ['OBJECT', 'ENCODING', 'l'],
      ]);
      // Our own wording: same shape only.
      await s.same(['OBJECT', 'HELP'], 'type');
      // Redis reads a clock of whole seconds that its cron advances, so a key set a moment ago
      // may already be 1 second idle there.
      await s.same(['OBJECT', 'IDLETIME', 'emb'], { approx: 1 });
    });

    test('OBJECT FREQ and IDLETIME under an LFU policy', async () => {
      const s = env().session;
      await s.script([['SET', 'a', '1'], ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'], ['OBJECT', 'IDLETIME', 'a'], ['OBJECT', 'FREQ', 'nope'], ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction']]);
    });

    test('collection encodings through DUMP/RESTORE', { skip: collections.set === null || collections.hash === null || collections.zset === null ? 'a collection type module is missing' : false }, async () => {
      const s = env().session;
      await seed(s, 'is', 'SADD', 'is', '1', '2', '3');
      await seed(s, 'hs', 'SADD', 'hs', 'a', 'b');
      await seed(s, 'zl', 'ZADD', 'zl', '1', 'a');
      await seed(s, 'hl', 'HSET', 'hl', 'f', 'v');
      await s.script([['OBJECT', 'ENCODING', 'is'], ['OBJECT', 'ENCODING', 'hs'], ['OBJECT', 'ENCODING', 'zl'], ['OBJECT', 'ENCODING', 'hl'], ['TYPE', 'is'], ['TYPE', 'zl'], ['TYPE', 'hl']]);
    });

    test('SORT numeric, ALPHA, DESC, LIMIT', async () => {
      await env().session.script([
        ['RPUSH', 'n', '3', '1', '2', '10', '-1.5', '1e2', '0x10', ' 7', ''],
        ['SORT', 'n'],
        ['SORT', 'n', 'DESC'],
        ['SORT', 'n', 'ALPHA'],
        ['SORT', 'n', 'ALPHA', 'DESC'],
        ['SORT', 'n', 'LIMIT', '1', '3'],
        ['SORT', 'n', 'LIMIT', '-5', '2'],
        ['SORT', 'n', 'LIMIT', '2', '-1'],
        ['SORT', 'n', 'LIMIT', '100', '5'],
        ['SORT', 'n', 'LIMIT', '0', '0'],
        ['SORT', 'n', 'LIMIT', 'x', '0'],
        ['SORT', 'n', 'LIMIT', '0'],
        ['SORT', 'n', 'ASC', 'DESC', 'ASC'],
        ['RPUSH', 'bad', '1', 'abc', '2'],
        ['SORT', 'bad'],
        ['SORT', 'bad', 'ALPHA'],
        ['RPUSH', 'nan', 'nan'],
        ['SORT', 'nan'],
        // Redis tests a stale errno after strtod: an ERANGE earlier on the connection
        // poisons later conversions, so the valid infinities come first.
        ['RPUSH', 'inf2', 'inf', '-INF', '1', 'Infinity', '+inf', '0x1p3'],
        ['SORT', 'inf2'],
        ['RPUSH', 'ties', 'b', 'a', 'c'],
        ['SORT', 'ties', 'BY', 'nosort'],
        ['SORT', 'ties', 'BY', 'nosort', 'DESC'],
        ['SORT', 'ties', 'BY', 'nosort', 'LIMIT', '1', '1'],
        ['SORT', 'ties', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '5'],
        ['SORT', 'nope'],
        ['SORT', 'nope', 'ALPHA'],
        ['SET', 'str', 'x'],
        ['SORT', 'str'],
        ['SORT', 'str', 'FOO'],
        ['SORT', 'n', 'FOO'],
        ['SORT'],
        ['SORT_RO', 'n'],
        ['SORT_RO', 'n', 'STORE', 'x'],
        ['SORT_RO', 'str'],
        // Last: the ERANGE left behind would poison later conversions on redis-server.
        ['RPUSH', 'inf', 'inf', '-inf', '1', '1e400'],
        ['SORT', 'inf'],
      ]);
    });

    test('SORT BY and GET patterns, hash fields', async () => {
      const s = env().session;
      await s.script([
        ['RPUSH', 'ids', '1', '2', '3', '4'],
        ['MSET', 'w_1', '40', 'w_2', '10', 'w_3', '30', 'name_1', 'one', 'name_2', 'two', 'name_4', 'four'],
        ['SORT', 'ids', 'BY', 'w_*'],
        ['SORT', 'ids', 'BY', 'w_*', 'DESC'],
        ['SORT', 'ids', 'BY', 'w_*', 'GET', 'name_*'],
        ['SORT', 'ids', 'BY', 'w_*', 'GET', '#', 'GET', 'name_*', 'GET', 'w_*'],
        ['SORT', 'ids', 'BY', 'w_*', 'ALPHA'],
        ['SORT', 'ids', 'BY', 'name_*', 'ALPHA'],
        ['SORT', 'ids', 'BY', 'name_*', 'ALPHA', 'DESC'],
        ['SORT', 'ids', 'GET', 'nostar'],
        ['SORT', 'ids', 'GET', '#', 'LIMIT', '1', '2'],
        ['SORT', 'ids', 'BY', 'w_*', 'LIMIT', '0', '2'],
        ['SORT', 'ids', 'GET'],
        ['SORT', 'ids', 'BY'],
        ['SORT', 'ids', 'BY', 'name_*'],
        ['RPUSH', 'wl', 'x'],
        ['SORT', 'ids', 'BY', 'wl', 'GET', 'wl'],
        ['SORT', 'ids', 'GET', 'wl*'],
        ['SORT_RO', 'ids', 'BY', 'w_*', 'GET', 'name_*'],
      ]);
    });

    test('SORT BY and GET hash fields', { skip: collections.hash === null ? 'hash type module missing' : false }, async () => {
      const s = env().session;
      for (const [k, f, v] of [['h_1', 'w', '3'], ['h_2', 'w', '1'], ['h_3', 'w', '2']]) await seed(s, k, 'HSET', k, f, v, 'name', `n${k}`);
      await s.script([
        ['RPUSH', 'ids', '1', '2', '3', '4'],
        ['SORT', 'ids', 'BY', 'h_*->w'],
        ['SORT', 'ids', 'BY', 'h_*->w', 'GET', 'h_*->name', 'GET', '#'],
        ['SORT', 'ids', 'BY', 'h_*->nofield'],
        ['SORT', 'ids', 'BY', 'h_*->'],
        ['SORT', 'ids', 'GET', 'h_*->'],
        ['SORT', 'ids', 'BY', 'h_*->name', 'ALPHA', 'DESC'],
      ]);
    });

    test('SORT on sets and sorted sets', { skip: collections.set === null || collections.zset === null ? 'set/zset type module missing' : false }, async () => {
      const s = env().session;
      await seed(s, 's', 'SADD', 's', '5', '3', '9', '1');
      await seed(s, 'sa', 'SADD', 'sa', 'pear', 'apple', 'fig');
      await seed(s, 'z', 'ZADD', 'z', '1', 'c', '2', 'a', '3', 'b');
      await s.script([
        ['SORT', 's'],
        ['SORT', 's', 'DESC', 'LIMIT', '1', '2'],
        ['SORT', 'sa', 'ALPHA'],
        ['SORT', 'sa'],
        ['SORT', 'z', 'ALPHA'],
        ['SORT', 'z', 'BY', 'nosort'],
        ['SORT', 'z', 'BY', 'nosort', 'DESC'],
        ['SORT', 'z', 'BY', 'nosort', 'LIMIT', '1', '1'],
        ['SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2'],
        // A set with nosort and STORE is sorted alphabetically so replicas agree.
        ['SORT', 'sa', 'BY', 'nosort', 'STORE', 'dst'],
        ['LRANGE', 'dst', '0', '-1'],
      ]);
      await s.same(['SORT', 'sa', 'BY', 'nosort'], 'sorted');
    });

    test('SORT STORE', async () => {
      await env().session.script([
        ['RPUSH', 'l', '3', '1', '2'],
        ['SET', 'dst', 'x', 'EX', '100'],
        ['SORT', 'l', 'STORE', 'dst'],
        ['TYPE', 'dst'],
        ['TTL', 'dst'],
        ['LRANGE', 'dst', '0', '-1'],
        ['SORT', 'l', 'GET', 'nokey_*', 'GET', '#', 'STORE', 'dst'],
        ['LRANGE', 'dst', '0', '-1'],
        ['SORT', 'l', 'LIMIT', '0', '0', 'STORE', 'dst'],
        ['EXISTS', 'dst'],
        ['SORT', 'nope', 'STORE', 'dst'],
        ['SORT', 'l', 'STORE', 'a', 'STORE', 'b'],
        ['EXISTS', 'a', 'b'],
        ['SORT', 'l', 'STORE', 'l'],
        ['LRANGE', 'l', '0', '-1'],
        ['SORT', 'l', 'STORE'],
      ]);
    });

    test('SORT key positions for COMMAND GETKEYS', async () => {
      await env().session.script([
        ['COMMAND', 'GETKEYS', 'SORT', 'a', 'STORE', 'b'],
        ['COMMAND', 'GETKEYS', 'SORT', 'a', 'STORE', 'b', 'STORE', 'c'],
        ['COMMAND', 'GETKEYS', 'SORT', 'a', 'LIMIT', '0', '1', 'BY', 'store', 'GET', 'store'],
        ['COMMAND', 'GETKEYS', 'SORT', 'a', 'STORE'],
        ['COMMAND', 'GETKEYS', 'SORT_RO', 'a', 'BY', 'x'],
      ]);
    });

    test('keyspace events match, in order', async () => {
      const e = env();
      const s = e.session;
      // Classes spelled out: Mnemo's config currently drops 'n' when 'A' is given.
      await s.both('CONFIG', 'SET', 'notify-keyspace-events', 'KEg$lxn');
      const sub = await e.connect();
      await sub.same(['PSUBSCRIBE', '__key*__:*']);
      await s.redis.call('SET', 'src', 'v');
      const p = Buffer.from((await s.redis.cmd('DUMP', 'src')) as string, 'latin1');
      await s.redis.call('DEL', 'src');
      // Drain the set/del of the seeding on redis-server.
      for (let i = 0; i < 6; i++) await sub.redis.next();
      const past = String(Date.now() - 10000);
      let marker = 0;
      const script: (string | Buffer)[][] = [
        ['RESTORE', 'a', '0', p], ['RENAME', 'a', 'b'], ['RESTORE', 'c', '0', p], ['RENAME', 'b', 'c'], ['RENAMENX', 'c', 'c2'],
        ['COPY', 'c2', 'd'], ['COPY', 'c2', 'd', 'REPLACE'], ['COPY', 'c2', 'e', 'DB', '1'], ['MOVE', 'c2', '2'], ['MOVE', 'd', '1'],
        ['EXPIRE', 'd', '100'], ['EXPIRE', 'd', '100', 'NX'], ['PERSIST', 'd'], ['PERSIST', 'd'], ['PEXPIRE', 'd', '0'],
        ['RESTORE', 'x', '0', p], ['EXPIREAT', 'x', '1'], ['RESTORE', 'y', '0', p], ['DEL', 'y', 'nope'], ['RESTORE', 'y', '0', p], ['UNLINK', 'y'],
        ['RESTORE', 'z', '0', p], ['RESTORE', 'z', '0', p, 'REPLACE'], ['RESTORE', 'z', past, p, 'ABSTTL', 'REPLACE'], ['RESTORE', 'z', past, p, 'ABSTTL'],
        ['RPUSH', 'l', '3', '1', '2'], ['SORT', 'l', 'STORE', 'dst'], ['SORT', 'l', 'STORE', 'dst'], ['SORT', 'l', 'LIMIT', '0', '0', 'STORE', 'dst'], ['SORT', 'l', 'STORE', 'dst'], ['SORT', 'nope', 'STORE', 'dst'],
        ['RESTORE', 'q', '0', p], ['SWAPDB', '0', '1'], ['FLUSHDB'], ['SELECT', '1'], ['FLUSHALL'], ['SELECT', '0'],
        ['EXISTS', 'nope'], ['TYPE', 'nope'], ['TTL', 'nope'], ['OBJECT', 'ENCODING', 'nope'], ['DUMP', 'nope'], ['SORT', 'nope'], ['TOUCH', 'nope'],
      ];
      const until = async (c: RawClient, m: string) => {
        const lines: string[] = [];
        for (;;) {
          const raw = decode(await c.next())[0];
          // RESP3 subscribers get pushes, RESP2 ones arrays.
          const d = Array.isArray(raw) ? raw : (raw as { push: Reply[] }).push;
          if (d[2] === m) return lines;
          lines.push(`${String(d[2])} ${String(d[3])}`);
        }
      };
      for (const cmd of script) {
        await s.both(...cmd);
        const m = `__keymark__:${++marker}`;
        await s.both('PUBLISH', m, 'x');
        const [em, er] = await Promise.all([until(sub.mnemo, m), until(sub.redis, m)]);
        assert.deepEqual(em, er, `events of ${cmd.map((a) => (Buffer.isBuffer(a) ? '<payload>' : a)).join(' ')}`);
      }
      await s.both('CONFIG', 'SET', 'notify-keyspace-events', '');
    });

    test('command declarations match', async () => {
      const s = env().session;
      for (const name of ['del', 'unlink', 'exists', 'type', 'keys', 'scan', 'randomkey', 'dbsize', 'rename', 'renamenx', 'copy', 'move', 'swapdb', 'flushdb', 'flushall', 'touch', 'sort', 'sort_ro']) {
        await s.same(['COMMAND', 'INFO', name]);
      }
      // Redis lists OBJECT's subcommands in its (randomly seeded) dictionary order.
      await s.same(['COMMAND', 'INFO', 'object'], 'sorted-deep');
      await s.same(['COMMAND', 'DOCS', 'object'], 'type');
    });
  }, { resp3 });
}
