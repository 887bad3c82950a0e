/**
 * `@talentflow/core`: agent-based simulation of AI talent flows between Germany, Canada, Silicon
 * Valley, the rest of the US and the rest of the world, under policies.
 * @packageDocumentation
 */
export * as scenarios from "./scenarios/index";
export * as policies from "./policies/index";
export { simulate } from "./simulate";
export { createSimulation, restoreSimulation } from "./simulation";
export type { Simulation, RunOptions, RunResult, RunSummary, PeriodView, Observer, AgentPanel } from "./simulation";
export { withPolicies, cloneScenario } from "./scenario/withPolicies";
export {
  validateScenario,
  assertValidScenario,
  describePath,
  estimateMemoryBytes,
  BYTES_PER_AGENT,
  ENGINE_LIMITS,
} from "./scenario/validate";
export type { ValidateOptions, ValidationResult } from "./scenario/validate";
export { scenarioSchema, scenarioJsonSchema } from "./scenario/schema";
export { METRICS } from "./observe/rows";
export type { TidyRow, MetricName } from "./observe/rows";
export { runSeed, independentRunSeed } from "./random/seeds";
export { keyedUniform, streamKey } from "./random/keyed";
export { scenarioHash, canonicalJson } from "./scenario/scenarioHash";
export { MODEL_VERSION, PACKAGE_VERSION } from "./version";
export { ValidationError, NonFiniteError } from "./errors";
export { closestKey } from "./_knownKeys";
export type { Issue } from "./errors";
export type * from "./scenario/types";
export { PARAMETER_SOURCES, describeParameter } from "./scenarios/sources";
export type { ParameterSource } from "./scenarios/sources";
export { BASELINE_TARGETS } from "./scenarios/targets";
export type { BaselineTarget } from "./scenarios/targets";
export * from "./scenarios/moments";
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
} from "./experiments/index";
export { burnInDrift } from "./experiments/index";
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
export { meanField, MEAN_FIELD_METRICS } from "./meanField/index";
export type { MeanFieldOptions, MeanFieldResult } from "./meanField/index";
