/**
 * What happened in one period of the mean-field projection, in people.
 * @internal
 * @module
 */

/** The period's counts per region (per origin · R + destination for flows, per citizenship for returns). */
export class PeriodFlows {
  readonly entries: Float64Array;
  readonly exits: Float64Array;
  /** origin * R + destination. */
  readonly flows: Float64Array;
  readonly applications: Float64Array;
  readonly admissions: Float64Array;
  readonly lotteryEntrants: Float64Array;
  readonly lotteryWinners: Float64Array;
  /** Selection rate of the draw this period per region's lottery; NaN where none drew. */
  readonly selection: Float64Array;
  /** Moves home from abroad, per citizenship. */
  readonly returnMoves: Float64Array;

  constructor(R: number, C: number) {
    this.entries = new Float64Array(R);
    this.exits = new Float64Array(R);
    this.flows = new Float64Array(R * R);
    this.applications = new Float64Array(R);
    this.admissions = new Float64Array(R);
    this.lotteryEntrants = new Float64Array(R);
    this.lotteryWinners = new Float64Array(R);
    this.selection = new Float64Array(R);
    this.returnMoves = new Float64Array(C);
  }

  /** Clears the counts at the start of a period. */
  reset(): void {
    this.entries.fill(0);
    this.exits.fill(0);
    this.flows.fill(0);
    this.applications.fill(0);
    this.admissions.fill(0);
    this.lotteryEntrants.fill(0);
    this.lotteryWinners.fill(0);
    this.selection.fill(NaN);
    this.returnMoves.fill(0);
  }
}
