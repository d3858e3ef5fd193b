/**
 * A seeded xorshift32 generator for reproducible random tests: ri(n) is an
 * integer in [0, n).
 */
export function seededInts(seed: number): (n: number) => number {
  let x = seed | 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return Math.floor(((x >>> 0) / 4294967296) * n);
  };
}
