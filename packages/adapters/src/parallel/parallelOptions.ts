import type { WorkerPool } from "./createWorkerPool";

/**
 * What every parallel experiment takes besides core's options, and what it reports per run.
 * @module
 */

/** One finished run, reported to {@link ParallelOptions.onProgress}. */
export interface ParallelProgress {
  /** Runs finished so far (failed ones included), in this call. */
  readonly done: number;
  /**
   * Runs planned so far. Fixed for compare, sweep, sensitivity and `runSpecsParallel`; it grows
   * when an adaptive experiment (replications with `targetHalfWidth`, calibration) plans another
   * batch.
   */
  readonly total: number;
  /** Key of the run that just finished. */
  readonly runKey: string;
  /**
   * Agent-periods the run stepped: its agents (the scenario's `agents`, or one per person)
   * times its periods, burn-in included; 0 for a failed run. Summed over time, a throughput.
   */
  readonly agentPeriods: number;
  /** Present when the run failed: why. */
  readonly failed?: string;
}

/** Options of the parallel experiments, added to core's options of the same experiment. */
export interface ParallelOptions {
  /**
   * Worker threads, a whole number >= 1 (default: `os.availableParallelism()`, or the size of
   * `pool`). The result does not depend on it.
   */
  readonly workers?: number;
  /**
   * Threads started by `createWorkerPool`, to reuse instead of starting new ones (and ending
   * them) in this call. `workers`, if given, must not exceed its size.
   */
  readonly pool?: WorkerPool;
  /**
   * Called in the main thread after each run ends, in the order runs end. If it throws, no
   * further run starts and the call rejects with its error once the runs in flight end.
   */
  readonly onProgress?: (progress: ParallelProgress) => void;
  /**
   * Stops the experiment: no run starts after the abort, the runs in flight finish, and the
   * call rejects with a `RunsAbortedError` that keeps every finished run (unless every run had
   * already started: then the call completes).
   */
  readonly signal?: AbortSignal;
  /**
   * Advanced: a module (path or file URL) whose export `execute(spec)` runs a spec in the
   * workers instead of core's `executeRunSpec`, e.g. to attach observers, which as functions
   * cannot be sent to a worker. It must return what `executeRunSpec` returns.
   */
  readonly executeModule?: string | URL;
}

/** The keys of {@link ParallelOptions}: stripped before core sees the options. */
export const PARALLEL_OPTION_KEYS = ["workers", "pool", "onProgress", "signal", "executeModule"] as const;
