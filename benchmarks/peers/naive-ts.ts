/**
 * Peer `naive-ts`: the model as a newcomer to TypeScript writes it. One object per agent (a class
 * with fields and methods), an array of agents rebuilt with `filter` when people leave, regions
 * and citizenships by their codes with Maps to find their table indices, and a fresh array of
 * option values for every decision. Random numbers come from seedrandom's alea, one stream per
 * run. The per-period tables (policies applied) and the market formula come from the model kit.
 */
import seedrandom from "seedrandom";
import type { Scenario } from "@talentflow/core";
import { admissionChance, drawChance } from "@talentflow/core/internal";
import { Admit, ModelKit, type Peer, type PeerOutcome, type PeerRun, type PeriodTables } from "./_kit";

class Agent {
  id: number;
  region: string;
  home: string;
  citizenship: string;
  skill: number;
  bornPeriod: number;
  arrivedPeriod: number;
  arrived = false;
  german: boolean;
  researcher: boolean;
  temporary: boolean;
  /** Destination of an application waiting for the lottery or a start date. */
  pending: string | null = null;
  won = false;
  /**
   * A graduate waiting in place for the lottery of its region (docs/model.md 3.3.12): its pending
   * application outlives a lost draw, and its status ends at `statusEnd` unless it has won.
   */
  graduate = false;
  /** Period in which an entrant chooses its first job among all regions (docs/model.md 3.3.12), -1 none. */
  firstJobAt = -1;
  movedThisPeriod = false;
  /** Period in which the temporary status expires (Infinity: none). */
  statusEnd = Infinity;

  constructor(init: {
    id: number;
    region: string;
    home: string;
    citizenship: string;
    skill: number;
    bornPeriod: number;
    arrivedPeriod: number;
    german: boolean;
    researcher: boolean;
    temporary: boolean;
  }) {
    this.id = init.id;
    this.region = init.region;
    this.home = init.home;
    this.citizenship = init.citizenship;
    this.skill = init.skill;
    this.bornPeriod = init.bornPeriod;
    this.arrivedPeriod = init.arrivedPeriod;
    this.german = init.german;
    this.researcher = init.researcher;
    this.temporary = init.temporary;
  }

  ageInPeriods(t: number): number {
    return t - this.bornPeriod;
  }

  /** Does the agent leave the field this period (retirement or the exit hazard)? */
  leaves(world: NaiveWorld): boolean {
    if (this.bornPeriod <= world.kit.retireBorn) return true;
    return world.random() < world.tables.exitProbability;
  }

  /** The agent's row in the period's tables. */
  typeRow(world: NaiveWorld): number {
    const kit = world.kit;
    const type = kit.type(
      world.citizenshipIndex.get(this.citizenship)!,
      world.regionIndex.get(this.region)!,
      world.regionIndex.get(this.home)!,
      this.temporary,
      this.german,
      this.researcher,
    );
    return type * world.regionCodes.length;
  }

  /** Scheduled move, decision and status change of one period (steps 4, 5 and 6). */
  act(world: NaiveWorld): void {
    this.movedThisPeriod = false;
    const waiting = this.pending !== null;
    if (this.pending !== null) {
      const lottery = world.kit.lotteryOf(world.regionIndex.get(this.pending)!);
      if (this.won && world.kit.lotteryStartsNow(lottery)) {
        const destination = this.pending;
        this.pending = null;
        this.won = false;
        world.kit.countAdmission(world.regionIndex.get(destination)!);
        if (this.graduate) this.convert(world);
        else {
          const row = this.typeRow(world);
          this.moveTo(destination, world, world.tables.moveTemp[row + world.regionIndex.get(destination)!] === 1);
        }
      }
    }
    if (!this.movedThisPeriod && this.temporary && world.kit.t >= this.statusEnd) {
      // The status ends (docs/model.md 3.3.9): renewed, or the holder must leave the country.
      const c = world.citizenshipIndex.get(this.citizenship)!;
      const r = world.regionIndex.get(this.region)!;
      if (this.graduate) {
        // A graduate status is never renewed; a winner waiting for its start stays (cap-gap).
        if (!this.won) {
          this.pending = null;
          this.graduate = false;
          this.leaveAtExpiry(world);
        }
      } else if (world.random() < world.kit.renewal(c, r)) {
        this.statusEnd = world.kit.statusEnd(c, r);
      } else {
        this.pending = null;
        this.won = false;
        this.leaveAtExpiry(world);
      }
    } else if (!waiting && (this.choosesFirstJobNow(world) || world.random() < world.tables.considerProbability)) {
      this.decide(world);
    }
    if (!this.movedThisPeriod && this.temporary && !this.graduate) {
      const c = world.citizenshipIndex.get(this.citizenship)!;
      const r = world.regionIndex.get(this.region)!;
      if (world.random() < world.tables.permanence[c * world.regionCodes.length + r]) this.temporary = false;
    }
  }

  /** Is this the period after entry in which the agent chooses its first job (docs/model.md 3.3.12)? */
  choosesFirstJobNow(world: NaiveWorld): boolean {
    return world.kit.firstJobsDue && this.firstJobAt === world.kit.t;
  }

  /** docs/model.md 3.3.4: Gumbel-max over staying and every destination, anticipating admission. */
  decide(world: NaiveWorld): void {
    const tables = world.tables;
    const kit = world.kit;
    const codes = world.regionCodes;
    const R = codes.length;
    const r = world.regionIndex.get(this.region)!;
    const c = world.citizenshipIndex.get(this.citizenship)!;
    const row = this.typeRow(world);
    const z = this.skill;
    const over30 = this.ageInPeriods(kit.t) - 30 * kit.ppy;
    const ageCost = over30 > 0 ? over30 * tables.ageCostPerPeriod : 0;

    // Deterministic utility of every option, then the taste shocks.
    const utilities: number[] = new Array(R);
    for (let j = 0; j < R; j++) {
      utilities[j] = tables.T[row + j] + tables.betaSigma[j] * z - (j === r ? 0 : ageCost);
    }
    if (this.arrived && kit.pp.taxWindow[r] > kit.t - this.arrivedPeriod) {
      utilities[r] += tables.taxStayBonus[r * 2 + (kit.citizenOf(c, r) ? 1 : 0)];
    }
    const shocks = new Float64Array(R);
    kit.tasteShocks(() => world.random(), shocks);
    const stay = utilities[r] + shocks[r];

    // Anticipated value of trying each destination: ln(pi e^u + (1 - pi) e^stay).
    const values: number[] = new Array(R).fill(-Infinity);
    values[r] = stay;
    for (let j = 0; j < R; j++) {
      if (j === r || tables.admit[row + j] === Admit.Closed) continue;
      const u = utilities[j] + shocks[j];
      if (u <= stay) continue;
      const pi = this.anticipatedAdmission(world, row, c, j);
      values[j] = pi >= 1 ? u : u + Math.log(pi + (1 - pi) * Math.exp(stay - u));
    }
    let choice = r;
    for (let j = 0; j < R; j++) if (values[j] > values[choice]) choice = j;
    if (choice === r) return;

    const destination = codes[choice];
    const at = row + choice;
    const admit = tables.admit[at];
    if (admit === Admit.None) {
      this.moveTo(destination, world, tables.moveTemp[at] === 1);
      return;
    }
    const draw = world.random();
    if (admit === Admit.Lottery) {
      if (draw < tables.petition[at]) {
        this.pending = destination;
        kit.countLotteryEntrant(choice);
      }
      return;
    }
    const program = tables.program[at];
    if (program >= 0 && kit.isWorkPermit(program)) {
      world.programApplicants.get(program)!.push(this);
      return;
    }
    if (draw < this.admission(world, row, c, choice)) {
      kit.countAdmission(choice);
      this.moveTo(destination, world, tables.moveTemp[at] === 1);
      return;
    }
    if (program >= 0) world.programApplicants.get(program)!.push(this);
  }

  /**
   * docs/model.md 3.3.9: the forced choice among the regions of other countries, with going home
   * in the place of staying; a lottery is not open; refused, the agent goes home.
   */
  leaveAtExpiry(world: NaiveWorld): void {
    const tables = world.tables;
    const codes = world.regionCodes;
    const R = codes.length;
    const r = world.regionIndex.get(this.region)!;
    const h = world.regionIndex.get(this.home)!;
    const c = world.citizenshipIndex.get(this.citizenship)!;
    const row = this.typeRow(world);
    // Every option is a move: the age cost is common to all and left out.
    // The taste shocks as in any decision, nests included (docs/model.md 3.3.4).
    const shocks = new Float64Array(R);
    world.kit.tasteShocks(() => world.random(), shocks);
    const home = tables.T[row + h] + tables.betaSigma[h] * this.skill + shocks[h];
    let best = home;
    let choice = h;
    for (let j = 0; j < R; j++) {
      const admit = tables.admit[row + j];
      if (j === h || !world.kit.crossBorder(r, j) || admit === Admit.Closed || admit === Admit.Lottery) continue;
      const u = tables.T[row + j] + tables.betaSigma[j] * this.skill + shocks[j];
      if (u <= home) continue;
      const pi = admissionChance(tables, admit, row + j, c * R + j, this.skill);
      if (!(pi > 0)) continue;
      const value = pi >= 1 ? u : u + Math.log(pi + (1 - pi) * Math.exp(home - u));
      if (value > best) {
        best = value;
        choice = j;
      }
    }
    if (choice !== h && tables.admit[row + choice] !== Admit.None) {
      if (world.random() < this.admission(world, row, c, choice)) world.kit.countAdmission(choice);
      else choice = h;
    }
    this.moveTo(codes[choice], world, tables.moveTemp[row + choice] === 1);
  }

  /** Admission probability of the destination's rule at the agent's skill. */
  admission(world: NaiveWorld, row: number, c: number, j: number): number {
    const R = world.regionCodes.length;
    return drawChance(world.tables, row + j, c * R + j, this.skill);
  }

  anticipatedAdmission(world: NaiveWorld, row: number, c: number, j: number): number {
    const tables = world.tables;
    const R = world.regionCodes.length;
    let pi = admissionChance(tables, tables.admit[row + j], row + j, c * R + j, this.skill);
    const program = tables.program[row + j];
    if (program >= 0 && pi < 1) pi += (1 - pi) * world.kit.market.programChance[program];
    return pi;
  }

  /**
   * docs/model.md 3.3.12: a graduate who won converts in place at its start, with the status of
   * its region's rule and the rule's terms from now; no move, and no status change this period.
   */
  convert(world: NaiveWorld): void {
    const kit = world.kit;
    const c = world.citizenshipIndex.get(this.citizenship)!;
    const r = world.regionIndex.get(this.region)!;
    this.graduate = false;
    this.arrivedPeriod = kit.t;
    this.temporary = kit.startsTemporary(c, r);
    this.statusEnd = this.temporary ? kit.statusEnd(c, r) : Infinity;
    this.movedThisPeriod = true;
  }

  moveTo(destination: string, world: NaiveWorld, temporary: boolean): void {
    const kit = world.kit;
    kit.countMove(world.regionIndex.get(this.region)!, world.regionIndex.get(destination)!);
    if (kit.crossBorder(world.regionIndex.get(this.region)!, world.regionIndex.get(destination)!)) {
      this.arrivedPeriod = kit.t;
      this.arrived = true;
      this.temporary = temporary;
      const c = world.citizenshipIndex.get(this.citizenship)!;
      this.statusEnd = temporary ? kit.statusEnd(c, world.regionIndex.get(destination)!) : Infinity;
    }
    this.region = destination;
    this.movedThisPeriod = true;
  }
}

class NaiveWorld implements PeerRun {
  readonly kit: ModelKit;
  readonly random: () => number;
  readonly regionCodes: string[];
  readonly citizenshipCodes: string[];
  readonly regionIndex = new Map<string, number>();
  readonly citizenshipIndex = new Map<string, number>();
  agents: Agent[] = [];
  tables!: PeriodTables;
  programApplicants = new Map<number, Agent[]>();
  private nextId = 0;

  constructor(scenario: Scenario, seed: number) {
    this.kit = new ModelKit(scenario);
    this.random = seedrandom.alea(`peer:naive-ts:${seed}`);
    this.regionCodes = [...this.kit.regions];
    this.citizenshipCodes = [...this.kit.citizenships];
    this.regionCodes.forEach((code, j) => this.regionIndex.set(code, j));
    this.citizenshipCodes.forEach((code, c) => this.citizenshipIndex.set(code, c));
    for (const a of ModelKit.initialPopulation(scenario, seed)) {
      this.agents.push(
        new Agent({
          id: a.id,
          region: a.regionCode,
          home: this.regionCodes[a.home],
          citizenship: this.citizenshipCodes[a.citizenship],
          skill: a.skill,
          bornPeriod: a.bornPeriod,
          arrivedPeriod: 0,
          german: a.german,
          researcher: a.researcher,
          temporary: a.temporary,
        }),
      );
      this.nextId = Math.max(this.nextId, a.id + 1);
    }
    this.kit.start(this.tallyAgents());
  }

  get done(): boolean {
    return this.kit.done;
  }

  step(): void {
    const kit = this.kit;
    this.tables = kit.beginPeriod();
    // The initial holders' statuses end uniformly within their first term (docs/model.md 3.1).
    if (kit.t === 0) {
      for (const agent of this.agents) {
        if (!agent.temporary) continue;
        const c = this.citizenshipIndex.get(agent.citizenship)!;
        agent.statusEnd = kit.initialStatusEnd(c, this.regionIndex.get(agent.region)!, this.random());
      }
    }
    // (2) Exits.
    this.agents = this.agents.filter((agent) => !agent.leaves(this));
    // (3) The lottery.
    for (let l = 0; l < kit.lotteryCount; l++) if (kit.lotteryDrawsNow(l)) this.drawLottery(l);
    // (4, 5, 6) Scheduled moves, decisions, status changes.
    this.programApplicants = new Map();
    for (let q = 0; q < kit.programCount; q++) this.programApplicants.set(q, []);
    for (const agent of this.agents) agent.act(this);
    this.allocatePrograms();
    // (7) Entries.
    this.enter();
    // (8) Observation.
    kit.endPeriod(this.tallyAgents());
  }

  drawLottery(l: number): void {
    const kit = this.kit;
    const pool = this.agents.filter(
      (a) => a.pending !== null && !a.won && kit.lotteryOf(this.regionIndex.get(a.pending)!) === l,
    );
    const winners = kit.lotteryWinnerCount(l, pool.length, this.random());
    const entries = pool.map((agent) => {
      const weight = kit.lotteryWeight(l, this.regionIndex.get(agent.pending!)!, agent.skill);
      return { agent, key: -Math.log(this.random()) / weight };
    });
    entries.sort((a, b) => a.key - b.key);
    // A graduate who loses stays in the pool for the next draw (docs/model.md 3.3.12).
    entries.forEach((entry, k) => {
      if (k < winners) entry.agent.won = true;
      else if (!entry.agent.graduate) entry.agent.pending = null;
    });
    kit.finishLottery(l, winners, pool.length);
  }

  allocatePrograms(): void {
    const kit = this.kit;
    for (const [q, applicants] of this.programApplicants) {
      const j = kit.programRegion(q);
      const destination = this.regionCodes[j];
      const shuffled = applicants.map((agent) => ({ agent, key: this.random() })).sort((a, b) => a.key - b.key);
      const admitted = Math.min(kit.programPlaces(q), shuffled.length);
      shuffled.forEach(({ agent }, k) => {
        const row = agent.typeRow(this);
        const c = this.citizenshipIndex.get(agent.citizenship)!;
        if (k < admitted) {
          kit.countAdmission(j);
          agent.moveTo(destination, this, kit.programPermanent(q) ? false : this.tables.moveTemp[row + j] === 1);
        } else if (kit.isWorkPermit(q) && this.random() < agent.admission(this, row, c, j)) {
          kit.countAdmission(j);
          agent.moveTo(destination, this, this.tables.moveTemp[row + j] === 1);
        }
      });
      kit.finishProgram(q, applicants.length, admitted);
    }
  }

  enter(): void {
    const kit = this.kit;
    for (const plan of kit.entrants()) {
      for (let k = 0; k < plan.count; k++) {
        const c = kit.entrantCitizenship(plan.region, this.random());
        const citizen = kit.citizenOf(c, plan.region);
        const normal = Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
        const entrant = new Agent({
          id: this.nextId++,
          region: this.regionCodes[plan.region],
          home: citizen ? this.regionCodes[plan.region] : this.regionCodes[kit.citizenHome(c)],
          citizenship: this.citizenshipCodes[c],
          skill: plan.skillMean + normal,
          bornPeriod: plan.bornPeriod,
          arrivedPeriod: kit.t,
          german: kit.germanCitizen[c] === 1 || this.random() < plan.germanShare,
          researcher: this.random() < plan.researcherShare,
          temporary: kit.startsTemporary(c, plan.region),
        });
        if (entrant.temporary) entrant.statusEnd = kit.statusEnd(c, plan.region);
        if (kit.entersAsGraduate(c, plan.region, this.random)) {
          // A graduate waits in place for its region's lottery, on a status of its own (docs/model.md 3.3.12).
          entrant.graduate = true;
          entrant.pending = entrant.region;
          entrant.statusEnd = kit.graduateEnd(plan.region);
          kit.countLotteryEntrant(plan.region);
        }
        // Graduates draw too; pending in the next period, they wait for the lottery instead (3.3.13).
        if (kit.choosesFirstJob(this.random)) entrant.firstJobAt = kit.t + 1;
        this.agents.push(entrant);
      }
    }
  }

  tallyAgents() {
    const tally = this.kit.tally();
    for (const agent of this.agents) {
      tally.add(this.regionIndex.get(agent.region)!, this.citizenshipIndex.get(agent.citizenship)!, agent.skill);
    }
    return tally;
  }

  outcome(): PeerOutcome {
    const stock: Record<string, number> = {};
    for (const code of this.regionCodes) stock[code] = 0;
    for (const agent of this.agents) stock[agent.region] += this.kit.scale;
    return { stock, counts: this.kit.counts(), moves: this.kit.moves() };
  }
}

export const naiveTs: Peer = {
  name: "naive-ts",
  create: (scenario, seed) => new NaiveWorld(scenario, seed),
};
