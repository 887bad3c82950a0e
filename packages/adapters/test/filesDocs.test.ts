import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scenarios, simulate } from "@talentflow/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeResult } from "../src/index";
import { duckQuery } from "./_duckdb";

const docs = join(__dirname, "..", "..", "..", "docs", "files.md");
let root: string;
let expected: Map<string, number>;

/** The fenced blocks of one language in the section "## Reading the outputs". */
async function blocks(language: string): Promise<string[]> {
  const text = await readFile(docs, "utf8");
  const section = text.slice(text.indexOf("## Reading the outputs"));
  return [...section.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "talentflow-docs-"));
  const run = simulate(scenarios.baseline({ agents: 2000, years: 6 }), { seed: 11 });
  await writeResult(join(root, "csv", "out"), run);
  await writeResult(join(root, "parquet", "out"), run, { format: "parquet" });
  expected = new Map(
    run.rows.filter((r) => r.metric === "stock" && r.year === 2031.75).map((r) => [r.region, r.value]),
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("docs/files.md, Reading the outputs", () => {
  it("the DuckDB example returns the stock per region at the end of 2031, from Parquet and from CSV", async () => {
    const [sql] = await blocks("sql");
    expect(sql).toBeDefined();
    for (const [folder, file] of [
      ["parquet", "rows.parquet"],
      ["csv", "rows.csv"],
    ] as const) {
      const query = sql.replace("'out/rows.parquet'", `'${join(root, folder, "out", file)}'`);
      const rows = await duckQuery(query);
      expect(new Map(rows.map((r) => [r.region as string, r.value as number]))).toEqual(expected);
    }
  });

  it("the pandas example prints the stock per region at the end of 2031", async (context) => {
    const [python] = await blocks("python");
    expect(python).toBeDefined();
    const probe = spawnSync("python3", ["-c", "import pandas"], { encoding: "utf8" });
    if (probe.status !== 0) {
      context.skip("pandas is not installed (python3 -c 'import pandas' failed), so the pandas example was not run");
      return;
    }
    const run = spawnSync("python3", ["-c", python], { cwd: join(root, "csv"), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe("region,value");
    expect(new Map(lines.slice(1).map((l) => [l.split(",")[0], Number(l.split(",")[1])]))).toEqual(expected);
  });
});
