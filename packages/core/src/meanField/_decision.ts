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
import { forcedOptions } from "./_forcedOptions";
import { countNests, nestedBandChoices, NestedWorkspace, type GroupNests } from "./_nestedChoice";
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
  /**
   * Nests (docs/model.md 3.3.4): each region's nest this period (−1: none, or lambda 1), the
   * group's options' nests, the scratch of the nested choice, and per nest the number of the
   * group's options (staying included) in it.
   */
  private readonly regionNest: Int32Array;
  private readonly nests: GroupNests;
  private readonly nestWork: NestedWorkspace;
  private readonly nestCount: Int32Array;
  /** Does the current group have two options (staying included) in one nest of lambda < 1? */
  private nestedGroup = false;
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
  /** Sum of the skill of the current group's people before exits, and their mean skill. */
  private groupSkill = 0;
  private zbar = 0;
  /** Whether the type holds temporary statuses with terms (docs/model.md 3.3.9), and its renewal chance. */
  private withTerms = false;
  private renewal = 0;
  /** Per band: the share whose status expires this period, and those people after exits. */
  private readonly expiring: Float64Array;
  private readonly eA: Float64Array;
  /** The type's graduate type (−1: none), per band its graduates after exits and those whose status ends. */
  private gi = -1;
  private readonly gA: Float64Array;
  private readonly gE: Float64Array;
  /** The forced choice at expiry: its options, one band (no age cost differs), shares, chances. */
  private readonly forcedGroup: GroupOptions;
  private readonly oneBand: BandFactors;
  private readonly forcedShares: Float64Array;
  private readonly forcedWhich: Int32Array;
  private readonly forcedPi: Float64Array;
  /**
   * Does the type hold last period's first-job choosers (docs/model.md 3.3.12), their periods left
   * apart in the terms? Per band: the type's (before exits); the group's after exits, all its
   * people before the moves, and those the choice moved.
   */
  private fresh = false;
  private freshTerms = false;
  private readonly freshBand: Float64Array;
  private readonly xA: Float64Array;
  private readonly startA: Float64Array;
  private readonly movedA: Float64Array;

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
    const N = ctx.cs.nests.length;
    this.regionNest = new Int32Array(R).fill(-1);
    this.nests = { optionNest: new Int32Array(R), stayNest: -1, lambda: new Float64Array(N) };
    this.nestWork = new NestedWorkspace(N, R, ctx.nodes.x.length);
    this.nestCount = new Int32Array(N);
    this.shares = new Float64Array(working * R);
    this.which = new Int32Array(R);
    this.piBar = new Float64Array(R);
    this.piRule = new Float64Array(R);
    this.dest = new Int32Array(R);
    this.destType = new Int32Array(R);
    this.mA = new Float64Array(working);
    this.zA = new Float64Array(working);
    this.lookA = new Float64Array(working);
    this.expiring = new Float64Array(working);
    this.eA = new Float64Array(working);
    this.gA = new Float64Array(working);
    this.gE = new Float64Array(working);
    this.forcedGroup = { e: new Float64Array(R), bk: new Float64Array(R), m: 0, allSure: true };
    this.oneBand = { lambda: Float64Array.of(1), on: Uint8Array.of(1) };
    this.forcedShares = new Float64Array(R);
    this.forcedWhich = new Int32Array(R);
    this.forcedPi = new Float64Array(R);
    this.freshBand = new Float64Array(working);
    this.xA = new Float64Array(working);
    this.startA = new Float64Array(working);
    this.movedA = new Float64Array(working);
  }

  /** Runs the step over the live types with the period's tables and age cost (logit units per year over 30). */
  run(tables: PeriodTables, ageCost: number): void {
    const cohorts = this.cohorts;
    cohorts.bands.ageFactors(ageCost, this.lambdaAll);
    this.bands.lambda.set(this.lambdaAll.subarray(0, cohorts.working));
    this.tables = tables;
    const { cs, params } = this.ctx;
    const lambda = this.nests.lambda;
    for (let n = 0; n < lambda.length; n++) lambda[n] = params.vec[cs.off.nestLambda + n];
    for (let j = 0; j < this.R; j++) {
      const n = cs.nestOf[j];
      this.regionNest[j] = n >= 0 && lambda[n] < 1 ? n : -1;
    }
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
    this.nests.stayNest = this.regionNest[r];
    for (let j = 0; j < R; j++) {
      if (j === r) continue;
      const nt = typeIndex(R, c, j, h, tables.moveTemp[row + j], tG[type], tRes[type]);
      this.dest[j] = nt * cellsPerType;
      this.destType[j] = nt;
    }
    const hasPerm = tTemp[type] !== 0;
    this.permanent = hasPerm ? tables.permanence[c * R + r] : 0;
    this.permBase = hasPerm ? typeIndex(R, c, r, h, 0, tG[type], tRes[type]) * cellsPerType : -1;
    const terms = this.cohorts.terms;
    this.withTerms = hasPerm && terms !== undefined;
    this.gi = this.cohorts.graduates?.ofType[type] ?? -1;
    this.renewal = 0;
    const firstJobs = this.cohorts.firstJobs;
    this.fresh = firstJobs !== undefined && firstJobs.ofType[type] === 1;
    this.freshTerms = this.fresh && this.withTerms && firstJobs!.slot[type] > 0;
    if (this.fresh) firstJobs!.sumByBand(type, this.freshBand);
    if (this.withTerms) {
      if (this.freshTerms) terms!.beginType(type, this.expiring, this.freshBand, firstJobs!.slot[type]);
      else terms!.beginType(type, this.expiring);
      this.renewal = tables.renewal[c * R + r];
    }
    for (let b = 0; b < B; b++) this.decideGroup(type, b);
    if (this.withTerms) terms!.endType();
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
    const M = this.exitAndLook(base, b);
    if (M <= 0) return;
    this.zbar = this.groupSkill / M;
    const nm = this.groupOptions(this.zbar);
    if (nm > 0 && this.nestedGroup)
      nestedBandChoices(this.group, this.nests, this.bands, this.ctx.nodes, this.nestWork, this.shares);
    else if (nm > 0) bandChoices(this.group, this.bands, this.work, this.shares);
    const off = b * A;
    for (let q = 0; q < nm; q++) this.move(q, off);
    if (this.fresh) for (let a = 0; a < working; a++) this.movedA[a] = this.on[a] ? this.startA[a] - this.mA[a] : 0;
    if (this.withTerms || this.gi >= 0) this.forced(off);
    this.settle(base, off);
  }

  /**
   * Exits; the people who stay, look around, and their skill, per band. Returns the group's people
   * before exits, and leaves the sum of their skill in `groupSkill` (the group's mean skill is the ratio).
   */
  private exitAndLook(base: number, b: number): number {
    const { working, mass, zm, on, mA, zA, lookA, r, gi } = this;
    const { exitProbability: pExit, considerProbability: pConsider } = this.tables!;
    const exits = this.flows.exits;
    let M = 0;
    let Z = 0;
    for (let a = 0; a < working; a++) {
      const k = base + a;
      const m0 = mass[k];
      this.eA[a] = 0;
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
      // Graduates wait for their lottery (their status's end is theirs, not the type's terms).
      const free = gi >= 0 ? m - this.cohorts.graduates!.afterExits(gi, b, a, m, 1 - pExit, this.gA, this.gE) : m;
      if (this.fresh) {
        // Last period's entrants who choose their first job look around now; their status does
        // not end (docs/model.md 3.3.12).
        const x = Math.min(free, this.cohorts.firstJobs!.chosen[k] * (1 - pExit));
        const others = free - x;
        const ending = this.withTerms ? others * this.expiring[a] : 0;
        this.eA[a] = ending;
        this.xA[a] = x;
        this.startA[a] = m;
        lookA[a] = (others - ending) * pConsider + x;
      } else if (this.withTerms) {
        // Those whose status expires take the forced decision instead of looking around.
        const ending = free * this.expiring[a];
        this.eA[a] = ending;
        lookA[a] = (free - ending) * pConsider;
      } else {
        lookA[a] = free * pConsider;
      }
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
    this.nestedGroup = countNests(this.regionNest, this.nestCount, this.nests, this.which, nm);
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
      this.startTerm(j, a, moved);
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
      this.startTerm(j, a, moved);
    }
    if (admit === Admit.Draw) {
      this.flows.applications[j] += tried;
      this.flows.admissions[j] += movedSum;
    }
    return movedSum;
  }

  /**
   * The periods left of `people` of band a who moved to region j: a move within the country keeps
   * a temporary status and its term; a move that grants one starts the destination's term.
   */
  private startTerm(j: number, a: number, people: number): void {
    const terms = this.cohorts.terms;
    const dest = this.destType[j];
    if (terms === undefined || !this.cohorts.tTemp[dest]) return;
    const regionCountry = this.ctx.cs.regionCountry;
    const keepsStatus = this.withTerms && regionCountry[j] === regionCountry[this.r];
    // First-job choosers are the share x / lookA of the lookers; they keep their own periods left.
    const fresh = this.freshTerms && this.lookA[a] > 0 ? (people * this.xA[a]) / this.lookA[a] : 0;
    terms.arrive(dest, a, people, keepsStatus, this.tables!.expiryPeriods[this.c * this.R + j], fresh);
  }

  /**
   * (5) The holders whose status expires this period (docs/model.md 3.3.9): the share `renewal`
   * keeps it for another term; the others choose among the regions of other countries, with going
   * home in the place of staying (a lottery and programs are not open to them), and go home if
   * refused. The choice is the anticipated-admission rule at the group's mean skill; every option
   * is a move, so the age cost cancels and one band serves all.
   */
  private forced(off: number): void {
    const { working, eA, mA, on, R, c, r, h, row, gE } = this;
    const withGraduates = this.gi >= 0;
    let any = false;
    for (let a = 0; a < working; a++) if (on[a] && (eA[a] > 0 || (withGraduates && gE[a] > 0))) any = true;
    if (!any) return;
    const { tables, forcedGroup: group, forcedWhich: which, forcedPi: pis, forcedShares: shares } = this;
    const who = { R, c, r, h, row, zbar: this.zbar };
    const nm = forcedOptions(tables!, this.ctx.cs.regionCountry, who, group, which, pis);
    const admitT = tables!.admit;
    // The nests of the forced choice: home in the place of staying.
    this.nests.stayNest = this.regionNest[h];
    if (nm > 0 && countNests(this.regionNest, this.nestCount, this.nests, which, nm))
      nestedBandChoices(group, this.nests, this.oneBand, this.ctx.nodes, this.nestWork, shares);
    else if (nm > 0) bandChoices(group, this.oneBand, this.work, shares);
    this.nests.stayNest = this.regionNest[r];
    const flows = this.flows;
    for (let a = 0; a < working; a++) {
      if (!on[a] || !(eA[a] > 0 || (withGraduates && gE[a] > 0))) continue;
      // Graduates whose status ends have no renewal (docs/model.md 3.3.12).
      const leave = withGraduates ? eA[a] * (1 - this.renewal) + gE[a] : eA[a] * (1 - this.renewal);
      if (!(leave > 0)) continue;
      let toHome = leave;
      for (let q = 0; q < nm; q++) {
        const j = which[q];
        const trying = leave * shares[q];
        const admitted = trying * Math.min(1, pis[q]);
        if (admitT[row + j] === Admit.Draw) {
          flows.applications[j] += trying;
          flows.admissions[j] += admitted;
        }
        toHome -= admitted;
        this.leaveTo(j, a, off, admitted);
      }
      this.leaveTo(h, a, off, toHome);
      flows.returnMoves[c] += toHome;
      mA[a] -= leave;
    }
  }

  /** `people` of band a leave for region j at the end of their status. */
  private leaveTo(j: number, a: number, off: number, people: number): void {
    if (!(people > 0)) return;
    const dk = this.dest[j] + off + a;
    this.dMass[dk] += people;
    this.dZ[dk] += people * this.zA[a];
    this.cohorts.live[this.destType[j]] = 1;
    this.flows.flows[this.r * this.R + j] += people;
    this.startTerm(j, a, people);
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
      // Graduates who wait (those whose status ended have left) keep their status: no permanence.
      const waiting = this.gi >= 0 ? Math.min(m, this.gA[a] - this.gE[a]) : 0;
      if (this.freshTerms) {
        const renewed = this.eA[a] * this.renewal;
        const x = this.xA[a];
        const look = this.lookA[a];
        const fresh = look > 0 ? Math.max(0, x - (x / look) * this.movedA[a]) : x;
        this.cohorts.terms!.keep(
          a,
          (m - waiting - renewed - fresh) * (1 - permanent),
          renewed * (1 - permanent),
          fresh * (1 - permanent),
        );
      } else if (this.withTerms) {
        const renewed = this.eA[a] * this.renewal;
        this.cohorts.terms!.keep(a, (m - waiting - renewed) * (1 - permanent), renewed * (1 - permanent));
      }
      if (hasPerm) {
        const nk = permBase + off + a;
        const changed = waiting > 0 ? (m - waiting) * permanent : m * permanent;
        dMass[nk] += changed;
        dZ[nk] += changed * z;
        m = waiting > 0 ? m - changed : m * (1 - permanent);
      }
      mass[k] = m;
      zm[k] = m * z;
    }
    if (hasPerm) this.cohorts.live[permBase / this.cohorts.cellsPerType] = 1;
  }
}
