/**
 * The seam between the CLI and the files it writes: `--out DIR` and `--format`. Today it writes
 * each table of a result with `toCsv` (or as NDJSON) through `writeFileAtomic`; the exports
 * module replaces `writeOutput` with its `writeResult` (which adds Parquet and manifest.json)
 * and `formatUnavailable` with `() => undefined`.
 * @internal
 * @module
 */
import type { CalibrationResult, CompareResult, ReplicateResult, RunResult, SensitivityResult, SweepResult } from "@talentflow/core";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../atomicWrite";
import { toCsv, type CsvRow, type CsvValue } from "../csv";

/** The output formats of `--format`. */
export const FORMATS = ["csv", "parquet", "ndjson"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** A command's result, by kind: what `writeOutput` (and a report) is given. */
export type CliResult =
  | { readonly kind: "run"; readonly result: RunResult }
  | { readonly kind: "replicate"; readonly result: ReplicateResult }
  | { readonly kind: "compare"; readonly result: CompareResult }
  | { readonly kind: "sweep"; readonly result: SweepResult }
  | { readonly kind: "sensitivity"; readonly result: SensitivityResult }
  | { readonly kind: "calibrate"; readonly result: CalibrationResult };

/** What `writeOutput` is told besides the result. */
export interface OutputOptions {
  readonly format: Format;
  /** The command line, for the manifest. */
  readonly argv: readonly string[];
  /** When the command started, for the manifest. */
  readonly started: Date;
}

/**
 * Why `format` cannot be written by this build, or undefined if it can. Checked before any run,
 * so that a long run never ends in an unwritable format.
 */
export function formatUnavailable(format: Format): string | undefined {
  return format === "parquet" ? "--format parquet is not available in this build (use csv or ndjson)" : undefined;
}

/** Writes the result's tables into `dir` (created if missing); returns the files written. */
export async function writeOutput(dir: string, output: CliResult, options: OutputOptions): Promise<string[]> {
  const reason = formatUnavailable(options.format);
  if (reason !== undefined) throw new Error(reason);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, rows] of Object.entries(tablesOf(output))) {
    const file = join(dir, `${name}.${options.format}`);
    await writeFileAtomic(file, options.format === "csv" ? toCsv(rows) : rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
    files.push(file);
  }
  return files;
}

/** A number a CSV cell can hold: NaN and infinities (an undefined sd, a failed candidate) become empty cells. */
const cell = (v: unknown): CsvValue => (typeof v === "number" ? (Number.isFinite(v) ? v : null) : (v as CsvValue));
const flat = (o: object): CsvRow => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, cell(v)]));

/** The tidy tables of a result, by file stem. */
export function tablesOf(output: CliResult): Record<string, CsvRow[]> {
  switch (output.kind) {
    case "run":
      return { rows: output.result.rows.map(flat) };
    case "replicate":
      return { statistics: output.result.statistics.map(flat), runs: output.result.runs.map(flat) };
    case "compare":
      return {
        differences: output.result.differences.map(flat),
        welfare: output.result.welfare.map((w) =>
          flat({
            arm: w.arm,
            beta: w.beta,
            ...Object.fromEntries(Object.entries(w.dW).map(([k, v]) => [`dW_${k}`, v])),
            cv: w.compensatingVariation.estimate,
            cv_ciLow: w.compensatingVariation.ciLow,
            cv_ciHigh: w.compensatingVariation.ciHigh,
          }),
        ),
      };
    case "sweep":
      return {
        points: output.result.points.map((p) => flat({ point: p.index, hash: p.hash, ...p.values })),
        rows: output.result.rows.map(flat),
        statistics: output.result.statistics.map(flat),
      };
    case "sensitivity":
      return { indices: output.result.parameters.map((p) => flat({ method: output.result.method, ...p })) };
    case "calibrate":
      return {
        estimate: Object.entries(output.result.estimate).map(([parameter, value]) => flat({ parameter, value })),
        fit: output.result.fit.map(flat),
        history: output.result.history.map((h, evaluation) => flat({ evaluation, objective: h.objective, ...h.parameters })),
      };
  }
}
