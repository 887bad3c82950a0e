/**
 * The messages between the explorer's page and its worker.
 * @internal
 * @module
 */
import type { Scenario } from "@talentflow/core";
import type { ReportSection } from "../report/report";
import type { ExplorerJob } from "./_runExplorer";

/** From the page: run a job, or time one run of a scenario (for the speed figure). */
export type ToWorker =
  | { readonly type: "run"; readonly id: number; readonly job: ExplorerJob }
  | { readonly type: "time"; readonly id: number; readonly scenario: Scenario; readonly seed: number };

/** From the worker. */
export type ToPage =
  | { readonly type: "progress"; readonly id: number; readonly done: number; readonly total: number }
  | {
      readonly type: "result";
      readonly id: number;
      readonly sections: readonly ReportSection[];
      readonly summary: string;
      readonly runs: number;
      readonly runSeconds: number;
      readonly agentPeriods: number;
    }
  | { readonly type: "timed"; readonly id: number; readonly ms: number; readonly agentPeriods: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };
