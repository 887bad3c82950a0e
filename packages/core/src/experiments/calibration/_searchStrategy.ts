/**
 * What a calibration method does, seen from the calibration: it proposes candidate parameter
 * points in batches, learns their objectives, and names its estimate when it is done. The
 * calibration runner simulates the candidates; the strategy never sees a run.
 * @internal
 * @module
 */
import type { CalibrationResult } from "../calibrate";

/**
 * A search over parameter points (in the parameters' own units, in the order of the checked
 * parameters). @internal
 */
export interface SearchStrategy {
  /** True once the search has stopped: then {@link SearchStrategy.estimate} is final. */
  readonly done: boolean;
  /** The next batch of candidate points. */
  ask(): number[][];
  /**
   * The objective Σ ((model − value) / se)² of each point of the batch, in batch order (Infinity for a failed
   * candidate).
   */
  tell(objectives: readonly number[]): void;
  /** The point estimate. */
  estimate(): number[];
  /** What the method adds to the result: whether it converged (MSM) or its posterior (ABC). */
  report(): Pick<CalibrationResult, "converged" | "posterior">;
}
