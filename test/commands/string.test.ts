/**
 * String and bitmap commands beyond reply bytes: the keyspace events each
 * command emits and the OBJECT ENCODING its value ends up with, both
 * compared with the reference redis-server; and the long double
 * emulation behind INCRBYFLOAT.
 */
import assert from 'node:assert/strict';
import { describe, test, before, after } from 'node:test';
import { RawClient } from '../helpers/raw-client.js';
import { decode, type Reply } from '../helpers/resp.js';
import { startMnemo, startRedis, skipWithoutRedis, type ServerProcess } from '../helpers/servers.js';
import type { RunningServer } from '../../src/index.js';
import { stringEncoding } from '../../src/keyspace/object.js';
import { parseLongDouble, addLongDouble, formatLongDouble } from '../../src/commands/string/longdouble.js';

type Cmd = (string | Buffer | number)[];

describe('string and bitmap keyspace events and encodings match redis-server', { skip: skipWithoutRedis() }, () => {
  let mnemo: RunningServer;
  let redis: ServerProcess;
  let m: RawClient;
  let r: RawClient;
  let sub: RawClient;
  const mnemoEvents: string[] = [];
  let marker = 0;

  before(async () => {
    [mnemo, redis] = await Promise.all([startMnemo(), startRedis()]);
    mnemo.ctx.keyspace.eventHooks.push((_cls, event, key) => mnemoEvents.push(`${event} ${key}`));
    m = await RawClient.connect(mnemo.port);
    r = await RawClient.connect(redis.port);
    sub = await RawClient.connect(redis.port);
    await r.call('CONFIG', 'SET', 'notify-keyspace-events', 'KEAnm');
    await sub.call('PSUBSCRIBE', '__keyevent@*__:*');
  });

  after(async () => {
    for (const c of [m, r, sub]) c?.close();
    await mnemo?.close();
    await redis?.close();
  });

  /** Events redis published up to (not including) a marker write made after the commands. */
  async function redisEvents(): Promise<string[]> {
    const name = `__marker${marker++}`;
    await r.call('SET', name, '1');
    const events: string[] = [];
    for (;;) {
      const msg = decode(await sub.next())[0] as Reply[];
      const event = String(msg[2]).replace(/^__keyevent@\d+__:/, '');
      const key = String(msg[3]);
      if (key === name) {
        if (event === 'set') return events;
        continue; // its 'new'
      }
      events.push(`${event} ${key}`);
    }
  }

  /** Runs the commands on both servers; their replies and events must agree. */
  async function sameEvents(cmds: Cmd[]): Promise<void> {
    mnemoEvents.length = 0;
    for (const c of cmds) {
      const [a, b] = await Promise.all([m.call(...c), r.call(...c)]);
      assert.equal(a.toString('latin1'), b.toString('latin1'), `reply to ${c.join(' ')}`);
    }
    const expected = await redisEvents();
    assert.deepEqual(mnemoEvents, expected, `events of ${cmds.map((c) => c.join(' ')).join('; ')}`);
  }

  test('SET family events', async () => {
    await sameEvents([['SET', 'e1', 'v']]);
    assert.deepEqual(mnemoEvents, ['new e1', 'set e1']);
    await sameEvents([['SET', 'e1', 'w']]);
    await sameEvents([['SET', 'e2', 'v', 'EX', '100']]);
    await sameEvents([['SET', 'e2', 'v', 'KEEPTTL']]);
    await sameEvents([['SET', 'e3', 'v', 'NX', 'GET'], ['SET', 'e3', 'v', 'NX', 'GET']]);
    await sameEvents([['SET', 'e4', 'v', 'XX'], ['SET', 'e4', 'v', 'XX', 'GET']]);
    await sameEvents([['SET', 'e1', 'v', 'FOO'], ['SET', 'e1', 'v', 'EX', '-1']]);
    await sameEvents([['SETNX', 'e5', '1'], ['SETNX', 'e5', '2']]);
    await sameEvents([['SETEX', 'e6', '100', 'v'], ['PSETEX', 'e6', '100000', 'v']]);
    await sameEvents([['GETSET', 'e7', 'a'], ['GETSET', 'e7', 'b']]);
    await sameEvents([['GETDEL', 'e7'], ['GETDEL', 'e7']]);
    await sameEvents([['MSET', 'e8', '1', 'e9', '2', 'e8', '3']]);
    await sameEvents([['MSETNX', 'e10', '1', 'e11', '2'], ['MSETNX', 'e10', '1', 'e12', '2']]);
    await sameEvents([['GET', 'e13'], ['MGET', 'e13', 'e8']]);
  });

  test('GETEX events', async () => {
    await sameEvents([['SET', 'x1', 'v'], ['GETEX', 'x1'], ['GETEX', 'x1', 'PERSIST']]);
    await sameEvents([['GETEX', 'x1', 'EX', '100'], ['GETEX', 'x1', 'PX', '100000'], ['GETEX', 'x1', 'PERSIST']]);
    await sameEvents([['GETEX', 'x1', 'EXAT', '1'], ['GETEX', 'x1']]);
    await sameEvents([['SET', 'x2', 'v'], ['GETEX', 'x2', 'PXAT', '1']]);
  });

  test('editing and counter events', async () => {
    await sameEvents([['APPEND', 'a1', 'x'], ['APPEND', 'a1', 'y'], ['APPEND', 'a1', '']]);
    await sameEvents([['SETRANGE', 'a2', '0', ''], ['SETRANGE', 'a2', '3', 'x'], ['SETRANGE', 'a2', '1', ''], ['SETRANGE', 'a2', '-1', 'x']]);
    await sameEvents([['INCR', 'a3'], ['DECR', 'a3'], ['INCRBY', 'a3', '5'], ['DECRBY', 'a3', '5']]);
    await sameEvents([['INCRBYFLOAT', 'a4', '1.5'], ['INCRBYFLOAT', 'a4', '1'], ['INCRBYFLOAT', 'a4', 'x']]);
    await sameEvents([['SET', 'a5', 'x'], ['INCR', 'a5'], ['INCRBYFLOAT', 'a5', '1']]);
    await sameEvents([['STRLEN', 'a6'], ['GETRANGE', 'a6', '0', '1'], ['LCS', 'a6', 'a1']]);
  });

  test('bitmap events', async () => {
    await sameEvents([['SETBIT', 'b1', '0', '0'], ['SETBIT', 'b1', '0', '0'], ['SETBIT', 'b1', '0', '1'], ['SETBIT', 'b1', '0', '1'], ['SETBIT', 'b1', '100', '0']]);
    await sameEvents([['GETBIT', 'b2', '0'], ['BITCOUNT', 'b2'], ['BITPOS', 'b2', '1']]);
    await sameEvents([['BITFIELD', 'b3', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '5'], ['BITFIELD', 'b3', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '5']]);
    await sameEvents([['BITFIELD', 'b4', 'SET', 'u8', '0', '0'], ['BITFIELD', 'b4', 'SET', 'u8', '0', '0'], ['BITFIELD', 'b4', 'SET', 'u8', '0', '1', 'INCRBY', 'u8', '0', '1']]);
    await sameEvents([['BITFIELD', 'b4', 'GET', 'u8', '0'], ['BITFIELD', 'b5', 'GET', 'u8', '0'], ['BITFIELD_RO', 'b5', 'GET', 'u8', '0']]);
    await sameEvents([['BITOP', 'AND', 'b6', 'b7'], ['SET', 'b6', 'x'], ['BITOP', 'AND', 'b6', 'b7'], ['BITOP', 'OR', 'b6', 'b4'], ['BITOP', 'OR', 'b6', 'b4']]);
  });

  /** OBJECT ENCODING from redis against Mnemo's view of its stored value. */
  async function sameEncoding(key: string): Promise<void> {
    const expected = String(decode(await r.call('OBJECT', 'ENCODING', key))[0]);
    const obj = mnemo.ctx.keyspace.dbs[0].dict.get(key);
    assert.ok(obj, `${key} exists in Mnemo`);
    assert.equal(stringEncoding(obj.value), expected, `encoding of ${key}`);
  }

  test('OBJECT ENCODING of values each command leaves', async () => {
    const both = (...c: Cmd) => Promise.all([m.call(...c), r.call(...c)]);
    const cases: [string, Cmd[]][] = [
      ['n1', [['SET', 'n1', '12345']]],
      ['n2', [['SET', 'n2', '-9223372036854775808']]],
      ['n3', [['SET', 'n3', '9223372036854775808']]],
      ['n4', [['SET', 'n4', '012']]],
      ['n5', [['SET', 'n5', 'x'.repeat(44)]]],
      ['n6', [['SET', 'n6', 'x'.repeat(45)]]],
      ['n7', [['SET', 'n7', 'ab'], ['APPEND', 'n7', 'c']]],
      ['n8', [['APPEND', 'n8', '77']]],
      ['n9', [['APPEND', 'n9', 'x'.repeat(50)]]],
      ['n10', [['SETRANGE', 'n10', '0', 'ab']]],
      ['n11', [['SET', 'n11', 'ab'], ['SETRANGE', 'n11', '0', 'c']]],
      ['n12', [['SETBIT', 'n12', '3', '1']]],
      ['n13', [['SET', 'n13', 'ab'], ['SETBIT', 'n13', '3', '0']]],
      ['n14', [['SET', 'n14', 'ab'], ['BITOP', 'NOT', 'n15', 'n14']]],
      ['n15', []],
      ['n16', [['INCR', 'n16']]],
      ['n17', [['SET', 'n17', 'ab'], ['APPEND', 'n17', 'c'], ['SET', 'n17', 'short']]],
      ['n18', [['SET', 'n18', '1'], ['APPEND', 'n18', '2'], ['INCR', 'n18']]],
      ['n19', [['INCRBYFLOAT', 'n19', '1.5']]],
      ['n20', [['MSET', 'n20', '5', 'n21', 'five']]],
      ['n21', []],
      ['n22', [['GETSET', 'n22', '55']]],
      ['n23', [['BITFIELD', 'n23', 'SET', 'u8', '0', '1']]],
      ['n24', [['SET', 'n24', '1'], ['BITFIELD', 'n24', 'GET', 'u8', '0']]],
    ];
    for (const [key, cmds] of cases) {
      for (const c of cmds) await both(...c);
      await sameEncoding(key);
    }
  });
});

describe('long double emulation (INCRBYFLOAT)', () => {
  const incr = (a: string, b: string): string | null => {
    const x = parseLongDouble(a);
    const y = parseLongDouble(b);
    if (x === null || y === null) return null;
    const s = addLongDouble(x, y);
    if (typeof s === 'number' && !Number.isFinite(s)) return 'nan/inf';
    return formatLongDouble(s);
  };

  test('values checked against redis-server 7.0 on x86-64', () => {
    assert.equal(incr('10.5', '0.1'), '10.6');
    assert.equal(incr('0', '3.0e3'), '3000');
    assert.equal(incr('3000', '2.0e3'), '5000');
    assert.equal(incr('0', '-1.1'), '-1.1');
    assert.equal(incr('0', '1e-5'), '0.00001');
    assert.equal(incr('0.1', '0.2'), '0.3');
    assert.equal(incr('0.1', '0.7'), '0.8');
    assert.equal(incr('0', '0x10'), '16');
    assert.equal(incr('0', '0x1p-3'), '0.125');
    // A tie at the 17th decimal rounds to even, as glibc's printf does.
    assert.equal(incr('0', '0.000003814697265625'), '0.00000381469726562');
    assert.equal(incr('0', '123456789012345678901234567890'), '123456789012345678899921813504');
    assert.equal(incr('0', '-1e-20'), '0');
    assert.equal(incr('1', '1e400')?.slice(0, 50), '10000000000000000000281880683947586514586453433629');
    assert.equal(incr('1.7976931348623157e308', '1.7976931348623157e308')?.length, 309);
  });

  test('what strtold refuses, and results that are not finite', () => {
    for (const bad of ['', ' 1', '1 ', 'nan', 'abc', '1e', 'e5', '1_0', '0x', '1e-4960', '1e4933', '--1', '+-1']) {
      assert.equal(parseLongDouble(bad), null, JSON.stringify(bad));
    }
    assert.notEqual(parseLongDouble('1e-4940'), null);
    assert.equal(incr('0', 'inf'), 'nan/inf');
    assert.equal(incr('1e4932', '1e4932'), 'nan/inf');
    assert.equal(incr('0', '+5'), '5');
    assert.equal(incr('0', '.5'), '0.5');
    assert.equal(incr('0', '5.'), '5');
    assert.equal(parseLongDouble('1'.repeat(5120)), null);
  });
});
