/**
 * The anticipated-admission choice of the mean-field projection when some options share a nest
 * (docs/model.md 3.3.4, nested logit): closed form when every pi = 1, otherwise a one-dimensional
 * integral, evaluated by Gauss–Legendre on the same two panels as the unnested choice (_choice.ts).
 *
 * Derivation. Take values relative to staying (V_stay = 0), e_k = pi_k e^(V_k), b_k = 1 − pi_k.
 * The shocks of the options and of staying have the GEV CDF F(x) = exp(−Σ_m P_m^(λ_m)) with
 * P_m = Σ_{k∈m} e^(−(x_k − V_k)/λ_m) (a region in no nest is a nest of its own with λ = 1).
 * Write y = e^(u_stay) and W_k = pi_k e^(u_k) + b_k y for the exponential of option k's anticipated
 * value. Given u_stay = ln y, "W_k ≤ z_k for every k" is "u_k ≤ ln((z_k − b_k y)/pi_k)", so
 * J(z; y) = ∂F/∂x_stay at those thresholds is the density of ln y jointly with every W_k ≤ z_k,
 * and P(j) = ∫ d ln y ∫_{z > y} ∂J/∂z_j |_{z_k = z} dz. Every term is homogeneous in z once
 * x = y / z is fixed: with q_k = e_k / (1 − b_k x), q_stay = 1/x and P_m, H = Σ_m P_m^(λ_m) the
 * sums at z = 1,
 *   J = e^(−H/z) z^(−1) K,   K = P_0^(λ_0 − 1) q_stay^(1/λ_0)            (0: the stay's nest)
 *   ∂J/∂z_j = e^(−H/z) (z^(−3) K α_j + z^(−2) κ_j),
 *   α_j = P_m^(λ_m − 1) q_j^(1/λ_m) / (1 − b_j x)                       (m: j's nest)
 *   κ_j = [j ∈ 0] (1 − λ_0)/λ_0 · P_0^(λ_0 − 2) q_stay^(1/λ_0) q_j^(1/λ_0) / (1 − b_j x).
 * Changing (ln y, z) to (x, z), d ln y = dx / x, and integrating z over (0, ∞) with
 * ∫ z^(−3) e^(−H/z) dz = 1/H² and ∫ z^(−2) e^(−H/z) dz = 1/H leaves
 *   P(j) = ∫_0^1 (K α_j / H² + κ_j / H) dx / x.
 * With every λ = 1 this is the unnested integral ∫ e_j / (1 − b_j x)² / (1 + h(x))² dx of
 * _choice.ts; with every pi = 1 it is the nested logit (a test checks both).
 * @internal
 * @module
 */
import type { QuadratureNodes } from "./_choice";

/**
 * The nests of one (type, skill bin) group: `optionNest[q]`, the nest of option q (−1: none, or a
 * nest of lambda 1), `stayNest` the nest of staying, and `lambda[n]` each nest's dissimilarity.
 * Filled in place by the decision.
 */
export interface GroupNests {
  readonly optionNest: Int32Array;
  stayNest: number;
  readonly lambda: Float64Array;
}

/** Scratch of {@link nestedShares}: per-nest sums, and per option the terms of one node. */
export class NestedWorkspace {
  readonly sums: Float64Array;
  readonly terms: Float64Array;
  /** The cuts between panels of the integral in x. */
  readonly cuts = new Float64Array(MAX_CUTS);

  /** Scratch for up to `nests` nests and `options` options. */
  constructor(nests: number, options: number) {
    this.sums = new Float64Array(Math.max(nests, 1));
    this.terms = new Float64Array(Math.max(options, 1));
  }
}

/**
 * P(option q) for the group's options q < m at age factor `rho` (every e_k scaled by rho),
 * written to out[base + q]; staying takes the rest. `e`, `bk` as in the unnested group
 * (_choice.ts). Closed form when `allSure` (every pi = 1), else the integral of the module's TSDoc
 * on two Gauss–Legendre panels in v = E x / (1 + E x), E the destinations' inclusive value.
 * @example
 * nestedShares(e, bk, m, true, 1, nests, gaussLegendre01(6), new NestedWorkspace(1, m), out, 0);
 * @internal
 */
export function nestedShares(
  e: Float64Array,
  bk: Float64Array,
  m: number,
  allSure: boolean,
  rho: number,
  nests: GroupNests,
  nodes: QuadratureNodes,
  work: NestedWorkspace,
  out: Float64Array,
  base: number,
): void {
  const { optionNest, stayNest, lambda } = nests;
  const { sums, terms } = work;
  sums.fill(0);
  let plain = 0;
  for (let q = 0; q < m; q++) {
    const n = optionNest[q];
    if (n >= 0) sums[n] += (rho * e[q]) ** (1 / lambda[n]);
    else plain += rho * e[q];
  }
  // The destinations' inclusive value: the scale of the change of variable (Σ e for lambda = 1).
  let E = plain;
  for (let n = 0; n < sums.length; n++) if (sums[n] > 0) E += sums[n] ** lambda[n];
  if (allSure) {
    if (stayNest >= 0) sums[stayNest] += 1;
    let D = plain + (stayNest >= 0 ? 0 : 1);
    for (let n = 0; n < sums.length; n++) if (sums[n] > 0) D += sums[n] ** lambda[n];
    for (let q = 0; q < m; q++) {
      const n = optionNest[q];
      const eq = rho * e[q];
      out[base + q] = n >= 0 ? (eq ** (1 / lambda[n]) * sums[n] ** (lambda[n] - 1)) / D : eq / D;
    }
    return;
  }
  for (let q = 0; q < m; q++) out[base + q] = 0;
  const panels = panelBounds(bk, m, stayNest >= 0 ? sums[stayNest] : 0, stayNest >= 0 ? lambda[stayNest] : 1, work);
  const cuts = work.cuts;
  const nq = nodes.x.length;
  for (let p = 0; p < panels; p++) {
    const x0 = cuts[p];
    const x1 = cuts[p + 1];
    const v0 = (E * x0) / (1 + E * x0);
    const v1 = (E * x1) / (1 + E * x1);
    for (let i = 0; i < nq; i++) {
      const v = v0 + (v1 - v0) * nodes.x[i];
      const x = v / (E * (1 - v));
      // dx / x = dv / (E x (1 − v)²).
      const weight = ((v1 - v0) * nodes.w[i]) / (E * x * (1 - v) * (1 - v));
      nodeTerms(e, bk, m, rho, x, nests, work);
      for (let q = 0; q < m; q++) out[base + q] += weight * terms[q];
    }
  }
}

/**
 * The panels of the integral in x, into work.cuts; returns their number. Besides the halves of
 * [0, 1], two features call for more: where some pi is small, 1 / (1 − b x)^(1/λ) rises steeply
 * towards x = 1, so the second half is cut where 1 − b_max x halves; and in the stay's nest,
 * x^(−1/λ) meets the destinations' sum A near x* = A^(−λ) within a few λ in ln x, so cuts go at
 * x* e^(2kλ), k = −3..3 (with the defaults of 6 nodes per panel the shares are within about
 * 3e-9 of the integral's value for λ ≥ 0.3 and any pi ≥ 0.05; for λ = 0.1 within 3e-6).
 */
function panelBounds(bk: Float64Array, m: number, stayNestSum: number, lambda0: number, work: NestedWorkspace): number {
  const cuts = work.cuts;
  let n = 0;
  cuts[n++] = 0;
  cuts[n++] = 0.5;
  let b = 0;
  for (let q = 0; q < m; q++) if (bk[q] > b) b = bk[q];
  if (b > 0.5) {
    for (let gap = (1 - b / 2) / 2; gap > 1 - b && n < MAX_CUTS - 10; gap /= 2) cuts[n++] = (1 - gap) / b;
  }
  if (stayNestSum > 0 && lambda0 < 1) {
    const xStar = stayNestSum ** -lambda0;
    for (let k = -3; k <= 3; k++) {
      const x = xStar * Math.exp(2 * k * lambda0);
      if (x > 0 && x < 1) cuts[n++] = x;
    }
  }
  cuts[n++] = 1;
  // Insertion sort of a handful of cuts; equal neighbours make empty panels, which add nothing.
  for (let i = 1; i < n; i++) {
    const c = cuts[i];
    let j = i - 1;
    for (; j >= 0 && cuts[j] > c; j--) cuts[j + 1] = cuts[j];
    cuts[j + 1] = c;
  }
  return n - 1;
}

/** Room for the panels' cuts: 0, 1/2, 1, up to 24 halvings towards x = 1 and 7 around x*. */
const MAX_CUTS = 34;

/** terms[q] = K α_q / H² + κ_q / H at x (module TSDoc); sums[n] left holding P_n. */
function nodeTerms(
  e: Float64Array,
  bk: Float64Array,
  m: number,
  rho: number,
  x: number,
  nests: GroupNests,
  work: NestedWorkspace,
): void {
  const { optionNest, stayNest, lambda } = nests;
  const { sums, terms } = work;
  sums.fill(0);
  const qStay = 1 / x;
  let H = 0;
  for (let q = 0; q < m; q++) {
    const qk = (rho * e[q]) / (1 - bk[q] * x);
    const n = optionNest[q];
    if (n >= 0) {
      terms[q] = qk ** (1 / lambda[n]);
      sums[n] += terms[q];
    } else {
      terms[q] = qk;
      H += qk;
    }
  }
  let K = qStay;
  let stayTerm = 0;
  if (stayNest >= 0) {
    stayTerm = qStay ** (1 / lambda[stayNest]);
    sums[stayNest] += stayTerm;
  } else H += qStay;
  for (let n = 0; n < sums.length; n++) if (sums[n] > 0) H += sums[n] ** lambda[n];
  let kappa = 0;
  if (stayNest >= 0) {
    const l0 = lambda[stayNest];
    const P0 = sums[stayNest];
    K = P0 ** (l0 - 1) * stayTerm;
    kappa = (((1 - l0) / l0) * P0 ** (l0 - 2) * stayTerm) / H;
  }
  const KH = K / (H * H);
  for (let q = 0; q < m; q++) {
    const n = optionNest[q];
    const d = 1 / (1 - bk[q] * x);
    if (n < 0) {
      // alpha = q_k^2 / e_k = q_k / (1 − b x) for an option of no nest.
      terms[q] = KH * terms[q] * d;
      continue;
    }
    const alpha = sums[n] ** (lambda[n] - 1) * terms[q] * d;
    terms[q] = KH * alpha + (n === stayNest ? kappa * terms[q] * d : 0);
  }
}
