import { planSweep, scenarios } from "@talentflow/core";

/** The small sweep of the cluster tests: 3 points × 3 replicates = 9 runs of 1,000 agents over 2 years. */
export function smallSweep() {
  return planSweep(scenarios.baseline({ agents: 1000, years: 2 }), {
    vary: { "behavior.beta": [0.5, 1, 2] },
    replications: 3,
    seed: 7,
    metrics: ["stock", "flow", "brainDrain"],
  });
}
