import { planCompare, replicate, runPlan, scenarios } from "@talentflow/core";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aggregateFromDir, fixedReplicationPlan, mergeRuns, runShard } from "../../src/index";

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
    expect(() => fixedReplicationPlan(scenarios.baseline({ agents: 1000, years: 1 }), { replications: 5, seed: 1, targetHalfWidth: 100 })).toThrow(
      /options\.targetHalfWidth: an adaptive replication picks its next runs from the results/,
    );
  });

  it("a comparison with independent-stream runs, arms named with '/', spaces and non-ASCII letters, merges to runPlan's result", async () => {
    const plan = planCompare(
      { baseline: scenarios.baseline({ agents: 1000, years: 1 }), "alliance 2026/Köln~x": scenarios.alliance2026({ agents: 1000, years: 1 }) },
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
  });
});
