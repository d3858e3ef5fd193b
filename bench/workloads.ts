/**
 * The benchmark's workloads: one row per redis-benchmark run. A new
 * workload is one more entry here (redis-benchmark's -t test name, or a
 * custom command line after the options).
 */
import type { Args } from './resp.js';

export type Suite = 'strings' | 'collections' | 'messaging';
export const SUITES: Suite[] = ['strings', 'collections', 'messaging'];

/** `count` pipelined commands, the i-th being `cmd(i)`. */
export interface Fill {
  count: number;
  cmd: (i: number) => Args;
}

export interface Workload {
  /** Name printed in the report, e.g. "SET P16". */
  name: string;
  suite: Suite;
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
  /**
   * Data the workload needs, loaded before every redis-benchmark run (not
   * timed) for a run of `requests` requests: pops get at least one element
   * per request so they never run on an empty key.
   */
  setup?: (requests: number) => Fill[];
  /** Raw-socket subscribers of channel "ch" that read and discard, open during the run. */
  subscribers?: number;
}

/** Options shared by every run: 50 clients, random keys out of 100000, 64-byte values. */
export const COMMON_ARGS = ['-c', '50', '-r', '100000', '-d', '64'];

const PER_COMMAND = 1000;

/** DEL key, then `total` elements added PER_COMMAND at a time by `verb key ...item(i)`. */
function fill(verb: string, key: string, total: number, item: (i: number) => (string | number)[]): Fill[] {
  return [
    { count: 1, cmd: () => ['DEL', key] },
    {
      count: Math.ceil(total / PER_COMMAND),
      cmd: (c) => {
        const args: (string | number)[] = [verb, key];
        for (let i = c * PER_COMMAND; i < Math.min(total, (c + 1) * PER_COMMAND); i++) args.push(...item(i));
        return args;
      },
    },
  ];
}

/** 10% spare: redis-benchmark may send a few more than -n when pipelining. */
const spare = (n: number) => Math.ceil(n * 1.1) + 1000;
const listFill = (n: number) => fill('RPUSH', 'mylist', spare(n), (i) => ['item:' + i]);
const setFill = (n: number) => fill('SADD', 'myset', spare(n), (i) => ['element:' + i]);
const zsetFill = (n: number) => fill('ZADD', 'myzset', spare(n), (i) => [i, 'element:' + i]);
/** The lrange tests push -n elements themselves: start from an empty list so it doesn't grow across runs. */
const emptyList = (): Fill[] => [{ count: 1, cmd: () => ['DEL', 'mylist'] }];

const PAYLOAD = 'x'.repeat(64);

const strings: Omit<Workload, 'suite' | 'pipeline' | 'probe' | 'name'>[] = [{ test: 'set' }, { test: 'get' }, { test: 'incr' }, { test: 'mset' }];

interface Base {
  label: string;
  w: Omit<Workload, 'suite' | 'pipeline' | 'probe' | 'name'>;
  suite: Suite;
  probe1: number;
  probe16: number;
}

const BASES: Base[] = [
  ...strings.map((w) => ({ label: w.test!.toUpperCase(), w, suite: 'strings' as Suite, probe1: w.test === 'mset' ? 10_000 : 20_000, probe16: w.test === 'mset' ? 30_000 : 100_000 })),
  { label: 'LPUSH', w: { test: 'lpush', setup: () => [{ count: 1, cmd: () => ['DEL', 'mylist'] }] }, suite: 'collections', probe1: 20_000, probe16: 100_000 },
  { label: 'LPOP', w: { test: 'lpop', setup: listFill }, suite: 'collections', probe1: 20_000, probe16: 100_000 },
  { label: 'RPOP', w: { test: 'rpop', setup: listFill }, suite: 'collections', probe1: 20_000, probe16: 100_000 },
  { label: 'SADD', w: { test: 'sadd', setup: () => [{ count: 1, cmd: () => ['DEL', 'myset'] }] }, suite: 'collections', probe1: 20_000, probe16: 100_000 },
  { label: 'SPOP', w: { test: 'spop', setup: setFill }, suite: 'collections', probe1: 20_000, probe16: 100_000 },
  { label: 'HSET', w: { test: 'hset', setup: () => [{ count: 1, cmd: () => ['DEL', 'myhash'] }] }, suite: 'collections', probe1: 20_000, probe16: 100_000 },
  { label: 'ZADD', w: { test: 'zadd', setup: () => [{ count: 1, cmd: () => ['DEL', 'myzset'] }] }, suite: 'collections', probe1: 20_000, probe16: 100_000 },
  { label: 'ZPOPMIN', w: { test: 'zpopmin', setup: zsetFill }, suite: 'collections', probe1: 20_000, probe16: 100_000 },
  { label: 'LRANGE_100', w: { test: 'lrange_100', setup: emptyList }, suite: 'collections', probe1: 5_000, probe16: 10_000 },
  { label: 'LRANGE_600', w: { test: 'lrange_600', setup: emptyList }, suite: 'collections', probe1: 2_000, probe16: 4_000 },
  { label: 'PUBLISH 1sub', w: { command: ['PUBLISH', 'ch', PAYLOAD], subscribers: 1 }, suite: 'messaging', probe1: 20_000, probe16: 100_000 },
  { label: 'PUBLISH 50sub', w: { command: ['PUBLISH', 'ch', PAYLOAD], subscribers: 50 }, suite: 'messaging', probe1: 5_000, probe16: 10_000 },
];

/** Per suite: every base at -P 1, then every base at -P 16. */
export const WORKLOADS: Workload[] = SUITES.flatMap((suite) =>
  [1, 16].flatMap((p) =>
    BASES.filter((b) => b.suite === suite).map((b) => ({ ...b.w, name: `${b.label} P${p}`, suite, pipeline: p, probe: p === 1 ? b.probe1 : b.probe16 })),
  ),
);
