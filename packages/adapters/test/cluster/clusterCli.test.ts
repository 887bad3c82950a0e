/**
 * The cluster side of the `talentflow` CLI, in this process: `--shard`, array-job environments,
 * `--from`, `merge`, `status` and `query`, and the usage errors around them.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";

const ROOT = resolve(__dirname, "../../../..");
const folders: string[] = [];
afterAll(async () => {
  for (const d of folders) await rm(d, { recursive: true, force: true });
});
async function fresh(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "tf-cluster-cli-"));
  folders.push(d);
  return d;
}

async function talentflow(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    cwd: ROOT,
    env,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

const SWEEP = "examples/slurm/sweep.yaml";

/** Runs every shard of a command into a fresh folder, merges, and returns the folder. */
async function sharded(command: readonly string[], count: number): Promise<string> {
  const out = await fresh();
  for (let i = count - 1; i >= 0; i--) {
    const r = await talentflow([...command, "--out", out, "--shard", `${i}/${count}`, "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
  const m = await talentflow(["merge", out, "--quiet"]);
  expect(m.code).toBe(0);
  return out;
}

describe("talentflow with --shard and --from", () => {
  it("talentflow sweep PLAN --from DIR prints what " +
    "talentflow sweep PLAN prints, after 3 shards and a merge", async () => {
    const out = await sharded(["sweep", SWEEP], 3);
    const whole = await talentflow(["sweep", SWEEP, "--json", "--quiet"]);
    const from = await talentflow(["sweep", SWEEP, "--from", out, "--json"]);
    expect(from.code).toBe(0);
    expect(JSON.parse(from.stdout)).toEqual(JSON.parse(whole.stdout));
    expect((await talentflow(["sweep", SWEEP, "--from", out])).stdout).toBe(
      (await talentflow(["sweep", SWEEP])).stdout,
    );
    const analysis = await fresh();
    const written = await talentflow(["sweep", SWEEP, "--from", out, "--out", analysis, "--json"]);
    expect(JSON.parse(written.stdout).files.map((f: string) => f.split(/[\\/]/).pop())).toEqual([
      "rows.csv",
      "intervals.csv",
      "points.csv",
      "manifest.json",
    ]);
  }, 120_000);

  it("talentflow run --replications N and talentflow compare, " +
    "sharded and merged, give with --from the result of one process", async () => {
    const run = ["run", "baseline", "--replications", "4", "--agents", "1000", "--years", "1", "--metrics", "stock"];
    const reps = await sharded(run, 2);
    expect(JSON.parse((await talentflow([...run, "--from", reps, "--json"])).stdout)).toEqual(
      JSON.parse((await talentflow([...run, "--json", "--quiet"])).stdout),
    );
    const compare = [
      "compare",
      "baseline",
      "alliance2026",
      "--replications",
      "3",
      "--agents",
      "1000",
      "--years",
      "1",
      "--metrics",
      "stock",
    ];
    const arms = await sharded(compare, 3);
    expect(JSON.parse((await talentflow([...compare, "--from", arms, "--json"])).stdout)).toEqual(
      JSON.parse((await talentflow([...compare, "--json", "--quiet"])).stdout),
    );
  }, 180_000);

  it("talentflow sensitivity PLAN --from DIR gives the indices of one process", async () => {
    const dir = await fresh();
    const plan = join(dir, "sensitivity.yaml");
    await writeFile(
      plan,
      "kind: sensitivity\nscenario: baseline\nagents: 1000\nyears: 1\nmethod: morris\nparameters:\n" +
        "  behavior.beta: { min: 0.5, max: 2 }\n  behavior.homeBias: { min: 0.5, max: 1.5 }\ntrajectories: 2\n" +
        "seed: 4\nmetric: stock\nregion: DE\n",
    );
    const out = await sharded(["sensitivity", plan], 2);
    expect(JSON.parse((await talentflow(["sensitivity", plan, "--from", out, "--json"])).stdout)).toEqual(
      JSON.parse((await talentflow(["sensitivity", plan, "--json", "--quiet"])).stdout),
    );
  }, 120_000);

  it(
    "talentflow sweep reads its shard from JOB_COMPLETION_INDEX " + "with --shards, and prints JSON with --json",
    async () => {
      const out = await fresh();
      const r = await talentflow(["sweep", SWEEP, "--out", out, "--shards", "5", "--json", "--quiet"], {
        JOB_COMPLETION_INDEX: "4",
      });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        kind: "shard",
        shard: "4/5",
        planRuns: 12,
        assigned: 2,
        skipped: 0,
        ran: 2,
        failed: [],
      });
      const again = await talentflow(["sweep", SWEEP, "--out", out, "--shards", "5", "--json", "--quiet"], {
        JOB_COMPLETION_INDEX: "4",
      });
      expect(JSON.parse(again.stdout)).toMatchObject({ assigned: 2, skipped: 2, ran: 0 });
    },
  );

  it("talentflow refuses sharding flags that cannot work, with exit code 2 and the reason", async () => {
    const out = await fresh();
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["sweep", SWEEP, "--shard", "0/2"], {}, /running shard 0\/2 needs --out DIR, the folder shared by all shards/],
      [["sweep", SWEEP, "--out", out], { JOB_COMPLETION_INDEX: "1" }, /shards: is required with JOB_COMPLETION_INDEX/],
      [["sweep", SWEEP, "--shard", "2/2", "--out", out], {}, /--shard must be i\/N|shard\.index|from 0 to 1/],
      [["sweep", SWEEP, "--shard", "1/2", "--shards", "3", "--out", out], {}, /--shard 1\/2 and --shards 3 disagree/],
      [["sweep", SWEEP, "--shards", "3", "--out", out], {}, /--shards N needs an array job's index in the environment/],
      [
        ["sweep", SWEEP, "--shard", "0/2", "--out", out, "--format", "csv"],
        {},
        /--format: a shard writes Parquet parts/,
      ],
      [["sweep", SWEEP, "--shard", "0/2", "--out", out, "--from", out], {}, /--from and --shard/],
      [
        ["run", "baseline", "--agents", "1000", "--years", "1", "--shard", "0/2", "--out", out],
        {},
        /--shard: this command has no fixed plan of runs to split/,
      ],
      [
        ["run", "baseline", "--replications", "3", "--agents", "1000", "--years", "1", "--from", out],
        {},
        /not found: this folder holds no sharded runs/,
      ],
      [
        ["calibrate", "examples/scenarios/plans/calibrate.yaml", "--shard", "0/2", "--out", out],
        {},
        /options\.method: only rejection ABC draws its candidates before any result/,
      ],
      [["merge", out], {}, /not found: this folder holds no sharded runs/],
      [["query", out, "SELECT 1"], {}, /not merged yet/],
    ];
    for (const [args, env, message] of cases) {
      const r = await talentflow(args, env);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
    }
  });

  it("talentflow status and merge exit 1 while runs are missing, naming them; query answers once merged", async () => {
    const out = await fresh();
    expect((await talentflow(["sweep", SWEEP, "--out", out, "--shard", "0/2", "--quiet"])).code).toBe(0);
    const status = await talentflow(["status", out]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/^6 of 12 runs done in 2 shard\(s\)\n/);
    expect(status.stdout).toMatch(/^1\/2\s+0\s+6\s+not started$/m);
    const merge = await talentflow(["merge", out]);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toMatch(/^talentflow merge: cannot merge: 6 of 12 runs missing \(shard 1\/2: 6\)/);
    expect((await talentflow(["sweep", SWEEP, "--out", out, "--shard", "1/2", "--quiet"])).code).toBe(0);
    expect((await talentflow(["status", out, "--json"])).code).toBe(0);
    expect((await talentflow(["merge", out, "--csv"])).stdout).toBe(
      "merged 12 runs, 2976 rows into rows.parquet, rows.csv and manifest.json\n",
    );
    const q = await talentflow(["query", out, "SELECT count(*) AS n, count(DISTINCT run) AS runs FROM rows", "--json"]);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 2976, runs: 12 }]);
    const bad = await talentflow(["query", out, "SELECT nope FROM rows"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Referenced column "nope" not found');
  }, 120_000);
});
