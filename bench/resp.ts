/**
 * A minimal RESP2 client for the benchmark's own loaders and probes:
 * commands are written in big pipelined batches and replies are counted
 * (or returned) as they stream back. Latin1 throughout, like the keys.
 */
import net from 'node:net';
import { once } from 'node:events';

export type Reply = string | number | null | Reply[] | Error;
export type Args = readonly (string | number)[];

export function encode(args: Args): string {
  let s = `*${args.length}\r\n`;
  for (const a of args) {
    const t = typeof a === 'number' ? String(a) : a;
    s += `$${t.length}\r\n${t}\r\n`;
  }
  return s;
}

function lineEnd(buf: Buffer, pos: number): number {
  const i = buf.indexOf(13, pos);
  return i === -1 || i + 1 >= buf.length ? -1 : i;
}

/** One complete reply starting at `pos`, or null when the buffer ends inside it. */
export function parseReply(buf: Buffer, pos: number): [Reply, number] | null {
  if (pos >= buf.length) return null;
  const end = lineEnd(buf, pos + 1);
  if (end === -1) return null;
  const line = buf.latin1Slice(pos + 1, end);
  const next = end + 2;
  switch (buf[pos]) {
    case 43 /* + */:
      return [line, next];
    case 45 /* - */:
      return [new Error(line), next];
    case 58 /* : */:
      return [Number(line), next];
    case 36 /* $ */: {
      const len = Number(line);
      if (len < 0) return [null, next];
      if (next + len + 2 > buf.length) return null;
      return [buf.latin1Slice(next, next + len), next + len + 2];
    }
    case 42 /* * */: {
      const n = Number(line);
      if (n < 0) return [null, next];
      const items: Reply[] = [];
      let p = next;
      for (let i = 0; i < n; i++) {
        const r = parseReply(buf, p);
        if (r === null) return null;
        items.push(r[0]);
        p = r[1];
      }
      return [items, p];
    }
    default:
      throw new Error(`unexpected RESP type byte ${buf[pos]}`);
  }
}

export class Conn {
  replies = 0;
  errors = 0;
  firstError: Error | null = null;
  /** Called for every reply (subscribers use it for pushed messages). */
  onReply: ((r: Reply) => void) | null = null;
  private sent = 0;
  private last: Reply = null;
  private pending: Buffer | null = null;
  private wake: (() => void) | null = null;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => this.feed(d));
    socket.on('error', () => {});
  }

  static async open(port: number): Promise<Conn> {
    const s = net.connect(port, '127.0.0.1');
    s.setNoDelay(true);
    await once(s, 'connect');
    return new Conn(s);
  }

  private feed(d: Buffer): void {
    const buf = this.pending ? Buffer.concat([this.pending, d]) : d;
    let pos = 0;
    for (;;) {
      const r = parseReply(buf, pos);
      if (r === null) break;
      pos = r[1];
      this.replies++;
      this.last = r[0];
      if (r[0] instanceof Error) {
        this.errors++;
        this.firstError ??= r[0];
      }
      this.onReply?.(r[0]);
    }
    this.pending = pos < buf.length ? Buffer.from(buf.subarray(pos)) : null;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Writes raw frames counting as `commands` commands. */
  write(frames: string, commands: number): void {
    this.sent += commands;
    this.socket.write(frames, 'latin1');
  }

  get outstanding(): number {
    return this.sent - this.replies;
  }

  async waitReplies(n: number): Promise<void> {
    while (this.replies < n) {
      if (this.socket.destroyed) throw new Error('connection closed');
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** One command, waiting for its reply (use only with nothing else in flight). */
  async command(...args: Args): Promise<Reply> {
    this.write(encode(args), 1);
    await this.waitReplies(this.sent);
    return this.last;
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * Sends `count` commands (frame i from `cmd(i)`) in batches, keeping at
 * most `window` unanswered; resolves when all are answered.
 */
export async function pipeline(conn: Conn, count: number, cmd: (i: number) => Args, batch = 500, window = 10_000): Promise<void> {
  const base = conn.replies + conn.outstanding;
  for (let i = 0; i < count; i += batch) {
    const end = Math.min(count, i + batch);
    let chunk = '';
    for (let j = i; j < end; j++) chunk += encode(cmd(j));
    conn.write(chunk, end - i);
    if (conn.outstanding > window) await conn.waitReplies(base + end - window);
  }
  await conn.waitReplies(base + count);
}

/** Runs `count` commands on a fresh connection and fails on any error reply. */
export async function load(port: number, count: number, cmd: (i: number) => Args): Promise<void> {
  const c = await Conn.open(port);
  try {
    await pipeline(c, count, cmd);
    if (c.errors > 0) throw new Error(`${c.errors} commands failed while loading: ${c.firstError?.message}`);
  } finally {
    c.close();
  }
}
