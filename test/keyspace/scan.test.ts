import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScanCursors, parseCursor, scanStep } from '../../src/keyspace/scan.js';
import { ServerContext } from '../../src/server/context.js';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';

const buf = (s: string) => s;

test('parseCursor accepts what strtoul accepts', () => {
  assert.equal(parseCursor(buf('0')), 0);
  assert.equal(parseCursor(buf('')), 0);
  assert.equal(parseCursor(buf('123')), 123);
  assert.equal(parseCursor(buf('+5')), 5);
  assert.equal(parseCursor(buf('-0')), 0);
  assert.equal(parseCursor(buf('-1')), -1); // valid for Redis (wraps), unknown here
  assert.equal(parseCursor(buf('18446744073709551615')), -1);
  assert.equal(parseCursor(buf('18446744073709551616')), null);
  assert.equal(parseCursor(buf(' 1')), null);
  assert.equal(parseCursor(buf('1 ')), null);
  assert.equal(parseCursor(buf('0x1')), null);
  assert.equal(parseCursor(buf('-')), null);
  assert.equal(parseCursor(buf('abc')), null);
});

/** Drives scanStep to the end over a Map that changes between steps; returns what was seen. */
function scanAll(ctx: ServerContext, map: Map<string, number>, count: number, mutate: (step: number) => void): Set<string> {
  const seen = new Set<string>();
  let cursor = 0;
  let steps = 0;
  do {
    cursor = scanStep(ctx, cursor, map, () => map.keys(), count, (k) => {
      if (map.has(k)) seen.add(k);
    });
    mutate(steps++);
    assert.ok(steps < 1_000_000, 'scan did not terminate');
  } while (cursor !== 0);
  return seen;
}

test('every element present throughout is returned, while the map grows and shrinks', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < 20; round++) {
    const ctx = new ServerContext();
    const map = new Map<string, number>();
    for (let i = 0; i < 500; i++) map.set(`k${i}`, i);
    const stable = new Set<string>();
    for (const k of map.keys()) if (rnd(2) === 0) stable.add(k);
    let next = 500;
    const seen = scanAll(ctx, map, 1 + rnd(20), () => {
      // Grow a lot (rehash in Redis terms), delete some non-stable keys, re-add some.
      for (let i = 0, n = rnd(60); i < n; i++) map.set(`k${next++}`, 0);
      for (let i = 0, n = rnd(40); i < n; i++) {
        const victim = `k${rnd(next)}`;
        if (!stable.has(victim)) map.delete(victim);
      }
    });
    for (const k of stable) assert.ok(seen.has(k), `round ${round}: ${k} never returned`);
  }
});

test('unknown and reused cursors restart instead of looping forever', () => {
  const ctx = new ServerContext();
  const map = new Map<string, number>();
  for (let i = 0; i < 100; i++) map.set(`k${i}`, i);
  const seen = new Set<string>();
  const c1 = scanStep(ctx, 987654321, map, () => map.keys(), 10, (k) => seen.add(k));
  assert.notEqual(c1, 0);
  let cursor = c1;
  while (cursor !== 0) cursor = scanStep(ctx, cursor, map, () => map.keys(), 10, (k) => seen.add(k));
  assert.equal(seen.size, 100);
  // A finished cursor is forgotten: using it again is a fresh pass, which also ends.
  let again = scanStep(ctx, c1, map, () => map.keys(), 50, () => {});
  let steps = 0;
  while (again !== 0 && steps++ < 10) again = scanStep(ctx, again, map, () => map.keys(), 50, () => {});
  assert.equal(again, 0);
});

test('the cursor table is bounded', () => {
  const t = new ScanCursors();
  const src = {};
  const it = [1, 2, 3][Symbol.iterator]();
  for (let i = 0; i < 5000; i++) t.park({ source: src, it, ahead: null, left: 3 });
  assert.equal(t.size, 1024);
});

test('a small source finishes in one call with cursor 0', () => {
  const ctx = new ServerContext();
  const set = new Set(['a', 'b', 'c']);
  const got: string[] = [];
  assert.equal(scanStep(ctx, 0, set, () => set.values(), 10, (m) => got.push(m)), 0);
  assert.deepEqual(got.sort(), ['a', 'b', 'c']);
  // Exactly count elements: the read-ahead sees the end, no useless extra round trip.
  const got2: string[] = [];
  assert.equal(scanStep(ctx, 0, set, () => set.values(), 3, (m) => got2.push(m)), 0);
  assert.equal(got2.length, 3);
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
