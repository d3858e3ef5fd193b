/**
 * redis.conf and command-line options, in redis-server's format: one
 * directive a line, quoted arguments, `include`, and `--name value`
 * arguments that override the file (they are appended as extra lines).
 */
import { readFileSync } from 'node:fs';
import { splitArgs } from '../protocol/parser.js';
import type { Config } from './config.js';
import { REDIS_VERSION } from '../server/context.js';

export class ConfigFileError extends Error {}

/** Turns `--port 7000 --save "" ...` into config-file text. */
export function argsToConfigText(args: string[]): string {
  let text = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--') && a.length > 2) {
      if (text) text += '\n';
      text += a.slice(2) + ' ';
    } else {
      // Values are quoted so that blanks and empty strings survive the re-split.
      text += JSON.stringify(a) + ' ';
    }
  }
  return text;
}

function fatal(lineNo: number, line: string, reason: string): ConfigFileError {
  return new ConfigFileError(
    `\n*** FATAL CONFIG FILE ERROR (Redis ${REDIS_VERSION}) ***\nReading the configuration file, at line ${lineNo}\n>>> '${line}'\n${reason}`,
  );
}

/** Applies config text to `config`; throws ConfigFileError with Redis's report. */
export function loadConfigText(config: Config, text: string, seen = new Set<string>()): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const argv = splitArgs(Buffer.from(line, 'latin1'));
    if (argv === null) throw fatal(i + 1, line, 'Unbalanced quotes in configuration line');
    if (argv.length === 0) continue;
    const name = argv[0].toString('latin1').toLowerCase();
    const values = argv.slice(1).map((b) => b.toString('latin1'));
    if (name === 'include') {
      if (values.length !== 1) throw fatal(i + 1, line, 'Bad directive or wrong number of arguments');
      loadConfigFile(config, values[0], seen);
      continue;
    }
    const def = config.def(name);
    if (!def) throw fatal(i + 1, line, 'Bad directive or wrong number of arguments');
    const err = config.setInitial(name, values.join(' '));
    if (err) throw fatal(i + 1, line, err);
  }
}

export function loadConfigFile(config: Config, path: string, seen = new Set<string>()): void {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch (e) {
    throw new ConfigFileError(`Fatal error, can't open config file '${path}': ${(e as Error).message}`);
  }
  loadConfigText(config, text, seen);
}
