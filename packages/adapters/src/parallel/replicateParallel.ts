import { createReplication, type ReplicateOptions, type ReplicateResult, type Scenario } from "@talentflow/core";
import type { ParallelOptions } from "./parallelOptions";
import { splitOptions, withRunner } from "./_runner";

/** Options of {@link replicateParallel}: core's `ReplicateOptions` and {@link ParallelOptions}. */
export type ReplicateParallelOptions = Omit<ReplicateOptions, keyof ParallelOptions> & ParallelOptions;

/**
 * Core's `replicate` with the runs on worker threads: the same result, number for number, for
 * any number of workers. With `targetHalfWidth` each batch runs in parallel and the stopping
 * rule sees the batch complete, exactly as in core.
 *
 * @throws ValidationError (as a rejection) for invalid options, as core's `replicate`.
 * @throws RunsFailedError when runs threw or their worker died (the finished runs are kept).
 * @throws RunsAbortedError after `signal` aborted (the runs in flight finish and are kept).
 * @example
 * const rep = await replicateParallel(scenarios.baseline({ agents: 20_000 }), {
 *   replications: 20, seed: 1, workers: 2,
 * });
 * rep.statistics.find((s) => s.metric === "stock" && s.region === "CA" && s.period === 39)
 */
export async function replicateParallel(
  scenario: Scenario,
  options: ReplicateParallelOptions,
): Promise<ReplicateResult> {
  const { core, parallel } = splitOptions(options, "replicateParallel");
  const replication = createReplication(scenario, core as ReplicateOptions);
  return withRunner(parallel, async (runner) => {
    while (!replication.done) replication.tell((await runner.runOrThrow(replication.ask())).outputs);
    return replication.result();
  });
}
