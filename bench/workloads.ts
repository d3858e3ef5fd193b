/**
 * The benchmark's workloads: one row per redis-benchmark run. A new
 * workload is one more entry here (redis-benchmark's -t test name, or a
 * custom command line after the options).
 */

export interface Workload {
  /** Name printed in the report, e.g. "SET P16". */
  name: string;
  /** redis-benchmark -t value (its own tests: set, get, incr, mset, lpush, ...). */
  test?: string;
  /** A literal command instead of -t (e.g. ['ZADD', 'z', '__rand_int__', 'm:__rand_int__']). */
  command?: string[];
  /** -P: commands pipelined per connection. */
  pipeline: number;
  /**
   * Requests for the calibration probe; the real run then takes about
   * `--seconds` on the slower server.
   */
  probe: number;
  /** Commands whose data the workload needs first, run once per server before it. */
  setup?: string[][];
}

/** Options shared by every run: 50 clients, random keys out of 100000, 64-byte values. */
export const COMMON_ARGS = ['-c', '50', '-r', '100000', '-d', '64'];

export const WORKLOADS: Workload[] = [
  { name: 'SET P1', test: 'set', pipeline: 1, probe: 20_000 },
  { name: 'GET P1', test: 'get', pipeline: 1, probe: 20_000 },
  { name: 'INCR P1', test: 'incr', pipeline: 1, probe: 20_000 },
  { name: 'MSET P1', test: 'mset', pipeline: 1, probe: 10_000 },
  { name: 'SET P16', test: 'set', pipeline: 16, probe: 100_000 },
  { name: 'GET P16', test: 'get', pipeline: 16, probe: 100_000 },
  { name: 'INCR P16', test: 'incr', pipeline: 16, probe: 100_000 },
  { name: 'MSET P16', test: 'mset', pipeline: 16, probe: 30_000 },
];
