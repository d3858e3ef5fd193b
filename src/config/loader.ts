/**
 * redis.conf and command-line options, in redis-server's format: one
 * directive a line, quoted arguments, `include`, and `--name value`
 * arguments appended after the file as extra lines (so they win), with
 * Redis's FATAL CONFIG FILE ERROR report, line numbers included.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { splitArgs } from '../protocol/parser.js';
import type { Config } from './config.js';
import { DEPRECATED_DIRECTIVES } from './schema.js';
import { REDIS_VERSION } from '../server/context.js';

export class ConfigFileError extends Error {}

/** sdscatrepr: a quoted string with C escapes, as Redis echoes arguments back. */
export function reprString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c >= 32 && c < 127) out += ch;
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return out + '"';
}

/**
 * Turns `--port 7000 --save "" ...` into config text the way redis-server
 * does: each `--name` starts a line, values are appended quoted, and a
 * bare `--save` means `save ""`.
 */
export function argsToConfigText(args: string[]): string {
  let text = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--') && a.length > 2) {
      if (text) text += '\n';
      text += a.slice(2) + ' ';
      const next = args[i + 1];
      if (a === '--save' && (next === undefined || next.startsWith('--'))) text += '"" ';
    } else {
      text += reprString(a) + ' ';
    }
  }
  return text;
}

function fatal(lineNo: number, line: string, reason: string): ConfigFileError {
  return new ConfigFileError(`\n*** FATAL CONFIG FILE ERROR (Redis ${REDIS_VERSION}) ***\nReading the configuration file, at line ${lineNo}\n>>> '${line}'\n${reason}`);
}

/** State of one start-up load: `save` lines accumulate, the first one replacing the default. */
export interface LoadState {
  saveSeen: boolean;
  /** Files being read, to refuse include loops. */
  files: Set<string>;
  /** "user" directives, applied once every other line is read, as Redis loads ACL users after the config. */
  users: { lineNo: number; line: string; args: string[] }[];
}

export function newLoadState(): LoadState {
  return { saveSeen: false, files: new Set(), users: [] };
}

/** Rules that give the default user everything, which it has anyway until ACL users exist. */
const FULL_ACCESS_RULES = new Set(['on', '~*', '&*', '+@all', 'allkeys', 'allchannels', 'allcommands', 'sanitize-payload']);

/**
 * Applies "user default ..." lines, which CONFIG REWRITE writes as Redis
 * does: the password rules (nopass, >password, or the #hash CONFIG REWRITE
 * wrote for requirepass) become requirepass. Other users and rules need the
 * ACL module and stop start-up instead of being ignored.
 */
function applyUserDirectives(config: Config, state: LoadState): void {
  for (const { lineNo, line, args } of state.users) {
    if (args.length === 0 || args[0] !== 'default') throw fatal(lineNo, line, 'Only the default user can be declared: ACL users are not supported yet');
    let pass: string | null = null;
    for (const rule of args.slice(1)) {
      const r = rule.toLowerCase();
      if (FULL_ACCESS_RULES.has(r)) continue;
      if (r === 'nopass') pass = '';
      else if (rule.startsWith('>')) pass = rule.slice(1);
      else if (rule.startsWith('#')) {
        const own = createHash('sha256').update(Buffer.from(config.requirePass, 'latin1')).digest('hex');
        if (r.slice(1) !== own) throw fatal(lineNo, line, 'A password hash is only accepted for the password requirepass sets');
        pass = config.requirePass;
      } else throw fatal(lineNo, line, `The rule '${rule}' needs ACL users, which are not supported yet`);
    }
    if (pass !== null) {
      const err = config.setInitial('requirepass', pass);
      if (err) throw fatal(lineNo, line, err);
    }
  }
}

function trimLine(s: string): string {
  return s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** Applies config text to `config`; throws ConfigFileError with Redis's report. */
export function loadConfigText(config: Config, text: string, state: LoadState = newLoadState()): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = trimLine(lines[i]);
    if (line === '' || line.startsWith('#')) continue;
    const split = splitArgs(Buffer.from(line, 'latin1'));
    if (split === null) throw fatal(i + 1, line, 'Unbalanced quotes in configuration line');
    if (split.length === 0) continue;
    const argv = split.map((b) => b);
    const name = argv[0].toLowerCase();
    const values = argv.slice(1);
    if (name === 'user') {
      state.users.push({ lineNo: i + 1, line, args: values });
      continue;
    }
    if (name === 'include' && values.length === 1) {
      loadConfigFile(config, values[0], state);
      continue;
    }
    if (DEPRECATED_DIRECTIVES.has(name)) continue;
    const def = config.def(name);
    if (!def) throw fatal(i + 1, line, 'Bad directive or wrong number of arguments');
    let value: string;
    if (def.multiArg) {
      value = values.join(' ');
      if (def.name === 'save' && value !== '') {
        // Later save lines add points to the first one's.
        if (state.saveSeen && config.get('save') !== '') value = config.get('save') + ' ' + value;
        state.saveSeen = true;
      }
    } else {
      if (values.length !== 1) throw fatal(i + 1, line, 'wrong number of arguments');
      value = values[0];
    }
    const err = config.setInitial(def.name, value);
    if (err) throw fatal(i + 1, line, err);
  }
}

/** Reads a config file ("-" is standard input) and applies it. */
export function loadConfigFile(config: Config, path: string, state: LoadState = newLoadState()): void {
  let text: string;
  const abs = path === '-' ? '-' : resolve(path);
  if (state.files.has(abs)) throw new ConfigFileError(`Fatal error, config file '${abs}' includes itself`);
  try {
    text = readFileSync(path === '-' ? 0 : path, 'latin1');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EACCES' ? 'Permission denied' : err.code === 'EISDIR' ? 'Is a directory' : err.message;
    throw new ConfigFileError(`Fatal error, can't open config file '${abs}': ${reason}`);
  }
  state.files.add(abs);
  loadConfigText(config, text, state);
  state.files.delete(abs);
}

/**
 * Loads a start-up configuration as redis-server does: the file's text, a
 * newline, then the command-line options, read as one text (so an error in
 * an option reports its line number past the file's last line).
 */
export function loadStartupConfig(config: Config, file: string | null, args: string[]): void {
  const state = newLoadState();
  let text = '';
  if (file !== null) {
    const abs = file === '-' ? '-' : resolve(file);
    try {
      text = readFileSync(file === '-' ? 0 : file, 'latin1');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const reason = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EACCES' ? 'Permission denied' : err.code === 'EISDIR' ? 'Is a directory' : err.message;
      throw new ConfigFileError(`Fatal error, can't open config file '${abs}': ${reason}`);
    }
    state.files.add(abs);
  }
  loadConfigText(config, text + '\n' + argsToConfigText(args), state);
  applyUserDirectives(config, state);
}
