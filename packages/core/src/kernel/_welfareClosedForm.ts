/**
 * The welfare gain of docs/model.md 3.3.13 in closed form, by partial fractions and dilogarithms.
 *
 * Group the destinations by admission chance: m distinct chances p_g, each with the summed
 * r of its destinations, R_g = Σ_{j in g} e^(V_j − V_stay), and c_g = R_g p_g. The gain is
 *
 *   G = Σ_g p_g ∫_0^∞ ln(1 + y / p_g) D_g(y) dy,   D_g(y) = c_g Π_{h≠g} (p_h + y)² / P(y)²,
 *
 * where P(y) = Π_h (p_h + y) (1 + C(y)) = Π_i (y + ρ_i) is a polynomial of degree m whose roots
 * −ρ_i are real and simple: 1 + C(−ρ) = 1 + Σ_h c_h / (p_h − ρ) increases from −∞ to +∞ between
 * consecutive chances (one root in each (p_k, p_k+1)) and from −∞ to 1 above the largest (one root
 * in (p_m, p_m + Σ c_h]). Then D_g = Σ_i A_gi / (y + ρ_i)² + B_gi / (y + ρ_i) with Σ_i B_gi = 0
 * (D_g falls as 1/y²), and the two integrals are
 *
 *   ∫_0^∞ ln(1 + y/p) / (y + ρ)² dy = ln(ρ/p) / (ρ − p),
 *   Σ_i B_i ∫_0^∞ ln(1 + y/p) / (y + ρ_i) dy = Σ_i B_i Li2(1 − ρ_i / p)
 *
 * (the second: d/dρ of the truncated integral is −ln(ρ/p)/(ρ − p), whose antiderivative is
 * Li2(1 − ρ/p); the constants cancel because Σ_i B_i = 0). So
 *
 *   G = Σ_g p_g Σ_i [ A_gi ln(ρ_i/p_g) / (ρ_i − p_g) + B_gi Li2(1 − ρ_i/p_g) ],
 *   A_gi = c_g Π_{h≠g} (p_h − ρ_i)² / Π_{k≠i} (ρ_k − ρ_i)²,
 *   B_gi = A_gi [ Σ_{h≠g} 2 / (p_h − ρ_i) − Σ_{k≠i} 2 / (ρ_k − ρ_i) ].
 *
 * With one chance (m = 1) it is p ln(1 + R). The partial fractions lose digits when two chances
 * nearly coincide (their roots crowd together); {@link closedFormApplies} says when the result is
 * trusted, and the caller integrates numerically otherwise. Each root is kept as its offset from
 * the chance below it, so that p_h − ρ_i is computed without cancellation.
 * @internal
 * @module
 */

/** Most chance groups the closed form takes (its cost grows as m³). */
export const CLOSED_FORM_MAX_GROUPS = 6;
/** Smallest chance for which the closed form is used (below, ρ / p_g could overflow). */
export const CLOSED_FORM_MIN_CHANCE = 1e-12;
/**
 * Smallest relative gap between two chances for which the closed form is used
 * (test/kernel/welfareGain.test.ts).
 */
export const CLOSED_FORM_MIN_GAP = 1e-3;

const PI2_6 = (Math.PI * Math.PI) / 6;
/**
 * B_n / (n + 1)! for n = 2, 4, ..., 18 (B_0 = 1 and B_1 = −1/2 are written out):
 * Li2(x) = u − u²/4 + Σ_n B_n u^(n+1) / (n+1)!, u = −ln(1 − x).
 */
const S2 = 1 / 36;
const S4 = -1 / 3600;
const S6 = 1 / 211680;
const S8 = -1 / 10886400;
const S10 = 1 / 526901760;
const S12 = -691 / 2730 / 6227020800;
const S14 = 7 / 6 / 1307674368000;
const S16 = -3617 / 510 / 355687428096000;
const S18 = 43867 / 798 / 121645100408832000;

/** Li2(x) from u = −ln(1 − x), for |u| ≤ ln 2 (the terms fall as (u / 2π)^n: 18 orders reach 1e-16). */
function dilogSeries(u: number): number {
  const v = u * u;
  const odd = S2 + v * (S4 + v * (S6 + v * (S8 + v * (S10 + v * (S12 + v * (S14 + v * (S16 + v * S18)))))));
  return u - 0.25 * v + u * v * odd;
}

/**
 * Li2(−t) for t ≥ −1, given log1p(t) (which the caller needs too): the series where −t is in
 * [−1, 1/2], the inversion Li2(x) = −π²/6 − ln²(−x)/2 − Li2(1/x) below −1, and the reflection
 * Li2(x) = π²/6 − ln x ln(1 − x) − Li2(1 − x) above 1/2. At most one further logarithm.
 */
function dilogOfNegative(t: number, log1pT: number): number {
  if (t > 1) {
    const logT = Math.log(t);
    return -PI2_6 - 0.5 * logT * logT - dilogSeries(logT - log1pT);
  }
  if (t >= -0.5) return dilogSeries(-log1pT);
  if (t === -1) return PI2_6;
  const logX = Math.log(-t);
  return PI2_6 - logX * log1pT - dilogSeries(-logX);
}

/**
 * The dilogarithm Li2(x) = −∫_0^x ln(1 − t)/t dt for real x ≤ 1, to about 1e-15 relative.
 * @example
 * dilogarithm(1); // π² / 6
 * dilogarithm(-1); // −π² / 12
 * @internal
 */
export function dilogarithm(x: number): number {
  return dilogOfNegative(-x, Math.log1p(-x));
}

/** Scratch for {@link closedFormGain}, allocated once per run with room for `capacity` groups. */
export class ClosedFormScratch {
  /** Chances in ascending order, and c_g = R_g p_g in the same order. */
  readonly p: Float64Array;
  readonly c: Float64Array;
  /** Root i is ρ_i = p[i] + delta[i]. */
  readonly delta: Float64Array;

  constructor(capacity: number) {
    this.p = new Float64Array(capacity);
    this.c = new Float64Array(capacity);
    this.delta = new Float64Array(capacity);
  }
}

/**
 * Whether the closed form is used for these chances (sorted ascending): at most
 * {@link CLOSED_FORM_MAX_GROUPS} groups, none below {@link CLOSED_FORM_MIN_CHANCE}, and neighbours at
 * least {@link CLOSED_FORM_MIN_GAP} apart relative to the larger.
 */
export function closedFormApplies(p: Float64Array, m: number): boolean {
  if (m > CLOSED_FORM_MAX_GROUPS || !(p[0] >= CLOSED_FORM_MIN_CHANCE)) return false;
  for (let k = 1; k < m; k++) if (p[k] - p[k - 1] < CLOSED_FORM_MIN_GAP * p[k]) return false;
  return true;
}

/**
 * F(delta) = 1 + Σ c_h / (p_h − ρ) over the chances h other than p[k] and p[k + 1] (the poles that
 * bound bracket k), at ρ = p[k] + delta, and its derivative, into `out` ([value, slope]).
 */
function outerTerms(s: ClosedFormScratch, m: number, k: number, delta: number, out: Float64Array): void {
  const { p, c } = s;
  let f = 1;
  let slope = 0;
  for (let h = 0; h < m; h++) {
    if (h === k || h === k + 1) continue;
    const e = p[h] - p[k] - delta; // p_h − ρ
    f += c[h] / e;
    slope += c[h] / (e * e);
  }
  out[0] = f;
  out[1] = slope;
}

const VALUE_SLOPE = /* @__PURE__ */ new Float64Array(2);

/**
 * The offset above p[k] of the root in bracket k. The secular function 1 + C(−ρ) has poles at
 * both ends of the bracket, where Newton's method crawls; multiplied by δ (gap − δ) (by δ alone in
 * the last bracket, which is unbounded above) it is smooth on the bracket with the same sign, and
 * Newton's method, started from the root of its quadratic with the outer terms frozen and
 * safeguarded by bisection, converges in a few steps. Exact for two chances (no outer terms).
 */
function rootOffset(s: ClosedFormScratch, m: number, k: number): number {
  const { p, c } = s;
  const last = k === m - 1;
  const ck = c[k];
  const cNext = last ? 0 : c[k + 1];
  let hi: number;
  if (last) {
    hi = 0;
    for (let h = 0; h < m; h++) hi += c[h];
  } else hi = p[k + 1] - p[k];
  const gap = hi;
  let lo = 0;
  // g(δ) = q(δ) F(δ) − c_k (gap − δ) + c_k+1 δ with q = δ (gap − δ); in the last bracket q = δ and
  // g = δ F(δ) − c_k.
  outerTerms(s, m, k, last ? Math.min(ck, 0.5 * gap) : 0.5 * gap, VALUE_SLOPE);
  const F0 = VALUE_SLOPE[0];
  let x: number;
  if (last) x = F0 > 0 ? ck / F0 : 0.5 * gap;
  else {
    // −F0 δ² + (F0 gap + c_k + c_k+1) δ − c_k gap = 0, the root in (0, gap), in the stable form.
    const b = F0 * gap + ck + cNext;
    const disc = b * b - 4 * F0 * ck * gap;
    x = disc >= 0 ? (2 * ck * gap) / (b + Math.sqrt(disc)) : 0.5 * gap;
  }
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  for (let iteration = 0; iteration < 60; iteration++) {
    outerTerms(s, m, k, x, VALUE_SLOPE);
    const F = VALUE_SLOPE[0];
    const dF = VALUE_SLOPE[1];
    let g: number;
    let dg: number;
    if (last) {
      g = x * F - ck;
      dg = F + x * dF;
    } else {
      const q = x * (gap - x);
      g = q * F - ck * (gap - x) + cNext * x;
      dg = (gap - 2 * x) * F + q * dF + ck + cNext;
    }
    if (g === 0) return x;
    if (g < 0) lo = x;
    else hi = x;
    const step = g / dg;
    // Converged: the step is below rounding (it may land on the bracket's end it came from).
    if (Math.abs(step) <= 4e-16 * x) return x;
    let next = x - step;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    x = next;
  }
  return x;
}

/**
 * The gain of docs/model.md 3.3.13 for m chance groups already in `s` (p ascending, c = R p, every
 * c finite and positive), in closed form (see the module's comment). The caller checks
 * {@link closedFormApplies} first.
 */
export function closedFormGain(s: ClosedFormScratch, m: number): number {
  const { p, c, delta } = s;
  if (m === 1) return p[0] * Math.log1p(c[0] / p[0]);
  for (let k = 0; k < m; k++) delta[k] = rootOffset(s, m, k);
  let gain = 0;
  for (let i = 0; i < m; i++) {
    const di = delta[i];
    // Π_{k≠i} (ρ_k − ρ_i)² and Σ_{k≠i} 1 / (ρ_k − ρ_i)
    let rootProduct = 1;
    let rootSum = 0;
    for (let k = 0; k < m; k++) {
      if (k === i) continue;
      const d = p[k] - p[i] + (delta[k] - di);
      rootProduct *= d * d;
      rootSum += 1 / d;
    }
    for (let g = 0; g < m; g++) {
      let product = c[g];
      let sum = 0;
      for (let h = 0; h < m; h++) {
        if (h === g) continue;
        const e = p[h] - p[i] - di; // p_h − ρ_i
        product *= e * e;
        sum += 1 / e;
      }
      const A = product / rootProduct;
      const B = 2 * A * (sum - rootSum);
      const above = p[i] - p[g] + di; // ρ_i − p_g
      const t = above / p[g];
      const log1pT = Math.log1p(t);
      const logRatio = Math.abs(t) < 1e-8 ? (1 - 0.5 * t) / p[g] : log1pT / above;
      gain += p[g] * (A * logRatio + B * dilogOfNegative(t, log1pT));
    }
  }
  return gain;
}
