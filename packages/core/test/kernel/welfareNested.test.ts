import { describe, expect, it } from "vitest";
import { WelfareOptions, outcomeGain } from "../../src/kernel/_welfareGain";
import { NESTED_RULE, NestedWelfareOptions } from "../../src/kernel/_welfareNested";
import { keyedExponential, keyedUniform, streamKey } from "../../src/random/keyed";

const EULER = 0.5772156649015329;

interface Problem {
  /** Stay first: V_k, pi_k (stay's ignored), nest index (-1 none). */
  readonly values: readonly number[];
  readonly pi: readonly number[];
  readonly nest: readonly number[];
  readonly lambda: readonly number[];
}

function nested(p: Problem, shift = 0): number {
  const o = new NestedWelfareOptions(p.values.length);
  p.lambda.forEach((l, m) => (o.lambda[m] = l));
  o.reset(p.nest[0]);
  for (let k = 1; k < p.values.length; k++) o.add(p.values[k] - p.values[0], p.pi[k], p.nest[k]);
  return o.gain(shift);
}

/**
 * The realised gain of the rule of docs/model.md 3.3.4 on N draws with nested shocks built as the
 * engine builds them (one positive-stable S per nest, Chambers–Mallows–Stuck from two uniforms,
 * u_k = V_k + λ (ln S − ln E_k)): mean and standard error of (outcome − V_stay − Euler's constant).
 */
function realised(p: Problem, N: number, seed: number): { mean: number; se: number } {
  const K = p.values.length;
  const shockKeys = p.values.map((_, k) => streamKey(seed, 0, 90, k));
  const extra = streamKey(seed, 0, 91, 0);
  const nestKeys = p.lambda.map((_, m) => [streamKey(seed, 0, 93, 2 * m), streamKey(seed, 0, 93, 2 * m + 1)]);
  const admitKey = streamKey(seed, 0, 92, 0);
  const lnS = new Float64Array(p.lambda.length);
  const u = new Float64Array(K);
  let sum = 0;
  let sumSq = 0;
  for (let id = 0; id < N; id++) {
    p.lambda.forEach((l, m) => {
      const U = keyedUniform(nestKeys[m][0], id) * Math.PI;
      const W = -Math.log(keyedUniform(nestKeys[m][1], id));
      lnS[m] =
        l === 1
          ? 0
          : Math.log(Math.sin(l * U)) -
            Math.log(Math.sin(U)) / l +
            ((1 - l) / l) * (Math.log(Math.sin((1 - l) * U)) - Math.log(W));
    });
    for (let k = 0; k < K; k++) {
      const lnE = Math.log(keyedExponential(shockKeys[k], extra, id));
      const m = p.nest[k];
      u[k] = p.values[k] + (m < 0 ? -lnE : p.lambda[m] * (lnS[m] - lnE));
    }
    let best = u[0];
    let choice = 0;
    for (let j = 1; j < K; j++) {
      const worth = Math.log(p.pi[j] * Math.exp(u[j]) + (1 - p.pi[j]) * Math.exp(u[0]));
      if (worth > best) [best, choice] = [worth, j];
    }
    const outcome = choice > 0 && keyedUniform(admitKey, id) < p.pi[choice] ? u[choice] : u[0];
    const gain = outcome - p.values[0] - EULER;
    sum += gain;
    sumSq += gain * gain;
  }
  const mean = sum / N;
  return { mean, se: Math.sqrt((sumSq / N - mean * mean) / (N - 1)) };
}

/**
 * The direct integral of src/kernel/_welfareNested.ts written plainly (every pow and log1p
 * evaluated where the formula has it, every nest cleared at every node): the reference that
 * gainDirect's shortcuts must reproduce bit for bit.
 */
function plainGainDirect(p: Problem, shift: number): number {
  const n = p.values.length - 1;
  const lambda = p.lambda;
  const stay = p.nest[0];
  const r: number[] = [];
  const pi: number[] = [];
  const nest: number[] = [];
  let sumR = 0;
  let piMax = 0;
  for (let k = 1; k <= n; k++) {
    r.push(Math.exp(p.values[k] - p.values[0] + shift));
    pi.push(Math.min(1, p.pi[k]));
    nest.push(p.nest[k]);
    sumR += r[k - 1];
    piMax = Math.max(piMax, pi[k - 1]);
  }
  const lambdaStay = stay >= 0 ? lambda[stay] : 1;
  const centre = piMax * (1 + sumR);
  const c = new Float64Array(n);
  const slope = new Float64Array(n);
  const pay = new Float64Array(n);
  const power = new Float64Array(n);
  const nestSum = new Float64Array(lambda.length);
  let total = 0;
  const { ratio, weight } = NESTED_RULE;
  for (let q = 0; q < ratio.length; q++) {
    const y = centre * ratio[q];
    nestSum.fill(0);
    let out = 0;
    let K = 1;
    for (let k = 0; k < n; k++) {
      const d = pi[k] + y;
      c[k] = (r[k] * pi[k]) / d;
      slope[k] = -c[k] / d;
      const ratio = y / pi[k];
      pay[k] = ratio < 1e300 ? pi[k] * Math.log1p(ratio) : pi[k] * (Math.log(y) - Math.log(pi[k]));
      const m = nest[k];
      if (m < 0) {
        out += c[k];
        power[k] = c[k];
      } else {
        power[k] = c[k] > 0 ? c[k] ** (1 / lambda[m]) : 0;
        if (m === stay) K += power[k];
        else nestSum[m] += power[k];
      }
    }
    for (let m = 0; m < nestSum.length; m++) if (nestSum[m] > 0) out += nestSum[m] ** lambda[m];
    const Kl = K ** lambdaStay;
    const Q = Kl + out;
    const outside = -(Kl / K) / (Q * Q);
    const inside = ((Kl / (K * K)) * ((lambdaStay - 1) * out - Kl)) / (Q * Q) / lambdaStay;
    let integrand = 0;
    for (let k = 0; k < n; k++) {
      if (!(c[k] > 0)) continue;
      const m = nest[k];
      let dH: number;
      if (m < 0) dH = outside;
      else if (m === stay) dH = inside * (power[k] / c[k]);
      else dH = outside * nestSum[m] ** (lambda[m] - 1) * (power[k] / c[k]);
      integrand += pay[k] * dH * slope[k];
    }
    total += integrand * weight[q];
  }
  return total * centre;
}

describe("NestedWelfareOptions.gain", () => {
  it("gainDirect(shift) returns the plain integral's double bit for bit on 3,000 random nested problems", () => {
    // Chances drawn from a few values so that equal chances (which share their log1p) are common;
    // lambda 0.5 (the product and square-root shortcuts) as often as other values; up to three
    // nests, the stay region in one or in none.
    const key = streamKey(5, 0, 94, 0);
    let draw = 0;
    const next = () => keyedUniform(key, draw++);
    const chances = [1, 0.9, 0.3, 0.05, 1e-310];
    const lambdas = [0.5, 0.5, 0.25, 0.7, 1];
    let checked = 0;
    for (let t = 0; t < 3000; t++) {
      const regions = 2 + Math.floor(next() * 5);
      const nests = 1 + Math.floor(next() * 3);
      const problem: Problem = {
        values: Array.from({ length: regions }, () => (next() - 0.5) * 8),
        pi: Array.from({ length: regions }, () => chances[Math.floor(next() * chances.length)]),
        nest: Array.from({ length: regions }, () => Math.floor(next() * (nests + 1)) - 1),
        lambda: Array.from({ length: nests }, () => lambdas[Math.floor(next() * lambdas.length)]),
      };
      const o = new NestedWelfareOptions(regions);
      problem.lambda.forEach((l, m) => (o.lambda[m] = l));
      o.reset(problem.nest[0]);
      for (let k = 1; k < regions; k++) o.add(problem.values[k] - problem.values[0], problem.pi[k], problem.nest[k]);
      const shift = -next();
      const expected = plainGainDirect(problem, shift);
      expect(Object.is(o.gainDirect(shift), expected), `problem ${t}: ${JSON.stringify(problem)}`).toBe(true);
      if (expected !== 0) checked++;
    }
    expect(checked).toBeGreaterThan(2500);
  });

  it("with every lambda = 1 equals the unnested outcomeGain to 1e-9", () => {
    const p: Problem = { values: [0, 0.4, -0.3, 0.1], pi: [1, 1, 0.35, 0.7], nest: [0, 0, 1, -1], lambda: [1, 1] };
    const flat = new WelfareOptions(3);
    flat.add(0.4, 1);
    flat.add(-0.3, 0.35);
    flat.add(0.1, 0.7);
    for (const shift of [0, -0.45]) {
      expect(Math.abs(nested(p, shift) - outcomeGain(flat, shift))).toBeLessThan(1e-9);
    }
  });

  it("with the stay region in a nest equals the rule's realised gain on 1,000,000 draws (4 SE)", () => {
    // Silicon Valley (stay) and the rest of the US in a nest of lambda 0.5; Canada (pi 0.4) and
    // Germany (pi 0.8) outside.
    const p: Problem = { values: [0, -0.2, 0.3, -0.5], pi: [1, 1, 0.4, 0.8], nest: [0, 0, -1, -1], lambda: [0.5] };
    const { mean, se } = realised(p, 1_000_000, 11);
    const gain = nested(p);
    expect(Math.abs(gain - mean), `gain ${gain}, realised ${mean} ± ${se}`).toBeLessThan(4 * se);
    // The test has power: the unnested formula is far off.
    const flat = { ...p, lambda: [1] };
    expect(Math.abs(nested(flat) - mean)).toBeGreaterThan(8 * se);
  });

  it("with a nest of destinations of different chances equals the realised gain on 1,000,000 draws (4 SE)", () => {
    const p: Problem = { values: [0, 0.5, 0.2, -0.4], pi: [1, 0.3, 0.9, 1], nest: [-1, 0, 0, -1], lambda: [0.4] };
    const { mean, se } = realised(p, 1_000_000, 12);
    const gain = nested(p);
    expect(Math.abs(gain - mean), `gain ${gain}, realised ${mean} ± ${se}`).toBeLessThan(4 * se);
    expect(Math.abs(nested({ ...p, lambda: [1] }) - mean)).toBeGreaterThan(8 * se);
  });

  it("with one chance p for every option and the stay nested, gain is p times the nested logit's (1e-9)", () => {
    // The agent tries its best option when it beats staying; admitted with chance p it gets that
    // option's utility, so the gain is p (E max_k u_k − E u_stay) = p (IV − V_stay), IV the nested
    // logit's inclusive value ln Σ_nests (Σ_k e^(V_k / λ))^λ (docs/model.md 3.3.13).
    const values = [0, -0.2, 0.3, -0.5, 0.1];
    const nest = [0, 0, -1, 1, 1];
    const lambda = [0.5, 0.7];
    for (const p of [1, 0.9, 0.3]) {
      const problem: Problem = { values, pi: values.map(() => p), nest, lambda };
      const inNest = (m: number) =>
        values.reduce((sum, v, k) => (nest[k] === m ? sum + Math.exp(v / lambda[m]) : sum), 0) ** lambda[m];
      const free = values.reduce((sum, v, k) => (nest[k] < 0 ? sum + Math.exp(v) : sum), 0);
      const closed = p * (Math.log(inNest(0) + inNest(1) + free) - values[0]);
      expect(Math.abs(nested(problem) - closed) / closed, `p = ${p}`).toBeLessThan(1e-9);
    }
    // A sure member of the stay region's nest with another destination of chance 0.9 has no such
    // form: a refused applicant keeps its own stay utility, not the best of its nest.
    const mixed: Problem = { values, pi: [1, 1, 0.9, 1, 1], nest, lambda };
    const asIfCommon = (p: number) => nested({ ...mixed, pi: values.map(() => p) });
    expect(nested(mixed)).toBeLessThan(asIfCommon(1) - 1e-3);
    expect(nested(mixed)).toBeGreaterThan(asIfCommon(0.9) + 1e-3);
  });

  it("a nest of destinations of one chance is the unnested gain of one option worth (sum r^(1/lambda))^lambda", () => {
    const p: Problem = { values: [0, 0.5, 0.2, -0.4], pi: [1, 0.45, 0.45, 0.8], nest: [-1, 0, 0, -1], lambda: [0.6] };
    const merged = new WelfareOptions(2);
    merged.add(0.6 * Math.log(Math.exp(0.5 / 0.6) + Math.exp(0.2 / 0.6)), 0.45);
    merged.add(-0.4, 0.8);
    expect(Math.abs(nested(p) - outcomeGain(merged, 0))).toBeLessThan(1e-9);
  });

  it("gainInLogs equals gainDirect to 1e-10 relative, and stays finite where the direct form would overflow", () => {
    const problems: Problem[] = [
      { values: [0, -0.2, 0.3, -0.5], pi: [1, 1, 0.4, 0.8], nest: [0, 0, -1, -1], lambda: [0.5] },
      { values: [0, 0.5, 0.2, -0.4], pi: [1, 0.3, 0.9, 1], nest: [-1, 0, 0, -1], lambda: [0.4] },
      { values: [0, 2, -3, 1], pi: [1, 0.05, 0.9, 0.6], nest: [0, 1, 0, 1], lambda: [0.3, 0.7] },
    ];
    for (const p of problems) {
      const o = new NestedWelfareOptions(p.values.length);
      p.lambda.forEach((l, m) => (o.lambda[m] = l));
      o.reset(p.nest[0]);
      for (let k = 1; k < p.values.length; k++) o.add(p.values[k] - p.values[0], p.pi[k], p.nest[k]);
      for (const shift of [0, -0.6]) {
        const direct = o.gainDirect(shift);
        expect(Math.abs(o.gainInLogs(shift) - direct) / direct).toBeLessThan(1e-10);
      }
    }
    // V_j − V_stay = 900 with lambda 0.2: c^(1/lambda) would be e^4500. The gain is then about the
    // option's value times its chance, the agent trying it for sure.
    const huge = nested({ values: [0, 900, 0], pi: [1, 0.5, 1], nest: [0, 0, -1], lambda: [0.2] });
    expect(Number.isFinite(huge)).toBe(true);
    expect(huge).toBeGreaterThan(0.5 * 900 - 1);
    expect(huge).toBeLessThan(0.5 * 900 + 1);
  });
});
