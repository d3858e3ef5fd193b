/**
 * Memory per key: RSS growth of a server process while a pipelined loader
 * stores N keys of 16 bytes with 32-byte values; and bytes per element of
 * collections (hash fields, zset members, list items) the same way.
 */
import net from 'node:net';
import { once } from 'node:events';
import { rssBytes, type ServerProcess } from './servers.js';
import { load } from './resp.js';
import type { Fill } from './workloads.js';

export const KEY_BYTES = 16;
export const VALUE_BYTES = 32;

/** "key:" + 12 digits: every key exactly 16 bytes. */
export function keyName(i: number): string {
  return 'key:' + String(i).padStart(KEY_BYTES - 4, '0');
}

function setFrame(key: string, value: string): string {
  return `*3\r\n$3\r\nSET\r\n$${key.length}\r\n${key}\r\n$${value.length}\r\n${value}\r\n`;
}

/** Counts complete simple/integer/error replies (one line each) in a stream. */
class ReplyCounter {
  count = 0;
  errors = 0;
  private lastByteWasCR = false;
  private atLineStart = true;

  feed(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.atLineStart && b === 45 /* - */) this.errors++;
      this.atLineStart = false;
      if (b === 10 && this.lastByteWasCR) {
        this.count++;
        this.atLineStart = true;
      }
      this.lastByteWasCR = b === 13;
    }
  }
}

/** Stores `count` keys with pipelined SETs, keeping a bounded number of replies outstanding. */
export async function loadKeys(port: number, count: number): Promise<void> {
  const s = net.connect(port, '127.0.0.1');
  await once(s, 'connect');
  const replies = new ReplyCounter();
  let wake: (() => void) | null = null;
  s.on('data', (d: Buffer) => {
    replies.feed(d);
    wake?.();
  });
  const waitFor = async (n: number) => {
    while (replies.count < n) await new Promise<void>((r) => (wake = r));
    wake = null;
  };
  const value = 'v'.repeat(VALUE_BYTES);
  const BATCH = 1000;
  const WINDOW = 20 * BATCH;
  for (let i = 0; i < count; i += BATCH) {
    let chunk = '';
    const end = Math.min(count, i + BATCH);
    for (let j = i; j < end; j++) chunk += setFrame(keyName(j), value);
    s.write(chunk);
    if (end - replies.count > WINDOW) await waitFor(end - WINDOW);
  }
  await waitFor(count);
  s.destroy();
  if (replies.errors > 0) throw new Error(`${replies.errors} SETs failed while loading`);
}

export interface MemoryResult {
  keys: number;
  rssBefore: number;
  /** One second after loading. */
  rssAfter: number;
  bytesPerKey: number;
  /** After the idle wait (see atRest), or null when it was skipped. */
  rssAtRest: number | null;
  bytesPerKeyAtRest: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureMemory(server: ServerProcess, keys: number): Promise<MemoryResult> {
  const pid = server.proc.pid!;
  const rssBefore = rssBytes(pid);
  await loadKeys(server.port, keys);
  await sleep(1000);
  const rssAfter = rssBytes(pid);
  return { keys, rssBefore, rssAfter, bytesPerKey: (rssAfter - rssBefore) / keys, rssAtRest: null, bytesPerKeyAtRest: null };
}

/**
 * RSS right after a load still holds what a garbage-collected heap has not
 * given back yet: the grown young generation and dead loading buffers. V8
 * hands them back to the OS on its own once the process has been idle a
 * while (its memory reducer, about 30 s after the last full collection), so
 * the memory the data really costs is read after an idle wait. Redis frees
 * eagerly and reads the same either way; both are measured identically.
 */
export async function atRest(measured: { server: ServerProcess; loadedAt: number; rssBefore: number; elements: number; done: (rss: number, perElement: number) => void }[], restSeconds: number): Promise<void> {
  if (restSeconds <= 0 || measured.length === 0) return;
  const until = Math.max(...measured.map((m) => m.loadedAt)) + restSeconds * 1000;
  await sleep(Math.max(0, until - Date.now()));
  for (const m of measured) {
    const rss = rssBytes(m.server.proc.pid!);
    m.done(rss, (rss - m.rssBefore) / m.elements);
  }
}

/** A collection shape for bytes-per-element measurement. */
export interface CollectionShape {
  name: string;
  /** Elements stored (hash fields, zset members, list items). */
  elements: number;
  /** The pipelined loading commands. */
  fill: Fill;
}

/** Small fields and values ("f:0".."f:9" -> "value:0".."value:9"), short members and items. */
export function collectionShapes(scale: number): CollectionShape[] {
  const hashes = Math.round(100_000 * scale);
  const members = Math.round(1_000_000 * scale);
  const PER = 1000;
  return [
    {
      name: `${fmtCount(hashes)} hashes x 10 fields`,
      elements: hashes * 10,
      fill: {
        count: hashes,
        cmd: (h) => {
          const args: (string | number)[] = ['HSET', 'hash:' + h];
          for (let f = 0; f < 10; f++) args.push('f:' + f, 'value:' + f);
          return args;
        },
      },
    },
    {
      name: `1 zset of ${fmtCount(members)} members`,
      elements: members,
      fill: {
        count: Math.ceil(members / PER),
        cmd: (c) => {
          const args: (string | number)[] = ['ZADD', 'zset'];
          for (let i = c * PER; i < Math.min(members, (c + 1) * PER); i++) args.push(i, 'member:' + i);
          return args;
        },
      },
    },
    {
      name: `1 list of ${fmtCount(members)} items`,
      elements: members,
      fill: {
        count: Math.ceil(members / PER),
        cmd: (c) => {
          const args: (string | number)[] = ['RPUSH', 'list'];
          for (let i = c * PER; i < Math.min(members, (c + 1) * PER); i++) args.push('item:' + i);
          return args;
        },
      },
    },
  ];
}

function fmtCount(n: number): string {
  return n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

export interface CollectionMemory {
  rssBefore: number;
  rssAfter: number;
  bytesPerElement: number;
  rssAtRest: number | null;
  bytesPerElementAtRest: number | null;
}

export async function measureCollection(server: ServerProcess, shape: CollectionShape): Promise<CollectionMemory> {
  const pid = server.proc.pid!;
  const rssBefore = rssBytes(pid);
  await load(server.port, shape.fill.count, shape.fill.cmd);
  await sleep(1000);
  const rssAfter = rssBytes(pid);
  return { rssBefore, rssAfter, bytesPerElement: (rssAfter - rssBefore) / shape.elements, rssAtRest: null, bytesPerElementAtRest: null };
}
