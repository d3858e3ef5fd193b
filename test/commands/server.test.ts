import assert from 'node:assert/strict';
import { test, describe } from 'node:test';
import net from 'node:net';
import os from 'node:os';
import { once } from 'node:events';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';
import { protectedModeRefuses, PROTECTED_MODE_DENIED, isLoopback } from '../../src/server/protected.js';

/** A local IPv4 address that is not loopback, if the machine has one. */
function externalAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

describe('protected mode', () => {
  test('the decision', () => {
    const base = { protectedMode: true, defaultUserNoPass: true, isUnix: false, remoteAddress: '10.1.2.3' };
    assert.equal(protectedModeRefuses(base), true);
    assert.equal(protectedModeRefuses({ ...base, remoteAddress: '127.0.0.1' }), false);
    assert.equal(protectedModeRefuses({ ...base, remoteAddress: '::ffff:127.0.0.1' }), false);
    assert.equal(protectedModeRefuses({ ...base, remoteAddress: '::1' }), false);
    assert.equal(protectedModeRefuses({ ...base, isUnix: true }), false);
    assert.equal(protectedModeRefuses({ ...base, protectedMode: false }), false);
    assert.equal(protectedModeRefuses({ ...base, defaultUserNoPass: false }), false);
    assert.equal(isLoopback('127.5.5.5'), true);
  });

  const ext = externalAddress();
  test('a non-loopback client gets DENIED, and is let in once a password is set', { skip: ext === null ? 'no non-loopback address' : false }, async () => {
    const server = await startMnemo();
    try {
      const s = net.connect(server.port, ext!);
      let got = '';
      s.on('data', (d) => (got += d));
      await once(s, 'close');
      assert.equal(got, PROTECTED_MODE_DENIED);
      const admin = await RawClient.connect(server.port);
      assert.equal(await admin.cmd('CONFIG', 'SET', 'requirepass', 'pw'), 'OK');
      admin.close();
      const c = await RawClient.connect(server.port, ext!);
      assert.deepEqual(await c.cmd('PING'), { error: 'NOAUTH Authentication required.' });
      c.close();
    } finally {
      await server.close();
    }
  });
});

describe('timeouts and limits', () => {
  test('timeout closes idle clients', async () => {
    const server = await startMnemo({ timeout: 1 });
    try {
      const c = await RawClient.connect(server.port);
      assert.equal(await c.cmd('PING'), 'PONG');
      await c.waitClosed();
    } finally {
      await server.close();
    }
  });

  test('maxclients refuses the connection over the limit', async () => {
    const server = await startMnemo({ maxclients: 1 });
    try {
      const a = await RawClient.connect(server.port);
      const b = await RawClient.connect(server.port);
      assert.deepEqual(await b.next().then((x) => x.toString()), '-ERR max number of clients reached\r\n');
      a.close();
      b.close();
    } finally {
      await server.close();
    }
  });

  test('requirepass set at run time guards new connections', async () => {
    const server = await startMnemo();
    try {
      const a = await RawClient.connect(server.port);
      assert.equal(await a.cmd('CONFIG', 'SET', 'requirepass', 'secret'), 'OK');
      const b = await RawClient.connect(server.port);
      assert.deepEqual(await b.cmd('GET', 'x'), { error: 'NOAUTH Authentication required.' });
      assert.equal(await b.cmd('AUTH', 'secret'), 'OK');
      a.close();
      b.close();
    } finally {
      await server.close();
    }
  });

  test('LATENCY records slow commands once a threshold is set', async () => {
    const server = await startMnemo({ 'enable-debug-command': 'yes' });
    try {
      const a = await RawClient.connect(server.port);
      assert.equal(await a.cmd('CONFIG', 'SET', 'latency-monitor-threshold', '1'), 'OK');
      assert.equal(await a.cmd('DEBUG', 'SLEEP', '0.01'), 'OK');
      const latest = (await a.cmd('LATENCY', 'LATEST')) as [string, number, number, number][];
      assert.equal(latest.length, 1);
      assert.equal(latest[0][0], 'command');
      assert.ok(latest[0][2] >= 10);
      assert.equal(await a.cmd('LATENCY', 'RESET'), 1);
      a.close();
    } finally {
      await server.close();
    }
  });

  test('LATENCY HISTOGRAM and INFO latencystats follow latency-tracking', async () => {
    const server = await startMnemo({ 'enable-debug-command': 'yes' });
    try {
      const a = await RawClient.connect(server.port);
      assert.equal(await a.cmd('CONFIG', 'RESETSTAT'), 'OK');
      await a.cmd('SET', 'k', 'v');
      await a.cmd('SET', 'k', 'w');
      await a.cmd('CLIENT', 'ID');
      await a.cmd('DEBUG', 'SLEEP', '0.05');
      const all = (await a.cmd('LATENCY', 'HISTOGRAM', 'nosuch', 'set', 'client', 'debug')) as unknown[];
      assert.deepEqual(all.filter((_, i) => i % 2 === 0), ['set', 'client|id', 'debug']);
      const set = all[1] as unknown[];
      assert.deepEqual(set.slice(0, 3), ['calls', 2, 'histogram_usec']);
      const steps = set[3] as number[];
      assert.equal(steps[steps.length - 1], 2);
      const debug = (all[5] as unknown[])[3] as number[];
      assert.ok(debug[0] >= 50000, `DEBUG SLEEP 0.05 lands at or above 50 ms: ${debug[0]}`);
      const info = (await a.cmd('INFO', 'latencystats')) as string;
      assert.match(info, /^# Latencystats\r\n/);
      assert.match(info, /\r\nlatency_percentiles_usec_set:p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}\r\n/);
      assert.match(info, /\r\nlatency_percentiles_usec_client\|id:p50=/);
      assert.equal(await a.cmd('CONFIG', 'SET', 'latency-tracking', 'no'), 'OK');
      await a.cmd('SET', 'k', 'x');
      assert.deepEqual(((await a.cmd('LATENCY', 'HISTOGRAM', 'set')) as unknown[][])[1][1], 2);
      assert.equal(await a.cmd('CONFIG', 'SET', 'latency-tracking-info-percentiles', '0.0 50.0 100.0'), 'OK');
      assert.match((await a.cmd('INFO', 'latencystats')) as string, /latency_percentiles_usec_set:p0=[\d.]+,p50=[\d.]+,p100=[\d.]+\r\n/);
      assert.equal(await a.cmd('CONFIG', 'RESETSTAT'), 'OK');
      assert.equal(await a.cmd('INFO', 'latencystats'), '# Latencystats\r\n');
      assert.deepEqual(await a.cmd('LATENCY', 'HISTOGRAM'), []);
      a.close();
    } finally {
      await server.close();
    }
  });

  test('SHUTDOWN closes the server', async () => {
    const server = await startMnemo();
    const a = await RawClient.connect(server.port);
    a.writeRaw('*1\r\n$8\r\nSHUTDOWN\r\n');
    await a.waitClosed();
    await server.close();
  });
});

describe('CONFIG SET port', () => {
  test('moves the TCP listener to the new port', async () => {
    const server = await startMnemo();
    try {
      const probe = net.createServer();
      await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
      const port = (probe.address() as net.AddressInfo).port;
      await new Promise<void>((r) => probe.close(() => r()));
      const a = await RawClient.connect(server.port);
      assert.equal(await a.cmd('CONFIG', 'SET', 'port', String(port)), 'OK');
      // The new listener opens asynchronously: retry until it accepts.
      let b: RawClient | null = null;
      for (let i = 0; i < 100 && b === null; i++) {
        b = await RawClient.connect(port).catch(() => null);
        if (b === null) await new Promise((r) => setImmediate(r));
      }
      assert.ok(b);
      assert.equal(await b.cmd('PING'), 'PONG');
      assert.equal(await a.cmd('PING'), 'PONG');
      a.close();
      b.close();
    } finally {
      await server.close();
    }
  });
});
