/**
 * Starting and stopping a server, from the command line or embedded in a
 * Node.js program: `startServer({ port: 0 })` listens on a free port.
 */
import type net from 'node:net';
import { Config } from './config/config.js';
import { ServerContext, MNEMO_VERSION, REDIS_VERSION } from './server/context.js';
import { listen, listenTcp } from './server/listener.js';
import { installSubsystems } from './server/subsystems.js';
import { installServerState, serverCron, serverState } from './server/info.js';
import type { LogLevel } from './server/log.js';
import type { Client } from './server/client.js';
import { slowlogOf } from './server/slowlog.js';
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
  installServerState(ctx);
  slowlogOf(ctx);
  latencyOf(ctx);
  ctx.monitorFeed = (c: Client, argv: string[]) => feedMonitors(ctx, c, argv);
  installSubsystems(ctx);
  return ctx;
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
  ctx.log.notice(`Mnemo ${MNEMO_VERSION} (Redis ${REDIS_VERSION} compatible) running mode=${mode}, port=${port}, pid=${process.pid}.`);
  ctx.log.warning('Server initialized');
  // Redis's wording, which scripts wait for.
  const unix = ctx.config.get('unixsocket');
  if (unix) ctx.log.notice(`The server is now ready to accept connections at ${unix}`);
  if (servers.length > (unix ? 1 : 0)) ctx.log.notice('Ready to accept connections');
  const state = serverState(ctx);
  // TCP listeners apart from the unix one, so CONFIG SET port/bind can swap them.
  const unixServers = ctx.config.get('unixsocket') ? servers.slice(-1) : [];
  let tcpServers = servers.slice(0, servers.length - unixServers.length);
  /**
   * CONFIG SET port/bind: new listeners open first and replace the old ones
   * only once they all work. Node listens asynchronously, so a failure is
   * logged instead of failing the CONFIG SET as Redis does.
   */
  const rebind = (newPort: number, bind: string) => {
    void (async () => {
      try {
        // Same port (a bind change): the old sockets must let go of it first.
        const samePort = newPort === ctx.tcpPort;
        if (samePort) {
          await Promise.all(tcpServers.map((s) => new Promise<void>((r) => s.close(() => r()))));
          tcpServers = [];
        }
        const tcp = newPort === 0 ? { servers: [], port: 0 } : await listenTcp(ctx, newPort, bind);
        for (const s of tcpServers) s.close();
        tcpServers = tcp.servers;
        ctx.tcpPort = tcp.port;
      } catch (e) {
        ctx.log.warning(`${(e as Error).message}; keeping the previous listeners`);
      }
    })();
  };
  ctx.config.onChange('port', (_n, value) => {
    if (!state.closed) rebind(Number(value), ctx.config.get('bind'));
    return null;
  });
  ctx.config.onChange('bind', (_n, value) => {
    if (!state.closed) rebind(ctx.config.num('port'), value);
    return null;
  });
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
      const listenersClosed = Promise.all([...tcpServers, ...unixServers].map((s: net.Server) => new Promise<void>((r) => s.close(() => r()))));
      for (const c of [...ctx.clients.values()]) {
        c.close();
        c.socket?.destroy();
      }
      await listenersClosed;
    })();
    return closing;
  };
  ctx.shutdownHandler = () => void close();
  return { port, ctx, close };
}
