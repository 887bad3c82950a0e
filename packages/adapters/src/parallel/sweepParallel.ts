import { planSweep, type Scenario, type SweepOptions, type SweepResult } from "@talentflow/core";
import type { ParallelOptions } from "./parallelOptions";
import { runPlanParallel } from "./runSpecsParallel";
import { splitOptions } from "./_runner";

/** Options of {@link sweepParallel}: core's `SweepOptions` and {@link ParallelOptions}. */
export type SweepParallelOptions = Omit<SweepOptions, keyof ParallelOptions> & ParallelOptions;

/**
 * Core's `sweep` with the runs on worker threads: the same rows and statistics, number for
 * number, for any number of workers.
 *
 * @throws ValidationError (as a rejection) for invalid options, as core's `sweep`.
 * @throws RunsFailedError, RunsAbortedError as `runSpecsParallel`.
 * @example
 * const s = await sweepParallel(scenarios.baseline({ agents: 20_000 }), {
 *   vary: { "behavior.beta": [0.5, 1, 2] }, replications: 4, seed: 1, metrics: ["stock"], workers: 2,
 * });
 */
export async function sweepParallel(scenario: Scenario, options: SweepParallelOptions): Promise<SweepResult> {
  const { core, parallel } = splitOptions(options, "sweepParallel");
  return runPlanParallel(planSweep(scenario, core as SweepOptions), parallel);
}
