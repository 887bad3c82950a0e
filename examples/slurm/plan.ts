/**
 * The plan of the cluster examples: a small sweep of the baseline (1,000 agents, 2 years) over
 * the income elasticity `behavior.beta`, 3 values × 4 replicates = 12 runs, each a few tenths
 * of a second. A plan module exports `plan` (any experiment plan of core: planSweep,
 * planSensitivity, planCompare, planElasticity, or the adapters' fixedReplicationPlan) and,
 * optionally, `info` (saved in the output folder's plan.json). For a real study, copy this file
 * and raise the agents, years, values and replications.
 */
import { planSweep, scenarios } from "@talentflow/core";

export const plan = planSweep(scenarios.baseline({ agents: 1000, years: 2 }), {
  vary: { "behavior.beta": [0.5, 1, 2] },
  replications: 4,
  seed: 2026,
  metrics: ["stock", "flow", "brainDrain"],
});

export const info = { kind: "sweep", plan: "examples/slurm/plan.ts" };
