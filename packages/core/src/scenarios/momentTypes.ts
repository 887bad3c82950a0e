/**
 * The shape of an empirical moment of the baseline: where its value was published, whether it is
 * fitted or kept for validation, and the model's counterpart.
 * @module
 */
import type { MetricName } from "../observe/rows";
import type { Scenario } from "../scenario/types";
import type { MomentResult } from "./_momentCounterparts";

/** Where a moment's value was published. */
export interface MomentSource {
  /** Who published the figure (the original, where it was read on a secondary page). */
  publisher: string;
  /** Title of the publication or table. */
  title: string;
  /** The page the figure was read on. */
  url: string;
  /** Year or years the figure refers to. */
  year: string;
  /** The sentence or table cell that states it. */
  quote: string;
}

/** Whether a moment is fitted or kept out of the fit and reported as validation. */
export type MomentUse = "fit" | "validation";

/** One empirical moment and the model's counterpart. */
export interface BaselineMoment {
  /** Row id in data/sources/moments_candidates.csv (`m01` …). */
  id: string;
  /** Name in snake case (`ca_us_net_tech_flow_rate`). */
  name: string;
  /** The empirical value. */
  value: number;
  /** Its standard error. */
  se: number;
  /** What the standard error rests on (most are set from definitional gaps, not sampling). */
  seBasis: string;
  /** `fit`: meant for the calibration; `validation`: kept out of it and reported. */
  use: MomentUse;
  /** `sourced`: as published; `derived`: computed from sourced figures (see `note`); `assumed`: no source. */
  basis: "sourced" | "derived" | "assumed";
  /** The publication; empty fields for an assumed value. */
  source: MomentSource;
  /** What the model computes for it, in a phrase (window included). */
  counterpart: string;
  /** The computation behind a derived value, and caveats of the comparison. */
  note: string;
  /** Metrics the counterpart reads: a run with `metrics` must keep them. */
  metrics: readonly MetricName[];
  /**
   * The variant of the scenario the moment is measured on, when it is not the scenario itself
   * (the H-1B selection rate is measured on the regime of the FY2026 draw, before the fee).
   */
  derive?: (scenario: Scenario) => Scenario;
  /** The model's value from a run's rows (or a mean-field projection's); see {@link momentValue}. */
  compute: (result: MomentResult) => number;
}
