/**
 * Variance-based (Sobol') sensitivity analysis: the Saltelli sampling design and the first-order
 * and total-effect indices, with bootstrap confidence intervals.
 * @module
 */
import { Issues } from "../../_issues";
import { makeRng, sortedQuantile } from "./_rng";
import { JOE_KUO_MAX_DIMS } from "./_joeKuo";
import { sobolPoints } from "./_sobol";

/**
 * The largest number of factors {@link saltelliDesign} supports, 10: the design uses 2k
 * dimensions of the Sobol' sequence, whose included direction-number table has 21.
 *
 * @example
 * if (parameters.length > SALTELLI_MAX_FACTORS) {
 *   // screen with morrisDesign first, then run Sobol' indices on the most influential ten
 * }
 */
export const SALTELLI_MAX_FACTORS = Math.floor(JOE_KUO_MAX_DIMS / 2);

/** A design for Sobol' indices built by {@link saltelliDesign}. */
export interface SaltelliDesign {
  /** Number of factors (parameters). */
  readonly k: number;
  /** Number of base samples N. */
  readonly n: number;
  /**
   * The N·(k + 2) points to evaluate, in the unit cube [0, 1)^k, as three blocks: rows 0 … N−1
   * are the matrix A, rows N … 2N−1 the matrix B, and rows (2 + i)·N … (3 + i)·N − 1 the matrix
   * A_B^(i): A with its column i taken from B (i = 0 … k−1).
   */
  readonly points: readonly (readonly number[])[];
}

/** Options of {@link saltelliDesign}. */
export interface SaltelliDesignOptions {
  /**
   * When given, randomizes the design by a digital shift: each coordinate's 32 bits are XOR-ed
   * with a random 32-bit word per dimension drawn from this seed. The shifted points keep the
   * balance of the Sobol' sequence, no longer include the origin, and differ between seeds, so
   * repeating the analysis with several seeds measures its quasi-Monte Carlo error. Default: no
   * shift (the plain Sobol' sequence).
   */
  readonly seed?: string;
  /** Index of the first Sobol' point used (default 0), as the `skip` option of `sobolSequence`. */
  readonly skip?: number;
}

/**
 * The sampling design for Sobol' sensitivity indices (Saltelli 2002; Saltelli et al. 2010): N
 * points of a 2k-dimensional Sobol' sequence give two independent N × k samples A (first k
 * coordinates) and B (last k), and for each factor i the "radial" sample A_B^(i) equals A except
 * in column i, which comes from B. Evaluating the model on all N·(k + 2) points lets
 * {@link sobolIndices} estimate how much of the output's variance each factor explains.
 *
 * Because the included Sobol' table has 21 dimensions, k is at most 10. Use N a power of two
 * (e.g. 1024 to 8192): the Sobol' sequence is balanced for those. Map each coordinate to a
 * parameter with `lower + u * (upper - lower)` (or an inverse distribution function).
 *
 * @param k - number of factors, integer in [1, 10].
 * @param n - number of base samples N, integer >= 2.
 * @param options.seed - optional digital-shift seed (randomized quasi-Monte Carlo).
 * @param options.skip - index of the first Sobol' point, default 0.
 * @throws ValidationError if k > 10, n < 2, or an option is invalid.
 * @example
 * const design = saltelliDesign(3, 1024);                // 5120 points
 * const values = design.points.map(([a, b, c]) => model(a, b, c));
 * const indices = sobolIndices(design, values);          // [{ s1, st, … }, …] per factor
 */
export function saltelliDesign(k: number, n: number, options: SaltelliDesignOptions = {}): SaltelliDesign {
  const issues = new Issues("saltelliDesign");
  if (issues.integer("k", k, 1) && k > SALTELLI_MAX_FACTORS) {
    issues.add(
      "k",
      `at most ${SALTELLI_MAX_FACTORS} factors are supported (2k ` +
        `Sobol' dimensions, ${JOE_KUO_MAX_DIMS} included), got ${k}`,
    );
  }
  const skip = options.skip ?? 0;
  const nOk = issues.integer("n", n, 2, 2 ** 26);
  const skipOk = issues.integer("options.skip", skip, 0, 2 ** 32 - 1);
  if (nOk && skipOk && skip + n > 2 ** 32) issues.add("n", `skip + n must be at most 2^32, got ${skip + n}`);
  if (options.seed !== undefined) issues.string("options.seed", options.seed);
  issues.throwIfAny();
  let shift: Uint32Array | undefined;
  if (options.seed !== undefined) {
    const rng = makeRng(`saltelliDesign:${options.seed}`);
    shift = new Uint32Array(2 * k);
    for (let d = 0; d < 2 * k; d++) shift[d] = rng.uint32();
  }
  const base = sobolPoints(2 * k, n, skip, shift);
  const points: number[][] = new Array(n * (k + 2));
  for (let j = 0; j < n; j++) {
    const row = base[j];
    const a = row.slice(0, k);
    const b = row.slice(k);
    points[j] = a;
    points[n + j] = b;
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i];
      points[(2 + i) * n + j] = ab;
    }
  }
  return { k, n, points };
}

/** Options of {@link sobolIndices}. */
export interface SobolIndicesOptions {
  /** Number of bootstrap resamples for the standard errors and intervals, integer >= 2; default 1000. */
  readonly bootstrap?: number;
  /** Seed of the bootstrap resampling; default `"sobolIndices"`. */
  readonly seed?: string;
  /** Level of the bootstrap percentile intervals, in (0, 1); default 0.95. */
  readonly confidence?: number;
}

/** The Sobol' indices of one factor, returned by {@link sobolIndices}. */
export interface SobolIndex {
  /** First-order index S1: share of the output variance explained by this factor alone. */
  readonly s1: number;
  /** Bootstrap standard error of S1. */
  readonly s1Se: number;
  /** Lower end of the bootstrap percentile interval of S1. */
  readonly s1Low: number;
  /** Upper end of the bootstrap percentile interval of S1. */
  readonly s1High: number;
  /** Total-effect index ST: share of the variance involving this factor, alone or with others. */
  readonly st: number;
  /** Bootstrap standard error of ST. */
  readonly stSe: number;
  /** Lower end of the bootstrap percentile interval of ST. */
  readonly stLow: number;
  /** Upper end of the bootstrap percentile interval of ST. */
  readonly stHigh: number;
}

/** Sums behind the estimators for the base-sample indices `idx` (all N rows when undefined). */
function estimate(
  fa: Float64Array,
  fb: Float64Array,
  fab: readonly Float64Array[],
  idx: Int32Array | undefined,
  s1: Float64Array,
  st: Float64Array,
): boolean {
  const n = fa.length;
  const k = fab.length;
  let sum = 0;
  let sumSq = 0;
  for (let m = 0; m < n; m++) {
    const j = idx ? idx[m] : m;
    sum += fa[j] + fb[j];
    sumSq += fa[j] * fa[j] + fb[j] * fb[j];
  }
  const mean = sum / (2 * n);
  const variance = sumSq / (2 * n) - mean * mean;
  if (!(variance > 0)) return false;
  for (let i = 0; i < k; i++) {
    const f = fab[i];
    let first = 0;
    let total = 0;
    for (let m = 0; m < n; m++) {
      const j = idx ? idx[m] : m;
      const d = f[j] - fa[j];
      first += fb[j] * d;
      total += d * d;
    }
    s1[i] = first / n / variance;
    st[i] = total / (2 * n) / variance;
  }
  return true;
}

/**
 * Sobol' sensitivity indices of each factor from the runs of a {@link saltelliDesign}: the
 * first-order index S1 — the share of the output's variance that the factor explains on its own,
 * i.e. the expected reduction of the variance if the factor were known — and the total-effect
 * index ST — the share that involves the factor at all, alone or through interactions, i.e. the
 * variance left if every other factor were known. ST − S1 measures interactions; ST ≈ 0 says
 * the factor can be fixed anywhere in its range.
 *
 * Estimators: S1 by Saltelli et al. (2010), V_i = (1/N) Σ f(B)(f(A_B^i) − f(A)); ST by Jansen
 * (1999), V_Ti = (1/2N) Σ (f(A) − f(A_B^i))²; both divided by the variance of f over A and B
 * together. The values are centred on their mean first (a constant shift changes neither
 * estimator's expectation and reduces the variance of the first one).
 *
 * Uncertainty: `bootstrap` resamples of the N base rows (each resample keeps the rows of A, B and
 * every A_B^(i) together) give a standard error and a percentile interval for each index. The
 * bootstrap treats the points as independent random draws; for an unrandomized Sobol' design it
 * therefore overstates the error, so the intervals are conservative. Deterministic for a given seed.
 *
 * @param design - the design, as returned by {@link saltelliDesign}.
 * @param values - the output of each point of `design.points`, in the same order, finite.
 * @param options - bootstrap size (default 1000), seed, confidence (default 0.95).
 * @returns one entry per factor, in factor order.
 * @throws ValidationError if `values` has the wrong length or a non-finite entry, the output
 *   does not vary over A and B (the indices are then undefined), or an option is invalid.
 * @example
 * const design = saltelliDesign(2, 1024);
 * const indices = sobolIndices(design, design.points.map(([x, y]) => x + 2 * y));
 * indices[1].s1 // ≈ 0.8 (= 4 / (1 + 4)), with indices[1].s1Low … s1High around it
 */
export function sobolIndices(
  design: SaltelliDesign,
  values: readonly number[],
  options: SobolIndicesOptions = {},
): SobolIndex[] {
  const issues = new Issues("sobolIndices");
  const { k, n } = design;
  const rows = n * (k + 2);
  if (design.points.length !== rows)
    issues.add("design.points", `must have n·(k+2) = ${rows} rows, got ${design.points.length}`);
  if (issues.finiteArray("values", values) && values.length !== rows) {
    issues.add("values", `must have one value per design point (${rows}), got ${values.length}`);
  }
  const bootstrap = options.bootstrap ?? 1000;
  const seed = options.seed ?? "sobolIndices";
  const confidence = options.confidence ?? 0.95;
  issues.integer("options.bootstrap", bootstrap, 2, 1_000_000);
  issues.string("options.seed", seed);
  issues.openUnit("options.confidence", confidence);
  issues.throwIfAny();

  let centre = 0;
  for (let j = 0; j < 2 * n; j++) centre += values[j];
  centre /= 2 * n;
  const block = (b: number) => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = values[b * n + j] - centre;
    return out;
  };
  const fa = block(0);
  const fb = block(1);
  const fab = Array.from({ length: k }, (_, i) => block(2 + i));

  const s1 = new Float64Array(k);
  const st = new Float64Array(k);
  if (!estimate(fa, fb, fab, undefined, s1, st)) {
    issues.add("values", "the output does not vary over the samples A and B, so the Sobol' indices are undefined");
    issues.throwIfAny();
  }

  const rng = makeRng(`sobolIndices:${seed}`);
  const idx = new Int32Array(n);
  const bootS1 = Array.from({ length: k }, () => [] as number[]);
  const bootSt = Array.from({ length: k }, () => [] as number[]);
  const bs1 = new Float64Array(k);
  const bst = new Float64Array(k);
  for (let b = 0; b < bootstrap; b++) {
    for (let m = 0; m < n; m++) idx[m] = rng.int(n);
    // A resample whose A and B rows are all equal has no variance; it is skipped (and, being
    // drawn from the seed, skipped identically on every run).
    if (!estimate(fa, fb, fab, idx, bs1, bst)) continue;
    for (let i = 0; i < k; i++) {
      bootS1[i].push(bs1[i]);
      bootSt[i].push(bst[i]);
    }
  }
  const lowP = (1 - confidence) / 2;
  const highP = 1 - lowP;
  const stats = (reps: number[], point: number) => {
    if (reps.length < 2) return { se: 0, low: point, high: point };
    let mean = 0;
    for (const x of reps) mean += x;
    mean /= reps.length;
    let ss = 0;
    for (const x of reps) ss += (x - mean) * (x - mean);
    const sorted = reps.slice().sort((x, y) => x - y);
    return {
      se: Math.sqrt(ss / (reps.length - 1)),
      low: sortedQuantile(sorted, lowP),
      high: sortedQuantile(sorted, highP),
    };
  };
  const out: SobolIndex[] = [];
  for (let i = 0; i < k; i++) {
    const a = stats(bootS1[i], s1[i]);
    const t = stats(bootSt[i], st[i]);
    out.push({
      s1: s1[i],
      s1Se: a.se,
      s1Low: a.low,
      s1High: a.high,
      st: st[i],
      stSe: t.se,
      stLow: t.low,
      stHigh: t.high,
    });
  }
  return out;
}
