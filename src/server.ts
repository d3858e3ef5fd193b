/**
 * Starting and stopping a server, from the command line or embedded in a
 * Node.js program: `startServer({ port: 0 })` listens on a free port.
 */
import type net from 'node:net';
import { Config } from './config/config.js';
import { ServerContext, MNEMO_VERSION, REDIS_VERSION } from './server/context.js';
import { listen } from './server/listener.js';
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
  installServerState(ctx);
  slowlogOf(ctx);
  latencyOf(ctx);
  ctx.ext.monitorFeed = (c: Client, argv: Buffer[]) => feedMonitors(ctx, c, argv);
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
  ctx.log.notice(`Ready to accept connections${port ? ' tcp' : ''}${ctx.config.get('unixsocket') ? ' unix' : ''}`);
  const state = serverState(ctx);
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
      await Promise.all(servers.map((s: net.Server) => new Promise<void>((r) => s.close(() => r()))));
      for (const c of [...ctx.clients.values()]) {
        c.close();
        c.socket?.destroy();
      }
    })();
    return closing;
  };
  ctx.shutdownHandler = () => void close();
  return { port, ctx, close };
}
