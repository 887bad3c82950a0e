import {
  createCalibration,
  type CalibrateOptions,
  type CalibrationResult,
  type CalibrationRun,
  type CalibrationRunFailure,
  type RunSpec,
  type Scenario,
} from "@talentflow/core";
import type { ParallelOptions } from "./parallelOptions";
import { splitOptions, withRunner, type BatchFailure } from "./_runner";

/** Options of {@link calibrateParallel}: core's `CalibrateOptions` and {@link ParallelOptions}. */
export type CalibrateParallelOptions = Omit<CalibrateOptions, keyof ParallelOptions> & ParallelOptions;

/** Errors that make a candidate infeasible (distance Infinity) rather than the calibration fail, as in core. */
const CANDIDATE_ERRORS = new Set(["NonFiniteError", "ValidationError"]);

function specOf(run: CalibrationRun): RunSpec {
  return {
    key: run.key,
    scenario: run.scenario,
    seed: run.runSeed,
    replicate: run.replicate,
    ...(run.metrics ? { metrics: run.metrics } : {}),
  };
}

/**
 * Core's `calibrate` with each batch of candidate runs on worker threads: the same estimate,
 * trace and fit, number for number, for any number of workers. As in core, a run that yields a
 * non-finite value or an invalid scenario makes its candidate infeasible; other failures reject.
 * Targets' `moment` and `derive` functions run in the main thread.
 *
 * @throws ValidationError (as a rejection) for invalid options, as core's `calibrate`.
 * @throws RunsFailedError, RunsAbortedError as `runSpecsParallel`; `completed` holds the runs
 *   of every batch so far.
 * @example
 * const fit = await calibrateParallel(scenarios.baseline({ agents: 20_000, years: 3 }), {
 *   method: "msm",
 *   parameters: { "behavior.homeBias": { lower: 0, upper: 3 } },
 *   targets: [
 *     {
 *       name: "CA 5-year exit", value: 0.21, se: 0.03,
 *       selector: { metric: "cohortExit5y", region: "CA", aggregate: "mean" },
 *     },
 *   ],
 *   replications: 2, maxEvaluations: 20, workers: 2,
 * });
 */
export async function calibrateParallel(
  scenario: Scenario,
  options: CalibrateParallelOptions,
): Promise<CalibrationResult> {
  const { core, parallel } = splitOptions(options, "calibrateParallel");
  const calibration = createCalibration(scenario, core as CalibrateOptions);
  const tolerate = (f: BatchFailure) => f.errorName !== undefined && CANDIDATE_ERRORS.has(f.errorName);
  return withRunner(parallel, async (runner) => {
    while (!calibration.done) {
      const { outputs, tolerated } = await runner.runOrThrow(calibration.ask().map(specOf), tolerate);
      const failures = tolerated.map((f): CalibrationRunFailure => ({ run: f.key, error: f.message ?? f.reason }));
      calibration.tell([...outputs, ...failures]);
    }
    return calibration.result();
  });
}
