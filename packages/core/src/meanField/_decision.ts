/**
 * The decision step of the mean-field projection: exits, the choice, admission and status changes.
 * @internal
 * @module
 */
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodParams } from "../kernel/_period";
import { admissionChance } from "../kernel/_admission";
import { typeIndex } from "../kernel/_agentType";
import { Admit, wageLevel, type PeriodTables } from "../kernel/_tables";
import { bandChoices, ChoiceWorkspace, type BandFactors, type GroupOptions, type QuadratureNodes } from "./_choice";
import type { Cohorts } from "./_cohorts";
import type { PeriodCounts } from "../engine/_periodCounts";
import type { LotteryPools } from "./_lottery";
import type { MarketObservation } from "./_market";
import type { ProgramPlaces } from "./_programs";

/** What the decision reads and writes besides the cohorts. */
export interface DecisionContext {
  readonly cs: CompiledScenario;
  /** The period kernel's parameters (the same buffers every period). */
  readonly params: PeriodParams;
  readonly flows: PeriodCounts;
  readonly lottery: LotteryPools;
  /** Last period's skill mean and SD per region (wage levels of lottery petitions). */
  readonly observed: MarketObservation;
  readonly nodes: QuadratureNodes;
  /** Capped programs: their anticipated chances, and the applicants handed over to them. */
  readonly programs: ProgramPlaces;
}

/**
 * (2, 5, 6) Exits, decisions, admission and status changes, by (type, skill bin) group: the choice
 * shares are evaluated at the group's mean skill (over the bands that choose) and differ between
 * bands only by the age cost; each cell keeps and moves its own mean skill. Moves and status
 * changes go to the cohorts' `dMass`/`dZ`, merged after the step.
 */
export class Decision {
  /** e^(−age term) per band, all bands (welfare reads them too). */
  readonly lambdaAll: Float64Array;
  private readonly cohorts: Cohorts;
  private readonly ctx: DecisionContext;
  // The cohorts' and the period's buffers (allocated once per run), kept here for the inner loops.
  private readonly R: number;
  private readonly working: number;
  private readonly mass: Float64Array;
  private readonly zm: Float64Array;
  private readonly dMass: Float64Array;
  private readonly dZ: Float64Array;
  private readonly on: Uint8Array;
  private readonly flows: PeriodCounts;
  /** lambda and the bands that hold people, of the choosing bands. */
  private readonly bands: BandFactors;
  private readonly group: GroupOptions;
  private readonly work: ChoiceWorkspace;
  /** Choice shares per (band, option of the group): a * m + q. */
  private readonly shares: Float64Array;
  /**
   * Destination region of each option of the group, its anticipated admission probability per
   * region, and the rule's own chance per region (without a program's place).
   */
  private readonly which: Int32Array;
  private readonly piBar: Float64Array;
  private readonly piRule: Float64Array;
  /** The first cell of the destination type per region, and the destination type, of the current type. */
  private readonly dest: Int32Array;
  private readonly destType: Int32Array;
  /** Per band: people who stay after exits (then after moves), their skill, those who look around. */
  private readonly mA: Float64Array;
  private readonly zA: Float64Array;
  private readonly lookA: Float64Array;
  private tables: PeriodTables | undefined;
  // The type being decided: citizenship, region, home, row of the tables, stay utility and slope.
  private type = 0;
  private c = 0;
  private r = 0;
  private h = 0;
  private row = 0;
  private stayT = 0;
  private stayBetaSigma = 0;
  /** The type's chance of a permanent status this period, and the first cell of that type (temporary types). */
  private permanent = 0;
  private permBase = -1;
  /** Sum of the skill of the current group's people before exits. */
  private groupSkill = 0;

  constructor(cohorts: Cohorts, ctx: DecisionContext) {
    const { R, working } = cohorts;
    this.cohorts = cohorts;
    this.ctx = ctx;
    this.R = R;
    this.working = working;
    this.mass = cohorts.mass;
    this.zm = cohorts.zm;
    this.dMass = cohorts.dMass;
    this.dZ = cohorts.dZ;
    this.flows = ctx.flows;
    this.lambdaAll = new Float64Array(cohorts.A);
    this.on = new Uint8Array(working);
    this.bands = { lambda: new Float64Array(working), on: this.on };
    this.group = { e: new Float64Array(R), bk: new Float64Array(R), m: 0, allSure: true };
    this.work = new ChoiceWorkspace(ctx.nodes, R);
    this.shares = new Float64Array(working * R);
    this.which = new Int32Array(R);
    this.piBar = new Float64Array(R);
    this.piRule = new Float64Array(R);
    this.dest = new Int32Array(R);
    this.destType = new Int32Array(R);
    this.mA = new Float64Array(working);
    this.zA = new Float64Array(working);
    this.lookA = new Float64Array(working);
  }

  /** Runs the step over the live types with the period's tables and age cost (logit units per year over 30). */
  run(tables: PeriodTables, ageCost: number): void {
    const cohorts = this.cohorts;
    cohorts.bands.ageFactors(ageCost, this.lambdaAll);
    this.bands.lambda.set(this.lambdaAll.subarray(0, cohorts.working));
    this.tables = tables;
    for (let li = 0; li < cohorts.nLive; li++) this.decideType(cohorts.liveList[li], tables);
  }

  private decideType(type: number, tables: PeriodTables): void {
    const { R, B, cellsPerType, tC, tH, tR, tTemp, tG, tRes } = this.cohorts;
    this.type = type;
    const c = (this.c = tC[type]);
    const h = (this.h = tH[type]);
    const r = (this.r = tR[type]);
    const row = (this.row = type * R);
    this.stayT = tables.T[row + r];
    this.stayBetaSigma = tables.betaSigma[r];
    for (let j = 0; j < R; j++) {
      if (j === r) continue;
      const nt = typeIndex(R, c, j, h, tables.moveTemp[row + j], tG[type], tRes[type]);
      this.dest[j] = nt * cellsPerType;
      this.destType[j] = nt;
    }
    const hasPerm = tTemp[type] !== 0;
    this.permanent = hasPerm ? tables.permanence[c * R + r] : 0;
    this.permBase = hasPerm ? typeIndex(R, c, r, h, 0, tG[type], tRes[type]) * cellsPerType : -1;
    for (let b = 0; b < B; b++) this.decideGroup(type, b);
  }

  /** One (type, skill bin) group: retirement, exits, the choice, the moves and the status changes. */
  private decideGroup(type: number, b: number): void {
    const { B, A } = this.cohorts;
    const { working, mass, zm } = this;
    const base = (type * B + b) * A;
    // Retirement: the last band exits at once.
    const kLast = base + working;
    if (mass[kLast] > 1e-12) {
      this.flows.exits[this.r] += mass[kLast];
      mass[kLast] = 0;
      zm[kLast] = 0;
    }
    const M = this.exitAndLook(base);
    if (M <= 0) return;
    const nm = this.groupOptions(this.groupSkill / M);
    if (nm > 0) bandChoices(this.group, this.bands, this.work, this.shares);
    const off = b * A;
    for (let q = 0; q < nm; q++) this.move(q, off);
    this.settle(base, off);
  }

  /**
   * Exits; the people who stay, look around, and their skill, per band. Returns the group's people
   * before exits, and leaves the sum of their skill in `groupSkill` (the group's mean skill is the ratio).
   */
  private exitAndLook(base: number): number {
    const { working, mass, zm, on, mA, zA, lookA, r } = this;
    const { exitProbability: pExit, considerProbability: pConsider } = this.tables!;
    const exits = this.flows.exits;
    let M = 0;
    let Z = 0;
    for (let a = 0; a < working; a++) {
      const k = base + a;
      const m0 = mass[k];
      if (!(m0 > 1e-12)) {
        on[a] = 0;
        continue;
      }
      M += m0;
      Z += zm[k];
      const out = m0 * pExit;
      exits[r] += out;
      const m = m0 - out;
      zA[a] = zm[k] / m0;
      if (m <= 0) {
        mass[k] = 0;
        zm[k] = 0;
        on[a] = 0;
        continue;
      }
      on[a] = 1;
      mA[a] = m;
      lookA[a] = m * pConsider;
    }
    this.groupSkill = Z;
    return M;
  }

  /** The options of the group at its mean skill `zbar`: e_k, 1 − pi_k and the destinations; returns their number. */
  private groupOptions(zbar: number): number {
    const { R, c, r, row, stayT, stayBetaSigma } = this;
    const tables = this.tables!;
    const { T, betaSigma, admit: admitT, program: programT } = tables;
    const { e, bk } = this.group;
    const { piBar, piRule, which } = this;
    let nm = 0;
    let allSure = true;
    for (let j = 0; j < R; j++) {
      if (j === r) continue;
      const at = row + j;
      const admit = admitT[at];
      if (admit === Admit.Closed) continue;
      let pi = admissionChance(tables, admit, at, c * R + j, zbar);
      piRule[j] = pi;
      // A program's place is anticipated as the engine does (docs/model.md 3.3.4).
      const program = programT[at];
      if (program >= 0 && pi < 1) pi += (1 - pi) * this.ctx.programs.chance(program);
      piBar[j] = pi;
      if (!(pi > 0)) continue;
      const ek = pi * Math.exp(T[at] - stayT + (betaSigma[j] - stayBetaSigma) * zbar);
      if (!(ek > 0)) continue;
      e[nm] = ek;
      bk[nm] = 1 - Math.min(1, pi);
      which[nm++] = j;
      if (pi < 1) allSure = false;
    }
    this.group.m = nm;
    this.group.allSure = allSure;
    return nm;
  }

  /** The moves to the group's option q over the bands; `off` is the group's first cell within a type. */
  private move(q: number, off: number): void {
    const { R, flows, c, r, h } = this;
    const j = this.which[q];
    const admit = this.tables!.admit[this.row + j];
    const dk = this.dest[j] + off;
    const program = this.tables!.program[this.row + j];
    const movedSum =
      admit === Admit.Lottery
        ? this.moveByLottery(q, j, dk)
        : admit === Admit.Draw && program >= 0
          ? this.moveByProgram(q, j, dk, off, program)
          : this.moveAdmitted(q, j, dk, admit);
    if (movedSum > 0) {
      this.cohorts.live[this.destType[j]] = 1;
      flows.flows[r * R + j] += movedSum;
      const regionCountry = this.ctx.cs.regionCountry;
      if (j === h && regionCountry[j] !== regionCountry[r]) flows.returnMoves[c] += movedSum;
    }
  }

  /** Petitions to lottery destination j, filed by wage level; the winners move at once. Returns the people moved. */
  private moveByLottery(q: number, j: number, dk: number): number {
    const { R, working, dMass, dZ, on, flows, shares, mA, zA, lookA } = this;
    const { lottery, observed } = this.ctx;
    const { pool, poolRegion, levelRate } = lottery;
    const nm = this.group.m;
    const l = this.ctx.params.ruleLottery[j * this.cohorts.C + this.c];
    const fee = this.tables!.petition[this.row + j];
    const mean = observed.skillMean[j];
    const inv = 1 / observed.skillSd[j];
    let tried = 0;
    let movedSum = 0;
    for (let a = 0; a < working; a++) {
      if (!on[a]) continue;
      const p = shares[a * nm + q];
      if (!(p > 0)) continue;
      const trying = lookA[a] * p;
      tried += trying;
      const filed = trying * fee;
      const z = zA[a];
      const score = (z - mean) * inv;
      const lev = wageLevel(score);
      pool[l * 4 + lev] += filed;
      poolRegion[(l * 4 + lev) * R + j] += filed;
      flows.lotteryEntrants[j] += filed;
      const moved = filed * levelRate[l * 4 + lev];
      if (moved <= 0) continue;
      movedSum += moved;
      dMass[dk + a] += moved;
      dZ[dk + a] += moved * z;
      mA[a] -= moved;
    }
    flows.applications[j] += tried;
    flows.admissions[j] += movedSum;
    return movedSum;
  }

  /** Moves to j admitted at once (no admission) or by the rule's draw. Returns the people moved. */
  private moveAdmitted(q: number, j: number, dk: number, admit: number): number {
    const { working, dMass, dZ, on, shares, mA, zA, lookA } = this;
    const nm = this.group.m;
    const factor = admit === Admit.Draw ? this.piRule[j] : 1;
    let tried = 0;
    let movedSum = 0;
    for (let a = 0; a < working; a++) {
      if (!on[a]) continue;
      const p = shares[a * nm + q];
      if (!(p > 0)) continue;
      const trying = lookA[a] * p;
      tried += trying;
      const moved = trying * factor;
      if (moved <= 0) continue;
      movedSum += moved;
      dMass[dk + a] += moved;
      dZ[dk + a] += moved * zA[a];
      mA[a] -= moved;
    }
    if (admit === Admit.Draw) {
      this.flows.applications[j] += tried;
      this.flows.admissions[j] += movedSum;
    }
    return movedSum;
  }

  /**
   * Applicants to j under a draw rule with capped program `program` (docs/model.md 3.3.8): those
   * who try the program first are all handed over to it, with the rule's chance as their fallback;
   * otherwise the rule admits its share at once and hands the refused over. The program's places
   * are given after the decision ({@link ProgramPlaces.resolve}). Returns the people moved now.
   */
  private moveByProgram(q: number, j: number, dk: number, off: number, program: number): number {
    const { working, dMass, dZ, on, shares, mA, zA, lookA, c, r, h } = this;
    const { cellsPerType, tG, tRes, R } = this.cohorts;
    const places = this.ctx.programs;
    const p = places.programs[program];
    const nm = this.group.m;
    const rule = this.piRule[j];
    const first = p.fallsBackToRule;
    const placedBase = p.permanent ? typeIndex(R, c, j, h, 0, tG[this.type], tRes[this.type]) * cellsPerType + off : dk;
    const from = this.type * cellsPerType + off;
    let tried = 0;
    let movedSum = 0;
    for (let a = 0; a < working; a++) {
      if (!on[a]) continue;
      const share = shares[a * nm + q];
      if (!(share > 0)) continue;
      const trying = lookA[a] * share;
      tried += trying;
      const moved = first ? 0 : trying * rule;
      if (moved > 0) {
        movedSum += moved;
        dMass[dk + a] += moved;
        dZ[dk + a] += moved * zA[a];
      }
      const people = trying - moved;
      mA[a] -= trying;
      places.apply({
        program,
        people,
        skill: zA[a],
        from: from + a,
        fromPermanent: this.permBase >= 0 ? this.permBase + off + a : -1,
        permanent: this.permanent,
        placed: placedBase + a,
        ruled: dk + a,
        fallback: first ? rule : 0,
        r,
        j,
        c,
        h,
      });
    }
    this.flows.applications[j] += tried;
    this.flows.admissions[j] += movedSum;
    return movedSum;
  }

  /** (6) Status changes of those who did not move; the rest stay in their cells. */
  private settle(base: number, off: number): void {
    const { working, mass, zm, dMass, dZ, on, permanent, permBase, mA, zA } = this;
    const hasPerm = permBase >= 0;
    for (let a = 0; a < working; a++) {
      if (!on[a]) continue;
      const k = base + a;
      let m = mA[a];
      const z = zA[a];
      if (hasPerm) {
        const nk = permBase + off + a;
        dMass[nk] += m * permanent;
        dZ[nk] += m * permanent * z;
        m *= 1 - permanent;
      }
      mass[k] = m;
      zm[k] = m * z;
    }
    if (hasPerm) this.cohorts.live[permBase / this.cohorts.cellsPerType] = 1;
  }
}
