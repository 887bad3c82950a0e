import { assertKnownKeys } from "./_knownKeys";
import { createSimulation, RUN_OPTION_KEYS, type RunOptions, type RunResult } from "./simulation";
import type { Scenario } from "./scenario/types";

/**
 * Runs a scenario to its horizon: validates it, builds the population, steps every period
 * (burn-in first, not reported) and returns tidy rows and a summary at the horizon, counts in
 * people. Unknown option keys are refused with a `ValidationError` naming the closest known
 * key (`{ sed: 42 }`: did you mean "seed"?). The scenario's validation warnings (e.g. a policy
 * that never acts within the run) are in `result.warnings`.
 *
 * @example
 * const run = simulate(scenarios.alliance2026({ agents: 20_000 }), { seed: 42 });
 * run.summary.endStock.CA // => people working in Canada in 2036
 * run.rows.filter((r) => r.metric === "flow" && r.origin === "DE" && r.destination === "CA")
 */
export function simulate(scenario: Scenario, options: RunOptions = {}): RunResult {
  assertKnownKeys(options, RUN_OPTION_KEYS, "simulate");
  return createSimulation(scenario, options).run();
}
