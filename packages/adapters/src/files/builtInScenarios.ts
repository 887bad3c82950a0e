import { scenarios, type Scenario } from "@talentflow/core";

/** What a built-in scenario takes: the size and horizon options of `scenarios.*`. */
export type BuiltInOptions = scenarios.ScenarioOptions;

/**
 * The built-in scenarios that `extends:` and the CLI accept, by name: core's `scenarios.*`
 * functions that return a scenario.
 *
 * @example
 * BUILT_IN_SCENARIOS.alliance2026({ agents: 5000 }).policies.length
 */
export const BUILT_IN_SCENARIOS: Readonly<Record<string, (options?: BuiltInOptions) => Scenario>> = Object.freeze({
  baseline: scenarios.baseline,
  alliance2026: scenarios.alliance2026,
  usFeeLapses: scenarios.usFeeLapses,
  canadaFastTrack: scenarios.canadaFastTrack,
  germanyEnglishJobs: scenarios.germanyEnglishJobs,
});

/** The names of {@link BUILT_IN_SCENARIOS}, in a fixed order. */
export const BUILT_IN_NAMES = Object.keys(BUILT_IN_SCENARIOS) as readonly string[];
