import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LatencyHistogram } from '../../src/server/histogram.js';

// Expected figures were read off redis-server 7.0 (INFO latencystats and LATENCY HISTOGRAM
// after commands of known duration, DEBUG SLEEP among them).

function of(...usecs: number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const u of usecs) h.recordUsec(u);
  return h;
}

test('percentiles are the top of the sample sub-bucket, p0 its bottom', () => {
  assert.equal(of(12).valueAtPercentile(50), 12031);
  assert.equal(of(15).valueAtPercentile(99), 15039);
  const sleep = of(50100);
  assert.equal(sleep.valueAtPercentile(0), 50069504);
  assert.equal(sleep.valueAtPercentile(0.0001), 50331647);
  assert.equal(sleep.valueAtPercentile(100), 50331647);
  const mixed = of(12, 15);
  assert.equal(mixed.valueAtPercentile(50), 12031);
  assert.equal(mixed.valueAtPercentile(99), 15039);
});

test('durations are clamped to 1 ns .. 1 s', () => {
  assert.equal(of(0).valueAtPercentile(50), 1);
  assert.equal(of(1_200_000).valueAtPercentile(99), 1002438655);
});

test('the cumulative distribution steps by doubling from 1024 ns, empty steps left out', () => {
  assert.deepEqual(of().distribution(), []);
  assert.deepEqual(of(0).distribution(), [[1, 1]]);
  assert.deepEqual(of(12, 15).distribution(), [[16, 2]]);
  assert.deepEqual(of(30).distribution(), [[33, 1]]);
  // The last step (past 2^29 ns) reports the last bucket's top.
  assert.deepEqual(of(130, 50100, 1_200_000).distribution(), [[132, 1], [67633, 2], [1073741, 3]]);
  const many = of(...Array.from({ length: 1000 }, (_, i) => i));
  const steps = many.distribution();
  assert.equal(steps[steps.length - 1][1], 1000);
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i][0] > steps[i - 1][0] && steps[i][1] > steps[i - 1][1]);
  assert.equal(many.total, 1000);
});
