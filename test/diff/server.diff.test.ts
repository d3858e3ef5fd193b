import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';
import { RawClient } from '../helpers/raw-client.js';
import { decode, type Reply } from '../helpers/resp.js';

function text(r: Reply): string {
  if (typeof r === 'string') return r;
  return (r as { verbatim: string }).verbatim;
}

/** INFO text as ordered sections of field names. */
function infoShape(s: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur: string[] = [];
  for (const line of s.split('\r\n')) {
    if (line.startsWith('# ')) out.set(line.slice(2), (cur = []));
    else if (line) cur.push(line.slice(0, line.indexOf(':')));
  }
  return out;
}

for (const resp3 of [false, true]) {
  diffSuite(
    `server commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('arity and syntax errors', async () => {
        await env().session.script([
          ['TIME', 'x'],
          ['LASTSAVE', 'x'],
          ['MONITOR', 'x'],
          ['SLOWLOG', 'GET', '1', '2'],
          ['SLOWLOG', 'GET', 'abc'],
          ['SLOWLOG', 'GET', '-2'],
          ['SLOWLOG', 'LEN', 'x'],
          ['SLOWLOG', 'FOO'],
          ['SLOWLOG', 'HELP'],
          ['MEMORY', 'USAGE'],
          ['MEMORY', 'USAGE', 'nokey'],
          ['MEMORY', 'USAGE', 'a', 'b', 'c', 'd'],
          ['MEMORY', 'HELP'],
          ['MEMORY', 'PURGE'],
          ['MEMORY', 'DOCTOR'],
          ['LATENCY', 'HISTORY'],
          ['LATENCY', 'LATEST', 'x'],
          ['LATENCY', 'LATEST'],
          ['LATENCY', 'HISTORY', 'command'],
          ['LATENCY', 'RESET'],
          ['LATENCY', 'GRAPH', 'nosuch'],
          ['LATENCY', 'GRAPH'],
          ['LATENCY', 'DOCTOR'],
          ['SHUTDOWN', 'ABORT'],
          ['SHUTDOWN', 'FOO'],
          ['SHUTDOWN', 'ABORT', 'NOSAVE'],
          ['DEBUG', 'SLEEP', '0'],
          ['DEBUG', 'HELP'],
          ['INFO', 'nosuchsection'],
        ]);
      });
      test('INFO sections and fields', async () => {
        const s = env().session;
        await s.same(['SET', 'k', 'v']);
        await s.same(['INFO'], (m, r) => {
          const ms = infoShape(text(m));
          const rs = infoShape(text(r));
          assert.deepEqual([...ms.keys()], [...rs.keys()]);
          for (const [sec, fields] of rs) {
            const mine = ms.get(sec)!;
            for (const f of fields) if (f !== 'redis_build_id') assert.ok(mine.includes(f), `INFO ${sec} lacks ${f}`);
          }
          assert.match(text(m), /\r\nloading:0\r\n/);
          assert.match(text(m), /\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n/);
        });
        await s.same(['INFO', 'keyspace']);
        await s.same(['INFO', 'server', 'clients'], (m, r) => assert.deepEqual([...infoShape(text(m)).keys()], [...infoShape(text(r)).keys()]));
        await s.same(['INFO', 'everything'], (m) => {
          const keys = [...infoShape(text(m)).keys()];
          for (const sec of ['Commandstats', 'Errorstats', 'Modules', 'Keyspace']) assert.ok(keys.includes(sec), sec);
        });
        await s.same(['INFO', 'commandstats'], (m, r) => {
          assert.match(text(m), /cmdstat_set:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0/);
          assert.match(text(r), /cmdstat_set:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0/);
        });
        await s.same(['CONFIG', 'GET', 'nope', 'x', 'y']);
        await s.same(['GET', 'k', 'x']);
        await s.same(['INFO', 'errorstats']);
        await s.same(['CONFIG', 'RESETSTAT']);
        await s.same(['INFO', 'errorstats']);
      });
      test('MONITOR lines match after timestamps and ports are normalised', async () => {
        const e = env();
        const [mm, rm] = await Promise.all([RawClient.connect(e.mnemoServer.port), RawClient.connect(e.redisServer.port)]);
        try {
          assert.deepEqual(await mm.cmd('MONITOR'), 'OK');
          assert.deepEqual(await rm.cmd('MONITOR'), 'OK');
          const cmds = [['SET', 'k', 'a b"c\n\x01'], ['SELECT', '2'], ['GET', 'k'], ['CONFIG', 'GET', 'hz'], ['ECHO', 'é'], ['AUTH', 'secret'], ['HELLO', '2', 'AUTH', 'default', 'pw', 'SETNAME', 'x']];
          for (const c of cmds) await e.session.both(...c);
          const norm = (b: Buffer) => (decode(b)[0] as string).replace(/^\d+\.\d{6} /, 'T ').replace(/:\d+\]/, ':P]');
          for (let i = 0; i < 6; i++) {
            const [a, b] = await Promise.all([mm.next(), rm.next()]);
            assert.equal(norm(a), norm(b));
          }
        } finally {
          mm.close();
          rm.close();
        }
      });
      test('SLOWLOG records arguments truncated like Redis', async () => {
        const s = env().session;
        await s.same(['CONFIG', 'SET', 'slowlog-log-slower-than', '0']);
        await s.same(['SLOWLOG', 'RESET']);
        const many = Array.from({ length: 40 }, (_, i) => `a${i}`);
        await s.same(['ECHO', 'x'.repeat(200)]);
        await s.same(['DEL', ...many]);
        await s.same(['SLOWLOG', 'GET', '2'], (m, r) => {
          const strip = (x: Reply) => (x as Reply[]).map((e) => [(e as Reply[])[3]]);
          assert.deepEqual(strip(m), strip(r));
        });
        await s.same(['SLOWLOG', 'LEN'], 'type');
        await s.same(['CONFIG', 'SET', 'slowlog-log-slower-than', '10000']);
      });
    },
    { resp3, mnemoOptions: { save: '' } },
  );
}
