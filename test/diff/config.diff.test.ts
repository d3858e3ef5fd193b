import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';
import type { Reply } from '../helpers/resp.js';

/** CONFIG GET as name -> value pairs, whatever the protocol. */
function pairs(r: Reply): Map<string, string> {
  const m = new Map<string, string>();
  if (Array.isArray(r)) for (let i = 0; i < r.length; i += 2) m.set(String(r[i]), String(r[i + 1]));
  else if (r && typeof r === 'object' && 'map' in r) for (const [k, v] of r.map) m.set(String(k), String(v));
  return m;
}

// Options that legitimately differ between the two processes (where they run, how they were started).
const PER_PROCESS = new Set(['port', 'dir', 'bind', 'pidfile', 'logfile', 'daemonize']);

for (const resp3 of [false, true]) {
  diffSuite(
    `CONFIG (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('CONFIG GET * lists the same options with the same defaults', async () => {
        await env().session.same(['CONFIG', 'GET', '*'], (m, r) => {
          const pm = pairs(m);
          const pr = pairs(r);
          assert.deepEqual([...pm.keys()].sort(), [...pr.keys()].sort());
          for (const [k, v] of pr) if (!PER_PROCESS.has(k)) assert.equal(pm.get(k), v, `default of ${k}`);
        });
      });
      test('CONFIG GET: exact names keep their spelling, hidden options, patterns, aliases', async () => {
        const s = env().session;
        await s.script([['CONFIG', 'GET', 'maxmemory'], ['CONFIG', 'GET', 'MAXMEMORY'], ['CONFIG', 'GET', 'PROTECTED-MODE', 'protected-mode'], ['CONFIG', 'GET', 'key-load-delay'], ['CONFIG', 'GET', 'nosuch'], ['CONFIG', 'GET', 'hash-max-ziplist-entries'], ['CONFIG', 'GET'], ['CONFIG', 'GET', 'watchdog*']]);
        await s.same(['CONFIG', 'GET', '*max*entries*'], 'sorted');
        await s.same(['CONFIG', 'GET', 'hz', 'maxmemory*', 'Hz'], resp3 ? 'sorted' : (m, r) => assert.deepEqual(pairs(m), pairs(r)));
      });
      test('CONFIG SET: validation errors, in Redis order', async () => {
        await env().session.script([
          ['CONFIG', 'SET', 'hz'],
          ['CONFIG', 'SET', 'hz', '5', 'port'],
          ['CONFIG', 'SET', 'foo', '1'],
          ['CONFIG', 'SET', 'maxmemory', 'abc', 'foo', '1'],
          ['CONFIG', 'SET', 'databases', '1', 'foo', '1'],
          ['CONFIG', 'SET', 'DATABASES', '1'],
          ['CONFIG', 'SET', 'dir', '/tmp'],
          ['CONFIG', 'SET', 'hz', '5', 'HZ', '6'],
          ['CONFIG', 'SET', 'hz', 'abc'],
          ['CONFIG', 'SET', 'hz', '05'],
          ['CONFIG', 'SET', 'hz', '-1'],
          ['CONFIG', 'SET', 'maxclients', '0'],
          ['CONFIG', 'SET', 'maxmemory', '1.5gb'],
          ['CONFIG', 'SET', 'maxmemory', '-1'],
          ['CONFIG', 'SET', 'proto-max-bulk-len', '1000'],
          ['CONFIG', 'SET', 'loglevel', 'nothing'],
          ['CONFIG', 'SET', 'appendfsync', 'sometimes'],
          ['CONFIG', 'SET', 'protected-mode', 'maybe'],
          ['CONFIG', 'SET', 'notify-keyspace-events', 'Q'],
          ['CONFIG', 'SET', 'save', '1'],
          ['CONFIG', 'SET', 'save', '0 0'],
          ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 1 2'],
          ['CONFIG', 'SET', 'client-output-buffer-limit', 'foo 1 2 3'],
          ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal a 2 3'],
          ['CONFIG', 'SET', 'oom-score-adj-values', '1 2'],
          ['CONFIG', 'SET', 'oom-score-adj-values', '0 0 2001'],
          ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '101'],
          ['CONFIG', 'SET', 'latency-tracking-info-percentiles', 'a'],
          ['CONFIG', 'SET', 'maxmemory-clients', '101%'],
          ['CONFIG', 'SET', 'replicaof', 'a b'],
          ['CONFIG', 'SET', 'hz', '11', 'maxmemory', 'abc'],
          ['CONFIG', 'GET', 'hz'],
        ]);
      });
      test('CONFIG SET: accepted values read back in canonical form', async () => {
        await env().session.script([
          ['CONFIG', 'SET', 'maxmemory', '1GB', 'hz', '12'],
          ['CONFIG', 'GET', 'maxmemory'],
          ['CONFIG', 'GET', 'hz'],
          ['CONFIG', 'SET', 'maxmemory', '0', 'hz', '10'],
          ['CONFIG', 'SET', 'notify-keyspace-events', 'nmKEA'],
          ['CONFIG', 'GET', 'notify-keyspace-events'],
          ['CONFIG', 'SET', 'notify-keyspace-events', 'KEg$lshzxetd'],
          ['CONFIG', 'GET', 'notify-keyspace-events'],
          ['CONFIG', 'SET', 'notify-keyspace-events', 'dn'],
          ['CONFIG', 'GET', 'notify-keyspace-events'],
          ['CONFIG', 'SET', 'notify-keyspace-events', 'Kx'],
          ['CONFIG', 'GET', 'notify-keyspace-events'],
          ['CONFIG', 'SET', 'notify-keyspace-events', ''],
          ['CONFIG', 'SET', 'client-output-buffer-limit', 'replica 1 2 3'],
          ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1mb 2mb 3'],
          ['CONFIG', 'GET', 'client-output-buffer-limit'],
          ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60'],
          ['CONFIG', 'SET', 'save', '10 20 30 40'],
          ['CONFIG', 'GET', 'save'],
          ['CONFIG', 'SET', 'save', ''],
          ['CONFIG', 'SET', 'appendfsync', 'ALWAYS'],
          ['CONFIG', 'GET', 'appendfsync'],
          ['CONFIG', 'SET', 'appendfsync', 'everysec'],
          ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '1.5 2.25 99.99999'],
          ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
          ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 99 99.9'],
          ['CONFIG', 'SET', 'maxmemory-clients', '10%'],
          ['CONFIG', 'GET', 'maxmemory-clients'],
          ['CONFIG', 'SET', 'maxmemory-clients', '0'],
          ['CONFIG', 'SET', 'hash-max-ziplist-entries', '100'],
          ['CONFIG', 'GET', 'hash-max-listpack-entries'],
          ['CONFIG', 'SET', 'hash-max-listpack-entries', '512'],
        ]);
      });
      test('CONFIG RESETSTAT, REWRITE without a file, HELP, unknown subcommand', async () => {
        await env().session.script([['CONFIG', 'RESETSTAT'], ['CONFIG', 'REWRITE'], ['CONFIG', 'HELP'], ['CONFIG', 'FOO'], ['CONFIG'], ['CONFIG', 'RESETSTAT', 'x']]);
      });
    },
    { resp3, mnemoOptions: { save: '' } },
  );
}
