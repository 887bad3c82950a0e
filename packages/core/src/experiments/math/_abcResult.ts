/**
 * The weighted sample an ABC sampler returns, with its posterior mean, standard deviation and
 * effective sample size.
 * @internal
 * @module
 */
import type { AbcResult } from "./abc";
import type { Prior } from "./_abcPrior";

/** A point as an object of parameter values by name. @internal */
export const toRecord = (names: readonly string[], x: readonly number[]): Record<string, number> => {
  const r: Record<string, number> = {};
  names.forEach((name, d) => (r[name] = x[d]));
  return r;
};

/** The result of a weighted sample of points (weights summing to 1). @internal */
export function buildResult(
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
