import { test } from 'node:test';
import { diffSuite, type DiffEnv, type Arg } from '../helpers/diff.js';
import { seededInts } from '../helpers/random.js';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** Creates a non-string key on both servers with the first collection command Mnemo has; false if none yet. */
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

for (const resp3 of [false, true]) {
  diffSuite(
    `bitmap commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('SETBIT and GETBIT', async () => {
        const s = env().session;
        await s.script([
          ['SETBIT', 'b:a', '7', '1'],
          ['GET', 'b:a'],
          ['SETBIT', 'b:a', '7', '1'],
          ['SETBIT', 'b:a', '7', '0'],
          ['SETBIT', 'b:a', '100', '1'],
          ['STRLEN', 'b:a'],
          ['GETBIT', 'b:a', '100'],
          ['GETBIT', 'b:a', '101'],
          ['GETBIT', 'b:a', '100000'],
          ['GETBIT', 'b:missing', '0'],
          ['SETBIT', 'b:a', '0', '2'],
          ['SETBIT', 'b:a', '0', '-1'],
          ['SETBIT', 'b:a', '0', 'x'],
          ['SETBIT', 'b:a', '-1', '1'],
          ['SETBIT', 'b:a', 'x', '1'],
          ['SETBIT', 'b:a', '4294967296', '1'],
          ['SETBIT', 'b:a', '4294967295', 'x'],
          ['SETBIT', 'b:a', '#1', '1'],
          ['GETBIT', 'b:a', '4294967296'],
          ['GETBIT', 'b:a', '-1'],
          ['GETBIT', 'b:a', '#1'],
          ['GETBIT', 'b:missing', 'x'],
          ['SET', 'b:n', '12'],
          ['GETBIT', 'b:n', '2'],
          ['GETBIT', 'b:n', '3'],
          ['SETBIT', 'b:n', '6', '1'],
          ['GET', 'b:n'],
          ['SETBIT', 'b:a', '1'],
          ['GETBIT', 'b:a'],
        ]);
      });

      test('BITCOUNT with BYTE and BIT ranges', async () => {
        const s = env().session;
        await s.same(['SET', 'c:a', 'foobar']);
        await s.script([['BITCOUNT', 'c:a'], ['BITCOUNT', 'c:missing'], ['BITCOUNT', 'c:missing', '1'], ['BITCOUNT', 'c:missing', 'a', 'b', 'c', 'd']]);
        const idx = ['0', '1', '2', '5', '6', '7', '40', '47', '48', '-1', '-2', '-6', '-7', '-40', '-48', '-49', '-100'];
        for (const a of idx) for (const b of idx) {
          await s.same(['BITCOUNT', 'c:a', a, b]);
          await s.same(['BITCOUNT', 'c:a', a, b, 'BIT']);
        }
        await s.script([
          ['BITCOUNT', 'c:a', '1', '1', 'BYTE'],
          ['BITCOUNT', 'c:a', '1', '1', 'byte'],
          ['BITCOUNT', 'c:a', '1', '1', 'bit'],
          ['BITCOUNT', 'c:a', '1'],
          ['BITCOUNT', 'c:a', '1', '2', 'FOO'],
          ['BITCOUNT', 'c:a', '1', '2', 'BIT', 'x'],
          ['BITCOUNT', 'c:a', 'x', '2'],
          ['BITCOUNT', 'c:a', '1', 'x'],
          ['BITCOUNT', 'c:a', 'x', '2', 'FOO'],
          ['BITCOUNT', 'c:a', '0', '9223372036854775807', 'BIT'],
          ['BITCOUNT', 'c:a', '-9223372036854775808', '-1', 'BIT'],
          ['SET', 'c:bin', ALL_BYTES],
          ['BITCOUNT', 'c:bin'],
          ['BITCOUNT', 'c:bin', '3', '250'],
          ['BITCOUNT', 'c:bin', '13', '2001', 'BIT'],
          ['SET', 'c:e', ''],
          ['BITCOUNT', 'c:e'],
          ['BITCOUNT', 'c:e', '0', '-1'],
          ['SET', 'c:n', '-123'],
          ['BITCOUNT', 'c:n'],
        ]);
      });

      test('BITPOS with BYTE and BIT ranges and end-of-string cases', async () => {
        const s = env().session;
        await s.script([
          ['SET', 'p:ones', Buffer.from([0xff, 0xff, 0xff])],
          ['SET', 'p:zeros', Buffer.from([0, 0, 0])],
          ['SET', 'p:mix', Buffer.from([0xff, 0xf0, 0x00, 0x0f])],
          ['BITPOS', 'p:missing', '0'],
          ['BITPOS', 'p:missing', '1'],
          ['BITPOS', 'p:missing', '1', 'x'],
          ['BITPOS', 'p:missing', '2'],
          ['BITPOS', 'p:missing', 'x'],
          ['BITPOS', 'p:ones', '0'],
          ['BITPOS', 'p:ones', '1'],
          ['BITPOS', 'p:zeros', '1'],
          ['BITPOS', 'p:zeros', '0'],
          ['BITPOS', 'p:ones', '0', '1'],
          ['BITPOS', 'p:ones', '0', '1', '-1'],
          ['BITPOS', 'p:ones', '0', '0', '-1', 'BIT'],
          ['BITPOS', 'p:zeros', '1', '0', '-1', 'BIT'],
          ['BITPOS', 'p:ones', '1', '2', '1'],
          ['BITPOS', 'p:ones', '2'],
          ['BITPOS', 'p:ones', '1', '0', '1', 'FOO'],
          ['BITPOS', 'p:ones', '1', '0', 'x', 'FOO'],
          ['BITPOS', 'p:ones', '1', 'x'],
          ['BITPOS', 'p:ones', '1', '0', 'x'],
          ['BITPOS', 'p:ones', '1', '0', '1', 'BIT', 'x'],
          ['SET', 'p:e', ''],
          ['BITPOS', 'p:e', '0'],
          ['BITPOS', 'p:e', '1'],
          ['SET', 'p:n', '7'],
          ['BITPOS', 'p:n', '0'],
          ['BITPOS', 'p:n', '1'],
        ]);
        const idx = ['0', '1', '2', '3', '4', '7', '8', '12', '15', '16', '31', '32', '-1', '-2', '-4', '-5', '-9', '-31', '-32', '-33', '-100'];
        for (const bit of ['0', '1']) {
          for (const a of idx) {
            await s.same(['BITPOS', 'p:mix', bit, a]);
            for (const b of idx) {
              await s.same(['BITPOS', 'p:mix', bit, a, b]);
              await s.same(['BITPOS', 'p:mix', bit, a, b, 'BIT']);
              await s.same(['BITPOS', 'p:ones', bit, a, b, 'BIT']);
            }
          }
        }
        await s.script([['SET', 'p:bin', ALL_BYTES], ['BITPOS', 'p:bin', '1', '1'], ['BITPOS', 'p:bin', '0', '-1'], ['BITPOS', 'p:bin', '0', '2040', '2047', 'BIT']]);
      });

      test('BITOP', async () => {
        const s = env().session;
        await s.script([
          ['SET', 'o:a', Buffer.from([0xff, 0x0f, 0x55])],
          ['SET', 'o:b', Buffer.from([0xf0, 0xff])],
          ['SET', 'o:c', ALL_BYTES],
          ['BITOP', 'AND', 'o:d', 'o:a', 'o:b'],
          ['GET', 'o:d'],
          ['BITOP', 'or', 'o:d', 'o:a', 'o:b'],
          ['GET', 'o:d'],
          ['BITOP', 'XOR', 'o:d', 'o:a', 'o:b', 'o:c'],
          ['GET', 'o:d'],
          ['BITOP', 'NOT', 'o:d', 'o:c'],
          ['GET', 'o:d'],
          ['BITOP', 'NOT', 'o:d', 'o:a', 'o:b'],
          ['BITOP', 'NAND', 'o:d', 'o:a'],
          ['BITOP', 'AND', 'o:d', 'o:a', 'o:missing'],
          ['GET', 'o:d'],
          ['BITOP', 'OR', 'o:d', 'o:missing', 'o:a'],
          ['GET', 'o:d'],
          ['BITOP', 'AND', 'o:d', 'o:missing'],
          ['GET', 'o:d'],
          ['BITOP', 'NOT', 'o:d', 'o:missing'],
          ['BITOP', 'AND', 'o:a', 'o:a', 'o:b'],
          ['GET', 'o:a'],
          ['SET', 'o:n', '123'],
          ['BITOP', 'OR', 'o:d', 'o:n', 'o:b'],
          ['GET', 'o:d'],
          ['BITOP', 'AND', 'o:d'],
        ]);
      });

      test('BITFIELD types, offsets and errors', async () => {
        const s = env().session;
        await s.script([
          ['BITFIELD', 'f:a'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '0'],
          ['BITFIELD', 'f:a', 'SET', 'u8', '0', '255', 'GET', 'u8', '0'],
          ['BITFIELD', 'f:a', 'SET', 'i8', '#1', '-1', 'GET', 'u4', '#2', 'GET', 'i4', '12'],
          ['GET', 'f:a'],
          ['BITFIELD', 'f:a', 'GET', 'i64', '0', 'GET', 'u63', '1', 'GET', 'i1', '0', 'GET', 'u1', '0'],
          ['BITFIELD', 'f:a', 'GET', 'u64', '0'],
          ['BITFIELD', 'f:a', 'GET', 'i65', '0'],
          ['BITFIELD', 'f:a', 'GET', 'i0', '0'],
          ['BITFIELD', 'f:a', 'GET', 'u0', '0'],
          ['BITFIELD', 'f:a', 'GET', 'I8', '0'],
          ['BITFIELD', 'f:a', 'GET', 'x8', '0'],
          ['BITFIELD', 'f:a', 'GET', 'i', '0'],
          ['BITFIELD', 'f:a', 'GET', 'i08', '0'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '-1'],
          ['BITFIELD', 'f:a', 'GET', 'u8', 'x'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '#-1'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '#'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '4294967295'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '4294967296'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '#536870911'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '#536870912'],
          ['BITFIELD', 'f:a', 'GET', 'u8'],
          ['BITFIELD', 'f:a', 'SET', 'u8', '0'],
          ['BITFIELD', 'f:a', 'SET', 'u8', '0', 'x'],
          ['BITFIELD', 'f:a', 'SET', 'u8', '0', '1.5'],
          ['BITFIELD', 'f:a', 'INCRBY', 'u8', '0', '99999999999999999999'],
          ['BITFIELD', 'f:a', 'FOO', 'u8', '0'],
          ['BITFIELD', 'f:a', 'OVERFLOW', 'FOO', 'GET', 'u8', '0'],
          ['BITFIELD', 'f:a', 'OVERFLOW'],
          ['BITFIELD', 'f:a', 'OVERFLOW', 'wrap'],
          ['BITFIELD', 'f:a', 'get', 'u8', '0', 'overflow', 'sat', 'incrby', 'u8', '0', '1'],
          ['BITFIELD', 'f:a', 'GET', 'u8', '0', 'SET', 'u8', 'x', '1'],
          ['GET', 'f:a'],
          ['BITFIELD'],
        ]);
      });

      test('BITFIELD overflow semantics', async () => {
        const s = env().session;
        const values = ['0', '1', '-1', '100', '-100', '127', '128', '-128', '-129', '255', '256', '9223372036854775807', '-9223372036854775808'];
        let n = 0;
        for (const mode of ['WRAP', 'SAT', 'FAIL']) {
          for (const type of ['i8', 'u8', 'i1', 'u1', 'i5', 'u7', 'i64', 'u63', 'i63', 'u32', 'i32']) {
            for (const v of values) {
              const k = `v:${n++}`;
              await s.script([
                ['BITFIELD', k, 'OVERFLOW', mode, 'SET', type, '3', v, 'GET', type, '3'],
                ['BITFIELD', k, 'OVERFLOW', mode, 'INCRBY', type, '3', v, 'INCRBY', type, '3', v],
                ['BITFIELD', k, 'OVERFLOW', mode, 'INCRBY', type, '3', '-1', 'INCRBY', type, '3', '1'],
                ['GET', k],
              ]);
            }
          }
        }
        await s.script([
          ['BITFIELD', 'v:x', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '100', '1', 'INCRBY', 'u2', '100', '5', 'OVERFLOW', 'SAT', 'INCRBY', 'u2', '100', '5', 'OVERFLOW', 'WRAP', 'INCRBY', 'u2', '100', '5'],
          ['GET', 'v:x'],
          ['BITFIELD', 'v:y', 'SET', 'i16', '#3', '-300', 'SET', 'u16', '#3', '1', 'GET', 'i16', '#3'],
          ['BITFIELD', 'v:y', 'INCRBY', 'i64', '5', '9223372036854775807', 'OVERFLOW', 'SAT', 'INCRBY', 'i64', '5', '9223372036854775807'],
          ['GET', 'v:y'],
          ['SET', 'v:n', '1234'],
          ['BITFIELD', 'v:n', 'GET', 'u16', '0', 'INCRBY', 'u8', '0', '1'],
          ['GET', 'v:n'],
          ['SET', 'v:bin', ALL_BYTES],
          ['BITFIELD', 'v:bin', 'GET', 'i64', '2043', 'GET', 'u63', '2040', 'GET', 'u7', '2047', 'GET', 'i13', '#150'],
        ]);
      });

      test('BITFIELD_RO', async () => {
        const s = env().session;
        await s.script([
          ['SET', 'r:a', 'abc'],
          ['BITFIELD_RO', 'r:a'],
          ['BITFIELD_RO', 'r:a', 'GET', 'u8', '0', 'GET', 'i4', '#3'],
          ['BITFIELD_RO', 'r:missing', 'GET', 'u8', '0'],
          ['BITFIELD_RO', 'r:a', 'SET', 'u8', '0', '1'],
          ['BITFIELD_RO', 'r:a', 'INCRBY', 'u8', '0', '1'],
          ['BITFIELD_RO', 'r:a', 'OVERFLOW', 'SAT', 'GET', 'u8', '0'],
          ['BITFIELD_RO', 'r:a', 'GET', 'u8', '0', 'SET', 'u8', '0', 'x'],
          ['BITFIELD_RO', 'r:a', 'GET', 'u64', '0', 'SET', 'u8', '0', '1'],
          ['BITFIELD_RO', 'r:a', 'FOO'],
          ['GET', 'r:a'],
          ['BITFIELD_RO'],
        ]);
      });

      test('seeded random BITCOUNT, BITPOS, BITFIELD, SETBIT and BITOP', async () => {
        const s = env().session;
        const ri = seededInts(987);
        const idx = () => String(ri(3) === 0 ? -ri(80) : ri(80));
        for (let round = 0; round < 60; round++) {
          const buf = Buffer.alloc(ri(10));
          for (let i = 0; i < buf.length; i++) buf[i] = [0, 255, ri(256), ri(256)][ri(4)];
          await s.same(['SET', 'z:a', buf]);
          for (let j = 0; j < 8; j++) {
            const unit = ['BIT', 'BYTE', 'bit'][ri(3)];
            await s.same(['BITCOUNT', 'z:a', idx(), idx(), unit]);
            await s.same(['BITPOS', 'z:a', String(ri(2)), idx(), idx(), unit]);
            await s.same(['BITPOS', 'z:a', String(ri(2)), idx(), idx()]);
            await s.same(['BITPOS', 'z:a', String(ri(2)), idx()]);
          }
          const ops: string[] = ['OVERFLOW', ['WRAP', 'SAT', 'FAIL'][ri(3)]];
          for (let j = 0; j < 6; j++) {
            const signed = ri(2) === 0;
            const type = (signed ? 'i' : 'u') + (1 + ri(signed ? 64 : 63));
            const off = ri(3) === 0 ? '#' + ri(10) : String(ri(100));
            const v = String(BigInt.asIntN(64, BigInt(ri(2 ** 30)) * BigInt(ri(2 ** 30)) * BigInt(ri(5000) - 2500) + BigInt(ri(1000))));
            const which = ri(4);
            if (which === 0) ops.push('GET', type, off);
            else if (which === 1) ops.push('SET', type, off, v);
            else if (which === 2) ops.push('INCRBY', type, off, v);
            else ops.push('OVERFLOW', ['WRAP', 'SAT', 'FAIL'][ri(3)]);
          }
          await s.script([
            ['BITFIELD', 'z:a', ...ops],
            ['GET', 'z:a'],
            ['SETBIT', 'z:a', String(ri(100)), String(ri(2))],
            ['BITOP', ['AND', 'OR', 'XOR'][ri(3)], 'z:d', 'z:a', 'z:d'],
            ['GET', 'z:d'],
          ]);
        }
      });

      test('wrong type', async (t) => {
        const e = env();
        if (!(await makeWrongType(e, 'w:list'))) return t.skip('no collection command implemented yet');
        const W = 'w:list';
        const cmds: Arg[][] = [
          ['SETBIT', W, '0', '1'],
          ['SETBIT', W, 'x', '1'],
          ['GETBIT', W, '0'],
          ['GETBIT', W, 'x'],
          ['BITCOUNT', W],
          ['BITCOUNT', W, 'x', 'y'],
          ['BITPOS', W, '1'],
          ['BITPOS', W, '2'],
          ['BITOP', 'AND', 'w:d', 'w:none', W],
          ['BITOP', 'NOT', 'w:d', W],
          ['BITOP', 'FOO', 'w:d', W],
          ['BITFIELD', W, 'GET', 'u8', '0'],
          ['BITFIELD', W, 'SET', 'u8', '0', '1'],
          ['BITFIELD', W, 'GET', 'u99', '0'],
          ['BITFIELD', W],
          ['BITFIELD_RO', W, 'GET', 'u8', '0'],
          ['BITFIELD_RO', W, 'SET', 'u8', '0', '1'],
        ];
        for (const c of cmds) await e.session.same(c);
        // BITOP's destination is overwritten whatever its type.
        await e.session.script([['SET', 'w:s', 'ab'], ['BITOP', 'OR', W, 'w:s'], ['GET', W]]);
      });
    },
    { resp3 },
  );
}
