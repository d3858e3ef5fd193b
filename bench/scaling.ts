/**
 * Sorted-set scaling: ZRANK, ZRANGE by rank (10 members at a random rank)
 * and ZADD (re-scoring a random existing member) on one zset of 10^3 ..
 * 10^6 members. Each op is timed on one connection pipelining a window of
 * requests; with a logarithmic structure the time per op should creep up
 * with log n, not grow tenfold per step.
 */
import { performance } from 'node:perf_hooks';
import { Conn, encode, pipeline, type Args } from './resp.js';

export interface ScalingRow {
  op: string;
  size: number;
  opsPerSec: number;
}

const OPS: { op: string; cmd: (n: number) => Args }[] = [
  { op: 'ZRANK', cmd: (n) => ['ZRANK', 'z', 'm:' + ((Math.random() * n) | 0)] },
  {
    op: 'ZRANGE r r+9',
    cmd: (n) => {
      const r = (Math.random() * n) | 0;
      return ['ZRANGE', 'z', r, r + 9];
    },
  },
  { op: 'ZADD', cmd: (n) => ['ZADD', 'z', (Math.random() * n).toFixed(3), 'm:' + ((Math.random() * n) | 0)] },
];

/** Ops per second of `cmd` over about `seconds`, keeping up to 1000 requests in flight. */
async function rate(c: Conn, seconds: number, cmd: () => Args): Promise<number> {
  const BATCH = 100;
  const WINDOW = 1000;
  const base = c.replies;
  let sent = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    let chunk = '';
    for (let i = 0; i < BATCH; i++) chunk += encode(cmd());
    c.write(chunk, BATCH);
    sent += BATCH;
    if (c.outstanding > WINDOW) await c.waitReplies(base + sent - WINDOW);
  }
  await c.waitReplies(base + sent);
  return sent / ((performance.now() - start) / 1000);
}

export async function zsetScaling(port: number, sizes: number[], seconds: number): Promise<ScalingRow[]> {
  const c = await Conn.open(port);
  const rows: ScalingRow[] = [];
  try {
    for (const n of sizes) {
      await c.command('DEL', 'z');
      const PER = 1000;
      await pipeline(c, Math.ceil(n / PER), (k) => {
        const args: (string | number)[] = ['ZADD', 'z'];
        for (let i = k * PER; i < Math.min(n, (k + 1) * PER); i++) args.push(i, 'm:' + i);
        return args;
      });
      // The first size also warms up the JIT of a JavaScript server, unmeasured.
      if (n === sizes[0]) for (const { cmd } of OPS) await rate(c, seconds, () => cmd(n));
      for (const { op, cmd } of OPS) rows.push({ op, size: n, opsPerSec: await rate(c, seconds, () => cmd(n)) });
    }
    await c.command('DEL', 'z');
    if (c.errors > 0) throw new Error(`${c.errors} errors in the zset scaling run: ${c.firstError?.message}`);
  } finally {
    c.close();
  }
  return rows;
}
