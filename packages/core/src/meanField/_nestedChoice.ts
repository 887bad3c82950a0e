/**
 * The anticipated-admission choice of the mean-field projection when some options share a nest
 * (docs/model.md 3.3.4, nested logit): closed form when every pi = 1, otherwise a one-dimensional
 * integral, evaluated by Gauss–Legendre on panels (see {@link nestedBandChoices}).
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
 *
 * Age bands. A band's age cost scales every destination's e_k by the same rho. A nest of
 * destinations then scales as a whole, (Σ (rho q_k)^(1/λ))^λ = rho P_m^λ, so with staying in no
 * nest H = (1 + rho x g(x)) / x and P(j) = ∫ rho c_j(x) / (1 + rho x g(x))² dx, with g and c_j
 * free of rho (as in the unnested code): the nodes are shared by the bands and each band costs a
 * few operations per node. With staying in a nest, only that nest's sum depends on rho in another
 * way, P_0 = x^(−1/λ_0) + rho^(1/λ_0) A(x), which costs one power per band and node.
 * @internal
 * @module
 */
import type { BandFactors, GroupOptions, QuadratureNodes } from "./_choice";

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

/** Room for the panels' cuts: 0, 1/2, 1, halvings towards x = 1 and cuts around x*. */
const MAX_CUTS = 48;

/**
 * Scratch of {@link nestedBandChoices}, allocated once per run: per-nest sums, the panels' cuts,
 * and per node of every panel its weight, x^(−1/λ_0), the stay nest's sum A, the rest g and each
 * option's coefficient.
 */
export class NestedWorkspace {
  readonly sums: Float64Array;
  readonly cuts = new Float64Array(MAX_CUTS);
  readonly nodeW: Float64Array;
  readonly nodeS: Float64Array;
  readonly nodeA: Float64Array;
  readonly nodeG: Float64Array;
  /** Each option's coefficient, option-major: nodeC[q * capacity + k], so a band sums each option's run. */
  readonly nodeC: Float64Array;
  /** Per node of one band: the factor of the options outside the stay nest (and of those in it). */
  readonly bandF: Float64Array;
  readonly bandOwn: Float64Array;
  /** Per option of a nest: e_q^(1/λ) at rho = 1, computed once per group rather than per node. */
  readonly ePow: Float64Array;
  /** Nodes the scratch holds (every panel's). */
  readonly capacity: number;

  /** Scratch for up to `nests` nests, `options` options and `nodes` Gauss–Legendre nodes per panel. */
  constructor(nests: number, options: number, nodes: number) {
    const n = MAX_CUTS * nodes;
    const width = Math.max(options, 1);
    this.capacity = n;
    this.sums = new Float64Array(Math.max(nests, 1));
    this.nodeW = new Float64Array(n);
    this.nodeS = new Float64Array(n);
    this.nodeA = new Float64Array(n);
    this.nodeG = new Float64Array(n);
    this.nodeC = new Float64Array(n * width);
    this.bandF = new Float64Array(n);
    this.bandOwn = new Float64Array(n);
    this.ePow = new Float64Array(width);
  }
}

/**
 * The nested anticipated-admission choice of one (type, skill bin) group at every age band:
 * out[a * m + q] = P(option q) in band a (bands not on are left as they were); staying takes
 * the rest. `group` as in the unnested choice (_choice.ts, e_k at rho = 1, b_k = 1 − pi_k),
 * `bands.lambda[a]` the band's age factor rho. Closed form when every pi = 1, else the integral
 * of the module's TSDoc on Gauss–Legendre panels in v = E x / (1 + E x) (E the destinations'
 * inclusive value at the largest rho), cut where 1 − b_max x halves (towards x = 1, where a small
 * pi makes 1 / (1 − b x)^(1/λ) steep) and, with staying in a nest, every 2λ_0 in ln x within
 * 6λ_0 of the crossing x* = 1 / (rho Â^λ_0) of x^(−1/λ_0) and the nest's sum. At the default 6
 * nodes per panel the shares are within about 3e-9 of the integral's value for λ ≥ 0.3 and any
 * pi ≥ 0.05, within about 3e-6 for λ = 0.1.
 * @example
 * nestedBandChoices(group, nests, bands, gaussLegendre01(6), new NestedWorkspace(1, group.m, 6), out);
 * @internal
 */
export function nestedBandChoices(
  group: GroupOptions,
  nests: GroupNests,
  bands: BandFactors,
  nodes: QuadratureNodes,
  work: NestedWorkspace,
  out: Float64Array,
): void {
  const { e, m } = group;
  const { lambda: rhos, on } = bands;
  const { optionNest, lambda } = nests;
  const sums = work.sums;
  // Inclusive values at rho = 1: the destinations' (E) and the stay nest's destinations' (A0).
  sums.fill(0);
  let E = 0;
  for (let q = 0; q < m; q++) {
    const n = optionNest[q];
    if (n >= 0) sums[n] += e[q] ** (1 / lambda[n]);
    else E += e[q];
  }
  const A0 = nests.stayNest >= 0 ? sums[nests.stayNest] : 0;
  for (let n = 0; n < sums.length; n++) if (sums[n] > 0) E += sums[n] ** lambda[n];
  let rhoMin = Infinity;
  let rhoMax = 0;
  for (let a = 0; a < rhos.length; a++) {
    if (!on[a]) continue;
    const rho = rhos[a];
    if (rho > rhoMax) rhoMax = rho;
    if (rho < rhoMin) rhoMin = rho;
    if (group.allSure) closedForm(group, nests, rho, work, out, a * m);
  }
  if (group.allSure || rhoMax === 0) return;
  const count = fillNodes(group, nests, E * rhoMax, A0, rhoMin, rhoMax, nodes, work);
  for (let a = 0; a < rhos.length; a++) {
    if (!on[a]) continue;
    if (nests.stayNest >= 0) stayNestBand(group, nests, rhos[a], count, work, out, a * m);
    else plainStayBand(nests, m, rhos[a], count, work, out, a * m);
  }
}

/** Every pi = 1: the nested logit of one band, in closed form. */
function closedForm(
  group: GroupOptions,
  nests: GroupNests,
  rho: number,
  work: NestedWorkspace,
  out: Float64Array,
  base: number,
): void {
  const { e, m } = group;
  const { optionNest, stayNest, lambda } = nests;
  const sums = work.sums;
  sums.fill(0);
  let D = stayNest >= 0 ? 0 : 1;
  for (let q = 0; q < m; q++) {
    const n = optionNest[q];
    if (n >= 0) sums[n] += (rho * e[q]) ** (1 / lambda[n]);
    else D += rho * e[q];
  }
  if (stayNest >= 0) sums[stayNest] += 1;
  for (let n = 0; n < sums.length; n++) if (sums[n] > 0) D += sums[n] ** lambda[n];
  for (let q = 0; q < m; q++) {
    const n = optionNest[q];
    const eq = rho * e[q];
    out[base + q] = n >= 0 ? (eq ** (1 / lambda[n]) * sums[n] ** (lambda[n] - 1)) / D : eq / D;
  }
}

/**
 * The panels' cuts (see {@link nestedBandChoices}) and every node's shared terms; returns the
 * number of nodes. With staying in no nest the node's weight is that of dx, g(x) is kept times x,
 * and c_q is each option's coefficient; with staying in a nest the weight is that of dx / x, and
 * the node keeps x^(−1/λ_0), A(x), the rest of H at rho = 1, and per option of the stay nest
 * q^(1/λ_0) / (1 − b x), per other option alpha at rho = 1.
 */
function fillNodes(
  group: GroupOptions,
  nests: GroupNests,
  Er: number,
  A0: number,
  rhoMin: number,
  rhoMax: number,
  nodes: QuadratureNodes,
  work: NestedWorkspace,
): number {
  const { e, bk, m } = group;
  const { optionNest, stayNest, lambda } = nests;
  const { sums, cuts, nodeW, nodeS, nodeA, nodeG, nodeC, ePow, capacity } = work;
  const nNests = sums.length;
  // Powers are most of the cost (a general x ** y takes about ten times a product; V8 computes y = 2
  // and y = 0.5 quickly), so each node takes as few as it can: e_q^(1/λ) once per group, one
  // (1 − b x)^(−1/λ) per distinct b of a nest (a lottery's regions share theirs), P^(λ − 1) as P^λ / P.
  for (let q = 0; q < m; q++) {
    const n = optionNest[q];
    if (n >= 0) ePow[q] = e[q] ** (1 / lambda[n]);
  }
  const panels = panelCuts(bk, m, stayNest >= 0 ? lambda[stayNest] : 1, A0, rhoMin, rhoMax, cuts);
  const nq = nodes.x.length;
  let k = 0;
  for (let p = 0; p < panels; p++) {
    const v0 = (Er * cuts[p]) / (1 + Er * cuts[p]);
    const v1 = (Er * cuts[p + 1]) / (1 + Er * cuts[p + 1]);
    if (!(v1 > v0)) continue;
    for (let i = 0; i < nq; i++, k++) {
      const v = v0 + (v1 - v0) * nodes.x[i];
      const x = v / (Er * (1 - v));
      // dx = dv / (Er (1 − v)²).
      const dx = ((v1 - v0) * nodes.w[i]) / (Er * (1 - v) * (1 - v));
      for (let n = 0; n < nNests; n++) sums[n] = 0;
      let plain = 0;
      let lastB = -1;
      let lastNest = -1;
      let lastPow = 1;
      for (let q = 0; q < m; q++) {
        const b = bk[q];
        const d = 1 / (1 - b * x);
        const n = optionNest[q];
        if (n >= 0) {
          if (b !== lastB || n !== lastNest) {
            lastPow = b === 0 ? 1 : d ** (1 / lambda[n]);
            lastB = b;
            lastNest = n;
          }
          const t = ePow[q] * lastPow;
          sums[n] += t;
          nodeC[q * capacity + k] = t * d;
        } else {
          const qk = e[q] * d;
          plain += qk;
          nodeC[q * capacity + k] = qk * d;
        }
      }
      let g = plain;
      for (let n = 0; n < nNests; n++) {
        const sn = sums[n];
        if (!(sn > 0)) continue;
        const P = sn ** lambda[n];
        if (n !== stayNest) g += P;
        // Each nested option's coefficient takes its nest's P^(λ − 1) (the stay nest's per band).
        sums[n] = n === stayNest ? sn : P / sn;
      }
      for (let q = 0; q < m; q++) {
        const n = optionNest[q];
        if (n >= 0 && n !== stayNest) nodeC[q * capacity + k] *= sums[n];
      }
      if (stayNest >= 0) {
        nodeW[k] = dx / x;
        nodeS[k] = 1 / x ** (1 / lambda[stayNest]);
        nodeA[k] = sums[stayNest];
        nodeG[k] = g;
      } else {
        nodeW[k] = dx;
        nodeG[k] = g * x;
      }
    }
  }
  return k;
}

/** The cuts between panels in x, into `cuts`; returns the number of panels. */
function panelCuts(
  bk: Float64Array,
  m: number,
  lambda0: number,
  A0: number,
  rhoMin: number,
  rhoMax: number,
  cuts: Float64Array,
): number {
  let n = 0;
  cuts[n++] = 0;
  cuts[n++] = 0.5;
  let b = 0;
  for (let q = 0; q < m; q++) if (bk[q] > b) b = bk[q];
  if (b > 0.5) {
    for (let gap = (1 - b / 2) / 2; gap > 1 - b && n < MAX_CUTS / 2; gap /= 2) cuts[n++] = (1 - gap) / b;
  }
  if (A0 > 0 && lambda0 < 1) {
    // x* = (rho^(1/λ) A0)^(−λ) = 1 / (rho A0^λ): from the largest rho's − 6λ to the smallest's + 6λ.
    const lo = -Math.log(rhoMax * A0 ** lambda0) - 6 * lambda0;
    const hi = -Math.log(rhoMin * A0 ** lambda0) + 6 * lambda0;
    for (let ln = lo; ln <= hi + 1e-12 && n < MAX_CUTS - 1; ln += 2 * lambda0) {
      const x = Math.exp(ln);
      if (x > 0 && x < 1) cuts[n++] = x;
    }
  }
  cuts[n++] = 1;
  // Insertion sort of a few dozen cuts; equal neighbours make empty panels, which are skipped.
  for (let i = 1; i < n; i++) {
    const c = cuts[i];
    let j = i - 1;
    for (; j >= 0 && cuts[j] > c; j--) cuts[j + 1] = cuts[j];
    cuts[j + 1] = c;
  }
  return n - 1;
}

/**
 * Each option's integral over the nodes, out[base + q] = Σ_k f_k c_q,k, with f = `own` for the options of
 * the stay nest and `other` for the rest (the same array when staying is in no nest). Summed in node
 * order, as one accumulator per option would.
 */
function sumOptions(
  m: number,
  count: number,
  work: NestedWorkspace,
  optionNest: Int32Array,
  stayNest: number,
  own: Float64Array,
  other: Float64Array,
  out: Float64Array,
  base: number,
): void {
  const { nodeC, capacity } = work;
  for (let q = 0; q < m; q++) {
    const f = stayNest >= 0 && optionNest[q] === stayNest ? own : other;
    const c0 = q * capacity;
    let acc = 0;
    for (let k = 0; k < count; k++) acc += f[k] * nodeC[c0 + k];
    out[base + q] = acc;
  }
}

/** Staying in no nest: P(q) = ∫ rho c_q / (1 + rho x g)² dx, as in the unnested code. */
function plainStayBand(
  nests: GroupNests,
  m: number,
  rho: number,
  count: number,
  work: NestedWorkspace,
  out: Float64Array,
  base: number,
): void {
  const { nodeW, nodeG, bandF } = work;
  for (let k = 0; k < count; k++) {
    const d = 1 / (1 + rho * nodeG[k]);
    bandF[k] = nodeW[k] * rho * d * d;
  }
  sumOptions(m, count, work, nests.optionNest, -1, bandF, bandF, out, base);
}

/** Staying in nest 0: P(q) = ∫ (K α_q / H² + κ_q / H) dx / x with P_0 = x^(−1/λ_0) + rho^(1/λ_0) A. */
function stayNestBand(
  group: GroupOptions,
  nests: GroupNests,
  rho: number,
  count: number,
  work: NestedWorkspace,
  out: Float64Array,
  base: number,
): void {
  const { optionNest, stayNest, lambda } = nests;
  const { nodeW, nodeS, nodeA, nodeG, bandF, bandOwn } = work;
  const l0 = lambda[stayNest];
  const scale0 = rho ** (1 / l0);
  const kappaFactor = (1 - l0) / l0;
  for (let k = 0; k < count; k++) {
    const s = nodeS[k];
    const P0 = s + scale0 * nodeA[k];
    const P0l = P0 ** l0;
    const H = P0l + rho * nodeG[k];
    const inner = P0l / P0; // P_0^(λ_0 − 1)
    const KH = (inner * s) / (H * H);
    const w = nodeW[k];
    // In the stay nest: K α + κ H = P_0^(λ−1) rho^(1/λ) t (K / H² + (1−λ)/λ s / (P_0 H)).
    bandOwn[k] = w * inner * scale0 * (KH + (kappaFactor * s) / (P0 * H));
    bandF[k] = w * KH * rho;
  }
  sumOptions(group.m, count, work, optionNest, stayNest, bandOwn, bandF, out, base);
}

/**
 * P(option q) of one band with age factor `rho`, into out[base + q]: {@link nestedBandChoices}
 * for a single band (the reference the tests compare with formulas).
 * @example
 * nestedShares(group, nests, 1, gaussLegendre01(6), new NestedWorkspace(1, group.m, 6), out, 0);
 * @internal
 */
export function nestedShares(
  group: GroupOptions,
  nests: GroupNests,
  rho: number,
  nodes: QuadratureNodes,
  work: NestedWorkspace,
  out: Float64Array,
  base: number,
): void {
  const band = new Float64Array(group.m);
  nestedBandChoices(group, nests, { lambda: Float64Array.of(rho), on: Uint8Array.of(1) }, nodes, work, band);
  out.set(band, base);
}

/**
 * Fills the nests of options `which` (staying in `nests.stayNest`, home for the forced choice)
 * from each region's nest; whether some nest holds two of the options (staying included).
 * `nestCount` is scratch, one slot per nest.
 */
export function countNests(
  regionNest: Int32Array,
  nestCount: Int32Array,
  nests: GroupNests,
  which: Int32Array,
  nm: number,
): boolean {
  const { optionNest, stayNest } = nests;
  if (nestCount.length === 0) return false;
  nestCount.fill(0);
  if (stayNest >= 0) nestCount[stayNest] = 1;
  let nested = false;
  for (let q = 0; q < nm; q++) {
    const n = regionNest[which[q]];
    optionNest[q] = n;
    if (n >= 0 && ++nestCount[n] > 1) nested = true;
  }
  return nested;
}
