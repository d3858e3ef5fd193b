/**
 * Pub/Sub state and delivery: channels, patterns and shard channels, each
 * a map from name to the set of subscribed clients, plus each client's own
 * view (c.ext.pubsub) so unsubscribing everything and counting are cheap.
 *
 * A message is serialized once per protocol version and the same bytes go
 * into every receiver's reply buffer; receivers other than the publisher
 * are flushed at the end of the event-loop turn (markPending). After each
 * delivery the receiver's pending output is checked against the pubsub
 * class of client-output-buffer-limit, so a subscriber that stops reading
 * is dropped instead of growing memory without bound.
 *
 * Names and messages are latin1 strings (one char per byte) or argv
 * Buffers; nothing from argv is kept past the call.
 */
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import { globMatch } from '../keyspace/glob.js';
import { OutputLimits } from './limits.js';
import { decimalLength, putDecimal, putLatin1 } from '../protocol/writer.js';

/** One client's subscriptions. */
export interface ClientSubs {
  channels: Set<string>;
  patterns: Set<string>;
  shard: Set<string>;
  /** Unix seconds when the soft output limit was first exceeded; 0 while under it. */
  softSince: number;
}

/** Bytes: a Buffer, or a latin1 string (one char per byte, so .length is the byte length too). */
type Payload = Buffer | string;

function put(buf: Buffer, pos: number, p: Payload): number {
  if (typeof p === 'string') return putLatin1(buf, pos, p);
  buf.set(p, pos);
  return pos + p.length;
}

type Kind = 'message' | 'pmessage' | 'smessage';

/** The fixed start of each frame: the aggregate header and the kind, per protocol. */
const HEADS: Record<Kind, [Buffer, Buffer]> = {
  message: [Buffer.from('*3\r\n$7\r\nmessage\r\n'), Buffer.from('>3\r\n$7\r\nmessage\r\n')],
  pmessage: [Buffer.from('*4\r\n$8\r\npmessage\r\n'), Buffer.from('>4\r\n$8\r\npmessage\r\n')],
  smessage: [Buffer.from('*3\r\n$8\r\nsmessage\r\n'), Buffer.from('>3\r\n$8\r\nsmessage\r\n')],
};

/**
 * One pub/sub frame: kind, then the parts as bulk strings; '*' in RESP2,
 * '>' in RESP3. Everything but long parts is written from JS: each call
 * into C++ (Buffer.copy, latin1Write) costs about 100 ns, more than a
 * short message's whole frame.
 */
function frame(resp: 2 | 3, kind: Kind, parts: Payload[]): Buffer {
  const head = HEADS[kind][resp === 3 ? 1 : 0];
  let size = head.length;
  for (let i = 0; i < parts.length; i++) {
    const n = parts[i].length;
    size += decimalLength(n) + n + 5;
  }
  const buf = Buffer.allocUnsafe(size);
  buf.set(head, 0);
  let pos = head.length;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    buf[pos++] = 36; // $
    pos = putDecimal(buf, pos, p.length);
    buf[pos++] = 13;
    buf[pos++] = 10;
    pos = put(buf, pos, p);
    buf[pos++] = 13;
    buf[pos++] = 10;
  }
  return buf;
}

/** Lazily built frames of one message, one per protocol version. */
class Frames {
  private f2: Buffer | null = null;
  private f3: Buffer | null = null;
  constructor(
    private readonly kind: Kind,
    private readonly parts: Payload[],
  ) {}
  bytes(resp: 2 | 3): Buffer {
    if (resp === 3) return (this.f3 ??= frame(3, this.kind, this.parts));
    return (this.f2 ??= frame(2, this.kind, this.parts));
  }
}

export class PubSub {
  readonly channels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, Set<Client>>();
  readonly shard = new Map<string, Set<Client>>();
  readonly limits: OutputLimits;
  /** Clients that went over their output limit during a delivery; closed once it is done. */
  private overLimit: Client[] = [];

  constructor(ctx: ServerContext) {
    this.limits = new OutputLimits(ctx);
  }

  /** The client's subscriptions, created on first use. */
  subs(c: Client): ClientSubs {
    let s = c.ext.pubsub as ClientSubs | undefined;
    if (s === undefined) {
      s = { channels: new Set(), patterns: new Set(), shard: new Set(), softSince: 0 };
      c.ext.pubsub = s;
    }
    return s;
  }

  /** Channels + patterns: the count SUBSCRIBE/PSUBSCRIBE and their inverses reply with. */
  count(c: Client): number {
    const s = c.ext.pubsub as ClientSubs | undefined;
    return s === undefined ? 0 : s.channels.size + s.patterns.size;
  }

  shardCount(c: Client): number {
    const s = c.ext.pubsub as ClientSubs | undefined;
    return s === undefined ? 0 : s.shard.size;
  }

  private refresh(c: Client, s: ClientSubs): void {
    // Dispatch's subscribed mode and CLIENT LIST's P flag both read this.
    c.pubsubCount = s.channels.size + s.patterns.size + s.shard.size;
  }

  private add(table: Map<string, Set<Client>>, own: Set<string>, c: Client, name: string): boolean {
    if (own.has(name)) return false;
    own.add(name);
    let set = table.get(name);
    if (set === undefined) table.set(name, (set = new Set()));
    set.add(c);
    return true;
  }

  private remove(table: Map<string, Set<Client>>, own: Set<string>, c: Client, name: string): boolean {
    if (!own.delete(name)) return false;
    const set = table.get(name);
    if (set !== undefined) {
      set.delete(c);
      if (set.size === 0) table.delete(name);
    }
    return true;
  }

  subscribe(c: Client, channel: string): boolean {
    const s = this.subs(c);
    const added = this.add(this.channels, s.channels, c, channel);
    this.refresh(c, s);
    return added;
  }

  unsubscribe(c: Client, channel: string): boolean {
    const s = this.subs(c);
    const removed = this.remove(this.channels, s.channels, c, channel);
    this.refresh(c, s);
    return removed;
  }

  psubscribe(c: Client, pattern: string): boolean {
    const s = this.subs(c);
    const added = this.add(this.patterns, s.patterns, c, pattern);
    this.refresh(c, s);
    return added;
  }

  punsubscribe(c: Client, pattern: string): boolean {
    const s = this.subs(c);
    const removed = this.remove(this.patterns, s.patterns, c, pattern);
    this.refresh(c, s);
    return removed;
  }

  ssubscribe(c: Client, channel: string): boolean {
    const s = this.subs(c);
    const added = this.add(this.shard, s.shard, c, channel);
    this.refresh(c, s);
    return added;
  }

  sunsubscribe(c: Client, channel: string): boolean {
    const s = this.subs(c);
    const removed = this.remove(this.shard, s.shard, c, channel);
    this.refresh(c, s);
    return removed;
  }

  /** Drops every subscription silently (disconnect, RESET). */
  dropAll(c: Client): void {
    const s = c.ext.pubsub as ClientSubs | undefined;
    if (s === undefined) return;
    for (const ch of [...s.channels]) this.remove(this.channels, s.channels, c, ch);
    for (const p of [...s.patterns]) this.remove(this.patterns, s.patterns, c, p);
    for (const ch of [...s.shard]) this.remove(this.shard, s.shard, c, ch);
    this.refresh(c, s);
  }

  /** PUBLISH: to the channel's subscribers, then to every matching pattern's. Returns the receivers count. */
  publish(channel: Payload, message: Payload): number {
    const name = typeof channel === 'string' ? channel : channel.latin1Slice(0, channel.length);
    let receivers = 0;
    const subs = this.channels.get(name);
    if (subs !== undefined) {
      const frames = new Frames('message', [channel, message]);
      for (const c of subs) {
        this.deliver(c, frames.bytes(c.resp));
        receivers++;
      }
    }
    if (this.patterns.size !== 0) {
      for (const [pattern, clients] of this.patterns) {
        if (!globMatch(pattern, name)) continue;
        const frames = new Frames('pmessage', [pattern, channel, message]);
        for (const c of clients) {
          this.deliver(c, frames.bytes(c.resp));
          receivers++;
        }
      }
    }
    this.closeOverLimit();
    return receivers;
  }

  /** SPUBLISH: shard channels have no patterns. */
  spublish(channel: Payload, message: Payload): number {
    const name = typeof channel === 'string' ? channel : channel.latin1Slice(0, channel.length);
    const subs = this.shard.get(name);
    if (subs === undefined) return 0;
    const frames = new Frames('smessage', [channel, message]);
    let receivers = 0;
    for (const c of subs) {
      this.deliver(c, frames.bytes(c.resp));
      receivers++;
    }
    this.closeOverLimit();
    return receivers;
  }

  /**
   * Writes a ready frame to a client and checks its output limit; for
   * out-of-band messages built elsewhere (tracking invalidations). The
   * caller runs closeOverLimit() once it is done delivering.
   */
  deliver(c: Client, bytes: Buffer): void {
    if (c.closed) return;
    c.out.raw(bytes);
    c.markPending();
    if (this.limits.exceeded(c, this.subs(c))) this.overLimit.push(c);
  }

  closeOverLimit(): void {
    if (this.overLimit.length === 0) return;
    const list = this.overLimit;
    this.overLimit = [];
    for (const c of list) this.limits.close(c);
  }

  /** Active channels (or shard channels) matching an optional pattern. */
  activeChannels(shard: boolean, pattern: string | null): string[] {
    const out: string[] = [];
    for (const name of (shard ? this.shard : this.channels).keys()) {
      if (pattern === null || globMatch(pattern, name)) out.push(name);
    }
    return out;
  }
}

/** The server's pub/sub state, created by installPubsub. */
export function pubsubOf(ctx: ServerContext): PubSub {
  let ps = ctx.ext.pubsub as PubSub | undefined;
  if (ps === undefined) ctx.ext.pubsub = ps = new PubSub(ctx);
  return ps;
}
