import { describe, expect, it } from "vitest";
import { WelfareOptions, outcomeGain } from "../../src/kernel/_welfareGain";
import { NestedWelfareOptions } from "../../src/kernel/_welfareNested";
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

describe("NestedWelfareOptions.gain", () => {
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
