/**
 * Every error text Mnemo sends, exactly as redis-server 7.0 sends it,
 * prefix included. Handlers never inline a message: they name one here.
 */
export const Err = {
  SYNTAX: 'ERR syntax error',
  WRONGTYPE: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  NOT_INTEGER: 'ERR value is not an integer or out of range',
  NOT_FLOAT: 'ERR value is not a valid float',
  INCR_OVERFLOW: 'ERR increment or decrement would overflow',
  INCR_NAN_INF: 'ERR increment would produce NaN or Infinity',
  NO_SUCH_KEY: 'ERR no such key',
  OUT_OF_RANGE: 'ERR index out of range',
  DB_OUT_OF_RANGE: 'ERR DB index is out of range',
  SAME_OBJECT: 'ERR source and destination objects are the same',
  NOAUTH: 'NOAUTH Authentication required.',
  WRONGPASS: 'WRONGPASS invalid username-password pair or user is disabled.',
  AUTH_NOPASS:
    'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
  STRING_TOO_LONG: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
  BIT_OFFSET: 'ERR bit offset is not an integer or out of range',
  BIT_VALUE: 'ERR bit is not an integer or out of range',
  OFFSET_OUT_OF_RANGE: 'ERR offset is out of range',
  TIMEOUT_NOT_FLOAT: 'ERR timeout is not a float or out of range',
  TIMEOUT_NEGATIVE: 'ERR timeout is negative',
  NX_XX_GT_LT: 'ERR NX and XX, GT or LT options at the same time are not compatible',
  GT_LT_NX: 'ERR GT, LT, and/or NX options at the same time are not compatible',
  DUMP_PAYLOAD: 'ERR DUMP payload version or checksum are wrong',
  BAD_DATA_FORMAT: 'ERR Bad data format',
  BUSYKEY: 'BUSYKEY Target key name already exists.',
  INVALID_TTL: 'ERR Invalid TTL value, must be >= 0',
  INVALID_IDLETIME: 'ERR Invalid IDLETIME value, must be >= 0',
  INVALID_FREQ: 'ERR Invalid FREQ value, must be >= 0 and <= 255',
  FREQ_AND_IDLE: 'ERR syntax error',
  ONLY_LFU: 'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  ONLY_LRU: 'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  INVALID_CURSOR: 'ERR invalid cursor',
  NO_SCRIPT_OUTSIDE: 'ERR This Redis command is not allowed from script',
  CLIENT_NAME_SPACES: 'ERR Client names cannot contain spaces, newlines or special characters.',
  NO_SUCH_CLIENT: 'ERR No such client',
  CLIENT_KILL_SYNTAX: 'ERR syntax error',
  TIMEOUT_INVALID: 'ERR timeout is not an integer or out of range',
  PROTOVER_UNSUPPORTED: 'NOPROTO unsupported protocol version',
  PROTOVER_INVALID: 'ERR Protocol version is not an integer or out of range',
  SHUTDOWN_FAILED: 'ERR Errors trying to SHUTDOWN. Check logs.',
  SORT_BY_GET_CLUSTER: 'ERR BY option of SORT denied in Cluster mode when keys formed by the pattern may be in different slots.',
  SORT_ONE_NOT_DOUBLE: "ERR One or more scores can't be converted into double",
  EXEC_WITHOUT_MULTI: 'ERR EXEC without MULTI',
  DISCARD_WITHOUT_MULTI: 'ERR DISCARD without MULTI',
  MULTI_NESTED: 'ERR MULTI calls can not be nested',
  WATCH_IN_MULTI: 'ERR WATCH inside MULTI is not allowed',
  EXECABORT: 'EXECABORT Transaction discarded because of previous errors.',
  OOM: "OOM command not allowed when used memory > 'maxmemory'.",
  UNKNOWN_CONFIG_PARAM: 'ERR Unknown option or number of arguments for CONFIG SET',
  LCS_BAD_OPTION: 'ERR syntax error',
  LCS_NOT_STRINGS: 'ERR The specified keys must contain string values',
  BITFIELD_OVERFLOW_TYPE: 'ERR Invalid OVERFLOW type specified',
  BITFIELD_TYPE:
    'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.',
  BITFIELD_RO_WRITE: 'ERR BITFIELD_RO only supports the GET subcommand',
  BITOP_NOT_ONE_KEY: 'ERR BITOP NOT must be called with a single source key.',
  BITPOS_BIT: 'ERR The bit argument must be 1 or 0.',
  PUBSUB_CONTEXT:
    "ERR Can't execute '%s': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
  UNBLOCKED: 'UNBLOCKED client unblocked via CLIENT UNBLOCK',
  MUST_BE_POSITIVE: 'ERR value is out of range, must be positive',
  LPOS_RANK_ZERO:
    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
  LPOS_COUNT_NEGATIVE: "ERR COUNT can't be negative",
  LPOS_MAXLEN_NEGATIVE: "ERR MAXLEN can't be negative",
  NUMKEYS_NOT_POSITIVE: 'ERR numkeys should be greater than 0',
  COUNT_NOT_POSITIVE: 'ERR count should be greater than 0',
  SSUBSCRIBE_DENY_BLOCKING: "ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client",
  TRACKING_ONE_REDIRECT: 'ERR A client can only redirect to a single other client',
  TRACKING_REDIRECT_MISSING: 'ERR The client ID you want redirect to does not exist',
  TRACKING_PREFIX_NEEDS_BCAST: 'ERR PREFIX option requires BCAST mode to be enabled',
  TRACKING_SWITCH_BCAST:
    "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
  TRACKING_BCAST_OPTIN: 'ERR OPTIN and OPTOUT are not compatible with BCAST',
  TRACKING_OPTIN_OPTOUT: "ERR You can't specify both OPTIN mode and OPTOUT mode",
  TRACKING_SWITCH_OPTIN:
    "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
  CACHING_NOT_TRACKING: 'ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled',
  CACHING_YES_OPTIN: 'ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.',
  CACHING_NO_OPTOUT: 'ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.',
  DECR_OVERFLOW: 'ERR decrement would overflow',
  LCS_IDX_AND_LEN: 'ERR If you want both the length and indexes, please just use IDX.',
  LCS_TOO_LONG: 'ERR String too long for LCS',
  LCS_NO_MEMORY: 'ERR Insufficient memory, failed allocating transient memory for LCS',
  GETKEYS_INVALID_COMMAND: 'ERR Invalid command specified',
  GETKEYS_NO_KEYS: 'ERR The command has no key arguments',
  GETKEYS_INVALID_ARG_COUNT: 'ERR Invalid number of arguments specified for command',
  GETKEYS_INVALID_ARGS: 'ERR Invalid arguments specified for command',
  EXPIRE_GT_LT: 'ERR GT and LT options at the same time are not compatible',
  INT_RANGE: 'ERR value is out of range, value must between -2147483648 and 2147483647',
  INVALID_FIRST_DB: 'ERR invalid first DB index',
  INVALID_SECOND_DB: 'ERR invalid second DB index',
  COPY_CLUSTER: 'ERR Copying to another database is not allowed in cluster mode',
  MOVE_CLUSTER: 'ERR MOVE is not allowed in cluster mode',
  SWAPDB_CLUSTER: 'ERR SWAPDB is not allowed in cluster mode',
  SORT_GET_CLUSTER: 'ERR GET option of SORT denied in Cluster mode when keys formed by the pattern may be in different slots.',
  CONFIG_NO_FILE: 'ERR The server is running without a config file',
  DEBUG_NOT_ALLOWED:
    'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
  MODULE_NOT_ALLOWED:
    'ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
  MODULE_LOAD_FAILED: 'ERR Error loading the extension. Please check the server logs.',
  MODULE_UNLOAD_NO_SUCH: 'ERR Error unloading module: no such module with that name',
  MIGRATE_CONNECT: 'IOERR error or timeout connecting to the client',
  MIGRATE_WRITE: 'IOERR error or timeout writing to target instance',
  MIGRATE_READ: 'IOERR error or timeout reading to target instance',
  MIGRATE_KEYS_EMPTY: 'ERR When using MIGRATE KEYS option, the key argument must be set to the empty string',
  MIGRATE_IN_MULTI: 'ERR MIGRATE inside MULTI/EXEC is not supported by Mnemo yet',
  CLUSTER_DISABLED: 'ERR This instance has cluster support disabled',
  ZADD_NX_XX: 'ERR XX and NX options at the same time are not compatible',
  ZADD_INCR_PAIR: 'ERR INCR option supports a single increment-element pair',
  ZSCORE_NAN: 'ERR resulting score is not a number (NaN)',
  ZMIN_MAX_NOT_FLOAT: 'ERR min or max is not a float',
  ZMIN_MAX_NOT_LEX: 'ERR min or max not valid string range item',
  ZLIMIT_NEEDS_BY: 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
  ZWITHSCORES_BYLEX: 'ERR syntax error, WITHSCORES not supported in combination with BYLEX',
  ZWEIGHT_NOT_FLOAT: 'ERR weight value is not a float',
  ZLIMIT_NEGATIVE: "ERR LIMIT can't be negative",
  ZNUMKEYS_POSITIVE: 'ERR numkeys should be greater than 0',
  ZCOUNT_POSITIVE: 'ERR count should be greater than 0',
  ZMUST_BE_POSITIVE: 'ERR value is out of range, must be positive',
  ZRANDMEMBER_RANGE: 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
  ZVALUE_OUT_OF_RANGE: 'ERR value is out of range',
  HASH_NOT_INTEGER: 'ERR hash value is not an integer',
  HASH_NOT_FLOAT: 'ERR hash value is not a float',
  VALUE_NAN_INF: 'ERR value is NaN or Infinity',
  LONG_RANGE: 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
  VALUE_OUT_OF_RANGE: 'ERR value is out of range',
  NUMKEYS_TOO_MANY: "ERR Number of keys can't be greater than number of args",
  LIMIT_NEGATIVE: "ERR LIMIT can't be negative",
  HLL_WRONGTYPE: 'WRONGTYPE Key is not a valid HyperLogLog string value.',
  HLL_CORRUPTED: 'INVALIDOBJ Corrupted HLL object detected',
  PFDEBUG_NO_KEY: 'ERR The specified key does not exist',
  PFDEBUG_NOT_SPARSE: 'ERR HLL encoding is not sparse',
  GEO_UNIT: 'ERR unsupported unit provided. please use M, KM, FT, MI',
  GEO_RADIUS_NOT_NUMBER: 'ERR need numeric radius',
  GEO_WIDTH_NOT_NUMBER: 'ERR need numeric width',
  GEO_HEIGHT_NOT_NUMBER: 'ERR need numeric height',
  GEO_RADIUS_NEGATIVE: 'ERR radius cannot be negative',
  GEO_BOX_NEGATIVE: 'ERR height or width cannot be negative',
  GEO_NO_MEMBER: 'ERR could not decode requested zset member',
  GEO_COUNT_POSITIVE: 'ERR COUNT must be > 0',
  GEO_ANY_NEEDS_COUNT: 'ERR the ANY argument requires COUNT argument',
  GEO_STORE_WITH: 'ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options',
  GEOSEARCHSTORE_WITH: 'ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options',
} as const;

const MAX_NAME = 128;

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) : s;
}

/** ERR unknown command 'foo', with args beginning with: 'a' 'b' */
export function errUnknownCommand(name: string, args: string[]): string {
  let list = '';
  for (let i = 0; i < args.length && list.length < MAX_NAME; i++) {
    list += `'${clip(args[i], MAX_NAME - list.length)}' `;
  }
  return `ERR unknown command '${clip(name, MAX_NAME)}', with args beginning with: ${list}`;
}

/** ERR unknown subcommand 'foo'. Try CONFIG HELP. */
export function errUnknownSubcommand(sub: string, container: string): string {
  return `ERR unknown subcommand '${clip(sub, MAX_NAME)}'. Try ${container.toUpperCase()} HELP.`;
}

/** ERR wrong number of arguments for 'config|get' command */
export function errArity(fullName: string): string {
  return `ERR wrong number of arguments for '${fullName}' command`;
}

/** ERR invalid expire time in 'set' command */
export function errInvalidExpire(command: string): string {
  return `ERR invalid expire time in '${command}' command`;
}

export function errPubsubContext(command: string): string {
  return Err.PUBSUB_CONTEXT.replace('%s', command);
}

/** ERR unknown subcommand or wrong number of arguments for 'x'. Try PUBSUB HELP. (the word as the client typed it) */
export function errSubcommandSyntax(sub: string, container: string): string {
  return `ERR unknown subcommand or wrong number of arguments for '${clip(sub, MAX_NAME)}'. Try ${container.toUpperCase()} HELP.`;
}

/** Two tracking prefixes where one begins the other. */
export function errTrackingPrefixOverlap(prefix: string, other: string, existing: boolean): string {
  return existing
    ? `ERR Prefix '${prefix}' overlaps with an existing prefix '${other}'. Prefixes for a single client must not overlap.`
    : `ERR Prefix '${prefix}' overlaps with another provided prefix '${other}'. Prefixes for a single client must not overlap.`;
}

/** ERR Unsupported option foo (EXPIRE family) */
export function errUnsupportedOption(opt: string): string {
  return `ERR Unsupported option ${opt}`;
}

/** ERR CONFIG SET failed (possibly related to argument 'x') - reason */
export function errConfigSetFailed(name: string, reason: string): string {
  return `ERR CONFIG SET failed (possibly related to argument '${name}') - ${reason}`;
}

/** ERR Unknown option or number of arguments for CONFIG SET - 'x' */
export function errConfigSetUnknown(name: string): string {
  return `ERR Unknown option or number of arguments for CONFIG SET - '${name}'`;
}

/** ERR at least 1 input key is needed for 'zunionstore' command */
export function errZsetNoKeys(command: string): string {
  return `ERR at least 1 input key is needed for '${command}' command`;
}

/** ERR Unknown PFDEBUG subcommand 'foo' */
export function errPfdebugUnknown(sub: string): string {
  return `ERR Unknown PFDEBUG subcommand '${sub}'`;
}

/** PFSELFTEST's report of a failed check, e.g. "Register 3 should be 5 but is 4". */
export function errPfselftest(detail: string): string {
  return `ERR TESTFAILED ${detail}`;
}

/** ERR invalid longitude,latitude pair 200.000000,1.000000 (both printed as C's %f) */
export function errGeoLonLat(lon: string, lat: string): string {
  return `ERR invalid longitude,latitude pair ${lon},${lat}`;
}

/** GEOSEARCH without FROMMEMBER or FROMLONLAT; the command name as the client typed it. */
export function errGeoFrom(command: string): string {
  return `ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${command}`;
}

/** GEOSEARCH without BYRADIUS or BYBOX; the command name as the client typed it. */
export function errGeoBy(command: string): string {
  return `ERR exactly one of BYRADIUS and BYBOX can be specified for ${command}`;
}
