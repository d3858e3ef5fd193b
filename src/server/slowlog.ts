/**
 * The slow log: commands that ran longer than slowlog-log-slower-than
 * microseconds, newest first, at most slowlog-max-len entries. Dispatch
 * calls record() (through ctx.slowlogRecord) only for slow commands, so the
 * cost is paid by them alone.
 */
import type { ServerContext } from './context.js';
import type { Client } from './client.js';
import type { Command } from '../commands/table.js';

/** Redis keeps at most this many arguments and this many bytes of each. */
const MAX_ARGC = 32;
const MAX_STRING = 128;

/**
 * Positions of secrets Redis replaces by "(redacted)" in MONITOR and the
 * slow log: AUTH's arguments, HELLO's AUTH pair, MIGRATE's AUTH/AUTH2.
 */
export function redactedPositions(argv: string[]): Set<number> | null {
  const name = argv[0].toLowerCase();
  if (name === 'auth') {
    const s = new Set<number>();
    for (let i = 1; i < argv.length; i++) s.add(i);
    return s;
  }
  if (name !== 'hello' && name !== 'migrate') return null;
  const s = new Set<number>();
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i].toLowerCase();
    if (w === 'auth' && name === 'hello') {
      s.add(i + 1);
      s.add(i + 2);
      i += 2;
    } else if (w === 'auth' && name === 'migrate') {
      s.add(i + 1);
      i += 1;
    } else if (w === 'auth2' && name === 'migrate') {
      s.add(i + 1);
      s.add(i + 2);
      i += 2;
    }
  }
  return s.size ? s : null;
}

export interface SlowlogEntry {
  id: number;
  /** Unix seconds. */
  time: number;
  usec: number;
  /** latin1 strings, truncated like Redis. */
  argv: string[];
  addr: string;
  name: string;
}

export class Slowlog {
  /** Newest first. */
  entries: SlowlogEntry[] = [];
  private nextId = 0;

  constructor(private readonly ctx: ServerContext) {}

  record(c: Client, cmd: Command, argv: string[], usec: number): void {
    if (cmd.spec.flags.includes('skip_slowlog')) return;
    const max = this.ctx.config.slowlogMaxLen;
    if (max === 0) return;
    const argc = Math.min(argv.length, MAX_ARGC);
    const args: string[] = [];
    const redact = redactedPositions(argv);
    for (let i = 0; i < argc; i++) {
      if (argc !== argv.length && i === argc - 1) {
        args.push(`... (${argv.length - argc + 1} more arguments)`);
        break;
      }
      if (redact !== null && redact.has(i)) {
        args.push('(redacted)');
        continue;
      }
      const a = argv[i];
      if (a.length > MAX_STRING) args.push(a.slice(0, MAX_STRING) + `... (${a.length - MAX_STRING} more bytes)`);
      else args.push(a);
    }
    this.entries.unshift({ id: this.nextId++, time: Math.floor(Date.now() / 1000), usec, argv: args, addr: c.addr, name: c.name });
    if (this.entries.length > max) this.entries.length = max;
  }

  reset(): void {
    this.entries = [];
  }
}

export function slowlogOf(ctx: ServerContext): Slowlog {
  let s = ctx.ext.slowlog as Slowlog | undefined;
  if (!s) {
    const log = (ctx.ext.slowlog = s = new Slowlog(ctx));
    ctx.slowlogRecord = (c, cmd, argv, usec) => log.record(c, cmd, argv, usec);
  }
  return s;
}
