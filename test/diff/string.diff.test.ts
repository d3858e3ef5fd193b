import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite, type DiffEnv, type Arg } from '../helpers/diff.js';
import type { Reply } from '../helpers/resp.js';
import { seededInts } from '../helpers/random.js';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

const FAMILY = ['get', 'set', 'setnx', 'setex', 'psetex', 'getset', 'getdel', 'getex', 'mget', 'mset', 'msetnx', 'append', 'strlen', 'getrange', 'substr', 'setrange', 'incr', 'decr', 'incrby', 'decrby', 'incrbyfloat', 'lcs', 'setbit', 'getbit', 'bitcount', 'bitpos', 'bitop', 'bitfield', 'bitfield_ro'];

/** COMMAND DOCS with the prose (summary, history descriptions) blanked: Mnemo words those itself. */
function scrubDocs(r: Reply): Reply {
  if (Array.isArray(r)) {
    const out = r.map(scrubDocs);
    for (let i = 0; i + 1 < out.length; i++) {
      if (out[i] === 'summary') out[i + 1] = '';
      if (out[i] === 'history' && Array.isArray(out[i + 1])) out[i + 1] = (out[i + 1] as Reply[]).map((h) => [(h as Reply[])[0], '']);
    }
    return out;
  }
  if (r && typeof r === 'object' && 'map' in r) {
    return {
      map: r.map.map(([k, v]): [Reply, Reply] => {
        if (k === 'summary') return [k, ''];
        if (k === 'history' && Array.isArray(v)) return [k, v.map((h) => [(h as Reply[])[0], ''])];
        // RESP3 sends the history as a set.
        if (k === 'history' && v && typeof v === 'object' && 'set' in v) return [k, { set: v.set.map((h) => [(h as Reply[])[0], '']) }];
        return [k, scrubDocs(v)];
      }),
    };
  }
  return r;
}

/**
 * Creates `key` holding a non-string value on both servers with the first
 * collection command Mnemo implements; false when none exists yet.
 */
async function makeWrongType(env: DiffEnv, key: string): Promise<boolean> {
  const s = env.session;
  for (const cmd of [['LPUSH', key, 'x'], ['SADD', key, 'x'], ['HSET', key, 'f', 'v'], ['ZADD', key, '1', 'x']]) {
    const m = (await s.mnemo.call(...cmd)).toString('latin1');
    if (m.startsWith('-ERR unknown command')) continue;
    await s.redis.call(...cmd);
    return true;
  }
  return false;
}

/** The remaining TTL in ms on both servers must agree within a margin (Mnemo's read from its keyspace). */
async function sameTtl(env: DiffEnv, key: string, margin = 2000): Promise<void> {
  const r = Number((await env.session.redis.cmd('PTTL', key)) as number);
  const db = env.mnemoServer.ctx.keyspace.dbs[0];
  const when = db.dict.has(key) ? db.getExpire(key) : -2;
  const m = when < 0 ? when : when - Date.now();
  if (r < 0 || m < 0) assert.equal(m < 0 ? m : 'ttl', r < 0 ? r : 'ttl', `TTL of ${key}`);
  else assert.ok(Math.abs(m - r) <= margin, `TTL of ${key}: mnemo ${m} redis ${r}`);
}

for (const resp3 of [false, true]) {
  diffSuite(
    `string commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('COMMAND INFO and DOCS of the string and bitmap families', async () => {
        const s = env().session;
        for (const name of FAMILY) {
          await s.same(['COMMAND', 'INFO', name]);
          await s.same(['COMMAND', 'DOCS', name], (m, r) => assert.deepEqual(scrubDocs(m), scrubDocs(r), `COMMAND DOCS ${name}`));
        }
      });

      test('GET and SET basics, arity, binary values', async () => {
        const s = env().session;
        await s.script([
          ['GET', 'g:missing'],
          ['SET', 'g:a', 'hello'],
          ['GET', 'g:a'],
          ['SET', 'g:a', ''],
          ['GET', 'g:a'],
          ['SET', 'g:a'],
          ['GET'],
          ['GET', 'g:a', 'b'],
          ['SET', 'g:bin', ALL_BYTES],
          ['GET', 'g:bin'],
          ['STRLEN', 'g:bin'],
          ['SET', 'g:int', '12345'],
          ['GET', 'g:int'],
        ]);
      });

      test('SET options and their conflicts', async () => {
        const s = env().session;
        await s.script([
          ['SET', 'o:a', '1', 'NX'],
          ['SET', 'o:a', '2', 'NX'],
          ['SET', 'o:a', '3', 'XX'],
          ['SET', 'o:b', '3', 'XX'],
          ['GET', 'o:a'],
          ['SET', 'o:a', '4', 'nx', 'xx'],
          ['SET', 'o:a', '4', 'xx', 'nx'],
          ['SET', 'o:a', '4', 'NX', 'NX'],
          ['SET', 'o:a', '4', 'XX', 'XX'],
          ['SET', 'o:a', '5', 'GET'],
          ['SET', 'o:c', '5', 'GET'],
          ['SET', 'o:c', '6', 'NX', 'GET'],
          ['SET', 'o:d', '6', 'NX', 'GET'],
          ['SET', 'o:d', '7', 'XX', 'GET'],
          ['SET', 'o:e', '7', 'XX', 'GET'],
          ['GET', 'o:e'],
          ['SET', 'o:a', '1', 'EX'],
          ['SET', 'o:a', '1', 'EX', '10', 'PX', '100'],
          ['SET', 'o:a', '1', 'PX', '10', 'EX', '100'],
          ['SET', 'o:a', '1', 'EX', '10', 'KEEPTTL'],
          ['SET', 'o:a', '1', 'KEEPTTL', 'EX', '10'],
          ['SET', 'o:a', '1', 'EXAT', '10', 'PXAT', '100'],
          ['SET', 'o:a', '1', 'PXAT', '10', 'EXAT', '100'],
          ['SET', 'o:a', '1', 'EX', '10', 'EXAT', '100'],
          ['SET', 'o:a', '1', 'KEEPTTL', 'KEEPTTL'],
          ['SET', 'o:a', '1', 'PERSIST'],
          ['SET', 'o:a', '1', 'FOO'],
          ['SET', 'o:a', '1', 'EX', '100', 'EX', '200'],
          ['SET', 'o:a', '1', 'GET', 'GET'],
          ['SET', 'o:a', '1', 'ex', '100', 'nx'],
          ['GET', 'o:a'],
        ]);
      });

      test('SET expire arguments and errors', async () => {
        const s = env().session;
        await s.script([
          ['SET', 'e:a', '1', 'EX', '0'],
          ['SET', 'e:a', '1', 'EX', '-1'],
          ['SET', 'e:a', '1', 'PX', '0'],
          ['SET', 'e:a', '1', 'EXAT', '0'],
          ['SET', 'e:a', '1', 'PXAT', '-5'],
          ['SET', 'e:a', '1', 'EX', 'abc'],
          ['SET', 'e:a', '1', 'EX', '1.5'],
          ['SET', 'e:a', '1', 'EX', ' 10'],
          ['SET', 'e:a', '1', 'EX', '9223372036854775807'],
          ['SET', 'e:a', '1', 'EX', '9223372036854775'],
          ['SET', 'e:a', '1', 'EX', '9223372036854776'],
          ['SET', 'e:a', '1', 'PX', '9223372036854775807'],
          ['SET', 'e:a', '1', 'PX', '9223372036854775808'],
          ['SET', 'e:a', '1', 'PXAT', '9223372036854775807'],
          ['SET', 'e:a', '1', 'EXAT', '9223372036854775'],
          ['SET', 'e:a', '1', 'EXAT', '9223372036854776'],
          ['SET', 'e:a', '1', 'GET', 'EX', '-1'],
          ['GET', 'e:a'],
          ['SETEX', 'e:b', '0', 'v'],
          ['SETEX', 'e:b', '-10', 'v'],
          ['SETEX', 'e:b', 'x', 'v'],
          ['SETEX', 'e:b', '9223372036854775807', 'v'],
          ['PSETEX', 'e:b', '0', 'v'],
          ['PSETEX', 'e:b', 'x', 'v'],
          ['PSETEX', 'e:b', '9223372036854775807', 'v'],
          ['SETEX', 'e:b', '100'],
          ['GET', 'e:b'],
        ]);
      });

      test('SET/SETEX/PSETEX TTLs; KEEPTTL keeps, plain SET clears', async () => {
        const e = env();
        const s = e.session;
        await s.same(['SET', 't:a', '1', 'EX', '100']);
        await sameTtl(e, 't:a');
        await s.same(['SET', 't:a', '2', 'KEEPTTL']);
        await sameTtl(e, 't:a');
        await s.same(['SET', 't:a', '3']);
        await sameTtl(e, 't:a');
        await s.same(['SET', 't:b', '1', 'PX', '50000']);
        await sameTtl(e, 't:b');
        const at = Math.floor(Date.now() / 1000) + 1000;
        await s.same(['SET', 't:c', '1', 'EXAT', at]);
        await sameTtl(e, 't:c');
        await s.same(['SET', 't:d', '1', 'PXAT', at * 1000]);
        await sameTtl(e, 't:d');
        await s.same(['SETEX', 't:e', '100', 'v']);
        await sameTtl(e, 't:e');
        await s.same(['PSETEX', 't:f', '100000', 'v']);
        await sameTtl(e, 't:f');
        await s.same(['SET', 't:f', 'x', 'GET']);
        await sameTtl(e, 't:f');
        await s.same(['SET', 't:g', 'x', 'KEEPTTL']);
        await sameTtl(e, 't:g');
        // INCR, APPEND and SETRANGE change the value but keep the TTL.
        await s.script([['SETEX', 't:h', '100', '5'], ['INCR', 't:h'], ['APPEND', 't:h', '1'], ['SETRANGE', 't:h', '0', '9'], ['GET', 't:h']]);
        await sameTtl(e, 't:h');
        await s.script([['INCRBYFLOAT', 't:h', '1.5'], ['GET', 't:h']]);
        await sameTtl(e, 't:h');
        await s.same(['GETSET', 't:h', 'x']);
        await sameTtl(e, 't:h');
      });

      test('an EXAT in the past leaves nothing readable', async () => {
        const s = env().session;
        await s.script([['SET', 'p:a', '1', 'EXAT', '1'], ['GET', 'p:a'], ['SET', 'p:b', '1', 'PXAT', '1000'], ['GET', 'p:b'], ['SET', 'p:b', '2', 'XX']]);
      });

      test('SETNX, GETSET, GETDEL', async () => {
        const s = env().session;
        await s.script([
          ['SETNX', 'n:a', '1'],
          ['SETNX', 'n:a', '2'],
          ['GET', 'n:a'],
          ['SETNX', 'n:a'],
          ['GETSET', 'n:a', '3'],
          ['GETSET', 'n:b', '3'],
          ['GET', 'n:b'],
          ['GETDEL', 'n:a'],
          ['GETDEL', 'n:a'],
          ['GET', 'n:a'],
          ['GETDEL', 'n:a', 'x'],
        ]);
      });

      test('GETEX options, errors and TTL effects', async () => {
        const e = env();
        const s = e.session;
        await s.script([
          ['GETEX', 'x:missing'],
          ['GETEX', 'x:missing', 'EX', '-1'],
          ['GETEX', 'x:missing', 'FOO'],
          ['SET', 'x:a', 'v'],
          ['GETEX', 'x:a'],
          ['GETEX', 'x:a', 'EX', '0'],
          ['GETEX', 'x:a', 'EX', 'x'],
          ['GETEX', 'x:a', 'PX', '-1'],
          ['GETEX', 'x:a', 'EXAT', '0'],
          ['GETEX', 'x:a', 'EX', '9223372036854775807'],
          ['GETEX', 'x:a', 'KEEPTTL'],
          ['GETEX', 'x:a', 'NX'],
          ['GETEX', 'x:a', 'GET'],
          ['GETEX', 'x:a', 'EX'],
          ['GETEX', 'x:a', 'EX', '10', 'PX', '10'],
          ['GETEX', 'x:a', 'PERSIST', 'EX', '10'],
          ['GETEX', 'x:a', 'EX', '10', 'PERSIST'],
          ['GETEX', 'x:a', 'PERSIST', 'PERSIST'],
        ]);
        await sameTtl(e, 'x:a');
        await s.same(['GETEX', 'x:a', 'EX', '100']);
        await sameTtl(e, 'x:a');
        await s.same(['GETEX', 'x:a', 'PERSIST']);
        await sameTtl(e, 'x:a');
        await s.same(['GETEX', 'x:a', 'PX', '100000']);
        await sameTtl(e, 'x:a');
        await s.same(['GETEX', 'x:a', 'EXAT', Math.floor(Date.now() / 1000) + 500]);
        await sameTtl(e, 'x:a');
        await s.same(['GETEX', 'x:a', 'PXAT', Date.now() + 500000]);
        await sameTtl(e, 'x:a');
        await s.same(['GETEX', 'x:a']);
        await sameTtl(e, 'x:a');
        // An absolute deadline in the past deletes the key at once.
        await s.script([['GETEX', 'x:a', 'EXAT', '1'], ['GET', 'x:a'], ['SET', 'x:b', 'v'], ['GETEX', 'x:b', 'PXAT', '1'], ['GETEX', 'x:b']]);
      });

      test('MGET, MSET, MSETNX', async () => {
        const s = env().session;
        await s.script([
          ['MSET', 'm:a', '1', 'm:b', '2'],
          ['MGET', 'm:a', 'm:b', 'm:c'],
          ['MSET', 'm:a'],
          ['MSET', 'm:a', '1', 'm:b'],
          ['MSETNX', 'm:a', '1', 'm:b'],
          ['MSETNX', 'm:c', '3', 'm:a', '9'],
          ['MGET', 'm:a', 'm:c'],
          ['MSETNX', 'm:c', '3', 'm:d', '4'],
          ['MSETNX', 'm:e', '1', 'm:e', '2'],
          ['GET', 'm:e'],
          ['MSET', 'm:f', '1', 'm:f', '2'],
          ['GET', 'm:f'],
          ['MGET', 'm:f'],
          ['MGET'],
        ]);
      });

      test('APPEND and STRLEN', async () => {
        const s = env().session;
        await s.script([
          ['APPEND', 'a:a', 'foo'],
          ['APPEND', 'a:a', 'bar'],
          ['GET', 'a:a'],
          ['APPEND', 'a:a', ''],
          ['STRLEN', 'a:a'],
          ['STRLEN', 'a:missing'],
          ['APPEND', 'a:n', '123'],
          ['INCR', 'a:n'],
          ['APPEND', 'a:n', '4'],
          ['GET', 'a:n'],
          ['INCR', 'a:n'],
          ['STRLEN', 'a:n'],
          ['APPEND', 'a:bin', ALL_BYTES],
          ['APPEND', 'a:bin', ALL_BYTES],
          ['GET', 'a:bin'],
          ['STRLEN', 'a:bin'],
          ['APPEND', 'a:a'],
        ]);
      });

      test('GETRANGE and SUBSTR index arithmetic', async () => {
        const s = env().session;
        await s.same(['SET', 'r:a', 'Hello, world']);
        const idx = ['0', '1', '5', '11', '12', '100', '-1', '-5', '-12', '-13', '-100', '9223372036854775807', '-9223372036854775808'];
        for (const a of idx) for (const b of idx) await s.same(['GETRANGE', 'r:a', a, b]);
        await s.script([
          ['SUBSTR', 'r:a', '0', '4'],
          ['SUBSTR', 'r:a', '-3', '-1'],
          ['GETRANGE', 'r:missing', '0', '10'],
          ['GETRANGE', 'r:a', 'x', '1'],
          ['GETRANGE', 'r:a', '0', '1.5'],
          ['GETRANGE', 'r:missing', 'x', '1'],
          ['GETRANGE', 'r:a', '0'],
          ['SET', 'r:e', ''],
          ['GETRANGE', 'r:e', '0', '-1'],
          ['SET', 'r:i', '-12345'],
          ['GETRANGE', 'r:i', '1', '3'],
          ['SET', 'r:bin', ALL_BYTES],
          ['GETRANGE', 'r:bin', '100', '200'],
          ['GETRANGE', 'r:bin', '-56', '-1'],
        ]);
      });

      test('SETRANGE', async () => {
        const s = env().session;
        await s.script([
          ['SETRANGE', 's:a', '5', 'x'],
          ['GET', 's:a'],
          ['SETRANGE', 's:a', '0', 'abc'],
          ['GET', 's:a'],
          ['SETRANGE', 's:a', '3', ''],
          ['SETRANGE', 's:b', '3', ''],
          ['GET', 's:b'],
          ['SETRANGE', 's:b', '0', ''],
          ['SETRANGE', 's:a', '-1', 'x'],
          ['SETRANGE', 's:a', 'x', 'x'],
          ['SETRANGE', 's:a', '536870911', ''],
          ['SETRANGE', 's:a', '536870912', 'x'],
          ['SETRANGE', 's:c', '536870912', 'x'],
          ['SETRANGE', 's:c', '536870911', 'xy'],
          ['SETRANGE', 's:c', '9223372036854775807', 'x'],
          ['SETRANGE', 's:c', '-9223372036854775808', 'x'],
          ['SET', 's:n', '1234'],
          ['SETRANGE', 's:n', '1', '9'],
          ['GET', 's:n'],
          ['INCR', 's:n'],
          ['SETRANGE', 's:bin', '10', ALL_BYTES],
          ['GET', 's:bin'],
          ['SETRANGE', 's:bin', '0', ALL_BYTES],
          ['GET', 's:bin'],
          ['SETRANGE', 's:a', '1'],
        ]);
      });

      test('big values: 1 MB SETRANGE and APPEND', async () => {
        const s = env().session;
        const chunk = Buffer.alloc(1024 * 1024, 'abcdefgh');
        await s.script([
          ['SETRANGE', 'big:a', 1024 * 1024, 'x'],
          ['STRLEN', 'big:a'],
          ['GETRANGE', 'big:a', '-3', '-1'],
          ['APPEND', 'big:b', chunk],
          ['APPEND', 'big:b', chunk],
          ['STRLEN', 'big:b'],
          ['GETRANGE', 'big:b', 1024 * 1024 - 2, 1024 * 1024 + 2],
          ['SETRANGE', 'big:b', 5, 'XYZ'],
          ['GET', 'big:b'],
          ['SET', 'big:c', chunk],
          ['GET', 'big:c'],
          ['LCS', 'big:a', 'x:none', 'LEN'],
        ]);
      });

      test('proto-max-bulk-len bounds APPEND, SETRANGE, SETBIT and BITFIELD', async () => {
        const s = env().session;
        await s.same(['CONFIG', 'SET', 'proto-max-bulk-len', '1048576']);
        try {
          await s.script([
            ['SETRANGE', 'pm:a', '1048575', 'x'],
            ['SETRANGE', 'pm:a', '1048576', 'x'],
            ['SETRANGE', 'pm:a', '1048575', 'xy'],
            ['APPEND', 'pm:a', 'y'],
            ['APPEND', 'pm:a', ''],
            ['SETBIT', 'pm:b', '8388607', '1'],
            ['SETBIT', 'pm:b', '8388608', '1'],
            ['GETBIT', 'pm:b', '8388608'],
            ['BITFIELD', 'pm:b', 'GET', 'u8', '8388600', 'GET', 'u8', '#1048576'],
            ['BITFIELD', 'pm:b', 'SET', 'u8', '#1048575', '1'],
            ['STRLEN', 'pm:a'],
          ]);
        } finally {
          await s.same(['CONFIG', 'SET', 'proto-max-bulk-len', '536870912']);
        }
      });

      test('INCR, DECR, INCRBY, DECRBY', async () => {
        const s = env().session;
        await s.script([
          ['INCR', 'i:a'],
          ['INCR', 'i:a'],
          ['DECR', 'i:a'],
          ['DECR', 'i:b'],
          ['INCRBY', 'i:a', '10'],
          ['INCRBY', 'i:a', '-100'],
          ['DECRBY', 'i:a', '-5'],
          ['DECRBY', 'i:a', '5'],
          ['INCRBY', 'i:a', 'x'],
          ['INCRBY', 'i:a', '1.5'],
          ['INCRBY', 'i:a', ''],
          ['INCRBY', 'i:a', '+1'],
          ['INCRBY', 'i:a', '01'],
          ['INCRBY', 'i:a', '9223372036854775808'],
          ['DECRBY', 'i:a', '-9223372036854775808'],
          ['DECRBY', 'i:z', '-9223372036854775808'],
          ['SET', 'i:max', '9223372036854775806'],
          ['INCR', 'i:max'],
          ['INCR', 'i:max'],
          ['GET', 'i:max'],
          ['DECRBY', 'i:max', '9223372036854775807'],
          ['DECRBY', 'i:max', '9223372036854775807'],
          ['DECR', 'i:max'],
          ['DECR', 'i:max'],
          ['INCRBY', 'i:max', '-1'],
          ['SET', 'i:big', '9007199254740991'],
          ['INCR', 'i:big'],
          ['INCR', 'i:big'],
          ['INCRBY', 'i:big', '9007199254740993'],
          ['SET', 'i:neg', '-9007199254740992'],
          ['DECR', 'i:neg'],
          ['INCRBY', 'i:neg', '9007199254740993'],
          ['SET', 'i:m', '-5'],
          ['INCRBY', 'i:m', '5'],
          ['GET', 'i:m'],
          ['INCRBY', 'i:m', '123456789012345'],
          ['INCRBY', 'i:m', '123456789012345'],
          ['INCRBY', 'i:m', '-999999999999999'],
        ]);
        for (const v of [' 1', '1 ', '01', '-0', '+1', '1.0', '', 'abc', '99999999999999999999', '-9223372036854775809', '00', '-', '0x1']) {
          await s.script([['SET', 'i:bad', v], ['INCR', 'i:bad'], ['DECRBY', 'i:bad', '1'], ['GET', 'i:bad']]);
        }
        await s.script([['INCR'], ['INCR', 'a', 'b'], ['INCRBY', 'a'], ['DECRBY', 'a']]);
      });

      test('INCRBYFLOAT values and formatting', async () => {
        const s = env().session;
        const cases: [string, string][] = [
          ['10.5', '0.1'],
          ['1', '1e400'],
          ['0', '3.0e3'],
          ['3000', '2.0e3'],
          ['0', '-1.1'],
          ['0', '1e-5'],
          ['0.1', '0.2'],
          ['5.0e3', '0'],
          ['1', '-1'],
          ['0', '-1e-20'],
          ['0', '0.000003814697265625'],
          ['0', '1.5e-17'],
          ['0.00000000000000002', '1.5e-18'],
          ['0', '0x10'],
          ['0', '0x1p-3'],
          ['0', '0X1.8P1'],
          ['0', '1e4932'],
          ['1e4932', '1e4932'],
          ['0', '1e-4940'],
          ['0', '1e-4960'],
          ['0', '+5'],
          ['0', '.5'],
          ['0', '5.'],
          ['0', '1e'],
          ['0', 'e5'],
          ['0', ' 1'],
          ['0', '1 '],
          ['0', 'nan'],
          ['0', 'inf'],
          ['0', '-inf'],
          ['0', 'Infinity'],
          ['0', '1_0'],
          ['0', '0x'],
          ['0', ''],
          ['0', '123456789012345678901234567890'],
          ['0', '1.7976931348623157e308'],
          ['1.7976931348623157e308', '1.7976931348623157e308'],
          ['-3', '1.33333333333333333333'],
          ['2.5', '-2.5'],
          ['0.1', '0.7'],
          ['1e20', '1'],
          ['12345678.12345678', '0.00000001'],
          ['abc', '1'],
          ['1.5', 'abc'],
          ['nan', '1'],
          ['inf', '1'],
        ];
        let n = 0;
        for (const [start, inc] of cases) {
          const k = `f:${n++}`;
          await s.script([['SET', k, start], ['INCRBYFLOAT', k, inc], ['GET', k]]);
        }
        await s.script([['INCRBYFLOAT', 'f:new', '2.5'], ['INCRBYFLOAT', 'f:new', '-0.5'], ['GET', 'f:new'], ['INCRBYFLOAT', 'f:new'], ['SET', 'f:long', '1'.repeat(5200)], ['INCRBYFLOAT', 'f:long', '1']]);
      });

      test('seeded random INCRBYFLOAT operands', async () => {
        const s = env().session;
        let x = 12345;
        const rnd = () => {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          return (x >>> 0) / 4294967296;
        };
        const ri = (n: number) => Math.floor(rnd() * n);
        const num = (): string => {
          const sign = ri(10) < 3 ? '-' : '';
          switch (ri(7)) {
            case 0:
              return sign + (rnd() * 1000).toFixed(ri(20));
            case 1:
              return sign + rnd().toExponential(ri(20)).replace(/e[+-]\d+/, `e${ri(2) ? '+' : '-'}${ri(400)}`);
            case 2:
              return sign + ri(1e6) + '.' + String(ri(1e9)).padStart(9, '0');
            case 3:
              return sign + '0.' + '0'.repeat(ri(20)) + ri(1e5);
            case 4:
              return sign + String(ri(2 ** 53)) + String(ri(1e6));
            case 5:
              return sign + rnd().toString().slice(0, 2 + ri(18));
            default:
              return sign + '0x' + ri(1e8).toString(16) + (ri(2) ? '.' + ri(1e4).toString(16) : '') + (ri(2) ? 'p' + (ri(40) - 20) : '');
          }
        };
        for (let i = 0; i < 300; i++) {
          const k = 'rf:' + (i % 20);
          if (i % 7 === 0) await s.same(['SET', k, num()]);
          await s.same(['INCRBYFLOAT', k, num()]);
        }
      });

      test('seeded random LCS, GETRANGE and SETRANGE', async () => {
        const s = env().session;
        const ri = seededInts(4242);
        const word = () => Array.from({ length: ri(25) }, () => 'abc'[ri(3)]).join('');
        for (let i = 0; i < 150; i++) {
          await s.script([
            ['MSET', 'rl:a', word(), 'rl:b', word()],
            ['LCS', 'rl:a', 'rl:b'],
            ['LCS', 'rl:a', 'rl:b', 'IDX', 'WITHMATCHLEN', 'MINMATCHLEN', String(ri(4))],
            ['GETRANGE', 'rl:a', String(ri(30) - 15), String(ri(30) - 15)],
            ['SETRANGE', 'rl:a', String(ri(30)), word()],
            ['GET', 'rl:a'],
          ]);
        }
      });

      test('LCS', async () => {
        const s = env().session;
        await s.script([
          ['MSET', 'l:a', 'ohmytext', 'l:b', 'mynewtext'],
          ['LCS', 'l:a', 'l:b'],
          ['LCS', 'l:a', 'l:b', 'LEN'],
          ['LCS', 'l:a', 'l:b', 'IDX'],
          ['LCS', 'l:a', 'l:b', 'IDX', 'WITHMATCHLEN'],
          ['LCS', 'l:a', 'l:b', 'IDX', 'MINMATCHLEN', '4'],
          ['LCS', 'l:a', 'l:b', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'],
          ['LCS', 'l:a', 'l:b', 'IDX', 'MINMATCHLEN', '-4', 'WITHMATCHLEN'],
          ['LCS', 'l:a', 'l:b', 'IDX', 'MINMATCHLEN', 'x'],
          ['LCS', 'l:a', 'l:b', 'IDX', 'MINMATCHLEN'],
          ['LCS', 'l:a', 'l:b', 'IDX', 'LEN'],
          ['LCS', 'l:a', 'l:b', 'LEN', 'WITHMATCHLEN'],
          ['LCS', 'l:a', 'l:b', 'FOO'],
          ['LCS', 'l:a', 'l:missing'],
          ['LCS', 'l:missing', 'l:missing2', 'IDX'],
          ['LCS', 'l:a', 'l:a', 'IDX', 'WITHMATCHLEN'],
          ['LCS', 'l:a'],
          ['MSET', 'l:c', 'ABCBDAB', 'l:d', 'BDCABA'],
          ['LCS', 'l:c', 'l:d'],
          ['LCS', 'l:c', 'l:d', 'IDX', 'WITHMATCHLEN'],
          ['LCS', 'l:d', 'l:c', 'IDX'],
          ['MSET', 'l:n1', '1234567', 'l:n2', '2468'],
          ['LCS', 'l:n1', 'l:n2', 'IDX'],
          ['SET', 'l:bin', ALL_BYTES],
          ['SET', 'l:bin2', Buffer.from(ALL_BYTES).reverse()],
          ['LCS', 'l:bin', 'l:bin2'],
          ['LCS', 'l:bin', 'l:bin', 'LEN'],
        ]);
      });

      test('wrong type', async (t) => {
        const e = env();
        if (!(await makeWrongType(e, 'w:list'))) return t.skip('no collection command implemented yet');
        const s = e.session;
        const W = 'w:list';
        const cmds: Arg[][] = [
          ['GET', W],
          ['SET', W, 'x', 'GET'],
          ['SET', W, 'x', 'NX', 'GET'],
          ['GETSET', W, 'x'],
          ['GETDEL', W],
          ['GETEX', W, 'EX', '10'],
          ['GETEX', W, 'EX', '-1'],
          ['MGET', W, 'w:none'],
          ['APPEND', W, 'x'],
          ['STRLEN', W],
          ['GETRANGE', W, '0', '1'],
          ['GETRANGE', W, 'x', '1'],
          ['SUBSTR', W, '0', '1'],
          ['SETRANGE', W, '0', 'x'],
          ['SETRANGE', W, '0', ''],
          ['SETRANGE', W, '-1', 'x'],
          ['INCR', W],
          ['DECR', W],
          ['INCRBY', W, '1'],
          ['INCRBY', W, 'x'],
          ['DECRBY', W, '1'],
          ['INCRBYFLOAT', W, '1'],
          ['INCRBYFLOAT', W, 'x'],
          ['LCS', W, 'w:none'],
          ['LCS', 'w:none', W, 'FOO'],
          ['SETNX', W, 'x'],
          ['MSETNX', W, 'x'],
        ];
        for (const c of cmds) await s.same(c);
        // Overwriting commands replace the value whatever its type.
        await s.script([['SET', W, 'x'], ['GET', W]]);
        await makeWrongType(e, 'w:l2');
        await s.script([['MSET', 'w:l2', 'y'], ['GET', 'w:l2']]);
        await makeWrongType(e, 'w:l3');
        await s.script([['SETEX', 'w:l3', '100', 'z'], ['GET', 'w:l3']]);
      });
    },
    { resp3 },
  );
}
