/**
 * The log lines that supervisors and test harnesses read, from mnemo-server
 * and redis-server started the same way: start-up (the "just started"
 * line, "Running mode=" or the logo with its Port: and PID: lines, "Server
 * initialized", the ready lines), shutdown (pid file and unix socket
 * removed, "ready to exit, bye bye"), the signal-handler line and the
 * SECURITY ATTACK warning. Mnemo's name may replace Redis's where no tool
 * reads it; the rest must match.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test, after } from 'node:test';
import { skipWithoutRedis } from '../helpers/servers.js';
import { RawClient } from '../helpers/raw-client.js';

const MNEMO_BIN = fileURLToPath(new URL('../../../bin/mnemo-server.js', import.meta.url));

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A server process and everything it logged, with a way to wait for a line. */
class Logged {
  text = '';
  private waiters: { re: RegExp; resolve: () => void }[] = [];
  readonly exited: Promise<void>;

  constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {
    proc.stdout!.on('data', (d: Buffer) => {
      this.text += d.toString('latin1');
      this.waiters = this.waiters.filter((w) => {
        if (!w.re.test(this.text)) return true;
        w.resolve();
        return false;
      });
    });
    // 'close', not 'exit': the last lines may still be in the pipe when the process exits.
    this.exited = new Promise((r) => proc.once('close', () => r()));
  }

  waitFor(re: RegExp): Promise<void> {
    if (re.test(this.text)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ re, resolve }));
  }

  /** The messages of the prefixed lines, without "pid:role date time mark". */
  messages(): string[] {
    return this.text
      .split('\n')
      .map((l) => /^\d+:[A-Z] \d\d \w{3} \d{4} [\d:.]+ [.\-*#] (.*)$/.exec(l)?.[1])
      .filter((m): m is string => m !== undefined);
  }
}

const running = new Set<ChildProcess>();
after(() => {
  for (const p of running) p.kill('SIGKILL');
});

async function start(kind: 'redis' | 'mnemo', dir: string, extra: string[]): Promise<Logged> {
  const port = await freePort();
  const args = ['--port', String(port), '--save', '', '--unixsocket', join(dir, `${kind}.sock`), '--pidfile', join(dir, `${kind}.pid`), ...extra];
  const proc = kind === 'redis' ? spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(process.execPath, [MNEMO_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  const s = new Logged(proc, port);
  await s.waitFor(/The server is now ready to accept connections at/);
  return s;
}

/** Start-up and shutdown lines tools read, in order; the server's own name blanked where Mnemo may use its own. */
function milestones(s: Logged, port: number, dir: string, kind: string): string[] {
  const keep = [
    /oO0OoO0OoO0Oo \w+ is starting oO0OoO0OoO0Oo/,
    /just started$/,
    /^Configuration loaded$/,
    /^Running mode=/,
    /^Server initialized$/,
    /^Ready to accept connections$/,
    /^The server is now ready to accept connections at /,
    /^User requested shutdown/,
    /^Removing the pid file/,
    /^Removing the unix socket file/,
    /ready to exit, bye bye/,
  ];
  return s
    .messages()
    .filter((m) => keep.some((re) => re.test(m)))
    .map((m) =>
      m
        .replace(/oO0OoO0OoO0Oo \w+ is starting/, 'oO0OoO0OoO0Oo NAME is starting')
        .replace(/^.* just started$/, 'NAME ... just started')
        .replace(/^\w+ is now ready to exit/, 'NAME is now ready to exit')
        .replace(`port=${port}.`, 'port=PORT.')
        .replace(join(dir, `${kind}.sock`), 'SOCKET'),
    );
}

describe('log lines tools read', { skip: skipWithoutRedis() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mnemo-logs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('start-up and SHUTDOWN: the same milestones; pid file and unix socket removed', async () => {
    const [m, r] = await Promise.all([start('mnemo', dir, []), start('redis', dir, [])]);
    for (const s of [m, r]) {
      const c = await RawClient.connect(s.port);
      c.writeRaw('*1\r\n$8\r\nSHUTDOWN\r\n');
      await c.waitClosed();
      await s.exited;
    }
    const mm = milestones(m, m.port, dir, 'mnemo');
    const rm = milestones(r, r.port, dir, 'redis');
    assert.deepEqual(mm, rm);
    assert.ok(rm.includes('Removing the unix socket file.'));
    for (const kind of ['mnemo', 'redis']) {
      assert.equal(existsSync(join(dir, `${kind}.sock`)), false, `${kind}'s unix socket file is left`);
      assert.equal(existsSync(join(dir, `${kind}.pid`)), false, `${kind}'s pid file is left`);
    }
  });

  test('always-show-logo: the Port: and PID: lines harnesses wait for', async () => {
    const [m, r] = await Promise.all([start('mnemo', dir, ['--always-show-logo', 'yes']), start('redis', dir, ['--always-show-logo', 'yes'])]);
    for (const s of [m, r]) {
      assert.match(s.text, new RegExp(` PID: ${s.proc.pid}\\n`));
      assert.match(s.text, new RegExp(` Port: ${s.port}\\n`));
      assert.match(s.text, / Running in standalone mode\n/);
      // The logo replaces the "Running mode=" line.
      assert.equal(s.messages().filter((l) => l.startsWith('Running mode=')).length, 0);
      s.proc.kill('SIGTERM');
    }
    await Promise.all([m.exited, r.exited]);
    for (const s of [m, r]) assert.match(s.text, new RegExp(`\\n${s.proc.pid}:signal-handler \\(\\d+\\) Received SIGTERM scheduling shutdown\\.\\.\\.\\n`));
    assert.deepEqual(milestones(m, m.port, dir, 'mnemo').slice(-4), milestones(r, r.port, dir, 'redis').slice(-4));
  });

  test('a POST request: the SECURITY ATTACK warning, once', async () => {
    const [m, r] = await Promise.all([start('mnemo', dir, []), start('redis', dir, [])]);
    for (const s of [m, r]) {
      for (let i = 0; i < 2; i++) {
        const c = await RawClient.connect(s.port);
        c.writeRaw('POST / HTTP/1.1\r\nHost: localhost\r\n\r\n');
        await c.waitClosed();
      }
      await s.waitFor(/SECURITY ATTACK/);
      // A command after the probes: its reply proves the second probe was handled (and not logged).
      const c = await RawClient.connect(s.port);
      await c.cmd('PING');
      c.close();
      s.proc.kill('SIGTERM');
      await s.exited;
    }
    const warning = (s: Logged) => s.messages().filter((l) => l.includes('SECURITY ATTACK'));
    assert.deepEqual(warning(m), warning(r));
    assert.equal(warning(r).length, 1);
  });
});
