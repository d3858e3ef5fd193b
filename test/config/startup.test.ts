/**
 * mnemo-server's command line and config file against redis-server's: the
 * same bad input must stop both with the same report and exit status, and
 * a good file (with include) must load, be served over the unix socket and
 * be rewritten by CONFIG REWRITE as Redis rewrites it.
 */
import assert from 'node:assert/strict';
import { test, describe, before, after } from 'node:test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { once } from 'node:events';
import { skipWithoutRedis } from '../helpers/servers.js';
import { encodeCommand } from '../helpers/raw-client.js';
import { replyEnd, decode, type Reply } from '../helpers/resp.js';

const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));
const MNEMO = ['--input-type=module', '-e', `import { main } from ${JSON.stringify(MAIN)}; await main(process.argv.slice(1));`, '--'];

function runMnemo(args: string[]): { out: string; status: number | null } {
  const r = spawnSync(process.execPath, [...MNEMO, ...args], { encoding: 'latin1', timeout: 20000 });
  return { out: r.stdout + r.stderr, status: r.status };
}

function runRedis(args: string[]): { out: string; status: number | null } {
  const r = spawnSync('redis-server', args, { encoding: 'latin1', timeout: 20000 });
  return { out: r.stdout + r.stderr, status: r.status };
}

/** Log lines carry a pid and a time: keep only the message. */
function normalise(s: string): string {
  return s.replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [#*.-] /gm, '');
}

describe('start-up configuration errors match redis-server', { skip: skipWithoutRedis() }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mnemo-conf-'));
    writeFileSync(join(dir, 'bad.conf'), 'port 7113\n\nmaxmemory 1x\n');
    writeFileSync(join(dir, 'good.conf'), 'port 0\n\nmaxmemory 1mb\n');
    writeFileSync(join(dir, 'inc.conf'), `include ${join(dir, 'bad.conf')}\n`);
    writeFileSync(join(dir, 'unb.conf'), 'port "unbalanced\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string[]][] = [
    ['unknown option', () => ['--foo', 'bar']],
    ['not an integer', () => ['--port', 'abc']],
    ['too many values', () => ['--port', '1', '2']],
    ['a stray word joins the previous option', () => ['--port', '7113', 'extra']],
    ['bad memory value', () => ['--port', '0', '--maxmemory', '1x']],
    ['bad save', () => ['--save', 'x']],
    ['out of range', () => ['--databases', '0']],
    ['bad enum', () => ['--loglevel', 'foo']],
    ['bad bool', () => ['--appendonly', 'maybe']],
    ['bare option', () => ['--port', '0', '--daemonize']],
    ['bare --save then an unknown option', () => ['--port', '7113', '--save', '--foo', 'bar']],
    ['quoted values', () => [join(dir, 'good.conf'), '--hz', '5', '--foo', 'a b', 'c"d']],
    ['error inside the file', () => [join(dir, 'bad.conf')]],
    ['error in an included file', () => [join(dir, 'inc.conf')]],
    ['unbalanced quotes', () => [join(dir, 'unb.conf')]],
    ['option after a file', () => [join(dir, 'good.conf'), '--foo', 'bar']],
    ['missing file', () => [join(dir, 'nonexistent.conf')]],
    ['octal permissions', () => ['--unixsocketperm', '999']],
  ];
  for (const [name, args] of cases) {
    test(name, () => {
      const r = runRedis(args());
      const m = runMnemo(args());
      assert.equal(m.status, r.status);
      assert.notEqual(m.status, 0);
      assert.equal(normalise(m.out), normalise(r.out));
    });
  }
});

class UnixClient {
  private buf = Buffer.alloc(0);
  private waiters: ((r: Reply) => void)[] = [];
  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const end = replyEnd(this.buf);
        if (end < 0) break;
        const r = decode(this.buf.subarray(0, end))[0];
        this.buf = this.buf.subarray(end);
        this.waiters.shift()?.(r);
      }
    });
  }
  static async connect(path: string): Promise<UnixClient> {
    const s = net.connect(path);
    await once(s, 'connect');
    return new UnixClient(s);
  }
  cmd(...args: string[]): Promise<Reply> {
    this.socket.write(encodeCommand(args));
    return new Promise((r) => this.waiters.push(r));
  }
  close(): void {
    this.socket.destroy();
  }
}

function startProcess(cmd: string, args: string[]): Promise<ChildProcess> {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d) => {
      out += d;
      if (/ready to accept connections/i.test(out)) resolve(p);
    });
    p.on('exit', () => reject(new Error(`exited: ${out}`)));
  });
}

describe('config file loading and CONFIG REWRITE', { skip: skipWithoutRedis() }, () => {
  let dir: string;
  const procs: ChildProcess[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mnemo-rw-'));
  });
  after(() => {
    for (const p of procs) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('both servers rewrite the same file the same way', async () => {
    const base = (sock: string) =>
      [
        '# top comment',
        'port 0',
        `unixsocket ${sock}`,
        `dir ${dir}`,
        '',
        '# hz comment',
        'hz 10',
        'hz 20',
        'save 900 1',
        'save 300 10',
        'client-output-buffer-limit pubsub 1mb 2mb 3',
        'slave-read-only yes',
        'hash-max-ziplist-entries 100',
        'maxmemory 100mb',
        '   # indented comment',
        'notify-keyspace-events "KEA"',
        `include ${join(dir, 'empty.conf')}`,
        '',
      ].join('\n');
    writeFileSync(join(dir, 'empty.conf'), 'timeout 7\n');
    writeFileSync(join(dir, 'r.conf'), base(join(dir, 'r.sock')));
    writeFileSync(join(dir, 'm.conf'), base(join(dir, 'm.sock')));
    procs.push(await startProcess('redis-server', [join(dir, 'r.conf')]));
    procs.push(await startProcess(process.execPath, [...MNEMO, join(dir, 'm.conf')]));
    const r = await UnixClient.connect(join(dir, 'r.sock'));
    const m = await UnixClient.connect(join(dir, 'm.sock'));
    try {
      for (const name of ['hz', 'save', 'client-output-buffer-limit', 'maxmemory', 'timeout', 'notify-keyspace-events', 'hash-max-listpack-entries', 'port']) {
        assert.deepEqual(await m.cmd('CONFIG', 'GET', name), await r.cmd('CONFIG', 'GET', name), name);
      }
      for (const cmd of [
        ['CONFIG', 'SET', 'save', '100 5'],
        ['CONFIG', 'SET', 'maxmemory', '0'],
        ['CONFIG', 'SET', 'timeout', '30'],
        ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 2 3'],
        ['CONFIG', 'SET', 'loglevel', 'verbose'],
        ['CONFIG', 'REWRITE'],
        ['CONFIG', 'SET', 'maxmemory', '3gb'],
        ['CONFIG', 'SET', 'hz', '10'],
        ['CONFIG', 'REWRITE'],
      ]) {
        assert.deepEqual(await m.cmd(...cmd), await r.cmd(...cmd), cmd.join(' '));
      }
    } finally {
      m.close();
      r.close();
    }
    const norm = (text: string, sock: string) => {
      const lines = text.replace(sock, 'SOCK').split('\n');
      const sig = lines.indexOf('# Generated by CONFIG REWRITE');
      // Redis appends new options in its dictionary's order: compare that part as a set.
      return { head: lines.slice(0, sig + 1), tail: lines.slice(sig + 1).sort() };
    };
    const rt = norm(readFileSync(join(dir, 'r.conf'), 'latin1'), join(dir, 'r.sock'));
    const mt = norm(readFileSync(join(dir, 'm.conf'), 'latin1'), join(dir, 'm.sock'));
    assert.deepEqual(mt, rt);
    copyFileSync(join(dir, 'm.conf'), join(dir, 'm2.conf'));
  });

  test('a rewritten file starts Mnemo again, password included, also when every option is written', async () => {
    const sock = join(dir, 'again.sock');
    const file = join(dir, 'again.conf');
    writeFileSync(file, `port 0\nunixsocket ${sock}\nenable-debug-command yes\nhz 15\n`);
    const first = await startProcess(process.execPath, [...MNEMO, file]);
    procs.push(first);
    const a = await UnixClient.connect(sock);
    assert.equal(await a.cmd('CONFIG', 'SET', 'requirepass', 's3cret'), 'OK');
    assert.equal(await a.cmd('AUTH', 's3cret'), 'OK');
    assert.equal(await a.cmd('CONFIG', 'REWRITE'), 'OK');
    assert.match(readFileSync(file, 'latin1'), /\nuser default on #[0-9a-f]{64} ~\* &\* \+@all\n/);
    assert.equal(await a.cmd('DEBUG', 'CONFIG-REWRITE-FORCE-ALL'), 'OK');
    const before = await a.cmd('CONFIG', 'GET', '*');
    a.close();
    first.kill('SIGKILL');
    await once(first, 'exit');
    procs.push(await startProcess(process.execPath, [...MNEMO, file]));
    const b = await UnixClient.connect(sock);
    try {
      assert.deepEqual(await b.cmd('GET', 'k'), { error: 'NOAUTH Authentication required.' });
      assert.equal(await b.cmd('AUTH', 's3cret'), 'OK');
      assert.deepEqual(await b.cmd('CONFIG', 'GET', '*'), before);
    } finally {
      b.close();
    }
  });
});

describe('logging', () => {
  test('logfile gets Redis-format lines, with version, port and pid at start-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mnemo-log-'));
    const log = join(dir, 'server.log');
    const sock = join(dir, 's.sock');
    const p = spawn(process.execPath, [...MNEMO, '--port', '0', '--unixsocket', sock, '--logfile', log, '--loglevel', 'verbose']);
    try {
      // Wait until the socket answers: the log is written by then.
      let c: UnixClient | null = null;
      for (let i = 0; i < 200 && c === null; i++) {
        c = await UnixClient.connect(sock).catch(() => null);
        if (c === null) await new Promise((r) => setTimeout(r, 25));
      }
      assert.ok(c);
      assert.equal(await c.cmd('CONFIG', 'GET', 'logfile').then((r) => (r as string[])[1]), log);
      c.close();
      const lines = readFileSync(log, 'latin1').trim().split('\n');
      for (const line of lines) assert.match(line, /^\d+:[CM] \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}\.\d{3} [.\-*#] \S/);
      const start = lines.find((l) => l.includes('just started'));
      assert.ok(start && start.includes(`pid=${p.pid}`) && start.includes('redis_version=7.0.15'));
      assert.ok(lines.some((l) => /Running mode=standalone, port=\d+\./.test(l)));
    } finally {
      p.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
