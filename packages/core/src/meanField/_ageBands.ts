/**
 * The age bands of the mean-field cohorts.
 * @internal
 * @module
 */

/**
 * Age bands between entryAge and retirementAge, plus a last band of people who have reached
 * retirementAge by the end of a period: they all exit at the start of the next (as in the engine).
 * Ages move between bands at a constant rate (uniform ages within a band).
 */
export class AgeBands {
  /** Bands that choose (all but the last). */
  readonly working: number;
  /** All bands: the working ones and the last. */
  readonly count: number;
  /** Width of each band in years (the last: Infinity). */
  readonly width: readonly number[];
  /** Age at the middle of each band (the last: retirementAge). */
  readonly mid: readonly number[];
  /** Share of a band ageing into the next per period (0 for the last). */
  readonly ageOut: Float64Array;
  /** 1 for bands whose middle is under 30 (brainDrainYoung). */
  readonly young: Uint8Array;
  private readonly bandYears: number;
  private readonly span: number;
  private readonly entryAge: number;

  constructor(
    behavior: { readonly entryAge: number; readonly retirementAge: number },
    bandYears: number,
    periodsPerYear: number,
  ) {
    const span = behavior.retirementAge - behavior.entryAge;
    this.bandYears = bandYears;
    this.span = span;
    this.entryAge = behavior.entryAge;
    const working = (this.working = Math.max(1, Math.ceil(span / bandYears - 1e-9)));
    const A = (this.count = working + 1);
    const widthOf = (a: number) =>
      a < working - 1 ? bandYears : a === working - 1 ? span - (working - 1) * bandYears : Infinity;
    const width = (this.width = Array.from({ length: A }, (_, a) => widthOf(a)));
    this.mid = width.map((w, a) => (a < working ? behavior.entryAge + a * bandYears + w / 2 : behavior.retirementAge));
    const bandRate = width.map((w) => 1 / (w * periodsPerYear)); // share ageing out per period (0 for the last)
    this.young = Uint8Array.from(this.mid, (m) => (m < 30 ? 1 : 0));
    this.ageOut = Float64Array.from(bandRate, (f) => Math.min(1, f));
  }

  /**
   * Shares of the initial population per band (docs/model.md 3.1): ages from entryAge with the
   * scenario's median, as a power law of the working span; none in the last band.
   */
  initialShares(initialAgeMedian: number): number[] {
    const power = Math.log((initialAgeMedian - this.entryAge) / this.span) / Math.log(0.5);
    return this.width.map((_, a) => {
      if (a >= this.working) return 0;
      const lo = (a * this.bandYears) / this.span;
      const hi = Math.min(1, ((a + 1) * this.bandYears) / this.span);
      return hi ** (1 / power) - lo ** (1 / power);
    });
  }

  /** Shares of the entrants per band: all enter the first. */
  entrantShares(): number[] {
    return this.width.map((_, a) => (a === 0 ? 1 : 0));
  }

  /** lambda_a = e^(−ageCost · max(0, mid_a − 30)) for every band, into `out`: the age cost as a factor. */
  ageFactors(ageCost: number, out: Float64Array): void {
    for (let a = 0; a < this.count; a++) out[a] = Math.exp(-ageCost * Math.max(0, this.mid[a] - 30));
  }
}
