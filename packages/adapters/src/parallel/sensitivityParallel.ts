import {
  planSensitivity,
  type MorrisSensitivity,
  type Scenario,
  type SensitivityOptions,
  type SensitivityResult,
  type SobolSensitivity,
} from "@talentflow/core";
import type { ParallelOptions } from "./parallelOptions";
import { runPlanParallel } from "./runSpecsParallel";
import { splitOptions } from "./_runner";

/** Options of {@link sensitivityParallel}: core's `SensitivityOptions` and {@link ParallelOptions}. */
export type SensitivityParallelOptions = Omit<SensitivityOptions, keyof ParallelOptions> & ParallelOptions;

/**
 * Core's `sensitivity` (Morris elementary effects or Sobol' indices) with the runs on worker
 * threads: the same indices, number for number, for any number of workers.
 *
 * @throws ValidationError (as a rejection) for invalid options, as core's `sensitivity`.
 * @throws RunsFailedError, RunsAbortedError as `runSpecsParallel`.
 * @example
 * const m = await sensitivityParallel(scenarios.baseline({ agents: 20_000 }), {
 *   method: "morris", parameters: { "behavior.beta": { min: 0.5, max: 2 } }, metric: "stock",
 *   trajectories: 8, seed: 1, workers: 2,
 * });
 */
export async function sensitivityParallel(
  scenario: Scenario,
  options: SensitivityParallelOptions & { readonly method: "morris" },
): Promise<MorrisSensitivity>;
export async function sensitivityParallel(
  scenario: Scenario,
  options: SensitivityParallelOptions & { readonly method: "sobol" },
): Promise<SobolSensitivity>;
export async function sensitivityParallel(
  scenario: Scenario,
  options: SensitivityParallelOptions,
): Promise<SensitivityResult>;
export async function sensitivityParallel(
  scenario: Scenario,
  options: SensitivityParallelOptions,
): Promise<SensitivityResult> {
  const { core, parallel } = splitOptions(options, "sensitivityParallel");
  return runPlanParallel(planSensitivity(scenario, core as SensitivityOptions), parallel);
}
