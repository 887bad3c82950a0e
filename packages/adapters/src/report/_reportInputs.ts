/**
 * What a report's sections are built from: the chart inputs of each kind of result, in the
 * shape both an in-memory result (`reportFromResult`) and an output folder's tables
 * (`reportFromTables`) can give, so that both build the same sections with the same code.
 * @internal
 * @module
 */
import type {
  CompareResult,
  PairedDifference,
  SensitivityResult,
  SweepResult,
  WelfareDifference,
} from "@talentflow/core";

/** A value per series and period, as from a run's rows (`mean` is the value) or a replication's statistics. */
export interface SeriesValue {
  readonly metric: string;
  readonly region: string;
  readonly origin: string;
  readonly destination: string;
  readonly citizenship: string;
  readonly period: number;
  readonly year: number;
  readonly mean: number;
  readonly lower?: number;
  readonly upper?: number;
}

/** One run: its series and what the subtitle says about it. */
export interface RunInput {
  readonly kind: "run";
  /** The scenario's name. */
  readonly scenario: string;
  readonly seed: number;
  readonly replicate: number;
  readonly startYear: number;
  readonly endYear: number;
  /** People per agent. */
  readonly scale: number;
  readonly values: readonly SeriesValue[];
}

/** A replication: the mean and interval of each series over the replications. */
export interface ReplicateInput {
  readonly kind: "replicate";
  /** The scenario's name. */
  readonly scenario: string;
  readonly seed: number | string;
  readonly replications: number;
  readonly confidence: number;
  /** Means with `lower`/`upper` the interval's ends. */
  readonly values: readonly SeriesValue[];
}

/** A comparison: the parts of a `CompareResult` its charts and captions use. */
export interface CompareInput extends Pick<CompareResult, "seed" | "replications" | "confidence" | "arms" | "runs"> {
  readonly kind: "compare";
  readonly differences: readonly Pick<
    PairedDifference,
    | "arm"
    | "metric"
    | "region"
    | "citizenship"
    | "period"
    | "year"
    | "mean"
    | "ciLow"
    | "ciHigh"
    | "baselineMean"
    | "armMean"
    | "varianceReduction"
  >[];
  readonly welfare: readonly (Pick<WelfareDifference, "arm" | "compensatingVariation"> & {
    readonly dW: Pick<WelfareDifference["dW"], "mean">;
  })[];
}

/** A sweep: its design, points, runs' rows and per-point statistics. */
export interface SweepInput
  extends Pick<SweepResult, "design" | "parameters" | "points" | "rows" | "statistics" | "runs"> {
  readonly kind: "sweep";
}

/** A sensitivity analysis, as core returns it. */
export type SensitivityInput = SensitivityResult & { readonly kind: "sensitivity" };

/** The chart inputs of any reportable result. */
export type ReportInput = RunInput | ReplicateInput | CompareInput | SweepInput | SensitivityInput;
