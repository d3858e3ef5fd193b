/**
 * Server-assisted client-side caching (CLIENT TRACKING), as Redis 7.0.
 *
 * Default mode: the keys every read-only command of a tracking client
 * names are remembered (key name -> client ids, across databases, like
 * Redis's TrackingTable), whether the command succeeded or not; the first
 * modification of such a key sends one invalidation to each of them and
 * forgets the key. BCAST mode: nothing is remembered per client; modified
 * keys matching a registered prefix are collected and broadcast once per
 * event-loop turn, sorted, per prefix.
 *
 * Invalidations go to the client as RESP3 pushes ["invalidate", [keys]],
 * or to its REDIRECT target: a RESP3 push too, or for a RESP2 target that
 * is subscribed, a message on __redis__:invalidate. Invalidations for the
 * client whose command is running are held until its reply is out (after
 * a whole EXEC), so they never interleave with the reply. Flushes send a
 * null invalidation to every tracking client.
 *
 * "The current client" is dispatch's ctx.currentClient; it is only believed
 * while the clock is frozen, i.e. while a command runs: timer-driven
 * changes (active expiry) have no current client, as in Redis.
 */
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { Command } from '../commands/table.js';
import { pubsubOf, type PubSub } from '../pubsub/pubsub.js';
import { CLIENT_TRACKING, CLIENT_TRACKING_BCAST, CLIENT_TRACKING_BROKEN_REDIR } from '../server/client-flags.js';

export interface TrackingState {
  on: boolean;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  /** CLIENT CACHING YES (optin) / NO (optout) given for the next command. */
  caching: boolean;
  brokenRedir: boolean;
  /** Client id invalidations go to; 0 for the client itself. */
  redirect: number;
  /** BCAST prefixes of this client. */
  prefixes: Set<string>;
}

export interface TrackingOptions {
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
}

interface BcastState {
  clients: Set<Client>;
  /** Keys modified since the last broadcast, each with the client that changed it (for NOLOOP). */
  keys: Map<string, Client | null>;
}

const CHANNEL = '__redis__:invalidate';

/** RESP array of bulk strings, latin1. */
function keyArray(keys: string[]): string {
  let s = `*${keys.length}\r\n`;
  for (const k of keys) s += `$${k.length}\r\n${k}\r\n`;
  return s;
}

export class Tracking {
  /** Key name -> ids of the clients that may have cached it. */
  readonly table = new Map<string, Set<number>>();
  items = 0;
  readonly prefixTable = new Map<string, BcastState>();
  clients = 0;
  /** Invalidations (key, or null for a flush) held for the current client until its command is done. */
  private pending: (string | null)[] = [];
  private broadcastScheduled = false;
  /** Consecutive commands that found the table over tracking-table-max-keys. */
  private overLimitRuns = 0;
  private readonly ps: PubSub;

  constructor(private readonly ctx: ServerContext) {
    this.ps = pubsubOf(ctx);
  }

  stateOf(c: Client): TrackingState | undefined {
    return c.ext.tracking as TrackingState | undefined;
  }

  state(c: Client): TrackingState {
    let s = c.ext.tracking as TrackingState | undefined;
    if (s === undefined) {
      s = { on: false, bcast: false, optin: false, optout: false, noloop: false, caching: false, brokenRedir: false, redirect: 0, prefixes: new Set() };
      c.ext.tracking = s;
    }
    return s;
  }

  /** The client whose command is running, or null outside a command. */
  currentClient(): Client | null {
    const outer = this.ctx.exec.outer;
    return outer === null ? null : outer.client;
  }

  private refreshFlags(c: Client, s: TrackingState): void {
    let f = c.flags & ~(CLIENT_TRACKING | CLIENT_TRACKING_BROKEN_REDIR | CLIENT_TRACKING_BCAST);
    if (s.on) f |= CLIENT_TRACKING;
    if (s.on && s.brokenRedir) f |= CLIENT_TRACKING_BROKEN_REDIR;
    if (s.on && s.bcast) f |= CLIENT_TRACKING_BCAST;
    c.flags = f;
    // CLIENT LIST's redir field.
    c.ext.trackingRedirect = s.on ? s.redirect : -1;
    this.ctx.ext.trackingClients = this.clients;
  }

  /** enableTracking: options were checked by the caller. Prefixes accumulate over repeated ONs. */
  enable(c: Client, redirect: number, opts: TrackingOptions, prefixes: string[]): void {
    const s = this.state(c);
    if (!s.on) this.clients++;
    s.on = true;
    s.brokenRedir = false;
    s.redirect = redirect;
    s.bcast = opts.bcast;
    if (opts.bcast) {
      if (prefixes.length === 0) this.addPrefix(c, s, '');
      for (const p of prefixes) this.addPrefix(c, s, p);
    }
    s.optin = opts.optin;
    s.optout = opts.optout;
    s.noloop = opts.noloop;
    this.refreshFlags(c, s);
  }

  private addPrefix(c: Client, s: TrackingState, prefix: string): void {
    let bs = this.prefixTable.get(prefix);
    if (bs === undefined) this.prefixTable.set(prefix, (bs = { clients: new Set(), keys: new Map() }));
    bs.clients.add(c);
    s.prefixes.add(prefix);
  }

  disable(c: Client): void {
    const s = this.stateOf(c);
    if (s === undefined) return;
    for (const p of s.prefixes) {
      const bs = this.prefixTable.get(p);
      if (bs === undefined) continue;
      bs.clients.delete(c);
      if (bs.clients.size === 0) this.prefixTable.delete(p);
    }
    s.prefixes = new Set();
    if (s.on) {
      this.clients--;
      s.on = s.brokenRedir = s.bcast = s.optin = s.optout = s.caching = s.noloop = false;
    }
    this.refreshFlags(c, s);
  }

  /** trackingRememberKeys: after a read-only command of a tracking client (not BCAST). */
  remember(c: Client, cmd: Command, argv: string[]): void {
    const s = this.stateOf(c);
    if (s === undefined || !s.on || s.bcast) return;
    if ((s.optin && !s.caching) || (s.optout && s.caching)) return;
    // Shard channels are declared as keys for routing only.
    if (cmd.spec.flags.includes('pubsub')) return;
    for (const k of cmd.keys(argv)) {
      const key = argv[k.pos];
      let ids = this.table.get(key);
      if (ids === undefined) this.table.set(key, (ids = new Set()));
      if (!ids.has(c.id)) {
        ids.add(c.id);
        this.items++;
      }
    }
  }

  /** trackingInvalidateKey: key was modified (in any database), or evicted from the table (bcast false). */
  invalidateKey(key: string, bcast = true): void {
    // An eviction from the table has no author: NOLOOP clients hear about it too.
    const current = bcast ? this.currentClient() : null;
    if (bcast && this.prefixTable.size !== 0) this.rememberForBroadcast(current, key);
    const ids = this.table.get(key);
    if (ids === undefined) return;
    for (const id of ids) {
      const target = this.ctx.clients.get(id);
      const s = target === undefined ? undefined : this.stateOf(target);
      // A client that switched to BCAST since must not get its old default-mode invalidations.
      if (target === undefined || s === undefined || !s.on || s.bcast) continue;
      if (s.noloop && target === current) continue;
      if (target === current) this.pending.push(key);
      else this.send(target, key, false);
    }
    this.items -= ids.size;
    this.table.delete(key);
    this.ps.closeOverLimit();
  }

  private rememberForBroadcast(current: Client | null, key: string): void {
    for (const [prefix, bs] of this.prefixTable) {
      if (key.startsWith(prefix)) bs.keys.set(key, current);
    }
    if (!this.broadcastScheduled) {
      this.broadcastScheduled = true;
      setImmediate(() => this.broadcast());
    }
  }

  /** trackingBroadcastInvalidationMessages: once per event-loop turn, like Redis's beforeSleep. */
  broadcast(): void {
    this.broadcastScheduled = false;
    const prefixes = [...this.prefixTable.keys()].sort();
    for (const prefix of prefixes) {
      const bs = this.prefixTable.get(prefix)!;
      if (bs.keys.size === 0) continue;
      const keys = [...bs.keys.keys()].sort();
      const common = keyArray(keys);
      for (const c of bs.clients) {
        if (this.stateOf(c)?.noloop) {
          const own = keys.filter((k) => bs.keys.get(k) !== c);
          if (own.length !== 0) this.send(c, keyArray(own), true);
        } else {
          this.send(c, common, true);
        }
      }
      bs.keys = new Map();
    }
    this.ps.closeOverLimit();
  }

  /** trackingInvalidateKeysOnFlush: a null invalidation to every tracking client; the table is forgotten. */
  flushed(): void {
    if (this.clients !== 0) {
      const current = this.currentClient();
      for (const c of this.ctx.clients.values()) {
        const s = this.stateOf(c);
        if (s === undefined || !s.on) continue;
        if (c === current) this.pending.push(null);
        else this.send(c, null, true);
      }
    }
    this.table.clear();
    this.items = 0;
    this.ps.closeOverLimit();
  }

  /**
   * trackingLimitUsedSlots, before each command while someone tracks: over
   * tracking-table-max-keys, keys are invalidated (oldest remembered first,
   * where Redis walks the table at random) with an effort that grows while
   * the table stays over the limit.
   */
  limitTable(): void {
    const max = this.ctx.config.num('tracking-table-max-keys');
    if (max === 0 || this.table.size <= max) {
      this.overLimitRuns = 0;
      return;
    }
    let effort = 100 * (this.overLimitRuns + 1);
    for (const key of this.table.keys()) {
      if (effort-- <= 0) break;
      this.invalidateKey(key, false);
      if (this.table.size <= max) {
        this.overLimitRuns = 0;
        return;
      }
    }
    this.overLimitRuns++;
  }

  hasPending(): boolean {
    return this.pending.length !== 0;
  }

  /** Sends what was held for the client whose command just finished. */
  flushPending(c: Client): void {
    if (this.pending.length === 0) return;
    const list = this.pending;
    this.pending = [];
    if (c.closed) return;
    for (const key of list) this.send(c, key, key === null);
    this.ps.closeOverLimit();
  }

  /**
   * sendTrackingMessage: `payload` is a key name (proto false), ready
   * protocol (an array of keys, proto true), or null for the flush's null.
   */
  private send(c: Client, payload: string | null, proto: boolean): void {
    const s = this.state(c);
    let target = c;
    let redirected = false;
    // Redis spells the null by the tracking client's protocol, even when redirecting.
    const nullBytes = c.resp === 3 ? '_\r\n' : '$-1\r\n';
    if (s.redirect !== 0) {
      const r = this.ctx.clients.get(s.redirect);
      if (r === undefined) {
        if (!s.brokenRedir) {
          s.brokenRedir = true;
          this.refreshFlags(c, s);
        }
        if (c.resp === 3) this.ps.deliver(c, Buffer.from(`>2\r\n$21\r\ntracking-redir-broken\r\n:${s.redirect}\r\n`, 'latin1'));
        return;
      }
      target = r;
      redirected = true;
    }
    let head: string;
    if (target.resp === 3) head = '>2\r\n$10\r\ninvalidate\r\n';
    else if (redirected && target.pubsubCount !== 0) head = `*3\r\n$7\r\nmessage\r\n$${CHANNEL.length}\r\n${CHANNEL}\r\n`;
    else return; // RESP2 cannot push on the connection that asks.
    let body: string;
    if (payload === null) body = nullBytes;
    else if (proto) body = payload;
    else body = `*1\r\n$${payload.length}\r\n${payload}\r\n`;
    this.ps.deliver(target, Buffer.from(head + body, 'latin1'));
  }

  /** INFO: tracking_total_keys, tracking_total_items, tracking_total_prefixes. */
  info(): { clients: number; keys: number; items: number; prefixes: number } {
    return { clients: this.clients, keys: this.table.size, items: this.items, prefixes: this.prefixTable.size };
  }
}

export function trackingOf(ctx: ServerContext): Tracking {
  let t = ctx.ext.tracking as Tracking | undefined;
  if (t === undefined) ctx.ext.tracking = t = new Tracking(ctx);
  return t;
}
