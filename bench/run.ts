/**
 * npm run bench [-- --quick] [--rounds N] [--seconds S] [--keys N] [--only SET,GET] [--no-memory] [--json FILE] [--baseline FILE]
 *
 * Mnemo against the reference redis-server on the same machine: each
 * workload of workloads.ts runs through redis-benchmark against both
 * servers, alternating which goes first, for several rounds; the report
 * gives the median throughput, the ratio Mnemo/Redis and p50/p99 latency.
 * Then memory: bytes per key from RSS growth while loading N keys.
 * Numbers only mean something relative to each other on one machine:
 * --json saves a run, --baseline compares a new run with a saved one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { WORKLOADS, type Workload } from './workloads.js';
import { runBenchmark, type Result } from './benchmark-tool.js';
import { startServer, type ServerProcess } from './servers.js';
import { measureMemory, KEY_BYTES, VALUE_BYTES, type MemoryResult } from './memory.js';
import { table, median, fmtInt, fmtMs, fmtRatio, fmtMiB } from './report.js';

interface Options {
  quick: boolean;
  rounds: number;
  seconds: number;
  keys: number;
  only: string[] | null;
  memory: boolean;
  json: string | null;
  baseline: string | null;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { quick: false, rounds: 3, seconds: 3, keys: 1_000_000, only: null, memory: true, json: null, baseline: null };
  let roundsSet = false;
  let secondsSet = false;
  let keysSet = false;
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
    else if (a === '--no-memory') o.memory = false;
    else if (a === '--json') o.json = value();
    else if (a === '--baseline') o.baseline = value();
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench -- [--quick] [--rounds N] [--seconds S] [--keys N] [--only SET,GET P16] [--no-memory] [--json FILE] [--baseline FILE]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (o.quick) {
    if (!roundsSet) o.rounds = 1;
    if (!secondsSet) o.seconds = 1;
    if (!keysSet) o.keys = 200_000;
  }
  if (!(o.rounds >= 1 && o.seconds > 0 && o.keys >= 1)) throw new Error('--rounds, --seconds and --keys must be positive');
  return o;
}

function selected(o: Options): Workload[] {
  if (o.only === null) return WORKLOADS;
  // A filter naming a workload exactly picks that one ("get p1"); otherwise it matches by substring ("get").
  const names = WORKLOADS.map((w) => w.name.toLowerCase());
  const matches = (name: string, f: string) => (names.includes(f) ? name === f : name.includes(f));
  return WORKLOADS.filter((w) => o.only!.some((f) => matches(w.name.toLowerCase(), f)));
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

async function throughput(o: Options, servers: [ServerProcess, ServerProcess]): Promise<WorkloadResult[]> {
  const [mnemo, redis] = servers;
  const results: WorkloadResult[] = [];
  for (const w of selected(o)) {
    // Calibrate: size the run so the slower server takes about --seconds.
    const probe = o.quick ? Math.ceil(w.probe / 2) : w.probe;
    const [pm, pr] = [await runBenchmark(mnemo.port, w, probe), await runBenchmark(redis.port, w, probe)];
    const requests = Math.max(probe, Math.round((Math.min(pm.rps, pr.rps) * o.seconds) / 1000) * 1000);
    const runs: Record<'Mnemo' | 'Redis', Result[]> = { Mnemo: [], Redis: [] };
    for (let round = 0; round < o.rounds; round++) {
      // Alternate who goes first so drift on a shared machine hits both alike.
      const order = round % 2 === 0 ? [mnemo, redis] : [redis, mnemo];
      for (const s of order) runs[s.name].push(await runBenchmark(s.port, w, requests));
    }
    const m = summarize(runs.Mnemo);
    const r = summarize(runs.Redis);
    const res = { workload: w.name, requests, mnemo: m, redis: r, ratio: m.rps / r.rps };
    results.push(res);
    log(
      `${w.name.padEnd(10)} n=${fmtInt(requests).padStart(10)}  Mnemo ${fmtInt(m.rps).padStart(9)} rps (p50 ${fmtMs(m.p50Ms)} p99 ${fmtMs(m.p99Ms)} ms)` +
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
  try {
    results = await throughput(o, servers);
    if (o.memory) {
      // Fresh processes, so RSS growth is the keys alone and not the workloads' leftovers.
      for (const s of servers) await s.stop();
      servers = [await startServer('Mnemo'), await startServer('Redis')];
      log(`\nLoading ${fmtInt(o.keys)} keys (${KEY_BYTES}-byte keys, ${VALUE_BYTES}-byte values) into each server...`);
      const mm = await measureMemory(servers[0], o.keys);
      const mr = await measureMemory(servers[1], o.keys);
      memory = { mnemo: mm, redis: mr };
    }
  } finally {
    for (const s of servers) await s.stop();
  }

  log('\nThroughput (median of rounds; latency in ms)\n');
  log(
    table(
      ['workload', 'Mnemo rps', 'Redis rps', 'Mnemo/Redis', 'Mnemo p50', 'Mnemo p99', 'Redis p50', 'Redis p99'],
      results.map((r) => [r.workload, fmtInt(r.mnemo.rps), fmtInt(r.redis.rps), fmtRatio(r.ratio), fmtMs(r.mnemo.p50Ms), fmtMs(r.mnemo.p99Ms), fmtMs(r.redis.p50Ms), fmtMs(r.redis.p99Ms)]),
    ),
  );
  if (memory) {
    log(`\nMemory (${fmtInt(o.keys)} keys, RSS growth)\n`);
    log(
      table(
        ['server', 'RSS before', 'RSS after', 'bytes/key'],
        [
          ['Mnemo', fmtMiB(memory.mnemo.rssBefore), fmtMiB(memory.mnemo.rssAfter), memory.mnemo.bytesPerKey.toFixed(1)],
          ['Redis', fmtMiB(memory.redis.rssBefore), fmtMiB(memory.redis.rssAfter), memory.redis.bytesPerKey.toFixed(1)],
        ],
      ),
    );
    log(`\nMnemo/Redis bytes per key: ${fmtRatio(memory.mnemo.bytesPerKey / memory.redis.bytesPerKey)}`);
  }
  if (results.length > 0) log(`Geometric mean throughput ratio Mnemo/Redis: ${fmtRatio(Math.exp(results.reduce((s, r) => s + Math.log(r.ratio), 0) / results.length))}`);
  if (o.baseline) compareWithBaseline(o.baseline, results, memory?.mnemo ?? null);
  if (o.json) {
    writeFileSync(o.json, JSON.stringify({ date: new Date().toISOString(), options: o, results, memory }, null, 2) + '\n');
    log(`\nResults written to ${o.json}`);
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
