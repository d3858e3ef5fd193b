/**
 * ServerContext: everything one server instance owns. No module keeps
 * mutable state of its own, so several servers can run in one process.
 */
import { randomBytes } from 'node:crypto';
import { Config } from '../config/config.js';
import { Keyspace } from '../keyspace/keyspace.js';
import { CommandTable, type Command } from '../commands/table.js';
import { Logger } from './log.js';
import { PACKED_THRESHOLD_DEFAULT } from '../persistence/rdb/value.js';
import type { Client } from './client.js';
import { GateSlots } from './gates.js';
import { Execution } from './exec.js';

export interface ServerStats {
  totalCommands: number;
  totalConnections: number;
  rejectedConnections: number;
  netInputBytes: number;
  netOutputBytes: number;
  totalErrorReplies: number;
  /** errorstat_<CODE>: count, by the first word of the error. */
  errorCodes: Map<string, number>;
}

export type ClientHook = (c: Client) => void;
/** Runs after every call, nested ones (EXEC's queue, a script's redis.call) included. */
export type AfterCallHook = (c: Client, cmd: Command, argv: string[]) => void;
/** Runs when an outermost call (cmd, run by c) ended. */
export type AfterUnitHook = (c: Client, cmd: Command) => void;

export const MNEMO_VERSION = '0.1.0';
/** The Redis version Mnemo answers as; clients gate features on it. */
export const REDIS_VERSION = '7.0.15';

export class ServerContext {
  readonly config: Config;
  readonly keyspace: Keyspace;
  readonly table: CommandTable;
  readonly log = new Logger();
  readonly clients = new Map<number, Client>();
  nextClientId = 1;
  readonly startedAt = Date.now();
  readonly runId = randomBytes(20).toString('hex');
  readonly stats: ServerStats = {
    totalCommands: 0,
    totalConnections: 0,
    rejectedConnections: 0,
    netInputBytes: 0,
    netOutputBytes: 0,
    totalErrorReplies: 0,
    errorCodes: new Map(),
  };
  readonly monitors = new Set<Client>();
  /**
   * Clients whose replies wait for the end of the event-loop turn, each once (Client.flushQueued).
   * An array reused turn after turn: a Set allocated a new table on every clear().
   */
  private readonly pendingWrites: (Client | null)[] = [];
  private pendingCount = 0;
  private flushScheduled = false;
  private readonly flushPendingBound = () => this.flushPending();
  readonly clientClosedHooks: ClientHook[] = [];
  readonly afterCallHooks: AfterCallHook[] = [];
  /**
   * Runs when an outermost call ended and its writes were propagated (an
   * execution unit: a command, an EXEC, a script): serves blocked clients,
   * releases tracking invalidations. c is the unit's client.
   */
  readonly afterUnitHooks: AfterUnitHook[] = [];
  /** Which commands are running, nested in which (Redis's current_client, in_nested_call, ...). */
  readonly exec: Execution;
  /** DEBUG SET-SKIP-CHECKSUM-VALIDATION: RESTORE accepts payloads whatever their CRC. */
  skipChecksumValidation = false;
  /** DEBUG QUICKLIST-PACKED-THRESHOLD: list elements this long are stored (and dumped) as plain nodes. */
  listPackedThreshold = PACKED_THRESHOLD_DEFAULT;
  /** The checks subsystems install before a command, in Redis's order (gates.ts). */
  readonly gates = new GateSlots();
  /** CLIENT PAUSE: returns true when it kept the command to run later. */
  holdCommand: ((c: Client, cmd: Command, argv: string[]) => boolean) | null = null;
  /** Records a command that reached slowlog-log-slower-than. */
  slowlogRecord: ((c: Client, cmd: Command, argv: string[], usec: number) => void) | null = null;
  /** Records a command that reached latency-monitor-threshold. */
  latencyEvent: ((cmd: Command, usec: number) => void) | null = null;
  /** Sends a command to the MONITOR clients. */
  monitorFeed: ((c: Client, argv: string[]) => void) | null = null;
  /** Ports actually listened on (port 0 through the API picks a free one). */
  tcpPort = 0;
  /** Set by SHUTDOWN and close(): stop everything; settles once the listeners are closed. */
  shutdownHandler: (() => Promise<void>) | null = null;
  /** Extension points filled by later subsystems (pubsub, tx, blocking, replication ...). */
  readonly ext: Record<string, unknown> = Object.create(null);

  constructor(config: Config = new Config(), table: CommandTable = new CommandTable()) {
    this.config = config;
    this.table = table;
    this.keyspace = new Keyspace(config.num('databases'));
    this.exec = new Execution(this.keyspace.propagation);
  }

  authRequired(): boolean {
    return this.config.requirePass !== '';
  }

  countError(text: string): void {
    this.stats.totalErrorReplies++;
    const sp = text.indexOf(' ');
    const code = sp < 0 ? text : text.slice(0, sp);
    // Redis caps the table so garbage codes cannot grow it forever.
    if (!this.stats.errorCodes.has(code) && this.stats.errorCodes.size >= 128) return;
    this.stats.errorCodes.set(code, (this.stats.errorCodes.get(code) ?? 0) + 1);
  }

  /** Queues c's replies for the end of this event-loop turn. */
  queueFlush(c: Client): void {
    if (c.flushQueued) return;
    c.flushQueued = true;
    this.pendingWrites[this.pendingCount++] = c;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(this.flushPendingBound);
  }

  /** Sends every queued client's replies. */
  flushPending(): void {
    this.flushScheduled = false;
    // A flush can queue others (a client that closes may wake some): the loop reaches them too.
    for (let i = 0; i < this.pendingCount; i++) {
      const c = this.pendingWrites[i]!;
      this.pendingWrites[i] = null;
      c.flushQueued = false;
      if (!c.closed) c.flush();
    }
    this.pendingCount = 0;
  }

  addClient(c: Client): void {
    this.clients.set(c.id, c);
    this.stats.totalConnections++;
  }

  onClientClosed(c: Client): void {
    if (!this.clients.delete(c.id)) return;
    this.monitors.delete(c);
    if (c.blocked) c.unblock();
    for (const hook of this.clientClosedHooks) hook(c);
  }
}
