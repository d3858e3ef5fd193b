/**
 * Arguments are bytes, whatever they look like as text: every byte value
 * survives a round trip through keys, values, fields and members, and
 * messages that quote an argument (unknown command, bad subcommand) quote
 * its UTF-8 as Redis does.
 */
import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const HIGH = Buffer.from([0xc3, 0xa9, 0xff, 0x00, 0x80, 0x0d, 0x0a]);
const UTF8 = Buffer.from('clé-ключ-键', 'utf8');

for (const resp3 of [false, true]) {
  diffSuite(`binary-safe arguments (RESP${resp3 ? 3 : 2})`, (env) => {
    test('every byte value as key, value, field and member', async () => {
      await env().session.script([
        ['SET', ALL_BYTES, ALL_BYTES],
        ['GET', ALL_BYTES],
        ['STRLEN', ALL_BYTES],
        ['APPEND', ALL_BYTES, HIGH],
        ['GETRANGE', ALL_BYTES, '250', '-1'],
        ['SETRANGE', ALL_BYTES, '1', HIGH],
        ['GET', ALL_BYTES],
        ['ECHO', HIGH],
        ['HSET', HIGH, ALL_BYTES, HIGH, UTF8, UTF8],
        ['HGET', HIGH, ALL_BYTES],
        ['HMGET', HIGH, UTF8, ALL_BYTES, 'missing'],
        ['RPUSH', UTF8, HIGH, ALL_BYTES],
        ['LRANGE', UTF8, '0', '-1'],
        ['LPOS', UTF8, ALL_BYTES],
        ['SADD', 'bset', HIGH, UTF8],
        ['SISMEMBER', 'bset', HIGH],
        ['ZADD', 'bz', '1', HIGH, '2', UTF8],
        ['ZRANGEBYLEX', 'bz', Buffer.concat([Buffer.from('['), HIGH]), '+'],
        ['ZSCORE', 'bz', UTF8],
        ['EXISTS', ALL_BYTES, HIGH, UTF8],
        ['DEL', ALL_BYTES, HIGH, UTF8, 'bset', 'bz'],
      ]);
    });
    test('quoted arguments in errors', async () => {
      await env().session.script([
        [UTF8, 'x'],
        ['GET', UTF8, UTF8],
        ['CONFIG', UTF8],
        ['OBJECT', HIGH],
        ['SET', 'k', 'v', UTF8],
        ['CLIENT', 'SETNAME', UTF8],
        ['CLIENT', 'SETNAME', HIGH],
      ]);
    });
  }, { resp3 });
}
