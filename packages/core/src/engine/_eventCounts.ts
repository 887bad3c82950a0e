/**
 * What the period's events add up to, for its record: entries, exits, moves, applications,
 * admissions, the lotteries, return moves; and, over the whole run, the arrival cohorts.
 */

/** Years within which a migrant's departure counts as an exit of its arrival cohort. */
export const COHORT_YEARS = 5;

/** The event counters, in agents. */
export class EventCounts {
  /** Per region. */
  readonly entries: Float64Array;
  readonly exits: Float64Array;
  readonly applications: Float64Array;
  readonly admissions: Float64Array;
  readonly lotteryEntrants: Float64Array;
  readonly lotteryWinners: Float64Array;
  /** Selection rate of this period's draw of each region's lottery; NaN where none was drawn. */
  readonly selectionRate: Float64Array;
  /** origin * R + destination. */
  readonly flows: Float64Array;
  /** Per citizenship. */
  readonly returnMoves: Float64Array;
  /** Over the run: arrivals and departures within 5 years, year * K + country. */
  readonly cohortArrivals: Float64Array;
  readonly cohortLeft: Float64Array;

  constructor(R: number, C: number, K: number, years: number) {
    this.entries = new Float64Array(R);
    this.exits = new Float64Array(R);
    this.flows = new Float64Array(R * R);
    this.applications = new Float64Array(R);
    this.admissions = new Float64Array(R);
    this.lotteryEntrants = new Float64Array(R);
    this.lotteryWinners = new Float64Array(R);
    this.selectionRate = new Float64Array(R);
    this.returnMoves = new Float64Array(C);
    this.cohortArrivals = new Float64Array(years * K);
    this.cohortLeft = new Float64Array(years * K);
  }

  /** Clears the counters of one period (not the cohorts, which span the run). */
  clearPeriod(): void {
    this.entries.fill(0);
    this.exits.fill(0);
    this.flows.fill(0);
    this.applications.fill(0);
    this.admissions.fill(0);
    this.lotteryEntrants.fill(0);
    this.lotteryWinners.fill(0);
    this.returnMoves.fill(0);
    this.selectionRate.fill(NaN);
  }
}
