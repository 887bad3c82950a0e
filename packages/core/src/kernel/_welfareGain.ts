/**
 * Welfare consistent with the choice rule (docs/model.md 3.3.13): the expected utility of the
 * outcome of the decision of 3.3.4 (Gumbel shock per option, trying the destination of largest
 * ln(pi e^u_j + (1 - pi) e^u_stay), admitted with chance pi, staying when refused), relative to
 * the value of staying and without Euler's constant:
 *
 *   gain = sum_j  integral_0^inf  pi_j ln(1 + y / pi_j) * r_j pi_j / (pi_j + y)^2 / (1 + C(y))^2  dy,
 *   C(y) = sum_k r_k pi_k / (pi_k + y),       r_k = e^(V_k - V_stay)
 *
 * With one common pi it is pi ln(1 + sum_k r_k), the logit logsum when pi = 1. With a few distinct
 * chances, none two nearly equal, it is taken in closed form (kernel/_welfareClosedForm.ts:
 * partial fractions and dilogarithms). Otherwise it is taken numerically: y = e^(x),
 * x = x_c + sinh(t), trapezoid in t (a double exponential rule: the integrand is analytic in a
 * strip and decays doubly exponentially in t).
 * Per cell and period, never per agent; no allocation per call.
 * @internal
 * @module
 */

import { CLOSED_FORM_MAX_GROUPS, ClosedFormScratch, closedFormApplies, closedFormGain } from "./_welfareClosedForm";

/**
 * Step and half-width of the trapezoid in t: relative error about 1e-9 at worst, with admission
 * chances 300 times apart, 2e-8 with nodes reused across age shifts (test/kernel/welfareGain.test.ts).
 */
const STEP = 0.125;
const HALF_WIDTH = 4.25;

/** A double exponential rule: per node e^(sinh t), the node relative to the centre, and its weight. */
export interface QuadratureRule {
  readonly ratio: Float64Array;
  readonly weight: Float64Array;
}

/**
 * The trapezoid of step `step` in t over [−halfWidth, halfWidth] after y = centre e^(sinh t): per
 * node the ratio e^(sinh t) and the weight step cosh(t) e^(sinh t).
 */
export function doubleExponentialRule(step: number, halfWidth: number): QuadratureRule {
  const nodes = Math.round((2 * halfWidth) / step) + 1;
  const ratio = Float64Array.from({ length: nodes }, (_, k) => Math.exp(Math.sinh(-halfWidth + k * step)));
  const weight = Float64Array.from({ length: nodes }, (_, k) => step * Math.cosh(-halfWidth + k * step) * ratio[k]);
  return { ratio, weight };
}

const RULE: QuadratureRule = /* @__PURE__ */ doubleExponentialRule(STEP, HALF_WIDTH);
/** Per node: e^(sinh t), the node relative to the centre, and step * cosh(t) * e^(sinh t), its weight. */
export const NODE_RATIO: Float64Array = RULE.ratio;
export const NODE_WEIGHT: Float64Array = RULE.weight;
const NODES = NODE_RATIO.length;

/**
 * The options of one decision problem besides staying: each destination's ln(e^(V_j - V_stay))
 * and admission chance. Allocated once per run with room for every region; `count` is reset per
 * cell.
 */
export class WelfareOptions {
  /** V_j − V_stay per option (before the age term). */
  readonly logRatio: Float64Array;
  /** Admission chance per option, in (0, 1]. */
  readonly pi: Float64Array;
  /** Scratch: e^(logRatio + shift − L) per option. */
  readonly rho: Float64Array;
  count = 0;
  /**
   * The integrand's parts at each node for shift 0, once per set of options (see
   * {@link outcomeGain}): D = C(y) and N = sum_j pi_j ln(1 + y / pi_j) r_j pi_j / (pi_j + y)^2,
   * with y = centre × the node's ratio.
   */
  readonly nodeC = new Float64Array(NODES);
  readonly nodeN = new Float64Array(NODES);
  centre = 0;
  prepared = false;
  /** Scratch of the closed form. */
  readonly closed: ClosedFormScratch;

  /** Room for `capacity` options. */
  constructor(capacity: number) {
    this.logRatio = new Float64Array(capacity);
    this.pi = new Float64Array(capacity);
    this.rho = new Float64Array(capacity);
    this.closed = new ClosedFormScratch(capacity);
  }

  /** Empties the list for the next decision problem. */
  reset(): void {
    this.count = 0;
    this.prepared = false;
  }

  /**
   * Adds an option with value V_j − V_stay and admission chance pi; pi <= 0 is left out (never
   * chosen). Options of equal pi are one option of value ln(e^V_a + e^V_b): the agent would try the
   * better of them, whose utility is the maximum of both shocks (Gumbel-max).
   */
  add(logRatio: number, pi: number): void {
    if (!(pi > 0)) return;
    this.prepared = false;
    for (let k = 0; k < this.count; k++) {
      if (this.pi[k] !== pi) continue;
      const a = this.logRatio[k];
      const hi = Math.max(a, logRatio);
      this.logRatio[k] = hi === -Infinity ? hi : hi + Math.log1p(Math.exp(-Math.abs(a - logRatio)));
      return;
    }
    this.logRatio[this.count] = logRatio;
    this.pi[this.count] = pi;
    this.count++;
  }
}

/**
 * Largest V_j − V_stay (after the shift) for which the closed form is used: its products of
 * squared root distances stay far from overflow.
 */
const CLOSED_FORM_MAX_LOG_RATIO = 30;
/** Smallest c_g = r_g pi_g the closed form keeps (a relative contribution far below rounding). */
const CLOSED_FORM_MIN_WEIGHT = 1e-250;
/** Age shifts within which the nodes prepared at shift 0 are reused (accuracy checked in the test). */
const REUSE_SHIFT = 2;
/** Largest V_j − V_stay for which e^(V_j − V_stay) is computed directly. */
const DIRECT_MAX = 700;

/** Fills the options' node values at shift 0 (every e^(V_j − V_stay) finite). */
function prepare(o: WelfareOptions): void {
  const { logRatio, pi, rho, nodeC, nodeN } = o;
  const n = o.count;
  let sum = 0;
  let piMax = 0;
  for (let j = 0; j < n; j++) {
    rho[j] = Math.exp(logRatio[j]);
    sum += rho[j];
    piMax = Math.max(piMax, pi[j]);
  }
  const centre = piMax * (1 + sum);
  nodeC.fill(0);
  nodeN.fill(0);
  // Option by option, so that each option's constants are computed once and the inner loop over
  // the nodes has one logarithm and one division.
  for (let j = 0; j < n; j++) {
    const p = pi[j];
    const weight = rho[j] * p;
    const logP = Math.log(p);
    for (let k = 0; k < NODES; k++) {
      const y = centre * NODE_RATIO[k];
      const inverse = 1 / (p + y);
      const cj = weight * inverse;
      nodeC[k] += cj;
      // pi_j ln(1 + y / pi_j) = pi_j (ln(pi_j + y) − ln pi_j); where y << pi_j the node adds nothing that matters.
      nodeN[k] += p * (Math.log(p + y) - logP) * cj * inverse;
    }
  }
  o.centre = centre;
  o.prepared = true;
}

/**
 * The expected utility of the decision's outcome minus the value of staying (docs/model.md
 * 3.3.13), for the options in `o` with every V_j − V_stay shifted by `shift` (−age term).
 * 0 with no option.
 * @example
 * const o = new WelfareOptions(2); o.add(0, 0.5);
 * outcomeGain(o, 0); // 0.5 * ln 2
 */
export function outcomeGain(o: WelfareOptions, shift: number): number {
  const n = o.count;
  if (n === 0) return 0;
  const { logRatio, pi, rho } = o;
  let top = -Infinity;
  let common = true;
  for (let j = 0; j < n; j++) {
    top = Math.max(top, logRatio[j] + shift);
    if (pi[j] !== pi[0]) common = false;
  }
  // The shift L keeps every e^(V_j - V_stay) finite: y = e^L eta, r_j = e^L rho_j, eps = e^-L.
  const L = Math.max(0, top);
  let sumRho = 0;
  let piMax = 0;
  for (let j = 0; j < n; j++) {
    rho[j] = Math.exp(logRatio[j] + shift - L);
    sumRho += rho[j];
    piMax = Math.max(piMax, pi[j]);
  }
  if (common) return pi[0] * (L + Math.log(Math.exp(-L) + sumRho));
  if (top === -Infinity) return 0;
  if (top <= CLOSED_FORM_MAX_LOG_RATIO && n <= CLOSED_FORM_MAX_GROUPS) {
    // Chances in ascending order (insertion sort of at most a few), c_g = r_g pi_g. A group whose
    // c underflows adds nothing the sum can hold, and is left out (its root would sit on its pole).
    const { p, c } = o.closed;
    let m = 0;
    for (let j = 0; j < n; j++) {
      const value = Math.exp(logRatio[j] + shift) * pi[j];
      if (!(value > CLOSED_FORM_MIN_WEIGHT)) continue;
      let k = m++;
      while (k > 0 && p[k - 1] > pi[j]) {
        p[k] = p[k - 1];
        c[k] = c[k - 1];
        k--;
      }
      p[k] = pi[j];
      c[k] = value;
    }
    if (m === 0) return 0;
    if (closedFormApplies(p, m)) return closedFormGain(o.closed, m);
  }
  if (Math.abs(shift) <= REUSE_SHIFT && top - shift <= DIRECT_MAX) {
    // Every V_j moves by the same shift: r_j becomes lambda r_j, so C and N scale by lambda.
    if (!o.prepared) prepare(o);
    const lambda = Math.exp(shift);
    const { nodeC, nodeN } = o;
    let total = 0;
    for (let k = 0; k < NODES; k++) {
      const q = 1 + lambda * nodeC[k];
      total += ((lambda * nodeN[k]) / (q * q)) * NODE_WEIGHT[k];
    }
    return total * o.centre;
  }
  const eps = Math.exp(-L);
  const centre = piMax * (eps + sumRho);
  let total = 0;
  for (let k = 0; k < NODES; k++) {
    const eta = centre * NODE_RATIO[k];
    let C = 0;
    let numerator = 0;
    for (let j = 0; j < n; j++) {
      const p = pi[j];
      const denominator = p * eps + eta;
      const cj = (rho[j] * p) / denominator;
      C += cj;
      // pi_j ln(1 + y / pi_j) in eta: pi_j (L + ln(eps + eta / pi_j)), times -dc_j/d eta.
      numerator += p * (L + Math.log(eps + eta / p)) * (cj / denominator);
    }
    const q = 1 + C;
    total += (numerator / (q * q)) * NODE_WEIGHT[k];
  }
  return total * centre;
}
