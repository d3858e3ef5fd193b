/**
 * ioredis against Mnemo: connection with its ready check (INFO must say
 * loading:0), everyday string and key commands, pipelining, transactions,
 * binary values, errors, database selection and pub/sub.
 */
import assert from 'node:assert/strict';
import { describe, test, before, after } from 'node:test';
import { Redis } from 'ioredis';
import { startMnemo } from '../helpers/servers.js';
import type { RunningServer } from '../../src/index.js';

describe('ioredis', () => {
  let server: RunningServer;
  let redis: Redis;

  function connect(options: Record<string, unknown> = {}): Redis {
    return new Redis({
      host: '127.0.0.1',
      port: server.port,
      lazyConnect: true,
      // Fail fast instead of retrying forever when something is wrong.
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      ...options,
    });
  }

  before(async () => {
    server = await startMnemo();
    redis = connect();
    await redis.connect();
  });
  after(async () => {
    redis?.disconnect();
    await server?.close();
  });

  test('connects through the ready check', async () => {
    // enableReadyCheck is on by default: ioredis only turns ready after INFO reports loading:0.
    assert.equal(redis.status, 'ready');
    const info = await redis.info();
    assert.match(info, /\r\nloading:0\r\n/);
    assert.equal(await redis.ping(), 'PONG');
    assert.equal(await redis.echo('hi there'), 'hi there');
  });

  test('string commands', async () => {
    assert.equal(await redis.set('s:1', 'hello'), 'OK');
    assert.equal(await redis.get('s:1'), 'hello');
    assert.equal(await redis.append('s:1', ' world'), 11);
    assert.equal(await redis.strlen('s:1'), 11);
    assert.equal(await redis.getrange('s:1', 0, 4), 'hello');
    assert.equal(await redis.set('s:1', 'x', 'NX'), null);
    assert.equal(await redis.set('s:1', 'new', 'XX', 'GET'), 'hello world');
    assert.equal(await redis.setnx('s:2', 'a'), 1);
    assert.equal(await redis.incr('n'), 1);
    assert.equal(await redis.incrby('n', 41), 42);
    assert.equal(await redis.decr('n'), 41);
    assert.equal(await redis.incrbyfloat('f', '1.5'), '1.5');
    assert.equal(await redis.mset('m:1', 'a', 'm:2', 'b'), 'OK');
    assert.deepEqual(await redis.mget('m:1', 'nosuch', 'm:2'), ['a', null, 'b']);
    assert.equal(await redis.getdel('m:1'), 'a');
    assert.equal(await redis.get('nosuch'), null);
  });

  test('keys and expiry', async () => {
    await redis.set('k:1', 'v', 'EX', 100);
    const ttl = await redis.ttl('k:1');
    assert.ok(ttl > 90 && ttl <= 100, `ttl ${ttl}`);
    assert.equal(await redis.persist('k:1'), 1);
    assert.equal(await redis.ttl('k:1'), -1);
    assert.equal(await redis.exists('k:1', 'nosuch'), 1);
    assert.equal(await redis.type('k:1'), 'string');
    assert.equal(await redis.rename('k:1', 'k:2'), 'OK');
    assert.equal(await redis.del('k:2', 'nosuch'), 1);
    await redis.mset('scan:a', '1', 'scan:b', '2', 'scan:c', '3');
    assert.deepEqual((await redis.keys('scan:*')).sort(), ['scan:a', 'scan:b', 'scan:c']);
    const seen: string[] = [];
    for await (const batch of redis.scanStream({ match: 'scan:*', count: 1 })) seen.push(...(batch as string[]));
    assert.deepEqual([...new Set(seen)].sort(), ['scan:a', 'scan:b', 'scan:c']);
  });

  test('binary-safe values', async () => {
    const bytes = Buffer.from([0, 1, 2, 13, 10, 255, 128, 36, 42]);
    await redis.set(Buffer.from([1, 2, 3, 0]), bytes);
    assert.deepEqual(await redis.getBuffer(Buffer.from([1, 2, 3, 0])), bytes);
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    await redis.set('big', big);
    assert.deepEqual(await redis.getBuffer('big'), big);
  });

  test('pipelining: a thousand commands, and an error in the middle', async () => {
    const p = redis.pipeline();
    for (let i = 0; i < 1000; i++) p.incr('pipe:counter');
    const results = await p.exec();
    assert.equal(results!.length, 1000);
    assert.deepEqual(results![999], [null, 1000]);
    const mixed = await redis.pipeline().set('pipe:s', 'x').incr('pipe:s').get('pipe:s').exec();
    assert.deepEqual(mixed![0], [null, 'OK']);
    assert.match((mixed![1][0] as Error).message, /^ERR value is not an integer or out of range/);
    assert.deepEqual(mixed![2], [null, 'x']);
  });

  test('transactions', async () => {
    const res = await redis.multi().set('tx:a', '1').incr('tx:a').get('tx:a').exec();
    assert.deepEqual(res, [
      [null, 'OK'],
      [null, 2],
      [null, '2'],
    ]);
    await redis.watch('tx:a');
    const other = connect();
    await other.connect();
    await other.set('tx:a', 'changed');
    other.disconnect();
    assert.equal(await redis.multi().set('tx:a', 'mine').exec(), null);
    assert.equal(await redis.get('tx:a'), 'changed');
  });

  test('error replies reject with the server text', async () => {
    await redis.zadd('z', 1, 'a');
    await assert.rejects(redis.get('z'), /^ReplyError: WRONGTYPE Operation against a key holding the wrong kind of value/);
    await assert.rejects(redis.call('NOSUCHCMD', 'x'), /ERR unknown command 'NOSUCHCMD'/);
    await assert.rejects(redis.call('GET'), /ERR wrong number of arguments for 'get' command/);
  });

  test('sorted sets', async () => {
    await redis.zadd('zs', 1, 'one', 2.5, 'two', 3, 'three');
    assert.deepEqual(await redis.zrange('zs', '0', '-1', 'WITHSCORES'), ['one', '1', 'two', '2.5', 'three', '3']);
    assert.equal(await redis.zscore('zs', 'two'), '2.5');
    assert.equal(await redis.zcard('zs'), 3);
  });

  test('database selection', async () => {
    const db1 = connect({ db: 1 });
    await db1.connect();
    await db1.set('only-in-1', 'yes');
    assert.equal(await redis.get('only-in-1'), null);
    assert.equal(await db1.get('only-in-1'), 'yes');
    assert.equal(await db1.flushdb(), 'OK');
    db1.disconnect();
  });

  test('publish and subscribe', async () => {
    const sub = redis.duplicate();
    await sub.connect();
    const got = new Promise<[string, string]>((resolve) => sub.on('message', (ch: string, msg: string) => resolve([ch, msg])));
    assert.equal(await sub.subscribe('news'), 1);
    assert.equal(await redis.publish('news', 'hello'), 1);
    assert.deepEqual(await got, ['news', 'hello']);
    const pgot = new Promise<[string, string, string]>((resolve) => sub.on('pmessage', (p: string, ch: string, msg: string) => resolve([p, ch, msg])));
    await sub.psubscribe('n*');
    await redis.publish('nope', 'x');
    assert.deepEqual(await pgot, ['n*', 'nope', 'x']);
    sub.disconnect();
  });

  test('QUIT closes politely', async () => {
    const c = connect();
    await c.connect();
    assert.equal(await c.quit(), 'OK');
  });
});
