/**
 * Robustness of the protocol layer: hostile or broken input must never take
 * the server down or disturb other clients, and every protocol error must
 * be answered exactly as redis-server answers it, followed by a close.
 *
 * Random input comes from a seeded PRNG, so every run sends the same bytes.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { describe, test, before, after } from 'node:test';
import { RawClient, encodeCommand } from '../helpers/raw-client.js';
import { startMnemo, startRedis, skipWithoutRedis, type ServerProcess } from '../helpers/servers.js';
import type { RunningServer } from '../../src/index.js';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(rand: () => number, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

/** Upper bound on any single wait, so a regression fails instead of hanging the suite. */
const GUARD_MS = 20_000;

function guard<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), GUARD_MS);
    }),
  ]);
}

/**
 * Sends bytes on a fresh connection and collects everything the server sends
 * until it closes the connection.
 */
async function transcript(port: number, bytes: Buffer | string): Promise<string> {
  const s = net.connect(port, '127.0.0.1');
  s.on('error', () => {});
  await once(s, 'connect');
  const chunks: Buffer[] = [];
  s.on('data', (d: Buffer) => chunks.push(d));
  const closed = onClose(s);
  s.write(bytes);
  await guard(closed, `close after ${JSON.stringify(bytes.toString('latin1').slice(0, 40))}`);
  return Buffer.concat(chunks).toString('latin1');
}

/** Resolves on close; unlike once(), a reset before the close is not a rejection. */
function onClose(s: net.Socket): Promise<void> {
  return new Promise((r) => s.once('close', () => r()));
}

/** Opens a socket, writes, and drops it at once, without waiting for an answer. */
async function writeAndDrop(port: number, bytes: Buffer[]): Promise<void> {
  const s = net.connect(port, '127.0.0.1');
  s.on('error', () => {});
  await once(s, 'connect');
  for (const b of bytes) s.write(b);
  await new Promise<void>((r) => s.end(() => r()));
  s.destroy();
}

/** Polls a condition on the event loop (no fixed sleeps): resolves once it holds. */
async function eventually(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + GUARD_MS;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`condition never held: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const QUIT = encodeCommand(['QUIT']);
const big = (ch: string, n: number) => ch.repeat(n);

/**
 * Inputs whose transcript (everything until the server closes) must equal
 * redis-server's. Inputs that do not fail end with QUIT, so every case ends
 * in a close we can wait for.
 */
const PROTOCOL_CASES: [string, string][] = [
  ['multibulk count not a number', '*abc\r\n'],
  ['multibulk count with a plus sign', '*+1\r\n'],
  ['multibulk count with a leading zero', '*01\r\n'],
  ['multibulk count minus zero', '*-0\r\n'],
  ['multibulk count empty', '*\r\n'],
  ['multibulk count above INT_MAX', '*2147483648\r\n'],
  ['multibulk count of 20+ digits', '*' + big('9', 30) + '\r\n'],
  ['bulk header not starting with $', '*1\r\nx\r\n'],
  ['integer where a bulk is expected', '*3\r\n$3\r\nSET\r\n$1\r\na\r\n:5\r\n'],
  ['bulk length not a number', '*1\r\n$abc\r\n'],
  ['bulk length negative', '*1\r\n$-5\r\n'],
  ['bulk length -1', '*1\r\n$-1\r\n'],
  ['bulk length with a blank', '*1\r\n$ 3\r\n'],
  ['bulk length with a leading zero', '*1\r\n$01\r\n'],
  ['bulk length empty', '*1\r\n$\r\n'],
  ['bulk length above proto-max-bulk-len', '*1\r\n$536870913\r\n'],
  ['unbalanced double quote', '"unbalanced\r\n'],
  ['unbalanced single quote', "ECHO 'a\r\n"],
  ['closing quote followed by a letter', 'PING "a"b\r\n'],
  ['inline request over 64KB without newline', big('x', 70_000)],
  ['multibulk count line over 64KB', '*' + big('1', 70_000)],
  ['bulk count line over 64KB', '*1\r\n$' + big('1', 70_000)],
  ['wrong type byte on a line over 64KB', '*1\r\nx' + big('y', 70_000)],
  ['error after a good command in the same packet', 'PING\r\n*abc\r\n'],
  ['error after a pipelined multibulk', '*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n*1\r\n$x\r\n'],
  ['bytes after the error are ignored', '*abc\r\nPING\r\nPING\r\n'],
  ['bulk terminator is skipped, not checked', '*1\r\n$4\r\nPINGXY' + QUIT.toString('latin1')],
  ['negative multibulk count is ignored', '*-1\r\n' + QUIT.toString('latin1')],
  ['zero multibulk count is ignored', '*0\r\n' + QUIT.toString('latin1')],
  ['empty lines are ignored', '\r\n\n\r\nPING\r\n' + QUIT.toString('latin1')],
  ['empty command name', '*1\r\n$0\r\n\r\n' + QUIT.toString('latin1')],
  ['inline quoting and escapes', 'ECHO "a\\x41\\n\\t\\"" \r\nECHO \'it\\\'s\'\r\nECHO "\\xZZ"\r\nQUIT\r\n'],
  ['inline with LF only and extra blanks', '   PING   \nECHO  a\nQUIT\n'],
  ['a $-line at top level is an inline command', '$5\r\necho\r\n' + QUIT.toString('latin1')],
  ['inline with high bytes', Buffer.from('ECHO \xff\xfe\r\nQUIT\r\n', 'latin1').toString('latin1')],
];

/** Cases that depend on authentication: both servers run with requirepass. */
const AUTH_CASES: [string, string][] = [
  ['multibulk over 10 before AUTH', '*11\r\n'],
  ['bulk over 16KB before AUTH', '*1\r\n$16385\r\n'],
  ['commands refused before AUTH', 'PING\r\n' + QUIT.toString('latin1')],
  ['limits lifted after AUTH', encodeCommand(['AUTH', 'pw']).toString('latin1') + '*11\r\n' + encodeCommand(['PING']).toString('latin1') + QUIT.toString('latin1')],
];

describe('protocol errors match redis-server, and the connection is closed', { skip: skipWithoutRedis() }, () => {
  let mnemo: RunningServer;
  let redis: ServerProcess;
  before(async () => {
    [mnemo, redis] = await Promise.all([startMnemo(), startRedis()]);
  });
  after(async () => {
    await mnemo?.close();
    await redis?.close();
  });
  for (const [name, bytes] of PROTOCOL_CASES) {
    test(name, async () => {
      const raw = Buffer.from(bytes, 'latin1');
      const [m, r] = await Promise.all([transcript(mnemo.port, raw), transcript(redis.port, raw)]);
      assert.equal(m, r);
    });
  }
});

describe('unauthenticated protocol limits match redis-server', { skip: skipWithoutRedis() }, () => {
  let mnemo: RunningServer;
  let redis: ServerProcess;
  before(async () => {
    [mnemo, redis] = await Promise.all([startMnemo({ requirepass: 'pw' }), startRedis(['--requirepass', 'pw'])]);
  });
  after(async () => {
    await mnemo?.close();
    await redis?.close();
  });
  for (const [name, bytes] of AUTH_CASES) {
    test(name, async () => {
      const raw = Buffer.from(bytes, 'latin1');
      const [m, r] = await Promise.all([transcript(mnemo.port, raw), transcript(redis.port, raw)]);
      assert.equal(m, r);
    });
  }
});

describe('hostile input does not disturb the server or other clients', () => {
  let server: RunningServer;
  let witness: RawClient;
  let round = 0;

  /** The witness connection, open throughout, must keep getting exact answers. */
  async function witnessStillServed(): Promise<void> {
    round++;
    const value = `value-${round}-` + 'v'.repeat(round * 100);
    assert.equal((await witness.call('SET', `witness:${round}`, value)).toString(), '+OK\r\n');
    assert.equal((await witness.call('GET', `witness:${round}`)).toString(), `$${value.length}\r\n${value}\r\n`);
    assert.equal((await witness.call('PING')).toString(), '+PONG\r\n');
    // Every hostile connection is gone: nothing leaks.
    await eventually(() => server.ctx.clients.size === 1, 'only the witness connected');
  }

  before(async () => {
    server = await startMnemo();
    witness = await RawClient.connect(server.port);
  });
  after(async () => {
    witness?.close();
    await server?.close();
  });

  test('random bytes on many connections', async () => {
    const rand = prng(1);
    for (let i = 0; i < 100; i++) {
      await writeAndDrop(server.port, [randomBytes(rand, 1 + Math.floor(rand() * 4096))]);
    }
    await witnessStillServed();
  });

  test('random bytes after a valid multibulk prefix', async () => {
    const rand = prng(2);
    for (let i = 0; i < 100; i++) {
      const head = Buffer.from(`*${1 + Math.floor(rand() * 5)}\r\n$${Math.floor(rand() * 20)}\r\n`);
      await writeAndDrop(server.port, [head, randomBytes(rand, Math.floor(rand() * 512))]);
    }
    await witnessStillServed();
  });

  test('valid frames truncated at every kind of position', async () => {
    const rand = prng(3);
    const frames = [
      encodeCommand(['SET', 'k', 'x'.repeat(1000)]),
      encodeCommand(['GET', 'k']),
      encodeCommand(['ECHO', randomBytes(rand, 300)]),
      Buffer.from('ECHO "quoted \\x41 string"\r\n'),
    ];
    for (let i = 0; i < 150; i++) {
      const f = frames[i % frames.length];
      const cut = 1 + Math.floor(rand() * (f.length - 1));
      await writeAndDrop(server.port, [f.subarray(0, cut)]);
    }
    await witnessStillServed();
  });

  test('frames split into single bytes are still understood', async () => {
    const c = await RawClient.connect(server.port);
    const frame = encodeCommand(['ECHO', 'split across many packets']);
    for (const b of frame) {
      c.writeRaw(Buffer.from([b]));
      await new Promise((r) => setImmediate(r));
    }
    assert.equal((await c.next()).toString(), '$25\r\nsplit across many packets\r\n');
    c.close();
    await witnessStillServed();
  });

  test('huge declared lengths followed by a hang-up', async () => {
    const cases = [
      '*1\r\n$536870912\r\nabc',
      '*2147483647\r\n$3\r\nGET\r\n',
      '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$400000000\r\n' + 'x'.repeat(100_000),
      '*1048576\r\n',
    ];
    for (const c of cases) await writeAndDrop(server.port, [Buffer.from(c)]);
    await witnessStillServed();
  });

  test('megabytes of garbage on one connection', async () => {
    const rand = prng(4);
    const s = net.connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    await once(s, 'connect');
    const closed = onClose(s);
    // Newline-free garbage: the server must give up after 64KB, not buffer it all.
    for (let i = 0; i < 64 && !s.destroyed; i++) {
      const chunk = randomBytes(rand, 64 * 1024);
      for (let j = 0; j < chunk.length; j++) if (chunk[j] === 10) chunk[j] = 32;
      chunk[0] = 65; // an inline command, not a multibulk header
      s.write(chunk);
    }
    await guard(closed, 'the server to drop the garbage connection');
    await witnessStillServed();
  });

  test('megabytes of garbage lines on one connection', async () => {
    const rand = prng(5);
    const s = net.connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    await once(s, 'connect');
    s.on('data', () => {});
    // Short lines of printable junk: each is an unknown command, answered and survived.
    let sent = 0;
    while (sent < 4 * 1024 * 1024) {
      const line = randomBytes(rand, 200);
      for (let j = 0; j < line.length; j++) line[j] = 97 + (line[j] % 26);
      line[198] = 13;
      line[199] = 10;
      s.write(line);
      sent += line.length;
    }
    s.destroy();
    await witnessStillServed();
  });

  test('many connections dropping in the middle of a large frame', async () => {
    const rand = prng(6);
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      const declared = 100_000 + Math.floor(rand() * 1_000_000);
      const head = Buffer.from(`*3\r\n$3\r\nSET\r\n$8\r\ndropped${i % 10}\r\n$${declared}\r\n`);
      pending.push(writeAndDrop(server.port, [head, randomBytes(rand, Math.floor(rand() * (declared / 2)))]));
    }
    await Promise.all(pending);
    await witnessStillServed();
    // Nothing half-received was executed.
    for (let i = 0; i < 10; i++) assert.equal((await witness.call('GET', `dropped${i}`)).toString(), '$-1\r\n');
  });

  test('a protocol error answers and closes only the offending connection', async () => {
    const bystander = await RawClient.connect(server.port);
    const offender = await RawClient.connect(server.port);
    offender.writeRaw('*1\r\n$-7\r\n');
    assert.equal((await offender.next()).toString(), '-ERR Protocol error: invalid bulk length\r\n');
    await guard(offender.waitClosed(), 'offender closed');
    assert.equal((await bystander.call('ECHO', 'still here')).toString(), '$10\r\nstill here\r\n');
    bystander.close();
    await witnessStillServed();
  });
});
