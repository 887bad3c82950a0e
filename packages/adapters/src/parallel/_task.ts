/**
 * The messages between the main thread and a worker: one run spec in, one run out (its rows as
 * columns, moved rather than copied) or the error it threw.
 * @internal
 */
import type { Issue, RunSpec, RunSummary } from "@talentflow/core";
import type { ColumnarRows } from "./columnarRows";

export interface RunTask {
  readonly spec: RunSpec;
  /** File URL of a module whose `execute(spec)` replaces core's `executeRunSpec`. */
  readonly executeModule?: string;
}

export type RunTaskResult =
  | {
      readonly ok: true;
      readonly run: string;
      readonly seed: number;
      readonly replicate: number;
      readonly scale: number;
      readonly summary: RunSummary;
      readonly warnings: readonly Issue[];
      /** Agent-periods stepped, as core counted them (undefined from a custom executor that does not count). */
      readonly agentPeriods: number | undefined;
      readonly rows: ColumnarRows;
    }
  | { readonly ok: false; readonly errorName: string; readonly message: string };
