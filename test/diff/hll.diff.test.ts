/**
 * HyperLogLog against redis-server. Besides the replies, the values
 * themselves are compared: after the same inserts both servers must hold
 * the same bytes (GET), sparse or dense, cached cardinality included, and a
 * value made by one server must keep working in the other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSuite, type Arg, type DiffSession } from '../helpers/diff.js';
import { seededInts } from '../helpers/random.js';
import { hashPattern, HLL_DENSE_SIZE } from '../../src/types/hll.js';

const HDR = (encoding: number, cache = [0, 0, 0, 0, 0, 0, 0, 0]) => Buffer.from([0x48, 0x59, 0x4c, 0x4c, encoding, 0, 0, 0, ...cache]);
const STALE = [0, 0, 0, 0, 0, 0, 0, 0x80];

/** Sparse opcodes: z(n) up to 64 zeros, Z(n) up to 16384, v(value, n) up to 4 registers of value up to 32. */
const z = (n: number) => [n - 1];
const Z = (n: number) => [0x40 | ((n - 1) >> 8), (n - 1) & 0xff];
const v = (value: number, n: number) => [0x80 | ((value - 1) << 2) | (n - 1)];
const sparse = (...ops: number[][]) => Buffer.concat([HDR(1, STALE), Buffer.from(ops.flat())]);

/** An ASCII element that goes to the given register (found by trying names in order). */
function elementFor(register: number, minCount = 1, from = 0): string {
  for (let i = from; ; i++) {
    const e = `r${register}:${i}`;
    const p = hashPattern(e);
    if (p >>> 6 === register && (p & 63) >= minCount) return e;
  }
}

/** Adds elements in random batches, comparing the replies and the value after each batch. */
async function growAndCompare(s: DiffSession, key: string, total: number, seed: number, every = 1): Promise<void> {
  const ri = seededInts(seed);
  let added = 0;
  let batch = 0;
  while (added < total) {
    const n = 1 + ri(12);
    const args: Arg[] = ['PFADD', key];
    for (let i = 0; i < n; i++) args.push(`e${seed}:${ri(1 << 30)}`);
    added += n;
    await s.same(args);
    if (++batch % every === 0) await s.same(['GET', key]);
    if (batch % 7 === 0) await s.same(['PFCOUNT', key]);
  }
  await s.same(['PFCOUNT', key]);
  await s.same(['GET', key]);
}

for (const resp3 of [false, true]) {
  diffSuite(
    `hyperloglog commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      const s = (): DiffSession => env().session;

      test('PFADD and PFCOUNT: replies, the created value, the cached cardinality', async () => {
        await s().script([
          ['PFADD', 'h'],
          ['GET', 'h'],
          ['PFADD', 'h'],
          ['PFCOUNT', 'h'],
          ['GET', 'h'],
          ['PFADD', 'h', 'a', 'b', 'c', 'a'],
          ['PFADD', 'h', 'a'],
          ['GET', 'h'],
          ['PFCOUNT', 'h'],
          ['GET', 'h'],
          ['PFCOUNT', 'h'],
          ['PFADD', 'h', 'd'],
          ['GET', 'h'],
          ['PFCOUNT', 'nokey'],
          ['PFADD', 'e', ''],
          ['PFADD', 'e', Buffer.from([0, 255, 128, 10, 13])],
          ['GET', 'e'],
          ['PFCOUNT', 'e'],
          ['TYPE', 'h'],
          ['OBJECT', 'ENCODING', 'h'],
          ['STRLEN', 'h'],
          ['EXISTS', 'nokey'],
        ]);
      });

      test('a sparse HLL growing until it turns dense, byte for byte after every insert', async () => {
        await growAndCompare(s(), 'h', 3500, 11);
        await s().same(['PFDEBUG', 'ENCODING', 'h']);
        await s().same(['STRLEN', 'h']);
      });

      test('a dense HLL filling up: registers, cache and the estimate at large cardinalities', async () => {
        const ri = seededInts(5);
        for (let round = 0; round < 40; round++) {
          const args: Arg[] = ['PFADD', 'big'];
          for (let i = 0; i < 2500; i++) args.push(`x${ri(1 << 30)}${ri(1 << 30)}`);
          await s().same(args);
          await s().same(['PFCOUNT', 'big']);
        }
        await s().same(['GET', 'big']);
      });

      test('hll-sparse-max-bytes decides when the value turns dense', async () => {
        for (const max of ['0', '1', '40', '200', '1000']) {
          await s().same(['CONFIG', 'SET', 'hll-sparse-max-bytes', max]);
          await growAndCompare(s(), `h${max}`, max === '1000' ? 600 : 150, Number(max) + 1);
          await s().same(['PFDEBUG', 'ENCODING', `h${max}`]);
        }
        await s().same(['CONFIG', 'SET', 'hll-sparse-max-bytes', '3000']);
      });

      test('sparse values with non-canonical opcodes are edited as Redis edits them', async () => {
        const cases: Buffer[] = [
          // A one-register XZERO (replaced by a shorter sequence), short zero runs, full value runs.
          sparse(Z(1), z(64), z(64), Z(16255)),
          sparse(v(3, 4), v(3, 4), v(3, 4), z(1), z(1), Z(16370)),
          sparse(z(10), v(1, 1), z(1), v(1, 1), Z(16371)),
          sparse(Z(64), Z(65), Z(16255)),
          sparse(v(32, 2), v(1, 3), v(2, 4), Z(16375)),
        ];
        const registers = [0, 1, 2, 5, 10, 11, 12, 13, 63, 64, 65, 128, 129, 130, 200, 16383];
        for (const [i, value] of cases.entries()) {
          await s().same(['SET', `c${i}`, value]);
          for (const r of registers) {
            for (const min of [1, 2, 3, 4]) {
              await s().same(['PFADD', `c${i}`, elementFor(r, min)]);
              await s().same(['GET', `c${i}`]);
            }
          }
          await s().same(['PFCOUNT', `c${i}`]);
          await s().same(['PFDEBUG', 'DECODE', `c${i}`]);
        }
      });

      test('PFCOUNT of several keys: the union, missing keys count as empty, nothing is cached', async () => {
        const ri = seededInts(23);
        const add = (key: string, n: number, tag: string) => {
          const args: Arg[] = ['PFADD', key];
          for (let i = 0; i < n; i++) args.push(`${tag}${ri(5000)}`);
          return s().same(args);
        };
        await add('a', 100, 'x');
        await add('b', 200, 'x');
        await add('d', 5000, 'y');
        await s().script([
          ['PFCOUNT', 'a', 'b'],
          ['PFCOUNT', 'a', 'nokey', 'b'],
          ['PFCOUNT', 'nokey', 'nokey2'],
          ['PFCOUNT', 'a', 'd'],
          ['PFCOUNT', 'd', 'a', 'b', 'a'],
          ['GET', 'a'],
          ['GET', 'd'],
          ['PFCOUNT', 'a', 'a'],
        ]);
      });

      test('PFMERGE: into a new key, into an existing one, sparse and dense sources', async () => {
        const ri = seededInts(31);
        const add = (key: string, n: number) => {
          const args: Arg[] = ['PFADD', key];
          for (let i = 0; i < n; i++) args.push(`m${ri(1e6)}`);
          return s().same(args);
        };
        await add('s1', 50);
        await add('s2', 80);
        await add('d1', 4000);
        await s().script([
          ['PFMERGE', 'new'],
          ['GET', 'new'],
          ['PFMERGE', 'm', 's1', 's2'],
          ['GET', 'm'],
          ['PFCOUNT', 'm'],
          ['PFMERGE', 'm', 's1'],
          ['GET', 'm'],
          ['PFMERGE', 's1', 's2', 'nokey'],
          ['GET', 's1'],
          ['PFMERGE', 'md', 's1', 'd1'],
          ['GET', 'md'],
          ['PFMERGE', 's2', 'd1'],
          ['GET', 's2'],
          ['PFMERGE', 'd1', 's1'],
          ['GET', 'd1'],
          ['PFCOUNT', 'md'],
          ['PFCOUNT', 's1', 's2', 'md'],
        ]);
        // A merge big enough to cross hll-sparse-max-bytes while the sparse target is written.
        for (let k = 0; k < 6; k++) await add(`p${k}`, 300);
        await s().same(['PFMERGE', 'all', 'p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
        await s().same(['GET', 'all']);
        await s().same(['PFDEBUG', 'ENCODING', 'all']);
      });

      test('PFDEBUG GETREG, DECODE, ENCODING, TODENSE', async () => {
        await s().script([
          ['PFADD', 'h', 'a', 'b', 'c', 'foo', 'bar'],
          ['PFDEBUG', 'DECODE', 'h'],
          ['PFDEBUG', 'encoding', 'h'],
          ['PFDEBUG', 'GETREG', 'h'],
          ['PFDEBUG', 'ENCODING', 'h'],
          ['GET', 'h'],
          ['PFDEBUG', 'DECODE', 'h'],
          ['PFADD', 'h2', 'x'],
          ['PFDEBUG', 'TODENSE', 'h2'],
          ['PFDEBUG', 'TODENSE', 'h2'],
          ['GET', 'h2'],
          ['PFDEBUG', 'NOPE', 'h2'],
          ['PFDEBUG', Buffer.from('getreg\0junk'), 'h2'],
          ['PFDEBUG', Buffer.from('odd\0junk'), 'h2'],
          ['PFDEBUG', 'NOPE', 'nokey'],
          ['PFDEBUG', 'GETREG', 'nokey'],
          ['PFDEBUG', 'GETREG'],
          ['PFDEBUG', 'GETREG', 'h', 'extra'],
          ['SET', 'str', 'not an hll'],
          ['PFDEBUG', 'ENCODING', 'str'],
          ['SET', 'empty', sparse()],
          ['PFDEBUG', 'DECODE', 'empty'],
        ]);
      });

      test('wrong types and values that are not HLLs', async () => {
        const dense = Buffer.concat([HDR(0), Buffer.alloc(HLL_DENSE_SIZE - 16)]);
        await s().script([
          ['RPUSH', 'list', 'a'],
          ['PFADD', 'list', 'a'],
          ['PFCOUNT', 'list'],
          ['PFCOUNT', 'nokey', 'list'],
          ['PFMERGE', 'list'],
          ['PFMERGE', 'dst', 'list'],
          ['EXISTS', 'dst'],
          ['PFDEBUG', 'GETREG', 'list'],
          ['SET', 'str', 'hello world, this is no HLL'],
          ['PFADD', 'str', 'a'],
          ['PFCOUNT', 'str'],
          ['PFCOUNT', 'str', 'str'],
          ['PFMERGE', 'str'],
          ['PFMERGE', 'dst', 'str'],
          ['SET', 'int', '1234567890123456789'],
          ['PFADD', 'int', 'a'],
          ['SET', 'short', 'HYLL'],
          ['PFADD', 'short'],
          ['SET', 'enc', Buffer.concat([HDR(2), Buffer.from([0x7f, 0xff])])],
          ['PFCOUNT', 'enc'],
          ['SET', 'dense-short', dense.subarray(0, dense.length - 1)],
          ['PFCOUNT', 'dense-short'],
          ['SET', 'dense-long', Buffer.concat([dense, Buffer.from([0])])],
          ['PFADD', 'dense-long', 'a'],
          ['SET', 'dense', dense],
          ['PFADD', 'dense', 'a', 'b'],
          ['PFCOUNT', 'dense'],
          ['GET', 'dense'],
          ['SET', 'magic', Buffer.concat([Buffer.from('HYLl'), Buffer.alloc(12), Buffer.from([0x7f, 0xff])])],
          ['PFCOUNT', 'magic'],
          ['PFADD'],
          ['PFCOUNT'],
          ['PFMERGE'],
          ['PFSELFTEST', 'x'],
        ]);
      });

      test('corrupted HLLs: INVALIDOBJ, and what was changed before the corruption was found', async () => {
        const tooFew = sparse(Z(16000));
        const tooMany = sparse(Z(16384), z(5));
        const overrun = sparse(Z(16382), v(5, 4));
        const r = elementFor(16100);
        await s().script([
          ['SET', 'few', tooFew],
          ['PFCOUNT', 'few'],
          ['PFCOUNT', 'few', 'nokey'],
          ['PFMERGE', 'dst', 'few'],
          ['EXISTS', 'dst'],
          ['PFADD', 'few', elementFor(10)],
          ['GET', 'few'],
          ['PFADD', 'few', elementFor(20), r, elementFor(30)],
          ['GET', 'few'],
          ['PFDEBUG', 'GETREG', 'few'],
          ['PFDEBUG', 'TODENSE', 'few'],
          ['PFDEBUG', 'DECODE', 'few'],
          ['SET', 'many', tooMany],
          ['PFADD', 'many', elementFor(100)],
          ['GET', 'many'],
          ['PFCOUNT', 'many'],
          ['PFCOUNT', 'many', 'few'],
          ['SET', 'over', overrun],
          ['PFCOUNT', 'over'],
          ['PFMERGE', 'over2', 'over'],
          ['PFDEBUG', 'TODENSE', 'over'],
          ['PFADD', 'over', elementFor(3)],
          ['GET', 'over'],
        ]);
      });

      test('dense registers beyond what the hash produces: the estimator and the reply at its limits', async () => {
        const all = (value: number) => {
          const b = Buffer.concat([HDR(0, STALE), Buffer.alloc(HLL_DENSE_SIZE - 16)]);
          // Four 6-bit registers of the same value in every three bytes.
          for (let p = 16; p < b.length; p += 3) {
            b[p] = value | ((value & 3) << 6);
            b[p + 1] = (value >> 2) | ((value & 15) << 4);
            b[p + 2] = (value >> 4) | (value << 2);
          }
          return b;
        };
        for (const value of [1, 20, 40, 50, 51, 52, 63]) {
          await s().same(['SET', `d${value}`, all(value)]);
          await s().same(['PFCOUNT', `d${value}`]);
          await s().same(['GET', `d${value}`]);
          await s().same(['PFCOUNT', `d${value}`]);
          await s().same(['PFCOUNT', `d${value}`, 'nokey']);
          await s().same(['PFMERGE', `m${value}`, `d${value}`]);
          await s().same(['GET', `m${value}`]);
        }
      });

      test('HLLs move between the servers: a value made by one is counted and extended by the other', async () => {
        const e = env();
        const ri = seededInts(41);
        for (const n of [5, 400, 6000]) {
          const key = `h${n}`;
          const args: Arg[] = ['PFADD', key];
          for (let i = 0; i < n; i++) args.push(`t${ri(1e9)}`);
          // Built in redis-server only, then copied into Mnemo.
          await e.session.redis.call(...args);
          const bytes = await e.session.redis.call('GET', key);
          const value = bytes.subarray(bytes.indexOf('\r\n') + 2, bytes.length - 2);
          await e.session.mnemo.call('SET', key, value);
          await s().same(['PFCOUNT', key]);
          await s().same(['PFADD', key, 'one more', 'and another']);
          await s().same(['GET', key]);
          // And the other way, through DUMP/RESTORE.
          await e.session.mnemo.call('PFADD', `m${key}`, ...args.slice(2));
          const dump = await e.session.mnemo.call('DUMP', `m${key}`);
          const payload = dump.subarray(dump.indexOf('\r\n') + 2, dump.length - 2);
          await e.session.redis.call('RESTORE', `m${key}`, '0', payload);
          await s().same(['GET', `m${key}`]);
          await s().same(['PFCOUNT', `m${key}`]);
          await s().same(['PFADD', `m${key}`, 'x']);
          await s().same(['GET', `m${key}`]);
          await s().same(['PFCOUNT', key, `m${key}`]);
        }
      });

      test('WATCH sees PFCOUNT caching the count, and the change counters agree', async () => {
        const e = env();
        const changes = async (): Promise<[number, number]> => {
          const [m, r] = await e.session.both('INFO', 'persistence');
          const get = (b: Buffer) => Number(/rdb_changes_since_last_save:(\d+)/.exec(b.toString())![1]);
          return [get(m), get(r)];
        };
        const deltas = async (cmd: Arg[]) => {
          const [m0, r0] = await changes();
          await s().same(cmd);
          const [m1, r1] = await changes();
          assert.equal(m1 - m0, r1 - r0, `changes counted for ${cmd.join(' ')}`);
        };
        await deltas(['PFADD', 'h', 'a', 'b', 'c']);
        await deltas(['PFADD', 'h2']);
        await deltas(['PFADD', 'h', 'a']);
        await deltas(['PFCOUNT', 'h']);
        await deltas(['PFCOUNT', 'h']);
        await deltas(['PFCOUNT', 'h', 'h2']);
        await deltas(['PFMERGE', 'h3', 'h']);
        await deltas(['PFDEBUG', 'TODENSE', 'h3']);
        await deltas(['PFDEBUG', 'TODENSE', 'h3']);
        await deltas(['PFDEBUG', 'GETREG', 'h2']);
        await deltas(['PFDEBUG', 'ENCODING', 'h']);
        await s().script([
          ['PFADD', 'w', 'x', 'y'],
          ['WATCH', 'w'],
          ['PFCOUNT', 'w'],
          ['MULTI'],
          ['PING'],
          ['EXEC'],
          ['WATCH', 'w'],
          ['PFCOUNT', 'w'],
          ['MULTI'],
          ['PING'],
          ['EXEC'],
        ]);
      });

      test('PFSELFTEST', async () => {
        await s().same(['PFSELFTEST']);
      });
    },
    { resp3 },
  );
}
