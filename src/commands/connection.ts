/**
 * Connection commands: PING, ECHO, QUIT, SELECT, HELLO, AUTH, RESET.
 */
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { REDIS_VERSION } from '../server/context.js';
import { Err } from '../errors.js';
import { eqi, parseInteger, cstr } from './args.js';
import { CLIENT_CLOSE_AFTER_REPLY, CLIENT_MONITOR, CLIENT_NO_EVICT, CLIENT_NO_TOUCH } from '../server/client-flags.js';

const CONNECTION_FLAGS = ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'] as const;

/** Checks a password for a user; the ACL module replaces this when it exists. */
export function checkPassword(ctx: ServerContext, user: string, pass: string): boolean {
  const acl = ctx.ext.acl as { authenticate(user: string, pass: string): boolean } | undefined;
  if (acl) return acl.authenticate(user, pass);
  // Without requirepass the default user is "nopass": any password opens it.
  return user === 'default' && (ctx.config.requirePass === '' || pass === ctx.config.requirePass);
}

/** Names may not hold blanks or control characters; the empty name clears it. */
export function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const b = name.charCodeAt(i);
    if (b < 33 || b > 126) return false;
  }
  return true;
}

/** Hooks that RESET runs so each subsystem clears its own per-client state. */
export type ResetHook = (ctx: ServerContext, c: Client) => void;
export function resetHooks(ctx: ServerContext): ResetHook[] {
  let h = ctx.ext.resetHooks as ResetHook[] | undefined;
  if (!h) ctx.ext.resetHooks = h = [];
  return h;
}

function helloReply(ctx: ServerContext, c: Client, out: ReplyWriter): void {
  const role = (ctx.ext.role as string | undefined) ?? 'master';
  const mode = (ctx.ext.mode as string | undefined) ?? 'standalone';
  out.map(7);
  out.bulkLatin1('server');
  out.bulkLatin1('redis');
  out.bulkLatin1('version');
  out.bulkLatin1(REDIS_VERSION);
  out.bulkLatin1('proto');
  out.integer(c.resp);
  out.bulkLatin1('id');
  out.integer(c.id);
  out.bulkLatin1('mode');
  out.bulkLatin1(mode);
  out.bulkLatin1('role');
  out.bulkLatin1(role);
  out.bulkLatin1('modules');
  out.array(0);
}

export const connectionCommands: CommandSpec[] = [
  {
    // PING [message]
    name: 'ping',
    arity: -1,
    flags: ['fast'],
    acl: ['connection'],
    tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
    group: 'connection',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Checks that the server answers.',
    args: [{ name: 'message', type: 'string', flags: ['optional'] }],
    run(ctx, c, argv, out) {
      if (argv.length > 2) return out.error("ERR wrong number of arguments for 'ping' command");
      // A RESP2 subscriber gets a pubsub-shaped reply it can parse like a message.
      if (c.resp === 2 && c.pubsubCount !== 0) {
        out.array(2);
        out.bulkLatin1('pong');
        if (argv.length === 2) out.bulkLatin1(argv[1]);
        else out.bulkLatin1('');
        return;
      }
      if (argv.length === 2) out.bulkLatin1(argv[1]);
      else out.pong();
    },
  },
  {
    // ECHO message
    name: 'echo',
    arity: 2,
    flags: ['loading', 'stale', 'fast'],
    acl: ['connection'],
    group: 'connection',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Returns the given string.',
    args: [{ name: 'message', type: 'string' }],
    run(ctx, c, argv, out) {
      out.bulkLatin1(argv[1]);
    },
  },
  {
    // QUIT
    name: 'quit',
    arity: -1,
    flags: CONNECTION_FLAGS,
    acl: ['connection'],
    group: 'connection',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Closes the connection.',
    run(ctx, c, argv, out) {
      out.ok();
      c.flags |= CLIENT_CLOSE_AFTER_REPLY;
    },
  },
  {
    // SELECT index
    name: 'select',
    arity: 2,
    flags: ['loading', 'stale', 'fast'],
    acl: ['connection'],
    group: 'connection',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Changes the selected database.',
    args: [{ name: 'index', type: 'integer' }],
    run(ctx, c, argv, out) {
      const idx = parseInteger(argv[1]);
      if (idx === null) return out.error(Err.NOT_INTEGER);
      if (ctx.ext.clusterEnabled === true && idx !== 0) return out.error('ERR SELECT is not allowed in cluster mode');
      const db = ctx.keyspace.dbs[idx];
      if (idx < 0 || db === undefined) return out.error(Err.DB_OUT_OF_RANGE);
      c.db = db;
      out.ok();
    },
  },
  {
    // HELLO [protover [AUTH username password] [SETNAME clientname]]
    name: 'hello',
    arity: -1,
    flags: CONNECTION_FLAGS,
    acl: ['connection'],
    group: 'connection',
    since: '6.0.0',
    complexity: 'O(1)',
    summary: 'Handshakes with the server, optionally choosing the protocol version and authenticating.',
    history: [['6.2.0', '`protover` made optional; when called without arguments the command reports the current connection\'s context.']],
    args: [
      {
        name: 'arguments',
        type: 'block',
        flags: ['optional'],
        arguments: [
          { name: 'protover', type: 'integer' },
          {
            name: 'username_password',
            type: 'block',
            token: 'AUTH',
            flags: ['optional'],
            arguments: [
              { name: 'username', type: 'string' },
              { name: 'password', type: 'string' },
            ],
          },
          { name: 'clientname', type: 'string', token: 'SETNAME', flags: ['optional'] },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      let ver = 0;
      if (argv.length >= 2) {
        const v = parseInteger(argv[1]);
        if (v === null) return out.error(Err.PROTOVER_INVALID);
        if (v < 2 || v > 3) return out.error(Err.PROTOVER_UNSUPPORTED);
        ver = v;
      }
      let auth: [string, string] | null = null;
      let name: string | null = null;
      for (let i = 2; i < argv.length; i++) {
        const more = argv.length - i - 1;
        if (eqi(argv[i], 'auth') && more >= 2) {
          auth = [argv[i + 1], argv[i + 2]];
          i += 2;
        } else if (eqi(argv[i], 'setname') && more >= 1) {
          name = argv[i + 1];
          i += 1;
        } else {
          return out.error(`ERR Syntax error in HELLO option '${cstr(argv[i])}'`);
        }
      }
      if (auth !== null) {
        if (!checkPassword(ctx, auth[0], auth[1])) return out.error(Err.WRONGPASS);
        c.authenticated = true;
        c.user = auth[0];
      }
      if (!c.authenticated) {
        return out.error(
          'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
        );
      }
      if (name !== null) {
        if (!validClientName(name)) return out.error(Err.CLIENT_NAME_SPACES);
        c.name = name;
      }
      if (ver !== 0) c.resp = ver as 2 | 3;
      helloReply(ctx, c, out);
    },
  },
  {
    // AUTH [username] password
    name: 'auth',
    arity: -2,
    flags: CONNECTION_FLAGS,
    acl: ['connection'],
    group: 'connection',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of passwords defined for the user',
    summary: 'Authenticates the connection.',
    history: [['6.0.0', 'Added ACL style (username and password).']],
    args: [
      { name: 'username', type: 'string', since: '6.0.0', flags: ['optional'] },
      { name: 'password', type: 'string' },
    ],
    run(ctx, c, argv, out) {
      if (argv.length > 3) return out.error(Err.SYNTAX);
      const user = argv.length === 3 ? argv[1] : 'default';
      const pass = argv[argv.length - 1];
      if (argv.length === 2 && ctx.config.requirePass === '' && ctx.ext.acl === undefined) return out.error(Err.AUTH_NOPASS);
      if (!checkPassword(ctx, user, pass)) {
        ctx.log.verbose(`AUTH failed for client ${c.describe()}`);
        return out.error(Err.WRONGPASS);
      }
      c.authenticated = true;
      c.user = user;
      out.ok();
    },
  },
  {
    // RESET
    name: 'reset',
    arity: 1,
    flags: CONNECTION_FLAGS,
    acl: ['connection'],
    group: 'connection',
    since: '6.2.0',
    complexity: 'O(1)',
    summary: 'Resets the connection to its initial state.',
    run(ctx, c, argv, out) {
      c.multi = null;
      c.db = ctx.keyspace.dbs[0];
      c.resp = 2;
      c.name = '';
      c.replyMode = 'on';
      c.skipNext = false;
      c.out.muted = false;
      c.flags &= ~(CLIENT_NO_EVICT | CLIENT_NO_TOUCH);
      if (c.flags & CLIENT_MONITOR) {
        c.flags &= ~CLIENT_MONITOR;
        ctx.monitors.delete(c);
      }
      for (const hook of resetHooks(ctx)) hook(ctx, c);
      c.user = 'default';
      c.authenticated = !ctx.authRequired();
      out.simple('RESET');
    },
  },
];
