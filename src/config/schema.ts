/**
 * The configuration options Mnemo knows: every option Redis 7.0 accepts,
 * with its type, default and limits. CONFIG GET/SET/REWRITE, the config
 * file and the command line all go through this one table.
 */

export type ConfigType = 'bool' | 'int' | 'memory' | 'enum' | 'flags' | 'string' | 'special';

export interface ConfigDef {
  name: string;
  /** Old names that still work (e.g. hash-max-ziplist-entries). */
  aliases?: readonly string[];
  type: ConfigType;
  /** Default, in the text form CONFIG GET prints. */
  default: string;
  /** Set only at start-up, refused by CONFIG SET. */
  immutable?: boolean;
  /** Hidden from CONFIG GET * patterns unless named (Redis's debug-only options). */
  hidden?: boolean;
  min?: number;
  max?: number;
  /** Allowed words for enum and flags types. */
  values?: readonly string[];
  /** For 'special': checks and normalises a value, returning the error text or the value as stored. */
  normalize?: (value: string) => { error: string } | { value: string };
}

const INT_MAX = 2147483647;
const LLONG_MAX = Number.MAX_SAFE_INTEGER;

export const CONFIG_DEFS: ConfigDef[] = [
  { name: 'port', type: 'int', default: '6379', min: 0, max: 65535 },
  { name: 'bind', type: 'special', default: '* -::*' },
  { name: 'unixsocket', type: 'string', default: '', immutable: true },
  { name: 'unixsocketperm', type: 'int', default: '0', immutable: true, min: 0, max: 0o777 },
  { name: 'databases', type: 'int', default: '16', immutable: true, min: 1, max: INT_MAX },
  { name: 'requirepass', type: 'string', default: '' },
  { name: 'proto-max-bulk-len', type: 'memory', default: '536870912', min: 1024 * 1024, max: LLONG_MAX },
  { name: 'client-query-buffer-limit', type: 'memory', default: '1073741824', min: 1024 * 1024, max: LLONG_MAX },
  { name: 'loglevel', type: 'enum', default: 'notice', values: ['debug', 'verbose', 'notice', 'warning', 'nothing'] },
  { name: 'logfile', type: 'string', default: '', immutable: true },
  { name: 'daemonize', type: 'bool', default: 'no', immutable: true },
  { name: 'protected-mode', type: 'bool', default: 'yes' },
  { name: 'maxclients', type: 'int', default: '10000', min: 1, max: INT_MAX },
  { name: 'timeout', type: 'int', default: '0', min: 0, max: INT_MAX },
  { name: 'tcp-backlog', type: 'int', default: '511', immutable: true, min: 0, max: INT_MAX },
  { name: 'tcp-keepalive', type: 'int', default: '300', min: 0, max: INT_MAX },
  { name: 'hz', type: 'int', default: '10', min: 0, max: INT_MAX },
  { name: 'maxmemory', type: 'memory', default: '0', min: 0, max: LLONG_MAX },
  {
    name: 'maxmemory-policy',
    type: 'enum',
    default: 'noeviction',
    values: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
  },
  { name: 'notify-keyspace-events', type: 'special', default: '' },
  { name: 'slowlog-log-slower-than', type: 'int', default: '10000', min: -1, max: LLONG_MAX },
  { name: 'slowlog-max-len', type: 'int', default: '128', min: 0, max: LLONG_MAX },
  { name: 'latency-monitor-threshold', type: 'int', default: '0', min: 0, max: LLONG_MAX },
  { name: 'save', type: 'special', default: '' },
  { name: 'appendonly', type: 'bool', default: 'no' },
  { name: 'dir', type: 'special', default: '' },
  { name: 'dbfilename', type: 'string', default: 'dump.rdb' },
  { name: 'hash-max-listpack-entries', aliases: ['hash-max-ziplist-entries'], type: 'int', default: '128', min: 0, max: LLONG_MAX },
  { name: 'hash-max-listpack-value', aliases: ['hash-max-ziplist-value'], type: 'int', default: '64', min: 0, max: LLONG_MAX },
  { name: 'set-max-intset-entries', type: 'int', default: '512', min: 0, max: LLONG_MAX },
  { name: 'zset-max-listpack-entries', aliases: ['zset-max-ziplist-entries'], type: 'int', default: '128', min: 0, max: LLONG_MAX },
  { name: 'zset-max-listpack-value', aliases: ['zset-max-ziplist-value'], type: 'int', default: '64', min: 0, max: LLONG_MAX },
  { name: 'list-max-listpack-size', aliases: ['list-max-ziplist-size'], type: 'int', default: '-2', min: -5, max: INT_MAX },
  { name: 'list-compress-depth', type: 'int', default: '0', min: 0, max: INT_MAX },
];
