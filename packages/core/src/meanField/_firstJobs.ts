/**
 * The entrants who choose their first job in the period after their entry (docs/model.md 3.3.12).
 * @internal
 * @module
 */
import type { Cohorts } from "./_cohorts";

/**
 * The people of last period's entrants who choose their first job this period: the share
 * `firstJobChoice` (of their entry period) of the entrants who do not wait for a lottery and whose
 * status does not expire this period. They are people of their cohort cells; this class holds which
 * part of each cell they are, before this period's exits, and, per type, the periods left of their
 * status (the term they entered with, one period ago). The decision lets them all look around
 * (the others of their cell at the consideration probability) and keeps their periods left apart
 * from the rest of their type's ({@link StatusTerms}). Held for one decision: the next period's
 * entries replace them.
 */
export class FirstJobs {
  /** People per cell (type · B + bin) · A + band who choose now (before exits). */
  readonly chosen: Float64Array;
  /** Per type: 1 when some of its cells hold people who choose now. */
  readonly ofType: Uint8Array;
  /** Per type: the periods left this period of its choosers' temporary status (0: no term held). */
  readonly slot: Int32Array;
  /** The share of this period's entrants who will choose next period. */
  private share = 0;
  private readonly typeList: Int32Array;
  private nTypes = 0;
  private readonly cellsPerType: number;
  /** Skill bins and age bands (the last, retired, included) of the cohorts. */
  private readonly B: number;
  private readonly A: number;

  constructor(cohorts: Cohorts) {
    this.cellsPerType = cohorts.cellsPerType;
    this.B = cohorts.B;
    this.A = cohorts.A;
    this.chosen = new Float64Array(cohorts.types * cohorts.cellsPerType);
    this.ofType = new Uint8Array(cohorts.types);
    this.slot = new Int32Array(cohorts.types);
    this.typeList = new Int32Array(cohorts.types);
  }

  /** Before the entries of a period whose `firstJobChoice` is `share`: forgets the previous period's choosers. */
  begin(share: number): void {
    const { chosen, ofType, typeList, cellsPerType } = this;
    for (let i = 0; i < this.nTypes; i++) {
      const type = typeList[i];
      chosen.fill(0, type * cellsPerType, (type + 1) * cellsPerType);
      ofType[type] = 0;
      this.slot[type] = 0;
    }
    this.nTypes = 0;
    this.share = Math.max(share, 0);
  }

  /** Whether this period's entrants choose next period (`firstJobChoice` > 0). */
  get active(): boolean {
    return this.share > 0;
  }

  /**
   * `people` entering cell k of `type`, of whom the share `firstJobChoice` chooses next period;
   * `term` is the term of their temporary status in periods (0: none), 1 = it ends next period, when
   * they take the forced decision instead.
   */
  enter(type: number, k: number, people: number, term: number): void {
    if (!(this.share > 0) || !(people > 0) || term === 1) return;
    if (!this.ofType[type]) {
      this.ofType[type] = 1;
      this.typeList[this.nTypes++] = type;
      // One period from now the status has term − 1 periods left.
      this.slot[type] = term > 1 ? term - 1 : 0;
    }
    this.chosen[k] += people * this.share;
  }

  /** The choosers of a type per working age band, summed over the skill bins, into `out` (before exits). */
  sumByBand(type: number, out: Float64Array): void {
    const { B, A } = this;
    out.fill(0);
    for (let b = 0; b < B; b++) {
      const base = (type * B + b) * A;
      for (let a = 0; a < out.length; a++) out[a] += this.chosen[base + a];
    }
  }
}
