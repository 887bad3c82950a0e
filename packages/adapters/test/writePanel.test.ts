import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSimulation, scenarios } from "@talentflow/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest, readTables, writePanel } from "../src/index";
import { duckColumns, duckQuery } from "./_duckdb";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "talentflow-panel-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("writePanel", () => {
  it(
    "writePanel(s, dir, { seed, every: 4, format: 'parquet' }) " +
      "writes one row per agent per year end, equal to sim.agents()",
    async () => {
      const scenario = scenarios.baseline({ agents: 1500, years: 2 });
      const dir = join(root, "small");
      await writePanel(scenario, dir, { seed: 3, every: 4, format: "parquet", batchRows: 700 });

      // The same run, stepped by hand: the cross-sections at the two year ends.
      const sim = createSimulation(scenario, { seed: 3 });
      const expected: {
        period: number;
        id: number[];
        region: string[];
        skill: number[];
        age: number[];
        temporary: boolean[];
      }[] = [];
      while (!sim.done) {
        const view = sim.step();
        if (view && view.period % 4 === 3) {
          const p = sim.agents();
          expected.push({
            period: view.period,
            id: [...p.id],
            region: [...p.region],
            skill: [...p.skill],
            age: [...p.age],
            temporary: [...p.temporary].map((v) => v === 1),
          });
        }
      }
      const manifest = await readManifest(dir);
      const entry = manifest.tables.find((t) => t.name === "panel")!;
      expect(entry.rows).toBe(expected.reduce((n, e) => n + e.id.length, 0));
      const columns = await duckColumns(join(dir, entry.file), entry);
      const col = (name: string) => columns[entry.columns.findIndex((c) => c.name === name)];
      const flat = <K extends "id" | "region" | "skill" | "age" | "temporary">(k: K) =>
        expected.flatMap((e) => e[k] as unknown[]);
      expect(col("period")).toEqual(expected.flatMap((e) => e.id.map(() => e.period)));
      expect(col("yearEnd").every((v) => v === true)).toBe(true);
      expect(col("calendarYear")).toEqual(expected.flatMap((e) => e.id.map(() => 2026 + (e.period - 3) / 4)));
      for (const k of ["id", "region", "skill", "age", "temporary"] as const) expect(col(k), k).toEqual(flat(k));
      // readTables gives the same panel, and the run's rows beside it.
      const tables = await readTables(dir);
      expect(tables.panel!.columns.find((c) => c.name === "id")!.values).toEqual(flat("id"));
      expect(tables.rows!.rows).toBe(sim.result().rows.length);
      expect(manifest.kind).toBe("panel");
      expect(manifest.runs).toEqual([{ key: sim.result().run, seed: sim.seed, replicate: 0 }]);
    },
  );

  it("writePanel streams in batches: the heap stays far below the size of the panel it writes", async () => {
    const dir = join(root, "large");
    const child = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--conditions=@talentflow/source",
        "--import",
        "tsx",
        join(__dirname, "_panelChild.mts"),
        dir,
        "memory",
      ],
      {
        cwd: join(__dirname, ".."),
        encoding: "utf8",
      },
    );
    expect(child.status, child.stderr).toBe(0);
    const { rows, peak } = JSON.parse(child.stdout) as { rows: number; peak: number };
    const bytes = (await stat(join(dir, "panel.csv"))).size;
    expect(rows).toBeGreaterThan(200_000);
    expect(bytes).toBeGreaterThan(20 * 1024 * 1024);
    // Held in memory, the panel would take at least its CSV size (more as JS values); streamed,
    // the heap holds the simulation, one cross-section and one batch: under a quarter of it.
    expect(peak).toBeLessThan(bytes / 4);
    const counted = await duckQuery(
      `SELECT count(*) AS n, count(DISTINCT period) AS periods ` +
        `FROM read_csv('${join(dir, "panel.csv")}', header = true)`,
    );
    expect(Number(counted[0].n)).toBe(rows);
    expect(Number(counted[0].periods)).toBe(20);
  }, 240_000);

  it("writePanel refuses a bad option by name", async () => {
    await expect(
      writePanel(scenarios.baseline({ agents: 1000, years: 1 }), join(root, "bad"), { every: 0 }),
    ).rejects.toThrow(/options\.every: must be a whole number >= 1/);
  });
});
