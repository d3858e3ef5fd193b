/**
 * Time to live commands against redis-server: EXPIRE, PEXPIRE, EXPIREAT,
 * PEXPIREAT with NX|XX|GT|LT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST.
 * Remaining times count down between the two servers' replies, so those
 * compare within a tolerance.
 */
import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';

const far = String(Math.floor(Date.now() / 1000) + 100000);
const farMs = String(Date.now() + 100000000);

for (const resp3 of [false, true]) {
  diffSuite(`expire commands (RESP${resp3 ? 3 : 2})`, (env) => {
    test('setting TTLs and reading them back', async () => {
      const s = env().session;
      await s.script([['SET', 'a', '1'], ['TTL', 'a'], ['PTTL', 'a'], ['EXPIRETIME', 'a'], ['PEXPIRETIME', 'a'], ['TTL', 'nope'], ['PTTL', 'nope'], ['EXPIRETIME', 'nope'], ['PEXPIRETIME', 'nope']]);
      await s.same(['EXPIRE', 'a', '100']);
      await s.same(['TTL', 'a']);
      await s.same(['PTTL', 'a'], { approx: 200 });
      await s.same(['PEXPIRE', 'a', '50000']);
      await s.same(['PTTL', 'a'], { approx: 200 });
      await s.same(['TTL', 'a']);
      await s.same(['EXPIREAT', 'a', far]);
      await s.same(['EXPIRETIME', 'a']);
      await s.same(['PEXPIRETIME', 'a']);
      await s.same(['TTL', 'a'], { approx: 1 });
      await s.same(['PEXPIREAT', 'a', farMs]);
      await s.same(['PEXPIRETIME', 'a']);
      await s.same(['EXPIRETIME', 'a']);
      await s.same(['PEXPIREAT', 'a', '9999999999999']);
      await s.same(['PEXPIRETIME', 'a']);
      await s.same(['EXPIRETIME', 'a']);
      await s.script([['PERSIST', 'a'], ['PERSIST', 'a'], ['PERSIST', 'nope'], ['TTL', 'a'], ['EXPIRE', 'nope', '10'], ['PEXPIRE', 'nope', '10']]);
    });

    test('NX, XX, GT, LT and their combinations', async () => {
      const s = env().session;
      await s.script([
        ['SET', 'a', '1'],
        ['EXPIRE', 'a', '100', 'XX'],
        ['EXPIRE', 'a', '100', 'GT'],
        ['EXPIRE', 'a', '100', 'LT'],
        ['PERSIST', 'a'],
        ['EXPIRE', 'a', '100', 'NX'],
        ['EXPIRE', 'a', '100', 'NX'],
        ['EXPIRE', 'a', '200', 'XX'],
        ['EXPIRE', 'a', '100', 'GT'],
        ['EXPIRE', 'a', '300', 'GT'],
        ['EXPIRE', 'a', '400', 'LT'],
        ['EXPIRE', 'a', '50', 'LT'],
        ['TTL', 'a'],
        ['EXPIRE', 'a', '50', 'xx', 'lt'],
        ['EXPIRE', 'a', '500', 'XX', 'GT'],
        ['EXPIRE', 'a', '10', 'NX', 'XX'],
        ['EXPIRE', 'a', '10', 'NX', 'GT'],
        ['EXPIRE', 'a', '10', 'NX', 'LT'],
        ['EXPIRE', 'a', '10', 'GT', 'LT'],
        ['EXPIRE', 'a', '10', 'FOO'],
        ['EXPIRE', 'a', '10', 'NX', 'FOO'],
        ['EXPIRE', 'a', 'x', 'NX', 'XX'],
        ['EXPIRE', 'a', 'x', 'FOO'],
        ['PEXPIRE', 'a', '10', 'GT', 'LT'],
        ['EXPIREAT', 'a', '10', 'BAR'],
        ['PEXPIREAT', 'a', '10', 'NX', 'XX'],
        ['SET', 'b', '1'],
        ['EXPIRE', 'b', '-10', 'LT'],
        ['EXISTS', 'b'],
        ['SET', 'c', '1'],
        ['EXPIRE', 'c', '-10', 'GT'],
        ['EXISTS', 'c'],
        ['EXPIRE', 'nope', '10', 'NX'],
        ['EXPIRE', 'a', '10', 'nx', 'nx'],
      ]);
    });

    test('deadlines in the past delete the key', async () => {
      await env().session.script([
        ['SET', 'a', '1'],
        ['EXPIRE', 'a', '0'],
        ['EXISTS', 'a'],
        ['SET', 'a', '1'],
        ['EXPIRE', 'a', '-100'],
        ['EXISTS', 'a'],
        ['SET', 'a', '1'],
        ['PEXPIREAT', 'a', '1'],
        ['EXISTS', 'a'],
        ['SET', 'a', '1'],
        ['EXPIREAT', 'a', '-9223372036854775'],
        ['EXISTS', 'a'],
        ['RPUSH', 'l', 'x'],
        ['PEXPIRE', 'l', '0'],
        ['EXISTS', 'l'],
      ]);
    });

    test('argument errors and overflow', async () => {
      await env().session.script([
        ['SET', 'a', '1'],
        ['EXPIRE', 'a', 'x'],
        ['EXPIRE', 'a', '1.5'],
        ['EXPIRE', 'a', ''],
        ['EXPIRE', 'a', '9223372036854775807'],
        ['EXPIRE', 'a', '9223372036854776'],
        ['EXPIRE', 'a', '-9223372036854776'],
        ['EXPIRE', 'a', '9223372036854775808'],
        ['PEXPIRE', 'a', '9223372036854775807'],
        ['PEXPIRE', 'a', '-9223372036854775808'],
        ['EXPIREAT', 'a', '9223372036854776'],
        ['EXPIREAT', 'a', '-9223372036854776'],
        ['EXPIRE', 'nope', '9223372036854775807'],
        ['EXPIRE', 'nope', 'x'],
        ['EXPIRE', 'a'],
        ['TTL'],
        ['TTL', 'a', 'b'],
        ['PERSIST'],
        ['EXPIRETIME', 'a', 'b'],
        ['EXISTS', 'a'],
      ]);
    });

    test('TTL of keys that have just expired', async () => {
      const s = env().session;
      await s.script([['SET', 'a', '1', 'PX', '1'], ['SET', 'b', '1', 'PX', '1']]);
      await new Promise((r) => setTimeout(r, 20));
      await s.script([['TTL', 'a'], ['PTTL', 'b'], ['PERSIST', 'a'], ['EXPIRE', 'b', '100']]);
    });

    test('command declarations match', async () => {
      const s = env().session;
      for (const name of ['expire', 'pexpire', 'expireat', 'pexpireat', 'ttl', 'pttl', 'expiretime', 'pexpiretime', 'persist']) await s.same(['COMMAND', 'INFO', name]);
    });
  }, { resp3 });
}
