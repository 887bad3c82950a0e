/**
 * Parallel experiments on one machine: core's experiments with their keyed runs on a pool of
 * worker threads, the same results for any number of workers.
 * @module
 */
export { runSpecsParallel, runPlanParallel } from "./runSpecsParallel";
export { replicateParallel } from "./replicateParallel";
export type { ReplicateParallelOptions } from "./replicateParallel";
export { compareParallel } from "./compareParallel";
export type { CompareParallelOptions } from "./compareParallel";
export { sweepParallel } from "./sweepParallel";
export type { SweepParallelOptions } from "./sweepParallel";
export { sensitivityParallel } from "./sensitivityParallel";
export type { SensitivityParallelOptions } from "./sensitivityParallel";
export { calibrateParallel } from "./calibrateParallel";
export type { CalibrateParallelOptions } from "./calibrateParallel";
export { createWorkerPool } from "./createWorkerPool";
export type { WorkerPool } from "./createWorkerPool";
export type { ParallelOptions, ParallelProgress } from "./parallelOptions";
export { RunsFailedError, RunsAbortedError } from "./RunsFailedError";
export type { RunFailure } from "./RunsFailedError";
export { encodeRows, decodeRows, transferListOf } from "./columnarRows";
export type { ColumnarRows, RowColumn } from "./columnarRows";
