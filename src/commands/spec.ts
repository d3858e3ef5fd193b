/**
 * The one declaration of a command. Dispatch (lookup, arity), COMMAND
 * INFO/DOCS/LIST/GETKEYS, ACL checks and cluster key routing all read it.
 */
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';

export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'module'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'asking'
  | 'fast'
  | 'no_auth'
  | 'may_replicate'
  | 'sentinel'
  | 'only_sentinel'
  | 'no_mandatory_keys'
  | 'protected'
  | 'no_async_loading'
  | 'no_multi'
  | 'allow_busy';

/** The order COMMAND INFO prints flags in; the hidden ones are never printed. */
export const FLAG_ORDER: readonly (CommandFlag | 'movablekeys')[] = [
  'write',
  'readonly',
  'denyoom',
  'module',
  'admin',
  'pubsub',
  'noscript',
  'blocking',
  'loading',
  'stale',
  'skip_monitor',
  'skip_slowlog',
  'asking',
  'fast',
  'no_auth',
  'no_mandatory_keys',
  'no_async_loading',
  'no_multi',
  'movablekeys',
  'allow_busy',
];

export type AclCategory =
  | 'keyspace'
  | 'read'
  | 'write'
  | 'set'
  | 'sortedset'
  | 'list'
  | 'hash'
  | 'string'
  | 'bitmap'
  | 'hyperloglog'
  | 'geo'
  | 'stream'
  | 'pubsub'
  | 'admin'
  | 'fast'
  | 'slow'
  | 'blocking'
  | 'dangerous'
  | 'connection'
  | 'transaction'
  | 'scripting';

/** Category bit order, which is also the order COMMAND INFO and ACL CAT print them in. */
export const ACL_CATEGORY_ORDER: readonly AclCategory[] = [
  'keyspace',
  'read',
  'write',
  'set',
  'sortedset',
  'list',
  'hash',
  'string',
  'bitmap',
  'hyperloglog',
  'geo',
  'stream',
  'pubsub',
  'admin',
  'fast',
  'slow',
  'blocking',
  'dangerous',
  'connection',
  'transaction',
  'scripting',
];

export type KeySpecFlag =
  | 'RO'
  | 'RW'
  | 'OW'
  | 'RM'
  | 'access'
  | 'update'
  | 'insert'
  | 'delete'
  | 'not_key'
  | 'incomplete'
  | 'variable_flags';

export const KEY_SPEC_FLAG_ORDER: readonly KeySpecFlag[] = [
  'RO',
  'RW',
  'OW',
  'RM',
  'access',
  'update',
  'insert',
  'delete',
  'not_key',
  'incomplete',
  'variable_flags',
];

export type BeginSearch = { index: number } | { keyword: string; startfrom: number } | { unknown: true };
export type FindKeys =
  | { range: { lastkey: number; keystep: number; limit: number } }
  | { keynum: { keynumidx: number; firstkey: number; keystep: number } }
  | { unknown: true };

/** Redis 7 key specification: where keys sit in argv and how they are accessed. */
export interface KeySpec {
  notes?: string;
  flags: readonly KeySpecFlag[];
  begin: BeginSearch;
  find: FindKeys;
}

/** One documented argument, for COMMAND DOCS. */
export interface ArgDoc {
  name: string;
  type: 'string' | 'integer' | 'double' | 'key' | 'pattern' | 'unix-time' | 'pure-token' | 'oneof' | 'block';
  key_spec_index?: number;
  token?: string;
  summary?: string;
  since?: string;
  deprecated_since?: string;
  display?: string;
  flags?: readonly ('optional' | 'multiple' | 'multiple_token')[];
  arguments?: readonly ArgDoc[];
}

export type CommandHandler = (ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter) => void;

export interface CommandSpec {
  /** Lower case; a subcommand's name is its own word ("get" for CONFIG GET). */
  name: string;
  /** n: exactly n words, name included; -n: at least n. Subcommands count the container's word too. */
  arity: number;
  flags: readonly CommandFlag[];
  /** Explicit categories; the implied ones (@write for write, @slow for non-fast, ...) are added by the table. */
  acl: readonly AclCategory[];
  keySpecs?: readonly KeySpec[];
  tips?: readonly string[];
  group: string;
  since: string;
  summary: string;
  complexity?: string;
  docFlags?: readonly ('deprecated' | 'syscmd')[];
  deprecatedSince?: string;
  replacedBy?: string;
  history?: readonly (readonly [string, string])[];
  args?: readonly ArgDoc[];
  /** For commands whose keys the key specs cannot locate exactly (SORT, EVAL, ZUNIONSTORE, ...). */
  getKeys?: (argv: string[]) => number[];
  /**
   * For a key spec flagged variable_flags: the flags of this call's keys
   * (SET reads only with GET; BITFIELD writes unless every op is a GET). The
   * spec itself declares the worst case.
   */
  keyFlags?: (argv: string[]) => readonly KeySpecFlag[];
  subcommands?: readonly CommandSpec[];
  /** Absent only for containers, whose subcommands carry the handlers. */
  run?: CommandHandler;
}
