/**
 * A report drawn from an output folder (`talentflow report DIR`) is the report drawn from the
 * in-memory result (`--report`): same sections, same SVGs, same tables, in every file format.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ValidationError,
  calibrate,
  compare,
  replicate,
  scenarios,
  sensitivity,
  simulate,
  sweep,
  type Scenario,
} from "@talentflow/core";
import { describe, expect, it } from "vitest";
import {
  readManifest,
  readTables,
  reportFromResult,
  reportFromTables,
  writeResult,
  type ExportFormat,
  type ReportableResult,
  type WriteResultOptions,
} from "../src/index";

const small = { agents: 1000, years: 2 };

/** Writes the result to a fresh folder in `format`, reads it back and reports on the tables. */
async function viaFolder(result: ReportableResult, format: ExportFormat, options: WriteResultOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), "tf-report-tables-"));
  await writeResult(dir, result, { ...options, format });
  return reportFromTables(await readTables(dir), await readManifest(dir));
}

describe("reportFromTables", () => {
  it("reportFromTables(tables of a run) equals reportFromResult(the run): stock, flows and brain drain", async () => {
    const run = simulate(scenarios.alliance2026(small), { seed: 7 });
    const expected = await reportFromResult(run);
    expect(expected.sections).toHaveLength(3);
    expect(await viaFolder(run, "csv")).toEqual(expected);
  });

  it("reportFromTables(tables of a replication) equals reportFromResult(the replication), bands included", async () => {
    const scenario = scenarios.baseline(small);
    const rep = replicate(scenario, { replications: 3, seed: 2 });
    const expected = await reportFromResult(rep);
    expect(expected.sections.map((s) => s.title)).toEqual([
      "Talent stock by region",
      "Flows between regions",
      "Brain drain by citizenship",
    ]);
    expect(await viaFolder(rep, "parquet", { scenario })).toEqual(expected);
  });

  it(
    "reportFromTables(tables of a comparison) equals " +
      "reportFromResult(the comparison), variance reductions included",
    async () => {
      // 10,000 agents (48 people each): at 1,000 the alliance moves less than one agent in two years,
      // every paired difference can be 0, and no variance reduction is measured.
      const sized = { ...small, agents: 10_000 };
      const arms: Record<string, Scenario> = {
        baseline: scenarios.baseline(sized),
        alliance2026: scenarios.alliance2026(sized),
      };
      const cmp = compare(arms, { replications: 3, seed: 1, metrics: ["stock", "brainDrain", "welfare"] });
      const expected = await reportFromResult(cmp);
      expect(expected.sections.map((s) => s.title)).toEqual([
        "Effect on the talent stock at the horizon",
        "Effect on brain drain at the horizon",
        "Effect on welfare",
      ]);
      expect(expected.sections[0].table!.columns).toContain("Variance reduction");
      expect(await viaFolder(cmp, "ndjson", { arms })).toEqual(expected);
    },
  );

  it(
    "reportFromTables(tables of a sweep) equals reportFromResult(the " +
      "sweep), for lines with intervals and for a heatmap",
    async () => {
      const scenario = scenarios.baseline(small);
      const lines = sweep(scenario, {
        vary: { "behavior.beta": [0.5, 1] },
        replications: 2,
        seed: 1,
        metrics: ["stock"],
      });
      expect(await viaFolder(lines, "csv", { scenario })).toEqual(await reportFromResult(lines));
      const grid = sweep(scenario, {
        vary: { "behavior.beta": [0.5, 1], "behavior.homeBias": [0.5, 1] },
        replications: 1,
        seed: 1,
        metrics: ["stock"],
      });
      expect(await viaFolder(grid, "parquet", { scenario })).toEqual(await reportFromResult(grid));
    },
  );

  it("reportFromTables(tables of a sensitivity analysis) equals reportFromResult(the analysis)", async () => {
    const scenario = scenarios.baseline({ agents: 500, years: 1 });
    const s = sensitivity(scenario, {
      method: "morris",
      metric: "stock",
      region: "CA",
      seed: 1,
      trajectories: 2,
      parameters: { "behavior.beta": { min: 0.4, max: 0.9 }, "behavior.homeBias": { min: 0.5, max: 2 } },
    });
    expect(await viaFolder(s, "csv", { scenario })).toEqual(await reportFromResult(s));
  });

  it(
    "reportFromTables(tables, manifest) refuses a calibration's " +
      "folder and a folder missing the table it draws, naming them",
    async () => {
      const scenario = scenarios.baseline({ agents: 500, years: 1 });
      const cal = calibrate(scenario, {
        method: "msm",
        parameters: { "behavior.beta": { lower: 0.4, upper: 0.9 } },
        targets: [{ name: "CA stock", selector: { metric: "stock", region: "CA" }, value: 60_000, se: 5_000 }],
        replications: 1,
        seed: 1,
        maxEvaluations: 3,
      });
      const dir = await mkdtemp(join(tmpdir(), "tf-report-tables-"));
      await writeResult(dir, cal, { scenario });
      const calError = await reportFromTables(await readTables(dir), await readManifest(dir)).catch((e: unknown) => e);
      expect(calError).toBeInstanceOf(ValidationError);
      expect((calError as ValidationError).issues[0].path).toBe("manifest.kind");

      const run = simulate(scenarios.baseline({ agents: 500, years: 1 }), { seed: 1 });
      const runDir = await mkdtemp(join(tmpdir(), "tf-report-tables-"));
      await writeResult(runDir, run);
      const missing = await reportFromTables({}, await readManifest(runDir)).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(ValidationError);
      expect((missing as ValidationError).issues[0].path).toBe("tables.rows");
    },
  );
});
