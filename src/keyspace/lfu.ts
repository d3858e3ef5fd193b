/**
 * Redis's LFU counter. While an LFU policy is selected it lives where the
 * LRU clock lives (RObj.lru), as in Redis: the minutes clock of its last
 * decay in the high bits, a logarithmic access counter (0..255) in the low
 * 8. Switching policy at run time leaves old values to be reinterpreted
 * until keys are touched again, as Redis does.
 */

/** The counter a new key starts with, so it is not evicted before it had a chance to be used. */
export const LFU_INIT_VAL = 5;

export interface LfuParams {
  /** lfu-log-factor: how many hits it takes to grow the counter. */
  logFactor: number;
  /** lfu-decay-time: minutes for the counter to lose one; 0 never decays. */
  decayTime: number;
}

/** Minutes since the epoch, on 16 bits. */
function minutes(nowMs: number): number {
  return Math.floor(nowMs / 60000) & 0xffff;
}

export function lfuInitial(nowMs: number): number {
  return minutes(nowMs) * 256 + LFU_INIT_VAL;
}

/** lfu with its counter set to freq (RESTORE ... FREQ). */
export function lfuWithCounter(nowMs: number, freq: number): number {
  return minutes(nowMs) * 256 + freq;
}

/** The counter after decay for the minutes elapsed since it was last decayed (OBJECT FREQ). */
export function lfuCounter(lfu: number, nowMs: number, p: LfuParams): number {
  const counter = lfu & 255;
  if (p.decayTime === 0) return counter;
  const then = lfu >>> 8;
  const now = minutes(nowMs);
  const elapsed = now >= then ? now - then : 65535 - then + now;
  const periods = Math.floor(elapsed / p.decayTime);
  return periods > counter ? 0 : counter - periods;
}

/** An access: decay, then a logarithmic increment (the higher the counter, the less likely). */
export function lfuTouched(lfu: number, nowMs: number, p: LfuParams): number {
  let counter = lfuCounter(lfu, nowMs, p);
  if (counter < 255) {
    const base = Math.max(0, counter - LFU_INIT_VAL);
    if (Math.random() < 1 / (base * p.logFactor + 1)) counter++;
  }
  return minutes(nowMs) * 256 + counter;
}
