import {
  ValidationError,
  createReplication,
  type ExperimentPlan,
  type ReplicateOptions,
  type ReplicateResult,
  type Scenario,
} from "@talentflow/core";

/**
 * A replication with a fixed number of runs as an {@link ExperimentPlan}, so that it can be
 * sharded like a sweep: the specs are replicates `0 .. replications - 1`, and `aggregate` gives
 * what `replicate(scenario, options)` gives. An adaptive replication (`targetHalfWidth`) decides
 * its next batch from the results, so it has no fixed design and is refused.
 *
 * @throws ValidationError for `targetHalfWidth`, and every error of core's `replicate` options.
 * @example
 * const plan = fixedReplicationPlan(scenarios.baseline({ agents: 5000, years: 2 }), { replications: 40, seed: 1 });
 * plan.specs.length // => 40
 */
export function fixedReplicationPlan(scenario: Scenario, options: ReplicateOptions): ExperimentPlan<ReplicateResult> {
  if (options?.targetHalfWidth !== undefined) {
    throw new ValidationError(
      [
        {
          path: "options.targetHalfWidth",
          message:
            "an adaptive replication picks its next runs from the results, so it " +
            "cannot be split into shards in advance: give a fixed number of replications",
        },
      ],
      "replicate",
    );
  }
  const specs = createReplication(scenario, options).ask();
  return {
    specs,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    aggregate(outputs) {
      const rep = createReplication(scenario, options);
      rep.tell(outputs);
      return rep.result();
    },
  };
}
