/**
 * Sweeps that outgrow one machine: sharded, resumable runs of any experiment plan, merged into
 * one dataset that DuckDB queries. See docs/clusters.md.
 * @module
 */
export { assignShard, shardOfKeys } from "./assignShard";
export { parseShard, formatShard, checkShard, WHOLE_PLAN } from "./shard";
export type { Shard } from "./shard";
export { shardFromEnv } from "./shardFromEnv";
export type { ShardFromEnvOptions, EnvShard } from "./shardFromEnv";
export { runShard, ShardRunsFailedError } from "./runShard";
export type { RunShardOptions, RunShardResult, FailedRun } from "./runShard";
export { mergeRuns, MissingRunsError } from "./mergeRuns";
export type { MergeRunsOptions, MergedManifest, MergedFile } from "./mergeRuns";
export { shardStatus } from "./shardStatus";
export type { ShardStatusOptions, ShardStatusResult, ShardProgress } from "./shardStatus";
export type { ShardManifest } from "./_progressOnDisk";
export { queryDataset } from "./queryDataset";
export type { QueryResult } from "./queryDataset";
export { aggregateFromDir, readRunOutputs } from "./aggregateFromDir";
export { fixedReplicationPlan } from "./fixedReplicationPlan";
export { fixedCalibrationPlan } from "./fixedCalibrationPlan";
