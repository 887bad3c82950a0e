/**
 * The empirical moments the built-in baseline is calibrated to: each with its value, the
 * standard error the calibration weighs it by, what the model measures for it, and its source.
 * `data/targets.csv` in the repository is generated from this list (`pnpm docs:scenarios`), and
 * `pnpm moments` prints the baseline's value of each next to it.
 * @module
 */

/** One target moment of the baseline's calibration. */
export interface BaselineTarget {
  /** Name of the moment, in snake case (`us_migrant_exit_within_5y`). */
  moment: string;
  /** The empirical value. */
  value: number;
  /** Its standard error (as published, or assumed where `basis` says so). */
  se: number;
  /** What the model computes for it, in a phrase. */
  description: string;
  /** `sourced`: a published figure; `assumed`: our assumption (the source says what it rests on). */
  basis: "sourced" | "assumed";
  /** The citation, or the reasoning behind an assumed value. */
  source: string;
}

/**
 * The baseline's target moments, in the order the calibration and `pnpm moments` list them.
 * Standard errors of sourced moments are assumed where the publication gives none (the
 * calibration only needs their relative size).
 */
export const BASELINE_TARGETS: readonly BaselineTarget[] = [
  {
    moment: "annual_mobility_rate",
    value: 0.03,
    se: 0.01,
    description: "share of workers in DE/CA/SV/USR changing region per year, 2026-2028",
    basis: "assumed",
    source: "Assumption; no source found for AI workers.",
  },
  {
    moment: "us_migrant_exit_within_5y",
    value: 0.15,
    se: 0.02,
    description: "share of migrant arrivals in SV+USR who left the US within 5 years",
    basis: "sourced",
    source: "OECD: 12.5-16% of migrants leave the US within 5 years; SE assumed.",
  },
  {
    moment: "canada_migrant_exit_within_5y",
    value: 0.21,
    se: 0.03,
    description: "share of migrant arrivals in CA who left within 5 years",
    basis: "sourced",
    source: "OECD: about 21% of migrants leave Canada within 5 years; SE assumed.",
  },
  {
    moment: "canada_stem_grads_abroad_share",
    value: 0.25,
    se: 0.05,
    description: "share of Canadian citizens under 30 working outside Canada, 2026-2028",
    basis: "sourced",
    source:
      "2015-16 STEM graduates of Waterloo, UBC and Toronto working abroad, mostly " +
      "in the US (software engineering 0.66, computer science 0.30); SE assumed.",
  },
  {
    moment: "h1b_selection_rate",
    value: 0.353,
    se: 0.02,
    description: "share of the H-1B pool selected, March 2026 draw without the fee (the FY2026 regime)",
    basis: "sourced",
    source:
      "USCIS, H-1B electronic registration process, FY2026: " +
      "118,660 selected of 336,153 unique beneficiaries; SE assumed.",
  },
  {
    moment: "top_researchers_outside_home_country",
    value: 0.42,
    se: 0.05,
    description:
      "share of researchers in the global top skill decile working outside their citizenship's country, 2026-2028",
    basis: "sourced",
    source: "MacroPolo Global AI Talent Tracker 2022 (NeurIPS authors); SE assumed.",
  },
];
