/**
 * Every configuration option Redis 7.0.15 accepts, with its type, default
 * and limits as the real server reports them (`CONFIG GET *`, and the error
 * reasons of `CONFIG SET` for types and bounds). CONFIG GET/SET/REWRITE,
 * the config file and the command line all go through this one table.
 * Options Mnemo does not act on are still accepted and shown, as Redis
 * does for features a build lacks, so tools that set them keep working.
 */
import { SPECIAL_PARSERS, type ParseResult } from './special.js';

export type ConfigType = 'bool' | 'int' | 'memory' | 'enum' | 'string' | 'special';

export interface ConfigDef {
  name: string;
  /** Old names that still work (e.g. hash-max-ziplist-entries); CONFIG GET * lists them too. */
  aliases?: readonly string[];
  type: ConfigType;
  /** Default, in the text form CONFIG GET prints. */
  default: string;
  /** Set only at start-up, refused by CONFIG SET. */
  immutable?: boolean;
  /** Refused by CONFIG SET unless enable-protected-configs allows it. */
  protected?: boolean;
  /** Left out of CONFIG GET patterns; an exact name still finds it. */
  hidden?: boolean;
  /** Inclusive bounds for int and memory options. */
  min?: bigint;
  max?: bigint;
  /** Allowed words for enum options, in the order Redis lists them. */
  values?: readonly string[];
  /** Takes several words on a config file line (joined by blanks). */
  multiArg?: boolean;
  /** For 'special' options: checks a value and returns its canonical text or Redis's error reason. */
  parse?: (text: string, current: string) => ParseResult;
}

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const UINT_MAX = 4294967295n;
const LLONG_MAX = 9223372036854775807n;
const ULLONG_MAX = 18446744073709551615n;

const TABLE: ConfigDef[] = [
  { name: 'acl-pubsub-default', type: 'enum', default: 'resetchannels', values: ['allchannels', 'resetchannels'] },
  { name: 'aclfile', type: 'string', default: '', immutable: true },
  { name: 'acllog-max-len', type: 'int', default: '128', min: 0n, max: LLONG_MAX },
  { name: 'active-defrag-cycle-max', type: 'int', default: '25', min: 1n, max: 99n },
  { name: 'active-defrag-cycle-min', type: 'int', default: '1', min: 1n, max: 99n },
  { name: 'active-defrag-ignore-bytes', type: 'memory', default: '104857600', min: 1n, max: LLONG_MAX },
  { name: 'active-defrag-max-scan-fields', type: 'int', default: '1000', min: 1n, max: LLONG_MAX },
  { name: 'active-defrag-threshold-lower', type: 'int', default: '10', min: 0n, max: 1000n },
  { name: 'active-defrag-threshold-upper', type: 'int', default: '100', min: 0n, max: 1000n },
  { name: 'active-expire-effort', type: 'int', default: '1', min: 1n, max: 10n },
  { name: 'activedefrag', type: 'bool', default: 'no' },
  { name: 'activerehashing', type: 'bool', default: 'yes' },
  { name: 'always-show-logo', type: 'bool', default: 'no', immutable: true },
  { name: 'aof-disable-auto-gc', type: 'bool', default: 'no' },
  { name: 'aof-load-truncated', type: 'bool', default: 'yes' },
  { name: 'aof-rewrite-incremental-fsync', type: 'bool', default: 'yes' },
  { name: 'aof-timestamp-enabled', type: 'bool', default: 'no' },
  { name: 'aof-use-rdb-preamble', type: 'bool', default: 'yes' },
  { name: 'aof_rewrite_cpulist', type: 'string', default: '', immutable: true },
  { name: 'appenddirname', type: 'string', default: 'appendonlydir', immutable: true },
  { name: 'appendfilename', type: 'string', default: 'appendonly.aof', immutable: true },
  { name: 'appendfsync', type: 'enum', default: 'everysec', values: ['everysec', 'always', 'no'] },
  { name: 'appendonly', type: 'bool', default: 'no' },
  { name: 'auto-aof-rewrite-min-size', type: 'memory', default: '67108864', min: 0n, max: LLONG_MAX },
  { name: 'auto-aof-rewrite-percentage', type: 'int', default: '100', min: 0n, max: INT_MAX },
  { name: 'bgsave_cpulist', type: 'string', default: '', immutable: true },
  { name: 'bind', type: 'special', default: '* -::*' },
  { name: 'bind-source-addr', type: 'string', default: '' },
  { name: 'bio_cpulist', type: 'string', default: '', immutable: true },
  { name: 'busy-reply-threshold', aliases: ['lua-time-limit'], type: 'int', default: '5000', min: 0n, max: LLONG_MAX },
  { name: 'client-output-buffer-limit', type: 'special', default: 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60' },
  { name: 'client-query-buffer-limit', type: 'memory', default: '1073741824', min: 1048576n, max: LLONG_MAX },
  { name: 'cluster-allow-pubsubshard-when-down', type: 'bool', default: 'yes' },
  { name: 'cluster-allow-reads-when-down', type: 'bool', default: 'no' },
  { name: 'cluster-allow-replica-migration', type: 'bool', default: 'yes' },
  { name: 'cluster-announce-bus-port', type: 'int', default: '0', min: 0n, max: 65535n },
  { name: 'cluster-announce-hostname', type: 'string', default: '' },
  { name: 'cluster-announce-ip', type: 'string', default: '' },
  { name: 'cluster-announce-port', type: 'int', default: '0', min: 0n, max: 65535n },
  { name: 'cluster-announce-tls-port', type: 'int', default: '0', min: 0n, max: 65535n },
  { name: 'cluster-config-file', type: 'string', default: 'nodes.conf', immutable: true },
  { name: 'cluster-enabled', type: 'bool', default: 'no', immutable: true },
  { name: 'cluster-link-sendbuf-limit', type: 'memory', default: '0', min: 0n, max: ULLONG_MAX },
  { name: 'cluster-migration-barrier', type: 'int', default: '1', min: 0n, max: INT_MAX },
  { name: 'cluster-node-timeout', type: 'int', default: '15000', min: 0n, max: LLONG_MAX },
  { name: 'cluster-port', type: 'int', default: '0', min: 0n, max: 65535n, immutable: true },
  { name: 'cluster-preferred-endpoint-type', type: 'enum', default: 'ip', values: ['ip', 'hostname', 'unknown-endpoint'] },
  { name: 'cluster-replica-no-failover', aliases: ['cluster-slave-no-failover'], type: 'bool', default: 'no' },
  { name: 'cluster-replica-validity-factor', aliases: ['cluster-slave-validity-factor'], type: 'int', default: '10', min: 0n, max: INT_MAX },
  { name: 'cluster-require-full-coverage', type: 'bool', default: 'yes' },
  { name: 'crash-log-enabled', type: 'bool', default: 'yes' },
  { name: 'crash-memcheck-enabled', type: 'bool', default: 'yes' },
  { name: 'daemonize', type: 'bool', default: 'no', immutable: true },
  { name: 'databases', type: 'int', default: '16', min: 1n, max: INT_MAX, immutable: true },
  { name: 'dbfilename', type: 'string', default: 'dump.rdb', protected: true },
  { name: 'dir', type: 'special', default: '', protected: true },
  { name: 'disable-thp', type: 'bool', default: 'yes', immutable: true },
  { name: 'dynamic-hz', type: 'bool', default: 'yes' },
  { name: 'enable-debug-command', type: 'enum', default: 'no', values: ['no', 'yes', 'local'], immutable: true },
  { name: 'enable-module-command', type: 'enum', default: 'no', values: ['no', 'yes', 'local'], immutable: true },
  { name: 'enable-protected-configs', type: 'enum', default: 'no', values: ['no', 'yes', 'local'], immutable: true, protected: true },
  { name: 'hash-max-listpack-entries', aliases: ['hash-max-ziplist-entries'], type: 'int', default: '512', min: 0n, max: LLONG_MAX },
  { name: 'hash-max-listpack-value', aliases: ['hash-max-ziplist-value'], type: 'memory', default: '64', min: 0n, max: LLONG_MAX },
  { name: 'hll-sparse-max-bytes', type: 'memory', default: '3000', min: 0n, max: LLONG_MAX },
  { name: 'hz', type: 'int', default: '10', min: 0n, max: INT_MAX },
  { name: 'ignore-warnings', type: 'string', default: '' },
  { name: 'io-threads', type: 'int', default: '1', min: 1n, max: 128n, immutable: true },
  { name: 'io-threads-do-reads', type: 'bool', default: 'no', immutable: true },
  { name: 'jemalloc-bg-thread', type: 'bool', default: 'yes' },
  { name: 'key-load-delay', type: 'int', default: '0', min: INT_MIN, max: INT_MAX, hidden: true },
  { name: 'latency-monitor-threshold', type: 'int', default: '0', min: 0n, max: LLONG_MAX },
  { name: 'latency-tracking', type: 'bool', default: 'yes' },
  { name: 'latency-tracking-info-percentiles', type: 'special', default: '50 99 99.9' },
  { name: 'lazyfree-lazy-eviction', type: 'bool', default: 'no' },
  { name: 'lazyfree-lazy-expire', type: 'bool', default: 'no' },
  { name: 'lazyfree-lazy-server-del', type: 'bool', default: 'no' },
  { name: 'lazyfree-lazy-user-del', type: 'bool', default: 'no' },
  { name: 'lazyfree-lazy-user-flush', type: 'bool', default: 'no' },
  { name: 'lfu-decay-time', type: 'int', default: '1', min: 0n, max: INT_MAX },
  { name: 'lfu-log-factor', type: 'int', default: '10', min: 0n, max: INT_MAX },
  { name: 'list-compress-depth', type: 'int', default: '0', min: 0n, max: INT_MAX },
  { name: 'list-max-listpack-size', aliases: ['list-max-ziplist-size'], type: 'int', default: '-2', min: INT_MIN, max: INT_MAX },
  { name: 'loading-process-events-interval-bytes', type: 'int', default: '2097152', min: 1024n, max: INT_MAX, hidden: true },
  { name: 'logfile', type: 'string', default: '', immutable: true },
  { name: 'loglevel', type: 'enum', default: 'notice', values: ['debug', 'verbose', 'notice', 'warning'] },
  { name: 'lua-enable-deprecated-api', type: 'bool', default: 'no', immutable: true, hidden: true },
  { name: 'masterauth', type: 'string', default: '' },
  { name: 'masteruser', type: 'string', default: '' },
  { name: 'maxclients', type: 'int', default: '10000', min: 1n, max: UINT_MAX },
  { name: 'maxmemory', type: 'memory', default: '0', min: 0n, max: ULLONG_MAX },
  { name: 'maxmemory-clients', type: 'special', default: '0' },
  { name: 'maxmemory-eviction-tenacity', type: 'int', default: '10', min: 0n, max: 100n },
  { name: 'maxmemory-policy', type: 'enum', default: 'noeviction', values: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'] },
  { name: 'maxmemory-samples', type: 'int', default: '5', min: 1n, max: INT_MAX },
  { name: 'min-replicas-max-lag', aliases: ['min-slaves-max-lag'], type: 'int', default: '10', min: 0n, max: INT_MAX },
  { name: 'min-replicas-to-write', aliases: ['min-slaves-to-write'], type: 'int', default: '0', min: 0n, max: INT_MAX },
  { name: 'no-appendfsync-on-rewrite', type: 'bool', default: 'no' },
  { name: 'notify-keyspace-events', type: 'special', default: '' },
  { name: 'oom-score-adj', type: 'enum', default: 'no', values: ['no', 'yes', 'relative', 'absolute'] },
  { name: 'oom-score-adj-values', type: 'special', default: '0 200 800' },
  { name: 'pidfile', type: 'string', default: '', immutable: true },
  { name: 'port', type: 'int', default: '6379', min: 0n, max: 65535n },
  { name: 'proc-title-template', type: 'string', default: '{title} {listen-addr} {server-mode}' },
  { name: 'propagation-error-behavior', type: 'enum', default: 'ignore', values: ['ignore', 'panic', 'panic-on-replicas'] },
  { name: 'protected-mode', type: 'bool', default: 'yes' },
  { name: 'proto-max-bulk-len', type: 'memory', default: '536870912', min: 1048576n, max: LLONG_MAX },
  { name: 'rdb-del-sync-files', type: 'bool', default: 'no' },
  { name: 'rdb-key-save-delay', type: 'int', default: '0', min: INT_MIN, max: INT_MAX, hidden: true },
  { name: 'rdb-save-incremental-fsync', type: 'bool', default: 'yes' },
  { name: 'rdbchecksum', type: 'bool', default: 'yes', immutable: true },
  { name: 'rdbcompression', type: 'bool', default: 'yes' },
  { name: 'repl-backlog-size', type: 'memory', default: '1048576', min: 1n, max: LLONG_MAX },
  { name: 'repl-backlog-ttl', type: 'int', default: '3600', min: 0n, max: LLONG_MAX },
  { name: 'repl-disable-tcp-nodelay', type: 'bool', default: 'no' },
  { name: 'repl-diskless-load', type: 'enum', default: 'disabled', values: ['disabled', 'on-empty-db', 'swapdb'] },
  { name: 'repl-diskless-sync', type: 'bool', default: 'yes' },
  { name: 'repl-diskless-sync-delay', type: 'int', default: '5', min: 0n, max: INT_MAX },
  { name: 'repl-diskless-sync-max-replicas', type: 'int', default: '0', min: 0n, max: INT_MAX },
  { name: 'repl-ping-replica-period', aliases: ['repl-ping-slave-period'], type: 'int', default: '10', min: 1n, max: INT_MAX },
  { name: 'repl-timeout', type: 'int', default: '60', min: 1n, max: INT_MAX },
  { name: 'replica-announce-ip', aliases: ['slave-announce-ip'], type: 'string', default: '' },
  { name: 'replica-announce-port', aliases: ['slave-announce-port'], type: 'int', default: '0', min: 0n, max: 65535n },
  { name: 'replica-announced', type: 'bool', default: 'yes' },
  { name: 'replica-ignore-disk-write-errors', type: 'bool', default: 'no' },
  { name: 'replica-ignore-maxmemory', aliases: ['slave-ignore-maxmemory'], type: 'bool', default: 'yes' },
  { name: 'replica-lazy-flush', aliases: ['slave-lazy-flush'], type: 'bool', default: 'no' },
  { name: 'replica-priority', aliases: ['slave-priority'], type: 'int', default: '100', min: 0n, max: INT_MAX },
  { name: 'replica-read-only', aliases: ['slave-read-only'], type: 'bool', default: 'yes' },
  { name: 'replica-serve-stale-data', aliases: ['slave-serve-stale-data'], type: 'bool', default: 'yes' },
  { name: 'replicaof', aliases: ['slaveof'], type: 'special', default: '', immutable: true },
  { name: 'requirepass', type: 'string', default: '' },
  { name: 'sanitize-dump-payload', type: 'enum', default: 'no', values: ['no', 'yes', 'clients'] },
  { name: 'save', type: 'special', default: '3600 1 300 100 60 10000' },
  { name: 'server_cpulist', type: 'string', default: '', immutable: true },
  { name: 'set-max-intset-entries', type: 'int', default: '512', min: 0n, max: LLONG_MAX },
  { name: 'set-proc-title', type: 'bool', default: 'yes', immutable: true },
  { name: 'shutdown-on-sigint', type: 'enum', default: 'default', values: ['default', 'save', 'nosave', 'now', 'force'] },
  { name: 'shutdown-on-sigterm', type: 'enum', default: 'default', values: ['default', 'save', 'nosave', 'now', 'force'] },
  { name: 'shutdown-timeout', type: 'int', default: '10', min: 0n, max: INT_MAX },
  { name: 'slowlog-log-slower-than', type: 'int', default: '10000', min: -1n, max: LLONG_MAX },
  { name: 'slowlog-max-len', type: 'int', default: '128', min: 0n, max: LLONG_MAX },
  { name: 'socket-mark-id', type: 'int', default: '0', min: 0n, max: UINT_MAX, immutable: true },
  { name: 'stop-writes-on-bgsave-error', type: 'bool', default: 'yes' },
  { name: 'stream-node-max-bytes', type: 'memory', default: '4096', min: 0n, max: LLONG_MAX },
  { name: 'stream-node-max-entries', type: 'int', default: '100', min: 0n, max: LLONG_MAX },
  { name: 'supervised', type: 'enum', default: 'no', values: ['upstart', 'systemd', 'auto', 'no'], immutable: true },
  { name: 'syslog-enabled', type: 'bool', default: 'no', immutable: true },
  { name: 'syslog-facility', type: 'enum', default: 'local0', values: ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'], immutable: true },
  { name: 'syslog-ident', type: 'string', default: 'redis', immutable: true },
  { name: 'tcp-backlog', type: 'int', default: '511', min: 0n, max: INT_MAX, immutable: true },
  { name: 'tcp-keepalive', type: 'int', default: '300', min: 0n, max: INT_MAX },
  { name: 'timeout', type: 'int', default: '0', min: 0n, max: INT_MAX },
  { name: 'tls-auth-clients', type: 'enum', default: 'yes', values: ['no', 'yes', 'optional'] },
  { name: 'tls-ca-cert-dir', type: 'string', default: '' },
  { name: 'tls-ca-cert-file', type: 'string', default: '' },
  { name: 'tls-cert-file', type: 'string', default: '' },
  { name: 'tls-ciphers', type: 'string', default: '' },
  { name: 'tls-ciphersuites', type: 'string', default: '' },
  { name: 'tls-client-cert-file', type: 'string', default: '' },
  { name: 'tls-client-key-file', type: 'string', default: '' },
  { name: 'tls-client-key-file-pass', type: 'string', default: '' },
  { name: 'tls-cluster', type: 'bool', default: 'no' },
  { name: 'tls-dh-params-file', type: 'string', default: '' },
  { name: 'tls-key-file', type: 'string', default: '' },
  { name: 'tls-key-file-pass', type: 'string', default: '' },
  { name: 'tls-port', type: 'int', default: '0', min: 0n, max: 65535n },
  { name: 'tls-prefer-server-ciphers', type: 'bool', default: 'no' },
  { name: 'tls-protocols', type: 'string', default: '' },
  { name: 'tls-replication', type: 'bool', default: 'no' },
  { name: 'tls-session-cache-size', type: 'int', default: '20480', min: 0n, max: INT_MAX },
  { name: 'tls-session-cache-timeout', type: 'int', default: '300', min: 0n, max: INT_MAX },
  { name: 'tls-session-caching', type: 'bool', default: 'yes' },
  { name: 'tracking-table-max-keys', type: 'int', default: '1000000', min: 0n, max: LLONG_MAX },
  { name: 'unixsocket', type: 'string', default: '', immutable: true },
  { name: 'unixsocketperm', type: 'special', default: '0', immutable: true },
  { name: 'use-exit-on-panic', type: 'bool', default: 'no', hidden: true },
  { name: 'watchdog-period', type: 'int', default: '0', min: 0n, max: INT_MAX, hidden: true },
  { name: 'zset-max-listpack-entries', aliases: ['zset-max-ziplist-entries'], type: 'int', default: '128', min: 0n, max: LLONG_MAX },
  { name: 'zset-max-listpack-value', aliases: ['zset-max-ziplist-value'], type: 'memory', default: '64', min: 0n, max: LLONG_MAX },
];

const MULTI_ARG = new Set(['bind', 'save', 'client-output-buffer-limit', 'oom-score-adj-values', 'latency-tracking-info-percentiles', 'replicaof']);

for (const def of TABLE) {
  if (def.type === 'special') def.parse = SPECIAL_PARSERS[def.name];
  if (MULTI_ARG.has(def.name)) def.multiArg = true;
}

export const CONFIG_DEFS: readonly ConfigDef[] = TABLE;

/** Directives Redis still reads from a config file but ignores (removed options). */
export const DEPRECATED_DIRECTIVES: ReadonlySet<string> = new Set(['list-max-ziplist-entries', 'list-max-ziplist-value', 'lua-replicate-commands']);
