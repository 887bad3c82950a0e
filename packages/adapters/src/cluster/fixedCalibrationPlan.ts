import {
  ValidationError,
  createCalibration,
  executeRunSpec,
  type CalibrateOptions,
  type CalibrationResult,
  type CalibrationRun,
  type ExperimentPlan,
  type RunOutput,
  type RunResult,
  type RunSpec,
  type Scenario,
} from "@talentflow/core";

/** A calibration run as a run spec: the same key, scenario and run seed. */
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
 * A rejection-ABC calibration as an {@link ExperimentPlan}, so that it can be sharded like a
 * sweep: the specs are the runs of every candidate drawn from the prior (their draws depend on
 * the seed alone, never on results), and `aggregate` tells their outputs to core's calibration,
 * runs the few final runs of the estimate (its replications) in this process, and returns what
 * `calibrate(scenario, options)` returns, number for number.
 *
 * Nelder–Mead (`method: "msm"`) and ABC-SMC propose each batch from the results of the last, so
 * they have no runs to split in advance and are refused: run them on one machine, where their
 * batches go to the worker pool.
 *
 * Outputs read back from a merged folder carry rows only: targets must be metric selectors (as
 * in plan files), not moment functions of whole runs.
 *
 * @throws ValidationError for another method, and every error of core's `calibrate` options.
 * @example
 * const plan = fixedCalibrationPlan(scenario, { method: "abc", abc: { algorithm: "rejection", draws: 200 }, ... });
 * plan.specs.length // => 200 candidates × replications (fewer when two draws are the same scenario)
 */
export function fixedCalibrationPlan(scenario: Scenario, options: CalibrateOptions): ExperimentPlan<CalibrationResult> {
  if (options?.method !== "abc" || options.abc?.algorithm !== "rejection") {
    throw new ValidationError(
      [
        {
          path: options?.method === "abc" ? "options.abc.algorithm" : "options.method",
          message:
            "only rejection ABC draws its candidates before any result, so only it can be split into shards; " +
            "Nelder–Mead and ABC-SMC choose each batch from the last one's results: run them with `talentflow " +
            "calibrate` on one machine",
        },
      ],
      "calibrate",
    );
  }
  // The search's runs, found by telling failures: a rejection sampler's draws do not depend on them.
  const dry = createCalibration(scenario, options);
  const specs: RunSpec[] = [];
  while (!dry.done && dry.searching) {
    const runs = dry.ask();
    specs.push(...runs.map(specOf));
    dry.tell(runs.map((r) => ({ run: r.key, error: "not run: listing the plan" })));
  }
  return {
    specs,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    aggregate(outputs: readonly RunOutput[]) {
      const byKey = new Map(outputs.map((o) => [o.run, o]));
      const calibration = createCalibration(scenario, options);
      while (!calibration.done) {
        const batch = calibration.ask();
        // A merged folder's outputs are rows with their key: what a calibration reads of a run
        // scored by metric selectors. The estimate's own runs are made here.
        calibration.tell(batch.map((r) => (byKey.get(r.key) as RunResult | undefined) ?? executeRunSpec(specOf(r))));
      }
      return calibration.result();
    },
  };
}
