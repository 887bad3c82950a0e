import { calibrate, planCompare, replicate, runPlan, scenarios, type CalibrateOptions } from "@talentflow/core";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aggregateFromDir, fixedCalibrationPlan, fixedReplicationPlan, mergeRuns, runShard } from "../../src/index";

const folders: string[] = [];
afterAll(async () => {
  for (const d of folders) await rm(d, { recursive: true, force: true });
});
async function fresh(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "tf-cluster-plans-"));
  folders.push(d);
  return d;
}

describe("sharding other plans", () => {
  it("fixedReplicationPlan(s, o) run in 3 shards and merged gives replicate(s, o)", async () => {
    const scenario = scenarios.baseline({ agents: 1000, years: 1 });
    const options = { replications: 5, seed: 11, metrics: ["stock", "brainDrain"] };
    const plan = fixedReplicationPlan(scenario, options);
    expect(plan.specs).toHaveLength(5);
    const out = await fresh();
    for (const index of [2, 0, 1]) await runShard(plan, { out, shard: { index, count: 3 } });
    await mergeRuns(out);
    expect(await aggregateFromDir(plan, out)).toEqual(replicate(scenario, options));
  });

  it("fixedReplicationPlan refuses an adaptive replication, naming options.targetHalfWidth", () => {
    expect(() =>
      fixedReplicationPlan(scenarios.baseline({ agents: 1000, years: 1 }), {
        replications: 5,
        seed: 1,
        targetHalfWidth: 100,
      }),
    ).toThrow(/options\.targetHalfWidth: an adaptive replication picks its next runs from the results/);
  });

  it("fixedCalibrationPlan(s, o) for rejection ABC run in 3 shards and merged gives calibrate(s, o)", async () => {
    const scenario = scenarios.baseline({ agents: 800, years: 1, burnInYears: 0 });
    const options: CalibrateOptions = {
      method: "abc",
      abc: { algorithm: "rejection", draws: 6, acceptFraction: 0.5 },
      parameters: { "behavior.homeBias": { lower: 0.3, upper: 1 } },
      targets: [
        { name: "CA stock at the horizon", value: 80_000, se: 5_000, selector: { metric: "stock", region: "CA" } },
      ],
      replications: 2,
      seed: 4,
      metrics: ["stock"],
    };
    const plan = fixedCalibrationPlan(scenario, options);
    expect(plan.specs).toHaveLength(12); // 6 draws x 2 replications; the estimate's runs come at aggregation
    const out = await fresh();
    for (const index of [1, 2, 0]) await runShard(plan, { out, shard: { index, count: 3 } });
    await mergeRuns(out);
    expect(await aggregateFromDir(plan, out)).toEqual(calibrate(scenario, options));
  });

  it(
    "fixedCalibrationPlan refuses Nelder-Mead and ABC-SMC, " + "which choose each batch from the last one's results",
    () => {
      const base = {
        parameters: { "behavior.homeBias": { lower: 0.3, upper: 1 } },
        targets: [{ name: "CA", value: 80_000, se: 5_000, selector: { metric: "stock", region: "CA" } }],
        replications: 2,
        seed: 4,
      };
      const scenario = scenarios.baseline({ agents: 800, years: 1 });
      expect(() => fixedCalibrationPlan(scenario, { ...base, method: "msm" })).toThrow(
        /options\.method: only rejection ABC draws its candidates before any result/,
      );
      expect(() => fixedCalibrationPlan(scenario, { ...base, method: "abc" })).toThrow(
        /options\.abc\.algorithm: only rejection ABC/,
      );
    },
  );

  it(
    "a comparison with independent-stream runs, arms named with " +
      "'/', spaces and non-ASCII letters, merges to runPlan's result",
    async () => {
      const plan = planCompare(
        {
          baseline: scenarios.baseline({ agents: 1000, years: 1 }),
          "alliance 2026/Köln~x": scenarios.alliance2026({ agents: 1000, years: 1 }),
        },
        { replications: 3, seed: 5, metrics: ["stock"], varianceReduction: true },
      );
      const keys = new Set(plan.specs.map((s) => s.key));
      expect([...keys].some((k) => k.includes("/s:alliance 2026/Köln~x/"))).toBe(true);
      const out = await fresh();
      for (const index of [0, 1]) await runShard(plan, { out, shard: { index, count: 2 } });
      const parts = await readdir(join(out, "parts"));
      expect(parts).toHaveLength(keys.size);
      expect(parts.every((p) => /^[A-Za-z0-9._~-]+\.parquet$/.test(p))).toBe(true);
      await mergeRuns(out, { partitionBy: "scenario" });
      expect(await aggregateFromDir(plan, out)).toEqual(runPlan(plan));
    },
  );
});
