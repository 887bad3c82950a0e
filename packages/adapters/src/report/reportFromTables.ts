import {
  ValidationError,
  type MetricSelector,
  type MorrisParameter,
  type SobolParameter,
  type SweepPoint,
  type SweepResult,
  type SweepStatistic,
  type TidyRow,
} from "@talentflow/core";
import type { Manifest } from "../export/manifest";
import type { ResultKind } from "../export/resultKind";
import type { ResultTables, Table, TableName } from "../export/tables";
import type { CompareInput, ReportInput, SeriesValue } from "./_reportInputs";
import { checkReportOptions, fromRows, reportOfInput, type ReportOptions } from "./_sections";
import type { Report } from "./report";

/**
 * The tables each kind of result's report is drawn from: what to pass `readTables` as
 * `options.tables` to read no more than {@link reportFromTables} needs (a replication's
 * per-replicate `rows` can be large). Calibrations have no report.
 *
 * @example
 * const manifest = await readManifest("out/alliance");
 * const tables = await readTables("out/alliance", { tables: REPORT_TABLES[manifest.kind as "compare"] });
 */
export const REPORT_TABLES: Readonly<Record<Exclude<ResultKind, "calibration">, readonly TableName[]>> = {
  run: ["rows"],
  replicate: ["intervals"],
  compare: ["effects", "welfare"],
  sweep: ["rows", "intervals", "points"],
  sensitivity: ["indices"],
};

const CONTEXT = "reportFromTables";

/**
 * Builds the report of an output folder's tables: the same sections, charts and tables that
 * `reportFromResult` builds from the in-memory result, from what `writeResult` wrote (read it
 * back with `readTables` and `readManifest`). This is what `talentflow report DIR` does.
 *
 * The tables give the series (`rows` of a run or a sweep, `intervals` of a replication or a
 * sweep, `effects` and `welfare` of a comparison, `indices` of a sensitivity analysis); the
 * manifest gives what the tables do not hold: the scenario's name, the seed, the numbers of
 * replications and runs, the confidence level, a sweep's points, a sensitivity analysis's outcome.
 * A folder written in the annual view is charted by calendar year.
 *
 * @param tables - The folder's tables (at least those of {@link REPORT_TABLES} for its kind).
 * @param manifest - The folder's `manifest.json`.
 * @throws ValidationError naming what is wrong: a folder of a calibration or a panel (no report),
 *   a table or column the report needs that is missing, an unknown option, or tables holding none
 *   of the metrics a report draws.
 * @example
 * ```ts
 * const report = await reportFromTables(await readTables("out/alliance"), await readManifest("out/alliance"));
 * await writeReport("out/alliance", report); // report.html and one SVG per chart
 * ```
 */
export async function reportFromTables(
  tables: ResultTables,
  manifest: Manifest,
  options: ReportOptions = {},
): Promise<Report> {
  checkReportOptions(options, CONTEXT);
  return reportOfInput(inputOfTables(tables, manifest), options, CONTEXT);
}

function invalid(path: string, message: string): never {
  throw new ValidationError([{ path, message }], CONTEXT);
}

type Value = string | number | boolean | null;

/**
 * The rows of a table as records; a missing double (null) is NaN, as in the result it came from,
 * except in `keepNull` columns (core's own nulls). In the annual view `calendarYear` stands for
 * both the period and its year.
 */
function recordsOf(
  tables: ResultTables,
  name: TableName,
  columns: readonly string[],
  keepNull: readonly string[] = [],
): Record<string, Value>[] {
  const table: Table =
    tables[name] ??
    invalid(`tables.${name}`, `is missing: the report of this folder draws on it (read it with readTables)`);
  const annual =
    !table.columns.some((c) => c.name === "period") && table.columns.some((c) => c.name === "calendarYear");
  const needed = columns.filter((c) => !(annual && (c === "period" || c === "year")));
  for (const c of needed)
    if (!table.columns.some((col) => col.name === c))
      invalid(`tables.${name}.${c}`, "is missing: the report needs this column");
  const out: Record<string, Value>[] = [];
  for (let i = 0; i < table.rows; i++) {
    const record: Record<string, Value> = {};
    for (const c of table.columns) {
      const v = c.values[i];
      record[c.name] = v === null && c.type === "double" && !keepNull.includes(c.name) ? NaN : v;
    }
    if (annual) record.period = record.year = record.calendarYear!;
    out.push(record);
  }
  return out;
}

const SERIES = ["metric", "region", "origin", "destination", "citizenship", "period", "year"];
const STATS = ["n", "mean", "sd", "se", "ciLow", "ciHigh", "halfWidth"];

function field<T>(manifest: Manifest, key: string): T {
  const value = manifest.result[key];
  if (value === undefined) invalid(`manifest.result.${key}`, `is missing: the report of a ${manifest.kind} needs it`);
  return value as T;
}

function inputOfTables(tables: ResultTables, manifest: Manifest): ReportInput {
  switch (manifest.kind) {
    case "run": {
      const summary = field<{ startYear: number; endYear: number }>(manifest, "summary");
      const rows = recordsOf(tables, "rows", [...SERIES, "value"]) as unknown as TidyRow[];
      return {
        kind: "run",
        scenario:
          manifest.scenarios[0]?.name ?? invalid("manifest.scenarios", "is empty: a run's manifest names its scenario"),
        seed: Number(manifest.seed),
        replicate: manifest.runs[0]?.replicate ?? 0,
        startYear: summary.startYear,
        endYear: summary.endYear,
        scale: field<number>(manifest, "scale"),
        values: fromRows(rows),
      };
    }
    case "replicate": {
      const stats = recordsOf(tables, "intervals", [...SERIES, ...STATS]) as unknown as (SeriesValue & {
        ciLow: number;
        ciHigh: number;
      })[];
      return {
        kind: "replicate",
        scenario: field<string>(manifest, "scenario"),
        seed: manifest.seed ?? invalid("manifest.seed", "is missing: a replication's manifest records its master seed"),
        replications: field<number>(manifest, "replications"),
        confidence: field<number>(manifest, "confidence"),
        values: stats.map((s) => ({ ...s, lower: s.ciLow, upper: s.ciHigh })),
      };
    }
    case "compare": {
      const differences = recordsOf(
        tables,
        "effects",
        ["arm", ...SERIES, ...STATS, "baselineMean", "armMean", "varianceReduction"],
        ["varianceReduction"],
      ) as unknown as CompareInput["differences"];
      const welfare = recordsOf(tables, "welfare", ["arm", "mean", "compensatingVariation", "cvLow", "cvHigh"]).map(
        (w) => ({
          arm: w.arm as string,
          dW: { mean: w.mean as number },
          compensatingVariation: {
            estimate: w.compensatingVariation as number,
            ciLow: w.cvLow as number,
            ciHigh: w.cvHigh as number,
          },
        }),
      );
      return {
        kind: "compare",
        seed: manifest.seed ?? invalid("manifest.seed", "is missing: a comparison's manifest records its master seed"),
        replications: field<number>(manifest, "replications"),
        confidence: field<number>(manifest, "confidence"),
        arms: field<string[]>(manifest, "arms"),
        runs: manifest.runCount,
        differences,
        welfare,
      };
    }
    case "sweep": {
      const parameters = field<string[]>(manifest, "parameters");
      const rows = recordsOf(tables, "rows", [...SERIES, "value", ...parameters]) as unknown as TidyRow[];
      const statistics = tables.intervals
        ? (recordsOf(tables, "intervals", [...SERIES, ...STATS, "point", ...parameters]) as unknown as SweepStatistic[])
        : [];
      return {
        kind: "sweep",
        design: field<SweepResult["design"]>(manifest, "design"),
        parameters,
        points: field<SweepPoint[]>(manifest, "points"),
        rows,
        statistics,
        runs: manifest.runCount,
      };
    }
    case "sensitivity": {
      const method = field<"morris" | "sobol">(manifest, "method");
      const common = {
        metric: field<MetricSelector>(manifest, "metric"),
        points: field<number>(manifest, "points"),
        runs: manifest.runCount,
      };
      const indices = recordsOf(tables, "indices", [
        "parameter",
        "min",
        "max",
        ...(method === "morris" ? ["mu", "muStar", "sigma"] : ["s1", "s1Low", "s1High", "st", "stLow", "stHigh"]),
      ]);
      const withPath = indices.map(({ parameter, method: _m, metric: _metric, ...rest }) => ({
        path: parameter as string,
        ...rest,
      }));
      return method === "morris"
        ? { kind: "sensitivity", method, ...common, parameters: withPath as unknown as MorrisParameter[] }
        : { kind: "sensitivity", method, ...common, parameters: withPath as unknown as SobolParameter[] };
    }
    default:
      return invalid(
        "manifest.kind",
        `is ${JSON.stringify(manifest.kind)}: only runs, replications, comparisons, sweeps and ` +
          `sensitivity analyses have a report (a calibration's trace, fit and estimate are its tables)`,
      );
  }
}
