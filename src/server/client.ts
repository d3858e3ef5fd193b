/**
 * One connection's state: selected database, protocol version, identity,
 * transaction queue, blocking state, and the parser and reply writer that
 * sit between it and its socket.
 */
import type { Socket } from 'node:net';
import { RespParser, ProtocolError, type ParserLimits } from '../protocol/parser.js';
import { ReplyWriter } from '../protocol/writer.js';
import type { Db } from '../keyspace/db.js';
import type { ServerContext } from './context.js';
import type { Command } from '../commands/table.js';
import { processCommand, beginBatch, endBatch } from './dispatch.js';
import { CLIENT_CLOSE_AFTER_REPLY, CLIENT_UNIX_SOCKET } from './client-flags.js';

export interface QueuedCommand {
  cmd: Command;
  argv: string[];
}

export interface MultiState {
  queue: QueuedCommand[];
  /** A command was refused at queue time: EXEC answers EXECABORT. */
  aborted: boolean;
}

/** What a blocked client waits for; the blocking module owns the details. */
export interface BlockState {
  /** Absolute unix ms, or 0 to wait forever. */
  deadline: number;
  /** Called on timeout or CLIENT UNBLOCK; the reply to send. */
  onTimeout: (c: Client) => void;
  /** Releases whatever the wait registered (queues, timers). */
  cleanup: (c: Client) => void;
  /** Free-form data for the module that blocked the client. */
  data?: unknown;
  /** Shown in CLIENT LIST flags: 'b'. */
  kind: 'list' | 'zset' | 'stream' | 'wait' | 'pause' | 'module' | 'lock';
}

export type ReplyMode = 'on' | 'off' | 'skip';

/** Replies at least this long are written as soon as the input that produced them was run. */
const WRITE_NOW = 64 * 1024;

export class Client implements ParserLimits {
  readonly id: number;
  readonly createdAt = Date.now();
  lastInteraction = Date.now();
  readonly out: ReplyWriter;
  readonly parser: RespParser;
  db: Db;
  name = '';
  libName = '';
  libVer = '';
  user = 'default';
  authenticated: boolean;
  /** What this client is and how it is served (client-flags.ts). */
  flags = 0;
  /** Fixed at connect: "ip:port" of the peer and of the local end. */
  addr = '';
  laddr = '';
  multi: MultiState | null = null;
  blocked: BlockState | null = null;
  /** A command that could not run yet (blocked, paused) and runs again on wake. */
  pendingArgv: string[] | null = null;
  replyMode: ReplyMode = 'on';
  /** CLIENT REPLY SKIP: the next command's reply is dropped. */
  skipNext = false;
  /** In the context's end-of-turn flush queue. */
  flushQueued = false;
  closed = false;
  /** Full name of the last command run ("client|list"), for CLIENT LIST. */
  lastCommand = 'NULL';
  /** Per-client data that other modules attach (pub/sub channels, watched keys, tracking). */
  readonly ext: Record<string, unknown> = Object.create(null);
  /** Channels + patterns + shard channels subscribed to; non-zero puts a RESP2 client in subscribed mode. */
  pubsubCount = 0;

  constructor(
    readonly ctx: ServerContext,
    readonly socket: Socket | null,
    options: { isUnix?: boolean } = {},
  ) {
    this.id = ctx.nextClientId++;
    if (options.isUnix) this.flags |= CLIENT_UNIX_SOCKET;
    this.db = ctx.keyspace.dbs[0];
    this.authenticated = !ctx.authRequired();
    this.parser = new RespParser(this);
    this.out = new ReplyWriter((chunk) => this.write(chunk));
    this.out.onError = (text) => ctx.countError(text);
  }

  get maxBulkLen(): number {
    return this.ctx.config.protoMaxBulkLen;
  }

  get isUnix(): boolean {
    return (this.flags & CLIENT_UNIX_SOCKET) !== 0;
  }

  get authRequired(): boolean {
    return !this.authenticated;
  }

  get resp(): 2 | 3 {
    return this.out.resp;
  }

  set resp(v: 2 | 3) {
    this.out.resp = v;
  }

  get dbIndex(): number {
    return this.db.id;
  }

  /** True when the socket no longer needs chunk: Node keeps a reference only to what it could not write at once. */
  private write(chunk: Buffer): boolean {
    if (this.closed || !this.socket) return true;
    this.ctx.stats.netOutputBytes += chunk.length;
    this.socket.write(chunk);
    return this.socket.writableLength === 0;
  }

  /** Bytes waiting in Node's socket buffer plus our own. */
  get outputPending(): number {
    return (this.socket?.writableLength ?? 0) + this.out.length;
  }

  /** The first `len` bytes of chunk arrived; transient: chunk is the shared read buffer, reused after this call returns. */
  onData(chunk: Buffer, transient = false, len = chunk.length): void {
    this.ctx.stats.netInputBytes += len;
    this.lastInteraction = beginBatch();
    this.parser.feed(chunk, transient, len);
    try {
      this.processInput();
    } finally {
      endBatch();
    }
    this.parser.settle();
    // Replies go out at the end of the event-loop turn, after every connection that had input
    // was read, as Redis's beforeSleep writes them. Writing at once was measurably slower (SET
    // at -P 1: about 20% fewer requests per second, more system time), most likely because each
    // write woke the peer for one reply while the server still had others to read. A big reply
    // leaves at once: waiting saves nothing next to its size, and fifty clients' pipelined
    // LRANGEs held together (tens of MB) made LRANGE_600 -P 16 twice as slow.
    if (this.out.length >= WRITE_NOW) this.flush();
    else this.markPending();
  }

  /** Runs every complete command buffered, unless blocked, paused or closing. */
  processInput(): void {
    while (!this.closed && (this.flags & CLIENT_CLOSE_AFTER_REPLY) === 0 && this.blocked === null) {
      if (this.pendingArgv !== null) {
        const argv = this.pendingArgv;
        this.pendingArgv = null;
        processCommand(this.ctx, this, argv);
        continue;
      }
      let argv: string[] | null;
      try {
        argv = this.parser.next();
      } catch (e) {
        if (!(e instanceof ProtocolError)) throw e;
        this.ctx.log.verbose(`Protocol error (${e.message}) from client: ${this.describe()}`);
        this.out.error('ERR ' + e.message);
        this.flags |= CLIENT_CLOSE_AFTER_REPLY;
        break;
      }
      if (argv === null) break;
      processCommand(this.ctx, this, argv);
    }
  }

  /** Sends buffered replies; honours close-after-reply. */
  flush(): void {
    this.out.flush();
    if (this.flags & CLIENT_CLOSE_AFTER_REPLY && !this.closed) this.close();
  }

  /** Queues this client's replies for the end of the event-loop turn, its deferred bulk strings copied first. */
  markPending(): void {
    this.out.settle();
    this.ctx.queueFlush(this);
  }

  /** Wakes a blocked client: the command that blocked it runs again. */
  unblock(): void {
    if (this.blocked === null) return;
    const b = this.blocked;
    this.blocked = null;
    b.cleanup(this);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.onClientClosed(this);
    if (this.socket) {
      this.socket.end();
      this.socket.destroySoon();
    }
  }

  /** "id=.. addr=.. ..." one-line description for logs. */
  describe(): string {
    return `id=${this.id} addr=${this.addr} laddr=${this.laddr} name=${this.name}`;
  }
}
