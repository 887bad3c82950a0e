/** onProgress: the experiments report each finished run through a callback, never stdout. */
import { describe, expect, it } from "vitest";
import {
  ValidationError,
  calibrate,
  compare,
  createSimulation,
  elasticity,
  replicate,
  scenarios,
  sensitivity,
  sweep,
  type ExperimentProgress,
} from "../../src/index";

const small = () => scenarios.baseline({ agents: 600, years: 1, burnInYears: 0 });

function recorder(): { calls: ExperimentProgress[]; onProgress: (p: ExperimentProgress) => void } {
  const calls: ExperimentProgress[] = [];
  return { calls, onProgress: (p) => calls.push(p) };
}

/** done counts 1, 2, … with every run's key, a positive amount of work, and total >= done. */
function expectOnePerRun(calls: readonly ExperimentProgress[], runs: number): void {
  expect(calls.map((c) => c.done)).toEqual(Array.from({ length: runs }, (_, k) => k + 1));
  for (const c of calls) {
    expect(c.total).toBeGreaterThanOrEqual(c.done);
    expect(c.runKey).toMatch(/^[0-9a-f]{16}\//);
    expect(c.agentPeriods).toBeGreaterThan(0);
  }
  expect(new Set(calls.map((c) => c.runKey)).size).toBe(runs);
}

describe("onProgress of the experiments", () => {
  it(
    "replicate(s, { onProgress }) is called after each run " + "with done/total, the run's key and its agent-periods",
    () => {
      const { calls, onProgress } = recorder();
      const rep = replicate(small(), { replications: 3, seed: 1, metrics: ["stock"], onProgress });
      expectOnePerRun(calls, 3);
      expect(calls.map((c) => c.total)).toEqual([3, 3, 3]);
      expect(calls.map((c) => c.runKey)).toEqual(rep.runs.map((r) => r.key));
    },
  );

  it("replicate(s, { targetHalfWidth, onProgress }) counts across batches, total growing with each batch", () => {
    const { calls, onProgress } = recorder();
    const rep = replicate(small(), {
      replications: 2,
      seed: 1,
      metrics: ["stock"],
      targetHalfWidth: 1e-9,
      maxReplications: 5,
      batchSize: 2,
      onProgress,
    });
    expect(rep.replications).toBe(5);
    expectOnePerRun(calls, 5);
    expect(calls.map((c) => c.total)).toEqual([2, 2, 4, 4, 5]);
  });

  it("compare(arms, { onProgress }) reports every distinct run with a fixed total", () => {
    const { calls, onProgress } = recorder();
    const arms = { baseline: small(), alliance: scenarios.alliance2026({ agents: 600, years: 1, burnInYears: 0 }) };
    const cmp = compare(arms, { replications: 2, seed: 1, metrics: ["stock"], onProgress });
    expectOnePerRun(calls, cmp.runs);
    expect(cmp.runs).toBe(8); // 2 arms x 2 replicates, on common and on independent streams
    expect(new Set(calls.map((c) => c.total))).toEqual(new Set([8]));
  });

  it("sweep, elasticity and sensitivity(…, { onProgress }) call it once per distinct run", () => {
    const a = recorder();
    const sw = sweep(small(), {
      vary: { "behavior.beta": [0.5, 0.9] },
      replications: 2,
      seed: 1,
      metrics: ["stock"],
      onProgress: a.onProgress,
    });
    expectOnePerRun(a.calls, sw.runs);
    expect(sw.runs).toBe(4);

    const b = recorder();
    elasticity(small(), {
      parameter: "behavior.beta",
      metric: "stock",
      region: "CA",
      replications: 2,
      seed: 1,
      onProgress: b.onProgress,
    });
    expectOnePerRun(b.calls, 4);

    const c = recorder();
    const sens = sensitivity(small(), {
      method: "morris",
      parameters: { "behavior.beta": { min: 0.5, max: 0.9 } },
      metric: "stock",
      region: "CA",
      seed: 1,
      trajectories: 2,
      onProgress: c.onProgress,
    });
    expectOnePerRun(c.calls, sens.runs);
  });

  it("calibrate(s, { onProgress }) is called after each run, done reaching the result's run count", () => {
    const { calls, onProgress } = recorder();
    const fit = calibrate(small(), {
      method: "msm",
      parameters: { "behavior.homeBias": { lower: 0.3, upper: 1 } },
      targets: [{ name: "stock CA", value: 30_000, se: 1000, selector: { metric: "stock", region: "CA" } }],
      replications: 1,
      maxEvaluations: 3,
      metrics: ["stock"],
      onProgress,
    });
    expect(calls.map((c) => c.done)).toEqual(Array.from({ length: fit.runs }, (_, k) => k + 1));
    for (const c of calls) expect(c.total).toBeGreaterThanOrEqual(c.done);
    expect(calls.at(-1)!.total).toBe(fit.runs);
  });

  it("replicate(s, { onProgress: 'yes' }) refuses a callback that is not a function", () => {
    expect(() => replicate(small(), { replications: 2, seed: 1, onProgress: "yes" as never })).toThrow(ValidationError);
    expect(() => replicate(small(), { replications: 2, seed: 1, onProgress: "yes" as never })).toThrow(
      /options\.onProgress: must be a function/,
    );
  });

  it("a run's agentPeriods equal the active agents at the start of each period, summed", () => {
    const sim = createSimulation(small(), { seed: 1 });
    let expected = 0;
    while (!sim.done) {
      expected += sim.agents().id.length;
      sim.step();
    }
    expect(sim.result().agentPeriods).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });
});
