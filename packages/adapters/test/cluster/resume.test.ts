import { runPlan } from "@talentflow/core";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aggregateFromDir, mergeRuns, queryDataset, shardStatus } from "../../src/index";
import { smallSweep } from "./_plans";

const root = resolve(import.meta.dirname, "../../../..");
const child = resolve(import.meta.dirname, "fixtures/sweepShard.mts");
const folders: string[] = [];
afterAll(async () => {
  for (const d of folders) await rm(d, { recursive: true, force: true });
});

function start(out: string) {
  return spawn(process.execPath, ["--conditions=@talentflow/source", "--import", "tsx", child, out], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function finished(
  proc: ReturnType<typeof start>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  proc.stdout.on("data", (d) => (stdout += d));
  proc.stderr.on("data", (d) => (stderr += d));
  return new Promise((done) => proc.on("close", (code, signal) => done({ code, signal, stdout, stderr })));
}

const parts = async (out: string) =>
  (await readdir(join(out, "parts")).catch(() => [] as string[])).filter((p) => !p.startsWith("."));

describe("resuming a killed sweep", () => {
  it("a sweep killed with SIGKILL half-way and run again " +
    "merges to the uninterrupted result, with no duplicate rows", async () => {
    const plan = smallSweep();
    const whole = runPlan(plan);
    const out = await mkdtemp(join(tmpdir(), "tf-resume-"));
    folders.push(out);

    const first = start(out);
    const ended = finished(first);
    // kill it once two runs are committed, while the third is being computed or written
    while ((await parts(out)).length < 2 && first.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    first.kill("SIGKILL");
    const killed = await ended;
    expect(killed.signal).toBe("SIGKILL");
    const committed = (await parts(out)).length;
    expect(committed).toBeGreaterThanOrEqual(2);
    expect(committed).toBeLessThan(9);
    const status = await shardStatus(out);
    expect(status.done).toBe(committed);
    expect(status.shards[0].manifest?.status).toBe("running"); // the killed shard never said it finished
    await expect(mergeRuns(out)).rejects.toThrow(
      new RegExp(`${9 - committed} of 9 runs missing \\(shard 0/1: ${9 - committed}\\)`),
    );

    const second = await finished(start(out));
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      assigned: 9,
      skipped: committed,
      ran: 9 - committed,
      failed: [],
    });
    // leftovers of the killed write were removed
    expect((await readdir(join(out, "parts"))).filter((p) => p.endsWith(".tmp"))).toEqual([]);

    await mergeRuns(out);
    expect(await aggregateFromDir(plan, out)).toEqual(whole);
    const q = await queryDataset(
      out,
      `SELECT count(*) AS n, count(DISTINCT (run, period, metric, region, ` +
        `origin, destination, citizenship)) AS distinctRows FROM rows`,
    );
    expect(q.rows[0]).toEqual({ n: whole.rows.length, distinctRows: whole.rows.length });
  }, 120_000);
});
