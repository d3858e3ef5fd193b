/**
 * String values kept in the off-heap store change owners when keys are
 * renamed, moved, copied, swapped, overwritten and deleted. A slot freed
 * too early or never freed shows up here as a wrong value (another key's
 * bytes, or the empty string a released object is left with), compared
 * with what redis-server holds after the same commands.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';
import type { Arg } from '../helpers/diff.js';
import { decode } from '../helpers/resp.js';
import { storeUsedBytes } from '../../src/types/stringstore.js';
import { seededInts } from '../helpers/random.js';

const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];

diffSuite('string values across key moves (differential)', (env) => {
  test('seeded random writes, moves and deletions leave the same values as Redis', async () => {
    const s = env().session;
    const ri = seededInts(4242);
    const key = () => KEYS[ri(KEYS.length)];
    const value = (): Arg => {
      const kind = ri(6);
      if (kind === 0) return String(ri(2000) - 1000);
      if (kind === 1) return '';
      // Lengths around the store's size classes and its limit (510), every byte value.
      const n = [1, 14, 15, 44, 45, 62, 63, 64, 78, 300, 509, 510, 511, 600][ri(14)];
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = ri(256);
      return b;
    };
    for (let step = 0; step < 600; step++) {
      const op = ri(22);
      const a = key();
      const b = key();
      let cmd: Arg[];
      if (op < 4) cmd = ['SET', a, value()];
      else if (op === 4) cmd = ['MSET', a, value(), b, value()];
      else if (op === 5) cmd = ['SET', a, value(), 'GET'];
      else if (op === 6) cmd = ['GETSET', a, value()];
      else if (op === 7) cmd = ['APPEND', a, value()];
      else if (op === 8) cmd = ['SETRANGE', a, String(ri(20)), value()];
      else if (op === 9) cmd = ['INCRBY', a, String(ri(100))];
      else if (op === 10) cmd = ['GETDEL', a];
      else if (op === 11) cmd = ['DEL', a, b];
      else if (op === 12) cmd = ['RENAME', a, b];
      else if (op === 13) cmd = ['RENAMENX', a, b];
      else if (op === 14) cmd = ['MOVE', a, '1'];
      else if (op === 15) cmd = ['COPY', a, b, ...(ri(2) ? ['REPLACE'] : [])];
      else if (op === 16) cmd = ['COPY', a, a, 'DB', '1', 'REPLACE'];
      else if (op === 17) cmd = ['SWAPDB', '0', '1'];
      else if (op === 18) cmd = ['RPUSH', a, 'x'];
      else if (op === 19) cmd = ['PEXPIRE', a, '0'];
      else if (op === 20) cmd = ['SETBIT', a, String(ri(600)), String(ri(2))];
      else cmd = ri(10) === 0 ? ['FLUSHDB'] : ['SETNX', a, value()];
      // WRONGTYPE and ERR replies must match too.
      await s.same(cmd);
      await s.same(['MGET', ...KEYS]);
      if (ri(4) === 0) await s.same(['OBJECT', 'ENCODING', a]);
      if (ri(8) === 0) {
        await s.same(['SELECT', '1']);
        await s.same(['MGET', ...KEYS]);
        await s.same(['SELECT', '0']);
      }
    }
  });

  test('seeded random changes to big hashes leave the same fields and values as Redis', async () => {
    const s = env().session;
    const ri = seededInts(777);
    const hkeys = ['h0', 'h1', 'h2'];
    const fields = Array.from({ length: 12 }, (_, i) => `f${i}`);
    const value = (): Arg => {
      const n = [1, 15, 64, 65, 200, 510, 511, 700][ri(8)];
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = ri(256);
      return b;
    };
    // A value over hash-max-listpack-value (64) makes each hash a hashtable from the start.
    for (const h of hkeys) await s.same(['HSET', h, 'big', 'B'.repeat(100)]);
    for (let step = 0; step < 500; step++) {
      const op = ri(14);
      const a = hkeys[ri(3)];
      const b = hkeys[ri(3)];
      const f = fields[ri(fields.length)];
      let cmd: Arg[];
      if (op < 5) cmd = ['HSET', a, f, value(), fields[ri(fields.length)], value()];
      else if (op === 5) cmd = ['HDEL', a, f, fields[ri(fields.length)]];
      else if (op === 6) cmd = ['HINCRBY', a, f, String(ri(50))];
      else if (op === 7) cmd = ['HSETNX', a, f, value()];
      else if (op === 8) cmd = ['COPY', a, b, 'REPLACE'];
      else if (op === 9) cmd = ['RENAME', a, b];
      else if (op === 10) cmd = ['MOVE', a, '1'];
      else if (op === 11) cmd = ri(3) === 0 ? ['DEL', a] : ['SET', a, value()];
      else if (op === 12) cmd = ['SWAPDB', '0', '1'];
      else cmd = ['HSET', a, 'big', 'B'.repeat(100)];
      await s.same(cmd);
      for (const h of hkeys) {
        await s.same(['HMGET', h, 'big', ...fields]);
        await s.same(['HLEN', h]);
      }
      if (ri(6) === 0) await s.same(['HSTRLEN', a, f]);
    }
  });

  test('a flush gives every stored value back', async () => {
    const s = env().session;
    await s.same(['FLUSHALL']);
    const before = storeUsedBytes();
    for (let i = 0; i < 300; i++) await s.same(['SET', `f:${i}`, 'v'.repeat(1 + (i % 200))]);
    for (let i = 0; i < 3; i++) await s.same(['HSET', 'fh', `x${i}`, 'w'.repeat(90 + i), 'small', 'v']);
    await s.same(['COPY', 'fh', 'fh:copy']);
    await s.same(['HDEL', 'fh', 'x0']);
    await s.same(['HSET', 'fh', 'x1', 'short now']);
    // A restored object dropped at once (its deadline is past) gives its values back too.
    const [payload] = await s.both('DUMP', 'fh');
    const dumped = decode(payload)[0] as Buffer | string;
    await s.same(['RESTORE', 'fh:dead', '1', Buffer.isBuffer(dumped) ? dumped : Buffer.from(dumped, 'latin1'), 'ABSTTL']);
    await s.same(['COPY', 'f:1', 'f:copy']);
    await s.same(['MOVE', 'f:2', '3']);
    assert.ok(storeUsedBytes() > before);
    await s.same(['FLUSHALL']);
    assert.equal(storeUsedBytes(), before);
  });
});
