import { executeRunSpec, planSensitivity, runPlan, runSpecs, scenarios, uniqueSpecs } from "@talentflow/core";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  MissingRunsError,
  aggregateFromDir,
  assignShard,
  mergeRuns,
  queryDataset,
  readRunOutputs,
  runShard,
  shardStatus,
} from "../../src/index";
import { smallSweep } from "./_plans";

const folders: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tf-cluster-"));
  folders.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of folders) await rm(d, { recursive: true, force: true });
});

const plan = smallSweep();
const whole = runPlan(plan);
const wholeOutputs = runSpecs(plan.specs);

async function runAllShards(count: number, order: number[] = Array.from({ length: count }, (_, i) => i)) {
  const out = await freshDir();
  for (const index of order)
    await runShard(plan, { out, shard: { index, count }, planInfo: { kind: "sweep", test: true } });
  return out;
}

describe("runShard + mergeRuns", () => {
  it.each([1, 3, 7])("the merged result of %i shards equals runPlan(plan) value for value", async (count) => {
    const out = await runAllShards(count, count === 7 ? [6, 2, 0, 5, 1, 4, 3] : undefined);
    const manifest = await mergeRuns(out);
    expect(manifest.runs).toBe(9);
    expect(manifest.rows).toBe(whole.rows.length);

    // the runs' rows, read back from the merged Parquet, are the rows one process computes
    const outputs = await readRunOutputs(out);
    expect(outputs.map((o) => o.run)).toEqual(wholeOutputs.map((o) => o.run));
    outputs.forEach((o, k) => expect(o.rows).toEqual(wholeOutputs[k].rows));
    // and the sweep's analysis from the folder is runPlan's
    expect(await aggregateFromDir(plan, out)).toEqual(whole);

    // the dataset itself: every row once, with the varied parameter as a column
    const q = await queryDataset(
      out,
      `SELECT count(*) AS n, count(DISTINCT run) AS runs, sum(value) AS total FROM rows`,
    );
    expect(q.rows[0]).toEqual({ n: whole.rows.length, runs: 9, total: whole.rows.reduce((s, r) => s + r.value, 0) });
    const beta = await queryDataset(
      out,
      `SELECT "behavior.beta" AS beta, count(*) AS n FROM rows GROUP BY 1 ORDER BY 1`,
    );
    expect(beta.rows).toEqual(
      [0.5, 1, 2].map((b) => ({ beta: b, n: whole.rows.filter((r) => r["behavior.beta"] === b).length })),
    );
  });

  it("shards write disjoint part files, one per run, and each shard's manifest", async () => {
    const out = await runAllShards(3);
    const parts = await readdir(join(out, "parts"));
    expect(parts).toHaveLength(9);
    expect(parts.every((p) => p.endsWith(".parquet") && !p.startsWith("."))).toBe(true);
    expect((await readdir(join(out, "shards"))).sort()).toEqual([
      "shard-0000-of-0003.json",
      "shard-0001-of-0003.json",
      "shard-0002-of-0003.json",
    ]);
    const m = JSON.parse(await readFile(join(out, "shards", "shard-0001-of-0003.json"), "utf8"));
    expect(m).toMatchObject({ shard: "1/3", status: "complete", assigned: 3, ran: 3, skipped: 0 });
  });

  it("every shard writes the same plan.json, and a folder of another plan is refused", async () => {
    const a = await runAllShards(1);
    const b = await freshDir();
    await runShard(plan, { out: b, shard: { index: 2, count: 3 }, planInfo: { kind: "sweep", test: true } });
    expect(await readFile(join(b, "plan.json"), "utf8")).toBe(await readFile(join(a, "plan.json"), "utf8"));
    await expect(
      runShard(plan, { out: b, shard: { index: 0, count: 3 }, planInfo: { kind: "sweep", test: false } }),
    ).rejects.toThrow(/plan info differs/);
    const other = planSensitivity(scenarios.baseline({ agents: 1000, years: 1 }), {
      method: "morris",
      parameters: { "behavior.beta": { min: 0.5, max: 2 } },
      trajectories: 2,
      replications: 1,
      seed: 1,
      metric: "stock",
      region: "DE",
    });
    await expect(runShard(other, { out: b })).rejects.toThrow(
      /another plan[\s\S]*holds a plan of 9 runs; this plan has/,
    );
  });

  it("mergeRuns fails naming the missing runs and their shards, and writes no dataset", async () => {
    const out = await freshDir();
    await runShard(plan, { out, shard: { index: 0, count: 3 }, planInfo: { kind: "sweep", test: true } });
    await runShard(plan, { out, shard: { index: 2, count: 3 }, planInfo: { kind: "sweep", test: true } });
    const missing = assignShard(
      plan.specs.map((s) => s.key),
      1,
      3,
    );
    const error = await mergeRuns(out).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/3 of 9 runs missing \(shard 1\/3: 3\)/);
    expect(error).toBeInstanceOf(MissingRunsError);
    expect([...(error as MissingRunsError).missing].sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual(
      missing.map((key) => ({ key, shard: { index: 1, count: 3 } })),
    );
    for (const key of missing) expect(error?.message).toContain(`runs.${key}: missing (shard 1/3)`);
    expect(await readdir(out)).not.toContain("rows.parquet");
    expect(await readdir(out)).not.toContain("manifest.json");

    const status = await shardStatus(out);
    expect(status.count).toBe(3);
    expect(status.done).toBe(6);
    expect(status.shards.map((s) => [s.done, s.assigned])).toEqual([
      [3, 3],
      [0, 3],
      [3, 3],
    ]);
    expect(status.shards[1].missing).toEqual(missing);
  });

  it("mergeRuns refuses a part file that holds another run's rows", async () => {
    const out = await runAllShards(1);
    const parts = (await readdir(join(out, "parts"))).sort();
    await writeFile(join(out, "parts", parts[0]), await readFile(join(out, "parts", parts[1])));
    await expect(mergeRuns(out)).rejects.toThrow(/part files hold other runs' rows[\s\S]*holds rows of/);
  });

  it("merging twice gives identical files, with CSV, and partitioned by scenario or by size", async () => {
    const out = await runAllShards(3);
    const hashes = async (dir: string) => {
      const m = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
      return { manifest: await readFile(join(dir, "manifest.json"), "utf8"), files: m.files, csv: m.csv };
    };
    await mergeRuns(out, { csv: true });
    const first = await hashes(out);
    await mergeRuns(out, { csv: true });
    expect(await hashes(out)).toEqual(first);
    expect(first.csv.rows).toBe(whole.rows.length);
    // the CSV holds the same rows: empty dimensions read back as empty (or NULL), numbers as the same doubles
    const csvPath = join(out, "rows.csv");
    const csv = await queryDataset(
      out,
      `WITH c AS (SELECT *, row_number() OVER () AS i FROM read_csv('${csvPath}')),
         r AS (SELECT *, row_number() OVER () AS i FROM rows)
       SELECT count(*) AS n FROM c JOIN r USING (i)
       WHERE c.run = r.run AND c.period = r.period AND c.metric = r.metric AND coalesce(c.region, '') = r.region
         AND coalesce(c.origin, '') = r.origin AND coalesce(c.destination, '') = r.destination
         AND coalesce(c.citizenship, '') = r.citizenship
         AND c.value = r.value AND c.seed = r.seed AND c."behavior.beta" = r."behavior.beta"`,
    );
    expect(csv.rows[0].n).toBe(whole.rows.length);

    const bySize = await mergeRuns(out, { maxRowsPerFile: 500 });
    expect(await readdir(out)).not.toContain("rows.csv"); // the earlier merge's CSV is not this dataset
    expect(bySize.files.length).toBeGreaterThan(1);
    // DuckDB fills row groups in blocks of 2,048 rows: a file holds at most that many here
    expect(bySize.files.every((f) => f.path.startsWith("rows/data_") && f.rows <= 2048)).toBe(true);
    expect(bySize.files.reduce((s, f) => s + f.rows, 0)).toBe(whole.rows.length);
    expect(await aggregateFromDir(plan, out)).toEqual(whole);
    const again = await mergeRuns(out, { maxRowsPerFile: 500 });
    expect(again.files).toEqual(bySize.files);

    const byScenario = await mergeRuns(out, { partitionBy: "scenario" });
    expect(byScenario.files.map((f) => f.path)).toEqual(["rows/scenario=baseline/data_0.parquet"]);
    expect(await aggregateFromDir(plan, out)).toEqual(whole);
  });

  it("aggregateFromDir gives a sensitivity analysis equal to runPlan's, from a folder run in 2 shards", async () => {
    const sens = planSensitivity(scenarios.baseline({ agents: 1000, years: 1 }), {
      method: "morris",
      parameters: { "behavior.beta": { min: 0.5, max: 2 }, "behavior.homeBias": { min: 0.5, max: 1.5 } },
      trajectories: 2,
      replications: 1,
      seed: 3,
      metric: "stock",
      region: "DE",
    });
    const out = await freshDir();
    await runShard(sens, { out, shard: { index: 1, count: 2 } });
    await runShard(sens, { out, shard: { index: 0, count: 2 } });
    await mergeRuns(out);
    expect(await aggregateFromDir(sens, out)).toEqual(runPlan(sens));
    await expect(aggregateFromDir(plan, out)).rejects.toThrow(/not the one .* was run with/);
  });

  it("runShard skips runs whose part file exists and reports runs that throw by key, keeping the others", async () => {
    const out = await freshDir();
    const keys = uniqueSpecs(plan.specs).map((s) => s.key);
    const bad = keys[4];
    const error = await runShard(plan, {
      out,
      execute: (spec) => {
        if (spec.key === bad) throw new Error("boom");
        return executeRunSpec(spec);
      },
    }).then(
      () => undefined,
      (e: Error & { result?: unknown }) => e,
    );
    expect(error?.message).toContain(
      `1 run(s) failed (the other 8 were kept; rerun the shard to retry):\n  - ${bad}: boom`,
    );
    expect((await readdir(join(out, "parts"))).length).toBe(8);
    const again = await runShard(plan, { out });
    expect(again).toMatchObject({ assigned: 9, skipped: 8, ran: 1, failed: [] });
    await mergeRuns(out);
    expect(await aggregateFromDir(plan, out)).toEqual(whole);
  });
});
