/**
 * The keyed positive-stable draw behind nested taste shocks (docs/model.md 3.3.4 and 4).
 * @module
 */
import { keyedHash, optionHash } from "./keyed";

/** 2^-32: maps a uint32 to [0, 1). */
const INV_2_32 = 2.3283064365386963e-10;

/**
 * The logarithm of a positive-stable draw S with Laplace transform E[e^(-tS)] = e^(-t^lambda),
 * 0 < lambda < 1, for one agent id on one stream, by the Chambers–Mallows–Stuck / Kanter
 * representation: with U ~ Uniform(0, π) and W ~ Exp(1),
 *   S = sin(λU) / sin(U)^(1/λ) · (sin((1 − λ)U) / W)^((1 − λ)/λ).
 * U and W come from one keyed hash of the id and its first option hash, so the draw is a pure
 * function of (key, id, lambda) and the same lambda gives the same S in every arm of a
 * comparison. Computed in logarithms, since S spans many orders of magnitude for small lambda.
 * With E_k ~ Exp(1) independent of S, λ (ln S − ln E_k) is a standard Gumbel shock, and the shocks
 * of the options sharing S have the nested-logit joint CDF exp(−(Σ_k e^(−x_k/λ))^λ).
 *
 * @example
 * const lnS = keyedLogPositiveStable(streamKey(seed, t, Purpose.Nest, 0), agentId, 0.5);
 */
export function keyedLogPositiveStable(key: number, id: number, lambda: number): number {
  const h = keyedHash(key, id);
  const u = (h + 0.5) * INV_2_32 * Math.PI;
  const w = -Math.log((optionHash(h, 0) + 0.5) * INV_2_32);
  return logPositiveStable(u, w, lambda);
}

/**
 * ln S of the Chambers–Mallows–Stuck / Kanter representation at U = `u` in (0, π) and W = `w` > 0
 * (see {@link keyedLogPositiveStable}).
 *
 * @example
 * Math.exp(logPositiveStable(Math.PI / 2, 1, 0.5)) // ≈ 0.5: sin(π/4) / sin(π/2)² · sin(π/4)
 */
export function logPositiveStable(u: number, w: number, lambda: number): number {
  const rest = 1 - lambda;
  const logSinLambda = Math.log(Math.sin(lambda * u));
  // With lambda = 1/2 the two sines are one (rest * u is lambda * u exactly): computed once.
  const logSinRest = rest === lambda ? logSinLambda : Math.log(Math.sin(rest * u));
  return logSinLambda - Math.log(Math.sin(u)) / lambda + (rest / lambda) * (logSinRest - Math.log(w));
}
