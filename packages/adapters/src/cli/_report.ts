/**
 * The seam between the CLI and reports (`--report`, `talentflow report DIR`). The reports module
 * replaces `reportUnavailable` with `() => undefined` and `writeReportIn` with its `writeReport`.
 * @internal
 * @module
 */
import type { CliResult } from "./_output";

/** Why this build cannot write reports, or undefined if it can. Checked before any run. */
export function reportUnavailable(): string | undefined {
  return "reports are not available in this build";
}

/**
 * Writes `report.html` and its charts into `dir`, from the result just computed or (without one)
 * from the output files already in `dir`. Returns the files written.
 */
export async function writeReportIn(dir: string, result?: CliResult): Promise<string[]> {
  void dir;
  void result;
  throw new Error(reportUnavailable());
}
