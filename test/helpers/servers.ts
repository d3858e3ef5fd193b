/**
 * Servers for tests: an embedded Mnemo on a free port, Mnemo in its own
 * process, and the reference redis-server when it is installed. Without redis-server the differential
 * tests skip with a visible notice, unless MNEMO_REQUIRE_REDIS=1 (set by
 * CI), which turns a missing reference into a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
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

export interface ServerProcess {
  port: number;
  proc: ChildProcess;
  close(): Promise<void>;
}

/** Server processes still running: a test file that ends early (a timeout, a cancelled suite) must not leave them behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
});

/** Starts command with argsFor(port) on a free port; resolves once it logs that it accepts connections. */
async function startOnFreePort(command: string, argsFor: (port: number) => string[]): Promise<ServerProcess> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const proc = spawn(command, argsFor(port), { stdio: ['ignore', 'pipe', 'pipe'] });
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
    if (attempt >= 3) throw new Error(`${command} did not start`);
  }
}

/** Starts redis-server with no persistence on a free port. */
export function startRedis(extraArgs: string[] = []): Promise<ServerProcess> {
  return startOnFreePort('redis-server', (port) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...extraArgs]);
}

const MNEMO_BIN = fileURLToPath(new URL('../../../bin/mnemo-server.js', import.meta.url));

/** Starts mnemo-server in its own process (its heap apart from the test runner's) with no persistence on a free port. */
export function startMnemoProcess(extraArgs: string[] = []): Promise<ServerProcess> {
  return startOnFreePort(process.execPath, (port) => [MNEMO_BIN, '--port', String(port), '--save', '', ...extraArgs]);
}
