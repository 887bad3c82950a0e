/**
 * Experimental designs on plain numbers: full factorial grids, Latin hypercube samples and the
 * Sobol' low-discrepancy sequence. Unit-cube designs return coordinates in [0, 1); map each one
 * to a parameter range with `lower + u * (upper - lower)`.
 * @module
 */
import { Issues, showValue } from "../../_issues";
import { makeRng, permutation } from "./_rng";
import { JOE_KUO_MAX_DIMS } from "./_joeKuo";
import { sobolPoints } from "./_sobol";

/**
 * The largest design {@link fullGrid} builds (10 million points), to fail fast with a clear
 * error instead of running out of memory.
 *
 * @example
 * const axes = { a: [1, 2, 3], b: [4, 5] };
 * const size = Object.values(axes).reduce((n, v) => n * v.length, 1); // 6 <= MAX_GRID_POINTS
 */
export const MAX_GRID_POINTS = 10_000_000;

/**
 * Every combination of the given parameter values: the full factorial design of a parameter
 * sweep. With axes `{ taxRate: [0.3, 0.4], visaCap: [1000, 2000, 3000] }` it returns the 6 points
 * `{ taxRate, visaCap }`.
 *
 * Order is stable and documented: the first axis varies slowest and the last fastest (like nested
 * loops written in the order of the axes, or the rows of a spreadsheet sorted by the first
 * column). Axes are taken in the order of `Object.keys(axes)` — the order they were written,
 * except that JavaScript lists integer-like names ("1", "2") first.
 *
 * @param axes - one array of finite values per parameter, each non-empty.
 * @returns the points, as objects with one property per axis.
 * @throws ValidationError if there is no axis, an axis is empty or holds a non-finite value, or
 *   the grid would exceed {@link MAX_GRID_POINTS} points.
 * @example
 * fullGrid({ a: [1, 2], b: [10, 20, 30] })
 * // [{a:1,b:10},{a:1,b:20},{a:1,b:30},{a:2,b:10},{a:2,b:20},{a:2,b:30}]
 */
export function fullGrid(axes: Readonly<Record<string, readonly number[]>>): Record<string, number>[] {
  const issues = new Issues("fullGrid");
  if (typeof axes !== "object" || axes === null) {
    issues.add("axes", `must be an object of arrays, got ${showValue(axes)}`);
    issues.throwIfAny();
  }
  const names = Object.keys(axes);
  if (names.length === 0) issues.add("axes", "needs at least one axis");
  let total = 1;
  for (const name of names) {
    const values = axes[name];
    if (issues.finiteArray(`axes.${name}`, values)) {
      if (values.length === 0) issues.add(`axes.${name}`, "must hold at least one value");
      total *= values.length;
    }
  }
  if (issues.ok && total > MAX_GRID_POINTS) {
    issues.add("axes", `the grid has ${total} points, more than the limit of ${MAX_GRID_POINTS}`);
  }
  issues.throwIfAny();
  const out: Record<string, number>[] = new Array(total);
  const index = new Array<number>(names.length).fill(0);
  for (let i = 0; i < total; i++) {
    const point: Record<string, number> = {};
    for (let a = 0; a < names.length; a++) point[names[a]] = axes[names[a]][index[a]];
    out[i] = point;
    // Odometer increment: the last axis turns fastest.
    for (let a = names.length - 1; a >= 0; a--) {
      if (++index[a] < axes[names[a]].length) break;
      index[a] = 0;
    }
  }
  return out;
}

/**
 * A Latin hypercube sample of `samples` points in the unit cube [0, 1)^dims (McKay, Beckman and
 * Conover 1979). Each axis is cut into `samples` equal strata and every stratum of every axis
 * holds exactly one point — so even a small sample covers the whole range of each parameter,
 * unlike plain random draws, which cluster. Within its stratum a point is uniform, and the
 * strata are matched across axes by independent random permutations.
 *
 * Point `i`'s coordinate `d` lies in stratum `Math.floor(x * samples)`. The sample is a
 * deterministic function of `seed` (the `seedrandom` alea generator).
 *
 * @param dims - number of parameters, integer >= 1.
 * @param samples - number of points, integer >= 1.
 * @param seed - any string.
 * @returns `samples` arrays of `dims` coordinates in [0, 1).
 * @throws ValidationError for a non-integer or non-positive size or a non-string seed.
 * @example
 * const pts = latinHypercube(2, 10, "lhs-1"); // 10 points; each tenth of each axis holds one
 * const taxRates = pts.map(([u]) => 0.2 + u * (0.5 - 0.2));
 */
export function latinHypercube(dims: number, samples: number, seed: string): number[][] {
  const issues = new Issues("latinHypercube");
  issues.integer("dims", dims, 1, 100_000);
  issues.integer("samples", samples, 1, 100_000_000);
  issues.string("seed", seed);
  issues.throwIfAny();
  const rng = makeRng(`latinHypercube:${seed}`);
  const out: number[][] = Array.from({ length: samples }, () => new Array<number>(dims));
  for (let d = 0; d < dims; d++) {
    const strata = permutation(samples, rng);
    for (let i = 0; i < samples; i++) {
      // uniform32() is at most 1 − 2^-32, far enough below 1 that rounding cannot push the point
      // into the next stratum.
      out[i][d] = (strata[i] + rng.uniform32()) / samples;
    }
  }
  return out;
}

/** Options of {@link sobolSequence}. */
export interface SobolOptions {
  /**
   * Index of the first point returned (default 0, the origin). `skip: 1` drops the origin and
   * gives the sequence as listed by Joe and Kuo. Keeping `skip` at 0 (or a multiple of a power of
   * two at least `n`) and `n` a power of two keeps the balance properties described below.
   */
  readonly skip?: number;
}

/**
 * Points of the Sobol' sequence in the unit cube [0, 1)^dims: a quasi-random ("low-discrepancy")
 * sequence that fills the cube far more evenly than random draws, so averages over it converge
 * faster — close to 1/n instead of 1/√n for smooth functions. It is the standard design for
 * variance-based sensitivity analysis ({@link saltelliDesign}).
 *
 * Built with the Gray-code construction of Antonov and Saleev and 32-bit direction numbers from
 * Joe and Kuo's table `new-joe-kuo-6.21201`, of which the first 21 dimensions are included. Point
 * 0 is the origin; the next are (0.5, 0.5, …), (0.75, 0.25, …), (0.25, 0.75, …). For n = 2^m
 * points starting at index 0, each one-dimensional projection puts exactly one point in each
 * interval [j/2^m, (j+1)/2^m) (a (0, m, 1)-net). Deterministic: there is no seed.
 *
 * @param dims - number of dimensions, integer in [1, 21].
 * @param n - number of points, integer >= 1 (powers of two are best).
 * @param options.skip - index of the first point, integer >= 0 (default 0); skip + n <= 2^32.
 * @returns `n` arrays of `dims` coordinates in [0, 1), each a multiple of 2^-32.
 * @throws ValidationError if dims > 21 (the size of the included direction-number table), or a
 *   size is not a valid integer.
 * @example
 * sobolSequence(2, 4)              // [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
 * sobolSequence(2, 2, { skip: 1 }) // [[0.5, 0.5], [0.75, 0.25]]
 */
export function sobolSequence(dims: number, n: number, options: SobolOptions = {}): number[][] {
  const issues = new Issues("sobolSequence");
  if (issues.integer("dims", dims, 1) && dims > JOE_KUO_MAX_DIMS) {
    issues.add(
      "dims",
      `at most ${JOE_KUO_MAX_DIMS} dimensions are supported (the included Joe–Kuo direction numbers), got ${dims}`,
    );
  }
  const skip = options.skip ?? 0;
  const nOk = issues.integer("n", n, 1, 2 ** 32);
  const skipOk = issues.integer("options.skip", skip, 0, 2 ** 32 - 1);
  if (nOk && skipOk && skip + n > 2 ** 32)
    issues.add("n", `skip + n must be at most 2^32 (the period of 32-bit direction numbers), got ${skip + n}`);
  issues.throwIfAny();
  return sobolPoints(dims, n, skip);
}
