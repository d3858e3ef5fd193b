/**
 * npm run bench [-- --quick] [--suite strings|collections|messaging|all] [--rounds N] [--seconds S] [--keys N]
 *               [--only SET,GET] [--no-throughput] [--no-memory] [--no-scaling] [--no-expiry] [--expiry-keys N]
 *               [--rest-seconds S] [--json FILE] [--baseline FILE]
 *
 * Mnemo against the reference redis-server on the same machine: each
 * workload of workloads.ts runs through redis-benchmark against both
 * servers, alternating which goes first, for several rounds; the report
 * gives the median throughput, the ratio Mnemo/Redis and p50/p99 latency.
 * Then memory: bytes per key from RSS growth while loading N keys
 * (strings suite) and bytes per element of hashes, a zset and a list
 * (collections suite), read one second after loading and again after
 * --rest-seconds idle (35 by default; 0 skips it), when V8 has handed
 * back the memory the load itself used; zset op cost from 10^3 to 10^6 members
 * (collections); expiry notification delay (messaging).
 * MNEMO_NODE_FLAGS="--flag ..." in the environment starts Mnemo's node with
 * extra flags, to try V8 settings side by side with the defaults.
 * Numbers only mean something relative to each other on one machine:
 * --json saves a run, --baseline compares a new run with a saved one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { WORKLOADS, SUITES, type Suite, type Workload } from './workloads.js';
import { load } from './resp.js';
import { zsetScaling, type ScalingRow } from './scaling.js';
import { openSubscribers, expiryDelay, type ExpiryResult } from './messaging.js';
import { runBenchmark, type Result } from './benchmark-tool.js';
import { startServer, type ServerProcess } from './servers.js';
import { measureMemory, measureCollection, collectionShapes, atRest, KEY_BYTES, VALUE_BYTES, type MemoryResult, type CollectionMemory } from './memory.js';
import { table, median, fmtInt, fmtMs, fmtRatio, fmtMiB } from './report.js';

interface Options {
  quick: boolean;
  rounds: number;
  seconds: number;
  keys: number;
  only: string[] | null;
  suites: Suite[];
  throughput: boolean;
  memory: boolean;
  scaling: boolean;
  expiry: boolean;
  expiryKeys: number;
  restSeconds: number;
  json: string | null;
  baseline: string | null;
}

const optFixed = (v: number | null) => (v === null ? '-' : v.toFixed(1));
const optMiB = (v: number | null) => (v === null ? '-' : fmtMiB(v));
const optRatio = (a: number | null, b: number | null) => (a === null || b === null ? '-' : fmtRatio(a / b));

function parseOptions(argv: string[]): Options {
  const o: Options = { quick: false, rounds: 3, seconds: 3, keys: 1_000_000, only: null, suites: SUITES, throughput: true, memory: true, scaling: true, expiry: true, expiryKeys: 1_000_000, restSeconds: 35, json: null, baseline: null };
  let roundsSet = false;
  let secondsSet = false;
  let keysSet = false;
  let expiryKeysSet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--rounds') (o.rounds = Number(value())), (roundsSet = true);
    else if (a === '--seconds') (o.seconds = Number(value())), (secondsSet = true);
    else if (a === '--keys') (o.keys = Number(value())), (keysSet = true);
    else if (a === '--only') o.only = value().split(',').map((s) => s.trim().toLowerCase());
    else if (a === '--suite') {
      const v = value().toLowerCase();
      if (v !== 'all' && !SUITES.includes(v as Suite)) throw new Error(`--suite must be one of ${SUITES.join('|')}|all`);
      o.suites = v === 'all' ? SUITES : [v as Suite];
    } else if (a === '--no-throughput') o.throughput = false;
    else if (a === '--no-memory') o.memory = false;
    else if (a === '--no-scaling') o.scaling = false;
    else if (a === '--no-expiry') o.expiry = false;
    else if (a === '--expiry-keys') (o.expiryKeys = Number(value())), (expiryKeysSet = true);
    else if (a === '--rest-seconds') o.restSeconds = Number(value());
    else if (a === '--json') o.json = value();
    else if (a === '--baseline') o.baseline = value();
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench -- [--quick] [--suite strings|collections|messaging|all] [--rounds N] [--seconds S] [--keys N] [--only SET,GET P16]\n' +
          '                       [--no-throughput] [--no-memory] [--no-scaling] [--no-expiry] [--expiry-keys N] [--rest-seconds S] [--json FILE] [--baseline FILE]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (o.quick) {
    if (!roundsSet) o.rounds = 1;
    if (!secondsSet) o.seconds = 1;
    if (!keysSet) o.keys = 200_000;
    if (!expiryKeysSet) o.expiryKeys = 100_000;
  }
  if (!(o.rounds >= 1 && o.seconds > 0 && o.keys >= 1)) throw new Error('--rounds, --seconds and --keys must be positive');
  return o;
}

function selected(o: Options): Workload[] {
  if (!o.throughput) return [];
  const inSuite = WORKLOADS.filter((w) => o.suites.includes(w.suite));
  if (o.only === null) return inSuite;
  // A filter naming a workload exactly picks that one ("get p1"); otherwise it matches by substring ("get").
  const names = WORKLOADS.map((w) => w.name.toLowerCase());
  const matches = (name: string, f: string) => (names.includes(f) ? name === f : name.includes(f));
  return inSuite.filter((w) => o.only!.some((f) => matches(w.name.toLowerCase(), f)));
}

interface WorkloadResult {
  workload: string;
  requests: number;
  mnemo: Result;
  redis: Result;
  ratio: number;
}

function summarize(runs: Result[]): Result {
  return {
    rps: median(runs.map((r) => r.rps)),
    avgMs: median(runs.map((r) => r.avgMs)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
  };
}

function log(line: string): void {
  process.stdout.write(line + '\n');
}

/** One redis-benchmark run with the workload's data loaded and subscribers attached. */
async function runOne(port: number, w: Workload, requests: number): Promise<Result> {
  for (const f of w.setup?.(requests) ?? []) await load(port, f.count, f.cmd);
  const closeSubscribers = w.subscribers ? await openSubscribers(port, w.subscribers, 'ch') : null;
  try {
    return await runBenchmark(port, w, requests);
  } finally {
    closeSubscribers?.();
  }
}

async function throughput(o: Options, servers: [ServerProcess, ServerProcess]): Promise<WorkloadResult[]> {
  const [mnemo, redis] = servers;
  const results: WorkloadResult[] = [];
  for (const w of selected(o)) {
    // Calibrate: size the run so the slower server takes about --seconds.
    const probe = o.quick ? Math.ceil(w.probe / 2) : w.probe;
    const [pm, pr] = [await runOne(mnemo.port, w, probe), await runOne(redis.port, w, probe)];
    const requests = Math.max(probe, Math.round((Math.min(pm.rps, pr.rps) * o.seconds) / 1000) * 1000);
    const runs: Record<'Mnemo' | 'Redis', Result[]> = { Mnemo: [], Redis: [] };
    for (let round = 0; round < o.rounds; round++) {
      // Alternate who goes first so drift on a shared machine hits both alike.
      const order = round % 2 === 0 ? [mnemo, redis] : [redis, mnemo];
      for (const s of order) runs[s.name].push(await runOne(s.port, w, requests));
    }
    const m = summarize(runs.Mnemo);
    const r = summarize(runs.Redis);
    const res = { workload: w.name, requests, mnemo: m, redis: r, ratio: m.rps / r.rps };
    results.push(res);
    log(
      `${w.name.padEnd(18)} n=${fmtInt(requests).padStart(10)}  Mnemo ${fmtInt(m.rps).padStart(9)} rps (p50 ${fmtMs(m.p50Ms)} p99 ${fmtMs(m.p99Ms)} ms)` +
        `  Redis ${fmtInt(r.rps).padStart(9)} rps (p50 ${fmtMs(r.p50Ms)} p99 ${fmtMs(r.p99Ms)} ms)  ratio ${fmtRatio(res.ratio)}`,
    );
  }
  return results;
}

/** Mnemo's numbers now against a run saved with --json (same machine, ideally same load). */
function compareWithBaseline(file: string, results: WorkloadResult[], mem: MemoryResult | null): void {
  const base = JSON.parse(readFileSync(file, 'utf8')) as { date: string; results: WorkloadResult[]; memory: { mnemo: MemoryResult } | null };
  const before = new Map(base.results.map((r) => [r.workload, r]));
  const rows: string[][] = [];
  for (const r of results) {
    const b = before.get(r.workload);
    if (!b) continue;
    rows.push([r.workload, fmtInt(b.mnemo.rps), fmtInt(r.mnemo.rps), fmtRatio(r.mnemo.rps / b.mnemo.rps), fmtRatio(b.ratio), fmtRatio(r.ratio)]);
  }
  log(`\nAgainst the baseline of ${base.date}\n`);
  log(table(['workload', 'Mnemo rps then', 'Mnemo rps now', 'now/then', 'ratio then', 'ratio now'], rows));
  if (mem && base.memory) log(`\nMnemo bytes per key: then ${base.memory.mnemo.bytesPerKey.toFixed(1)}, now ${mem.bytesPerKey.toFixed(1)}`);
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  for (const tool of ['redis-server', 'redis-benchmark']) {
    if (spawnSync(tool, ['--version']).status !== 0) throw new Error(`${tool} is not installed (apt-get install redis-server redis-tools)`);
  }
  log(`Mnemo vs Redis: ${o.rounds} round(s), ~${o.seconds}s per run, redis-benchmark -c 50 -r 100000 -d 64${o.quick ? ' (quick)' : ''}`);

  let servers: [ServerProcess, ServerProcess] = [await startServer('Mnemo'), await startServer('Redis')];
  let results: WorkloadResult[] = [];
  let memory: { mnemo: MemoryResult; redis: MemoryResult } | null = null;
  const collections: { shape: string; elements: number; mnemo: CollectionMemory; redis: CollectionMemory }[] = [];
  let scalingResult: { mnemo: ScalingRow[]; redis: ScalingRow[] } | null = null;
  let expiry: { mnemo: ExpiryResult; redis: ExpiryResult } | null = null;
  // Fresh processes, so RSS growth is the loaded data alone and not earlier leftovers.
  const fresh = async () => {
    for (const s of servers) await s.stop();
    servers = [await startServer('Mnemo'), await startServer('Redis')];
  };
  const has = (suite: Suite) => o.suites.includes(suite);
  try {
    results = await throughput(o, servers);
    if (o.memory && has('strings')) {
      await fresh();
      log(`\nLoading ${fmtInt(o.keys)} keys (${KEY_BYTES}-byte keys, ${VALUE_BYTES}-byte values) into each server...`);
      const mm = await measureMemory(servers[0], o.keys);
      const loadedAt = Date.now();
      const mr = await measureMemory(servers[1], o.keys);
      memory = { mnemo: mm, redis: mr };
      if (o.restSeconds > 0) log(`Idle ${o.restSeconds}s, then RSS again (memory at rest)...`);
      await atRest(
        [
          { server: servers[0], loadedAt, rssBefore: mm.rssBefore, elements: o.keys, done: (rss, per) => ((mm.rssAtRest = rss), (mm.bytesPerKeyAtRest = per)) },
          { server: servers[1], loadedAt: Date.now(), rssBefore: mr.rssBefore, elements: o.keys, done: (rss, per) => ((mr.rssAtRest = rss), (mr.bytesPerKeyAtRest = per)) },
        ],
        o.restSeconds,
      );
    }
    if (o.memory && has('collections')) {
      for (const shape of collectionShapes(o.quick ? 0.2 : 1)) {
        await fresh();
        log(`Loading ${shape.name} into each server...`);
        const mnemo = await measureCollection(servers[0], shape);
        const loadedAt = Date.now();
        const redis = await measureCollection(servers[1], shape);
        collections.push({ shape: shape.name, elements: shape.elements, mnemo, redis });
        if (o.restSeconds > 0) log(`Idle ${o.restSeconds}s, then RSS again (memory at rest)...`);
        await atRest(
          [
            { server: servers[0], loadedAt, rssBefore: mnemo.rssBefore, elements: shape.elements, done: (rss, per) => ((mnemo.rssAtRest = rss), (mnemo.bytesPerElementAtRest = per)) },
            { server: servers[1], loadedAt: Date.now(), rssBefore: redis.rssBefore, elements: shape.elements, done: (rss, per) => ((redis.rssAtRest = rss), (redis.bytesPerElementAtRest = per)) },
          ],
          o.restSeconds,
        );
      }
    }
    if (o.scaling && has('collections')) {
      await fresh();
      const sizes = o.quick ? [1e3, 1e4, 1e5] : [1e3, 1e4, 1e5, 1e6];
      const secs = o.quick ? 0.3 : 1;
      log(`\nZset scaling: ${sizes.map(fmtInt).join(', ')} members, ~${secs}s per op and size...`);
      scalingResult = { mnemo: await zsetScaling(servers[0].port, sizes, secs), redis: await zsetScaling(servers[1].port, sizes, secs) };
    }
    if (o.expiry && has('messaging')) {
      await fresh();
      const spread = 10_000;
      const grace = o.quick ? 10_000 : 30_000;
      log(`\nExpiry delay: ${fmtInt(o.expiryKeys)} keys with deadlines over ${spread / 1000}s, per server...`);
      expiry = { mnemo: await expiryDelay(servers[0].port, o.expiryKeys, spread, grace), redis: await expiryDelay(servers[1].port, o.expiryKeys, spread, grace) };
    }
  } finally {
    for (const s of servers) await s.stop();
  }

  if (results.length > 0) log('\nThroughput (median of rounds; latency in ms)\n');
  if (results.length > 0) log(
    table(
      ['workload', 'Mnemo rps', 'Redis rps', 'Mnemo/Redis', 'Mnemo p50', 'Mnemo p99', 'Redis p50', 'Redis p99'],
      results.map((r) => [r.workload, fmtInt(r.mnemo.rps), fmtInt(r.redis.rps), fmtRatio(r.ratio), fmtMs(r.mnemo.p50Ms), fmtMs(r.mnemo.p99Ms), fmtMs(r.redis.p50Ms), fmtMs(r.redis.p99Ms)]),
    ),
  );
  if (memory) {
    log(`\nMemory (${fmtInt(o.keys)} keys, RSS growth)\n`);
    log(
      table(
        ['server', 'RSS before', 'RSS after 1s', 'bytes/key after 1s', 'RSS at rest', 'bytes/key at rest'],
        [memory.mnemo, memory.redis].map((m, i) => [i === 0 ? 'Mnemo' : 'Redis', fmtMiB(m.rssBefore), fmtMiB(m.rssAfter), m.bytesPerKey.toFixed(1), optMiB(m.rssAtRest), optFixed(m.bytesPerKeyAtRest)]),
      ),
    );
    log(`\nMnemo/Redis bytes per key: after 1s ${fmtRatio(memory.mnemo.bytesPerKey / memory.redis.bytesPerKey)}, at rest ${optRatio(memory.mnemo.bytesPerKeyAtRest, memory.redis.bytesPerKeyAtRest)}`);
  }
  if (collections.length > 0) {
    log('\nCollection memory (RSS growth per element)\n');
    log(
      table(
        ['data', 'Mnemo B/elem 1s', 'Redis B/elem 1s', 'ratio 1s', 'Mnemo B/elem rest', 'Redis B/elem rest', 'ratio rest', 'Mnemo RSS rest', 'Redis RSS rest'],
        collections.map((c) => [
          c.shape,
          c.mnemo.bytesPerElement.toFixed(1),
          c.redis.bytesPerElement.toFixed(1),
          fmtRatio(c.mnemo.bytesPerElement / c.redis.bytesPerElement),
          optFixed(c.mnemo.bytesPerElementAtRest),
          optFixed(c.redis.bytesPerElementAtRest),
          optRatio(c.mnemo.bytesPerElementAtRest, c.redis.bytesPerElementAtRest),
          optMiB(c.mnemo.rssAtRest),
          optMiB(c.redis.rssAtRest),
        ]),
      ),
    );
  }
  if (scalingResult) {
    const sr = scalingResult;
    log('\nZset scaling (one connection, 1000 requests in flight; us/op = 1e6 / ops/s)\n');
    log(
      table(
        ['op', 'members', 'Mnemo ops/s', 'Mnemo us/op', 'Redis ops/s', 'Redis us/op', 'Mnemo/Redis'],
        sr.mnemo.map((m, i) => {
          const r = sr.redis[i];
          return [m.op, fmtInt(m.size), fmtInt(m.opsPerSec), (1e6 / m.opsPerSec).toFixed(2), fmtInt(r.opsPerSec), (1e6 / r.opsPerSec).toFixed(2), fmtRatio(m.opsPerSec / r.opsPerSec)];
        }),
      ),
    );
    const growth = (rows: ScalingRow[], op: string) => {
      const of = rows.filter((x) => x.op === op);
      return fmtRatio(of[0].opsPerSec / of[of.length - 1].opsPerSec);
    };
    const ops = [...new Set(sr.mnemo.map((m) => m.op))];
    log(`\nTime per op, largest size / smallest (x${fmtInt(sr.mnemo[sr.mnemo.length - 1].size / sr.mnemo[0].size)} members): ` + ops.map((op) => `${op} Mnemo ${growth(sr.mnemo, op)} Redis ${growth(sr.redis, op)}`).join('; '));
  }
  if (expiry) {
    log(`\nExpiry notification delay (receipt of __keyevent@0__:expired minus the key's PXAT deadline, ms)\n`);
    log(
      table(
        ['server', 'keys', 'events', 'loaded late', 'p50', 'p99', 'max'],
        (['mnemo', 'redis'] as const).map((k) => {
          const e = expiry![k];
          return [k === 'mnemo' ? 'Mnemo' : 'Redis', fmtInt(e.keys), fmtInt(e.received), fmtInt(e.loadedLate), fmtInt(e.p50Ms), fmtInt(e.p99Ms), fmtInt(e.maxMs)];
        }),
      ),
    );
  }
  if (results.length > 0) log(`\nGeometric mean throughput ratio Mnemo/Redis: ${fmtRatio(Math.exp(results.reduce((s, r) => s + Math.log(r.ratio), 0) / results.length))}`);
  if (o.baseline) compareWithBaseline(o.baseline, results, memory?.mnemo ?? null);
  if (o.json) {
    writeFileSync(o.json, JSON.stringify({ date: new Date().toISOString(), options: o, results, memory, collections, scaling: scalingResult, expiry }, null, 2) + '\n');
    log(`\nResults written to ${o.json}`);
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
