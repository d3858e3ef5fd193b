/**
 * Server-wide state that is not per command (pause, sampled rates, save
 * time, peaks), the periodic cron that maintains it (idle timeouts, pause
 * expiry, ops/sec samples), and INFO: every section is computed on demand
 * from counters the hot path already keeps, never on the command path.
 *
 * Later subsystems (persistence, replication, cluster) replace or extend a
 * section by putting a function in `infoSections(ctx)`.
 */
import os from 'node:os';
import v8 from 'node:v8';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ServerContext } from './context.js';
import type { Client } from './client.js';
import { CLIENT_INTERNAL, CLIENT_MONITOR, CLIENT_TRACKING } from './client-flags.js';
import type { Command } from '../commands/table.js';
import { MNEMO_VERSION, REDIS_VERSION } from './context.js';
import { blockedCount } from '../keyspace/blocking.js';
import { migrateCachedSockets } from '../commands/migrate.js';
import { storeSpareBytes } from '../types/stringstore.js';
import { reclaimIfDue } from '../keyspace/reclaim.js';

const SAMPLES = 16;

export type PauseMode = 'write' | 'all';

export interface ServerState {
  closed: boolean;
  /** Unix seconds of the last successful save (start-up time until one happens). */
  lastSave: number;
  startedAtMs: number;
  /** INFO server's run_id, and replication's id until replication replaces it. */
  replId: string;
  usedMemoryPeak: number;
  /** Memory in use when the server was built: the "startup" figure of INFO and MEMORY STATS. */
  startupMemory: number;
  /** Ring buffers for instantaneous_* rates. */
  opsSamples: number[];
  inSamples: number[];
  outSamples: number[];
  sampleIdx: number;
  lastSampleMs: number;
  lastOps: number;
  lastIn: number;
  lastOut: number;
  /** CLIENT PAUSE: until when (unix ms) and which commands; null when not paused. */
  pause: { mode: PauseMode; until: number } | null;
  /** Clients holding a command until the pause ends. */
  held: Set<Client>;
  lastTimeoutCheck: number;
  /** Keys evicted under maxmemory; the eviction module adds to it. */
  expiredStalePerc: number;
}

/** A section's fields: key and printed value. */
export type InfoFields = [string, string | number][];
export type InfoSection = (ctx: ServerContext) => InfoFields;

export function serverState(ctx: ServerContext): ServerState {
  return ctx.ext.serverState as ServerState;
}

export function installServerState(ctx: ServerContext): void {
  const now = Date.now();
  const s: ServerState = {
    closed: false,
    lastSave: Math.floor(now / 1000),
    startedAtMs: ctx.startedAt,
    replId: randomBytes(20).toString('hex'),
    usedMemoryPeak: 0,
    startupMemory: usedMemory(),
    opsSamples: new Array(SAMPLES).fill(0),
    inSamples: new Array(SAMPLES).fill(0),
    outSamples: new Array(SAMPLES).fill(0),
    sampleIdx: 0,
    lastSampleMs: now,
    lastOps: 0,
    lastIn: 0,
    lastOut: 0,
    pause: null,
    held: new Set(),
    lastTimeoutCheck: now,
    expiredStalePerc: 0,
  };
  ctx.ext.serverState = s;
  // Commands held by CLIENT PAUSE wait here instead of running (see dispatch's holdCommand hook).
  ctx.holdCommand = (c: Client, cmd: Command, argv: string[]) => holdIfPaused(s, c, cmd, argv);
}

/** Sections other subsystems provide or override, by lower-case name. */
export function infoSections(ctx: ServerContext): Map<string, InfoSection> {
  let m = ctx.ext.infoSections as Map<string, InfoSection> | undefined;
  if (!m) ctx.ext.infoSections = m = new Map();
  return m;
}

// ---------------------------------------------------------------- pause

function mayReplicate(cmd: Command): boolean {
  const f = cmd.spec.flags;
  return f.includes('write') || f.includes('may_replicate');
}

function pausedFor(s: ServerState, c: Client, cmd: Command): boolean {
  const p = s.pause;
  if (p === null) return false;
  if (p.until <= Date.now()) return false;
  if (p.mode === 'all') return true;
  if (mayReplicate(cmd)) return true;
  // EXEC counts as a write when its transaction holds one, as in Redis.
  return cmd.spec.name === 'exec' && c.multi !== null && c.multi.queue.some((q) => mayReplicate(q.cmd));
}

function holdIfPaused(s: ServerState, c: Client, cmd: Command, argv: string[]): boolean {
  if (s.pause === null || !pausedFor(s, c, cmd)) return false;
  // Replicas and the master link are never paused.
  if (c.flags & CLIENT_INTERNAL) return false;
  c.pendingArgv = argv;
  c.blocked = {
    deadline: 0,
    kind: 'pause',
    onTimeout: () => {},
    cleanup: (cl) => s.held.delete(cl),
  };
  s.held.add(c);
  return true;
}

/** Starts or extends a pause (a shorter or weaker one never shortens the current). */
export function pauseClients(ctx: ServerContext, mode: PauseMode, until: number): void {
  const s = serverState(ctx);
  const p = s.pause;
  if (p === null || p.until <= Date.now()) {
    s.pause = { mode, until };
    return;
  }
  // Redis keeps the most restrictive mode and the latest end.
  if (mode === 'all') p.mode = 'all';
  if (until > p.until) p.until = until;
}

/** Ends the pause and lets every held client run its command. */
export function unpauseClients(ctx: ServerContext): void {
  const s = serverState(ctx);
  s.pause = null;
  const held = [...s.held];
  s.held.clear();
  for (const c of held) {
    if (c.closed || c.blocked === null || c.blocked.kind !== 'pause') continue;
    c.blocked = null;
    c.processInput();
    c.flush();
  }
  ctx.flushPending();
}

// ---------------------------------------------------------------- cron

/** Runs hz times a second: rate samples, pause expiry, idle client timeouts, reclaiming dropped memory. */
export function serverCron(ctx: ServerContext): void {
  const s = serverState(ctx);
  const now = Date.now();
  if (now - s.lastSampleMs >= 100) {
    const dt = (now - s.lastSampleMs) / 1000;
    const st = ctx.stats;
    s.opsSamples[s.sampleIdx] = Math.round((st.totalCommands - s.lastOps) / dt);
    s.inSamples[s.sampleIdx] = (st.netInputBytes - s.lastIn) / dt;
    s.outSamples[s.sampleIdx] = (st.netOutputBytes - s.lastOut) / dt;
    s.sampleIdx = (s.sampleIdx + 1) % SAMPLES;
    s.lastOps = st.totalCommands;
    s.lastIn = st.netInputBytes;
    s.lastOut = st.netOutputBytes;
    s.lastSampleMs = now;
    const mem = usedMemory();
    if (mem > s.usedMemoryPeak) s.usedMemoryPeak = mem;
  }
  if (s.pause !== null && s.pause.until <= now) unpauseClients(ctx);
  reclaimIfDue(now);
  if (now - s.lastTimeoutCheck >= 1000) {
    s.lastTimeoutCheck = now;
    closeIdleClients(ctx, now);
    // Reply buffers grown by a burst go back to their initial size once the burst is over.
    for (const c of ctx.clients.values()) if (now - c.lastInteraction >= 1000) c.out.shrink();
  }
}

/** `timeout`: clients idle longer are closed, except subscribers, replicas and blocked clients. */
function closeIdleClients(ctx: ServerContext, now: number): void {
  const timeout = ctx.config.num('timeout');
  if (timeout <= 0) return;
  for (const c of ctx.clients.values()) {
    if (c.blocked !== null || c.pubsubCount !== 0 || c.flags & (CLIENT_MONITOR | CLIENT_INTERNAL)) continue;
    if (now - c.lastInteraction > timeout * 1000) {
      ctx.log.verbose('Closing idle client');
      c.close();
    }
  }
}

function avg(a: number[]): number {
  let t = 0;
  for (const x of a) t += x;
  return t / a.length;
}

// ---------------------------------------------------------------- formatting helpers

/** Redis's bytesToHuman: "0B", "1.09M", "23.54G". */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let v = n / 1024;
  for (let i = 0; i < units.length; i++) {
    if (v < 1024 || i === units.length - 1) return `${v.toFixed(2)}${units[i]}`;
    v /= 1024;
  }
  return `${n}B`;
}

/**
 * used_memory, also what maxmemory is checked against: the V8 heap less its
 * young generation, plus external memory (Buffers). Young objects are mostly
 * garbage (parsed commands, replies) that the next scavenge drops; counting
 * them made the figure jump by megabytes between two commands, and made a
 * limit a few MB above use evict everything. Stored values join the count
 * when they are promoted, a moment later; string values kept off the heap
 * (stringstore.ts) count from the moment they are written.
 */
export function usedMemory(): number {
  let used = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  }
  // Free slots of the string store are the allocator's, as freed memory is jemalloc's in Redis.
  return used + v8.getHeapStatistics().external_memory - storeSpareBytes();
}

function lruClock(): number {
  // Redis's LRU clock: seconds, 24 bits.
  return Math.floor(Date.now() / 1000) & ((1 << 24) - 1);
}

// ---------------------------------------------------------------- sections

function serverSection(ctx: ServerContext): InfoFields {
  const uptime = Math.floor((Date.now() - ctx.startedAt) / 1000);
  const hz = ctx.config.num('hz');
  return [
    ['redis_version', REDIS_VERSION],
    ['mnemo_version', MNEMO_VERSION],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', '0'],
    ['redis_mode', (ctx.ext.mode as string | undefined) ?? 'standalone'],
    ['os', `${os.type()} ${os.release()} ${os.machine()}`],
    ['arch_bits', 64],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', process.platform === 'linux' ? 'epoll' : process.platform === 'darwin' ? 'kqueue' : 'libuv'],
    ['atomicvar_api', 'c11-builtin'],
    ['gcc_version', '0.0.0'],
    ['node_version', process.version.slice(1)],
    ['process_id', process.pid],
    ['process_supervised', 'no'],
    ['run_id', ctx.runId],
    ['tcp_port', ctx.tcpPort],
    ['server_time_usec', Math.floor((performance.timeOrigin + performance.now()) * 1000)],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', hz],
    ['configured_hz', hz],
    ['lru_clock', lruClock()],
    ['executable', process.argv[1] ?? process.execPath],
    ['config_file', ctx.config.configFile],
    ['io_threads_active', 0],
  ];
}

function clientsSection(ctx: ServerContext): InfoFields {
  let tracking = 0;
  let inTimeout = 0;
  let maxIn = 0;
  let maxOut = 0;
  for (const c of ctx.clients.values()) {
    if (c.flags & CLIENT_TRACKING) tracking++;
    if (c.blocked !== null && c.blocked.deadline !== 0) inTimeout++;
    const qb = c.parser.pendingBytes;
    if (qb > maxIn) maxIn = qb;
    const ob = c.outputPending;
    if (ob > maxOut) maxOut = ob;
  }
  return [
    ['connected_clients', ctx.clients.size],
    ['cluster_connections', 0],
    ['maxclients', ctx.config.num('maxclients')],
    ['client_recent_max_input_buffer', maxIn],
    ['client_recent_max_output_buffer', maxOut],
    ['blocked_clients', blockedCount(ctx)],
    ['tracking_clients', tracking],
    ['clients_in_timeout_table', inTimeout],
  ];
}

function memorySection(ctx: ServerContext): InfoFields {
  const s = serverState(ctx);
  const m = process.memoryUsage();
  const used = usedMemory();
  if (used > s.usedMemoryPeak) s.usedMemoryPeak = used;
  const peak = s.usedMemoryPeak;
  const startup = Math.min(used, s.startupMemory);
  const maxmemory = ctx.config.num('maxmemory');
  const total = os.totalmem();
  const ratio = (a: number, b: number) => (b === 0 ? '0.00' : (a / b).toFixed(2));
  return [
    ['used_memory', used],
    ['used_memory_human', bytesToHuman(used)],
    ['used_memory_rss', m.rss],
    ['used_memory_rss_human', bytesToHuman(m.rss)],
    ['used_memory_peak', peak],
    ['used_memory_peak_human', bytesToHuman(peak)],
    ['used_memory_peak_perc', `${((used / peak) * 100).toFixed(2)}%`],
    ['used_memory_overhead', startup],
    ['used_memory_startup', startup],
    ['used_memory_dataset', used - startup],
    ['used_memory_dataset_perc', `${(((used - startup) / Math.max(1, used)) * 100).toFixed(2)}%`],
    ['allocator_allocated', m.heapUsed],
    ['allocator_active', m.heapTotal],
    ['allocator_resident', m.rss],
    ['total_system_memory', total],
    ['total_system_memory_human', bytesToHuman(total)],
    ['used_memory_lua', 0],
    ['used_memory_vm_eval', 0],
    ['used_memory_lua_human', '0B'],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 0],
    ['used_memory_vm_total', 0],
    ['used_memory_vm_total_human', '0B'],
    ['used_memory_functions', 0],
    ['used_memory_scripts', 0],
    ['used_memory_scripts_human', '0B'],
    ['maxmemory', maxmemory],
    ['maxmemory_human', bytesToHuman(maxmemory)],
    ['maxmemory_policy', ctx.config.get('maxmemory-policy')],
    ['allocator_frag_ratio', ratio(m.heapTotal, m.heapUsed)],
    ['allocator_frag_bytes', m.heapTotal - m.heapUsed],
    ['allocator_rss_ratio', ratio(m.rss, m.heapTotal)],
    ['allocator_rss_bytes', m.rss - m.heapTotal],
    ['rss_overhead_ratio', '1.00'],
    ['rss_overhead_bytes', 0],
    ['mem_fragmentation_ratio', ratio(m.rss, used)],
    ['mem_fragmentation_bytes', m.rss - used],
    ['mem_not_counted_for_evict', 0],
    ['mem_replication_backlog', 0],
    ['mem_total_replication_buffers', 0],
    ['mem_clients_slaves', 0],
    ['mem_clients_normal', 0],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', `node-${process.version.slice(1)}`],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
  ];
}

function persistenceSection(ctx: ServerContext): InfoFields {
  const s = serverState(ctx);
  return [
    ['loading', 0],
    ['async_loading', 0],
    ['current_cow_peak', 0],
    ['current_cow_size', 0],
    ['current_cow_size_age', 0],
    ['current_fork_perc', '0.00'],
    ['current_save_keys_processed', 0],
    ['current_save_keys_total', 0],
    ['rdb_changes_since_last_save', ctx.keyspace.dirty],
    ['rdb_bgsave_in_progress', 0],
    ['rdb_last_save_time', s.lastSave],
    ['rdb_last_bgsave_status', 'ok'],
    ['rdb_last_bgsave_time_sec', -1],
    ['rdb_current_bgsave_time_sec', -1],
    ['rdb_saves', 0],
    ['rdb_last_cow_size', 0],
    ['rdb_last_load_keys_expired', 0],
    ['rdb_last_load_keys_loaded', 0],
    ['aof_enabled', 0],
    ['aof_rewrite_in_progress', 0],
    ['aof_rewrite_scheduled', 0],
    ['aof_last_rewrite_time_sec', -1],
    ['aof_current_rewrite_time_sec', -1],
    ['aof_last_bgrewrite_status', 'ok'],
    ['aof_rewrites', 0],
    ['aof_rewrites_consecutive_failures', 0],
    ['aof_last_write_status', 'ok'],
    ['aof_last_cow_size', 0],
    ['module_fork_in_progress', 0],
    ['module_fork_last_cow_size', 0],
  ];
}

function statsSection(ctx: ServerContext): InfoFields {
  const s = serverState(ctx);
  const st = ctx.stats;
  const ks = ctx.keyspace.stats;
  const ps = ctx.ext.pubsub as { channels: Map<unknown, unknown>; patterns: Map<unknown, unknown>; shard: Map<unknown, unknown> } | undefined;
  const kbps = (a: number[]) => (avg(a) / 1024).toFixed(2);
  let trackingKeys = 0;
  const trk = ctx.ext.trackingStats as (() => { keys: number; items: number; prefixes: number }) | undefined;
  const t = trk ? trk() : { keys: 0, items: 0, prefixes: 0 };
  trackingKeys = t.keys;
  return [
    ['total_connections_received', st.totalConnections],
    ['total_commands_processed', st.totalCommands],
    ['instantaneous_ops_per_sec', Math.round(avg(s.opsSamples))],
    ['total_net_input_bytes', st.netInputBytes],
    ['total_net_output_bytes', st.netOutputBytes],
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', 0],
    ['instantaneous_input_kbps', kbps(s.inSamples)],
    ['instantaneous_output_kbps', kbps(s.outSamples)],
    ['instantaneous_input_repl_kbps', '0.00'],
    ['instantaneous_output_repl_kbps', '0.00'],
    ['rejected_connections', st.rejectedConnections],
    ['sync_full', 0],
    ['sync_partial_ok', 0],
    ['sync_partial_err', 0],
    ['expired_keys', ks.expiredKeys],
    ['expired_stale_perc', ks.expiredStalePerc.toFixed(2)],
    ['expired_time_cap_reached_count', 0],
    ['expire_cycle_cpu_milliseconds', 0],
    ['evicted_keys', ks.evictedKeys],
    ['evicted_clients', 0],
    ['total_eviction_exceeded_time', 0],
    ['current_eviction_exceeded_time', 0],
    ['keyspace_hits', ks.keyspaceHits],
    ['keyspace_misses', ks.keyspaceMisses],
    ['pubsub_channels', ps ? ps.channels.size : 0],
    ['pubsub_patterns', ps ? ps.patterns.size : 0],
    ['pubsubshard_channels', ps ? ps.shard.size : 0],
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', migrateCachedSockets(ctx)],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', trackingKeys],
    ['tracking_total_items', t.items],
    ['tracking_total_prefixes', t.prefixes],
    ['unexpected_error_replies', 0],
    ['total_error_replies', st.totalErrorReplies],
    ['dump_payload_sanitizations', 0],
    ['total_reads_processed', 0],
    ['total_writes_processed', 0],
    ['io_threaded_reads_processed', 0],
    ['io_threaded_writes_processed', 0],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
  ];
}

function replicationSection(ctx: ServerContext): InfoFields {
  const s = serverState(ctx);
  return [
    ['role', 'master'],
    ['connected_slaves', 0],
    ['master_failover_state', 'no-failover'],
    ['master_replid', s.replId],
    ['master_replid2', '0000000000000000000000000000000000000000'],
    ['master_repl_offset', 0],
    ['second_repl_offset', -1],
    ['repl_backlog_active', 0],
    ['repl_backlog_size', ctx.config.num('repl-backlog-size')],
    ['repl_backlog_first_byte_offset', 0],
    ['repl_backlog_histlen', 0],
  ];
}

function cpuSection(): InfoFields {
  const u = process.resourceUsage();
  const sec = (us: number) => (us / 1e6).toFixed(6);
  return [
    ['used_cpu_sys', sec(u.systemCPUTime)],
    ['used_cpu_user', sec(u.userCPUTime)],
    ['used_cpu_sys_children', '0.000000'],
    ['used_cpu_user_children', '0.000000'],
    ['used_cpu_sys_main_thread', sec(u.systemCPUTime)],
    ['used_cpu_user_main_thread', sec(u.userCPUTime)],
  ];
}

function commandstatsSection(ctx: ServerContext): InfoFields {
  const out: InfoFields = [];
  for (const cmd of ctx.table.all()) {
    const s = cmd.stats;
    if (s.calls === 0 && s.failed === 0 && s.rejected === 0) continue;
    const per = s.calls === 0 ? 0 : s.usec / s.calls;
    out.push([`cmdstat_${cmd.fullName}`, `calls=${s.calls},usec=${s.usec},usec_per_call=${per.toFixed(2)},rejected_calls=${s.rejected},failed_calls=${s.failed}`]);
  }
  return out;
}

function errorstatsSection(ctx: ServerContext): InfoFields {
  const codes = [...ctx.stats.errorCodes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return codes.map(([code, n]) => [`errorstat_${code}`, `count=${n}`]);
}

/** One line per command with latency samples: the configured percentiles, in microseconds. */
function latencystatsSection(ctx: ServerContext): InfoFields {
  const percentiles = ctx.config.get('latency-tracking-info-percentiles').split(' ').filter(Boolean);
  const out: InfoFields = [];
  for (const cmd of ctx.table.all()) {
    const h = cmd.stats.latency;
    if (h === null) continue;
    const parts = percentiles.map((p) => `p${p}=${(h.valueAtPercentile(Number(p)) / 1000).toFixed(3)}`);
    out.push([`latency_percentiles_usec_${cmd.fullName}`, parts.join(',')]);
  }
  return out;
}

function keyspaceSection(ctx: ServerContext): InfoFields {
  const out: InfoFields = [];
  const now = Date.now();
  for (const db of ctx.keyspace.dbs) {
    if (db.size === 0) continue;
    // Redis reports an estimate kept by the expire cycle; a bounded sample gives the same kind of figure.
    let sum = 0;
    let n = 0;
    for (const when of db.expires.values()) {
      if (when > now) {
        sum += when - now;
        n++;
      }
      if (n >= 64) break;
    }
    out.push([`db${db.id}`, `keys=${db.size},expires=${db.expires.size},avg_ttl=${n ? Math.round(sum / n) : 0}`]);
  }
  return out;
}

const BUILTIN: Record<string, InfoSection> = {
  server: serverSection,
  clients: clientsSection,
  memory: memorySection,
  persistence: persistenceSection,
  stats: statsSection,
  replication: replicationSection,
  cpu: cpuSection,
  modules: () => [],
  commandstats: commandstatsSection,
  errorstats: errorstatsSection,
  latencystats: latencystatsSection,
  cluster: (ctx) => [['cluster_enabled', ctx.ext.clusterEnabled === true ? 1 : 0]],
  keyspace: keyspaceSection,
};

/** Section order and titles of Redis 7.0's INFO. */
const ORDER: [string, string][] = [
  ['server', 'Server'],
  ['clients', 'Clients'],
  ['memory', 'Memory'],
  ['persistence', 'Persistence'],
  ['stats', 'Stats'],
  ['replication', 'Replication'],
  ['cpu', 'CPU'],
  ['modules', 'Modules'],
  ['commandstats', 'Commandstats'],
  ['errorstats', 'Errorstats'],
  ['latencystats', 'Latencystats'],
  ['cluster', 'Cluster'],
  ['keyspace', 'Keyspace'],
];

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace'];

/**
 * The INFO text for the requested section names (lower case). No names:
 * the default sections; "all": every built-in section; "everything": those
 * and the ones other subsystems add. Unknown names add nothing.
 */
export function genInfo(ctx: ServerContext, names: string[]): string {
  const wanted = new Set<string>();
  if (names.length === 0) names = ['default'];
  for (const n of names) {
    if (n === 'default') for (const s of DEFAULT_SECTIONS) wanted.add(s);
    else if (n === 'all' || n === 'everything') for (const [s] of ORDER) wanted.add(s);
    else wanted.add(n);
  }
  const extra = infoSections(ctx);
  let out = '';
  for (const [name, title] of ORDER) {
    if (!wanted.has(name)) continue;
    const fn = extra.get(name) ?? BUILTIN[name];
    if (out) out += '\r\n';
    out += `# ${title}\r\n`;
    for (const [k, v] of fn(ctx)) out += `${k}:${v}\r\n`;
  }
  // Sections added by other subsystems, like module sections in Redis.
  const everything = names.includes('everything');
  for (const [name, fn] of extra) {
    if (BUILTIN[name] !== undefined || !(wanted.has(name) || everything)) continue;
    if (out) out += '\r\n';
    out += `# ${name[0].toUpperCase()}${name.slice(1)}\r\n`;
    for (const [k, v] of fn(ctx)) out += `${k}:${v}\r\n`;
  }
  return out;
}
