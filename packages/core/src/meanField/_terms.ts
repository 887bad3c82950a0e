/**
 * The terms of temporary statuses in the mean-field projection (docs/model.md 3.3.9): how much of
 * each temporary type's people, per age band, has how many periods left before its status expires.
 * @internal
 * @module
 */
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodTables } from "../kernel/_tables";
import type { Cohorts } from "./_cohorts";

/** The longest term in periods that any rule of the scenario or of its policies grants. */
export function longestTerm(cs: CompiledScenario): number {
  const s = cs.scenario;
  const ppy = s.periodsPerYear;
  let longest = 0;
  const see = (rule: { duration?: number } | undefined) => {
    if (rule?.duration) longest = Math.max(longest, Math.round(rule.duration * ppy));
  };
  for (const rules of Object.values(s.visas)) for (const rule of Object.values(rules)) see(rule);
  for (const p of s.policies) if (p.kind === "visaRegime") see(p.rule);
  return longest;
}

/**
 * Periods left of the temporary statuses with a term, per (type, age band): slot l of
 * (type · A + a) holds the people of that type and band whose status expires l periods after the
 * start of the current period (slot 0: this period). Temporary people without a term are not
 * held here. The projection assumes that within a (type, band) the periods left are independent
 * of skill: exits, looking around, choices and status changes do not depend on them, so each
 * takes the same share of every slot.
 *
 * Each period: the decision reads the share expiring per band ({@link beginType}), records what
 * it keeps and where movers go ({@link keep}, {@link arrive}); {@link apply} then updates the
 * slots; ageing, entrants and {@link shift} follow the cohorts'.
 */
export class StatusTerms {
  /** Slots per (type, band): the longest term + 1. */
  readonly S: number;
  /** People per (type, band, periods left). */
  readonly left: Float64Array;
  /** This period's arrivals per (type, band, periods left), added by {@link apply}. */
  private readonly arrivals: Float64Array;
  /** Per (type, band): the share of the people not expiring this period who stay in the type. */
  private readonly kept: Float64Array;
  /** Per (type, band): the people renewed this period, whose new term starts now. */
  private readonly renewed: Float64Array;
  /** Per (type, band): 1 once the decision recorded the type this period. */
  private readonly seen: Uint8Array;
  /**
   * Per (type, band): what the slot of the type's first-job choosers gains besides the share
   * `kept` of its people (their own kept people less that share of them), and that slot.
   */
  private readonly freshAdd: Float64Array;
  private readonly freshSlot: Int32Array;
  /** Per band of the type being decided: people before exits, expiring, and not expiring. */
  private readonly before: Float64Array;
  private readonly notExpiring: Float64Array;
  private readonly keptMass: Float64Array;
  private readonly renewedMass: Float64Array;
  /**
   * Per band of the type being decided: its first-job choosers (before exits, all in slot
   * `slot`, docs/model.md 3.3.12) and those of them it keeps; `slot` 0: none.
   */
  private readonly fresh: Float64Array;
  private readonly freshKeptMass: Float64Array;
  private slot = 0;
  private readonly cohorts: Cohorts;
  private type = -1;

  constructor(cohorts: Cohorts, longest: number) {
    this.cohorts = cohorts;
    this.S = longest + 1;
    const cells = cohorts.types * cohorts.A;
    this.left = new Float64Array(cells * this.S);
    this.arrivals = new Float64Array(cells * this.S);
    this.kept = new Float64Array(cells);
    this.renewed = new Float64Array(cells);
    this.seen = new Uint8Array(cells);
    this.before = new Float64Array(cohorts.A);
    this.notExpiring = new Float64Array(cohorts.A);
    this.keptMass = new Float64Array(cohorts.A);
    this.renewedMass = new Float64Array(cohorts.A);
    this.freshAdd = new Float64Array(cells);
    this.freshSlot = new Int32Array(cells);
    this.fresh = new Float64Array(cohorts.A);
    this.freshKeptMass = new Float64Array(cohorts.A);
  }

  /** The people of (type, band) over the skill bins, but graduates waiting for a lottery (they hold no term here). */
  private bandMass(type: number, a: number): number {
    const { B, A, mass, graduates } = this.cohorts;
    let m = 0;
    for (let b = 0; b < B; b++) m += mass[(type * B + b) * A + a];
    return graduates && graduates.ofType[type] >= 0 ? m - graduates.bandMass(type, a) : m;
  }

  /**
   * The initial population's statuses with a term expire evenly over its first term: in each of
   * the periods 1..term with equal shares (the engine's uniform phase, docs/model.md 3.1).
   */
  phaseInitial(tables: PeriodTables): void {
    const { nLive, liveList, tTemp, tC, tR, A, R } = this.cohorts;
    for (let li = 0; li < nLive; li++) {
      const type = liveList[li];
      if (!tTemp[type]) continue;
      const term = tables.expiryPeriods[tC[type] * R + tR[type]];
      if (term <= 0) continue;
      for (let a = 0; a < A; a++) {
        const m = this.bandMass(type, a) / term;
        const o = (type * A + a) * this.S;
        for (let l = 1; l <= term; l++) this.left[o + l] = m;
      }
    }
  }

  /**
   * Starts the decision of a temporary type: writes into `expiring` the share of each band whose
   * status expires this period (0 where none does). `fresh` (per band, before exits), if given,
   * are the type's first-job choosers, whose status has `slot` ≥ 1 periods left: `expiring` is
   * then the share of the band's other people.
   */
  beginType(type: number, expiring: Float64Array, fresh?: Float64Array, slot = 0): void {
    const { A, working } = this.cohorts;
    this.type = type;
    this.slot = fresh && slot > 0 ? slot : 0;
    for (let a = 0; a < A; a++) {
      const x = this.slot > 0 && a < working ? Math.min(fresh![a], this.left[(type * A + a) * this.S + slot]) : 0;
      const m = this.bandMass(type, a) - x;
      const ending = this.left[(type * A + a) * this.S];
      this.fresh[a] = x;
      this.freshKeptMass[a] = 0;
      this.before[a] = m;
      this.notExpiring[a] = m - ending;
      this.keptMass[a] = 0;
      this.renewedMass[a] = 0;
      if (a < working) expiring[a] = m > 0 ? Math.min(1, ending / m) : 0;
    }
  }

  /**
   * People of band a of the type being decided who stay in it: not expiring (first-job choosers
   * excluded), renewed, and of its first-job choosers.
   */
  keep(a: number, notExpiring: number, renewed: number, fresh = 0): void {
    this.keptMass[a] += notExpiring;
    this.renewedMass[a] += renewed;
    this.freshKeptMass[a] += fresh;
  }

  /** Ends the decision of the type: what it keeps of each band is applied by {@link apply}. */
  endType(): void {
    const { A } = this.cohorts;
    const type = this.type;
    for (let a = 0; a < A; a++) {
      const cell = type * A + a;
      const kept = (this.kept[cell] = this.notExpiring[a] > 0 ? this.keptMass[a] / this.notExpiring[a] : 0);
      this.renewed[cell] = this.renewedMass[a];
      this.seen[cell] = 1;
      // The choosers' slot also holds them: scaled by `kept` with the rest, then set to those kept.
      if (this.fresh[a] > 0) {
        this.freshAdd[cell] = this.freshKeptMass[a] - this.fresh[a] * kept;
        this.freshSlot[cell] = this.slot;
      }
    }
  }

  /**
   * People of band a arriving in temporary type `dest`: a move within the country keeps the
   * status and its periods left (those of `fresh` of them, first-job choosers, their own; the
   * others' distributed as the not-expiring people of the origin type but its choosers); any
   * other arrival starts a term of `term` periods (none if 0).
   */
  arrive(dest: number, a: number, people: number, keepsStatus: boolean, term: number, fresh = 0): void {
    const S = this.S;
    const to = (dest * this.cohorts.A + a) * S;
    if (!keepsStatus) {
      if (term > 0) this.arrivals[to + term] += people;
      return;
    }
    const x = this.fresh[a];
    if (x > 0 && fresh > 0) this.arrivals[to + this.slot] += Math.min(fresh, people);
    const others = x > 0 ? Math.max(0, people - fresh) : people;
    const n = this.notExpiring[a];
    if (!(n > 0) || !(others > 0)) return;
    const from = (this.type * this.cohorts.A + a) * S;
    const f = others / n;
    for (let l = 1; l < S; l++) this.arrivals[to + l] += this.left[from + l] * f;
    if (x > 0) this.arrivals[to + this.slot] -= x * f;
  }

  /**
   * People moved into cell `cell` (a type's cell: type × cellsPerType + bin × A + band) by a capped
   * program after the decision: if the type holds a temporary status, they start a term of `term`
   * periods (none if 0), as any arrival from another country.
   */
  arriveInCell(cell: number, people: number, term: number): void {
    const { A, cellsPerType, tTemp } = this.cohorts;
    const type = Math.floor(cell / cellsPerType);
    if (!(people > 0) || !(term > 0) || !tTemp[type]) return;
    const a = (cell - type * cellsPerType) % A;
    this.arrivals[(type * A + a) * this.S + term] += people;
  }

  /**
   * After the decision: each decided type keeps its share of the slots that did not expire, its
   * renewed people start a new term, and the arrivals join. `expiryPeriods` are the period's terms.
   */
  apply(expiryPeriods: Int32Array): void {
    const { A, R, tC, tR } = this.cohorts;
    const { S, left, arrivals, kept, renewed, seen, freshAdd } = this;
    for (let cell = 0; cell < seen.length; cell++) {
      const o = cell * S;
      if (seen[cell]) {
        left[o] = 0;
        const k = kept[cell];
        for (let l = 1; l < S; l++) left[o + l] *= k;
        const type = Math.floor(cell / A);
        const term = expiryPeriods[tC[type] * R + tR[type]];
        if (term > 0) left[o + term] += renewed[cell];
        seen[cell] = 0;
        if (freshAdd[cell] !== 0) {
          const l = o + this.freshSlot[cell];
          left[l] = Math.max(0, left[l] + freshAdd[cell]);
          freshAdd[cell] = 0;
        }
      }
      for (let l = 0; l < S; l++) {
        if (arrivals[o + l] === 0) continue;
        left[o + l] += arrivals[o + l];
        arrivals[o + l] = 0;
      }
    }
  }

  /** Ageing: the share `ageOut[a]` of each band's slots moves to the next band, as the cohorts do. */
  age(): void {
    const { nLive, liveList, A } = this.cohorts;
    const ageOut = this.cohorts.bands.ageOut;
    const { S, left } = this;
    for (let li = 0; li < nLive; li++) {
      const base = liveList[li] * A;
      for (let a = A - 2; a >= 0; a--) {
        const f = ageOut[a];
        const o = (base + a) * S;
        for (let l = 0; l < S; l++) {
          const m = left[o + l];
          if (m === 0) continue;
          left[o + S + l] += m * f;
          left[o + l] = m * (1 - f);
        }
      }
    }
  }

  /** `people` of band a of a temporary type who start a term of `term` periods now (after {@link apply}). */
  startTerm(type: number, a: number, people: number, term: number): void {
    this.left[(type * this.cohorts.A + a) * this.S + term] += people;
  }

  /** Entrants of a temporary type: `people` over the bands by `ages`, at the start of a term. */
  enter(type: number, people: number, ages: readonly number[], term: number): void {
    if (term <= 0) return;
    const { A } = this.cohorts;
    for (let a = 0; a < A; a++) if (ages[a] > 0) this.left[(type * A + a) * this.S + term] += people * ages[a];
  }

  /** The end of the period: every status is one period closer to its expiry. */
  shift(): void {
    const { nLive, liveList, A } = this.cohorts;
    const { S, left } = this;
    for (let li = 0; li < nLive; li++) {
      for (let o = liveList[li] * A * S, end = o + A * S; o < end; o += S) {
        left.copyWithin(o, o + 1, o + S);
        left[o + S - 1] = 0;
      }
    }
  }
}
