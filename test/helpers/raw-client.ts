/**
 * A raw RESP client for tests: sends argv (or raw bytes) and returns each
 * reply's exact bytes, so differential tests compare byte for byte.
 */
import net from 'node:net';
import { once } from 'node:events';
import { replyEnd, decode, type Reply } from './resp.js';

export function encodeCommand(args: (string | Buffer | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(String(a), 'utf8');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

export class RawClient {
  private buf = Buffer.alloc(0);
  private waiters: ((b: Buffer) => void)[] = [];
  /** Pushes and replies nobody asked for yet. */
  private queue: Buffer[] = [];
  closed = false;
  private closeWaiters: (() => void)[] = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      for (;;) {
        const end = replyEnd(this.buf);
        if (end < 0) break;
        const reply = this.buf.subarray(0, end);
        this.buf = this.buf.subarray(end);
        const w = this.waiters.shift();
        if (w) w(Buffer.from(reply));
        else this.queue.push(Buffer.from(reply));
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.closeWaiters) w();
    });
    socket.on('error', () => {});
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    const socket = net.connect(port, host);
    await once(socket, 'connect');
    socket.setNoDelay(true);
    return new RawClient(socket);
  }

  /** The next reply's raw bytes. */
  next(): Promise<Buffer> {
    const q = this.queue.shift();
    if (q) return Promise.resolve(q);
    if (this.closed) return Promise.reject(new Error('connection closed'));
    return new Promise((resolve, reject) => {
      this.waiters.push(resolve);
      this.closeWaiters.push(() => reject(new Error('connection closed')));
    });
  }

  writeRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** Sends one command and returns its reply's bytes. */
  call(...args: (string | Buffer | number)[]): Promise<Buffer> {
    this.socket.write(encodeCommand(args));
    return this.next();
  }

  /** Sends one command and returns its decoded reply. */
  async cmd(...args: (string | Buffer | number)[]): Promise<Reply> {
    return decode(await this.call(...args))[0];
  }

  waitClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((r) => this.closeWaiters.push(r));
  }

  close(): void {
    this.socket.destroy();
  }
}
