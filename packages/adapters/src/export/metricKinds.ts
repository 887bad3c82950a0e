import type { MetricName } from "@talentflow/core";

/**
 * How a metric becomes annual:
 * - `stock`: a state at the end of the period (people working somewhere, a mean wage, a share);
 *   the annual value is the value at the end of the year (the period with `yearEnd`).
 * - `flow`: a count over the period (moves, entries, admissions); the annual value is the sum
 *   over the year's periods.
 * - `rate`: a per-period rate or average (net migration per 10,000 per year, welfare, a
 *   lottery's selection rate); the annual value is the mean over the year's periods that report it.
 */
export type MetricKind = "stock" | "flow" | "rate";

/**
 * The kind of every metric of core's `METRICS` (the `annual` view of an export uses it).
 * Metrics of observers are not listed: give their kind with the `metricKinds` option.
 *
 * @example
 * METRIC_KINDS.stock // => "stock": the annual value is the year-end stock
 * METRIC_KINDS.flow  // => "flow": moves are summed over the year
 */
export const METRIC_KINDS: Readonly<Record<MetricName, MetricKind>> = {
  stock: "stock",
  stockByCitizenship: "stock",
  entries: "flow",
  exits: "flow",
  inflows: "flow",
  outflows: "flow",
  flow: "flow",
  netMigrationPer10k: "rate",
  meanSkill: "stock",
  topDecileShare: "stock",
  meanWage: "stock",
  researchers: "stock",
  welfare: "rate",
  welfareByCitizenship: "rate",
  applications: "flow",
  admissions: "flow",
  lotteryEntrants: "flow",
  lotteryWinners: "flow",
  selectionRate: "rate",
  brainDrain: "stock",
  brainDrainYoung: "stock",
  returnMoves: "flow",
  topResearchersAbroad: "stock",
  cohortExit5y: "rate",
  cohortArrivals: "flow",
  fiscalCost: "flow",
};
