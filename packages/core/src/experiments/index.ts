/**
 * Experiments: many runs of the model, each a {@link RunSpec} with a key and a seed from
 * (master seed, replicate), aggregated by pure functions. Replications, paired comparisons,
 * elasticities, sweeps and sensitivity analysis; parameter paths and metric selectors.
 * @module
 */
export { replicate, createReplication } from "./replicate";
export type {
  ReplicateOptions,
  ReplicateResult,
  Replication,
  StoppingReport,
  SeriesKey,
  SeriesStatistic,
} from "./replicate";
export { compare, planCompare } from "./compare";
export type { CompareOptions, CompareResult, PairedDifference, WelfareDifference } from "./compare";
export { elasticity, planElasticity } from "./elasticity";
export type { ElasticityOptions, ElasticityResult } from "./elasticity";
export { sweep, planSweep } from "./sweep";
export type { SweepAxis, SweepDesign, SweepOptions, SweepPoint, SweepResult, SweepStatistic } from "./sweep";
export { sensitivity, planSensitivity } from "./sensitivity";
export type {
  SensitivityOptions,
  SensitivityResult,
  MorrisSensitivity,
  SobolSensitivity,
  MorrisParameter,
  SobolParameter,
} from "./sensitivity";
export { burnInDrift } from "./drift";
export type { DriftOptions, DriftResult, DriftValues, RegionDrift, CitizenshipDrift } from "./drift";
export { getParameter, setParameter, setParameters } from "./paths";
export { selectValue, toSelector, checkMetricSelector, assertMetricSelector, matchesSelector } from "./metric";
export type { MetricSelector, MetricArgument, MetricFilters } from "./metric";
export { runSpec, executeRunSpec, runSpecs, runPlan, uniqueSpecs, outputsByKey } from "./runSpec";
export type { RunSpec, RunOutput, ExperimentPlan, SeedingOptions } from "./runSpec";
export type { ExperimentProgress, ProgressCallback, ProgressOptions } from "./progress";
