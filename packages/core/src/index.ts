/**
 * `@talentflow/core`: agent-based simulation of AI talent flows between Germany, Canada, Silicon
 * Valley, the rest of the US and the rest of the world, under policies.
 *
 * This file is the table of contents of the public API, one group per layer of the model.
 * @packageDocumentation
 */

// Scenario: what a run is about. The types, the schema, validation, the built-in scenarios with
// their parameter sources, targets and moments, and the policies that change them.
export type * from "./scenario/types";
export { scenarioSchema, scenarioJsonSchema } from "./scenario/schema";
export {
  validateScenario,
  assertValidScenario,
  describePath,
  estimateMemoryBytes,
  BYTES_PER_AGENT,
  ENGINE_LIMITS,
  entrantsPerRegionPeriodLimit,
} from "./scenario/validate";
export type { ValidateOptions, ValidationResult } from "./scenario/validate";
export { scenarioHash, canonicalJson } from "./scenario/scenarioHash";
export * as scenarios from "./scenarios/index";
export { PARAMETER_SOURCES, describeParameter } from "./scenarios/sources";
export type { ParameterSource } from "./scenarios/sources";
export { BASELINE_TARGETS } from "./scenarios/targets";
export type { BaselineTarget } from "./scenarios/targets";
export { BASELINE_MOMENTS, EXCLUDED_MOMENTS, momentValue, preFeeRegime } from "./scenarios/moments";
export type { BaselineMoment, ExcludedMoment, MomentResult, MomentSource, MomentUse } from "./scenarios/moments";
export * as policies from "./policies/index";
export { withPolicies, cloneScenario } from "./scenario/withPolicies";

// Running: one run at once, or period by period with checkpoints to continue from.
export { simulate } from "./simulate";
export { createSimulation, restoreSimulation } from "./simulation";
export type { Simulation, RunOptions, RunResult, RunSummary } from "./simulation";

// Observe: what a run reports. The tidy rows and their metrics, the period view, the user's
// observers, and the agent panel.
export { METRICS } from "./observe/rows";
export type { TidyRow, MetricName } from "./observe/rows";
export type { PeriodView } from "./observe/periodView";
export type { Observer } from "./observe/observers";
export type { AgentPanel } from "./observe/agentPanel";

// Mean field: the deterministic projection of the same model, by cohorts instead of agents.
export { meanField, MEAN_FIELD_METRICS } from "./meanField/index";
export type { MeanFieldOptions, MeanFieldProgramPlaces, MeanFieldResult } from "./meanField/index";

// Experiments: many runs. Replicates, comparisons, elasticities, sweeps, sensitivity, burn-in
// drift, calibration, parameter paths and metric selectors, and run specs to spread over workers.
export {
  replicate,
  createReplication,
  compare,
  planCompare,
  elasticity,
  planElasticity,
  sweep,
  planSweep,
  sensitivity,
  planSensitivity,
  burnInDrift,
} from "./experiments/index";
export { calibrate, createCalibration } from "./experiments/calibrate";
export type {
  CalibrateOptions,
  CalibrationParameter,
  CalibrationTarget,
  CalibrationRun,
  CalibrationRunFailure,
  CalibrationResult,
  CalibrationInference,
  ObjectiveProfile,
  Calibration,
  TargetFit,
} from "./experiments/calibrate";
export {
  getParameter,
  setParameter,
  setParameters,
  selectValue,
  toSelector,
  checkMetricSelector,
  assertMetricSelector,
  matchesSelector,
} from "./experiments/index";
export { runSpec, executeRunSpec, runSpecs, runPlan, uniqueSpecs, outputsByKey } from "./experiments/index";
export type * from "./experiments/index";

// Random: run seeds and the keyed streams every draw comes from.
export { runSeed, independentRunSeed } from "./random/seeds";
export { keyedUniform, streamKey } from "./random/keyed";

// Errors and versions: what a refused input or a failed run throws, and the versions results carry.
export { ValidationError, NonFiniteError } from "./errors";
export type { Issue } from "./errors";
export { closestKey } from "./_knownKeys";
export { MODEL_VERSION, PACKAGE_VERSION } from "./version";
