/**
 * Graduates who wait for a lottery in the mean-field projection (docs/model.md 3.3.6, 3.3.12).
 * @internal
 * @module
 */
import type { CompiledScenario } from "../kernel/_compile";
import { typeIndex } from "../kernel/_agentType";
import { freeMover } from "../kernel/_freeMover";
import { wageLevel } from "../kernel/_tables";
import type { PeriodCounts } from "../engine/_periodCounts";
import type { Cohorts } from "./_cohorts";
import type { MarketObservation } from "./_market";

/** Whether some lottery of the scenario has graduates (a graduate status with a term). */
export function hasGraduates(cs: CompiledScenario): boolean {
  return cs.lotteryGraduateTerm.some((term) => term > 0);
}

/**
 * The graduates of the lotteries with `graduates`: entrants of a lottery region who wait in place,
 * with a temporary status, for the lottery of their region. They are people of their cohort cells
 * (temporary type of their citizenship in the region), so stocks, the market and welfare count them;
 * this class holds which part of each cell they are, per (graduate type, skill bin, age band):
 * `pending` by the periods left before the graduate status ends (slot 0: this period), and `won`,
 * the winners waiting for their start. The decision keeps them from looking around and from the
 * permanence hazard, and sends those of slot 0 to the forced decision ({@link Decision}); the draw
 * puts them in the pool ({@link Graduates.pool}, {@link Graduates.win}); winners convert in place at
 * their start ({@link Graduates.convert}). Exits and ageing act on them as on their cells.
 */
export class Graduates {
  /** Per agent type: the graduate type's index, or -1 (a type that cannot hold graduates). */
  readonly ofType: Int32Array;
  /** Per lottery: the period in which its current winners start (-1: none waiting). */
  readonly start: Int32Array;
  /** Slots of `pending` per (graduate type, bin, band): the longest graduate term + 1. */
  private readonly S: number;
  /** Per graduate type: its agent type and lottery. */
  private readonly types: Int32Array;
  private readonly lottery: Int32Array;
  /** People per ((graduate type · B + bin) · A + band) · S + periods left, and per cell who won. */
  private readonly pending: Float64Array;
  private readonly won: Float64Array;
  private readonly cohorts: Cohorts;
  private readonly cs: CompiledScenario;
  private readonly observed: MarketObservation;

  constructor(cs: CompiledScenario, cohorts: Cohorts, observed: MarketObservation) {
    this.cs = cs;
    this.cohorts = cohorts;
    this.observed = observed;
    const { R, C, B, A } = cohorts;
    this.ofType = new Int32Array(cohorts.types).fill(-1);
    const types: number[] = [];
    const lottery: number[] = [];
    let longest = 0;
    for (let j = 0; j < R; j++) {
      const l = cs.regionLottery[j];
      if (l < 0 || !(cs.lotteryGraduateTerm[l] > 0)) continue;
      longest = Math.max(longest, cs.lotteryGraduateTerm[l]);
      for (let c = 0; c < C; c++) {
        if (cs.citizenCountry[c] === cs.regionCountry[j] || freeMover(cs, c, j)) continue;
        for (let g = 0; g < 2; g++)
          for (let res = 0; res < 2; res++) {
            const type = typeIndex(R, c, j, cs.citizenHome[c], 1, g, res);
            this.ofType[type] = types.length;
            types.push(type);
            lottery.push(l);
          }
      }
    }
    this.types = Int32Array.from(types);
    this.lottery = Int32Array.from(lottery);
    this.S = longest + 1;
    this.pending = new Float64Array(types.length * B * A * this.S);
    this.won = new Float64Array(types.length * B * A);
    this.start = new Int32Array(cs.lotteries.length).fill(-1);
  }

  /** The graduates' share of the entrants of citizenship c in region j this period (0: none). */
  shareAt(j: number, c: number, ruleLottery: Int32Array, rulePermanent: Uint8Array): number {
    const cs = this.cs;
    const l = cs.regionLottery[j];
    if (l < 0 || !(cs.lotteryGraduateTerm[l] > 0)) return 0;
    const at = j * cs.citizenships.length + c;
    // Only those who would hold a temporary status under a rule of their region's lottery.
    if (ruleLottery[at] !== l || rulePermanent[at]) return 0;
    const type = typeIndex(cs.regions.length, c, j, cs.citizenHome[c], 1, 0, 0);
    return this.ofType[type] >= 0 ? cs.lotteryGraduateShare[l] : 0;
  }

  /** Entrants of type `type` into skill bin b and band a who are graduates: they wait a full term. */
  enter(type: number, b: number, a: number, people: number): void {
    const g = this.ofType[type];
    const { B, A } = this.cohorts;
    const term = this.cs.lotteryGraduateTerm[this.lottery[g]];
    this.pending[((g * B + b) * A + a) * this.S + term] += people;
  }

  /** Graduates (waiting and winners) of graduate type g in bin b and band a, before this period's exits. */
  inCell(g: number, b: number, a: number): number {
    const cell = (g * this.cohorts.B + b) * this.cohorts.A + a;
    let m = this.won[cell];
    for (let o = cell * this.S, end = o + this.S; o < end; o++) m += this.pending[o];
    return m;
  }

  /** Graduates of graduate type g in bin b and band a whose status ends this period, before exits. */
  ending(g: number, b: number, a: number): number {
    return this.pending[((g * this.cohorts.B + b) * this.cohorts.A + a) * this.S];
  }

  /** Graduates of an agent type in band a over the skill bins (0 for a type without graduates). */
  bandMass(type: number, a: number): number {
    const g = this.ofType[type];
    if (g < 0) return 0;
    let m = 0;
    for (let b = 0; b < this.cohorts.B; b++) m += this.inCell(g, b, a);
    return m;
  }

  /**
   * (3) Lottery l's graduates in this period's pool: those who wait and neither retire nor exit
   * (`stay` = 1 − the exit probability), per wage level (their skill's place in their region's
   * distribution, as an applicant's), added into `pool`.
   */
  pool(l: number, stay: number, pool: Float64Array): void {
    this.each(l, (_g, cell, level) => {
      let m = 0;
      for (let o = cell * this.S, end = o + this.S; o < end; o++) m += this.pending[o];
      pool[level] += m * stay;
    });
  }

  /**
   * (3) The draw of lottery l: the share `levelRate[level]` of every waiting graduate wins and
   * waits for its start in period `start`; the rest stay in the pool. Winners (those who do not
   * exit) are counted in `flows.lotteryWinners`.
   */
  win(l: number, levelRate: Float64Array, stay: number, start: number, flows: PeriodCounts): void {
    const { pending, won, S } = this;
    this.each(l, (g, cell, level) => {
      const rate = levelRate[l * 4 + level];
      let m = 0;
      for (let o = cell * S, end = o + S; o < end; o++) {
        m += pending[o] * rate;
        pending[o] *= 1 - rate;
      }
      won[cell] += m;
      flows.lotteryWinners[this.cohorts.tR[this.types[g]]] += m * stay;
    });
    this.start[l] = start;
  }

  /** Calls `f` for every working cell of lottery l's graduate types that holds people, with its wage level. */
  private each(l: number, f: (g: number, cell: number, level: number) => void): void {
    const { B, A, working, mass, zm, tR } = this.cohorts;
    const { skillMean, skillSd } = this.observed;
    for (let g = 0; g < this.types.length; g++) {
      if (this.lottery[g] !== l) continue;
      const type = this.types[g];
      const j = tR[type];
      for (let b = 0; b < B; b++) {
        for (let a = 0; a < working; a++) {
          const k = (type * B + b) * A + a;
          if (!(mass[k] > 0)) continue;
          const level = wageLevel((zm[k] / mass[k] - skillMean[j]) / skillSd[j]);
          f(g, (g * B + b) * A + a, level);
        }
      }
    }
  }

  /**
   * After the decision: graduates retire and exit as their cells did (`stay` = 1 − the exit
   * probability), and those whose status ended this period have left (the forced decision).
   */
  exit(stay: number): void {
    const { A, working } = this.cohorts;
    const { pending, won, S } = this;
    for (let cell = 0; cell < won.length; cell++) {
      const a = cell % A;
      const o = cell * S;
      if (a >= working) {
        pending.fill(0, o, o + S);
        won[cell] = 0;
        continue;
      }
      pending[o] = 0;
      for (let s = 1; s < S; s++) pending[o + s] *= stay;
      won[cell] *= stay;
    }
  }

  /**
   * (4) Winners whose start is period t convert in place: an admission to their region, with the
   * status of its rule for their citizenship (permanent, or temporary with the rule's term from
   * now, `expiryPeriods`), and from next period the permanence hazard. Call after the status terms
   * were applied; returns whether a type became live.
   */
  convert(t: number, rulePermanent: Uint8Array, expiryPeriods: Int32Array, flows: PeriodCounts): boolean {
    const { B, A, R, C, mass, zm, tC, tR, tH, tG, tRes, live } = this.cohorts;
    const terms = this.cohorts.terms;
    let newType = false;
    for (let g = 0; g < this.types.length; g++) {
      if (this.start[this.lottery[g]] !== t) continue;
      const type = this.types[g];
      const c = tC[type];
      const j = tR[type];
      const permanent = rulePermanent[j * C + c] === 1;
      const to = permanent ? typeIndex(R, c, j, tH[type], 0, tG[type], tRes[type]) : type;
      const term = permanent ? 0 : expiryPeriods[c * R + j];
      for (let b = 0; b < B; b++) {
        for (let a = 0; a < A; a++) {
          const cell = (g * B + b) * A + a;
          const w = this.won[cell];
          if (!(w > 0)) continue;
          this.won[cell] = 0;
          flows.admissions[j] += w;
          if (term > 0) terms?.startTerm(type, a, w, term);
          if (!permanent) continue;
          const k = (type * B + b) * A + a;
          const moved = Math.min(w, mass[k]);
          const z = mass[k] > 0 ? zm[k] / mass[k] : 0;
          const kp = (to * B + b) * A + a;
          mass[kp] += moved;
          zm[kp] += moved * z;
          mass[k] -= moved;
          zm[k] -= moved * z;
        }
      }
      if (permanent && !live[to]) {
        live[to] = 1;
        newType = true;
      }
    }
    return newType;
  }

  /** Ageing: the share `ageOut[a]` of each band's graduates moves to the next band, as the cohorts do. */
  age(): void {
    const { B, A } = this.cohorts;
    const ageOut = this.cohorts.bands.ageOut;
    const { pending, won, S } = this;
    for (let gb = 0; gb < this.types.length * B; gb++) {
      for (let a = A - 2; a >= 0; a--) {
        const f = ageOut[a];
        const cell = gb * A + a;
        won[cell + 1] += won[cell] * f;
        won[cell] *= 1 - f;
        for (let o = cell * S, end = o + S; o < end; o++) {
          const m = pending[o];
          if (m === 0) continue;
          pending[o + S] += m * f;
          pending[o] = m * (1 - f);
        }
      }
    }
  }

  /** The end of the period: every graduate is one period closer to the end of its status. */
  shift(): void {
    const { pending, S } = this;
    for (let o = 0; o < pending.length; o += S) {
      pending.copyWithin(o, o + 1, o + S);
      pending[o + S - 1] = 0;
    }
  }

  /**
   * The graduates of lottery `gi` in band a of skill bin b after exits (`stay`), at most the band's
   * `m`, into `gA[a]`, and those of them whose status ends, into `gE[a]`; returns `gA[a]`.
   */
  afterExits(gi: number, b: number, a: number, m: number, stay: number, gA: Float64Array, gE: Float64Array): number {
    const g = (gA[a] = Math.min(m, this.inCell(gi, b, a) * stay));
    gE[a] = Math.min(g, this.ending(gi, b, a) * stay);
    return g;
  }
}
