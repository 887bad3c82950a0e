/**
 * What the period's events add up to, for its record: the {@link PeriodCounts} of each period
 * and, over the whole run, the arrival cohorts.
 */
import { PeriodCounts } from "./_periodCounts";

/** Years within which a migrant's departure counts as an exit of its arrival cohort. */
export const COHORT_YEARS = 5;

/** The event counters, in agents. */
export class EventCounts extends PeriodCounts {
  /** Over the run: arrivals and departures within 5 years, year * K + country. */
  readonly cohortArrivals: Float64Array;
  readonly cohortLeft: Float64Array;

  constructor(R: number, C: number, K: number, years: number) {
    super(R, C);
    this.cohortArrivals = new Float64Array(years * K);
    this.cohortLeft = new Float64Array(years * K);
  }
}
