/**
 * Approximate Bayesian computation (ABC): the posterior distribution of model parameters from
 * simulations alone, when the likelihood cannot be written down. Rejection ABC and ABC-SMC, both
 * in ask/tell form.
 * @module
 */
import { Issues, showValue } from "../../_issues";
import { makeRng, sortedQuantile, type Rng } from "./_rng";
import type { AskTell } from "./askTell";

/**
 * Uniform prior of each parameter, by name: `{ beta: [0, 2], gamma: [0.1, 0.9] }` means beta is
 * uniform on [0, 2] and gamma on [0.1, 0.9], independently. Parameters are taken in the order of
 * `Object.keys`.
 */
export type AbcBounds = Readonly<Record<string, readonly [number, number]>>;

/** A weighted sample from an (approximate) posterior, returned by {@link abcSmc} and {@link abcRejection}. */
export interface AbcResult {
  /** Parameter names, in the order of the bounds. */
  readonly names: string[];
  /** The posterior sample: one object of parameter values per particle. */
  readonly particles: Record<string, number>[];
  /** Importance weight of each particle; they sum to 1 (all equal for rejection ABC). */
  readonly weights: number[];
  /** Distance of each particle's simulation to the data. */
  readonly distances: number[];
  /**
   * The tolerance schedule: the tolerance of each generation after the prior sample (ABC-SMC), or
   * the single tolerance used (rejection ABC). Every particle's distance is at most the last one.
   */
  readonly tolerances: number[];
  /** Share of proposals accepted in each generation of {@link AbcResult.tolerances}. */
  readonly acceptanceRates: number[];
  /** Number of simulations told, in total. */
  readonly evaluations: number;
  /** Effective sample size of the weights, 1 / Σ w². */
  readonly ess: number;
  /** Weighted posterior mean of each parameter. */
  readonly mean: Record<string, number>;
  /** Weighted posterior standard deviation of each parameter (weights as probabilities). */
  readonly sd: Record<string, number>;
}

/** An ABC sampler in ask/tell form: ask for parameter sets, tell the distances of their simulations. */
export type AbcSampler = AskTell<Record<string, number>, AbcResult>;

interface Prior {
  readonly names: string[];
  readonly lo: number[];
  readonly hi: number[];
}

function checkBounds(issues: Issues, bounds: unknown): Prior {
  const names: string[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  if (typeof bounds !== "object" || bounds === null) {
    issues.add("bounds", `must be an object of [lower, upper] pairs, got ${showValue(bounds)}`);
    return { names, lo, hi };
  }
  for (const [name, pair] of Object.entries(bounds as Record<string, unknown>)) {
    const path = `bounds.${name}`;
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "number" || typeof pair[1] !== "number") {
      issues.add(path, `must be a pair [lower, upper] of numbers, got ${showValue(pair)}`);
      continue;
    }
    const [a, b] = pair as [number, number];
    if (!Number.isFinite(a) || !Number.isFinite(b)) issues.add(path, `bounds must be finite for a uniform prior, got [${a}, ${b}]`);
    else if (a > b) issues.add(path, `lower bound ${a} is above upper bound ${b}`);
    else if (a === b) issues.add(path, `lower and upper bound are both ${a}; a parameter with a fixed value is not estimated`);
    names.push(name);
    lo.push(a);
    hi.push(b);
  }
  if (names.length === 0 && issues.ok) issues.add("bounds", "needs at least one parameter");
  return { names, lo, hi };
}

function checkDistances(method: string, values: readonly number[], expected: number): void {
  const issues = new Issues(`${method}.tell`);
  if (expected === 0) issues.add("values", "no batch is pending: call ask() before tell(), and stop once done is true");
  else if (!Array.isArray(values) || values.length !== expected) {
    issues.add("values", `must hold one distance per point of the batch (${expected}), got ${showValue(values)}`);
  } else {
    values.forEach((v: unknown, i) => {
      if (typeof v !== "number" || !(v >= 0)) issues.add(`values[${i}]`, `must be a distance >= 0 (Infinity for a failed run), got ${showValue(v)}`);
    });
  }
  issues.throwIfAny();
}

const toRecord = (names: readonly string[], x: readonly number[]): Record<string, number> => {
  const r: Record<string, number> = {};
  names.forEach((name, d) => (r[name] = x[d]));
  return r;
};

function buildResult(
  prior: Prior,
  xs: readonly number[][],
  weights: readonly number[],
  distances: readonly number[],
  tolerances: readonly number[],
  acceptanceRates: readonly number[],
  evaluations: number,
): AbcResult {
  const dims = prior.names.length;
  const mean = new Array<number>(dims).fill(0);
  let sumSq = 0;
  xs.forEach((x, j) => {
    sumSq += weights[j] * weights[j];
    for (let d = 0; d < dims; d++) mean[d] += weights[j] * x[d];
  });
  const variance = new Array<number>(dims).fill(0);
  xs.forEach((x, j) => {
    for (let d = 0; d < dims; d++) variance[d] += weights[j] * (x[d] - mean[d]) ** 2;
  });
  return {
    names: prior.names.slice(),
    particles: xs.map((x) => toRecord(prior.names, x)),
    weights: weights.slice(),
    distances: distances.slice(),
    tolerances: tolerances.slice(),
    acceptanceRates: acceptanceRates.slice(),
    evaluations,
    ess: 1 / sumSq,
    mean: toRecord(prior.names, mean),
    sd: toRecord(prior.names, variance.map(Math.sqrt)),
  };
}

const drawPrior = (prior: Prior, rng: Rng): number[] => prior.lo.map((a, d) => a + rng.uniform() * (prior.hi[d] - a));

/** Options of {@link abcSmc}. */
export interface AbcSmcOptions {
  /** Uniform prior of each parameter. */
  readonly bounds: AbcBounds;
  /** Seed of all random choices. */
  readonly seed: string;
  /** Particles N accepted in each generation, integer >= 2; default 1000. */
  readonly particles?: number;
  /** Maximum number of generations after the prior sample, integer >= 1; default 10. */
  readonly generations?: number;
  /** Each tolerance is this quantile of the previous generation's distances, in (0, 1); default 0.5. */
  readonly quantile?: number;
  /** Stop once a generation's tolerance is at most this; default 0 (never). */
  readonly targetTolerance?: number;
  /** Stop once a generation accepts fewer than this share of its proposals, in [0, 1); default 0 (never). */
  readonly minAcceptanceRate?: number;
  /**
   * Stop before a batch that would exceed this many simulations; the generation under way is then
   * dropped and the result is the last complete one. Integer >= particles; default Infinity.
   */
  readonly maxEvaluations?: number;
  /** Largest batch to ask for, integer >= 1; default N. Batching never changes the result. */
  readonly batchSize?: number;
}

/**
 * ABC-SMC (approximate Bayesian computation by sequential Monte Carlo; the population Monte
 * Carlo sampler of Beaumont, Cornuet, Marin and Robert 2009, as in Toni et al. 2009): estimates
 * the posterior distribution of parameters by simulation. You supply, for each parameter set the
 * sampler asks for, the distance between your simulation's summary statistics (say, migration
 * rates by region) and the observed ones; the sampler keeps parameter sets whose simulations come
 * close to the data, tightening "close" from one generation to the next.
 *
 * Generation 0 draws N particles from the uniform prior (all kept). Generation t then uses the
 * tolerance ε_t = the `quantile` (default: median) of generation t−1's distances; it proposes a
 * parameter set by drawing a particle of generation t−1 by weight and moving it with a Gaussian
 * kernel whose variance is twice the weighted variance of each parameter in generation t−1
 * (diagonal covariance); proposals outside the bounds are redrawn without simulating. A proposal
 * is accepted when its distance is at most ε_t, until N are accepted; each gets the importance
 * weight prior / Σ_j w_j K(θ | θ_j). The run stops after `generations`, or earlier at
 * `targetTolerance`, `minAcceptanceRate` or `maxEvaluations`.
 *
 * Deterministic for a seed, and independent of batching: proposals of each generation come from
 * their own seeded stream and are accepted in proposal order, so any batch size (and any order in
 * which evaluations finish) gives the same particles. Batches shrink near the end of a generation
 * to limit wasted simulations.
 *
 * @param options - bounds (the prior), seed, and the settings of {@link AbcSmcOptions}.
 * @throws ValidationError for invalid options; `tell` for distances that are negative, NaN or of
 *   the wrong count. `result()` throws before generation 0 is complete.
 * @example
 * const abc = abcSmc({ bounds: { mu: [-5, 5] }, particles: 500, generations: 8, seed: "fit" });
 * while (!abc.done) {
 *   const batch = abc.ask(); // [{ mu: … }, …]
 *   abc.tell(batch.map((p) => Math.abs(simulateMean(p.mu) - observedMean)));
 * }
 * const { mean, sd, tolerances } = abc.result(); // posterior mean and sd of mu
 */
export function abcSmc(options: AbcSmcOptions): AbcSampler {
  const issues = new Issues("abcSmc");
  if (typeof options !== "object" || options === null) {
    issues.add("options", `must be an object, got ${showValue(options)}`);
    issues.throwIfAny();
  }
  const prior = checkBounds(issues, options.bounds);
  issues.string("seed", options.seed);
  const N = options.particles ?? 1000;
  const maxGenerations = options.generations ?? 10;
  const alpha = options.quantile ?? 0.5;
  const targetTolerance = options.targetTolerance ?? 0;
  const minAcceptanceRate = options.minAcceptanceRate ?? 0;
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  const batchSize = options.batchSize ?? N;
  const nOk = issues.integer("particles", N, 2, 10_000_000);
  issues.integer("generations", maxGenerations, 1, 100_000);
  issues.openUnit("quantile", alpha);
  if (!(typeof targetTolerance === "number" && targetTolerance >= 0)) issues.add("targetTolerance", `must be a number >= 0, got ${showValue(targetTolerance)}`);
  if (!(typeof minAcceptanceRate === "number" && minAcceptanceRate >= 0 && minAcceptanceRate < 1)) {
    issues.add("minAcceptanceRate", `must be in [0, 1), got ${showValue(minAcceptanceRate)}`);
  }
  if (maxEvaluations !== Infinity && nOk) issues.integer("maxEvaluations", maxEvaluations, N);
  issues.integer("batchSize", batchSize, 1);
  issues.throwIfAny();
  const dims = prior.names.length;

  // The last complete generation.
  let popX: number[][] = [];
  let popW: number[] = [];
  let popD: number[] = [];
  const tolerances: number[] = [];
  const acceptanceRates: number[] = [];
  let evaluations = 0;
  let done = false;

  // The generation under way.
  let gen = 0;
  let rng = makeRng(`abcSmc:${options.seed}:0`);
  let epsilon = Infinity;
  let kernelSd: number[] = [];
  let cumulative: number[] = [];
  let proposed = 0;
  let accX: number[][] = [];
  let accD: number[] = [];
  let pending: number[][] = [];

  const propose = (): number[] => {
    if (gen === 0) return drawPrior(prior, rng);
    for (;;) {
      // Draw an ancestor by weight (inverse CDF with binary search), then perturb it.
      const u = rng.uniform() * cumulative[N - 1];
      let a = 0;
      let b = N - 1;
      while (a < b) {
        const m = (a + b) >> 1;
        if (cumulative[m] > u) b = m;
        else a = m + 1;
      }
      const parent = popX[a];
      const x = parent.map((v, d) => v + kernelSd[d] * rng.normal());
      if (x.every((v, d) => v >= prior.lo[d] && v <= prior.hi[d])) return x;
    }
  };

  const startGeneration = () => {
    gen++;
    rng = makeRng(`abcSmc:${options.seed}:${gen}`);
    epsilon = sortedQuantile(popD.slice().sort((x, y) => x - y), alpha);
    kernelSd = [];
    for (let d = 0; d < dims; d++) {
      let m = 0;
      for (let j = 0; j < N; j++) m += popW[j] * popX[j][d];
      let v = 0;
      for (let j = 0; j < N; j++) v += popW[j] * (popX[j][d] - m) ** 2;
      const floor = 1e-9 * (prior.hi[d] - prior.lo[d]);
      kernelSd.push(Math.max(Math.sqrt(2 * v), floor));
    }
    cumulative = [];
    let c = 0;
    for (const w of popW) cumulative.push((c += w));
    proposed = 0;
    accX = [];
    accD = [];
  };

  const finishGeneration = () => {
    if (gen === 0) {
      popX = accX;
      popD = accD;
      popW = new Array<number>(N).fill(1 / N);
      startGeneration();
      return;
    }
    // Importance weights: prior (constant) over the proposal mixture Σ_j w_j K(θ | θ_j), in logs.
    const logW = accX.map((x) => {
      let max = -Infinity;
      const terms = new Array<number>(N);
      for (let j = 0; j < N; j++) {
        let q = 0;
        const p = popX[j];
        for (let d = 0; d < dims; d++) {
          const z = (x[d] - p[d]) / kernelSd[d];
          q += z * z;
        }
        terms[j] = Math.log(popW[j]) - 0.5 * q;
        if (terms[j] > max) max = terms[j];
      }
      let s = 0;
      for (let j = 0; j < N; j++) s += Math.exp(terms[j] - max);
      return -(max + Math.log(s));
    });
    let maxLog = -Infinity;
    for (const l of logW) if (l > maxLog) maxLog = l;
    const w = logW.map((l) => Math.exp(l - maxLog));
    const total = w.reduce((a, b) => a + b, 0);
    popX = accX;
    popD = accD;
    popW = w.map((v) => v / total);
    tolerances.push(epsilon);
    const rate = N / proposed;
    acceptanceRates.push(rate);
    if (gen >= maxGenerations || epsilon <= targetTolerance || rate < minAcceptanceRate) done = true;
    else startGeneration();
  };

  const nextBatch = () => {
    if (evaluations >= maxEvaluations) {
      done = true;
      pending = [];
      return;
    }
    const remaining = N - accX.length;
    let size: number;
    if (gen === 0) size = remaining;
    else {
      const rate = accX.length > 0 ? accX.length / proposed : acceptanceRates.length > 0 ? acceptanceRates[acceptanceRates.length - 1] : alpha;
      size = Math.ceil((1.2 * remaining) / Math.max(rate, 1e-6));
    }
    size = Math.max(1, Math.min(size, batchSize, maxEvaluations - evaluations));
    pending = [];
    for (let i = 0; i < size; i++) pending.push(propose());
  };

  const sampler: AbcSampler = {
    get done() {
      return done;
    },
    ask() {
      if (done) return [];
      if (pending.length === 0) nextBatch();
      return pending.map((x) => toRecord(prior.names, x));
    },
    tell(values: readonly number[]) {
      checkDistances("abcSmc", values, done ? 0 : pending.length);
      evaluations += values.length;
      const batch = pending;
      pending = [];
      for (let i = 0; i < batch.length && accX.length < N; i++) {
        proposed++;
        if (values[i] <= epsilon) {
          accX.push(batch[i]);
          accD.push(values[i]);
        }
      }
      // maxEvaluations >= N is checked, so generation 0 always completes before a stop.
      if (accX.length === N) finishGeneration();
      else if (evaluations >= maxEvaluations) done = true;
    },
    result() {
      if (popX.length === 0) {
        const e = new Issues("abcSmc.result");
        e.add("", "no complete generation yet: keep asking and telling until the prior sample is evaluated");
        e.throwIfAny();
      }
      return buildResult(prior, popX, popW, popD, tolerances, acceptanceRates, evaluations);
    },
  };
  return sampler;
}

/** Options of {@link abcRejection}. */
export interface AbcRejectionOptions {
  /** Uniform prior of each parameter. */
  readonly bounds: AbcBounds;
  /** Seed of the prior draws. */
  readonly seed: string;
  /** Number of parameter sets drawn from the prior and simulated, integer >= 1. */
  readonly draws: number;
  /** Keep the draws whose distance is at most this. Give this or `acceptFraction`, not both. */
  readonly tolerance?: number;
  /**
   * Keep this share of the draws, the closest ones (at least one; ties go to the earlier draw);
   * in (0, 1]. Default 0.01 when `tolerance` is not given.
   */
  readonly acceptFraction?: number;
  /** Largest batch to ask for, integer >= 1; default all draws in one batch. */
  readonly batchSize?: number;
}

/**
 * Rejection ABC (Pritchard et al. 1999), the simplest approximate Bayesian computation: draw
 * parameter sets from the uniform prior, simulate each, and keep those whose simulated summary
 * statistics are within a tolerance of the observed ones (or the closest share of them). The kept
 * draws are an equally weighted sample from the approximate posterior. Simple and embarrassingly
 * parallel, but wasteful when the posterior is much narrower than the prior: then use
 * {@link abcSmc}. Deterministic for a seed, independent of batching.
 *
 * @param options - bounds (the prior), seed, number of draws, and the acceptance rule.
 * @throws ValidationError for invalid options; `tell` for invalid distances; `result()` before
 *   all draws are told, or when no draw came within `tolerance`.
 * @example
 * const abc = abcRejection({ bounds: { mu: [-5, 5] }, draws: 10_000, acceptFraction: 0.01, seed: "r" });
 * while (!abc.done) abc.tell(abc.ask().map((p) => Math.abs(simulateMean(p.mu) - observedMean)));
 * abc.result().particles // the 100 closest draws
 */
export function abcRejection(options: AbcRejectionOptions): AbcSampler {
  const issues = new Issues("abcRejection");
  if (typeof options !== "object" || options === null) {
    issues.add("options", `must be an object, got ${showValue(options)}`);
    issues.throwIfAny();
  }
  const prior = checkBounds(issues, options.bounds);
  issues.string("seed", options.seed);
  issues.integer("draws", options.draws, 1, 100_000_000);
  const batchSize = options.batchSize ?? options.draws;
  issues.integer("batchSize", batchSize, 1);
  if (options.tolerance !== undefined && options.acceptFraction !== undefined) {
    issues.add("tolerance", "give either tolerance or acceptFraction, not both");
  }
  if (options.tolerance !== undefined && !(typeof options.tolerance === "number" && options.tolerance >= 0)) {
    issues.add("tolerance", `must be a number >= 0, got ${showValue(options.tolerance)}`);
  }
  const fraction = options.tolerance === undefined ? (options.acceptFraction ?? 0.01) : undefined;
  if (fraction !== undefined && !(typeof fraction === "number" && fraction > 0 && fraction <= 1)) {
    issues.add("acceptFraction", `must be in (0, 1], got ${showValue(fraction)}`);
  }
  issues.throwIfAny();
  const rng = makeRng(`abcRejection:${options.seed}`);
  const xs: number[][] = [];
  const ds: number[] = [];
  let pending: number[][] = [];

  const sampler: AbcSampler = {
    get done() {
      return ds.length === options.draws;
    },
    ask() {
      if (ds.length === options.draws) return [];
      if (pending.length === 0) {
        const size = Math.min(batchSize, options.draws - ds.length);
        for (let i = 0; i < size; i++) pending.push(drawPrior(prior, rng));
      }
      return pending.map((x) => toRecord(prior.names, x));
    },
    tell(values: readonly number[]) {
      checkDistances("abcRejection", values, pending.length);
      pending.forEach((x, i) => {
        xs.push(x);
        ds.push(values[i]);
      });
      pending = [];
    },
    result() {
      const e = new Issues("abcRejection.result");
      if (ds.length < options.draws) {
        e.add("", `only ${ds.length} of ${options.draws} draws have been told`);
        e.throwIfAny();
      }
      let keep: number[];
      let tolerance: number;
      if (fraction !== undefined) {
        const m = Math.max(1, Math.round(fraction * options.draws));
        keep = ds
          .map((_, i) => i)
          .sort((a, b) => ds[a] - ds[b] || a - b)
          .slice(0, m)
          .sort((a, b) => a - b);
        tolerance = keep.reduce((m, i) => Math.max(m, ds[i]), 0);
      } else {
        tolerance = options.tolerance as number;
        keep = ds.map((_, i) => i).filter((i) => ds[i] <= tolerance);
        if (keep.length === 0) {
          e.add("tolerance", `no draw came within tolerance ${tolerance}; the smallest distance was ${ds.reduce((m, d) => Math.min(m, d), Infinity)}`);
          e.throwIfAny();
        }
      }
      const w = new Array<number>(keep.length).fill(1 / keep.length);
      return buildResult(
        prior,
        keep.map((i) => xs[i]),
        w,
        keep.map((i) => ds[i]),
        [tolerance],
        [keep.length / options.draws],
        ds.length,
      );
    },
  };
  return sampler;
}
