/**
 * mnemo-server [/path/to/redis.conf] [--option value ...]
 */
import { Config } from './config/config.js';
import { argsToConfigText, ConfigFileError, loadConfigFile, loadConfigText } from './config/loader.js';
import { buildContext, run } from './server.js';
import { MNEMO_VERSION, REDIS_VERSION } from './server/context.js';

export async function main(args: string[]): Promise<void> {
  if (args[0] === '-v' || args[0] === '--version') {
    process.stdout.write(`Mnemo server v=${MNEMO_VERSION} redis_version=${REDIS_VERSION} node=${process.version}\n`);
    return;
  }
  if (args[0] === '-h' || args[0] === '--help') {
    process.stdout.write('Usage: mnemo-server [/path/to/redis.conf] [options]\n       mnemo-server -v or --version\nExamples:\n       mnemo-server --port 7777\n       mnemo-server /etc/redis/6379.conf --loglevel verbose\n');
    return;
  }
  const config = new Config();
  let rest = args;
  try {
    if (rest.length > 0 && !rest[0].startsWith('--')) {
      loadConfigFile(config, rest[0]);
      config.configFile = rest[0];
      rest = rest.slice(1);
    }
    loadConfigText(config, argsToConfigText(rest));
  } catch (e) {
    if (e instanceof ConfigFileError) {
      process.stderr.write(e.message + '\n');
      process.exit(1);
    }
    throw e;
  }
  const ctx = buildContext(config);
  let server;
  try {
    server = await run(ctx, false);
  } catch (e) {
    ctx.log.warning((e as Error).message);
    process.exit(1);
  }
  const stop = (signal: string) => {
    ctx.log.warning(`Received ${signal} scheduling shutdown...`);
    void server.close().then(() => {
      ctx.log.warning('Mnemo is now ready to exit, bye bye...');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
