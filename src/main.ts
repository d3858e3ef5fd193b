/**
 * mnemo-server [/path/to/redis.conf] [--option value ...]
 *
 * Like redis-server: the file first, then the options on the command line
 * (which win); a bad directive stops start-up with Redis's FATAL CONFIG
 * FILE ERROR report on standard error and exit status 1.
 */
import { resolve } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { Config } from './config/config.js';
import { ConfigFileError, loadStartupConfig } from './config/loader.js';
import { buildContext, run, type RunningServer } from './server.js';
import { MNEMO_VERSION, REDIS_VERSION } from './server/context.js';
import { Logger, type LogLevel } from './server/log.js';

const USAGE = `Usage: mnemo-server [/path/to/redis.conf] [options] [-]
       mnemo-server - (read config from stdin)
       mnemo-server -v or --version
       mnemo-server -h or --help

Examples:
       mnemo-server (run the server with default conf)
       mnemo-server /etc/redis/6379.conf
       mnemo-server --port 7777
       mnemo-server --port 7777 --replicaof 127.0.0.1 8888
       mnemo-server /etc/myredis.conf --loglevel verbose -
       mnemo-server /etc/myredis.conf --loglevel verbose
`;

export async function main(args: string[]): Promise<void> {
  if (args[0] === '-v' || args[0] === '--version') {
    process.stdout.write(`Mnemo server v=${MNEMO_VERSION} redis_version=${REDIS_VERSION} node=${process.version} bits=64\n`);
    return;
  }
  if (args[0] === '-h' || args[0] === '--help') {
    process.stdout.write(USAGE);
    return;
  }
  const config = new Config();
  const boot = new Logger();
  boot.role = 'C';
  let file: string | null = null;
  let rest = args;
  if (rest.length > 0 && (!rest[0].startsWith('-') || rest[0] === '-')) {
    file = rest[0];
    rest = rest.slice(1);
  }
  // A trailing "-" also reads the configuration from standard input.
  if (file === null && rest[rest.length - 1] === '-') {
    file = '-';
    rest = rest.slice(0, -1);
  }
  try {
    loadStartupConfig(config, file, rest);
  } catch (e) {
    if (!(e instanceof ConfigFileError)) throw e;
    if (e.message.startsWith('\n')) process.stderr.write(e.message + '\n');
    else boot.warning(e.message);
    process.exit(1);
  }
  if (file !== null && file !== '-') config.configFile = resolve(file);
  boot.file = config.get('logfile');
  boot.level = config.get('loglevel') as LogLevel;
  boot.warning('oO0OoO0OoO0Oo Mnemo is starting oO0OoO0OoO0Oo');
  boot.warning(`Mnemo version=${MNEMO_VERSION}, redis_version=${REDIS_VERSION}, bits=64, pid=${process.pid}, just started`);
  // Redis warns only when started with no argument at all; options alone count as a configuration.
  if (args.length === 0) {
    boot.warning('Warning: no config file specified, using the default config. In order to specify a config file use mnemo-server /path/to/redis.conf');
  } else {
    boot.warning('Configuration loaded');
  }
  // `dir` is where relative paths (dump file, logs) resolve, as in Redis.
  const dir = config.get('dir');
  if (dir !== process.cwd()) process.chdir(dir);
  const ctx = buildContext(config);
  const pidfile = config.get('pidfile');
  if (pidfile !== '') {
    try {
      writeFileSync(pidfile, `${process.pid}\n`);
    } catch (e) {
      ctx.log.warning(`Failed to write PID file: ${(e as Error).message}`);
    }
    // A shutdown hook, so it goes before the listeners close, in Redis's order.
    ((ctx.ext.shutdownHooks ??= []) as (() => void)[]).push(() => {
      ctx.log.notice('Removing the pid file.');
      rmSync(pidfile, { force: true });
    });
  }
  // Installed before listening: a supervisor may signal as soon as it sees the ready line or the pid file.
  let starting: Promise<RunningServer> | null = null;
  let stopping = false;
  const stop = (signal: string) => {
    ctx.log.fromSignal(`Received ${signal} scheduling shutdown...`);
    if (stopping) return;
    stopping = true;
    void starting!.then((server) => {
      ctx.log.warning('User requested shutdown...');
      return server.close().then(() => {
        ctx.log.warning('Mnemo is now ready to exit, bye bye...');
        process.exit(0);
      });
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  starting = run(ctx, false);
  try {
    await starting;
  } catch (e) {
    ctx.log.warning((e as Error).message);
    ctx.log.warning(`Failed listening on port ${config.num('port')} (TCP), aborting.`);
    if (pidfile !== '') rmSync(pidfile, { force: true });
    process.exit(1);
  }
  // With `port 0` and no unix socket nothing else keeps the process alive; Redis keeps running too.
  setInterval(() => {}, 1 << 30);
  // SHUTDOWN from a client ends the process too.
  ctx.ext.exitProcess = () => {
    ctx.log.warning('Mnemo is now ready to exit, bye bye...');
    process.exit(0);
  };
}
