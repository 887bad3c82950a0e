import type { ExperimentPlan, RunResult, RunSpec } from "@talentflow/core";
import type { ParallelOptions } from "./parallelOptions";
import { splitOptions, withRunner } from "./_runner";

/**
 * Runs the distinct specs (by key) on worker threads and resolves with their full run results
 * in spec order, rows included: the same as core's `runSpecs(specs)`, value for value, whatever
 * the number of workers. Each worker runs one spec at a time and sends its rows back as typed
 * arrays.
 *
 * @throws ValidationError (as a rejection) for bad `workers`, `onProgress`, `signal`.
 * @throws RunsFailedError when runs threw or their worker died: the other runs finished and are
 *   in `completed`.
 * @throws RunsAbortedError after `signal` aborted: the runs in flight finished and are kept.
 * @example
 * const plan = planSweep(scenario, { vary: { "behavior.beta": [0.5, 1, 2] }, replications: 4, seed: 1 });
 * const outputs = await runSpecsParallel(plan.specs, { workers: 2 });
 * const result = plan.aggregate(outputs); // equal to sweep(scenario, options)
 */
export async function runSpecsParallel(specs: readonly RunSpec[], options: ParallelOptions = {}): Promise<RunResult[]> {
  const { parallel } = splitOptions(options, "runSpecsParallel");
  return withRunner(parallel, async (runner) => (await runner.runOrThrow(specs)).outputs);
}

/**
 * Runs a planned experiment (any of core's `plan*` functions) on worker threads and
 * aggregates it: the same result as core's `runPlan(plan)`.
 *
 * @throws RunsFailedError, RunsAbortedError as {@link runSpecsParallel}.
 * @example
 * const plan = planElasticity(scenario, { parameter: "behavior.beta", metric: "stock", replications: 4, seed: 1 });
 * const e = await runPlanParallel(plan, { workers: 2 });
 */
export async function runPlanParallel<Result>(
  plan: ExperimentPlan<Result>,
  options: ParallelOptions = {},
): Promise<Result> {
  return plan.aggregate(await runSpecsParallel(plan.specs, options));
}
