/**
 * Capped programs (open work permits, exchange places) in the mean-field projection.
 * @internal
 * @module
 */
import type { CompiledScenario } from "../kernel/_compile";
import { programChanceAfter, type Program } from "../kernel/_period";
import type { MarketState } from "../kernel/_tables";
import type { PeriodCounts } from "../engine/_periodCounts";
import type { Cohorts } from "./_cohorts";

/** Where one applicant cohort goes: cells (type · B + b) · A + a of {@link Cohorts}. */
export interface ProgramApplicant {
  readonly program: number;
  /** People who applied, and their mean skill. */
  readonly people: number;
  readonly skill: number;
  /** The cell they came from, and the cell of its permanent status (-1: they hold none to gain). */
  readonly from: number;
  readonly fromPermanent: number;
  /** This period's chance of the permanent status for those who stay. */
  readonly permanent: number;
  /** The cell of those given a place, and of those the rule admits after a program refused them. */
  readonly placed: number;
  readonly ruled: number;
  /** The rule's chance for those without a place (0: the program is the refused applicants' fallback). */
  readonly fallback: number;
  /** Origin, destination, citizenship and home, for the period's flows. */
  readonly r: number;
  readonly j: number;
  readonly c: number;
  readonly h: number;
}

/** Fields per pending applicant cohort in the float and integer buffers. */
const NF = 4;
const NI = 9;

/**
 * The engine's program mechanics in expectation (docs/model.md 3.3.8). The decision hands each
 * period's applicant cohorts over ({@link ProgramPlaces.apply}) and keeps them out of their cells;
 * after it, {@link ProgramPlaces.resolve} gives each program min(places left, applicants) places
 * pro rata over its applicants (the engine admits a uniformly random subset, so each applicant
 * has the same chance), lets those without a place that tried the program first fall back on the
 * destination's rule, returns the rest to their cells with the status change of those who stay,
 * and sets next period's anticipated chance as the engine does. Places are in people (the
 * kernel opens `places / 1`), and none is rounded to whole agents.
 */
export class ProgramPlaces {
  readonly programs: readonly Program[];
  /** Places given per program and reported year, in people (burn-in is not reported). */
  readonly givenByYear: Float64Array[];
  private readonly cohorts: Cohorts;
  private readonly flows: PeriodCounts;
  private readonly market: MarketState;
  private readonly remaining: Float64Array;
  private readonly regionCountry: ArrayLike<number>;
  private readonly applicants: Float64Array;
  private readonly admittedShare: Float64Array;
  private f = new Float64Array(64 * NF);
  private i = new Int32Array(64 * NI);
  private count = 0;

  constructor(
    cs: CompiledScenario,
    programs: readonly Program[],
    remaining: Float64Array,
    market: MarketState,
    cohorts: Cohorts,
    flows: PeriodCounts,
  ) {
    this.programs = programs;
    this.remaining = remaining;
    this.market = market;
    this.cohorts = cohorts;
    this.flows = flows;
    this.regionCountry = cs.regionCountry;
    this.applicants = new Float64Array(programs.length);
    this.admittedShare = new Float64Array(programs.length);
    this.givenByYear = programs.map(() => new Float64Array(cs.scenario.years));
  }

  /** Program q's anticipated chance of a place this period (the market state of the last allocation). */
  chance(q: number): number {
    return this.market.programChance[q];
  }

  /** A cohort of applicants to a program this period, kept out of its cell until {@link ProgramPlaces.resolve}. */
  apply(a: ProgramApplicant): void {
    if (!(a.people > 0)) return;
    if (this.count * NF === this.f.length) {
      const f = new Float64Array(this.f.length * 2);
      f.set(this.f);
      const i = new Int32Array(this.i.length * 2);
      i.set(this.i);
      this.f = f;
      this.i = i;
    }
    const fo = this.count * NF;
    const io = this.count++ * NI;
    const { f, i } = this;
    f[fo] = a.people;
    f[fo + 1] = a.skill;
    f[fo + 2] = a.permanent;
    f[fo + 3] = a.fallback;
    i[io] = a.program;
    i[io + 1] = a.from;
    i[io + 2] = a.fromPermanent;
    i[io + 3] = a.placed;
    i[io + 4] = a.ruled;
    i[io + 5] = a.r;
    i[io + 6] = a.j;
    i[io + 7] = a.c;
    i[io + 8] = a.h;
    this.applicants[a.program] += a.people;
  }

  /**
   * Gives out period t's places (reported period `report`, negative in burn-in, `periodsPerYear`
   * to find its year) and sets next period's anticipated chance of each program.
   */
  resolve(report: number, periodsPerYear: number, expiryPeriods: Int32Array): void {
    const P = this.programs.length;
    if (P === 0) return;
    const { applicants, admittedShare, remaining, f, i } = this;
    const { dMass, dZ, live, cellsPerType } = this.cohorts;
    for (let q = 0; q < P; q++) {
      const admitted = Math.min(Math.max(0, remaining[q]), applicants[q]);
      admittedShare[q] = applicants[q] > 0 ? admitted / applicants[q] : 0;
      remaining[q] = Math.max(0, remaining[q] - admitted);
      if (report >= 0) this.givenByYear[q][Math.floor(report / periodsPerYear)] += admitted;
    }
    for (let k = 0; k < this.count; k++) {
      const fo = k * NF;
      const io = k * NI;
      const people = f[fo];
      const z = f[fo + 1];
      const placed = people * admittedShare[i[io]];
      const ruled = (people - placed) * f[fo + 3];
      const left = people - placed - ruled;
      this.add(i[io + 3], placed, z, cellsPerType, dMass, dZ, live);
      this.add(i[io + 4], ruled, z, cellsPerType, dMass, dZ, live);
      // Admitted from another country: a temporary status starts its term (docs/model.md 3.3.9).
      // Applicants who stay return to their cell below and keep no term in the projection.
      const terms = this.cohorts.terms;
      if (terms) {
        const term = expiryPeriods[i[io + 7] * this.regionCountry.length + i[io + 6]];
        terms.arriveInCell(i[io + 3], placed, term);
        terms.arriveInCell(i[io + 4], ruled, term);
      }
      const perm = i[io + 2] >= 0 ? f[fo + 2] : 0;
      this.add(i[io + 1], left * (1 - perm), z, cellsPerType, dMass, dZ, live);
      if (perm > 0) this.add(i[io + 2], left * perm, z, cellsPerType, dMass, dZ, live);
      this.countMove(i[io + 5], i[io + 6], i[io + 7], i[io + 8], placed + ruled);
    }
    for (let q = 0; q < P; q++) this.market.programChance[q] = programChanceAfter(remaining[q], applicants[q]);
    applicants.fill(0);
    this.count = 0;
  }

  private add(
    cell: number,
    m: number,
    z: number,
    cellsPerType: number,
    dMass: Float64Array,
    dZ: Float64Array,
    live: Uint8Array,
  ): void {
    if (!(m > 0)) return;
    dMass[cell] += m;
    dZ[cell] += m * z;
    live[Math.floor(cell / cellsPerType)] = 1;
  }

  /** The flows, admissions and return moves of the people who moved r -> j. */
  private countMove(r: number, j: number, c: number, h: number, moved: number): void {
    if (!(moved > 0)) return;
    const { flows, regionCountry } = this;
    const R = regionCountry.length;
    flows.flows[r * R + j] += moved;
    flows.admissions[j] += moved;
    if (j === h && regionCountry[j] !== regionCountry[r]) flows.returnMoves[c] += moved;
  }
}
