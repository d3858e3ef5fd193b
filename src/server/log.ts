/**
 * Redis-style log lines: "pid:role dd Mon yyyy hh:mm:ss.mmm <level-char> message".
 */
import { appendFileSync } from 'node:fs';

const LEVELS = ['debug', 'verbose', 'notice', 'warning', 'nothing'] as const;
export type LogLevel = (typeof LEVELS)[number];
const MARK: Record<string, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export class Logger {
  level: LogLevel = 'notice';
  /** Empty: standard output. */
  file = '';
  /** M master, S replica, C child, X sentinel. */
  role = 'M';
  /** Embedded servers stay quiet unless asked. */
  silent = false;

  private write(level: LogLevel, msg: string): void {
    if (this.silent) return;
    if (LEVELS.indexOf(level) < LEVELS.indexOf(this.level)) return;
    const d = new Date();
    const ts = `${pad(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
    this.emit(`${process.pid}:${this.role} ${ts} ${MARK[level]} ${msg}\n`);
  }

  /** Text written as it is, without the line prefix (the logo), if `level` is logged. */
  raw(level: LogLevel, text: string): void {
    if (this.silent || LEVELS.indexOf(level) < LEVELS.indexOf(this.level)) return;
    this.emit(text);
  }

  /** A warning from a signal handler, in the short form Redis uses there: "pid:signal-handler (unix time) msg". */
  fromSignal(msg: string): void {
    if (this.silent || LEVELS.indexOf('warning') < LEVELS.indexOf(this.level)) return;
    this.emit(`${process.pid}:signal-handler (${Math.floor(Date.now() / 1000)}) ${msg}\n`);
  }

  private emit(line: string): void {
    if (this.file) {
      try {
        appendFileSync(this.file, line);
      } catch {
        // A log that cannot be written must not take the server down.
      }
    } else {
      process.stdout.write(line);
    }
  }

  debug(msg: string): void {
    this.write('debug', msg);
  }
  verbose(msg: string): void {
    this.write('verbose', msg);
  }
  notice(msg: string): void {
    this.write('notice', msg);
  }
  warning(msg: string): void {
    this.write('warning', msg);
  }
}
