/**
 * Starting and stopping a server, from the command line or embedded in a
 * Node.js program: `startServer({ port: 0 })` listens on a free port.
 */
import type net from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { Config } from './config/config.js';
import { ServerContext, MNEMO_VERSION, REDIS_VERSION } from './server/context.js';
import { listen, TcpListeners } from './server/listener.js';
import { installSubsystems } from './server/subsystems.js';
import { installServerState, serverCron, serverState } from './server/info.js';
import type { LogLevel } from './server/log.js';
import type { Client } from './server/client.js';
import { slowlogOf } from './server/slowlog.js';
import { logoBlock } from './server/logo.js';
import { latencyOf } from './server/latency.js';
import { feedMonitors } from './commands/server.js';

export interface ServerOptions {
  /** Any redis.conf option by name, e.g. { port: 0, 'notify-keyspace-events': 'Ex' }. */
  [option: string]: string | number | boolean | undefined;
}

export interface RunningServer {
  /** The TCP port listened on (a free one when 0 was asked for). */
  port: number;
  ctx: ServerContext;
  close(): Promise<void>;
}

function configText(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** Builds a context from a validated configuration (main's or the API's). */
export function buildContext(config: Config): ServerContext {
  const ctx = new ServerContext(config);
  ctx.log.level = config.get('loglevel') as LogLevel;
  ctx.log.file = config.get('logfile');
  config.onChange('loglevel', (_name, value) => {
    ctx.log.level = value as LogLevel;
    return null;
  });
  // `dir` is process-wide, as in Redis: relative paths (dump file, AOF) resolve from it.
  config.onChange('dir', (_name, value) => {
    try {
      process.chdir(value);
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EACCES' ? 'Permission denied' : 'No such file or directory';
    }
    return null;
  });
  // Deletions the keyspace makes on its own propagate as UNLINK under these (propagateDeletion).
  const ks = ctx.keyspace;
  ks.lazyfreeExpire = config.bool('lazyfree-lazy-expire');
  ks.lazyfreeEviction = config.bool('lazyfree-lazy-eviction');
  config.onChange('lazyfree-lazy-expire', (_name, value) => {
    ks.lazyfreeExpire = value === 'yes';
    return null;
  });
  config.onChange('lazyfree-lazy-eviction', (_name, value) => {
    ks.lazyfreeEviction = value === 'yes';
    return null;
  });
  config.warn = (msg) => ctx.log.warning(msg);
  installApplySteps(ctx);
  installServerState(ctx);
  slowlogOf(ctx);
  latencyOf(ctx);
  ctx.monitorFeed = (c: Client, argv: string[]) => feedMonitors(ctx, c, argv);
  installSubsystems(ctx);
  return ctx;
}

/** Redis keeps this many descriptors for itself beyond one per client (CONFIG_MIN_RESERVED_FDS). */
const RESERVED_FDS = 32;

/** The soft limit on open files (Node raises it to the hard limit at start-up); null where unknown. */
function openFilesLimit(): number | null {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'latin1'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** CONFIG SET's apply steps that do not need the listeners (see Config.onApply). */
function installApplySteps(ctx: ServerContext): void {
  const config = ctx.config;
  // Redis raises the open-files limit for more clients; Node cannot, so a number the current limit cannot hold is refused.
  let maxclients = config.num('maxclients');
  config.onApply(['maxclients'], () => {
    const want = config.num('maxclients');
    if (want > maxclients) {
      const limit = openFilesLimit();
      if (limit !== null && want + RESERVED_FDS > limit) {
        ctx.log.warning(`maxclients ${want} needs ${want + RESERVED_FDS} file descriptors, but at most ${limit} files may be open (ulimit -n): ${limit - RESERVED_FDS} clients fit.`);
        return `The operating system is not able to handle the specified number of clients, try with ${limit - RESERVED_FDS}`;
      }
    }
    maxclients = want;
    return null;
  });
  // Mnemo has no TLS: enabling it fails as it does on a redis-server whose certificates are missing.
  config.onApply(['tls-port', 'tls-replication', 'tls-cluster'], () => {
    if (config.num('tls-port') === 0 && !config.bool('tls-replication') && !config.bool('tls-cluster')) return null;
    if (config.get('tls-cert-file') === '') ctx.log.warning('No tls-cert-file configured!');
    else if (config.get('tls-key-file') === '') ctx.log.warning('No tls-key-file configured!');
    else ctx.log.warning('TLS is not supported by Mnemo yet.');
    return 'Unable to update TLS configuration. Check server logs.';
  });
}

/** Listens and returns a handle; `options.port` 0 (or none) picks a free port (Node's convention, not Redis's). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = new Config();
  const ephemeral = options.port === 0 || options.port === undefined;
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined || k === 'silent') continue;
    const err = config.setInitial(k, configText(v));
    if (err) throw new Error(`Invalid option '${k}': ${err}`);
  }
  const ctx = buildContext(config);
  ctx.log.silent = options.silent !== false && options.loglevel === undefined && options.logfile === undefined;
  return run(ctx, ephemeral);
}

export async function run(ctx: ServerContext, ephemeral: boolean): Promise<RunningServer> {
  const { servers, port } = await listen(ctx, ephemeral);
  // An ephemeral port is reported as the one actually listened on (CONFIG GET port, INFO).
  if (ephemeral) ctx.config.setInitial('port', String(port));
  const mode = (ctx.ext.mode as string | undefined) ?? 'standalone';
  const logTo = ctx.config.get('logfile');
  // Redis shows its logo when asked, or when it logs to a terminal.
  const logo = ctx.config.bool('always-show-logo') || (logTo === '' && !ctx.config.bool('syslog-enabled') && process.stdout.isTTY === true);
  if (logo) ctx.log.raw('notice', logoBlock({ version: MNEMO_VERSION, redisVersion: REDIS_VERSION, mode, port, pid: process.pid }));
  else ctx.log.notice(`Running mode=${mode}, port=${port}.`);
  ctx.log.warning('Server initialized');
  // Redis's wording, which scripts wait for.
  const unix = ctx.config.get('unixsocket');
  if (servers.length > (unix ? 1 : 0)) ctx.log.notice('Ready to accept connections');
  if (unix) ctx.log.notice(`The server is now ready to accept connections at ${unix}`);
  const state = serverState(ctx);
  // TCP listeners apart from the unix one, so CONFIG SET port/bind can move them.
  const unixServers = ctx.config.get('unixsocket') ? servers.slice(-1) : [];
  const tcp = new TcpListeners(ctx);
  tcp.adopt(servers.slice(0, servers.length - unixServers.length), port === 0 && !ephemeral ? 0 : port, ctx.config.get('bind'));
  // The apply steps of CONFIG SET port and bind (see Config.setMany): both make the
  // listeners match the stored port and bind, so the second of the two finds nothing to do.
  const applyListeners = () => (state.closed ? Promise.resolve(true) : tcp.change(ctx.config.num('port'), ctx.config.get('bind')));
  ctx.config.onApply(['port'], () => applyListeners().then((ok) => (ok ? null : 'Unable to listen on this port. Check server logs.')));
  ctx.config.onApply(['bind'], () =>
    applyListeners().then((ok) => {
      if (ok) return null;
      ctx.log.warning('Failed to bind');
      return 'Failed to bind to specified addresses.';
    }),
  );
  const hz = () => Math.max(1, Math.min(500, ctx.config.num('hz') || 10));
  let cron: NodeJS.Timeout | null = null;
  const schedule = () => {
    cron = setTimeout(() => {
      serverCron(ctx);
      schedule();
    }, 1000 / hz());
    cron.unref();
  };
  schedule();
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    if (closing) return closing;
    closing = (async () => {
      if (cron) clearTimeout(cron);
      state.closed = true;
      const hooks = (ctx.ext.shutdownHooks as (() => void | Promise<void>)[] | undefined) ?? [];
      for (const h of hooks) await h();
      ctx.keyspace.expiry.stop();
      // net.Server.close waits for every connection to end, so the clients go first.
      const listenersClosed = Promise.all([tcp.closeAll(), ...unixServers.map((s: net.Server) => new Promise<void>((r) => s.close(() => r())))]);
      for (const c of [...ctx.clients.values()]) {
        c.close();
        c.socket?.destroy();
      }
      await listenersClosed;
      if (unix) {
        ctx.log.notice('Removing the unix socket file.');
        // Node's own close usually unlinks it already.
        rmSync(unix, { force: true });
      }
    })();
    return closing;
  };
  ctx.shutdownHandler = close;
  return { port, ctx, close };
}
