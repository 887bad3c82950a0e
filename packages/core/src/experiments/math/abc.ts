/**
 * Approximate Bayesian computation (ABC): the posterior distribution of model parameters from
 * simulations alone, when the likelihood cannot be written down. Rejection ABC and ABC-SMC, both
 * in ask/tell form.
 * @module
 */
import type { AskTell } from "./askTell";
import { AbcRejectionSampler, checkAbcRejectionOptions } from "./_abcRejectionSampler";
import { AbcSmcSampler, checkAbcSmcOptions } from "./_abcSmcSampler";

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
  return new AbcSmcSampler(checkAbcSmcOptions(options));
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
  return new AbcRejectionSampler(checkAbcRejectionOptions(options));
}
