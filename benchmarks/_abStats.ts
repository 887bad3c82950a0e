/**
 * The statistics of `pnpm bench:ab`: the ratio of the two arms' median times, a percentile
 * bootstrap interval for it, and the order-balanced mean of the pairs' ratios. Pure functions of
 * the timings (no clock, no I/O, no `Math.random`): the bootstrap draws from its own seeded
 * generator, so the same timings and seed give the same interval.
 */

/** The bootstrap's defaults: resamples, seed and level of the interval. */
export const BOOTSTRAP_DEFAULTS = { resamples: 2000, seed: 1, level: 0.95 } as const;

/** Options of {@link bootstrapRatios} and {@link ratioOfMedians}. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples (a positive integer); default 2,000. */
  resamples?: number;
  /** Seed of the resampling generator (an integer); default 1. */
  seed?: number;
  /** Coverage of the percentile interval, strictly between 0 and 1; default 0.95. */
  level?: number;
}

/** The ratio of medians (B / A) with its percentile bootstrap interval. */
export interface RatioOfMedians {
  /** median(B) / median(A): below 1, B took less time than A. */
  ratio: number;
  /** Lower end of the bootstrap percentile interval. */
  lo: number;
  /** Upper end of the bootstrap percentile interval. */
  hi: number;
  /** Coverage of the interval (0.95 for a 95% interval). */
  level: number;
  /** Number of bootstrap resamples. */
  resamples: number;
  /** Seed of the resampling generator. */
  seed: number;
}

/**
 * The median of a non-empty list of numbers (the mean of the middle two for an even count).
 *
 * @example
 * median([3, 1, 2]) // => 2
 * median([4, 1, 3, 2]) // => 2.5
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError("median: the list is empty");
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** mulberry32: a small, fast 32-bit generator; enough to pick resample indices reproducibly. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkTimes(xs: readonly number[], arm: "A" | "B"): void {
  if (xs.length === 0) throw new RangeError(`bootstrap: arm ${arm} has no times`);
  const bad = xs.findIndex((x) => !Number.isFinite(x) || x <= 0);
  if (bad >= 0) throw new RangeError(`bootstrap: arm ${arm} time [${bad}] is ${xs[bad]}, not a finite positive number`);
}

function checkOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const { resamples, seed, level } = { ...BOOTSTRAP_DEFAULTS, ...options };
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`bootstrap: resamples is ${resamples}, not a positive integer`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`bootstrap: seed is ${seed}, not an integer`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level is ${level}, not strictly between 0 and 1`);
  return { resamples, seed, level };
}

/**
 * The bootstrap distribution of median(B) / median(A): each resample draws A's times and B's times
 * independently, with replacement, as many as each arm has, and takes the ratio of their medians.
 * Returned in the order drawn.
 *
 * @example
 * bootstrapRatios([1, 1], [2, 2], { resamples: 3 }) // => [2, 2, 2]
 */
export function bootstrapRatios(
  a: readonly number[],
  b: readonly number[],
  options: Omit<BootstrapOptions, "level"> = {},
): number[] {
  checkTimes(a, "A");
  checkTimes(b, "B");
  const { resamples, seed } = checkOptions(options);
  const next = generator(seed);
  const draw = (xs: readonly number[]): number[] => xs.map(() => xs[Math.floor(next() * xs.length)]);
  const ratios: number[] = [];
  for (let k = 0; k < resamples; k++) {
    const resampledA = draw(a);
    ratios.push(median(draw(b)) / median(resampledA));
  }
  return ratios;
}

/**
 * The q-quantile of sorted numbers, interpolating linearly between order statistics (type 7,
 * the default of R and NumPy).
 */
function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
}

/**
 * The ratio of medians median(B) / median(A) of two arms' times, with a percentile bootstrap
 * interval ({@link bootstrapRatios}; the (1 - level) / 2 and (1 + level) / 2 quantiles of the
 * resampled ratios). Reproducible: the same times, resamples and seed give the same interval.
 * Throws a `RangeError` naming the arm and index of a time that is not finite and positive.
 *
 * @example
 * ratioOfMedians([1, 1, 1], [2, 2, 2]) // => { ratio: 2, lo: 2, hi: 2, level: 0.95, resamples: 2000, seed: 1 }
 */
export function ratioOfMedians(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {},
): RatioOfMedians {
  const { resamples, seed, level } = checkOptions(options);
  const sorted = bootstrapRatios(a, b, { resamples, seed }).sort((x, y) => x - y);
  const ratio = median(b) / median(a);
  return {
    ratio,
    lo: quantile(sorted, (1 - level) / 2),
    hi: quantile(sorted, (1 + level) / 2),
    level,
    resamples,
    seed,
  };
}

/** Each order's geometric mean of the pairs' ratios, and their geometric mean. */
export interface OrderBalanced {
  /** sqrt(abOrder * baOrder), or abOrder alone when there is no B,A pair. */
  balanced: number;
  /** Geometric mean of the ratios of the pairs run A then B (pairs 1, 3, 5, ...). */
  abOrder: number;
  /** Geometric mean of the ratios of the pairs run B then A (pairs 2, 4, ...); undefined with one pair. */
  baOrder: number | undefined;
}

const geometricMean = (xs: readonly number[]): number =>
  Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);

/**
 * The order-balanced mean of the pairs' ratios B/A, pairs alternating A,B then B,A from the first:
 * the run second in a pair is often the slower one (the first run's heap, other work on the
 * cores), so each order's geometric mean counts half. Use an even number of pairs.
 *
 * @example
 * orderBalanced([1.1, 0.9]).balanced // => sqrt(1.1 * 0.9) = 0.99499
 */
export function orderBalanced(ratios: readonly number[]): OrderBalanced {
  if (ratios.length === 0) throw new RangeError("orderBalanced: no pairs");
  const bad = ratios.findIndex((r) => !Number.isFinite(r) || r <= 0);
  if (bad >= 0) throw new RangeError(`orderBalanced: ratio [${bad}] is ${ratios[bad]}, not a finite positive number`);
  const abOrder = geometricMean(ratios.filter((_, k) => k % 2 === 0));
  const ba = ratios.filter((_, k) => k % 2 === 1);
  const baOrder = ba.length > 0 ? geometricMean(ba) : undefined;
  return { balanced: baOrder === undefined ? abOrder : Math.sqrt(abOrder * baOrder), abOrder, baOrder };
}
