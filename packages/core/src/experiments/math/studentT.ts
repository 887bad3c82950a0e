/**
 * Student t quantiles and the summary of replicated runs with a t confidence interval.
 * @module
 */
import { Issues, showValue } from "../../_issues";
import { incompleteBeta, incompleteGamma, logGamma } from "./_special";

/** Above this many degrees of freedom the quantile uses the Cornish–Fisher expansion (error below 1e-15 relative). */
const LARGE_DF = 1e6;

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** ln(1 + s²) without overflow for huge s. */
function log1pSquare(s: number): number {
  return s > 1e150 ? 2 * Math.log(s) : Math.log1p(s * s);
}

/** Density of the t distribution with `df` degrees of freedom (df = Infinity: standard normal). */
function tDensity(t: number, df: number): number {
  if (df === Infinity) return Math.exp(-0.5 * t * t) / SQRT_2PI;
  const lnC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnC - ((df + 1) / 2) * log1pSquare(t / Math.sqrt(df)));
}

/** P(T > t) for t >= 0, computed directly so it keeps its relative accuracy far in the tail. */
function upperTail(t: number, df: number): number {
  if (df === Infinity) return 0.5 * incompleteGamma(0.5, 0.5 * t * t).q;
  // With r = √df / t: df/(df + t²) = r²/(1 + r²) and t²/(df + t²) = 1/(1 + r²), free of overflow.
  const r = Math.sqrt(df) / t;
  const r2 = r * r;
  if (r2 < 1e-280) {
    // Far tail (t²/df above 1e280): I_x(a, 1/2) = x^a / (a B(a, 1/2)) · (1 + O(x)), taken in logs.
    const a = df / 2;
    const lnX = 2 * Math.log(r);
    return (0.5 * Math.exp(logGamma(a + 0.5) - logGamma(a) - logGamma(0.5) + a * lnX)) / a;
  }
  return 0.5 * incompleteBeta(df / 2, 0.5, r2 / (1 + r2), 1 / (1 + r2));
}

/** P(|T| < t) for t >= 0, computed directly so it keeps its relative accuracy near t = 0. */
function central(t: number, df: number): number {
  if (df === Infinity) return incompleteGamma(0.5, 0.5 * t * t).p;
  const s = t / Math.sqrt(df);
  const s2 = s * s;
  return incompleteBeta(0.5, df / 2, s2 / (1 + s2), 1 / (1 + s2));
}

/**
 * Solves G(x) = target for x in (lo, hi) where G is increasing with derivative dG: Newton steps
 * kept inside the current bracket, falling back to expansion (unbounded side) or bisection.
 */
function solveIncreasing(
  g: (x: number) => number,
  dg: (x: number) => number,
  target: number,
  x0: number,
  lo: number,
  hi: number,
): number {
  let x = x0;
  for (let i = 0; i < 500; i++) {
    const r = g(x) - target;
    if (r === 0) return x;
    if (r < 0) lo = x;
    else hi = x;
    const step = r / dg(x);
    if (Math.abs(step) <= 1e-15 * Math.max(Math.abs(x), 1e-300)) return x - step;
    let next = x - step;
    if (!(next > lo && next < hi)) {
      if (hi === Infinity) next = x + 1 + Math.abs(x);
      else if (lo === -Infinity) next = x - 1 - Math.abs(x);
      else next = 0.5 * (lo + hi);
    }
    if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= 1e-15 * Math.max(Math.abs(lo), Math.abs(hi)))
      return next;
    x = next;
  }
  return x;
}

/** Upper-tail standard normal quantile: z with P(Z > z) = q, q in (0, 0.5]. */
function normalUpperQuantile(q: number): number {
  if (q === 0.5) return 0;
  // Abramowitz & Stegun 26.2.23 (error below 4.5e-4) as the starting value, then Newton.
  const w = Math.sqrt(-2 * Math.log(q));
  const z0 =
    w - (2.515517 + 0.802853 * w + 0.010328 * w * w) / (1 + 1.432788 * w + 0.189269 * w * w + 0.001308 * w * w * w);
  return solveTail(q, Infinity, z0);
}

/** Solves P(T > t) = q for t > 0 (q in (0, 0.5)), choosing the numerically stable formulation. */
function solveTail(q: number, df: number, t0: number): number {
  const dens = (t: number) => tDensity(t, df);
  const start = t0 > 0 && Number.isFinite(t0) ? t0 : 1;
  if (q >= 0.25) {
    // Near the centre: solve P(|T| < t) = 1 - 2q, which is exact in floating point for q >= 0.25.
    return solveIncreasing(
      (t) => central(t, df),
      (t) => 2 * dens(t),
      1 - 2 * q,
      start,
      0,
      Infinity,
    );
  }
  // In the tail: solve -ln P(T > e^u) = -ln q in u = ln t. The tail of the t distribution is a
  // power of t, so this function is nearly linear in u and Newton converges in a few steps even
  // for df = 3 and q = 1e-300; the relative accuracy of q is kept.
  const u = solveIncreasing(
    (v) => -Math.log(upperTail(Math.exp(v), df)),
    (v) => {
      const t = Math.exp(v);
      return (t * dens(t)) / upperTail(t, df);
    },
    -Math.log(q),
    Math.log(start),
    -Infinity,
    Infinity,
  );
  return Math.exp(u);
}

/** Cornish–Fisher expansion of the t quantile in powers of 1/df (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

function checkDf(issues: Issues, df: unknown): void {
  if (typeof df !== "number" || Number.isNaN(df) || !(df > 0))
    issues.add("df", `must be a positive number (Infinity allowed), got ${showValue(df)}`);
}

/**
 * The quantile (inverse distribution function) of Student's t distribution: the value `t` such
 * that a t-distributed variable with `df` degrees of freedom falls below `t` with probability
 * `p`. It is the critical value of a t test or of a confidence interval for a mean: with `n`
 * replications, the 95% interval is the mean ± `studentTQuantile(0.975, n - 1)` standard errors.
 *
 * `df` may be any positive number (not only an integer) or `Infinity`, which gives the standard
 * normal quantile. Accurate to 1e-9 relative or better for df >= 1 (typically 1e-12): df = 1 and
 * 2 use closed forms, df above 1e6 the Cornish–Fisher expansion around the normal quantile, and
 * every other df solves the distribution function — the regularized incomplete beta function —
 * by safeguarded Newton steps.
 *
 * @param p - probability, strictly between 0 and 1.
 * @param df - degrees of freedom, > 0.
 * @throws ValidationError if `p` is not in (0, 1) or `df` is not positive.
 * @example
 * studentTQuantile(0.975, 10)       // 2.228138852…
 * studentTQuantile(0.025, 10)       // -2.228138852…
 * studentTQuantile(0.975, Infinity) // 1.959963985…
 */
export function studentTQuantile(p: number, df: number): number {
  const issues = new Issues("studentTQuantile");
  issues.openUnit("p", p);
  checkDf(issues, df);
  issues.throwIfAny();
  if (p === 0.5) return 0;
  const sign = p > 0.5 ? 1 : -1;
  const q = p > 0.5 ? 1 - p : p; // exact: 1 - p is representable for p >= 0.5
  let t: number;
  if (df === 1) {
    t = q < 0.25 ? 1 / Math.tan(Math.PI * q) : Math.tan(Math.PI * (0.5 - q));
  } else if (df === 2) {
    t = (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  } else {
    const z = normalUpperQuantile(q);
    if (df === Infinity) t = z;
    else if (df > LARGE_DF) t = cornishFisher(z, df);
    else t = solveTail(q, df, df >= 3 ? cornishFisher(z, df) : z);
  }
  return sign * t;
}

/**
 * The distribution function of Student's t distribution: the probability that a t-distributed
 * variable with `df` degrees of freedom is at most `t`. One minus it is the one-sided p-value of
 * a t statistic; `df = Infinity` gives the standard normal distribution function.
 *
 * @param t - any number (±Infinity allowed).
 * @param df - degrees of freedom, > 0.
 * @throws ValidationError if `t` is NaN or `df` is not positive.
 * @example
 * studentTCdf(2.228138852, 10) // 0.975…
 * studentTCdf(0, 5)            // 0.5
 */
export function studentTCdf(t: number, df: number): number {
  const issues = new Issues("studentTCdf");
  if (typeof t !== "number" || Number.isNaN(t)) issues.add("t", `must be a number, got ${showValue(t)}`);
  checkDf(issues, df);
  issues.throwIfAny();
  if (t === 0) return 0.5;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const a = Math.abs(t);
  let tail: number;
  if (df > LARGE_DF && df !== Infinity) {
    // Invert the Cornish–Fisher expansion t = CF(z) by fixed-point steps (CF'(z) = 1 + O(1/df)).
    let z = a;
    for (let i = 0; i < 50; i++) {
      const next = z - (cornishFisher(z, df) - a);
      if (Math.abs(next - z) <= 1e-16 * Math.abs(next)) break;
      z = next;
    }
    tail = upperTail(z, Infinity);
  } else {
    tail = a < 1 ? 0.5 * (1 - central(a, df)) : upperTail(a, df);
  }
  return t > 0 ? 1 - tail : tail;
}

/** The summary of a sample of replicated outcomes returned by {@link summarize}. */
export interface Summary {
  /** Number of values. */
  readonly n: number;
  /** Sample mean. */
  readonly mean: number;
  /** Sample standard deviation (denominator n − 1). */
  readonly sd: number;
  /** Standard error of the mean, sd / √n. */
  readonly se: number;
  /** Lower end of the Student t confidence interval for the mean. */
  readonly ciLow: number;
  /** Upper end of the Student t confidence interval for the mean. */
  readonly ciHigh: number;
}

/**
 * Summarizes the outcomes of replicated runs (one number per run, e.g. the number of AI
 * researchers in Canada in 2040 under each of 30 seeds): the mean, the standard deviation across
 * runs, the standard error of the mean, and a Student t confidence interval for the mean,
 * mean ± t(1 − α/2, n − 1) · se (95% unless `confidence` says otherwise).
 *
 * The interval treats runs as independent draws, which holds for runs that differ only in their
 * seed. Mean and variance are accumulated with Welford's algorithm, which stays accurate when the
 * values are large and close together. Values must be finite; a sample of one value has no
 * spread to measure, so at least two are required.
 *
 * @param values - at least 2 finite numbers.
 * @param options.confidence - confidence level of the interval, in (0, 1); default 0.95.
 * @throws ValidationError if fewer than 2 values are given, a value is not finite, or the
 *   confidence level is not in (0, 1).
 * @example
 * summarize([10, 12, 11, 13, 9])
 * // { n: 5, mean: 11, sd: 1.5811…, se: 0.7071…, ciLow: 9.0367…, ciHigh: 12.9632… }
 */
export function summarize(values: readonly number[], options: { readonly confidence?: number } = {}): Summary {
  const issues = new Issues("summarize");
  if (issues.finiteArray("values", values) && values.length < 2) {
    issues.add("values", `needs at least 2 values for a standard deviation and an interval, got ${values.length}`);
  }
  const confidence = options.confidence ?? 0.95;
  issues.openUnit("options.confidence", confidence);
  issues.throwIfAny();
  let mean = 0;
  let m2 = 0;
  let n = 0;
  for (const x of values) {
    n++;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  const sd = Math.sqrt(Math.max(m2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  const half = studentTQuantile(0.5 + confidence / 2, n - 1) * se;
  const ciLow = mean - half;
  const ciHigh = mean + half;
  if (![mean, sd, ciLow, ciHigh].every(Number.isFinite)) {
    issues.add("values", "are too large in magnitude: the mean or the interval overflows double precision");
    issues.throwIfAny();
  }
  return { n, mean, sd, se, ciLow, ciHigh };
}
