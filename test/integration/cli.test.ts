/**
 * redis-cli and redis-benchmark against Mnemo: plain commands, -x (last
 * argument from stdin), --pipe mass insertion, RESP3 mode, and a short
 * benchmark run. Skipped visibly when the Redis tools are not installed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { describe, test, before, after } from 'node:test';
import { startMnemo } from '../helpers/servers.js';
import type { RunningServer } from '../../src/index.js';

function hasTools(): string | false {
  const ok = spawnSync('redis-cli', ['--version']).status === 0 && spawnSync('redis-benchmark', ['--version']).status === 0;
  if (ok) return false;
  if (process.env.MNEMO_REQUIRE_REDIS === '1') throw new Error('MNEMO_REQUIRE_REDIS=1 but redis-cli/redis-benchmark are not installed');
  const msg = 'redis-cli/redis-benchmark not installed: CLI integration tests skipped';
  process.stderr.write(`NOTICE: ${msg}\n`);
  return msg;
}

/** Runs a tool asynchronously (the embedded server shares this event loop) and returns its output. */
function run(cmd: string, args: string[], input?: Buffer | string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

describe('redis-cli and redis-benchmark', { skip: hasTools() }, () => {
  let server: RunningServer;
  let port: string;
  const cli = (args: string[], input?: Buffer | string) => run('redis-cli', ['-p', port, ...args], input);

  before(async () => {
    server = await startMnemo();
    port = String(server.port);
  });
  after(async () => {
    await server?.close();
  });

  test('plain commands', async () => {
    assert.equal((await cli(['PING'])).stdout, 'PONG\n');
    assert.equal((await cli(['SET', 'greeting', 'hello world'])).stdout, 'OK\n');
    assert.equal((await cli(['GET', 'greeting'])).stdout, 'hello world\n');
    assert.equal((await cli(['INCRBY', 'counter', '5'])).stdout, '5\n');
    assert.equal((await cli(['GET', 'nosuch'])).stdout, '\n');
    assert.equal((await cli(['--no-raw', 'GET', 'nosuch'])).stdout, '(nil)\n');
    assert.equal((await cli(['MGET', 'greeting', 'counter'])).stdout, 'hello world\n5\n');
    const err = await cli(['INCR', 'greeting']);
    assert.match(err.stdout, /ERR value is not an integer or out of range/);
  });

  test('-x reads the last argument from stdin', async () => {
    const payload = 'line one\nline two\n\x00binary';
    assert.equal((await cli(['-x', 'SET', 'fromstdin'], payload)).stdout, 'OK\n');
    const back = await cli(['--no-raw', 'STRLEN', 'fromstdin']);
    assert.equal(back.stdout, `(integer) ${Buffer.byteLength(payload)}\n`);
  });

  test('commands from stdin, one per line', async () => {
    const out = await cli([], 'SET a 1\nINCR a\nGET a\n');
    assert.equal(out.stdout, 'OK\n2\n2\n');
  });

  test('--pipe mass insertion', async () => {
    const n = 5000;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = `pipe:${i}`;
      const v = `value-${i}`;
      parts.push(`*3\r\n$3\r\nSET\r\n$${k.length}\r\n${k}\r\n$${v.length}\r\n${v}\r\n`);
    }
    const res = await cli(['--pipe'], parts.join(''));
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, new RegExp(`errors: 0, replies: ${n}`));
    assert.equal((await cli(['GET', `pipe:${n - 1}`])).stdout, `value-${n - 1}\n`);
    assert.equal((await cli(['DBSIZE'])).stdout.trim().length > 0, true);
  });

  test('RESP3 mode (-3)', async () => {
    await cli(['ZADD', 'z', '1.5', 'a']);
    const out = await cli(['-3', '--no-raw', 'ZSCORE', 'z', 'a']);
    assert.equal(out.stdout, '(double) 1.5\n');
    const hello = await cli(['-3', '--no-raw', 'HELLO', '3']);
    assert.match(hello.stdout, /1# "server" => "redis"/);
  });

  test('redis-benchmark runs SET and GET', async () => {
    const res = await run('redis-benchmark', ['-p', port, '-n', '1000', '-c', '10', '-t', 'set,get', '--csv']);
    assert.equal(res.code, 0, res.stderr);
    const lines = res.stdout.trim().split('\n');
    assert.match(lines[0], /^"test","rps"/);
    const tests = lines.slice(1).map((l) => l.split(',')[0]);
    assert.deepEqual(tests, ['"SET"', '"GET"']);
    for (const l of lines.slice(1)) assert.ok(Number(JSON.parse(l.split(',')[1])) > 0, l);
    // Pipelined too.
    const piped = await run('redis-benchmark', ['-p', port, '-n', '2000', '-P', '16', '-t', 'set', '-q']);
    assert.equal(piped.code, 0, piped.stderr);
    assert.match(piped.stdout, /SET: [\d.]+ requests per second/);
  });
});
