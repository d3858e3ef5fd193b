/**
 * The latency monitor: for each event class ("command", "fast-command",
 * and whatever other subsystems report), the latest samples at one per
 * second, up to 160, in milliseconds, plus the all-time maximum. Nothing
 * is recorded while latency-monitor-threshold is 0.
 */
import type { ServerContext } from './context.js';
import type { Command } from '../commands/table.js';

const HISTORY = 160;

export interface LatencySample {
  /** Unix seconds. */
  time: number;
  /** Milliseconds. */
  latency: number;
}

export interface LatencyEvent {
  samples: LatencySample[];
  max: number;
}

export class LatencyMonitor {
  readonly events = new Map<string, LatencyEvent>();

  constructor(private readonly ctx: ServerContext) {}

  /** Adds a sample (ms) if it reaches the threshold; samples within one second keep the highest. */
  add(event: string, ms: number): void {
    const threshold = this.ctx.config.latencyThreshold;
    if (threshold === 0 || ms < threshold) return;
    const now = Math.floor(Date.now() / 1000);
    let ev = this.events.get(event);
    if (!ev) this.events.set(event, (ev = { samples: [], max: 0 }));
    if (ms > ev.max) ev.max = ms;
    const last = ev.samples[ev.samples.length - 1];
    if (last !== undefined && last.time === now) {
      if (ms > last.latency) last.latency = ms;
      return;
    }
    ev.samples.push({ time: now, latency: ms });
    if (ev.samples.length > HISTORY) ev.samples.shift();
  }

  /** Called by dispatch for a command at or over the threshold. */
  commandEvent(cmd: Command, usec: number): void {
    this.add(cmd.spec.flags.includes('fast') ? 'fast-command' : 'command', Math.floor(usec / 1000));
  }

  /** Resets the named events (all when none named); returns how many existed. */
  reset(names: string[]): number {
    if (names.length === 0) {
      const n = this.events.size;
      this.events.clear();
      return n;
    }
    let n = 0;
    for (const name of names) if (this.events.delete(name)) n++;
    return n;
  }
}

export function latencyOf(ctx: ServerContext): LatencyMonitor {
  let l = ctx.ext.latency as LatencyMonitor | undefined;
  if (!l) {
    const mon = (ctx.ext.latency = l = new LatencyMonitor(ctx));
    ctx.latencyEvent = (cmd, usec) => mon.commandEvent(cmd, usec);
  }
  return l;
}

/** A sample's age as LATENCY GRAPH labels it: "12s", "5m", "3h", "2d". */
function ageLabel(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/**
 * Draws values as a filled ASCII sparkline, `rows` high, with vertical
 * labels under each column after one blank line; wider sequences wrap in
 * blocks of `columns`. Each row covers two steps of the value range: the
 * lower one drawn '_', the upper '#', and a full cell '|'.
 */
export function sparkline(values: number[], labels: string[], columns: number, rows: number): string {
  if (values.length === 0) return '';
  let min = values[0];
  let max = values[0];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const relmax = max - min === 0 ? 1 : max - min;
  const steps = rows * 2;
  let out = '';
  for (let off = 0; off < values.length; off += columns) {
    if (off !== 0) out += '\n';
    const len = Math.min(columns, values.length - off);
    const stepOf: number[] = [];
    let labelHeight = 0;
    for (let j = 0; j < len; j++) {
      let step = Math.floor(((values[off + j] - min) * steps) / relmax);
      if (step < 0) step = 0;
      if (step >= steps) step = steps - 1;
      stepOf.push(step);
      if (labels[off + j].length > labelHeight) labelHeight = labels[off + j].length;
    }
    for (let row = 0; row < rows; row++) {
      let line = '';
      for (let j = 0; j < len; j++) {
        const idx = stepOf[j] - (rows - row - 1) * 2;
        line += idx === 0 ? '_' : idx === 1 ? '#' : idx >= 2 ? '|' : ' ';
      }
      out += line + '\n';
    }
    out += ' '.repeat(len) + '\n';
    for (let k = 0; k < labelHeight; k++) {
      let line = '';
      for (let j = 0; j < len; j++) line += labels[off + j][k] ?? ' ';
      out += line + '\n';
    }
  }
  return out;
}

/** LATENCY GRAPH's text for one event, or null without samples. */
export function latencyGraph(name: string, ev: LatencyEvent | undefined, nowSec: number): string | null {
  if (!ev || ev.samples.length === 0) return null;
  const values = ev.samples.map((s) => s.latency);
  let hi = values[0];
  let lo = values[0];
  for (const v of values) {
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  const labels = ev.samples.map((s) => ageLabel(nowSec - s.time));
  return `${name} - high ${hi} ms, low ${lo} ms (all time high ${ev.max} ms)\n${'-'.repeat(80)}\n` + sparkline(values, labels, 80, 4);
}
