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
        // An error inside EXEC is charged to the command that failed, not to EXEC; EXECABORT is EXEC's own.
        const counts = (r: Reply) => text(r).split('\r\n').filter((l) => l.startsWith('cmdstat_')).map((l) => l.replace(/usec=\d+,usec_per_call=[\d.]+,/, '')).sort();
        for (const body of [[['SET', 'a', 'b'], ['AUTH', 'a']], [['SET'], ['GET', 'a']], [['INCR', 'a'], ['SET', 'x', 'y']]]) {
          await s.same(['CONFIG', 'RESETSTAT']);
          await s.same(['MULTI']);
          for (const cmd of body) await s.same(cmd);
          await s.same(['EXEC']);
          await s.same(['EXEC']);
          await s.same(['INFO', 'commandstats'], (m, r) => assert.deepEqual(counts(m), counts(r)));
          await s.same(['INFO', 'errorstats']);
        }
      });
      test('LATENCY HISTOGRAM and INFO latencystats, timings aside', async () => {
        const s = env().session;
        // Bucket bounds and percentiles are timings: names, order, calls and shapes must match.
        const pairs = (r: Reply): [Reply, Reply][] => {
          if (!Array.isArray(r)) return (r as { map: [Reply, Reply][] }).map;
          const a = r;
          return Array.from({ length: a.length / 2 }, (_, i) => [a[2 * i], a[2 * i + 1]]);
        };
        const summary = (r: Reply) =>
          pairs(r).map(([name, body]) => {
            const [[, calls], [label, steps]] = pairs(body);
            const cumulative = pairs(steps).map(([, n]) => n as number);
            assert.equal(cumulative[cumulative.length - 1], calls, `${name}: the last step holds every call`);
            return [name, calls, label];
          });
        const histogram = async (args: string[], order: 'kept' | 'sorted' = 'kept') =>
          s.same(['LATENCY', 'HISTOGRAM', ...args], (m, r) => {
            const [sm, sr] = [summary(m), summary(r)];
            if (order === 'sorted') for (const x of [sm, sr]) x.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
            assert.deepEqual(sm, sr);
          });
        const latencystats = async () =>
          s.same(['INFO', 'latencystats'], (m, r) => {
            const lines = (x: Reply) => text(x).split('\r\n').filter(Boolean).sort();
            const shape = (x: Reply) => lines(x).map((l) => l.replace(/=\d+\.\d{3}/g, '=T'));
            assert.deepEqual(shape(m), shape(r));
          });
        await s.same(['CONFIG', 'RESETSTAT']);
        await histogram([], 'sorted');
        await s.same(['SET', 'a', 'b']);
        await s.same(['SET', 'c', 'd']);
        await s.same(['GET', 'a']);
        await s.same(['HSET', 'f', 'k', 'v']);
        await s.same(['CLIENT', 'ID'], 'type');
        await s.same(['CLIENT', 'GETNAME']);
        await histogram(['set', 'hset']);
        await histogram(['hgetall', 'GET', 'zadd']);
        await histogram(['hset', 'config|resetstat', 'blabla', 'set']);
        // A container brings its subcommands in Redis's hash order, which varies between runs.
        await histogram(['client', 'blabla', 'config|resetstat', 'set'], 'sorted');
        await s.same(['LATENCY', 'HISTOGRAM', 'blabla', 'nosuch|cmd', 'client|nosuch']);
        await histogram([], 'sorted');
        await latencystats();
        await s.same(['INFO', 'all'], (m, r) => assert.deepEqual([...infoShape(text(m)).keys()], [...infoShape(text(r)).keys()]));
        await s.same(['CONFIG', 'SET', 'latency-tracking-info-percentiles', '0.0 50.0 100.0']);
        await s.same(['CONFIG', 'GET', 'latency-tracking-info-percentiles']);
        await latencystats();
        await s.same(['CONFIG', 'SET', 'latency-tracking', 'no']);
        await s.same(['SET', 'a', 'b']);
        await histogram(['set']);
        await s.same(['CONFIG', 'RESETSTAT']);
        await latencystats();
        await s.same(['LATENCY', 'HISTOGRAM']);
        await s.same(['CONFIG', 'SET', 'latency-tracking', 'yes']);
        await s.same(['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 99 99.9']);
        await s.same(['LATENCY', 'HISTOGRAM', 'x', 'y', 'z'], 'type');
        await s.same(['LATENCY', 'HELP']);
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
