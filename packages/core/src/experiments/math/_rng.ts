/**
 * Seeded random streams for the experiments math helpers. Internal: not part of the public API.
 * Every stream is `seedrandom.alea` seeded by a string, so a result depends only on its seed.
 * @internal
 */
import seedrandom from "seedrandom";

/** A seeded stream of uniform numbers with 53 random bits in [0, 1). @internal */
export interface Rng {
  /** Uniform in [0, 1), 53 bits. */
  uniform(): number;
  /** Uniform in [0, 1) with 32 bits: `k / 2^32` for an integer k. */
  uniform32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A 32-bit unsigned integer. */
  uint32(): number;
  /** Standard normal deviate (Marsaglia polar method). */
  normal(): number;
}

/** Makes a stream from a seed string. @internal */
export function makeRng(seed: string): Rng {
  const prng = seedrandom.alea(seed);
  let spare: number | undefined;
  return {
    uniform: () => prng.double(),
    uniform32: () => prng(),
    int: (n: number) => Math.floor(prng.double() * n),
    uint32: () => prng.int32() >>> 0,
    normal: () => {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      for (;;) {
        const u = 2 * prng.double() - 1;
        const v = 2 * prng.double() - 1;
        const s = u * u + v * v;
        if (s > 0 && s < 1) {
          const m = Math.sqrt((-2 * Math.log(s)) / s);
          spare = v * m;
          return u * m;
        }
      }
    },
  };
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). @internal */
export function permutation(n: number, rng: Rng): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * The type-7 sample quantile (linear interpolation between order statistics, the default of R
 * and NumPy) of an already sorted array. @internal
 */
export function sortedQuantile(sorted: readonly number[], prob: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0];
  const h = (n - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  if (h === lo || sorted[hi] === sorted[lo]) return sorted[lo];
  if (sorted[hi] === Infinity) return Infinity;
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
