/**
 * The anticipated-admission choice of the mean-field projection (docs/model.md 3.3.4 with Gumbel
 * shocks): the share of a group that chooses each option, integrated exactly for pi = 1 and by
 * Gauss–Legendre quadrature for pi < 1.
 * @internal
 * @module
 */

/** Gauss–Legendre nodes and weights on [0, 1] (one panel). */
export interface QuadratureNodes {
  readonly x: Float64Array;
  readonly w: Float64Array;
}

/**
 * P(choose j) for each option of an agent with values V (stay at index `stay`) and anticipated
 * admission probabilities pi, under the anticipated-admission rule of docs/model.md 3.3.4 with
 * Gumbel shocks. With e_k = pi_k e^(V_k − V_stay) and b_k = 1 − pi_k, integrating the stay shock
 * out analytically gives the one-dimensional integral
 *   P(j) = ∫_0^1 e_j / (1 − b_j x)² / (1 + h(x))² dx,   h(x) = Σ_k e_k x / (1 − b_k x),
 * which the substitution v = E x / (1 + E x), E = Σ_k e_k, turns into the integral of a bounded,
 * smooth function, evaluated by Gauss–Legendre on two panels (x below and above 1/2). With every
 * pi = 1 it is the softmax exactly. The reference of {@link bandChoices}, one agent at a time.
 * @example
 * const out = new Float64Array(3);
 * const values = Float64Array.of(0, -1, -1.5); // stay first
 * anticipatedChoice(values, Float64Array.of(1, 0.4, 1), Uint8Array.of(1, 1, 1), 0, out, gaussLegendre01(6));
 * @internal
 */
export function anticipatedChoice(
  values: Float64Array,
  pis: Float64Array,
  open: Uint8Array,
  stay: number,
  out: Float64Array,
  nodes: QuadratureNodes,
): void {
  const n = values.length;
  const e = new Float64Array(n);
  const bk = new Float64Array(n);
  const which = new Int32Array(n);
  const vs = values[stay];
  let allSure = true;
  let E = 0;
  // Compact list of the options that can be chosen: e_k and b_k = 1 - pi_k.
  let m = 0;
  for (let k = 0; k < n; k++) {
    out[k] = 0;
    if (k === stay || !open[k] || !(pis[k] > 0)) continue;
    const ek = pis[k] * Math.exp(values[k] - vs);
    if (!(ek > 0)) continue;
    e[m] = ek;
    bk[m] = 1 - Math.min(1, pis[k]);
    which[m++] = k;
    E += ek;
    if (pis[k] < 1) allSure = false;
  }
  if (m === 0) {
    out[stay] = 1;
    return;
  }
  if (allSure) {
    for (let q = 0; q < m; q++) out[which[q]] = e[q] / (1 + E);
    out[stay] = 1 / (1 + E);
    return;
  }
  // P(j) = ∫_0^1 e_j / (1 - b_j x)² / (1 + h(x))² dx. With v = E x / (1 + E x) (exact for pi = 1,
  // where h = E x) it becomes ∫ (e_j / E) [(1 + E x) / (1 + h(x))]² / (1 - b_j x)² dv, a bounded,
  // smooth integrand: Gauss–Legendre without root finding, on two panels, x in [0, 1/2] and
  // [1/2, 1] (the factor 1 / (1 - b x)² grows near x = 1 when some pi is small).
  let moved = 0;
  for (let panel = 0; panel < 2; panel++) {
    const x0 = panel === 0 ? 0 : 0.5;
    const x1 = panel === 0 ? 0.5 : 1;
    const v0 = (E * x0) / (1 + E * x0);
    const v1 = (E * x1) / (1 + E * x1);
    for (let q = 0; q < nodes.x.length; q++) {
      const v = v0 + (v1 - v0) * nodes.x[q];
      const x = v / (E * (1 - v));
      let h = 0;
      for (let k = 0; k < m; k++) h += (e[k] * x) / (1 - bk[k] * x);
      const ratio = (1 + E * x) / (1 + h);
      const w = ((v1 - v0) * nodes.w[q] * ratio * ratio) / E;
      for (let k = 0; k < m; k++) {
        const d = 1 - bk[k] * x;
        const p = (w * e[k]) / (d * d);
        out[which[k]] += p;
        moved += p;
      }
    }
  }
  out[stay] = 1 - moved;
}

/**
 * The options of one (type, skill bin) group: `e[q]`, the q-th option's e_k at lambda = 1, and
 * `bk[q]` = 1 − pi_k, for q < m; `allSure` when every pi = 1. Filled in place by the decision.
 */
export interface GroupOptions {
  readonly e: Float64Array;
  readonly bk: Float64Array;
  m: number;
  allSure: boolean;
}

/** The age bands of a group: lambda_a = e^(−ageTerm_a), and which bands hold people (1) or not (0). */
export interface BandFactors {
  readonly lambda: Float64Array;
  readonly on: Uint8Array;
}

/**
 * Scratch of {@link bandChoices}, allocated once per run: per node of the two panels, `nodeG`
 * holds g(x) x and `nodeC` the weight and each uncertain option's term (stride options + 1).
 */
export class ChoiceWorkspace {
  readonly nodes: QuadratureNodes;
  readonly nodeG: Float64Array;
  readonly nodeC: Float64Array;

  /** Scratch for groups of up to `maxOptions` options, on `nodes` per panel. */
  constructor(nodes: QuadratureNodes, maxOptions: number) {
    this.nodes = nodes;
    this.nodeG = new Float64Array(2 * nodes.x.length);
    this.nodeC = new Float64Array(2 * nodes.x.length * (maxOptions + 1));
  }
}

/**
 * The anticipated-admission choice of one (type, skill bin) group at every age band at once. The
 * bands differ only by the age cost, which scales every e_k of the non-stay options by the same
 * factor lambda_a = e^(−ageTerm_a); so the integrand's nodes, the terms 1 / (1 − b_k x) and
 * h(x) / lambda are shared and each band costs one division per node. The change of variable uses
 * E_ref = lambdaMax Σ_k e_k (the largest E among the bands), so the transformed integrand stays
 * bounded by 1 / lambda for every band. With every pi = 1 it is the softmax exactly.
 * out[a * m + q] = P(option q) in band a (bands not on are left as they were).
 * @example
 * const out = new Float64Array(bands.lambda.length * group.m);
 * bandChoices(group, bands, new ChoiceWorkspace(gaussLegendre01(6), group.m), out);
 * @internal
 */
export function bandChoices(group: GroupOptions, bands: BandFactors, work: ChoiceWorkspace, out: Float64Array): void {
  const { e, m } = group;
  let E = 0;
  for (let q = 0; q < m; q++) E += e[q];
  if (group.allSure) {
    softmaxBands(group, bands, E, out);
    return;
  }
  const nu = fillNodes(group, bands, E, work);
  if (nu <= 2) twoBandsPerPass(group, bands, nu, work, out);
  else if (nu <= 4) upToFourUncertain(group, bands, nu, work, out);
  // More than four uncertain options: generic accumulation.
  else anyUncertain(group, bands, nu, work, out);
}

/** Every pi = 1: the softmax of each band, in closed form. */
function softmaxBands(group: GroupOptions, bands: BandFactors, E: number, out: Float64Array): void {
  const { e, m } = group;
  const { lambda, on } = bands;
  for (let a = 0; a < lambda.length; a++) {
    if (!on[a]) continue;
    const lam = lambda[a];
    const inv = lam / (1 + lam * E);
    for (let q = 0; q < m; q++) out[a * m + q] = e[q] * inv;
  }
}

/**
 * The shared nodes of the bands' integrals: nodeG[n] = g(x_n) x_n and, per node, nodeC holds W
 * (the weight) and then W e_u / (1 − b_u x)² for each uncertain option u. Returns the number of
 * uncertain options (b > 0).
 */
function fillNodes(group: GroupOptions, bands: BandFactors, E: number, work: ChoiceWorkspace): number {
  const { e, bk, m } = group;
  const { lambda, on } = bands;
  const { nodes, nodeG, nodeC } = work;
  let lamMax = 0;
  for (let a = 0; a < lambda.length; a++) if (on[a] && lambda[a] > lamMax) lamMax = lambda[a];
  const Er = E * lamMax;
  // Options admitted for sure (b = 0) share the factor 1 / (1 − b x) = 1: one accumulator for all
  // of them (their shares are e_k times it); the others (at most nu) get their own.
  let Es = 0;
  let nu = 0;
  for (let q = 0; q < m; q++) {
    if (bk[q] > 0) nu++;
    else Es += e[q];
  }
  const stride = nu + 1;
  const nq = nodes.x.length;
  let n = 0;
  for (let panel = 0; panel < 2; panel++) {
    const x0 = panel === 0 ? 0 : 0.5;
    const x1 = panel === 0 ? 0.5 : 1;
    const v0 = (Er * x0) / (1 + Er * x0);
    const v1 = (Er * x1) / (1 + Er * x1);
    for (let i = 0; i < nq; i++, n++) {
      const v = v0 + (v1 - v0) * nodes.x[i];
      const x = v / (Er * (1 - v));
      // dx = dv / (Er (1 − v)²) = dv (1 + Er x)² / Er.
      const W = ((v1 - v0) * nodes.w[i]) / (Er * (1 - v) * (1 - v));
      let g = Es;
      const o = n * stride;
      nodeC[o] = W;
      for (let q = 0, u = 1; q < m; q++) {
        const b = bk[q];
        if (!(b > 0)) continue;
        const inv = 1 / (1 - b * x);
        g += e[q] * inv;
        nodeC[o + u++] = W * e[q] * inv * inv;
      }
      nodeG[n] = g * x;
    }
  }
  return nu;
}

/** The common case (one or two uncertain options): two bands per pass over the nodes. */
function twoBandsPerPass(
  group: GroupOptions,
  bands: BandFactors,
  nu: number,
  work: ChoiceWorkspace,
  out: Float64Array,
): void {
  const { e, bk, m } = group;
  const { lambda, on } = bands;
  const { nodeG, nodeC } = work;
  const nA = lambda.length;
  const stride = nu + 1;
  const nn = 2 * work.nodes.x.length;
  for (let a = 0; a < nA; a++) {
    if (!on[a]) continue;
    let a2 = a + 1;
    while (a2 < nA && !on[a2]) a2++;
    const lamA = lambda[a];
    const lamB = a2 < nA ? lambda[a2] : lamA;
    let sA = 0;
    let pA1 = 0;
    let pA2 = 0;
    let sB = 0;
    let pB1 = 0;
    let pB2 = 0;
    for (let k = 0, o = 0; k < nn; k++, o += stride) {
      const g = nodeG[k];
      const w = nodeC[o];
      const c1 = nodeC[o + 1];
      const c2 = nu > 1 ? nodeC[o + 2] : 0;
      const dA = 1 / (1 + lamA * g);
      const dB = 1 / (1 + lamB * g);
      const fA = lamA * dA * dA;
      const fB = lamB * dB * dB;
      sA += fA * w;
      pA1 += fA * c1;
      pA2 += fA * c2;
      sB += fB * w;
      pB1 += fB * c1;
      pB2 += fB * c2;
    }
    for (let pass = 0; pass < 2; pass++) {
      const band = pass === 0 ? a : a2;
      if (band >= nA) break;
      const base = band * m;
      const s0 = pass === 0 ? sA : sB;
      const p1 = pass === 0 ? pA1 : pB1;
      const p2 = pass === 0 ? pA2 : pB2;
      for (let q = 0, u = 1; q < m; q++) {
        if (bk[q] > 0) {
          out[base + q] = u === 1 ? p1 : p2;
          u++;
        } else out[base + q] = e[q] * s0;
      }
    }
    a = a2;
  }
}

/** Three or four uncertain options: one band per pass, the sums in registers. */
function upToFourUncertain(
  group: GroupOptions,
  bands: BandFactors,
  nu: number,
  work: ChoiceWorkspace,
  out: Float64Array,
): void {
  const { e, bk, m } = group;
  const { lambda, on } = bands;
  const { nodeG, nodeC } = work;
  const stride = nu + 1;
  const nn = 2 * work.nodes.x.length;
  for (let a = 0; a < lambda.length; a++) {
    if (!on[a]) continue;
    const lam = lambda[a];
    let s0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    let p4 = 0;
    for (let k = 0, o = 0; k < nn; k++, o += stride) {
      const d = 1 / (1 + lam * nodeG[k]);
      const f = lam * d * d;
      s0 += f * nodeC[o];
      p1 += f * nodeC[o + 1];
      if (nu > 1) p2 += f * nodeC[o + 2];
      if (nu > 2) p3 += f * nodeC[o + 3];
      if (nu > 3) p4 += f * nodeC[o + 4];
    }
    const base = a * m;
    for (let q = 0, u = 1; q < m; q++) {
      if (bk[q] > 0) {
        out[base + q] = u === 1 ? p1 : u === 2 ? p2 : u === 3 ? p3 : p4;
        u++;
      } else out[base + q] = e[q] * s0;
    }
  }
}

/** More than four uncertain options: each option's sum accumulated in `out`. */
function anyUncertain(
  group: GroupOptions,
  bands: BandFactors,
  nu: number,
  work: ChoiceWorkspace,
  out: Float64Array,
): void {
  const { e, bk, m } = group;
  const { lambda, on } = bands;
  const { nodeG, nodeC } = work;
  const stride = nu + 1;
  const nn = 2 * work.nodes.x.length;
  for (let a = 0; a < lambda.length; a++) {
    if (!on[a]) continue;
    const lam = lambda[a];
    const base = a * m;
    for (let k = 0, o = 0; k < nn; k++, o += stride) {
      const d = 1 / (1 + lam * nodeG[k]);
      const f = lam * d * d;
      if (k === 0) for (let q = 0; q < m; q++) out[base + q] = 0;
      for (let q = 0, u = 1; q < m; q++) {
        if (bk[q] > 0) out[base + q] += f * nodeC[o + u++];
        else out[base + q] += f * nodeC[o] * e[q];
      }
    }
  }
}
