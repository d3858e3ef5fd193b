/**
 * Protected mode: with `protected-mode yes` and a default user that needs
 * no password, Redis 7.0 refuses every connection that is not from the
 * loopback interface or the unix socket (whatever `bind` says), with a
 * DENIED error explaining how to open the server up.
 */
import type { ServerContext } from './context.js';
import type { Client } from './client.js';

export const PROTECTED_MODE_DENIED =
  "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n";

/** True for the loopback addresses Redis's connIsLocal accepts (IPv4-mapped forms included). */
export function isLoopback(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a.startsWith('127.') || a === '::1';
}

export interface ProtectedModeInput {
  protectedMode: boolean;
  /** The default user can log in without a password. */
  defaultUserNoPass: boolean;
  isUnix: boolean;
  remoteAddress: string;
}

/** The pure decision, for tests: true when the connection must be refused. */
export function protectedModeRefuses(i: ProtectedModeInput): boolean {
  return i.protectedMode && i.defaultUserNoPass && !i.isUnix && !isLoopback(i.remoteAddress);
}

/** The DENIED reply for a new connection, or null to accept it. */
export function protectedModeCheck(ctx: ServerContext, isUnix: boolean, remoteAddress: string): string | null {
  if (isUnix || isLoopback(remoteAddress) || !ctx.config.bool('protected-mode')) return null;
  // The ACL module, when present, knows whether the default user has a password.
  const acl = ctx.ext.aclDefaultUserNoPass as (() => boolean) | undefined;
  const noPass = acl ? acl() : ctx.config.requirePass === '';
  return protectedModeRefuses({ protectedMode: true, defaultUserNoPass: noPass, isUnix, remoteAddress }) ? PROTECTED_MODE_DENIED : null;
}

/** enable-debug-command (enable-module-command for MODULE): "yes", or "local" for loopback and unix socket clients. */
export function protectedCommandAllowed(ctx: ServerContext, c: Client, option: 'enable-debug-command' | 'enable-module-command' = 'enable-debug-command'): boolean {
  const allowed = ctx.config.get(option);
  if (allowed === 'yes') return true;
  return allowed === 'local' && (c.isUnix || isLoopback(c.addr.slice(0, c.addr.lastIndexOf(':'))));
}

/** At most one warning a minute, however many probes arrive (as Redis). */
const ATTACK_LOG_INTERVAL_MS = 60_000;

/**
 * A request line starting with POST or Host: is a browser, or a web page
 * making one talk to this port (cross-protocol scripting). Redis answers
 * nothing, drops the connection with its pending replies, and logs a
 * warning; so does Mnemo. Only called for names that are not commands.
 */
export function crossProtocolAttack(ctx: ServerContext, c: Client, name: string): boolean {
  if (name.length !== 4 && name.length !== 5) return false;
  const n = name.toLowerCase();
  if (n !== 'post' && n !== 'host:') return false;
  const now = Date.now();
  const last = (ctx.ext.crossProtocolLoggedAt as number | undefined) ?? -Infinity;
  if (Math.abs(now - last) > ATTACK_LOG_INTERVAL_MS) {
    ctx.log.warning(
      'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.',
    );
    ctx.ext.crossProtocolLoggedAt = now;
  }
  // Closed before its buffered replies leave: they are dropped, as Redis frees the client.
  c.close();
  return true;
}
