/**
 * What one period's events add up to, per region (flows per origin and destination, return
 * moves per citizenship): the counts a period's record reports, in agents for a run and in
 * people for the mean-field projection, which both fill this one class.
 */

/** The counts of one period; {@link PeriodCounts.clearPeriod} starts the next. */
export class PeriodCounts {
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
  /** Moves home from abroad, per citizenship. */
  readonly returnMoves: Float64Array;

  /** Counts for R regions and C citizenships, all zero (selection rates 0 until the first clear). */
  constructor(R: number, C: number) {
    this.entries = new Float64Array(R);
    this.exits = new Float64Array(R);
    this.flows = new Float64Array(R * R);
    this.applications = new Float64Array(R);
    this.admissions = new Float64Array(R);
    this.lotteryEntrants = new Float64Array(R);
    this.lotteryWinners = new Float64Array(R);
    this.selectionRate = new Float64Array(R);
    this.returnMoves = new Float64Array(C);
  }

  /** Clears the counts at the start of a period; no lottery has drawn yet (NaN). */
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
