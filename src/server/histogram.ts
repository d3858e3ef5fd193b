/**
 * Per-command latency histograms (latency-tracking): what INFO latencystats
 * and LATENCY HISTOGRAM report. The layout is the HDR histogram Redis keeps
 * (values in nanoseconds from 1 to 1e9, two significant figures), so the
 * same durations land in the same buckets and percentiles and bucket
 * bounds print the same figures:
 *
 * - 256 sub-buckets of 1 ns, then buckets that double in range, each split
 *   into 128 sub-buckets of width 2^(bucket); 23 buckets reach 1e9 ns.
 * - A value's "highest equivalent value" is the top of its sub-bucket: it is
 *   what a percentile, and each power-of-two step of the cumulative
 *   distribution, is reported as.
 */

const SUB_HALF_MAGNITUDE = 7;
const SUB_HALF = 1 << SUB_HALF_MAGNITUDE;
const SUB_MASK = 2 * SUB_HALF - 1;
const BUCKETS = 23;
const COUNTS = (BUCKETS + 1) * SUB_HALF;
const MIN_VALUE = 1;
const MAX_VALUE = 1_000_000_000;
/** The cumulative distribution is reported at 1024 ns, then every doubling. */
const FIRST_STEP = 1024;

// Values stay below 2^31 (1e9 at most, reporting steps up to 2^30): plain int32 arithmetic.

function bucketOf(v: number): number {
  return 31 - Math.clz32(v | SUB_MASK) - SUB_HALF_MAGNITUDE;
}

function indexOf(v: number): number {
  const bucket = bucketOf(v);
  return ((bucket + 1) << SUB_HALF_MAGNITUDE) + (v >> bucket) - SUB_HALF;
}

function valueAt(index: number): number {
  let bucket = (index >> SUB_HALF_MAGNITUDE) - 1;
  let sub = (index & (SUB_HALF - 1)) + SUB_HALF;
  if (bucket < 0) {
    sub -= SUB_HALF;
    bucket = 0;
  }
  return sub << bucket;
}

/** Lowest value sharing v's sub-bucket. */
function lowestEquivalent(v: number): number {
  const bucket = bucketOf(v);
  return (v >> bucket) << bucket;
}

/** Highest value sharing v's sub-bucket. */
function highestEquivalent(v: number): number {
  return lowestEquivalent(v) + (1 << bucketOf(v)) - 1;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(COUNTS);
  total = 0;

  /** Adds one duration in microseconds (Redis measures whole microseconds and records nanoseconds). */
  recordUsec(usec: number): void {
    let ns = usec * 1000;
    if (ns < MIN_VALUE) ns = MIN_VALUE;
    else if (ns > MAX_VALUE) ns = MAX_VALUE;
    this.counts[indexOf(ns)]++;
    this.total++;
  }

  /** The value (ns) at percentile p (0..100), as the top of its sub-bucket (the bottom for p = 0). */
  valueAtPercentile(p: number): number {
    const wanted = Math.max(1, Math.floor(((p < 100 ? p : 100) / 100) * this.total + 0.5));
    let seen = 0;
    for (let i = 0; i < COUNTS; i++) {
      seen += this.counts[i];
      if (seen >= wanted) {
        const v = valueAt(i);
        return p === 0 ? lowestEquivalent(v) : highestEquivalent(v);
      }
    }
    return 0;
  }

  /**
   * The cumulative distribution at 1024 ns and each doubling after it, up to
   * the step that holds every sample: [microseconds, calls at or below],
   * steps that added nothing left out.
   */
  distribution(): [number, number][] {
    const out: [number, number][] = [];
    if (this.total === 0) return out;
    let level = FIRST_STEP;
    let levelLowest = lowestEquivalent(level);
    let index = -1;
    let value = 0;
    let cumulative = 0;
    let previous = 0;
    for (;;) {
      // Walk the counts until the current value reaches the next reporting step, or the last
      // bucket (the step past 2^29 ns is never reached: it reports what the last bucket holds).
      let exhausted = false;
      while (value < levelLowest) {
        if (index + 1 >= COUNTS) {
          exhausted = true;
          break;
        }
        index++;
        cumulative += this.counts[index];
        value = valueAt(index);
      }
      if (cumulative > previous) out.push([Math.floor(highestEquivalent(value) / 1000), cumulative]);
      if (cumulative === this.total || exhausted) return out;
      previous = cumulative;
      level *= 2;
      levelLowest = lowestEquivalent(level);
    }
  }
}
