import { join } from "node:path";
import { ValidationError, createSimulation, type Scenario } from "@talentflow/core";
import { calendarOf } from "./_calendar";
import { EXTENSIONS, openTableWriter, type ColumnSchema, type ExportFormat } from "./_formats";
import { checkFormat, prepareFolder, writeManifest, writeTables } from "./_writeTables";
import { environment, type Manifest, type ManifestTable } from "./manifest";
import { resultTables } from "./resultTables";
import type { WrittenOutput } from "./writeResult";

/** Options of {@link writePanel}. */
export interface WritePanelOptions {
  /** Master seed (default 1), as for `simulate`. */
  readonly seed?: number | string;
  /** Replicate index (default 0). */
  readonly replicate?: number;
  /**
   * Record every this many periods (default 1: every period): the cross-section after each
   * period whose index p has (p + 1) % every = 0, so `every: 4` with quarters records the year
   * ends.
   */
  readonly every?: number;
  /** `csv` (default), `ndjson` or `parquet`. */
  readonly format?: ExportFormat;
  /** Rows per batch written (default 65,536): the most panel rows held at once besides the cross-section. */
  readonly batchRows?: number;
  /** Called after each batch with the panel rows written so far (for progress). */
  readonly onBatch?: (rowsWritten: number) => void;
  /** The command line to record (default `process.argv`). */
  readonly argv?: readonly string[];
  /** Memory limit of the agent arrays, bytes (as for `simulate`). */
  readonly maxBytes?: number;
}

const PANEL_SCHEMA: readonly ColumnSchema[] = [
  { name: "run", type: "string" },
  { name: "replicate", type: "integer" },
  { name: "seed", type: "integer", int64: true },
  { name: "period", type: "integer" },
  { name: "year", type: "double" },
  { name: "calendarYear", type: "integer" },
  { name: "quarter", type: "integer" },
  { name: "yearEnd", type: "boolean" },
  { name: "id", type: "integer", int64: true },
  { name: "region", type: "string" },
  { name: "home", type: "string" },
  { name: "citizenship", type: "string" },
  { name: "skill", type: "double" },
  { name: "age", type: "double" },
  { name: "german", type: "boolean" },
  { name: "researcher", type: "boolean" },
  { name: "temporary", type: "boolean" },
];

function positiveInteger(value: unknown, path: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
  throw new ValidationError(
    [{ path, message: `must be a whole number >= 1, got ${JSON.stringify(value)}` }],
    "writePanel",
  );
}

/**
 * Runs a scenario and streams its agent panel to `dir/panel.<format>`: one row per active agent
 * per recorded period (its id, region, home region, citizenship, skill, age and flags), written
 * in batches while the simulation steps, so the panel is never held in memory (only the current
 * cross-section is). The run's tidy `rows` and `manifest.json` are written beside it. Like
 * {@link writeResult}, every file is written under a temporary name and renamed when complete.
 *
 * Opt-in and large: 1,000,000 agents over 10 years of quarters is 40 million rows; Parquet
 * keeps it to a few hundred MB, and DuckDB or Arrow read it without loading it whole.
 *
 * @throws ValidationError for an invalid scenario or option, naming it.
 * @example
 * ```ts
 * await writePanel(scenarios.baseline({ agents: 20_000, years: 5 }), "out/panel", {
 *   seed: 1, every: 4, format: "parquet",
 * });
 * // out/panel/panel.parquet: 20,000-odd rows per year end; out/panel/rows.parquet; manifest.json
 * ```
 */
export async function writePanel(
  scenario: Scenario,
  dir: string,
  options: WritePanelOptions = {},
): Promise<WrittenOutput> {
  const startedAt = new Date();
  const format = checkFormat(options.format, "options.format");
  const every = positiveInteger(options.every, "options.every", 1);
  const batchRows = positiveInteger(options.batchRows, "options.batchRows", 65_536);
  const sim = createSimulation(scenario, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.replicate !== undefined ? { replicate: options.replicate } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  });
  const ppy = sim.scenario.periodsPerYear;
  prepareFolder(dir);
  const file = `panel.${EXTENSIONS[format]}`;
  const writer = openTableWriter(join(dir, file), format, PANEL_SCHEMA, "panel");
  let runKey = "";
  let recorded = 0;
  try {
    runKey = sim.result().run;
    while (!sim.done) {
      const view = sim.step();
      if (!view || (view.period + 1) % every !== 0) continue;
      recorded++;
      const cal = calendarOf(view.period, view.year, ppy);
      const p = sim.agents();
      const n = p.id.length;
      for (let at = 0; at < n; at += batchRows) {
        const len = Math.min(batchRows, n - at);
        const same = <T>(v: T) => new Array<T>(len).fill(v);
        const flags = (a: Uint8Array) => Array.from(a.subarray(at, at + len), (v) => v === 1);
        writer.append([
          same(runKey),
          same(sim.replicate),
          same(sim.seed),
          same(view.period),
          same(view.year),
          same(cal.calendarYear),
          same(cal.quarter),
          same(cal.yearEnd),
          Array.from(p.id.subarray(at, at + len)),
          p.region.slice(at, at + len),
          p.home.slice(at, at + len),
          p.citizenship.slice(at, at + len),
          Array.from(p.skill.subarray(at, at + len)),
          Array.from(p.age.subarray(at, at + len)),
          flags(p.german),
          flags(p.researcher),
          flags(p.temporary),
        ]);
        options.onBatch?.(writer.rows);
      }
    }
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
  const result = sim.result();
  const panel: ManifestTable = {
    name: "panel",
    file,
    format,
    rows: writer.rows,
    columns: PANEL_SCHEMA.map((c) => ({ name: c.name, type: c.type })),
  };
  const written = [panel, ...writeTables(dir, resultTables(result), format)];
  const manifest: Manifest = {
    ...environment(format, options.argv),
    kind: "panel",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    annual: false,
    scenarios: [
      {
        role: "scenario",
        name: result.scenario.name,
        hash: result.run.slice(0, result.run.indexOf("/")),
        scenario: result.scenario,
      },
    ],
    seed: options.seed ?? 1,
    runs: [{ key: result.run, seed: result.seed, replicate: result.replicate }],
    runCount: 1,
    result: { every, periodsRecorded: recorded, summary: result.summary, scale: result.scale },
    tables: written,
  };
  await writeManifest(dir, manifest);
  return { dir, files: [...written.map((t) => t.file), "manifest.json"], manifest };
}
