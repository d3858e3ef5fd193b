/**
 * The two contestants as separate processes: Mnemo through its own
 * launcher (bin/mnemo-server.js, as a user would run it) and the
 * reference redis-server, both without persistence.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/bench/ -> the repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The node flags bin/mnemo-server.js's shebang and `npm start` run the server with. */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];

export interface ServerProcess {
  name: 'Mnemo' | 'Redis';
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Resolves once the server answers PING; rejects if it exits or takes too long. */
async function waitReady(port: number, proc: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with code ${proc.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('error', () => resolve(false));
      s.once('connect', () => s.write('PING\r\n'));
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${name} did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startServer(name: 'Mnemo' | 'Redis'): Promise<ServerProcess> {
  const port = await freePort();
  const flags = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const proc =
    name === 'Mnemo'
      ? spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(process.env.MNEMO_NODE_FLAGS ? process.env.MNEMO_NODE_FLAGS.split(' ') : []), path.join(REPO_ROOT, 'bin', 'mnemo-server.js'), ...flags], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
      : spawn('redis-server', flags, { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitReady(port, proc, name);
  return {
    name,
    port,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      }),
  };
}

/** Resident set size in bytes, from /proc/<pid>/status (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}
