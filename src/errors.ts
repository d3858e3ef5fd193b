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
