/**
 * Progress of an experiment, reported through a callback after each run: the experiments never
 * write to stdout, so a terminal, a log or a browser decides how to show it.
 * @module
 */

/** Where an experiment stands, reported after each run. */
export interface ExperimentProgress {
  /** Runs finished so far (including the one just finished). */
  readonly done: number;
  /**
   * Runs planned so far. Fixed for `compare`, `sweep`, `sensitivity` and `elasticity`; for an
   * adaptive `replicate` (`targetHalfWidth`) and for `calibrate` it grows as batches are added,
   * because how many runs they need depends on the results.
   */
  readonly total: number;
  /** Key of the run just finished (`<scenario hash>/r<replicate>`). */
  readonly runKey?: string;
  /**
   * Agent-periods that run stepped (agents active at each period's start, summed over its
   * periods, burn-in included; see `RunResult.agentPeriods`): divide by time for a speed.
   */
  readonly agentPeriods?: number;
}

/**
 * Called after each run of an experiment. It is called synchronously, between runs; an error
 * it throws stops the experiment.
 *
 * @example
 * const started = performance.now();
 * let work = 0;
 * replicate(scenario, { replications: 20, seed: 1, onProgress: (p) => {
 *   work += p.agentPeriods ?? 0;
 *   const seconds = (performance.now() - started) / 1000;
 *   process.stderr.write(`\r${p.done}/${p.total} runs, ${(work / seconds / 1e6).toFixed(1)} M agent-periods/s`);
 * } });
 */
export type ProgressCallback = (progress: ExperimentProgress) => void;

/** The progress option that every experiment function accepts. */
export interface ProgressOptions {
  /** Called after each run with the runs done and planned (see {@link ExperimentProgress}). */
  readonly onProgress?: ProgressCallback;
}
