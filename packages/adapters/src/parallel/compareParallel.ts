import { planCompare, type CompareOptions, type CompareResult, type Scenario } from "@talentflow/core";
import type { ParallelOptions } from "./parallelOptions";
import { runPlanParallel } from "./runSpecsParallel";
import { splitOptions } from "./_runner";

/** Options of {@link compareParallel}: core's `CompareOptions` and {@link ParallelOptions}. */
export type CompareParallelOptions = Omit<CompareOptions, keyof ParallelOptions> & ParallelOptions;

/**
 * Core's `compare` with the runs on worker threads: the same paired differences, number for
 * number, for any number of workers.
 *
 * @throws ValidationError (as a rejection) for invalid arms or options, as core's `compare`.
 * @throws RunsFailedError, RunsAbortedError as `runSpecsParallel`.
 * @example
 * const c = await compareParallel(
 *   { baseline: scenarios.baseline({ agents: 20_000 }), alliance: scenarios.alliance2026({ agents: 20_000 }) },
 *   { replications: 10, seed: 1, metrics: ["stock"], workers: 2 },
 * );
 */
export async function compareParallel(
  arms: Readonly<Record<string, Scenario>>,
  options: CompareParallelOptions,
): Promise<CompareResult> {
  const { core, parallel } = splitOptions(options, "compareParallel");
  return runPlanParallel(planCompare(arms, core as CompareOptions), parallel);
}
