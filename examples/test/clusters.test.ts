/**
 * The cluster examples and docs/clusters.md: every `console` block of the page is run (through
 * the CLI's runCli, with out/ in a temporary folder) and its output compared with the page's,
 * times, process ids, dates and progress lines aside; the page's script runs; the Kubernetes
 * Job's command and the Slurm environment pick the right shards.
 */
import { planSweep, runPlan } from "@talentflow/core";
import { aggregateFromDir, readPlanFile } from "@talentflow/adapters";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../packages/adapters/src/cli/runCli";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const PLAN = "examples/slurm/sweep.yaml";
const folders: string[] = [];
afterAll(async () => {
  for (const d of folders) await rm(d, { recursive: true, force: true });
});
async function fresh(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "tf-clusters-doc-"));
  folders.push(d);
  return d;
}

/**
 * Runs `talentflow` with arguments in this process, capturing what it prints (stdout and stderr,
 * in order) without the progress lines, which tell times.
 */
async function talentflow(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string[] }> {
  let text = "";
  const sink = { write: (t: string) => (text += t) };
  const code = await runCli(args, { cwd: ROOT, env, stdout: sink, stderr: sink });
  const out = text
    .replace(/\n$/, "")
    .split("\n")
    .filter((l) => !/: \d+\/\d+ runs, [\d,]+ agent-periods\/s/.test(l));
  return { code, out };
}

/** Splits a shell command line into words: single and double quotes, \" inside double quotes. */
function words(line: string): string[] {
  const out: string[] = [];
  let word = "";
  let inWord = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (c === "'") {
      const end = line.indexOf("'", k + 1);
      word += line.slice(k + 1, end);
      k = end;
      inWord = true;
    } else if (c === '"') {
      k++;
      while (line[k] !== '"') {
        if (line[k] === "\\" && (line[k + 1] === '"' || line[k + 1] === "\\")) k++;
        word += line[k++];
      }
      inWord = true;
    } else if (c === " ") {
      if (inWord) out.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) out.push(word);
  return out;
}

/** Times, process ids and dates differ from run to run. */
function normalise(lines: readonly string[]): string[] {
  return lines.map((l) =>
    l
      .replace(/\(\d+\.\d s\)/g, "(… s)")
      .replace(/pid \d+/g, "pid …")
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "…"),
  );
}

describe("docs/clusters.md", () => {
  it("every console block of docs/clusters.md prints what the page shows", async () => {
    const text = await readFile(join(ROOT, "docs/clusters.md"), "utf8");
    const blocks = [...text.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    const tmp = await fresh();
    const local = (arg: string) => arg.replace(/^out\//, `${tmp}/out/`);
    let commands = 0;
    for (const block of blocks) {
      const lines = block.replace(/\n$/, "").split("\n");
      let expected: string[] = [];
      let actual: string[] = [];
      const flush = () => {
        expect(normalise(actual.map((l) => l.replaceAll(`${tmp}/`, "")))).toEqual(normalise(expected));
        expected = [];
        actual = [];
      };
      for (const line of lines) {
        if (!line.startsWith("$ ")) {
          expected.push(line);
          continue;
        }
        if (commands > 0) flush();
        commands++;
        for (const part of line.slice(2).split(" && ")) {
          const w = words(part);
          if (w[0] === "parallel") {
            // parallel -k -j 2 <command with {}> ::: values: run them one after the other, in order (-k)
            const sep = w.indexOf(":::");
            const command = w.slice(w.indexOf("pnpm"), sep);
            for (const value of w.slice(sep + 1)) {
              const r = await talentflow(command.slice(3).map((a) => local(a.replaceAll("{}", value))));
              expect(r.code).toBe(0);
              actual.push(...r.out);
            }
          } else {
            expect(w.slice(0, 3)).toEqual(["pnpm", "--silent", "talentflow"]);
            const r = await talentflow(w.slice(3).map(local));
            actual.push(...r.out);
          }
        }
      }
      flush();
      commands = 0;
    }
  }, 180_000);

  it("the script of docs/clusters.md runs and its comments hold", async () => {
    const text = await readFile(join(ROOT, "docs/clusters.md"), "utf8");
    const code = /## From a script\n\n```ts\n([\s\S]*?)```/.exec(text)![1];
    const tmp = await fresh();
    const out = join(tmp, "sweep");
    const script =
      code.replaceAll('"out/sweep"', JSON.stringify(out)) +
      `\nconst { runPlan } = await import("@talentflow/core");\n` +
      `const { isDeepStrictEqual } = await import("node:util");\n` +
      `console.log(JSON.stringify({ done: (await shardStatus(${JSON.stringify(out)})).done, count: await ` +
      `queryDataset(${JSON.stringify(out)}, "SELECT count(*) AS n FROM rows"), equal: isDeepStrictEqual(result, ` +
      `runPlan(plan)) }));\n`;
    await mkdir(join(ROOT, "examples/.tmp"), { recursive: true });
    const file = join(ROOT, "examples/.tmp", `clusters-doc-${process.pid}.mts`);
    await writeFile(file, script);
    try {
      const stdout = await new Promise<string>((done, fail) =>
        execFile(
          process.execPath,
          ["--conditions=@talentflow/source", "--import", "tsx", file],
          { cwd: ROOT, env: { ...process.env, SLURM_ARRAY_TASK_ID: "" } },
          (error, so, se) => (error ? fail(new Error(`${error.message}\n${se}`)) : done(so)),
        ),
      );
      expect(JSON.parse(stdout.trim().split("\n").pop()!)).toEqual({
        done: 12,
        count: { columns: ["n"], rows: [{ n: 2976 }] },
        equal: true,
      });
    } finally {
      await rm(file, { force: true });
    }
  }, 120_000);
});

describe("examples/slurm and examples/k8s", () => {
  it("the Kubernetes Indexed Job's command, run with " +
    "JOB_COMPLETION_INDEX 0 to 7, merges to one process's dataset", async () => {
    const yaml = await readFile(join(ROOT, "examples/k8s/sweep-job.yaml"), "utf8");
    const completions = Number(/completions: (\d+)/.exec(yaml)![1]);
    const [runArgs, mergeArgs] = [...yaml.matchAll(/^\s+args: (\[.*\])$/gm)].map((m) => JSON.parse(m[1]) as string[]);
    expect(runArgs[runArgs.indexOf("--shards") + 1]).toBe(String(completions));
    const tmp = await fresh();
    const local = (a: string) => a.replace("/data/out/sweep", join(tmp, "k8s"));
    for (let k = 0; k < completions; k++) {
      const r = await talentflow(runArgs.map(local), { JOB_COMPLETION_INDEX: String(k) });
      expect(r.code).toBe(0);
      expect(r.out[0]).toMatch(new RegExp(`^shard ${k}/${completions}: [12] of 12 runs assigned`));
    }
    expect((await talentflow(mergeArgs.map(local))).code).toBe(0);
    expect((await talentflow(["sweep", PLAN, "--out", join(tmp, "one"), "--shard", "0/1", "--quiet"])).code).toBe(0);
    expect((await talentflow(["merge", join(tmp, "one"), "--csv"])).code).toBe(0);
    for (const f of ["rows.parquet", "rows.csv", "plan.json"]) {
      expect(await readFile(join(tmp, "k8s", f))).toEqual(await readFile(join(tmp, "one", f)));
    }
    const file = await readPlanFile(join(ROOT, PLAN));
    if (file.kind !== "sweep") throw new Error("examples/slurm/sweep.yaml is not a sweep plan");
    const plan = planSweep(file.scenario, file.options);
    expect(await aggregateFromDir(plan, join(tmp, "k8s"))).toEqual(runPlan(plan));
  }, 120_000);

  it(
    "talentflow sweep takes its shard from Slurm's " + "environment, and refuses a one-task array whose id is not 0",
    async () => {
      const tmp = await fresh();
      const r = await talentflow(["sweep", PLAN, "--out", tmp], {
        SLURM_ARRAY_TASK_ID: "5",
        SLURM_ARRAY_TASK_MIN: "4",
        SLURM_ARRAY_TASK_MAX: "7",
        SLURM_ARRAY_TASK_COUNT: "4",
      });
      expect(r.code).toBe(0);
      expect(r.out[0]).toMatch(/^shard 1\/4: 3 of 12 runs assigned, 0 already done, 3 run now/);
      const one = await talentflow(["sweep", PLAN, "--out", tmp], {
        SLURM_ARRAY_TASK_ID: "2",
        SLURM_ARRAY_TASK_COUNT: "1",
        SLURM_ARRAY_TASK_MIN: "2",
        SLURM_ARRAY_TASK_MAX: "2",
      });
      expect(one.code).toBe(2);
      expect(one.out.join("\n")).toContain(
        "env.SLURM_ARRAY_TASK_ID: is 2 in an array of one task (--array=2?): to redo shard 2 of N, pass --shard 2/N",
      );
    },
  );

  it("sweep.sbatch, merge.sbatch and submit.sh are valid bash that run talentflow on the example plan", async () => {
    const sweep = await readFile(join(ROOT, "examples/slurm/sweep.sbatch"), "utf8");
    expect(sweep).toMatch(/^#SBATCH --array=0-3$/m);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected text is shell; its ${...} is the script's own
    expect(sweep).toContain('packages/adapters/src/cli/bin.ts "${COMMAND:-sweep}" "$PLAN" --out "$OUT" "$@"');
    expect(await readFile(join(ROOT, "examples/slurm/merge.sbatch"), "utf8")).toContain(
      'packages/adapters/src/cli/bin.ts merge "$OUT" --csv',
    );
    for (const f of ["sweep.sbatch", "merge.sbatch", "submit.sh"]) {
      await new Promise<void>((done, fail) =>
        execFile("bash", ["-n", join(ROOT, "examples/slurm", f)], (e) => (e ? fail(e) : done())),
      );
    }
  });
});
