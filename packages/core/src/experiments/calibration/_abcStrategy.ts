/**
 * Approximate Bayesian computation: ABC-SMC or rejection ABC with uniform priors on the
 * parameters' bounds and the distance √(objective); the estimate is the posterior mean.
 * @internal
 * @module
 */
import { abcRejection, abcSmc, type AbcSampler } from "../math/abc";
import type { CalibrateOptions } from "../calibrate";
import type { EstimatedParameter } from "./_checkOptions";
import type { SearchStrategy } from "./_searchStrategy";

/**
 * The ABC sampler of `options.abc` (default ABC-SMC with 40 particles, 4 generations, quantile
 * 0.5; rejection: 200 draws, accept fraction 0.1), seeded from the master seed. @internal
 */
export function abcStrategy(
  params: readonly EstimatedParameter[],
  options: CalibrateOptions,
  seed: number | string,
): SearchStrategy {
  const sampler = abcSampler(params, options, seed);
  const toTheta = (point: Readonly<Record<string, number>>) => params.map((q) => point[q.path]);
  return {
    get done() {
      return sampler.done;
    },
    ask: () => sampler.ask().map(toTheta),
    tell: (objectives) => sampler.tell(objectives.map((v) => (Number.isFinite(v) ? Math.sqrt(v) : Infinity))),
    estimate: () => toTheta(sampler.result().mean),
    report: () => {
      const r = sampler.result();
      return {
        posterior: { particles: r.particles, weights: r.weights, sd: r.sd, tolerances: r.tolerances, ess: r.ess },
      };
    },
  };
}

function abcSampler(
  params: readonly EstimatedParameter[],
  options: CalibrateOptions,
  seed: number | string,
): AbcSampler {
  const settings = options.abc ?? {};
  const bounds = Object.fromEntries(params.map((p) => [p.path, [p.lower, p.upper] as const]));
  const abcSeed = `calibrate:${String(seed)}`;
  if (settings.algorithm === "rejection") {
    return abcRejection({
      bounds,
      seed: abcSeed,
      draws: settings.draws ?? options.maxEvaluations ?? 200,
      acceptFraction: settings.acceptFraction ?? 0.1,
    });
  }
  return abcSmc({
    bounds,
    seed: abcSeed,
    particles: settings.particles ?? 40,
    generations: settings.generations ?? 4,
    quantile: settings.quantile ?? 0.5,
    ...(options.maxEvaluations !== undefined
      ? { maxEvaluations: Math.max(options.maxEvaluations, settings.particles ?? 40) }
      : {}),
  });
}
