/**
 * Internal: Student t intervals over runs, computed by core's own replication aggregation so
 * that an annual view's intervals use exactly the method of the quarterly ones.
 * @internal
 */
import { createReplication, type RunOutput, type Scenario, type SeriesStatistic } from "@talentflow/core";

/**
 * Per-series statistics over `runs` (one output per replicate, >= 2). `scenario` only names the
 * replication: the outputs are told under its run keys, in order.
 */
export function intervalsOverRuns(
  runs: readonly RunOutput[],
  scenario: Scenario,
  confidence: number,
): readonly SeriesStatistic[] {
  if (runs.length < 2) return [];
  const replication = createReplication(scenario, { replications: runs.length, seed: 0, confidence });
  const specs = replication.ask();
  replication.tell(specs.map((spec, k) => ({ run: spec.key, rows: runs[k].rows })));
  return replication.result().statistics;
}
