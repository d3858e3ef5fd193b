/**
 * Taps the write-propagation stream of both servers, for differential
 * tests of what a master sends its replicas.
 *
 * On redis-server the tap is a fake replica: it runs the handshake (PING,
 * REPLCONF listening-port and capa, PSYNC ? -1), skips the RDB payload,
 * keeps acknowledging (a diskless master streams nothing to a replica
 * that never ACKs) and records every command except the master's PINGs
 * and REPLCONF GETACKs. On Mnemo, until replication exists, the tap is a
 * propagation target subscribed in process, which sees the same ops a
 * replica will be fed.
 *
 * A batch ends with PUBLISH on a marker channel, which both servers
 * propagate to replicas: take() waits for it, so no test sleeps.
 */
import net from 'node:net';
import { DbTrackingTarget, PROPAGATE_REPL } from '../../src/keyspace/propagation.js';
import type { RunningServer } from '../../src/index.js';

export const TAP_CHANNEL = '__tap_marker__';

export type Op = string[];

abstract class Tap {
  protected ops: Op[] = [];
  private waiter: (() => void) | null = null;
  private marks = 0;

  protected record(op: Op): void {
    this.ops.push(op);
    if (op[0].toUpperCase() === 'PUBLISH' && op[1] === TAP_CHANNEL) {
      this.marks++;
      this.waiter?.();
    }
  }

  /** The ops up to the next marker (the marker and nothing after it excluded). */
  async take(): Promise<Op[]> {
    while (this.marks === 0) await new Promise<void>((r) => (this.waiter = r));
    this.waiter = null;
    this.marks--;
    const i = this.ops.findIndex((op) => op[0].toUpperCase() === 'PUBLISH' && op[1] === TAP_CHANNEL);
    const batch = this.ops.slice(0, i);
    this.ops = this.ops.slice(i + 1);
    return batch;
  }

  abstract close(): void;
}

class MnemoTap extends Tap {
  private readonly target: DbTrackingTarget;

  constructor(private readonly server: RunningServer) {
    super();
    const record = (argv: readonly string[]) => this.record([...argv]);
    this.target = new (class extends DbTrackingTarget {
      readonly kind = PROPAGATE_REPL;
      protected emit(argv: readonly string[]): void {
        record(argv);
      }
    })();
    server.ctx.keyspace.propagation.subscribe(this.target);
  }

  close(): void {
    this.server.ctx.keyspace.propagation.unsubscribe(this.target);
  }
}

function encode(args: string[]): string {
  return `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`).join('');
}

/** One RESP value at b[i]: [value, end], or null when incomplete. */
function parse(b: Buffer, i: number): [unknown, number] | null {
  if (i >= b.length) return null;
  const e = b.indexOf('\r\n', i);
  if (e < 0) return null;
  const line = b.toString('latin1', i + 1, e);
  if (b[i] === 0x2a) {
    const out: unknown[] = [];
    let p = e + 2;
    for (let k = 0; k < Number(line); k++) {
      const r = parse(b, p);
      if (r === null) return null;
      out.push(r[0]);
      p = r[1];
    }
    return [out, p];
  }
  if (b[i] === 0x24) {
    const n = Number(line);
    if (b.length < e + 4 + n) return null;
    return [b.toString('latin1', e + 2, e + 2 + n), e + 4 + n];
  }
  return [line, e + 2];
}

class RedisReplicaTap extends Tap {
  private buf = Buffer.alloc(0);
  private phase: 'handshake' | 'rdb' | 'stream' = 'handshake';
  private step = 0;
  private ack: NodeJS.Timeout | null = null;
  readonly ready: Promise<void>;
  private onReady!: () => void;

  constructor(private readonly socket: net.Socket) {
    super();
    this.ready = new Promise((r) => (this.onReady = r));
    socket.on('data', (d) => this.data(d));
    socket.on('error', () => {});
    socket.on('close', () => this.close());
    socket.write(encode(['PING']));
  }

  private data(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.phase === 'handshake') {
        const e = this.buf.indexOf('\r\n');
        if (e < 0) return;
        this.buf = this.buf.subarray(e + 2);
        const next = [['REPLCONF', 'listening-port', '1'], ['REPLCONF', 'capa', 'eof', 'capa', 'psync2'], ['PSYNC', '?', '-1']][this.step++];
        if (next !== undefined) this.socket.write(encode(next));
        else this.phase = 'rdb';
        continue;
      }
      if (this.phase === 'rdb') {
        // The master sends newlines as keep-alives while it prepares the payload.
        let s = 0;
        while (s < this.buf.length && this.buf[s] === 0x0a) s++;
        this.buf = this.buf.subarray(s);
        const e = this.buf.indexOf('\r\n');
        if (e < 0) return;
        const line = this.buf.toString('latin1', 0, e);
        if (line.startsWith('$EOF:')) {
          const mark = line.slice(5);
          const m = this.buf.indexOf(mark, e + 2);
          if (m < 0) return;
          this.buf = this.buf.subarray(m + mark.length);
        } else {
          const n = Number(line.slice(1));
          if (this.buf.length < e + 2 + n) return;
          this.buf = this.buf.subarray(e + 2 + n);
        }
        this.phase = 'stream';
        this.ack = setInterval(() => this.socket.write(encode(['REPLCONF', 'ACK', '0'])), 20);
        this.ack.unref();
        this.onReady();
        continue;
      }
      const r = parse(this.buf, 0);
      if (r === null) return;
      this.buf = this.buf.subarray(r[1]);
      const op = r[0] as Op;
      const name = op[0].toUpperCase();
      if (name === 'PING' || name === 'REPLCONF') continue;
      this.record(op);
    }
  }

  close(): void {
    if (this.ack) clearInterval(this.ack);
    this.socket.destroy();
  }
}

export function tapMnemo(server: RunningServer): Tap {
  return new MnemoTap(server);
}

/** redis-server must run with --repl-diskless-sync-delay 0 for the tap to attach at once. */
export async function tapRedis(port: number): Promise<Tap> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const tap = new RedisReplicaTap(socket);
  await tap.ready;
  return tap;
}

export type { Tap };
