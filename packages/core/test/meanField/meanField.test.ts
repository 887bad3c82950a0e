import { describe, expect, it } from "vitest";
import { createSimulation, meanField, scenarios, simulate, ValidationError, type Scenario } from "../../src/index";
import { summarize } from "../../src/experiments/math/index";
import { anticipatedChoice, bandChoices, ChoiceWorkspace } from "../../src/meanField/_choice";
import { gaussLegendre01 } from "../../src/meanField/_quadrature";
import { logitWorld, softmax } from "../_fixtures";

/**
 * A small dynamic world with labour-market feedback, diaspora and the lottery off: three
 * countries A, B, C; people of citizenship X (home A) start in A and B; skill matters (returns
 * 0.3, 0.7, 0.5); B is open, C admits with probability 0.6 and gives a temporary status that
 * becomes permanent at 0.5 a year; exits 5% a year; entrants in A and B. Quarterly, 3 years.
 */
function worldOf(terms: boolean): Scenario {
  const s = logitWorld(20_000, { A: 0, B: -0.3, C: 0.2 }, 1.0);
  s.periodsPerYear = 4;
  s.years = 3;
  s.regions.A.initialStock = 15_000;
  s.regions.B.initialStock = 5000;
  s.regions.A.skillReturn = 0.3;
  s.regions.B.skillReturn = 0.7;
  s.regions.C.skillReturn = 0.5;
  s.regions.B.entrySkillMean = 0.3;
  s.regions.A.entrants = 2000;
  s.regions.B.entrants = 600;
  s.behavior.considerRate = 0.6;
  s.behavior.exitRate = 0.05;
  s.behavior.homeBias = 0.5;
  s.behavior.tempPenalty = 0.3;
  s.behavior.retirementAge = 100; // nobody retires within the horizon: age bands do not matter
  s.visas.C = { "*": { rule: "probability", admission: 0.6, permanent: false, permanence: 0.5, fee: 0 } };
  if (terms) {
    // Statuses that end (docs/model.md 3.3.9): C's temporary status runs 1.5 years and is renewed
    // at 0.3; holders who must leave choose between home A and B.
    s.visas.C = { "*": { ...s.visas.C["*"], duration: 1.5, renewal: 0.3 } };
  }
  return s;
}

const stockPaths = (
  rows: ReadonlyArray<{ metric: string; region: string; value: number; period: number }>,
  regions: string[],
) =>
  regions.map((r) =>
    rows
      .filter((x) => x.metric === "stock" && x.region === r)
      .sort((a, b) => a.period - b.period)
      .map((x) => x.value),
  );

describe("meanField: the anticipated-admission choice", () => {
  const nodes = gaussLegendre01(12); // per panel, the default

  it("is the softmax when every pi = 1", () => {
    const v = Float64Array.from([0.2, -0.4, 0.9, -1.5]);
    const out = new Float64Array(4);
    anticipatedChoice(v, Float64Array.from([1, 1, 1, 1]), Uint8Array.from([1, 1, 1, 1]), 0, out, nodes);
    const p = softmax(Array.from(v));
    p.forEach((x, k) => expect(out[k]).toBeCloseTo(x, 14));
  });

  it(
    "with pi < 1 equals the one-dimensional integral of " + "the rule, evaluated by brute force (200,000 midpoints)",
    () => {
      // P(j) = ∫_0^1 e_j / (1 - b_j x)² / (1 + h(x))² dx, e_k = pi_k e^(V_k - V_stay), b_k = 1 - pi_k.
      const cases: Array<[number[], number[], number]> = [
        [[0, -1.3, -0.8], [1, 1, 0.6], 0],
        [[-0.5, 0.3, 0.9], [1, 1, 0.6], 1],
        [[0.2, -1, 2, 3.5], [1, 0.3, 0.6, 0.05], 0],
      ];
      for (const [V, pi, stay] of cases) {
        const n = V.length;
        const e = V.map((v, k) => (k === stay ? 0 : pi[k] * Math.exp(v - V[stay])));
        const brute = new Array<number>(n).fill(0);
        const M = 200_000;
        for (let i = 0; i < M; i++) {
          const x = (i + 0.5) / M;
          let h = 0;
          for (let k = 0; k < n; k++) h += (e[k] * x) / (1 - (1 - pi[k]) * x);
          for (let k = 0; k < n; k++) brute[k] += e[k] / (1 - (1 - pi[k]) * x) ** 2 / (1 + h) ** 2 / M;
        }
        const out = new Float64Array(n);
        anticipatedChoice(Float64Array.from(V), Float64Array.from(pi), new Uint8Array(n).fill(1), stay, out, nodes);
        // Two panels of 12 nodes: about 1e-9 even with pi = 0.05 (where 1 / (1 - b x)² reaches 400).
        for (let k = 0; k < n; k++) if (k !== stay) expect(Math.abs(out[k] - brute[k])).toBeLessThan(1e-8);
        expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
    },
  );

  it("with pi < 1 agrees with the engine's Gumbel-max choice on 400,000 agents (within 4 binomial SEs)", () => {
    // One period of logitWorld with B admitted with probability 0.4: the share who try B.
    const s = logitWorld(400_000);
    s.visas.B = { "*": { rule: "probability", admission: 0.4, permanent: true, permanence: 0, fee: 0 } };
    const run = simulate(s, { seed: 4, metrics: ["applications", "flow"] });
    const tryB = run.rows.find((r) => r.metric === "applications" && r.region === "B")!.value / 400_000;
    const toC = run.rows.find((r) => r.metric === "flow" && r.destination === "C")!.value / 400_000;
    const out = new Float64Array(3);
    anticipatedChoice(
      Float64Array.from([0, -1, -1.5]),
      Float64Array.from([1, 0.4, 1]),
      Uint8Array.from([1, 1, 1]),
      0,
      out,
      nodes,
    );
    for (const [got, p] of [
      [tryB, out[1]],
      [toC, out[2]],
    ] as const) {
      expect(Math.abs(got - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 400_000));
    }
  });
});

describe.each([
  ["", false],
  [", statuses with terms", true],
] as const)("meanField against the ABM (feedback, diaspora and lottery off%s)", (_, terms) => {
  const world = () => worldOf(terms);
  const regions = ["A", "B", "C"];
  const bins = [2, 4, 8, 16, 32];
  const finest = stockPaths(meanField(world(), { skillBins: 256 }).rows, regions);
  const finer = stockPaths(meanField(world(), { skillBins: 128 }).rows, regions);
  /**
   * Discretisation error of a path: its largest gap to the 256-bin path, plus the 256-bin path's own (its gap to 128
   * bins).
   */
  const own = Math.max(...finest.flatMap((p, k) => p.map((v, t) => Math.abs(v - finer[k][t]))));
  const tolerance = (b: number) => {
    const path = stockPaths(meanField(world(), { skillBins: b }).rows, regions);
    return Math.max(...path.flatMap((p, k) => p.map((v, t) => Math.abs(v - finest[k][t])))) + own;
  };
  const tolerances = bins.map(tolerance);

  it("the discretisation tolerance shrinks as skill bins are refined", () => {
    console.log(
      "meanField discretisation tolerance (people) by skill bins",
      Object.fromEntries(bins.map((b, i) => [b, tolerances[i]])),
      "256-bin own",
      own,
    );
    for (let i = 1; i < bins.length; i++) expect(tolerances[i]).toBeLessThan(tolerances[i - 1]);
    // Roughly second order: halving the width cuts the error by at least 2.5 between 8 and 32 bins.
    expect(tolerances[4]).toBeLessThan(tolerances[2] / 2.5 ** 2);
  });

  it("the ABM mean over 12 replications lies within its confidence interval (99% " +
    "for all 36 points, Bonferroni) plus the 16-bin tolerance of the mean-field path", () => {
    const mf = stockPaths(meanField(world(), { skillBins: 16 }).rows, regions);
    const reps = 12;
    const runs = Array.from({ length: reps }, (_, r) =>
      stockPaths(simulate(world(), { seed: 17, replicate: r, metrics: ["stock"] }).rows, regions),
    );
    let worst = 0;
    regions.forEach((_, k) => {
      mf[k].forEach((v, t) => {
        // 36 points (3 regions x 12 quarters): each at 1 - 0.01 / 36, so that all hold together with 99%.
        const sum = summarize(
          runs.map((p) => p[k][t]),
          { confidence: 1 - 0.01 / (3 * mf[k].length) },
        );
        const gap = Math.abs(sum.mean - v);
        const allowed = sum.ciHigh - sum.mean + tolerances[3];
        worst = Math.max(worst, gap / allowed);
        expect(gap).toBeLessThan(allowed);
      });
    });
    console.log("largest gap as a share of CI + tolerance", worst.toFixed(3));
    if (terms) {
      // The terms act: C's holders leave at expiry, so C ends with far fewer people than without.
      const without = stockPaths(meanField(worldOf(false), { skillBins: 16 }).rows, regions)[2];
      expect(mf[2][mf[2].length - 1]).toBeLessThan(without[without.length - 1] - 150);
    }
    // The paths move: C, empty at the start, gains thousands of people.
    expect(mf[2][mf[2].length - 1]).toBeGreaterThan(4 * mf[2][0]);
  }, 60_000);
});

describe("meanField: the default quadrature and the grouped choice", () => {
  const largestGap = (a: number[][], b: number[][]) =>
    Math.max(...a.flatMap((p, k) => p.map((v, t) => Math.abs(v - b[k][t]))));

  it("the default 6 nodes per panel agree with 12 (the former " +
    "default) far within the 32-bin discretisation tolerance", () => {
    // world(): stocks in people; the 32-bin discretisation tolerance of this world is 0.38 people.
    const regions = ["A", "B", "C"];
    const coarse = stockPaths(meanField(worldOf(false)).rows, regions);
    const fine = stockPaths(meanField(worldOf(false), { quadratureNodes: 12 }).rows, regions);
    expect(largestGap(coarse, fine)).toBeLessThan(1e-3);
    // The baseline (five regions, a lottery, thresholds, age cost; 8 bins to keep the test short):
    // every stock within 1e-6 relative.
    const rb = Object.keys(scenarios.baseline().regions);
    const b6 = stockPaths(meanField(scenarios.baseline(), { skillBins: 8 }).rows, rb);
    const b12 = stockPaths(meanField(scenarios.baseline(), { skillBins: 8, quadratureNodes: 12 }).rows, rb);
    b6.forEach((p, k) => p.forEach((v, t) => expect(Math.abs(v - b12[k][t])).toBeLessThan(1e-6 * b12[k][t])));
  }, 60_000);

  it("the choice of all age bands of a group equals anticipatedChoice band by band", () => {
    // e_k at lambda = 1 and pi (b = 1 - pi); bands with age costs 0, 0.3, 0.6 (left out: no
    // people), 1 and 0.1. Three uncertain options (the general path) and two (two bands per pass).
    const V = [0, -0.4, 0.7, -1.2, 0.3];
    const lambda = Float64Array.from([1, Math.exp(-0.3), Math.exp(-0.6), Math.exp(-1), Math.exp(-0.1)]);
    const bands = Uint8Array.from([1, 1, 0, 1, 1]);
    const nodes = gaussLegendre01(12);
    for (const pi of [
      [1, 0.3, 1, 0.05, 0.65],
      [1, 1, 0.4, 1, 0.05],
    ]) {
      const e = Float64Array.from([1, 2, 3, 4].map((k) => pi[k] * Math.exp(V[k] - V[0])));
      const bk = Float64Array.from([1, 2, 3, 4].map((k) => 1 - pi[k]));
      const out = new Float64Array(5 * 4);
      bandChoices({ e, bk, m: 4, allSure: false }, { lambda, on: bands }, new ChoiceWorkspace(nodes, 4), out);
      lambda.forEach((lam, a) => {
        if (!bands[a]) return;
        const Va = Float64Array.from(V.map((v, k) => (k === 0 ? v : v + Math.log(lam))));
        const ref = new Float64Array(5);
        anticipatedChoice(Va, Float64Array.from(pi), new Uint8Array(5).fill(1), 0, ref, nodes);
        // The shared nodes (change of variable at the largest E of the bands) cost some accuracy in
        // the bands with lambda < 1: about 1.2e-6 with pi = 0.05 and an age cost of 1 (1e-9 band by band).
        for (let q = 0; q < 4; q++) expect(Math.abs(out[a * 4 + q] - ref[q + 1])).toBeLessThan(a === 0 ? 1e-8 : 5e-6);
      });
    }
  });
});

describe("meanField: arguments", () => {
  it("names bad options", () => {
    try {
      meanField(worldOf(false), { skillBins: 0, ageBandYears: -1 });
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual(["skillBins", "ageBandYears"]);
    }
  });

  it("reports rows with the metric names of a run, deterministically", () => {
    const a = meanField(worldOf(false), { skillBins: 8 });
    const b = meanField(worldOf(false), { skillBins: 8 });
    expect(b.rows).toEqual(a.rows);
    const sim = createSimulation(worldOf(false), { seed: 1 });
    const run = sim.run();
    const metrics = (rows: ReadonlyArray<{ metric: string }>) => [...new Set(rows.map((r) => r.metric))];
    for (const m of metrics(a.rows)) expect(metrics(run.rows)).toContain(m);
  });

  it("meanField(s, { welfare: false }) returns the same rows without the welfare metrics", () => {
    const s = scenarios.baseline({ agents: 5_000, years: 2, burnInYears: 1 });
    const full = meanField(s, { skillBins: 8 }).rows;
    const lean = meanField(s, { skillBins: 8, welfare: false }).rows;
    const isWelfare = (r: { metric: string }) => r.metric === "welfare" || r.metric === "welfareByCitizenship";
    expect(full.some(isWelfare)).toBe(true);
    expect(lean.some(isWelfare)).toBe(false);
    expect(lean).toEqual(full.filter((r) => !isWelfare(r)));
    expect(() => meanField(s, { welfare: "no" as unknown as boolean })).toThrow(/welfare: must be true or false/);
  });
});
