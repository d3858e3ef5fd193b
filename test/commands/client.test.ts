import assert from 'node:assert/strict';
import { test, describe, before, after } from 'node:test';
import { startMnemo } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';
import type { RunningServer } from '../../src/index.js';

describe('CLIENT', () => {
  let server: RunningServer;
  before(async () => {
    server = await startMnemo();
  });
  after(() => server.close());

  test('PAUSE WRITE holds writes (and what follows them) but not reads, until UNPAUSE', async () => {
    const a = await RawClient.connect(server.port);
    const b = await RawClient.connect(server.port);
    const admin = await RawClient.connect(server.port);
    try {
      assert.equal(await admin.cmd('CLIENT', 'PAUSE', '100000', 'WRITE'), 'OK');
      const held = a.cmd('SET', 'k', 'v');
      const after = a.cmd('GET', 'k');
      assert.equal(await b.cmd('GET', 'k'), null);
      const flags = String(await admin.cmd('CLIENT', 'LIST'));
      assert.match(flags, /flags=b /);
      assert.equal(await admin.cmd('CLIENT', 'UNPAUSE'), 'OK');
      assert.equal(await held, 'OK');
      assert.equal(await after, 'v');
    } finally {
      a.close();
      b.close();
      admin.close();
    }
  });

  test('PAUSE ALL holds every command and ends by itself', async () => {
    const a = await RawClient.connect(server.port);
    const admin = await RawClient.connect(server.port);
    try {
      assert.equal(await admin.cmd('CLIENT', 'PAUSE', '50', 'ALL'), 'OK');
      assert.equal(await a.cmd('PING'), 'PONG');
    } finally {
      a.close();
      admin.close();
    }
  });

  test('KILL by id, by address, with SKIPME; SETNAME shows in LIST', async () => {
    const a = await RawClient.connect(server.port);
    const b = await RawClient.connect(server.port);
    try {
      const idA = (await a.cmd('CLIENT', 'ID')) as number;
      assert.equal(await a.cmd('CLIENT', 'SETNAME', 'alpha'), 'OK');
      const list = String(await b.cmd('CLIENT', 'LIST', 'ID', String(idA)));
      assert.match(list, new RegExp(`^id=${idA} addr=\\S+ laddr=\\S+ fd=\\d+ name=alpha age=\\d+ idle=\\d+ flags=N db=0 `));
      const addrB = /addr=(\S+)/.exec(String(await b.cmd('CLIENT', 'INFO')))![1];
      assert.equal(await b.cmd('CLIENT', 'KILL', 'ID', String(idA)), 1);
      await a.waitClosed();
      assert.equal(await b.cmd('CLIENT', 'KILL', 'ADDR', addrB), 0);
      assert.equal(await b.cmd('CLIENT', 'KILL', 'ADDR', addrB, 'SKIPME', 'no'), 1);
      await b.waitClosed();
    } finally {
      a.close();
      b.close();
    }
  });

  test('SETINFO and NO-TOUCH (Redis 7.2 additions) are accepted', async () => {
    const a = await RawClient.connect(server.port);
    try {
      assert.equal(await a.cmd('CLIENT', 'SETINFO', 'LIB-NAME', 'mylib'), 'OK');
      assert.deepEqual(await a.cmd('CLIENT', 'SETINFO', 'LIB-VER', '1 2'), { error: 'ERR lib-ver cannot contain spaces, newlines or special characters.' });
      assert.deepEqual(await a.cmd('CLIENT', 'SETINFO', 'FOO', 'x'), { error: "ERR Unrecognized option 'FOO'" });
      assert.equal(await a.cmd('CLIENT', 'NO-TOUCH', 'on'), 'OK');
      assert.match(String(await a.cmd('CLIENT', 'INFO')), /flags=T /);
    } finally {
      a.close();
    }
  });

  test('UNBLOCK wakes a blocked client with a timeout or an error', async () => {
    const a = await RawClient.connect(server.port);
    const admin = await RawClient.connect(server.port);
    try {
      const id = (await a.cmd('CLIENT', 'ID')) as number;
      const waiting = a.cmd('BLPOP', 'nolist', '0');
      // The BLPOP is blocked once CLIENT LIST shows its flag.
      while (!/flags=b /.test(String(await admin.cmd('CLIENT', 'LIST', 'ID', String(id)))));
      assert.equal(await admin.cmd('CLIENT', 'UNBLOCK', String(id)), 1);
      assert.equal(await waiting, null);
      const again = a.cmd('BLPOP', 'nolist', '0');
      while (!/flags=b /.test(String(await admin.cmd('CLIENT', 'LIST', 'ID', String(id)))));
      assert.equal(await admin.cmd('CLIENT', 'UNBLOCK', String(id), 'ERROR'), 1);
      assert.deepEqual(await again, { error: 'UNBLOCKED client unblocked via CLIENT UNBLOCK' });
      assert.equal(await admin.cmd('CLIENT', 'UNBLOCK', String(id)), 0);
    } finally {
      a.close();
      admin.close();
    }
  });

  test('a write inside MULTI waits for a write pause, like Redis', async () => {
    const a = await RawClient.connect(server.port);
    const admin = await RawClient.connect(server.port);
    try {
      assert.equal(await a.cmd('MULTI'), 'OK');
      assert.equal(await admin.cmd('CLIENT', 'PAUSE', '100000', 'WRITE'), 'OK');
      const queued = a.cmd('SET', 'mk', 'v');
      assert.match(String(await admin.cmd('CLIENT', 'LIST')), /flags=xb /);
      assert.equal(await admin.cmd('CLIENT', 'UNPAUSE'), 'OK');
      assert.equal(await queued, 'QUEUED');
      assert.deepEqual(await a.cmd('EXEC'), ['OK']);
    } finally {
      a.close();
      admin.close();
    }
  });
});
