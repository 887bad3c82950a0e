// Every parallel experiment gives exactly core's result, number for number, with 1, 2 and 3
// workers: toEqual compares numbers with Object.is, so even 0 and -0 differ.
import {
  calibrate,
  compare,
  elasticity,
  planElasticity,
  replicate,
  runSpec,
  runSpecs,
  scenarios,
  sensitivity,
  sweep,
  type CalibrateOptions,
  type RunResult,
  type SensitivityOptions,
  type SweepOptions,
} from "@talentflow/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  calibrateParallel,
  compareParallel,
  createWorkerPool,
  replicateParallel,
  runPlanParallel,
  runSpecsParallel,
  sensitivityParallel,
  sweepParallel,
  type ParallelProgress,
  type WorkerPool,
} from "../../src/index";

const small = (o: { years?: number } = {}) => scenarios.baseline({ agents: 2000, years: o.years ?? 2, burnInYears: 0 });
const WORKERS = [1, 2, 3] as const;
const pools = new Map<number, WorkerPool>();

beforeAll(() => {
  for (const w of WORKERS) pools.set(w, createWorkerPool({ workers: w }));
});
afterAll(async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
});

describe.each(WORKERS)("with %i worker(s)", (workers) => {
  const pool = () => pools.get(workers)!;

  it(
    "runSpecsParallel(specs) returns what core's " + "runSpecs(specs) returns, in spec order, duplicates run once",
    async () => {
      const s = small();
      const specs = [0, 1, 2, 3, 4].map((r) => runSpec(s, r, { seed: 11 }));
      const progress: ParallelProgress[] = [];
      const out = await runSpecsParallel([...specs, specs[0]], { pool: pool(), onProgress: (p) => progress.push(p) });
      const expected = runSpecs(specs) as RunResult[]; // executeRunSpec's outputs are whole run results
      expect(out.map((o) => o.run)).toEqual(specs.map((s) => s.key));
      expect(out.map((o) => o.rows)).toEqual(expected.map((o) => o.rows));
      expect(out.map((o) => o.summary)).toEqual(expected.map((o) => o.summary));
      expect(out.map((o) => [o.seed, o.replicate, o.scale])).toEqual(
        expected.map((o) => [o.seed, o.replicate, o.scale]),
      );
      expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
      // Each run's work as core counted it: the agents active at the start of each period, summed.
      const work = new Map(expected.map((o) => [o.run, o.agentPeriods]));
      expect(out.map((o) => o.agentPeriods)).toEqual(expected.map((o) => o.agentPeriods));
      expect(
        progress.every((p) => p.total === 5 && p.agentPeriods === work.get(p.runKey) && p.failed === undefined),
      ).toBe(true);
      expect(progress.map((p) => p.runKey).sort()).toEqual(specs.map((s) => s.key).sort());
    },
  );

  it("replicateParallel(s, {targetHalfWidth}) equals core's replicate batch for batch", async () => {
    const options = {
      replications: 3,
      seed: 5,
      metrics: ["stock", "flow"],
      targetHalfWidth: { stock: 1e-9 },
      batchSize: 2,
      maxReplications: 7,
    };
    const totals: number[] = [];
    const result = await replicateParallel(small(), {
      ...options,
      pool: pool(),
      onProgress: (p) => totals.push(p.total),
    });
    const expected = replicate(small(), options);
    expect(expected.stopping?.batches).toBe(3);
    expect(result).toEqual(expected);
    expect(totals).toEqual([3, 3, 3, 5, 5, 7, 7]); // the total grows with each batch planned
  });

  it("compareParallel(arms, options) equals core's compare", async () => {
    const arms = { baseline: small(), alliance: scenarios.alliance2026({ agents: 2000, years: 2, burnInYears: 0 }) };
    const options = { replications: 3, seed: 2, metrics: ["stock", "brainDrain"] };
    expect(await compareParallel(arms, { ...options, pool: pool() })).toEqual(compare(arms, options));
  });

  it("sweepParallel(s, options) equals core's sweep, rows and statistics", async () => {
    const options: SweepOptions = {
      vary: { "behavior.beta": [0.5, 1, 2] },
      replications: 2,
      seed: 3,
      metrics: ["stock", "meanWage"],
    };
    const result = await sweepParallel(small(), { ...options, pool: pool() });
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result).toEqual(sweep(small(), options));
  });

  it("sensitivityParallel(s, {method: 'morris'}) equals core's sensitivity", async () => {
    const options: SensitivityOptions = {
      method: "morris",
      parameters: { "behavior.beta": { min: 0.5, max: 2 }, "behavior.homeBias": { min: 0, max: 2 } },
      metric: "stock",
      region: "CA",
      trajectories: 3,
      seed: 4,
    };
    expect(await sensitivityParallel(small({ years: 1 }), { ...options, pool: pool() })).toEqual(
      sensitivity(small({ years: 1 }), options),
    );
  });

  it("calibrateParallel(s, {method: 'msm'}) equals core's calibrate: estimate, history and fit", async () => {
    const options: CalibrateOptions = {
      method: "msm",
      parameters: { "behavior.homeBias": { lower: 0, upper: 3 } },
      targets: [
        {
          name: "CA brain drain",
          value: 0.2,
          se: 0.05,
          selector: { metric: "brainDrain", citizenship: "CA", aggregate: "mean" },
        },
      ],
      replications: 2,
      seed: 9,
      maxEvaluations: 6,
    };
    const result = await calibrateParallel(small({ years: 1 }), { ...options, pool: pool() });
    expect(result.history.length).toBeGreaterThan(2);
    expect(result).toEqual(calibrate(small({ years: 1 }), options));
  });

  it("runPlanParallel(planElasticity(s, options)) equals core's elasticity", async () => {
    const options = { parameter: "behavior.beta", metric: "stock", region: "DE", replications: 3, seed: 6 };
    expect(await runPlanParallel(planElasticity(small(), options), { pool: pool() })).toEqual(
      elasticity(small(), options),
    );
  });
});

describe("parallel options", () => {
  it("runSpecsParallel(specs, {workers: 0}) rejects with a ValidationError naming options.workers", async () => {
    await expect(runSpecsParallel([], { workers: 0 })).rejects.toThrow(
      /options\.workers: must be a whole number from 1 to 1024, got 0/,
    );
  });

  it(
    "replicateParallel(s, {replications: 1}) rejects with " + "core's ValidationError naming options.replications",
    async () => {
      await expect(replicateParallel(small(), { replications: 1, seed: 1, workers: 1 })).rejects.toThrow(
        /options\.replications/,
      );
    },
  );

  it("runSpecsParallel(specs, {pool, workers}) refuses more workers than the pool has", async () => {
    await expect(runSpecsParallel([], { pool: pools.get(1)!, workers: 2 })).rejects.toThrow(
      /options\.workers: must not exceed the pool's 1 workers, got 2/,
    );
  });
});
