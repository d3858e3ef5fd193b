/**
 * CLIENT: connection introspection and control.
 *
 * Extension point: `clientSubcommands` is the live list of CLIENT's
 * subcommands. Other families (pub/sub: TRACKING, CACHING, GETREDIR,
 * TRACKINGINFO) push their CommandSpec objects into it at module load,
 * before the command table is built (new CommandTable() reads it through
 * families()); nothing in this file declares those.
 */
import type { CommandSpec, CommandFlag } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { Err } from '../errors.js';
import { eqi, parseInteger, cstr } from './args.js';
import { validClientName } from './connection.js';
import { pauseClients, unpauseClients } from '../server/info.js';

/** Redis's flag letters in the order CLIENT LIST prints them. */
const FLAG_ORDER = 'OSMPxbtRBdcuAUreT';

function flagsOf(c: Client): string {
  let set = c.extraFlags;
  if (c.monitor) set += 'O';
  if (c.pubsubCount !== 0) set += 'P';
  if (c.multi !== null) set += 'x';
  // A client suspended in MIGRATE or CONFIG SET (kind 'lock') runs its command, as far as Redis shows.
  if (c.blocked !== null && c.blocked.kind !== 'lock') set += 'b';
  if (c.closeAfterReply) set += 'c';
  if (c.isUnix) set += 'U';
  if (c.noEvict) set += 'e';
  if (c.noTouch) set += 'T';
  let out = '';
  for (const ch of FLAG_ORDER) if (set.includes(ch)) out += ch;
  return out === '' ? 'N' : out;
}

function fdOf(c: Client): number {
  const h = (c.socket as unknown as { _handle?: { fd?: number } } | null)?._handle;
  return typeof h?.fd === 'number' ? h.fd : -1;
}

interface SubsView {
  channels: Set<string>;
  patterns: Set<string>;
  shard: Set<string>;
}

/**
 * One CLIENT LIST line (without the newline), with exactly Redis 7.0's
 * fields in order. `current` is the command being run by the caller: Redis
 * reports it as the caller's cmd.
 */
export function clientInfoLine(c: Client, current: string | null): string {
  const now = Date.now();
  const subs = c.ext.pubsub as SubsView | undefined;
  const qbuf = c.parser.pendingBytes;
  const obl = c.out.length;
  const omem = c.socket?.writableLength ?? 0;
  const redir = (c.ext.trackingRedirect as number | undefined) ?? -1;
  return (
    `id=${c.id} addr=${c.addr} laddr=${c.laddr} fd=${fdOf(c)} name=${c.name}` +
    ` age=${Math.floor((now - c.createdAt) / 1000)} idle=${current !== null ? 0 : Math.floor((now - c.lastInteraction) / 1000)}` +
    ` flags=${flagsOf(c)} db=${c.db.id} sub=${subs ? subs.channels.size : 0} psub=${subs ? subs.patterns.size : 0} ssub=${subs ? subs.shard.size : 0}` +
    ` multi=${c.multi !== null ? c.multi.queue.length : -1} qbuf=${qbuf} qbuf-free=0 argv-mem=0 multi-mem=0` +
    ` rbs=16384 rbp=${obl} obl=${obl} oll=0 omem=${omem} tot-mem=${qbuf + obl + omem}` +
    ` events=${omem > 0 ? 'rw' : 'r'} cmd=${current ?? c.lastCommand} user=${c.user} redir=${redir} resp=${c.resp}`
  );
}

type ClientType = 'normal' | 'master' | 'replica' | 'pubsub';

function parseType(word: string): ClientType | null {
  const w = word.toLowerCase();
  if (w === 'normal' || w === 'master' || w === 'pubsub') return w;
  if (w === 'replica' || w === 'slave') return 'replica';
  return null;
}

function typeOf(c: Client): ClientType {
  if (c.extraFlags.includes('M')) return 'master';
  if (c.extraFlags.includes('S') && !c.monitor) return 'replica';
  if (c.pubsubCount !== 0) return 'pubsub';
  return 'normal';
}

function listReply(c: Client, clients: Iterable<Client>, current: string, out: ReplyWriter): void {
  let text = '';
  for (const cl of clients) text += clientInfoLine(cl, cl === c ? current : null) + '\n';
  out.verbatim(text);
}

const CLIENT_HELP = [
  'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CACHING (YES|NO)',
  '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled.',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Control server assisted client side caching.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection.',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
  'HELP',
  '    Prints this help.',
];

const CONN: readonly CommandFlag[] = ['noscript', 'loading', 'stale'];
const ADMIN: readonly CommandFlag[] = ['admin', 'noscript', 'loading', 'stale'];

function sub(spec: Omit<CommandSpec, 'group' | 'acl'> & { acl?: CommandSpec['acl'] }): CommandSpec {
  return { group: 'connection', acl: ['connection'], ...spec };
}

/** Redis's "yes"/"no" or "on"/"off" words; null for anything else. */
function onOff(arg: string, on: string, off: string): boolean | null {
  if (eqi(arg, on)) return true;
  if (eqi(arg, off)) return false;
  return null;
}

/** The live list of CLIENT subcommands (see the file comment). */
export const clientSubcommands: CommandSpec[] = [
  sub({
    // CLIENT ID
    name: 'id',
    arity: 2,
    flags: CONN,
    since: '5.0.0',
    complexity: 'O(1)',
    summary: 'Returns the unique ID of the connection.',
    run(ctx, c, argv, out) {
      out.integer(c.id);
    },
  }),
  sub({
    // CLIENT INFO
    name: 'info',
    arity: 2,
    flags: CONN,
    tips: ['nondeterministic_output'],
    since: '6.2.0',
    complexity: 'O(1)',
    summary: 'Describes the connection in the format of CLIENT LIST.',
    run(ctx, c, argv, out) {
      out.verbatim(clientInfoLine(c, 'client|info') + '\n');
    },
  }),
  sub({
    // CLIENT LIST [TYPE normal|master|replica|pubsub] [ID client-id [client-id ...]]
    name: 'list',
    arity: -2,
    flags: ADMIN,
    tips: ['nondeterministic_output'],
    since: '2.4.0',
    complexity: 'O(N) where N is the number of client connections',
    summary: 'Lists the open connections.',
    history: [
      ['2.8.12', 'Added unique client `id` field.'],
      ['5.0.0', 'Added optional `TYPE` filter.'],
      ['6.0.0', 'Added `user` field.'],
      ['6.2.0', 'Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter.'],
      ['7.0.0', 'Added `resp`, `multi-mem`, `rbs` and `rbp` fields.'],
      ['7.0.3', 'Added `ssub` field.'],
    ],
    args: [
      {
        name: 'normal_master_replica_pubsub',
        type: 'oneof',
        token: 'TYPE',
        since: '5.0.0',
        flags: ['optional'],
        arguments: [
          { name: 'normal', type: 'pure-token', token: 'NORMAL' },
          { name: 'master', type: 'pure-token', token: 'MASTER' },
          { name: 'replica', type: 'pure-token', token: 'REPLICA' },
          { name: 'pubsub', type: 'pure-token', token: 'PUBSUB' },
        ],
      },
      { name: 'id', type: 'block', token: 'ID', since: '6.2.0', flags: ['optional'], arguments: [{ name: 'client-id', type: 'integer', flags: ['multiple'] }] },
    ],
    run(ctx, c, argv, out) {
      if (argv.length === 2) return listReply(c, ctx.clients.values(), 'client|list', out);
      if (argv.length === 4 && eqi(argv[2], 'type')) {
        const t = parseType(argv[3]);
        if (t === null) return out.error(`ERR Unknown client type '${cstr(argv[3])}'`);
        const sel = [...ctx.clients.values()].filter((cl) => typeOf(cl) === t);
        return listReply(c, sel, 'client|list', out);
      }
      if (argv.length > 3 && eqi(argv[2], 'id')) {
        const sel: Client[] = [];
        for (let i = 3; i < argv.length; i++) {
          const id = parseInteger(argv[i]);
          if (id === null) return out.error('ERR Invalid client ID');
          const cl = ctx.clients.get(id);
          if (cl !== undefined && !sel.includes(cl)) sel.push(cl);
        }
        return listReply(c, sel, 'client|list', out);
      }
      out.error(Err.SYNTAX);
    },
  }),
  sub({
    // CLIENT SETNAME connection-name
    name: 'setname',
    arity: 3,
    flags: CONN,
    since: '2.6.9',
    complexity: 'O(1)',
    summary: 'Sets the connection name.',
    args: [{ name: 'connection-name', type: 'string' }],
    run(ctx, c, argv, out) {
      if (!validClientName(argv[2])) return out.error(Err.CLIENT_NAME_SPACES);
      c.name = argv[2];
      out.ok();
    },
  }),
  sub({
    // CLIENT GETNAME
    name: 'getname',
    arity: 2,
    flags: CONN,
    since: '2.6.9',
    complexity: 'O(1)',
    summary: 'Returns the name of the connection.',
    run(ctx, c, argv, out) {
      if (c.name === '') out.null();
      else out.bulkLatin1(c.name);
    },
  }),
  sub({
    // CLIENT KILL ip:port | CLIENT KILL [ID id] [TYPE type] [USER username] [ADDR ip:port] [LADDR ip:port] [SKIPME yes|no] [MAXAGE seconds]
    name: 'kill',
    arity: -3,
    flags: ADMIN,
    since: '2.4.0',
    complexity: 'O(N) where N is the number of client connections',
    summary: 'Terminates open connections.',
    history: [
      ['2.8.12', 'Added new filter format.'],
      ['2.8.12', '`ID` option.'],
      ['3.2.0', 'Added `master` type in for `TYPE` option.'],
      ['5.0.0', 'Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility.'],
      ['6.2.0', '`LADDR` option.'],
    ],
    args: [
      {
        name: 'filter',
        type: 'oneof',
        arguments: [
          { name: 'ip:port', type: 'string', deprecated_since: '2.8.12' },
          {
            name: 'new-format',
            type: 'oneof',
            flags: ['multiple'],
            arguments: [
              { name: 'client-id', type: 'integer', token: 'ID', since: '2.8.12', flags: ['optional'] },
              {
                name: 'normal_master_slave_pubsub',
                type: 'oneof',
                token: 'TYPE',
                since: '2.8.12',
                flags: ['optional'],
                arguments: [
                  { name: 'normal', type: 'pure-token', token: 'NORMAL' },
                  { name: 'master', type: 'pure-token', token: 'MASTER', since: '3.2.0' },
                  { name: 'slave', type: 'pure-token', token: 'SLAVE' },
                  { name: 'replica', type: 'pure-token', token: 'REPLICA', since: '5.0.0' },
                  { name: 'pubsub', type: 'pure-token', token: 'PUBSUB' },
                ],
              },
              { name: 'username', type: 'string', token: 'USER', flags: ['optional'] },
              { name: 'ip:port', type: 'string', token: 'ADDR', flags: ['optional'] },
              { name: 'ip:port', type: 'string', token: 'LADDR', since: '6.2.0', flags: ['optional'] },
              { name: 'yes/no', type: 'string', token: 'SKIPME', flags: ['optional'] },
            ],
          },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      if (argv.length === 3) {
        const addr = argv[2];
        for (const cl of ctx.clients.values()) {
          if (cl.addr !== addr) continue;
          killClient(ctx, c, cl);
          return out.ok();
        }
        return out.error(Err.NO_SUCH_CLIENT);
      }
      if (argv.length % 2 !== 0) return out.error(Err.SYNTAX);
      let id = -1;
      let type: ClientType | null = null;
      let user: string | null = null;
      let addr: string | null = null;
      let laddr: string | null = null;
      let skipme = true;
      let maxAge = -1;
      for (let i = 2; i < argv.length; i += 2) {
        const v = argv[i + 1];
        if (eqi(argv[i], 'id')) {
          const n = parseInteger(v);
          if (n === null || n <= 0) return out.error('ERR client-id should be greater than 0');
          id = n;
        } else if (eqi(argv[i], 'type')) {
          type = parseType(v);
          if (type === null) return out.error(`ERR Unknown client type '${cstr(v)}'`);
        } else if (eqi(argv[i], 'user')) {
          user = v;
          const known = ctx.ext.aclUserExists as ((name: string) => boolean) | undefined;
          if (known ? !known(user) : user !== 'default') return out.error(`ERR No such user '${cstr(v)}'`);
        } else if (eqi(argv[i], 'addr')) {
          addr = v;
        } else if (eqi(argv[i], 'laddr')) {
          laddr = v;
        } else if (eqi(argv[i], 'skipme')) {
          const b = onOff(v, 'yes', 'no');
          if (b === null) return out.error(Err.SYNTAX);
          skipme = b;
        } else if (eqi(argv[i], 'maxage')) {
          // A Redis 7.4 filter, accepted here too.
          const n = parseInteger(v);
          if (n === null) return out.error(Err.SYNTAX);
          maxAge = n;
        } else {
          return out.error(Err.SYNTAX);
        }
      }
      const now = Date.now();
      let killed = 0;
      for (const cl of [...ctx.clients.values()]) {
        if (id !== -1 && cl.id !== id) continue;
        if (type !== null && typeOf(cl) !== type) continue;
        if (user !== null && cl.user !== user) continue;
        if (addr !== null && cl.addr !== addr) continue;
        if (laddr !== null && cl.laddr !== laddr) continue;
        if (skipme && cl === c) continue;
        if (maxAge !== -1 && (now - cl.createdAt) / 1000 < maxAge) continue;
        killClient(ctx, c, cl);
        killed++;
      }
      out.integer(killed);
    },
  }),
  sub({
    // CLIENT PAUSE timeout [WRITE|ALL]
    name: 'pause',
    arity: -3,
    flags: ADMIN,
    since: '2.9.50',
    complexity: 'O(1)',
    summary: 'Suspends commands processing.',
    history: [['6.2.0', '`CLIENT PAUSE WRITE` mode added along with the `mode` option.']],
    args: [
      { name: 'timeout', type: 'integer' },
      {
        name: 'mode',
        type: 'oneof',
        since: '6.2.0',
        flags: ['optional'],
        arguments: [
          { name: 'write', type: 'pure-token', token: 'WRITE' },
          { name: 'all', type: 'pure-token', token: 'ALL' },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      const ms = parseInteger(argv[2]);
      if (ms === null) return out.error(Err.TIMEOUT_INVALID);
      if (ms < 0) return out.error('ERR timeout is negative');
      let mode: 'write' | 'all' = 'all';
      if (argv.length === 4) {
        if (eqi(argv[3], 'write')) mode = 'write';
        else if (!eqi(argv[3], 'all')) return out.error('ERR CLIENT PAUSE mode must be WRITE or ALL');
      } else if (argv.length > 4) {
        return out.error(Err.SYNTAX);
      }
      pauseClients(ctx, mode, Date.now() + ms);
      out.ok();
    },
  }),
  sub({
    // CLIENT UNPAUSE
    name: 'unpause',
    arity: 2,
    flags: ADMIN,
    since: '6.2.0',
    complexity: 'O(N) Where N is the number of paused clients',
    summary: 'Resumes processing commands from paused clients.',
    run(ctx, c, argv, out) {
      out.ok();
      // Held clients run after this reply is queued, from the next turn: never inside this handler.
      setImmediate(() => unpauseClients(ctx));
    },
  }),
  sub({
    // CLIENT REPLY ON|OFF|SKIP
    name: 'reply',
    arity: 3,
    flags: CONN,
    since: '3.2.0',
    complexity: 'O(1)',
    summary: 'Instructs the server whether to reply to commands.',
    args: [
      {
        name: 'on_off_skip',
        type: 'oneof',
        arguments: [
          { name: 'on', type: 'pure-token', token: 'ON' },
          { name: 'off', type: 'pure-token', token: 'OFF' },
          { name: 'skip', type: 'pure-token', token: 'SKIP' },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      if (eqi(argv[2], 'on')) {
        c.replyMode = 'on';
        c.skipNext = false;
        out.muted = false;
        out.ok();
      } else if (eqi(argv[2], 'off')) {
        c.replyMode = 'off';
        out.muted = true;
      } else if (eqi(argv[2], 'skip')) {
        // This reply and the next command's are dropped; dispatch unmutes after that one.
        if (c.replyMode === 'on') c.skipNext = true;
        out.muted = true;
      } else {
        out.error(Err.SYNTAX);
      }
    },
  }),
  sub({
    // CLIENT NO-EVICT ON|OFF
    name: 'no-evict',
    arity: 3,
    flags: ADMIN,
    since: '7.0.0',
    complexity: 'O(1)',
    summary: 'Protects the connection from eviction by the client memory limit.',
    args: [
      {
        name: 'enabled',
        type: 'oneof',
        arguments: [
          { name: 'on', type: 'pure-token', token: 'ON' },
          { name: 'off', type: 'pure-token', token: 'OFF' },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      const b = onOff(argv[2], 'on', 'off');
      if (b === null) return out.error(Err.SYNTAX);
      c.noEvict = b;
      out.ok();
    },
  }),
  sub({
    // CLIENT NO-TOUCH ON|OFF (Redis 7.2)
    name: 'no-touch',
    arity: 3,
    flags: ['noscript', 'loading', 'stale'],
    since: '7.2.0',
    complexity: 'O(1)',
    summary: 'Keeps the commands of this connection from changing the access time of keys.',
    args: [
      {
        name: 'enabled',
        type: 'oneof',
        arguments: [
          { name: 'on', type: 'pure-token', token: 'ON' },
          { name: 'off', type: 'pure-token', token: 'OFF' },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      const b = onOff(argv[2], 'on', 'off');
      if (b === null) return out.error(Err.SYNTAX);
      c.noTouch = b;
      out.ok();
    },
  }),
  sub({
    // CLIENT SETINFO LIB-NAME libname | LIB-VER libver (Redis 7.2)
    name: 'setinfo',
    arity: 4,
    flags: ['noscript', 'loading', 'stale'],
    since: '7.2.0',
    complexity: 'O(1)',
    summary: 'Records the name or version of the client library.',
    args: [
      {
        name: 'attr',
        type: 'oneof',
        arguments: [
          { name: 'libname', type: 'string', token: 'LIB-NAME' },
          { name: 'libver', type: 'string', token: 'LIB-VER' },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      const isName = eqi(argv[2], 'lib-name');
      if (!isName && !eqi(argv[2], 'lib-ver')) return out.error(`ERR Unrecognized option '${cstr(argv[2])}'`);
      const v = argv[3];
      for (let i = 0; i < v.length; i++) {
        const b = v.charCodeAt(i);
        if (b < 33 || b > 126) return out.error(`ERR ${isName ? 'lib-name' : 'lib-ver'} cannot contain spaces, newlines or special characters.`);
      }
      if (isName) c.libName = argv[3];
      else c.libVer = argv[3];
      out.ok();
    },
  }),
  sub({
    // CLIENT UNBLOCK client-id [TIMEOUT|ERROR]
    name: 'unblock',
    arity: -3,
    flags: ADMIN,
    since: '5.0.0',
    complexity: 'O(log N) where N is the number of client connections',
    summary: 'Unblocks a client blocked by a blocking command from a different connection.',
    args: [
      { name: 'client-id', type: 'integer' },
      {
        name: 'timeout_error',
        type: 'oneof',
        flags: ['optional'],
        arguments: [
          { name: 'timeout', type: 'pure-token', token: 'TIMEOUT' },
          { name: 'error', type: 'pure-token', token: 'ERROR' },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      const id = parseInteger(argv[2]);
      if (id === null) return out.error(Err.NOT_INTEGER);
      let mode: 'timeout' | 'error' = 'timeout';
      if (argv.length === 4) {
        if (eqi(argv[3], 'error')) mode = 'error';
        else if (!eqi(argv[3], 'timeout')) return out.error('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
      } else if (argv.length > 4) {
        return out.error(Err.SYNTAX);
      }
      const unblock = ctx.ext.unblockClient as ((id: number, mode: 'timeout' | 'error') => boolean) | undefined;
      out.integer(unblock !== undefined && unblock(id, mode) ? 1 : 0);
    },
  }),
  sub({
    // CLIENT HELP
    name: 'help',
    arity: 2,
    flags: ['loading', 'stale'],
    since: '5.0.0',
    complexity: 'O(1)',
    summary: 'Returns helpful text about the different subcommands.',
    run(ctx, c, argv, out) {
      out.array(CLIENT_HELP.length);
      for (const line of CLIENT_HELP) out.simple(line);
    },
  }),
];

/** Closes a client; the caller itself gets its reply first. */
function killClient(ctx: ServerContext, caller: Client, victim: Client): void {
  if (victim === caller) {
    victim.closeAfterReply = true;
    return;
  }
  victim.close();
}

export const clientCommands: CommandSpec[] = [
  {
    name: 'client',
    arity: -2,
    flags: [],
    acl: [],
    group: 'connection',
    since: '2.4.0',
    complexity: 'Depends on subcommand.',
    summary: 'A container for client connection commands.',
    subcommands: clientSubcommands,
  },
];
