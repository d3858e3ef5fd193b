import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCursor } from '../../src/keyspace/scan.js';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';

const buf = (s: string) => s;

test('parseCursor accepts what strtoul accepts', () => {
  assert.equal(parseCursor(buf('0')), 0);
  assert.equal(parseCursor(buf('')), 0);
  assert.equal(parseCursor(buf('123')), 123);
  assert.equal(parseCursor(buf('+5')), 5);
  assert.equal(parseCursor(buf('-0')), 0);
  assert.equal(parseCursor(buf('-1')), 0xffffffff); // wraps modulo 2^64; the low 32 bits are kept
  assert.equal(parseCursor(buf('18446744073709551615')), 0xffffffff);
  assert.equal(parseCursor(buf('4294967297')), 1);
  assert.equal(parseCursor(buf('-4294967297')), 0xffffffff);
  assert.equal(parseCursor(buf('-18446744073709551615')), 1);
  assert.equal(parseCursor(buf('18446744073709551616')), null);
  assert.equal(parseCursor(buf(' 1')), null);
  assert.equal(parseCursor(buf('1 ')), null);
  assert.equal(parseCursor(buf('0x1')), null);
  assert.equal(parseCursor(buf('-')), null);
  assert.equal(parseCursor(buf('abc')), null);
});

test('SCAN over the wire: keys present throughout are returned while another client writes', async () => {
  const server = await startMnemo();
  const a = await RawClient.connect(server.port);
  const b = await RawClient.connect(server.port);
  try {
    const stable: string[] = [];
    for (let i = 0; i < 300; i++) {
      stable.push(`stable:${i}`);
      await a.call('SET', `stable:${i}`, 'x');
      await a.call('SET', `temp:${i}`, 'y');
    }
    const seen = new Set<string>();
    let cursor = '0';
    let step = 0;
    do {
      const reply = (await a.cmd('SCAN', cursor, 'COUNT', '7')) as [string, string[]];
      cursor = reply[0];
      for (const k of reply[1]) seen.add(k);
      // Concurrent churn from another connection: inserts and deletes of other keys.
      await b.call('SET', `new:${step}`, 'z');
      await b.call('DEL', `temp:${step}`);
      step++;
    } while (cursor !== '0');
    for (const k of stable) assert.ok(seen.has(k), `${k} missing`);
  } finally {
    a.close();
    b.close();
    await server.close();
  }
});

test('SCAN skips and expires keys past their deadline', async () => {
  const server = await startMnemo();
  const a = await RawClient.connect(server.port);
  try {
    server.ctx.keyspace.expiry.setEnabled(false);
    await a.call('SET', 'live', '1');
    await a.call('SET', 'dead', '1');
    // A deadline in the past, put directly so that no command deletes it first.
    server.ctx.keyspace.dbs[0].expires.set('dead', Date.now() - 1000);
    assert.equal(await a.cmd('DBSIZE'), 2);
    assert.deepEqual(await a.cmd('KEYS', '*'), ['live']);
    assert.deepEqual(await a.cmd('SCAN', '0'), ['0', ['live']]);
    assert.equal(await a.cmd('DBSIZE'), 1);
  } finally {
    a.close();
    await server.close();
  }
});

test('SSCAN, HSCAN and ZSCAN over big collections: members present throughout are returned while others come and go', async () => {
  const server = await startMnemo();
  const a = await RawClient.connect(server.port);
  try {
    const kinds: [string, (m: string) => string[], (m: string) => string[]][] = [
      ['SSCAN', (m) => ['SADD', 's', m], (m) => ['SREM', 's', m]],
      ['HSCAN', (m) => ['HSET', 'h', m, 'v'], (m) => ['HDEL', 'h', m]],
      ['ZSCAN', (m) => ['ZADD', 'z', '1', m], (m) => ['ZREM', 'z', m]],
    ];
    for (const [scan, add, rem] of kinds) {
      const key = add('x')[1];
      for (let i = 0; i < 400; i++) {
        await a.call(...add(`stable:${i}`));
        await a.call(...add(`temp:${i}`));
      }
      const seen = new Set<string>();
      let cursor = '0';
      let step = 0;
      do {
        const reply = (await a.cmd(scan, key, cursor, 'COUNT', '5')) as [string, string[]];
        cursor = reply[0];
        // HSCAN and ZSCAN reply member, value pairs.
        const stride = scan === 'SSCAN' ? 1 : 2;
        for (let i = 0; i < reply[1].length; i += stride) seen.add(reply[1][i]);
        await a.call(...add(`new:${step}`));
        await a.call(...rem(`temp:${step}`));
        step++;
      } while (cursor !== '0');
      for (let i = 0; i < 400; i++) assert.ok(seen.has(`stable:${i}`), `${scan}: stable:${i} missing`);
    }
  } finally {
    a.close();
    await server.close();
  }
});
