import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite, type Arg, type DiffSession } from '../helpers/diff.js';
import { decode, type Reply } from '../helpers/resp.js';

/** Runs each command on both servers, replies compared byte for byte. */
async function run(s: DiffSession, cmds: Arg[][]): Promise<void> {
  await s.script(cmds);
}

/** A zset "z" of members a..e scored 1..5, plus ties and a string key. */
const SETUP: Arg[][] = [
  ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e'],
  ['ZADD', 'ties', '0', 'b', '0', 'a', '0', 'c', '0', 'aa', '0', 'ab', '0', 'B', '0', ''],
  ['SET', 'str', 'x'],
];

/** The same sorted set as a big (skiplist) one: n members m0..m(n-1) scored i % 7. */
function bigZadd(key: string, n: number): Arg[] {
  const args: Arg[] = ['ZADD', key];
  for (let i = 0; i < n; i++) args.push(String(i % 7), `m${i}`);
  return args;
}

const ZSET_COMMANDS = (
  'zadd zincrby zrem zcard zscore zmscore zrank zrevrank zcount zlexcount zrange zrangebyscore zrevrange ' +
  'zrevrangebyscore zrangebylex zrevrangebylex zrangestore zremrangebyrank zremrangebyscore zremrangebylex zunion ' +
  'zinter zdiff zunionstore zinterstore zdiffstore zintercard zpopmin zpopmax zmpop bzpopmin bzpopmax bzmpop zrandmember zscan'
).split(' ');

/** Two replies are equal as multisets of members, or each reply has the same length. */
function sameMembers(m: Reply, r: Reply): void {
  assert.ok(Array.isArray(m) && Array.isArray(r));
  assert.equal(m.length, r.length);
}

for (const resp3 of [false, true]) {
  diffSuite(
    `sorted set commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('ZADD options, flags and errors', async () => {
        const s = env().session;
        await run(s, [
          ...SETUP,
          ['ZADD', 'z', 'NX', 'XX', '1', 'a'],
          ['ZADD', 'z', 'GT', 'LT', '1', 'a'],
          ['ZADD', 'z', 'GT', 'NX', '1', 'a'],
          ['ZADD', 'z', 'LT', 'NX', '1', 'a'],
          ['ZADD', 'z', 'INCR', '1', 'a', '2', 'b'],
          ['ZADD', 'z', '1'],
          ['ZADD', 'z', '1', 'a', '2'],
          ['ZADD', 'z', 'x', 'a'],
          ['ZADD', 'z', 'nan', 'a'],
          ['ZADD', 'z', '1e400', 'a'],
          ['ZADD', 'z', '1e-400', 'a'],
          ['ZADD', 'z', ' 1', 'a'],
          ['ZADD', 'z', '1 ', 'a'],
          ['ZADD', 'z', '', 'a'],
          ['ZADD', 'z', '-', 'a'],
          ['ZADD', 'z', '.', 'a'],
          ['ZADD', 'z', '-.', 'a'],
          ['ZADD', 'z', '1.2.3', 'a'],
          ['ZADD', 'z', '--1', 'a'],
          ['ZADD', 'z', '-.5', 'p1', '00', 'p2', '1.', 'p3', '+.5e1', 'p4', '0012.50', 'p5', '-0.0', 'p6'],
          ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
          ['ZADD', 'z', 'NX', 'CH'],
          ['ZADD', 'z', 'nx', '10', 'a', '10', 'new'],
          ['ZADD', 'z', 'xx', '10', 'a', '10', 'new2'],
          ['ZADD', 'z', 'xx', 'ch', '11', 'a', '10', 'new3'],
          ['ZADD', 'z', 'gt', 'ch', '0', 'b', '20', 'c', '1', 'gtnew'],
          ['ZADD', 'z', 'lt', 'ch', '0', 'b', '20', 'c'],
          ['ZADD', 'z', 'xx', 'gt', 'ch', '100', 'd'],
          ['ZADD', 'z', 'CH', '1', 'a', '2', 'b', '3', 'c'],
          ['ZADD', 'z', 'INCR', '2.5', 'a'],
          ['ZADD', 'z', 'INCR', 'inf', 'a'],
          ['ZADD', 'z', 'INCR', '-inf', 'a'],
          ['ZADD', 'z', 'XX', 'INCR', '1', 'missing'],
          ['ZADD', 'z', 'NX', 'INCR', '1', 'b'],
          ['ZADD', 'z', 'GT', 'INCR', '-1', 'b'],
          ['ZADD', 'z', 'LT', 'INCR', '-1', 'b'],
          ['ZADD', 'nokey', 'XX', '1', 'a'],
          ['ZADD', 'nokey', 'XX', 'INCR', '1', 'a'],
          ['EXISTS', 'nokey'],
          ['ZADD', 'str', '1', 'a'],
          ['ZADD', 'z', '1', 'dup', '2', 'dup', '3', 'dup'],
          ['ZSCORE', 'z', 'dup'],
          ['ZADD', 'z', '-0', 'negzero'],
          ['ZSCORE', 'z', 'negzero'],
          ['ZADD', 'z', '-0', 'a'],
          ['ZSCORE', 'z', 'a'],
          ['ZADD', 'z', 'INCR', '-0', 'negzero2'],
          ['ZADD', 'z', '0x10', 'hex', '+5', 'plus', '.5', 'dot', '1e3', 'exp', 'INFINITY', 'inf2'],
          ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
          ['ZADD', 'z', '0.1', 'x1', '1e300', 'x2', '123456789012345678', 'x3', '-1.5e-7', 'x4', '3.0000000000000004', 'x5'],
          ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
          ['ZCARD', 'z'],
        ]);
      });

      test('ZINCRBY', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZINCRBY', 'z', '1.5', 'a'],
          ['ZINCRBY', 'z', '-1.5', 'a'],
          ['ZINCRBY', 'z', '0', 'a'],
          ['ZINCRBY', 'new', '3', 'm'],
          ['ZINCRBY', 'z', 'x', 'a'],
          ['ZINCRBY', 'z', 'nx', 'a'],
          ['ZINCRBY', 'z', 'incr', 'a'],
          ['ZINCRBY', 'z', 'inf', 'b'],
          ['ZINCRBY', 'z', '-inf', 'b'],
          ['ZINCRBY', 'str', '1', 'a'],
          ['ZINCRBY', 'z', '1'],
          ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
        ]);
      });

      test('ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZREM', 'z', 'a', 'nope', 'a'],
          ['ZREM', 'z'],
          ['ZREM', 'nokey', 'a'],
          ['ZREM', 'str', 'a'],
          ['ZCARD', 'z'],
          ['ZCARD', 'nokey'],
          ['ZCARD', 'str'],
          ['ZCARD', 'z', 'x'],
          ['ZSCORE', 'z', 'b'],
          ['ZSCORE', 'z', 'nope'],
          ['ZSCORE', 'nokey', 'b'],
          ['ZSCORE', 'str', 'b'],
          ['ZMSCORE', 'z', 'b', 'nope', 'c'],
          ['ZMSCORE', 'nokey', 'a', 'b'],
          ['ZMSCORE', 'str', 'a'],
          ['ZMSCORE', 'z'],
          ['ZRANK', 'z', 'b'],
          ['ZRANK', 'z', 'nope'],
          ['ZRANK', 'nokey', 'a'],
          ['ZRANK', 'str', 'a'],
          ['ZRANK', 'z', 'b', 'WITHSCORE'],
          ['ZREVRANK', 'z', 'b'],
          ['ZREVRANK', 'z', 'e'],
          ['ZREVRANK', 'z', 'nope'],
          ['ZRANK', 'ties', ''],
          ['ZRANK', 'ties', 'B'],
          ['ZRANK', 'ties', 'c'],
          ['ZREM', 'z', 'b', 'c', 'd', 'e'],
          ['EXISTS', 'z'],
        ]);
      });

      test('ZCOUNT and ZLEXCOUNT ranges', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZCOUNT', 'z', '-inf', '+inf'],
          ['ZCOUNT', 'z', '(1', '(5'],
          ['ZCOUNT', 'z', '2', '2'],
          ['ZCOUNT', 'z', '(2', '2'],
          ['ZCOUNT', 'z', '5', '1'],
          ['ZCOUNT', 'z', 'x', '1'],
          ['ZCOUNT', 'z', '1', '(x'],
          ['ZCOUNT', 'z', '', ''],
          ['ZCOUNT', 'z', '(', '('],
          ['ZCOUNT', 'z', ' 1', '3'],
          ['ZCOUNT', 'z', '0x2', '0x4'],
          ['ZCOUNT', 'z', '1e400', '2'],
          ['ZCOUNT', 'z', '-1e400', '2'],
          ['ZCOUNT', 'z', 'nan', '2'],
          ['ZCOUNT', 'z', '(inf', 'inf'],
          ['ZCOUNT', 'nokey', '0', '1'],
          ['ZCOUNT', 'nokey', 'x', '1'],
          ['ZCOUNT', 'str', '0', '1'],
          ['ZLEXCOUNT', 'ties', '-', '+'],
          ['ZLEXCOUNT', 'ties', '[a', '[b'],
          ['ZLEXCOUNT', 'ties', '(a', '(b'],
          ['ZLEXCOUNT', 'ties', '[', '(a'],
          ['ZLEXCOUNT', 'ties', '+', '-'],
          ['ZLEXCOUNT', 'ties', '-', '-'],
          ['ZLEXCOUNT', 'ties', '+', '+'],
          ['ZLEXCOUNT', 'ties', 'a', 'b'],
          ['ZLEXCOUNT', 'ties', '[a', '++'],
          ['ZLEXCOUNT', 'ties', '', '+'],
          ['ZLEXCOUNT', 'nokey', '-', '+'],
          ['ZLEXCOUNT', 'str', '-', '+'],
          ['ZLEXCOUNT', 'str', 'x', '+'],
        ]);
      });

      test('ZRANGE by rank, negative and out-of-range indexes', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZRANGE', 'z', '0', '-1'],
          ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
          ['ZRANGE', 'z', '-2', '-1', 'withscores'],
          ['ZRANGE', 'z', '-100', '100'],
          ['ZRANGE', 'z', '3', '1'],
          ['ZRANGE', 'z', '5', '10'],
          ['ZRANGE', 'z', '0', '0', 'REV'],
          ['ZRANGE', 'z', '1', '3', 'REV', 'WITHSCORES'],
          ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'],
          ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '-1'],
          ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0'],
          ['ZRANGE', 'z', '0', '-1', 'REV', 'REV'],
          ['ZRANGE', 'z', '0', '-1', 'BYSCORE', 'BYLEX'],
          ['ZRANGE', 'z', 'a', '-1'],
          ['ZRANGE', 'z', '0', '1.5'],
          ['ZRANGE', 'z', '0', '-1', 'foo'],
          ['ZRANGE', 'z', '0', '-1', 'LIMIT', 'x', '1'],
          ['ZRANGE', 'nokey', '0', '-1'],
          ['ZRANGE', 'str', '0', '-1'],
          ['ZRANGE', 'str', 'x', '-1'],
          ['ZRANGE', 'ties', '0', '-1'],
          ['ZREVRANGE', 'z', '0', '1'],
          ['ZREVRANGE', 'z', '0', '-1', 'WITHSCORES'],
          ['ZREVRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'],
          ['ZREVRANGE', 'z', '0', '-1', 'REV'],
          ['ZREVRANGE', 'z', '0', '-1', 'BYSCORE'],
          ['ZRANGE', 'z', '0', '9223372036854775807'],
          ['ZRANGE', 'z', '-9223372036854775808', '0'],
          ['ZRANGE', 'z', '0', '9223372036854775808'],
        ]);
      });

      test('ZRANGE BYSCORE and BYLEX with REV and LIMIT; the old range commands', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZRANGE', 'z', '(1', '4', 'BYSCORE'],
          ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'WITHSCORES', 'LIMIT', '1', '2'],
          ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '-1', '2'],
          ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '1', '-5'],
          ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', '0'],
          ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '10', '1'],
          ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '4', '10'],
          ['ZRANGE', 'z', '(2', '(4', 'BYSCORE', 'REV'],
          ['ZRANGE', 'z', '(4', '(2', 'BYSCORE', 'REV'],
          ['ZRANGE', 'z', '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '1', '2', 'WITHSCORES'],
          ['ZRANGE', 'z', 'x', '1', 'BYSCORE'],
          ['ZRANGE', 'ties', '[a', '[b', 'BYLEX'],
          ['ZRANGE', 'ties', '-', '+', 'BYLEX', 'LIMIT', '2', '3'],
          ['ZRANGE', 'ties', '+', '-', 'BYLEX', 'REV'],
          ['ZRANGE', 'ties', '[b', '(a', 'BYLEX', 'REV', 'LIMIT', '0', '2'],
          ['ZRANGE', 'ties', '-', '+', 'BYLEX', 'WITHSCORES'],
          ['ZRANGE', 'ties', 'a', 'b', 'BYLEX'],
          ['ZRANGE', 'nokey', 'a', 'b', 'BYLEX'],
          ['ZRANGE', 'nokey', '(1', '2', 'BYSCORE'],
          ['ZRANGEBYSCORE', 'z', '-inf', '+inf'],
          ['ZRANGEBYSCORE', 'z', '2', '4', 'WITHSCORES'],
          ['ZRANGEBYSCORE', 'z', '2', '4', 'LIMIT', '1', '1', 'WITHSCORES'],
          ['ZRANGEBYSCORE', 'z', '2', '4', 'REV'],
          ['ZRANGEBYSCORE', 'z', '2', '4', 'BYLEX'],
          ['ZRANGEBYSCORE', 'z', 'x', '4'],
          ['ZRANGEBYSCORE', 'z', '2', '4', 'LIMIT', '1'],
          ['ZRANGEBYSCORE', 'str', '2', '4'],
          ['ZREVRANGEBYSCORE', 'z', '4', '2', 'WITHSCORES', 'LIMIT', '1', '1'],
          ['ZREVRANGEBYSCORE', 'z', '2', '4'],
          ['ZREVRANGEBYSCORE', 'z', '+inf', '(3'],
          ['ZRANGEBYLEX', 'ties', '-', '+'],
          ['ZRANGEBYLEX', 'ties', '[a', '(b', 'LIMIT', '1', '1'],
          ['ZRANGEBYLEX', 'ties', '-', '+', 'WITHSCORES'],
          ['ZRANGEBYLEX', 'ties', 'a', 'b'],
          ['ZREVRANGEBYLEX', 'ties', '+', '-'],
          ['ZREVRANGEBYLEX', 'ties', '(b', '[a'],
          ['ZREVRANGEBYLEX', 'ties', '+', '-', 'LIMIT', '1', '2'],
          ['ZREVRANGEBYLEX', 'str', '+', '-'],
        ]);
      });

      test('ZRANGESTORE', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZRANGESTORE', 'dst', 'z', '0', '2'],
          ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
          ['OBJECT', 'ENCODING', 'dst'],
          ['ZRANGESTORE', 'dst', 'z', '(1', '+inf', 'BYSCORE', 'REV', 'LIMIT', '0', '2'],
          ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
          ['ZRANGESTORE', 'dst', 'ties', '[a', '+', 'BYLEX'],
          ['ZRANGE', 'dst', '0', '-1'],
          ['ZRANGESTORE', 'dst', 'z', '0', '-1', 'WITHSCORES'],
          ['ZRANGESTORE', 'dst', 'ties', '-', '+', 'BYLEX', 'WITHSCORES'],
          ['ZRANGESTORE', 'dst', 'z', '0', '-1', 'LIMIT', '0', '1'],
          ['ZRANGESTORE', 'dst', 'z', '10', '20'],
          ['EXISTS', 'dst'],
          ['ZRANGESTORE', 'dst', 'nokey', '0', '-1'],
          ['ZRANGESTORE', 'dst', 'str', '0', '-1'],
          ['SET', 'sdst', 'v'],
          ['EXPIRE', 'sdst', '100'],
          ['ZRANGESTORE', 'sdst', 'z', '0', '0'],
          ['TYPE', 'sdst'],
          ['TTL', 'sdst'],
          ['ZRANGESTORE', 'z', 'z', '1', '2'],
          ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
          ['ZRANGESTORE', 'dst', 'z'],
        ]);
      });

      test('ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZREMRANGEBYRANK', 'z', '0', '0'],
          ['ZREMRANGEBYRANK', 'z', '-1', '-1'],
          ['ZREMRANGEBYRANK', 'z', '5', '10'],
          ['ZREMRANGEBYRANK', 'z', '2', '1'],
          ['ZREMRANGEBYRANK', 'z', 'x', '1'],
          ['ZRANGE', 'z', '0', '-1'],
          ['ZREMRANGEBYSCORE', 'z', '(2', '3'],
          ['ZREMRANGEBYSCORE', 'z', 'x', '3'],
          ['ZREMRANGEBYSCORE', 'z', '10', '20'],
          ['ZRANGE', 'z', '0', '-1'],
          ['ZREMRANGEBYLEX', 'ties', '[a', '(b'],
          ['ZREMRANGEBYLEX', 'ties', 'a', 'b'],
          ['ZRANGE', 'ties', '0', '-1'],
          ['ZREMRANGEBYLEX', 'ties', '-', '+'],
          ['EXISTS', 'ties'],
          ['ZREMRANGEBYRANK', 'z', '0', '-1'],
          ['EXISTS', 'z'],
          ['ZREMRANGEBYRANK', 'nokey', '0', '-1'],
          ['ZREMRANGEBYSCORE', 'nokey', 'x', '1'],
          ['ZREMRANGEBYSCORE', 'str', '0', '1'],
          ['ZREMRANGEBYLEX', 'str', '-', '+'],
          ['ZREMRANGEBYRANK', 'str', '0', '1'],
        ]);
      });

      test('ZUNION, ZINTER, ZDIFF and their STORE forms', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZADD', 'z2', '10', 'c', '20', 'd', '30', 'x'],
          ['ZUNION', '2', 'z', 'z2'],
          ['ZUNION', '2', 'z', 'z2', 'WITHSCORES'],
          ['ZUNION', '2', 'z', 'z2', 'WEIGHTS', '2', '0.5', 'WITHSCORES'],
          ['ZUNION', '2', 'z', 'z2', 'AGGREGATE', 'MIN', 'WITHSCORES'],
          ['ZUNION', '2', 'z', 'z2', 'AGGREGATE', 'max', 'WITHSCORES', 'WEIGHTS', '1', '-1'],
          ['ZUNION', '2', 'z', 'nokey', 'WITHSCORES'],
          ['ZUNION', '1', 'z', 'WEIGHTS', 'inf', 'WITHSCORES'],
          ['ZUNION', '2', 'z', 'z', 'WEIGHTS', 'inf', '-inf', 'WITHSCORES'],
          ['ZUNION', '1', 'z', 'WEIGHTS', '0', 'WITHSCORES'],
          ['ZINTER', '2', 'z', 'z2'],
          ['ZINTER', '2', 'z', 'z2', 'WITHSCORES'],
          ['ZINTER', '2', 'z', 'z', 'WITHSCORES'],
          ['ZINTER', '2', 'z', 'z2', 'AGGREGATE', 'MAX', 'WEIGHTS', '1', '2', 'WITHSCORES'],
          ['ZINTER', '2', 'z', 'nokey'],
          ['ZDIFF', '2', 'z', 'z2'],
          ['ZDIFF', '1', 'nokey'],
          ['ZUNION', '0', 'z'],
          ['ZUNION', '-1', 'z'],
          ['ZUNION', 'x', 'z'],
          ['ZUNION', '3', 'z', 'z2'],
          ['ZUNION', '1', 'z', 'WEIGHTS', 'x'],
          ['ZUNION', '1', 'z', 'WEIGHTS'],
          ['ZUNION', '2', 'z', 'z2', 'WEIGHTS', '1'],
          ['ZUNION', '1', 'z', 'AGGREGATE', 'foo'],
          ['ZUNION', '1', 'z', 'AGGREGATE'],
          ['ZUNION', '1', 'z', 'foo'],
          ['ZUNION', '2', 'z', 'str', 'WEIGHTS', 'x'],
          ['ZINTER', '1', 'z', 'WITHSCORES', 'foo'],
          ['ZDIFF', '1', 'z', 'WEIGHTS', '1'],
          ['ZDIFF', '1', 'z', 'AGGREGATE', 'SUM'],
          ['ZDIFF', '0', 'z'],
          ['ZINTER', '0', 'z'],
          ['ZUNIONSTORE', 'd', '2', 'z', 'z2'],
          ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
          ['OBJECT', 'ENCODING', 'd'],
          ['ZUNIONSTORE', 'd', '2', 'z', 'z2', 'WITHSCORES'],
          ['ZUNIONSTORE', 'd', '0', 'z'],
          ['ZUNIONSTORE', 'd', '-1', 'z'],
          ['ZUNIONSTORE', 'd', '2', 'z'],
          ['ZINTERSTORE', 'd', '2', 'z', 'z2', 'WEIGHTS', '1', '3'],
          ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
          ['ZINTERSTORE', 'd', '1', 'nokey'],
          ['EXISTS', 'd'],
          ['ZDIFFSTORE', 'd', '2', 'z', 'z2'],
          ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
          ['ZDIFFSTORE', 'd', '1', 'nokey'],
          ['EXISTS', 'd'],
          ['ZDIFFSTORE', 'd', '1', 'z', 'WEIGHTS', '1'],
          ['ZUNIONSTORE', 'z', '2', 'z', 'z2'],
          ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
          ['ZINTERSTORE', 'd', '2', 'z', 'str'],
          ['ZUNIONSTORE', 'str', '1', 'z2'],
          ['TYPE', 'str'],
        ]);
      });

      test('plain sets are inputs whose members score 1', async (t) => {
        const s = env().session;
        // The sets family lands separately; until Mnemo knows SADD there is nothing to compare.
        const probe = (await s.mnemo.cmd('SADD', 'probe', 'x')) as Reply;
        if (probe !== null && typeof probe === 'object' && 'error' in probe) return t.skip('SADD not available in Mnemo yet');
        await s.redis.cmd('SADD', 'probe', 'x');
        await run(s, [
          ...SETUP,
          ['ZADD', 'z2', '10', 'c', '20', 'd', '30', 'x'],
          ['SADD', 'set', 'a', 'x', 'y'],
          ['SADD', 'ints', '1', '2', '3'],
          ['ZUNION', '3', 'z', 'z2', 'set', 'WITHSCORES'],
          ['ZUNION', '2', 'set', 'ints', 'WEIGHTS', '2', '3', 'WITHSCORES'],
          ['ZINTER', '2', 'z', 'set', 'WITHSCORES'],
          ['ZINTER', '2', 'set', 'set', 'WITHSCORES'],
          ['ZDIFF', '3', 'z', 'z2', 'set', 'WITHSCORES'],
          ['ZDIFF', '2', 'set', 'z', 'WITHSCORES'],
          ['ZINTERCARD', '3', 'z', 'z2', 'set'],
          ['ZUNIONSTORE', 'd', '2', 'set', 'ints'],
          ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
          ['ZRANGE', 'set', '0', '-1'],
        ]);
      });

      test('set operations sum in Redis order and refuse NaN', async () => {
        await run(env().session, [
          ['ZADD', 'p', '0.1', 'm'],
          ['ZADD', 'q', '0.2', 'm', '1', 'q1'],
          ['ZADD', 'r', '0.3', 'm', '1', 'r1', '2', 'r2'],
          ['ZUNION', '3', 'r', 'q', 'p', 'WITHSCORES'],
          ['ZUNION', '3', 'p', 'q', 'r', 'WITHSCORES'],
          ['ZINTER', '3', 'r', 'p', 'q', 'WITHSCORES'],
          ['ZADD', 'i', 'inf', 'm', '-inf', 'n'],
          ['ZADD', 'j', '-inf', 'm', 'inf', 'n'],
          ['ZUNION', '2', 'i', 'j', 'WITHSCORES'],
          ['ZINTER', '2', 'i', 'j', 'WITHSCORES'],
          ['ZINTER', '2', 'i', 'j', 'AGGREGATE', 'MIN', 'WITHSCORES'],
          ['ZUNION', '2', 'i', 'j', 'WEIGHTS', '0', '0', 'WITHSCORES'],
        ]);
      });

      test('ZINTERCARD', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZADD', 'z2', '10', 'c', '20', 'd', '30', 'x'],
          ['ZINTERCARD', '2', 'z', 'z2'],
          ['ZINTERCARD', '2', 'z', 'z2', 'LIMIT', '1'],
          ['ZINTERCARD', '2', 'z', 'z2', 'LIMIT', '0'],
          ['ZINTERCARD', '1', 'nokey'],
          ['ZINTERCARD', '0', 'z'],
          ['ZINTERCARD', '2', 'z'],
          ['ZINTERCARD', '1', 'z', 'LIMIT', '-1'],
          ['ZINTERCARD', '1', 'z', 'LIMIT', 'x'],
          ['ZINTERCARD', '1', 'z', 'LIMIT'],
          ['ZINTERCARD', '1', 'z', 'WITHSCORES'],
          ['ZINTERCARD', '1', 'z', 'WEIGHTS', '1'],
          ['ZINTERCARD', '1', 'str'],
        ]);
      });

      test('ZPOPMIN, ZPOPMAX, ZMPOP', async () => {
        await run(env().session, [
          ...SETUP,
          ['ZPOPMIN', 'z'],
          ['ZPOPMAX', 'z'],
          ['ZPOPMIN', 'z', '1'],
          ['ZPOPMIN', 'z', '0'],
          ['ZPOPMIN', 'z', '-1'],
          ['ZPOPMIN', 'z', 'x'],
          ['ZPOPMIN', 'z', '1', '2'],
          ['ZPOPMAX', 'z', '10'],
          ['EXISTS', 'z'],
          ['ZPOPMIN', 'nokey'],
          ['ZPOPMIN', 'nokey', '2'],
          ['ZPOPMIN', 'str'],
          ['ZPOPMIN', 'str', '0'],
          ...SETUP,
          ['ZMPOP', '1', 'z', 'MIN'],
          ['ZMPOP', '2', 'nokey', 'z', 'max', 'COUNT', '2'],
          ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '100'],
          ['ZMPOP', '1', 'z', 'MIN'],
          ['ZMPOP', '2', 'nokey', 'str', 'MIN'],
          ['ZMPOP', '2', 'str', 'ties', 'MIN'],
          ['ZMPOP', '0', 'z', 'MIN'],
          ['ZMPOP', 'x', 'z', 'MIN'],
          ['ZMPOP', '1', 'z', 'foo'],
          ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '0'],
          ['ZMPOP', '1', 'z', 'MIN', 'COUNT', 'x'],
          ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '1', 'COUNT', '1'],
          ['ZMPOP', '1', 'z', 'MIN', 'COUNT'],
          ['ZMPOP', '2', 'z', 'MIN'],
          ['ZMPOP', '1', 'ties', 'MAX', 'COUNT', '2'],
        ]);
      });

      test('BZPOPMIN, BZPOPMAX, BZMPOP when something is there, and their errors', async () => {
        await run(env().session, [
          ...SETUP,
          ['BZPOPMIN', 'nokey', 'z', '0'],
          ['BZPOPMAX', 'z', '0'],
          ['BZPOPMIN', 'str', 'z', '0'],
          ['BZPOPMIN', 'nokey', 'str', '0'],
          ['BZPOPMIN', 'z', '-1'],
          ['BZPOPMIN', 'z', 'x'],
          ['BZMPOP', '0', '2', 'nokey', 'z', 'MIN', 'COUNT', '2'],
          ['BZMPOP', '0', '1', 'z', 'MAX'],
          ['BZMPOP', 'x', '1', 'z', 'MIN'],
          ['BZMPOP', '-1', '1', 'z', 'MIN'],
          ['BZMPOP', '0', '0', 'z', 'MIN'],
          ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '0'],
          ['BZMPOP', '0', '1', 'z', 'foo'],
          ['BZMPOP', '0', '1', 'str', 'MIN'],
          ['MULTI'],
          ['BZPOPMIN', 'nokey', '0'],
          ['BZMPOP', '0', '1', 'nokey', 'MIN'],
          ['BZPOPMAX', 'ties', '0'],
          ['EXEC'],
        ]);
      });

      test('ZRANDMEMBER', async () => {
        const s = env().session;
        await run(s, [
          ...SETUP,
          ['ZRANDMEMBER', 'nokey'],
          ['ZRANDMEMBER', 'nokey', '5'],
          ['ZRANDMEMBER', 'nokey', '5', 'WITHSCORES'],
          ['ZRANDMEMBER', 'str'],
          ['ZRANDMEMBER', 'str', '1'],
          ['ZRANDMEMBER', 'z', '0'],
          ['ZRANDMEMBER', 'z', '0', 'WITHSCORES'],
          ['ZRANDMEMBER', 'z', '10'],
          ['ZRANDMEMBER', 'z', '5', 'WITHSCORES'],
          ['ZRANDMEMBER', 'z', 'x'],
          ['ZRANDMEMBER', 'z', '1', 'WITHSCORES', 'x'],
          ['ZRANDMEMBER', 'z', '1', 'foo'],
          ['ZRANDMEMBER', 'z', '-9223372036854775808'],
          ['ZRANDMEMBER', 'z', '-9223372036854775807', 'WITHSCORES'],
          ['ZRANDMEMBER', 'z', '4611686018427387904', 'WITHSCORES'],
        ]);
        await s.same(['ZRANDMEMBER', 'z'], 'type');
        await s.same(['ZRANDMEMBER', 'z', '3'], sameMembers);
        await s.same(['ZRANDMEMBER', 'z', '3', 'WITHSCORES'], sameMembers);
        await s.same(['ZRANDMEMBER', 'z', '-7'], sameMembers);
        await s.same(['ZRANDMEMBER', 'z', '-7', 'WITHSCORES'], sameMembers);
        await s.same(['ZRANDMEMBER', 'z', '1'], sameMembers);
        await s.both(...bigZadd('big', 300));
        await s.same(['ZRANDMEMBER', 'big', '300'], (m, r) => assert.deepEqual(m, r));
        await s.same(['ZRANDMEMBER', 'big', '20'], sameMembers);
        await s.same(['ZRANDMEMBER', 'big', '200', 'WITHSCORES'], sameMembers);
        // Redis runs out of memory building such replies; Mnemo refuses them.
        assert.deepEqual(decode(await s.mnemo.call('ZRANDMEMBER', 'z', '-9223372036854775807'))[0], { error: 'ERR value is out of range' });
        const many = decode(await s.mnemo.call('ZRANDMEMBER', 'z', '-100000', 'WITHSCORES'))[0] as Reply[];
        assert.equal(many.length, resp3 ? 100000 : 200000);
        // Distinct members when the count is positive.
        const distinct = (await s.mnemo.cmd('ZRANDMEMBER', 'big', '150')) as string[];
        assert.equal(new Set(distinct).size, 150);
      });

      test('ZSCAN', async () => {
        const s = env().session;
        await run(s, [
          ...SETUP,
          ['ZSCAN', 'z', '0'],
          ['ZSCAN', 'z', '0', 'MATCH', '[a-c]'],
          ['ZSCAN', 'z', '0', 'MATCH', '*', 'COUNT', '1'],
          ['ZSCAN', 'z', '0', 'COUNT', '0'],
          ['ZSCAN', 'z', '0', 'COUNT', 'x'],
          ['ZSCAN', 'z', '0', 'TYPE', 'zset'],
          ['ZSCAN', 'z', '0', 'MATCH'],
          ['ZSCAN', 'z', 'x'],
          ['ZSCAN', 'nokey', '0'],
          ['ZSCAN', 'nokey', 'x'],
          ['ZSCAN', 'str', '0'],
          ['ZADD', 'f', '0.1', 'x', 'inf', 'y', '-inf', 'w', '1e300', 'v'],
          ['ZSCAN', 'f', '0'],
        ]);
        await s.both(...bigZadd('big', 200));
        for (const server of [s.mnemo, s.redis]) {
          const seen = new Map<string, string>();
          let cursor = '0';
          do {
            const [next, items] = (await server.cmd('ZSCAN', 'big', cursor, 'COUNT', '17')) as [string, string[]];
            for (let i = 0; i < items.length; i += 2) seen.set(items[i], items[i + 1]);
            cursor = next;
          } while (cursor !== '0');
          assert.equal(seen.size, 200);
          assert.equal(seen.get('m13'), '6');
        }
      });

      test('encodings follow Redis conversions', async () => {
        const s = env().session;
        await run(s, [
          ['ZADD', 'small', '1', 'a'],
          ['OBJECT', 'ENCODING', 'small'],
          ['ZADD', 'long', '1', 'x'.repeat(65)],
          ['OBJECT', 'ENCODING', 'long'],
          ['ZADD', 'grow', '1', 'a'],
          ['ZADD', 'grow', '1', 'y'.repeat(65)],
          ['OBJECT', 'ENCODING', 'grow'],
          ['ZREM', 'grow', 'y'.repeat(65)],
          ['OBJECT', 'ENCODING', 'grow'],
          ['ZUNIONSTORE', 'back', '1', 'grow'],
          ['OBJECT', 'ENCODING', 'back'],
          bigZadd('big', 129),
          ['OBJECT', 'ENCODING', 'big'],
          ['ZRANGESTORE', 'part', 'big', '0', '127'],
          ['OBJECT', 'ENCODING', 'part'],
          ['ZRANGESTORE', 'part', 'big', '0', '128'],
          ['OBJECT', 'ENCODING', 'part'],
          ['ZRANGESTORE', 'part', 'big', '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', '128'],
          ['OBJECT', 'ENCODING', 'part'],
          ['ZPOPMIN', 'big'],
          ['OBJECT', 'ENCODING', 'big'],
          ['ZDIFFSTORE', 'd', '1', 'big'],
          ['OBJECT', 'ENCODING', 'd'],
          ['ZINTERSTORE', 'd', '1', 'big'],
          ['OBJECT', 'ENCODING', 'd'],
          ['ZADD', 'big', '-0', 'negzero'],
          ['ZSCORE', 'big', 'negzero'],
          ['ZSCORE', 'd', 'm0'],
          ['ZADD', 'small', '-0', 'negzero'],
          ['ZSCORE', 'small', 'negzero'],
        ]);
      });

      test('encoding limits from the configuration', async () => {
        const s = env().session;
        try {
          await run(s, [
            ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'],
            ['ZADD', 'a', '1', 'x'],
            ['OBJECT', 'ENCODING', 'a'],
            ['ZINCRBY', 'b', '1', 'x'],
            ['OBJECT', 'ENCODING', 'b'],
            ['CONFIG', 'SET', 'zset-max-listpack-entries', '2'],
            ['CONFIG', 'SET', 'zset-max-listpack-value', '3'],
            ['ZADD', 'c', '1', 'x', '2', 'y'],
            ['OBJECT', 'ENCODING', 'c'],
            ['ZADD', 'c', '3', 'z'],
            ['OBJECT', 'ENCODING', 'c'],
            ['ZADD', 'd', '1', 'abc'],
            ['OBJECT', 'ENCODING', 'd'],
            ['ZADD', 'd', '1', 'abcd'],
            ['OBJECT', 'ENCODING', 'd'],
            ['ZADD', 'e', '1', 'abcd', '2', 'a'],
            ['OBJECT', 'ENCODING', 'e'],
            ['ZRANGESTORE', 'f', 'c', '0', '1'],
            ['OBJECT', 'ENCODING', 'f'],
            ['ZUNIONSTORE', 'g', '1', 'e'],
            ['OBJECT', 'ENCODING', 'g'],
          ]);
        } finally {
          await s.both('CONFIG', 'SET', 'zset-max-listpack-entries', '128');
          await s.both('CONFIG', 'SET', 'zset-max-listpack-value', '64');
        }
      });

      test('binary members order by bytes', async () => {
        const b = (...bytes: number[]) => Buffer.from(bytes);
        await run(env().session, [
          ['ZADD', 'bin', '0', b(0xff), '0', b(0x00), '0', 'a', '0', b(0x80, 0x00), '0', b(0x7f)],
          ['ZRANGE', 'bin', '0', '-1'],
          ['ZRANGEBYLEX', 'bin', Buffer.concat([Buffer.from('['), b(0x00)]), Buffer.concat([Buffer.from('('), b(0xff)])],
          ['ZLEXCOUNT', 'bin', Buffer.concat([Buffer.from('('), b(0x7f)]), '+'],
          ['ZRANK', 'bin', b(0x80, 0x00)],
          ['ZSCORE', 'bin', b(0xff)],
          ['ZREM', 'bin', b(0x00)],
          ['ZSCAN', 'bin', '0'],
        ]);
      });

      test('big sets: ranks, ranges and removals agree with Redis', async () => {
        const s = env().session;
        await run(s, [
          bigZadd('big', 2000),
          ['ZRANK', 'big', 'm1000'],
          ['ZREVRANK', 'big', 'm1000'],
          ['ZRANGE', 'big', '990', '1010', 'WITHSCORES'],
          ['ZRANGE', 'big', '-5', '-1', 'REV'],
          ['ZRANGE', 'big', '(2', '3', 'BYSCORE', 'LIMIT', '100', '5', 'WITHSCORES'],
          ['ZRANGE', 'big', '5', '(3', 'BYSCORE', 'REV', 'LIMIT', '200', '4'],
          ['ZCOUNT', 'big', '(1', '5'],
          ['ZREMRANGEBYSCORE', 'big', '3', '3'],
          ['ZREMRANGEBYRANK', 'big', '100', '499'],
          ['ZCARD', 'big'],
          ['ZRANK', 'big', 'm1999'],
          ['ZRANGE', 'big', '500', '520'],
          ['ZPOPMAX', 'big', '3'],
          ['ZMPOP', '1', 'big', 'MIN', 'COUNT', '3'],
          ['ZINTERCARD', '2', 'big', 'big', 'LIMIT', '10'],
          ['ZREMRANGEBYRANK', 'big', '0', '-1'],
          ['EXISTS', 'big'],
        ]);
      });

      test('every command refuses a key of another type, and too few arguments', async () => {
        await run(env().session, [
          ['SET', 'str', 'x'],
          ['ZADD', 'z', '1', 'a'],
          ['ZADD', 'str', '1', 'a'],
          ['ZINCRBY', 'str', '1', 'a'],
          ['ZREM', 'str', 'a'],
          ['ZCARD', 'str'],
          ['ZSCORE', 'str', 'a'],
          ['ZMSCORE', 'str', 'a'],
          ['ZRANK', 'str', 'a'],
          ['ZREVRANK', 'str', 'a'],
          ['ZCOUNT', 'str', '0', '1'],
          ['ZLEXCOUNT', 'str', '-', '+'],
          ['ZRANGE', 'str', '0', '1'],
          ['ZRANGEBYSCORE', 'str', '0', '1'],
          ['ZREVRANGE', 'str', '0', '1'],
          ['ZREVRANGEBYSCORE', 'str', '1', '0'],
          ['ZRANGEBYLEX', 'str', '-', '+'],
          ['ZREVRANGEBYLEX', 'str', '+', '-'],
          ['ZRANGESTORE', 'd', 'str', '0', '1'],
          ['ZREMRANGEBYRANK', 'str', '0', '1'],
          ['ZREMRANGEBYSCORE', 'str', '0', '1'],
          ['ZREMRANGEBYLEX', 'str', '-', '+'],
          ['ZUNION', '2', 'z', 'str'],
          ['ZINTER', '2', 'z', 'str'],
          ['ZINTER', '2', 'nokey', 'str'],
          ['ZDIFF', '2', 'z', 'str'],
          ['ZUNIONSTORE', 'd', '2', 'z', 'str'],
          ['ZINTERSTORE', 'd', '2', 'str', 'z'],
          ['ZDIFFSTORE', 'd', '2', 'z', 'str'],
          ['ZINTERCARD', '2', 'z', 'str'],
          ['ZPOPMIN', 'str'],
          ['ZPOPMAX', 'str', '2'],
          ['ZMPOP', '1', 'str', 'MAX'],
          ['BZPOPMIN', 'str', '0'],
          ['BZPOPMAX', 'str', '0'],
          ['BZMPOP', '0', '1', 'str', 'MAX'],
          ['ZRANDMEMBER', 'str'],
          ['ZRANDMEMBER', 'str', '2', 'WITHSCORES'],
          ['ZSCAN', 'str', '0'],
          ...ZSET_COMMANDS.map((name) => [name]),
          ['ZADD', 'k', '1'],
          ['ZINCRBY', 'k', '1'],
          ['ZRANGE', 'k', '0'],
          ['ZRANGESTORE', 'd', 'k', '0'],
          ['ZUNIONSTORE', 'd', '1'],
          ['ZMPOP', '1', 'k'],
          ['BZMPOP', '0', '1', 'k'],
          ['BZPOPMIN', 'k'],
          ['ZSCAN', 'k'],
        ]);
      });

      test('COMMAND INFO, DOCS and GETKEYS describe the family as Redis does', async () => {
        const s = env().session;
        for (const name of ZSET_COMMANDS) await s.same(['COMMAND', 'INFO', name]);
        // Summaries and history notes are our own words; every other fact must match.
        const facts = (r: Reply): unknown =>
          JSON.parse(
            JSON.stringify(r, (k, v) => (typeof v === 'bigint' ? String(v) : v)),
            (_k, v) => {
              if (Array.isArray(v) && v.length === 2 && (v[0] === 'summary' || v[0] === 'replaced_by')) return undefined;
              return v;
            },
          );
        for (const name of ZSET_COMMANDS) {
          await s.same(['COMMAND', 'DOCS', name], (m, r) => {
            const strip = (x: Reply) => {
              const t = JSON.stringify(facts(x));
              // History entries: keep the versions, drop the prose.
              return t.replace(/\["(\d+\.\d+\.\d+)","[^"]*"\]/g, '["$1"]').replace(/"summary",("[^"]*"|\{[^}]*\}),?/g, '');
            };
            assert.equal(strip(m), strip(r), `COMMAND DOCS ${name}`);
          });
        }
        await s.script([
          ['COMMAND', 'GETKEYS', 'ZUNIONSTORE', 'd', '2', 'a', 'b', 'WEIGHTS', '1', '2'],
          ['COMMAND', 'GETKEYS', 'ZINTER', '2', 'a', 'b'],
          ['COMMAND', 'GETKEYS', 'ZDIFFSTORE', 'd', '1', 'a'],
          ['COMMAND', 'GETKEYS', 'ZINTERCARD', '2', 'a', 'b', 'LIMIT', '1'],
          ['COMMAND', 'GETKEYS', 'ZMPOP', '2', 'a', 'b', 'MIN'],
          ['COMMAND', 'GETKEYS', 'BZMPOP', '0', '2', 'a', 'b', 'MIN'],
          ['COMMAND', 'GETKEYS', 'BZPOPMIN', 'a', 'b', '0'],
          ['COMMAND', 'GETKEYS', 'ZRANGESTORE', 'd', 's', '0', '1'],
          ['COMMAND', 'GETKEYS', 'ZUNIONSTORE', 'd', '0', 'a'],
          ['COMMAND', 'GETKEYS', 'ZUNIONSTORE', 'd', '5', 'a'],
          ['COMMAND', 'GETKEYS', 'ZUNION', 'x', 'a'],
          ['COMMAND', 'GETKEYS', 'ZMPOP', '5', 'a', 'MIN'],
          ['COMMAND', 'GETKEYS', 'ZMPOP', '1', 'a'],
          ['COMMAND', 'GETKEYS', 'BZMPOP', '0', '0', 'a', 'MIN'],
          ['COMMAND', 'GETKEYS', 'ZINTERCARD', '3', 'a', 'b'],
          ['COMMAND', 'GETKEYS', 'ZDIFFSTORE', 'd', '-1', 'a'],
        ]);
      });

      test('seeded random commands agree with Redis', async () => {
        const s = env().session;
        let seed = resp3 ? 7 : 11;
        const rnd = (n: number) => {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          return seed % n;
        };
        const pick = <T>(xs: T[]): T => xs[rnd(xs.length)];
        const keys = ['k1', 'k2', 'k3'];
        const member = () => 'm' + rnd(40);
        const score = () => pick(['0', '1', '2', '-1', '2.5', '1e3', 'inf', '-inf', String(rnd(20)), '0.1']);
        const bound = () => pick(['-inf', '+inf', '(1', '2', '(2.5', '0', String(rnd(10)), '(' + rnd(10)]);
        const lex = () => pick(['-', '+', '[m1', '(m2', '[m3', '(m', '[m39', '[a', '(z']);
        const idx = () => String(rnd(30) - 15);
        const gen = (): Arg[] => {
          const k = pick(keys);
          switch (rnd(16)) {
            case 0:
            case 1: {
              const args: Arg[] = ['ZADD', k];
              if (rnd(3) === 0) args.push(pick(['NX', 'XX', 'GT', 'LT', 'CH']));
              for (let i = 0, n = 1 + rnd(8); i < n; i++) args.push(score(), member());
              return args;
            }
            case 2:
              return ['ZINCRBY', k, score(), member()];
            case 3:
              return ['ZREM', k, member(), member()];
            case 4:
              return ['ZRANGE', k, idx(), idx(), ...(rnd(2) ? ['REV'] : []), 'WITHSCORES'];
            case 5:
              return ['ZRANGE', k, bound(), bound(), 'BYSCORE', ...(rnd(2) ? ['REV'] : []), 'LIMIT', String(rnd(4)), String(rnd(6) - 1), 'WITHSCORES'];
            case 6:
              return ['ZRANGE', 'lex', lex(), lex(), 'BYLEX', ...(rnd(2) ? ['REV'] : []), ...(rnd(2) ? ['LIMIT', String(rnd(4)), String(rnd(6) - 1)] : [])];
            case 7:
              return ['ZADD', 'lex', '0', member(), '0', member()];
            case 8:
              return [pick(['ZRANK', 'ZREVRANK', 'ZSCORE']), k, member()];
            case 9:
              return ['ZCOUNT', k, bound(), bound()];
            case 10:
              return [pick(['ZREMRANGEBYRANK']), k, idx(), idx()];
            case 11:
              return ['ZREMRANGEBYSCORE', k, bound(), bound()];
            case 12:
              return [pick(['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']), pick(keys), '2', pick(keys), pick(keys)];
            case 13:
              return [pick(['ZUNION', 'ZINTER']), '3', 'k1', 'k2', 'k3', 'WEIGHTS', score(), '1', '2', 'AGGREGATE', pick(['SUM', 'MIN', 'MAX']), 'WITHSCORES'];
            case 14:
              return [pick(['ZPOPMIN', 'ZPOPMAX']), k, String(rnd(4))];
            default:
              return ['ZRANGESTORE', pick(keys), k, idx(), idx()];
          }
        };
        for (let i = 0; i < 400; i++) await s.same(gen());
        for (const k of [...keys, 'lex']) await s.same(['ZRANGE', k, '0', '-1', 'WITHSCORES']);
      });

      test('keyspace events', async () => {
        const e = env();
        const s = e.session;
        const sub = await e.connect();
        // Class letters, not 'A': CONFIG keeps 'n' only in that spelling.
        await sub.both('CONFIG', 'SET', 'notify-keyspace-events', 'Egzn');
        await sub.both('PSUBSCRIBE', '__keyevent@0__:*');
        const cmds: Arg[][] = [
          ['ZADD', 'z', '1', 'a', '2', 'b'],
          ['ZADD', 'z', '1', 'a'],
          ['ZADD', 'z', 'CH', '5', 'a'],
          ['ZINCRBY', 'y', '1', 'a'],
          ['ZINCRBY', 'y', '0', 'a'],
          ['ZREM', 'z', 'a', 'nope'],
          ['ZPOPMIN', 'z'],
          ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
          ['ZREMRANGEBYRANK', 'z', '0', '0'],
          ['ZREMRANGEBYSCORE', 'z', '2', '2'],
          ['ZREMRANGEBYLEX', 'z', '-', '+'],
          ['ZUNIONSTORE', 'd', '1', 'y'],
          ['ZINTERSTORE', 'd', '1', 'nokey'],
          ['ZDIFFSTORE', 'd2', '1', 'nokey'],
          ['ZRANGESTORE', 'r', 'y', '0', '-1'],
          ['ZRANGESTORE', 'r', 'y', '5', '6'],
          ['ZADD', 's', '1', 'a', '2', 'b'],
          ['ZMPOP', '1', 's', 'MAX', 'COUNT', '10'],
          ['ZADD', 's', '1', 'a'],
          ['BZPOPMAX', 's', '0'],
          ['ZADD', 's', 'XX', '1', 'b'],
          ['ZADD', 's', 'GT', '1', 'a'],
          ['DEL', 'y'],
        ];
        await run(s, cmds);
        const collect = async (c: DiffSession['mnemo']) => {
          const out: string[] = [];
          for (;;) {
            const msg = decode(await c.next())[0] as unknown;
            const arr = (Array.isArray(msg) ? msg : (msg as { push: Reply[] }).push) as string[];
            if (arr[0] !== 'pmessage') continue;
            if (arr[3] === 'y' && arr[2].endsWith(':del')) break;
            out.push(`${arr[2].split(':')[1]} ${arr[3]}`);
          }
          return out;
        };
        const [m, r] = await Promise.all([collect(sub.mnemo), collect(sub.redis)]);
        assert.deepEqual(m, r);
      });
    },
    { resp3 },
  );
}
