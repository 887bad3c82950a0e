/**
 * The welfare gain of docs/model.md 3.3.13 when taste shocks are nested (3.3.4): the same
 * expected utility of the decision's outcome, with the nests' correlation.
 *
 * With X_k = e^(u_k − V_stay) and c_k(y) = r_k pi_k / (pi_k + y), r_k = e^(V_k − V_stay), the
 * event "every option's excess Y_k = pi_k (X_k / X_stay − 1) is at most y_k" has the probability
 *
 *   H = K^(λ−1) / (K^λ + C_out),   K = 1 + Σ_{k in the stay's nest} c_k^(1/λ),
 *   C_out = Σ_{other nests m} (Σ_{k in m} c_k^(1/λ_m))^(λ_m) + Σ_{options in no nest} c_k
 *
 * (each c at its own y_k; λ the stay nest's, K = 1 when the stay region is in no nest, which
 * gives H = 1 / (1 + C_out)). It follows from the max-stable joint CDF of a nest,
 * exp(−(Σ_k (a_k / x_k)^(1/λ))^λ): the density of X_stay at s with the others below their bounds is
 * K^(λ−1) s^(−2) exp(−(K^λ + C_out) / s), whose integral over s is H. The density of "j is tried
 * with excess y" is (∂H/∂c_j) c_j'(y), so
 *
 *   gain = Σ_j ∫_0^∞ pi_j ln(1 + y / pi_j) (∂H/∂c_j)(y) c_j'(y) dy,
 *   ∂H/∂c_j = −K^(λ−1) ∂C_out/∂c_j / (K^λ + C_out)²                        (j outside the stay's nest)
 *   ∂H/∂c_j = K^(λ−2) ((λ − 1) C_out − K^λ) / (K^λ + C_out)² · c_j^(1/λ − 1) / λ   (j in it)
 *
 * with ∂C_out/∂c_j = S_m^(λ_m − 1) c_j^(1/λ_m − 1), S_m = Σ_{k in m} c_k^(1/λ_m), for j in nest m
 * (1 in no nest). With every λ = 1 it is the unnested integral of kernel/_welfareGain.ts. Taken
 * numerically with a double exponential rule of that file's kind ({@link NESTED_RULE}); per cell,
 * never per agent.
 * @internal
 * @module
 */
import { doubleExponentialRule, type QuadratureRule } from "./_welfareGain";

/**
 * The nodes of the nested integral: the double exponential trapezoid of step 0.2 over
 * [−4.2, 4.2], 43 nodes. On the nested problems of runs of `alliance2026` and `baseline` (46,957 to
 * 60,000 problems each, 25,000 and 200,000 agents) it agrees with a rule of step 1/64 over
 * [−5.5, 5.5] to 3.9e-15 relative at worst, as the unnested rule's 69 nodes do (3.8e-15), at 62% of
 * their cost; step 0.25 would agree to 1.1e-12, [−3.75, 3.75] to 2.5e-9 (docs/performance.md).
 */
export const NESTED_RULE: QuadratureRule = /* @__PURE__ */ doubleExponentialRule(0.2, 4.2);

/**
 * One decision problem with nests: per option, V_j − V_stay, the admission chance and the
 * option's nest (an index into `lambda`, −1 for none); the stay region's nest; each nest's λ.
 * Allocated once per run; `count` is reset per cell.
 */
export class NestedWelfareOptions {
  readonly logRatio: Float64Array;
  readonly pi: Float64Array;
  readonly nest: Int32Array;
  /** λ of each nest index used in `nest` and `stayNest`. */
  readonly lambda: Float64Array;
  /** Nest index of the stay region, −1 for none. */
  stayNest = -1;
  count = 0;
  /** Scratch per option: c_k, c_k', pi_k ln(1 + y/pi_k) and c_k^(1/λ) at one node; per nest: S_m. */
  private readonly c: Float64Array;
  private readonly slope: Float64Array;
  private readonly pay: Float64Array;
  private readonly power: Float64Array;
  private readonly nestSum: Float64Array;
  private readonly r: Float64Array;
  /**
   * Scratch per option: the first option of the same chance and 1/λ of its nest; per nest: the
   * other nests in use and each one's ∂H/∂C_out S_m^(λ_m − 1) at one node.
   */
  private readonly payFrom: Int32Array;
  private readonly exponent: Float64Array;
  private readonly used: Int32Array;
  private readonly nestFactor: Float64Array;

  /** The nodes of the integral in t. */
  private readonly nodeRatio: Float64Array;
  private readonly nodeWeight: Float64Array;

  /** Room for `capacity` options and as many nests; `rule` the nodes of the integral. */
  constructor(capacity: number, rule: QuadratureRule = NESTED_RULE) {
    this.nodeRatio = rule.ratio;
    this.nodeWeight = rule.weight;
    this.logRatio = new Float64Array(capacity);
    this.pi = new Float64Array(capacity);
    this.nest = new Int32Array(capacity);
    this.lambda = new Float64Array(capacity + 1);
    this.c = new Float64Array(capacity);
    this.slope = new Float64Array(capacity);
    this.pay = new Float64Array(capacity);
    this.power = new Float64Array(capacity);
    this.nestSum = new Float64Array(capacity + 1);
    this.r = new Float64Array(capacity);
    this.payFrom = new Int32Array(capacity);
    this.exponent = new Float64Array(capacity);
    this.used = new Int32Array(capacity + 1);
    this.nestFactor = new Float64Array(capacity + 1);
  }

  /** Empties the list for the next decision problem (nests and their λ stay as set). */
  reset(stayNest: number): void {
    this.count = 0;
    this.stayNest = stayNest;
  }

  /** Adds an option; pi <= 0 is left out (never tried). */
  add(logRatio: number, pi: number, nest: number): void {
    if (!(pi > 0)) return;
    this.logRatio[this.count] = logRatio;
    this.pi[this.count] = Math.min(1, pi);
    this.nest[this.count] = nest;
    this.count++;
  }

  /**
   * The expected utility of the decision's outcome minus the value of staying, with every
   * V_j − V_stay shifted by `shift` (the age term). 0 with no option.
   * @example
   * const o = new NestedWelfareOptions(2);
   * o.lambda[0] = 1; o.reset(-1); o.add(0, 1, 0);
   * o.gain(0); // ln 2, the logit logsum of two equal options
   */
  gain(shift: number): number {
    const n = this.count;
    if (n === 0) return 0;
    // The direct form raises c_k (up to about e^(V_k − V_stay)) to 1/λ: beyond e^600 it would
    // overflow, and the integral is taken in logarithms instead (slower, same value).
    let top = -Infinity;
    let smallest = 1;
    for (let k = 0; k < n; k++) {
      top = Math.max(top, this.logRatio[k] + shift);
      if (this.nest[k] >= 0) smallest = Math.min(smallest, this.lambda[this.nest[k]]);
    }
    if (this.stayNest >= 0) smallest = Math.min(smallest, this.lambda[this.stayNest]);
    if (top === -Infinity) return 0;
    return Math.max(top, 0) > 600 * smallest ? this.gainInLogs(shift) : this.gainDirect(shift);
  }

  /**
   * {@link gain} with every quantity as it is (fast; for V_j − V_stay well below 600 λ).
   *
   * Per node it evaluates each distinct admission chance's pi ln(1 + y / pi) once (options of
   * equal chance share it), raises to the powers 2 and 1/2 (λ = 1/2) by a product and a square
   * root, and clears only the nests in use. Each of these gives the value of the plain
   * expression bit for bit (fdlibm's pow, which V8 uses, returns x·x for the exponent 2 and
   * sqrt(x) for 1/2 and x >= 0), and every sum is taken in the same order: the gain is the same
   * double as the plain form's, at a fraction of the cost (most of which was pow and log1p).
   */
  gainDirect(shift: number): number {
    const n = this.count;
    const { logRatio, pi, nest, lambda, c, slope, pay, power, nestSum, r } = this;
    const { payFrom, exponent, used, nestFactor } = this;
    let sumR = 0;
    let piMax = 0;
    for (let k = 0; k < n; k++) {
      r[k] = Math.exp(logRatio[k] + shift);
      sumR += r[k];
      piMax = Math.max(piMax, pi[k]);
    }
    if (!(sumR > 0)) return 0;
    const stay = this.stayNest;
    const lambdaStay = stay >= 0 ? lambda[stay] : 1;
    const centre = piMax * (1 + sumR);
    // Per option: the first option of the same chance (whose pay it shares) and 1/λ of its nest;
    // the other nests in use, in ascending order (the order in which C_out adds them).
    let nestsUsed = 0;
    for (let k = 0; k < n; k++) {
      payFrom[k] = k;
      for (let j = 0; j < k; j++) {
        if (pi[j] === pi[k]) {
          payFrom[k] = j;
          break;
        }
      }
      const m = nest[k];
      exponent[k] = m < 0 ? 1 : 1 / lambda[m];
      if (m < 0 || m === stay) continue;
      let at = 0;
      while (at < nestsUsed && used[at] < m) at++;
      if (at < nestsUsed && used[at] === m) continue;
      for (let u = nestsUsed; u > at; u--) used[u] = used[u - 1];
      used[at] = m;
      nestsUsed++;
    }
    const stayRoot = lambdaStay === 0.5;
    const { nodeRatio, nodeWeight } = this;
    let total = 0;
    for (let q = 0; q < nodeRatio.length; q++) {
      const y = centre * nodeRatio[q];
      for (let u = 0; u < nestsUsed; u++) nestSum[used[u]] = 0;
      let out = 0;
      let K = 1;
      for (let k = 0; k < n; k++) {
        const p = pi[k];
        const d = p + y;
        const ck = (r[k] * p) / d;
        c[k] = ck;
        slope[k] = -ck / d;
        const from = payFrom[k];
        if (from === k) {
          // pi ln(1 + y / pi); a subnormal pi would overflow y / pi, so then ln y − ln pi.
          const ratio = y / p;
          pay[k] = ratio < 1e300 ? p * Math.log1p(ratio) : p * (Math.log(y) - Math.log(p));
        } else pay[k] = pay[from];
        const m = nest[k];
        if (m < 0) {
          out += ck;
          power[k] = ck;
        } else {
          const e = exponent[k];
          power[k] = ck > 0 ? (e === 2 ? ck * ck : ck ** e) : 0;
          if (m === stay) K += power[k];
          else nestSum[m] += power[k];
        }
      }
      for (let u = 0; u < nestsUsed; u++) {
        const m = used[u];
        if (nestSum[m] > 0) out += nestSum[m] ** lambda[m];
      }
      const Kl = stayRoot ? Math.sqrt(K) : K ** lambdaStay;
      const Q = Kl + out;
      const outside = -(Kl / K) / (Q * Q); // ∂H/∂C_out
      const inside = ((Kl / (K * K)) * ((lambdaStay - 1) * out - Kl)) / (Q * Q) / lambdaStay; // ∂H/∂K / λ
      for (let u = 0; u < nestsUsed; u++) {
        const m = used[u];
        nestFactor[m] = outside * nestSum[m] ** (lambda[m] - 1);
      }
      let integrand = 0;
      for (let k = 0; k < n; k++) {
        const ck = c[k];
        if (!(ck > 0)) continue;
        const m = nest[k];
        let dH: number;
        if (m < 0) dH = outside;
        else if (m === stay) dH = inside * (power[k] / ck);
        else dH = nestFactor[m] * (power[k] / ck);
        integrand += pay[k] * dH * slope[k];
      }
      total += integrand * nodeWeight[q];
    }
    return total * centre;
  }

  /**
   * {@link gain} in logarithms: ln c_k, ln K, ln S_m and ln Q, so that nothing overflows however
   * large V_j − V_stay is. Each option's term is written as bounded ratios (K^λ / Q, c_j / Q,
   * c_j^(1/λ) / K, y / (pi_j + y)), the same integrand as {@link gainDirect}'s.
   */
  gainInLogs(shift: number): number {
    const n = this.count;
    const { logRatio, pi, nest, lambda, c: logC, pay, nestSum: logNest, r: logPi } = this;
    const stay = this.stayNest;
    const lambdaStay = stay >= 0 ? lambda[stay] : 1;
    let topR = 0;
    let piMax = 0;
    for (let k = 0; k < n; k++) {
      topR = Math.max(topR, logRatio[k] + shift);
      piMax = Math.max(piMax, pi[k]);
    }
    let sumR = Math.exp(-topR);
    for (let k = 0; k < n; k++) sumR += Math.exp(logRatio[k] + shift - topR);
    const logCentre = Math.log(piMax) + topR + Math.log(sumR);
    for (let k = 0; k < n; k++) logPi[k] = Math.log(pi[k]);
    const logAdd = (a: number, b: number) =>
      a === -Infinity ? b : b === -Infinity ? a : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    const { nodeRatio, nodeWeight } = this;
    let total = 0;
    for (let q = 0; q < nodeRatio.length; q++) {
      const logY = logCentre + Math.log(nodeRatio[q]);
      logNest.fill(-Infinity);
      let logK = 0;
      let logFree = -Infinity;
      for (let k = 0; k < n; k++) {
        // ln(pi + y), and c_k = r_k pi_k / (pi_k + y) in logs
        const logPY = logAdd(logPi[k], logY);
        pay[k] = pi[k] * (logPY - logPi[k]);
        logC[k] = logRatio[k] + shift + logPi[k] - logPY;
        const m = nest[k];
        if (m < 0) logFree = logAdd(logFree, logC[k]);
        else if (m === stay) logK = logAdd(logK, logC[k] / lambda[m]);
        else logNest[m] = logAdd(logNest[m], logC[k] / lambda[m]);
      }
      let logOut = logFree;
      for (let m = 0; m < logNest.length; m++)
        if (logNest[m] > -Infinity) logOut = logAdd(logOut, lambda[m] * logNest[m]);
      const logQ = logAdd(lambdaStay * logK, logOut);
      const rho = Math.exp(lambdaStay * logK - logQ);
      const outShare = logOut === -Infinity ? 0 : Math.exp(logOut - logQ);
      const invK = Math.exp(-logK);
      let integrand = 0;
      for (let k = 0; k < n; k++) {
        const m = nest[k];
        // y / (pi_k + y), the factor dy = y dt cosh(t) leaves with 1 / (pi_k + y)
        const yShare = Math.exp(logY - logAdd(logPi[k], logY));
        let term: number;
        if (m < 0) term = rho * invK * Math.exp(logC[k] - logQ);
        else if (m === stay) {
          const inNest = Math.exp(logC[k] / lambda[m] - logK);
          term = (rho * (rho + (1 - lambdaStay) * outShare) * inNest * invK) / lambdaStay;
        } else {
          const nestShare = Math.exp(lambda[m] * logNest[m] - logQ);
          term = rho * invK * nestShare * Math.exp(logC[k] / lambda[m] - logNest[m]);
        }
        integrand += pay[k] * term * yShare;
      }
      total += integrand * (nodeWeight[q] / nodeRatio[q]);
    }
    return total;
  }
}
