import type { CompareResult, ReplicateResult, RunResult, SensitivityResult, SweepResult } from "@talentflow/core";
import { ValidationError } from "@talentflow/core";
import type { ReportInput } from "./_reportInputs";
import { checkReportOptions, fromRows, reportOfInput, type ReportOptions } from "./_sections";
import type { Report } from "./report";

export type { ReportOptions } from "./_sections";

/** Any result {@link reportFromResult} turns into a report. */
export type ReportableResult = RunResult | ReplicateResult | CompareResult | SweepResult | SensitivityResult;

/**
 * Builds a report's sections from a result of core, as it is (no cast needed):
 *
 * - a run (`simulate`) or a replication (`replicate`): the talent stock per region over time
 *   (with 95% bands for replications), the origin × destination matrix of movers summed over the
 *   run, brain-drain rates by citizenship, and a table of the stock at the start and at the horizon;
 * - a comparison (`compare`): each arm's effect on the stock per region and on brain drain per
 *   citizenship at the horizon, and on welfare (compensating variation), with intervals;
 * - a sweep (`sweep`): the metric at the horizon over the varied parameters (lines for one,
 *   heatmaps for two; with more, the first two, averaging over the others);
 * - a sensitivity analysis (`sensitivity`): the indices of each parameter with their intervals.
 *
 * Sections whose metric the result does not hold (a run limited with `metrics`) are left out.
 * Pass the report to {@link writeReport} or {@link renderReportHtml}. `reportFromTables` builds the
 * same report from the output folder that `writeResult` wrote for the result.
 *
 * @throws ValidationError when the result is none of these, when it holds none of the metrics a
 *   report draws, or for an unknown option.
 * @example
 * ```ts
 * const rep = replicate(scenarios.baseline({ agents: 5_000, years: 5 }), { replications: 5, seed: 1 });
 * await writeReport("out/report", await reportFromResult(rep));
 * ```
 */
export async function reportFromResult(result: ReportableResult, options: ReportOptions = {}): Promise<Report> {
  checkReportOptions(options, "reportFromResult");
  return reportOfInput(inputOfResult(result), options, "reportFromResult");
}

/** A result's chart inputs, told apart by shape (each result type has fields no other has). */
function inputOfResult(result: ReportableResult): ReportInput {
  const r = result as unknown as Record<string, unknown>;
  if (r !== null && typeof r === "object") {
    if (Array.isArray(r.rows) && typeof r.summary === "object") {
      const run = result as RunResult;
      const s = run.summary;
      return {
        kind: "run",
        scenario: run.scenario.name,
        seed: run.seed,
        replicate: run.replicate,
        startYear: s.startYear,
        endYear: s.endYear,
        scale: run.scale,
        values: fromRows(run.rows),
      };
    }
    if (Array.isArray(r.differences) && Array.isArray(r.arms)) return { kind: "compare", ...(result as CompareResult) };
    if (Array.isArray(r.points) && Array.isArray(r.parameters) && Array.isArray(r.rows))
      return { kind: "sweep", ...(result as SweepResult) };
    if ((r.method === "morris" || r.method === "sobol") && Array.isArray(r.parameters))
      return { kind: "sensitivity", ...(result as SensitivityResult) };
    if (Array.isArray(r.statistics) && Array.isArray(r.runs)) {
      const rep = result as ReplicateResult;
      return {
        kind: "replicate",
        scenario: rep.scenario,
        seed: rep.seed,
        replications: rep.replications,
        confidence: rep.confidence,
        values: rep.statistics.map((s) => ({ ...s, lower: s.ciLow, upper: s.ciHigh })),
      };
    }
  }
  throw new ValidationError(
    [{ path: "result", message: "is not a result of simulate, replicate, compare, sweep or sensitivity" }],
    "reportFromResult: invalid result",
  );
}
