/**
 * Servers for tests: an embedded Mnemo on a free port, and the reference
 * redis-server when it is installed. Without redis-server the differential
 * tests skip with a visible notice, unless MNEMO_REQUIRE_REDIS=1 (set by
 * CI), which turns a missing reference into a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { startServer, type RunningServer, type ServerOptions } from '../../src/index.js';

export async function startMnemo(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, ...options });
}

let cachedHasRedis: boolean | null = null;

export function hasRedis(): boolean {
  if (cachedHasRedis === null) {
    const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
    cachedHasRedis = r.status === 0;
    if (!cachedHasRedis && process.env.MNEMO_REQUIRE_REDIS === '1') {
      throw new Error('MNEMO_REQUIRE_REDIS=1 but redis-server is not installed');
    }
  }
  return cachedHasRedis;
}

/** The skip reason for node:test when the reference server is missing. */
export function skipWithoutRedis(): string | false {
  if (hasRedis()) return false;
  const msg = 'redis-server not installed: differential test skipped (install redis-server to run it)';
  process.stderr.write(`NOTICE: ${msg}\n`);
  return msg;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface RedisProcess {
  port: number;
  proc: ChildProcess;
  close(): Promise<void>;
}

/** Reference servers still running: a test file that ends early (a timeout, a cancelled suite) must not leave them behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
});

/** Starts redis-server with no persistence on a free port; resolves once it accepts connections. */
export async function startRedis(extraArgs: string[] = []): Promise<RedisProcess> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    const ok = await new Promise<boolean>((resolve) => {
      let out = '';
      proc.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('Ready to accept connections')) resolve(true);
      });
      proc.on('exit', () => resolve(false));
    });
    if (ok) {
      return {
        port,
        proc,
        close: () =>
          new Promise<void>((r) => {
            if (proc.exitCode !== null) return r();
            proc.once('exit', () => r());
            proc.kill('SIGKILL');
          }),
      };
    }
    if (attempt >= 3) throw new Error('redis-server did not start');
  }
}
