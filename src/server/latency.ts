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
  if (!l) ctx.ext.latency = l = new LatencyMonitor(ctx);
  return l;
}
