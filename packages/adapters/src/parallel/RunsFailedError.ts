import type { RunResult } from "@talentflow/core";

/** A run that did not finish: its key and why. */
export interface RunFailure {
  /** The run key (`<scenario hash>/r<replicate>`, ...). */
  readonly key: string;
  /** `"threw"`: the run raised an error; `"workerExited"`: the worker thread running it died. */
  readonly kind: "threw" | "workerExited";
  /** The error's name and message, or how the worker ended. */
  readonly reason: string;
}

/**
 * Rejection of a parallel experiment when runs failed: a run threw, or the worker thread running
 * it died. The other runs were finished and are kept in `completed` (full run results, rows
 * included), so nothing that finished is lost; `failed` names every run that did not, with the
 * reason. Adaptive experiments (replications with a stopping rule, calibrations) stop after the
 * batch in which a run failed: `notRun` lists runs that were planned but never started.
 *
 * @example
 * try {
 *   await replicateParallel(scenario, { replications: 20, seed: 1, workers: 2 });
 * } catch (e) {
 *   if (e instanceof RunsFailedError) {
 *     console.error(e.message); // names every failed run key and its reason
 *     saveForLater(e.completed); // the runs that finished
 *   }
 * }
 */
export class RunsFailedError extends Error {
  /** Every run that did not finish, in the order the runs were planned. */
  readonly failed: readonly RunFailure[];
  /** The runs that finished, in the order they were planned. */
  readonly completed: readonly RunResult[];
  /** Keys of runs planned but never started (after an abort, or after a failed batch). */
  readonly notRun: readonly string[];

  constructor(
    failed: readonly RunFailure[],
    completed: readonly RunResult[],
    notRun: readonly string[] = [],
    message?: string,
  ) {
    super(
      message ??
        `${failed.length} run(s) failed (${completed.length} finished ` +
          `and kept${notRun.length ? `, ${notRun.length} not run` : ""}):\n` +
          failed.map((f) => `  - ${f.key}: ${f.reason}`).join("\n"),
    );
    this.name = "RunsFailedError";
    this.failed = failed;
    this.completed = completed;
    this.notRun = notRun;
  }
}

/**
 * Rejection of a parallel experiment whose `signal` was aborted: the runs in flight were finished
 * and are kept in `completed` with the others that finished before; `notRun` lists the runs that
 * were never started. `failed` lists runs that failed before the stop, if any. Its `name` is
 * `"AbortError"`, as for other aborted operations.
 *
 * @example
 * const controller = new AbortController();
 * process.once("SIGINT", () => controller.abort());
 * try {
 *   await sweepParallel(scenario, { ...options, signal: controller.signal });
 * } catch (e) {
 *   if (e instanceof RunsAbortedError) keep(e.completed);
 * }
 */
export class RunsAbortedError extends RunsFailedError {
  constructor(failed: readonly RunFailure[], completed: readonly RunResult[], notRun: readonly string[]) {
    super(
      failed,
      completed,
      notRun,
      `aborted: ${completed.length} run(s) finished and kept, ${notRun.length} not run` +
        (failed.length
          ? `, ${failed.length} failed:\n${failed.map((f) => `  - ${f.key}: ${f.reason}`).join("\n")}`
          : ""),
    );
    this.name = "AbortError";
  }
}
