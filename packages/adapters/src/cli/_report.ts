/**
 * The seam between the CLI and reports (`--report`, `talentflow report DIR`): the same report
 * either way, from the result just computed (`reportFromResult`) or from the output folder's
 * tables and manifest (`reportFromTables`), written by `writeReport`.
 * @internal
 * @module
 */
import { ValidationError } from "@talentflow/core";
import { readManifest, readTables } from "../export/readTables";
import type { Report } from "../report/report";
import { reportFromResult } from "../report/reportFromResult";
import { REPORT_TABLES, reportFromTables } from "../report/reportFromTables";
import { writeReport } from "../report/writeReport";
import type { CliResult } from "./_output";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PLAN_FILE } from "../cluster/_layout";
import { UsageError } from "./_args";

/** Why this build cannot write reports, or undefined if it can (it can). Checked before any run. */
export function reportUnavailable(): string | undefined {
  return undefined;
}

/**
 * Writes `report.html` and its charts into `dir`, from the result just computed or (without one)
 * from the output files already in `dir`, reading only the tables the report draws. Returns the
 * files written: the charts, then report.html.
 */
export async function writeReportIn(dir: string, result?: CliResult): Promise<string[]> {
  const { html, charts } = await writeReport(dir, await (result ? reportOfResult(result) : reportOfFolder(dir)));
  return [...charts, html];
}

function reportOfResult(output: CliResult): Promise<Report> {
  if (output.kind === "calibrate") {
    throw new ValidationError(
      [
        {
          path: "result",
          message: "a calibration has no report: its trace, fit and estimate are tables (write them with --out)",
        },
      ],
      "report",
    );
  }
  return reportFromResult(output.result);
}

async function reportOfFolder(dir: string): Promise<Report> {
  if (existsSync(join(dir, PLAN_FILE))) {
    // A sharded run's folder holds every run's rows, not an experiment's result: the plan that made
    // it aggregates them (the same numbers as one process), and its report is written from there.
    throw new UsageError(
      `${dir} is the folder of a sharded run (it has ${PLAN_FILE}): ` +
        `write its report with the command and plan that made it, ` +
        "e.g. `talentflow sweep PLAN --from DIR --out OUT --report` (see docs/clusters.md)",
    );
  }
  const manifest = await readManifest(dir);
  const tables = manifest.kind === "calibration" || manifest.kind === "panel" ? [] : REPORT_TABLES[manifest.kind];
  return reportFromTables(await readTables(dir, { tables }), manifest);
}
