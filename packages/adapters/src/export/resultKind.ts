import {
  ValidationError,
  type CalibrationResult,
  type CompareResult,
  type ReplicateResult,
  type RunResult,
  type SensitivityResult,
  type SweepResult,
} from "@talentflow/core";

/**
 * Any result of core that can be exported: a run, a replication, a comparison, a sweep, a sensitivity analysis or a
 * calibration.
 */
export type ExportableResult =
  | RunResult
  | ReplicateResult
  | CompareResult
  | SweepResult
  | SensitivityResult
  | CalibrationResult;

/** What kind of result it is; the manifest records it as `kind`. */
export type ResultKind = "run" | "replicate" | "compare" | "sweep" | "sensitivity" | "calibration";

/**
 * Tells the kind of a result by its shape (each result type of core has fields no other has),
 * so results are passed as they are, without a cast.
 *
 * @throws ValidationError at `result` when the value is none of core's results.
 * @example
 * resultKind(simulate(scenario, { seed: 1 })) // => "run"
 * resultKind(compare(arms, options))           // => "compare"
 */
export function resultKind(result: ExportableResult): ResultKind {
  const r = result as unknown as Record<string, unknown>;
  if (r !== null && typeof r === "object") {
    if (Array.isArray(r.rows) && r.summary !== undefined && r.scenario !== undefined) return "run";
    if (Array.isArray(r.differences) && Array.isArray(r.welfare)) return "compare";
    if (Array.isArray(r.points) && Array.isArray(r.rows) && typeof r.design === "string") return "sweep";
    if (Array.isArray(r.statistics) && typeof r.hash === "string" && Array.isArray(r.runs)) return "replicate";
    if ((r.method === "morris" || r.method === "sobol") && Array.isArray(r.parameters)) return "sensitivity";
    if ((r.method === "msm" || r.method === "abc") && Array.isArray(r.history)) return "calibration";
  }
  throw new ValidationError(
    [
      {
        path: "result",
        message: "is not a result of @talentflow/core (simulate, replicate, compare, sweep, sensitivity or calibrate)",
      },
    ],
    "export",
  );
}
