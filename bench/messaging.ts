/**
 * Pub/sub helpers: subscribers that only drain their socket (for the
 * PUBLISH workloads), and the expiry notification delay probe.
 */
import net from 'node:net';
import { once } from 'node:events';
import { Conn, pipeline, type Reply } from './resp.js';

/** Opens `n` raw subscribers of `channel` that read and discard; resolves once all are subscribed. */
export async function openSubscribers(port: number, n: number, channel: string): Promise<() => void> {
  const sockets: net.Socket[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const s = net.connect(port, '127.0.0.1');
      sockets.push(s);
      s.on('error', () => {});
      await once(s, 'connect');
      s.write(`*2\r\n$9\r\nSUBSCRIBE\r\n$${channel.length}\r\n${channel}\r\n`);
      const [first] = (await once(s, 'data')) as [Buffer];
      if (!first.includes('subscribe')) throw new Error(`SUBSCRIBE failed: ${first.toString().trim()}`);
      // Keep reading so the server never blocks on us, and throw it away.
      s.on('data', () => {});
    }
  } catch (e) {
    for (const s of sockets) s.destroy();
    throw e;
  }
  return () => {
    for (const s of sockets) s.destroy();
  };
}

export interface ExpiryResult {
  keys: number;
  received: number;
  /** Keys whose SET went out only after their deadline (loader too slow). */
  loadedLate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Loads `n` keys with PXAT deadlines spread evenly over `spreadMs` (the
 * deadline is in the key's name), subscribes to expired events and records
 * receipt time minus deadline for each. Gives up `graceMs` after the last
 * deadline and reports how many events arrived.
 */
export async function expiryDelay(port: number, n: number, spreadMs: number, graceMs: number): Promise<ExpiryResult> {
  const sub = await Conn.open(port);
  const loader = await Conn.open(port);
  try {
    await sub.command('CONFIG', 'SET', 'notify-keyspace-events', 'Ex');
    await sub.command('SUBSCRIBE', '__keyevent@0__:expired');
    const delays = new Float64Array(n);
    let received = 0;
    let done: (() => void) | null = null;
    sub.onReply = (r: Reply) => {
      if (!Array.isArray(r) || r[0] !== 'message' || typeof r[2] !== 'string') return;
      const key = r[2];
      const deadline = Number(key.slice(2, key.indexOf(':', 2)));
      if (received < n) delays[received++] = Date.now() - deadline;
      if (received === n) done?.();
    };
    // Lead time so loading (in deadline order) finishes before the first deadline.
    const t0 = Date.now() + 2000 + n / 100;
    let loadedLate = 0;
    await pipeline(loader, n, (i) => {
      const deadline = t0 + Math.floor((i * spreadMs) / n);
      if (deadline <= Date.now()) loadedLate++;
      return ['SET', `e:${deadline}:${i}`, 'v', 'PXAT', deadline];
    });
    if (loader.errors > 0) throw new Error(`${loader.errors} SETs failed: ${loader.firstError?.message}`);
    loader.close();
    const lastDeadline = t0 + spreadMs;
    if (received < n) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((r) => {
        done = r;
        timer = setTimeout(r, Math.max(0, lastDeadline + graceMs - Date.now()));
      });
      clearTimeout(timer);
    }
    const got = Array.from(delays.subarray(0, received)).sort((a, b) => a - b);
    const pct = (p: number) => (got.length === 0 ? NaN : got[Math.min(got.length - 1, Math.floor((p / 100) * got.length))]);
    return { keys: n, received, loadedLate, p50Ms: pct(50), p99Ms: pct(99), maxMs: got.length ? got[got.length - 1] : NaN };
  } finally {
    sub.close();
    loader.close();
  }
}
