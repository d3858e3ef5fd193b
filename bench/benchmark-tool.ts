/**
 * Runs redis-benchmark against one server and parses its --csv output.
 */
import { spawn } from 'node:child_process';
import { COMMON_ARGS, type Workload } from './workloads.js';

export interface Result {
  rps: number;
  avgMs: number;
  p50Ms: number;
  p99Ms: number;
}

/** Parses redis-benchmark --csv: a header line, then one line per test. */
export function parseCsv(text: string): Map<string, Result> {
  const out = new Map<string, Result>();
  const lines = text.split('\n').filter((l) => l.startsWith('"'));
  if (lines.length === 0) return out;
  const header = JSON.parse(`[${lines[0]}]`) as string[];
  const col = (name: string) => header.indexOf(name);
  for (const line of lines.slice(1)) {
    const cells = JSON.parse(`[${line}]`) as string[];
    out.set(cells[0], {
      rps: Number(cells[col('rps')]),
      avgMs: Number(cells[col('avg_latency_ms')]),
      p50Ms: Number(cells[col('p50_latency_ms')]),
      p99Ms: Number(cells[col('p99_latency_ms')]),
    });
  }
  return out;
}

export function benchmarkArgs(port: number, w: Workload, requests: number): string[] {
  const args = ['-h', '127.0.0.1', '-p', String(port), ...COMMON_ARGS, '-n', String(requests), '-P', String(w.pipeline), '--csv'];
  if (w.command) args.push(...w.command);
  else args.push('-t', w.test!);
  return args;
}

export function runBenchmark(port: number, w: Workload, requests: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-benchmark', benchmarkArgs(port, w, requests), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const results = parseCsv(stdout);
      // The last line is the measured test: -t lrange_N prints its LPUSH fill first.
      const last = [...results.values()].pop();
      if (code !== 0 || last === undefined) {
        reject(new Error(`redis-benchmark failed for ${w.name} (exit ${code}): ${stderr.trim() || stdout.trim()}`));
        return;
      }
      resolve(last);
    });
  });
}
