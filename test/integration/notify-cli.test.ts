/**
 * The motivating example, end to end with the real redis-cli:
 *
 *   redis-cli --csv psubscribe '__key*__:expired'
 *   redis-cli config set notify-keyspace-events Ex
 *   redis-cli set logged_in_user:1234 123456789 EX 3600
 *   redis-cli set logged_in_user:1234 123456789 EX 3600 XX
 *
 * with the refresh shortened to PX 200 so the session runs out during the
 * test. Every step waits for an event (a line of output, a reply), never
 * for a fixed time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFile, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { promisify } from 'node:util';
import { startMnemo } from '../helpers/servers.js';

const hasCli = spawnSync('redis-cli', ['--version']).status === 0;

/** Lines of a child's stdout, awaited one predicate at a time. */
class Lines {
  private buf = '';
  private readonly lines: string[] = [];
  private waiter: (() => void) | null = null;
  constructor(proc: ChildProcessWithoutNullStreams) {
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d: string) => {
      this.buf += d;
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        this.lines.push(this.buf.slice(0, nl));
        this.buf = this.buf.slice(nl + 1);
      }
      this.waiter?.();
    });
  }
  async waitFor(pred: (line: string) => boolean): Promise<string> {
    for (;;) {
      const i = this.lines.findIndex(pred);
      if (i >= 0) return this.lines.splice(0, i + 1)[i];
      await new Promise<void>((r) => (this.waiter = r));
    }
  }
}

/** One redis-cli command; asynchronous, since the server under test runs in this very process. */
async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
  return stdout.trim();
}

test('redis-cli --csv psubscribe sees the expired event of a refreshed session', { skip: hasCli ? false : 'redis-cli not installed' }, async (t) => {
  const server = await startMnemo();
  const sub = spawn('redis-cli', ['-p', String(server.port), '--csv', 'psubscribe', '__key*__:expired']);
  try {
    const out = new Lines(sub);
    assert.equal(await out.waitFor((l) => l.startsWith('"psubscribe"')), '"psubscribe","__key*__:expired",1');

    assert.equal(await cli(server.port, 'config', 'set', 'notify-keyspace-events', 'Ex'), 'OK');
    assert.equal(await cli(server.port, 'config', 'get', 'notify-keyspace-events'), 'notify-keyspace-events\nxE');
    assert.equal(await cli(server.port, 'set', 'logged_in_user:1234', '123456789', 'EX', '3600'), 'OK');
    assert.equal(await cli(server.port, 'set', 'logged_in_user:1234', '123456789', 'PX', '200', 'XX'), 'OK');
    const deadline = server.ctx.keyspace.dbs[0].expires.get('logged_in_user:1234')!;

    const line = await out.waitFor((l) => l.startsWith('"pmessage"'));
    // Reported, not asserted: timing depends on the machine.
    t.diagnostic(`printed by redis-cli ${Date.now() - deadline} ms after the key's deadline`);
    assert.equal(line, '"pmessage","__key*__:expired","__keyevent@0__:expired","logged_in_user:1234"');
    assert.equal(await cli(server.port, 'exists', 'logged_in_user:1234'), '0');
  } finally {
    sub.kill();
    await server.close();
  }
});
