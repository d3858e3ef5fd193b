/**
 * What a master tells its replicas and its AOF, against redis-server's
 * replication stream: which writes propagate, verbatim or rewritten into a
 * deterministic form (absolute TTLs, plain pops, drawn members), which
 * propagate nothing, how transactions are wrapped, where SELECTs go, and
 * where the deletions of expired keys fall.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSuite, type Arg, type DiffEnv, type DiffSession } from '../helpers/diff.js';
import { tapMnemo, tapRedis, TAP_CHANNEL, type Op, type Tap } from '../helpers/replica-tap.js';

/** Unix ms times differ between the servers by the moments they ran: equal within this. */
const TIME_SLACK_MS = 10_000;

let taps: { mnemo: Tap; redis: Tap } | null = null;

async function tapsFor(env: DiffEnv): Promise<{ mnemo: Tap; redis: Tap }> {
  taps ??= { mnemo: tapMnemo(env.mnemoServer), redis: await tapRedis(env.redisServer.port) };
  return taps;
}

/** Both streams up to a marker published now. */
async function takeBoth(s: DiffSession, t: { mnemo: Tap; redis: Tap }): Promise<[Op[], Op[]]> {
  await s.both('PUBLISH', TAP_CHANNEL, 'end');
  return Promise.all([t.mnemo.take(), t.redis.take()]);
}

interface Options {
  /** Replies may differ (random draws): only the streams are compared. */
  randomReplies?: boolean;
  /** Masks the member of each SREM (SPOP draws at random). */
  maskMembers?: boolean;
}

/** Replaces unix ms times by a placeholder after checking they agree. */
function normalize(mnemo: Op[], redis: Op[], opts: Options): [string, string] {
  const times = (ops: Op[]) => ops.flat().filter((a) => /^1\d{12}$/.test(a)).map(Number);
  const tm = times(mnemo);
  const tr = times(redis);
  assert.equal(tm.length, tr.length, 'as many absolute times in both streams');
  for (let i = 0; i < tm.length; i++) assert.ok(Math.abs(tm[i] - tr[i]) < TIME_SLACK_MS, `times ${tm[i]} vs ${tr[i]}`);
  const text = (ops: Op[]) =>
    ops
      .map((op) => {
        const masked = op.map((a) => (/^1\d{12}$/.test(a) ? '<ms>' : a));
        if (opts.maskMembers && op[0].toUpperCase() === 'SREM') masked[2] = '<member>';
        return masked.join(' ');
      })
      .join('\n');
  return [text(mnemo), text(redis)];
}

/** Runs commands on both servers (replies compared unless random) and returns the stream both produced, which must agree. */
async function stream(env: DiffEnv, commands: Arg[][], opts: Options = {}): Promise<string> {
  const s = env.session;
  const t = await tapsFor(env);
  // What came before (the suite's FLUSHALL) is not this case's.
  await takeBoth(s, t);
  for (const c of commands) {
    if (opts.randomReplies) await s.both(...c);
    else await s.same(c);
  }
  const taken = await takeBoth(s, t);
  const [m, r] = normalize(...taken, opts);
  assert.equal(m, r, 'propagated stream');
  return m;
}

const far = String(Math.floor(Date.now() / 1000) + 100000);
const farMs = String(Date.now() + 100000000);

diffSuite(
  'write propagation (replication stream)',
  (env) => {
    test('strings: verbatim, rewritten with absolute times, or nothing', async () => {
      const got = await stream(env(), [
        ['set', 'k', 'v'],
        ['SET', 'k2', 'v', 'EX', '100'],
        ['SET', 'k3', 'v', 'PX', '100000', 'NX'],
        ['SET', 'k3', 'v', 'NX'],
        ['SETEX', 'k4', '100', 'v'],
        ['PSETEX', 'k5', '100000', 'v'],
        ['SET', 'k6', 'v', 'PXAT', farMs, 'NX'],
        ['set', 'k', 'v2', 'KEEPTTL'],
        ['set', 'k', 'get', 'get'],
        ['GETSET', 'k', 'x'],
        ['GETDEL', 'k'],
        ['GETDEL', 'k'],
        ['GETEX', 'k2', 'EX', '100'],
        ['GETEX', 'k2', 'PERSIST'],
        ['GETEX', 'k3', 'PXAT', '1'],
        ['INCRBYFLOAT', 'f', '1.5'],
        ['HINCRBYFLOAT', 'h', 'f', '2.5'],
        ['APPEND', 'a', 'x'],
        ['SETRANGE', 'a', '0', ''],
        ['SETBIT', 'b', '1', '1'],
        ['SETBIT', 'b', '1', '1'],
        ['MSET', 'm1', '1', 'm2', '2'],
        ['DEL', 'nokey'],
        ['del', 'a'],
      ]);
      assert.match(got, /^set k v\nSET k2 v PXAT <ms>\nSET k3 v PXAT <ms>\nSET k4 v PXAT <ms>\nSET k5 v PXAT <ms>\nSET k6 v PXAT <ms>\n/);
      assert.match(got, /\nSET k v2 KEEPTTL|\nset k v2 KEEPTTL/);
      assert.match(got, /\nSET k x\nDEL k\nPEXPIREAT k2 <ms>\nPERSIST k2\nDEL k3\nSET f 1.5 KEEPTTL\nHSET h f 2.5\n/);
    });

    test('expiry commands become PEXPIREAT, or DEL when the time is past', async () => {
      const got = await stream(env(), [
        ['SET', 'e', '1'],
        ['EXPIRE', 'e', '100'],
        ['PEXPIRE', 'e', '100000'],
        ['EXPIREAT', 'e', far],
        ['PEXPIREAT', 'e', farMs],
        ['EXPIRE', 'e', '100', 'NX'],
        ['EXPIRE', 'e', '100000000', 'GT'],
        ['PERSIST', 'e'],
        ['PERSIST', 'e'],
        ['EXPIRE', 'nokey', '10'],
        ['EXPIRE', 'e', '-1'],
      ]);
      assert.equal(got.split('\n').filter((l) => l.startsWith('PEXPIREAT e <ms>')).length, 5);
      assert.match(got, /\nPERSIST e\nDEL e$/);
    });

    test('SPOP and friends: the drawn members, DEL when the whole set went, nothing for reads', async () => {
      const got = await stream(
        env(),
        [
          ['SADD', 'one', 'a'],
          ['SPOP', 'one'],
          ['SADD', 's', 'a', 'b', 'c'],
          ['SPOP', 's', '5'],
          ['SADD', 't', 'a', 'b', 'c'],
          ['SPOP', 't', '0'],
          ['SRANDMEMBER', 't'],
          ['SPOP', 't', '2'],
          ['SADD', 'u', 'x'],
          ['SMOVE', 'u', 'v', 'x'],
        ],
        { randomReplies: true, maskMembers: true },
      );
      assert.match(got, /\nSREM one <member>\nSADD s a b c\nDEL s\nSADD t a b c\nMULTI\nSREM t <member>\nSREM t <member>\nEXEC\n/);
    });

    test('blocking and multi-key pops reach replicas as plain pops', async () => {
      const got = await stream(env(), [
        ['RPUSH', 'l', 'a', 'b', 'c', 'd'],
        ['LMPOP', '2', 'nol', 'l', 'LEFT', 'COUNT', '2'],
        ['BLPOP', 'nol', 'l', '0'],
        ['BRPOP', 'l', '0'],
        ['RPUSH', 'l2', 'x', 'y', 'z'],
        ['BLMOVE', 'l2', 'l3', 'left', 'RIGHT', '0'],
        ['BRPOPLPUSH', 'l2', 'l3', '0'],
        ['BLMPOP', '0', '1', 'l3', 'RIGHT', 'COUNT', '5'],
        ['RPOP', 'l2', '5'],
        ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e', '6', 'f'],
        ['BZPOPMIN', 'z', '0'],
        ['BZPOPMAX', 'z', '0'],
        ['ZMPOP', '1', 'z', 'MAX', 'COUNT', '2'],
        ['BZMPOP', '0', '1', 'z', 'MIN'],
        ['ZADD', 'z', '1', 'a'],
        ['ZPOPMIN', 'z', '1'],
      ]);
      assert.match(got, /\nLPOP l 2\nLPOP l\nRPOP l\n/);
      assert.match(got, /\nLMOVE l2 l3 left RIGHT\nRPOPLPUSH l2 l3\nRPOP l3 2\n/);
      assert.match(got, /\nZPOPMIN z\nZPOPMAX z\nZPOPMAX z 2\nZPOPMIN z 1\n/);
    });

    test('transactions: one write alone, several wrapped, failures and reads left out, SELECT inside', async () => {
      const got = await stream(env(), [
        ['MULTI'],
        ['SET', 'a', '1'],
        ['EXEC'],
        ['MULTI'],
        ['SET', 'a', '1'],
        ['INCR', 'a'],
        ['LPUSH', 'a', 'x'],
        ['EXEC'],
        ['MULTI'],
        ['GET', 'a'],
        ['EXEC'],
        ['MULTI'],
        ['SELECT', '1'],
        ['SET', 'x', '1'],
        ['SELECT', '0'],
        ['SET', 'y', '1'],
        ['PUBLISH', 'ch', 'm'],
        ['EXEC'],
      ]);
      // The wrapper goes to the first op's database: SELECT comes before MULTI.
      assert.match(got, /^SET a 1\nMULTI\nSET a 1\nINCR a\nEXEC\nSELECT 1\nMULTI\nSET x 1\nSELECT 0\nSET y 1\nPUBLISH ch m\nEXEC$/);
    });

    test('databases: FLUSHDB, FLUSHALL and SWAPDB always go out; SELECT precedes a write in another db', async () => {
      const got = await stream(env(), [
        ['SELECT', '2'],
        ['SET', 'k', 'v'],
        ['COPY', 'k', 'k2'],
        ['RENAME', 'k2', 'k3'],
        ['MOVE', 'k3', '3'],
        ['SWAPDB', '1', '1'],
        ['FLUSHDB'],
        ['FLUSHDB'],
        ['flushall', 'async'],
        ['SELECT', '0'],
        ['SET', 'z', '1'],
      ]);
      assert.equal(got, 'SELECT 2\nSET k v\nCOPY k k2\nRENAME k2 k3\nMOVE k3 3\nSWAPDB 1 1\nFLUSHDB\nFLUSHDB\nflushall async\nSELECT 0\nSET z 1');
    });

    test('a key found expired: DEL at once in a command, inside the transaction under EXEC', async () => {
      const s = env().session;
      await s.same(['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
      try {
        const at = Date.now() + 50;
        await s.both('SET', 'x', '1', 'PXAT', String(at));
        await s.both('SET', 'y', '1', 'PXAT', String(at));
        // Waiting on the clock, not on a guess: both deadlines are past once it moved beyond them.
        while (Date.now() <= at + 5) await new Promise((r) => setTimeout(r, at + 6 - Date.now()));
        const got = await stream(env(), [['GET', 'x'], ['MULTI'], ['GET', 'y'], ['SET', 'z', '1'], ['EXEC']]);
        assert.equal(got, 'DEL x\nMULTI\nDEL y\nSET z 1\nEXEC');
      } finally {
        await s.both('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
      }
    });

    test('lazyfree options turn the deletions the server makes into UNLINK', async () => {
      const s = env().session;
      await s.same(['CONFIG', 'SET', 'lazyfree-lazy-expire', 'yes', 'lazyfree-lazy-user-del', 'yes']);
      try {
        const got = await stream(env(), [
          ['SET', 'k', 'v'],
          ['GETDEL', 'k'],
          ['SET', 'k', 'v'],
          ['DEL', 'k'],
          ['SET', 'k', 'v'],
          ['EXPIRE', 'k', '0'],
          ['SET', 'k', 'v'],
          ['GETEX', 'k', 'PXAT', '1'],
          ['SADD', 's', 'a'],
          ['SPOP', 's', '3'],
        ]);
        assert.equal(got, 'SET k v\nUNLINK k\nSET k v\nDEL k\nSET k v\nUNLINK k\nSET k v\nUNLINK k\nSADD s a\nDEL s');
      } finally {
        await s.same(['CONFIG', 'SET', 'lazyfree-lazy-expire', 'no', 'lazyfree-lazy-user-del', 'no']);
      }
    });

    test('every family: writes propagate once, no-ops and reads not at all', async () => {
      await stream(env(), [
        ['HSET', 'h', 'a', '1', 'b', '2'],
        ['HSET', 'h', 'a', '1'],
        ['HSETNX', 'h', 'a', '9'],
        ['HDEL', 'h', 'zz'],
        ['HDEL', 'h', 'b'],
        ['HINCRBY', 'h', 'a', '2'],
        ['HGET', 'h', 'a'],
        ['LPUSH', 'l', 'a', 'b', 'c'],
        ['LPUSHX', 'nol', 'a'],
        ['LSET', 'l', '0', 'x'],
        ['LINSERT', 'l', 'BEFORE', 'nothere', 'y'],
        ['LINSERT', 'l', 'BEFORE', 'x', 'y'],
        ['LREM', 'l', '0', 'nothere'],
        ['LREM', 'l', '0', 'y'],
        ['LTRIM', 'l', '0', '0'],
        ['LMOVE', 'l', 'l', 'LEFT', 'RIGHT'],
        ['LPOP', 'nol'],
        ['SADD', 's', 'a', 'b'],
        ['SADD', 's', 'a'],
        ['SREM', 's', 'zz'],
        ['SMOVE', 's', 't', 'zz'],
        ['SINTERSTORE', 'd', 's', 't'],
        ['SUNIONSTORE', 'd', 's', 't'],
        ['SDIFFSTORE', 'd', 'nos', 'nos2'],
        ['ZADD', 'z', '1', 'a', '2', 'b'],
        ['ZADD', 'z', 'NX', '5', 'a'],
        ['ZADD', 'z', 'XX', 'CH', '5', 'a'],
        ['ZINCRBY', 'z', '1.5', 'b'],
        ['ZREM', 'z', 'zz'],
        ['ZREMRANGEBYSCORE', 'z', '100', '200'],
        ['ZREMRANGEBYRANK', 'z', '0', '0'],
        ['ZRANGESTORE', 'd2', 'z', '0', '-1'],
        ['ZUNIONSTORE', 'd3', '2', 'z', 'd2'],
        ['ZINTERSTORE', 'd4', '1', 'noz'],
        ['SETBIT', 'b', '7', '1'],
        ['BITOP', 'OR', 'b2', 'b', 'b'],
        ['BITFIELD', 'b', 'SET', 'u8', '0', '255'],
        ['BITFIELD', 'b', 'GET', 'u8', '0'],
        ['BITFIELD_RO', 'b', 'GET', 'u8', '0'],
        ['INCR', 'n'],
        ['DECRBY', 'n', '5'],
        ['SETNX', 'n', '1'],
        ['MSETNX', 'n', '1', 'n2', '2'],
        ['MSETNX', 'n3', '1', 'n4', '2'],
        ['SORT', 'l', 'STORE', 'sorted'],
        ['SORT', 'nol', 'STORE', 'sorted2'],
        ['PFADD', 'hll', 'a', 'b'],
        ['PFCOUNT', 'hll'],
        ['PFCOUNT', 'hll'],
        ['PFMERGE', 'hll2', 'hll'],
        ['UNLINK', 'n3', 'n4', 'none'],
        ['RENAMENX', 'n', 'n2'],
        ['TOUCH', 'n'],
        ['EXISTS', 'n'],
      ]);
    });

    test('a blocked pop served by a push', async () => {
      const e = env();
      const other = await e.connect();
      const t = await tapsFor(e);
      await takeBoth(e.session, t);
      const pending = other.both('BLPOP', 'q', '0');
      // Both are blocked once their servers count them.
      for (const c of [e.session.mnemo, e.session.redis]) {
        while (!String(await c.cmd('INFO', 'clients')).includes('blocked_clients:1')) await new Promise((r) => setImmediate(r));
      }
      await e.session.same(['RPUSH', 'q', 'v']);
      await pending;
      const [m, r] = normalize(...(await takeBoth(e.session, t)), {});
      assert.equal(m, r);
      assert.match(m, /RPUSH q v\n(MULTI\n)?LPOP q/);
    });
  },
  { mnemoOptions: { 'enable-debug-command': 'yes' }, redisArgs: ['--repl-diskless-sync-delay', '0', '--enable-debug-command', 'yes'] },
);

process.on('exit', () => {
  taps?.mnemo.close();
  taps?.redis.close();
});
