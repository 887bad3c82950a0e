/**
 * Peer `flocc`: the model written with the flocc library (https://flocc.network) as its users
 * write models: an `Environment` of `Agent`s whose state lives in the agent's data (`agent.get` /
 * `agent.set`), a `tick` rule per agent that `environment.tick()` calls for every agent, agents
 * added with `environment.addAgent` and removed with `environment.removeAgent`, and flocc's own
 * seeded random numbers (`utils.seed`, `utils.uniform`, `utils.gaussian`).
 *
 * What the agents cannot do in their own tick runs as environment-level hooks around it, once per
 * period: the period's tables (from the model kit: policies applied, built from last period's
 * market state), exits (removing agents inside `tick` would skip the next agent of the loop), the
 * lottery on its pool, the capped programs after the decisions, entrants, and the tally of the
 * market state. Region and citizenship are stored as table indices.
 */
import { Agent, Environment, utils } from "flocc";
import type { Scenario } from "@talentflow/core";
import { admissionChance, drawChance } from "@talentflow/core/internal";
import { Admit, ModelKit, type Peer, type PeerOutcome, type PeerRun, type PeriodTables } from "./_kit";

class FloccRun implements PeerRun {
  readonly kit: ModelKit;
  readonly environment = new Environment();
  tables!: PeriodTables;
  programApplicants: Agent[][] = [];
  private readonly seed: number;
  /** The taste shocks of the decision being made, per region. */
  private readonly shocks: Float64Array;

  constructor(scenario: Scenario, seed: number) {
    this.seed = seed;
    this.kit = new ModelKit(scenario);
    this.shocks = new Float64Array(this.kit.R);
    utils.seed(seed);
    for (const a of ModelKit.initialPopulation(scenario, seed)) {
      this.environment.addAgent(
        this.person({
          region: a.region,
          home: a.home,
          citizenship: a.citizenship,
          skill: a.skill,
          bornPeriod: a.bornPeriod,
          arrivedPeriod: 0,
          german: a.german,
          researcher: a.researcher,
          temporary: a.temporary,
        }),
      );
    }
    this.kit.start(this.tally());
  }

  /** A new agent with its data and its tick rule. */
  private person(data: Record<string, number | boolean>): Agent {
    const agent = new Agent({
      statusEnd: Number.POSITIVE_INFINITY,
      graduate: false,
      pending: -1,
      ...data,
      arrived: false,
      won: false,
    });
    agent.set("tick", (a: Agent) => this.tick(a));
    return agent;
  }

  get done(): boolean {
    return this.kit.done;
  }

  step(): void {
    // flocc's generator is global: reseed it per run so that runs do not depend on each other's order.
    if (this.kit.t === 0) utils.seed(this.seed);
    const kit = this.kit;
    const env = this.environment;
    this.tables = kit.beginPeriod();
    // The initial holders' statuses end uniformly within their first term (docs/model.md 3.1).
    if (kit.t === 0) {
      for (const agent of env.getAgents()) {
        if (!agent.get("temporary")) continue;
        agent.set("statusEnd", kit.initialStatusEnd(agent.get("citizenship"), agent.get("region"), utils.uniform()));
      }
    }
    // (2) Exits, before the agents' tick.
    for (const agent of [...env.getAgents()]) {
      if (agent.get("bornPeriod") <= kit.retireBorn || utils.uniform() < this.tables.exitProbability)
        env.removeAgent(agent, false);
    }
    // (3) The lottery.
    for (let l = 0; l < kit.lotteryCount; l++) if (kit.lotteryDrawsNow(l)) this.drawLottery(l);
    // (4, 5, 6) Every agent's tick: scheduled move, decision, status change.
    this.programApplicants = Array.from({ length: kit.programCount }, () => []);
    env.tick();
    this.allocatePrograms();
    // (7) Entries, (8) the market state.
    this.enter();
    kit.endPeriod(this.tally());
  }

  /** The agent's tick rule. */
  private tick(agent: Agent): void {
    const kit = this.kit;
    const tables = this.tables;
    agent.set("moved", false);
    const pending = agent.get("pending") as number;
    if (pending >= 0) {
      if (agent.get("won") && kit.lotteryStartsNow(kit.lotteryOf(pending))) {
        agent.set({ pending: -1, won: false });
        kit.countAdmission(pending);
        if (agent.get("graduate")) this.convert(agent);
        else this.move(agent, pending, tables.moveTemp[this.row(agent) + pending] === 1);
      }
    }
    if (!agent.get("moved") && agent.get("temporary") && kit.t >= agent.get("statusEnd")) {
      // The status ends (docs/model.md 3.3.9): renewed, or the holder must leave the country.
      const c = agent.get("citizenship") as number;
      const r = agent.get("region") as number;
      if (agent.get("graduate")) {
        // A graduate status is never renewed; a winner waiting for its start stays (cap-gap).
        if (!agent.get("won")) {
          agent.set({ pending: -1, graduate: false });
          this.leaveAtExpiry(agent);
        }
      } else if (utils.uniform() < kit.renewal(c, r)) agent.set("statusEnd", kit.statusEnd(c, r));
      else {
        agent.set({ pending: -1, won: false });
        this.leaveAtExpiry(agent);
      }
    } else if (
      pending < 0 &&
      // The first-job choice of last period's entrant (docs/model.md 3.3.12), looked at only when due.
      ((kit.firstJobsDue && agent.get("firstJobAt") === kit.t) || utils.uniform() < tables.considerProbability)
    ) {
      this.decide(agent);
    }
    if (!agent.get("moved") && agent.get("temporary")) {
      // A graduate's status never becomes permanent; asked only after the draw, which is rarely below.
      if (
        utils.uniform() < tables.permanence[agent.get("citizenship") * kit.R + agent.get("region")] &&
        !agent.get("graduate")
      )
        agent.set("temporary", false);
    }
  }

  private row(agent: Agent): number {
    return (
      this.kit.type(
        agent.get("citizenship"),
        agent.get("region"),
        agent.get("home"),
        agent.get("temporary"),
        agent.get("german"),
        agent.get("researcher"),
      ) * this.kit.R
    );
  }

  private admission(agent: Agent, row: number, j: number): number {
    return drawChance(this.tables, row + j, agent.get("citizenship") * this.kit.R + j, agent.get("skill"));
  }

  private decide(agent: Agent): void {
    const kit = this.kit;
    const tables = this.tables;
    const R = kit.R;
    const r = agent.get("region") as number;
    const z = agent.get("skill") as number;
    const row = this.row(agent);
    const over30 = kit.t - agent.get("bornPeriod") - 30 * kit.ppy;
    const ageCost = over30 > 0 ? over30 * tables.ageCostPerPeriod : 0;
    let stay = tables.T[row + r] + tables.betaSigma[r] * z;
    if (agent.get("arrived") && kit.pp.taxWindow[r] > kit.t - agent.get("arrivedPeriod")) {
      stay += tables.taxStayBonus[r * 2 + (kit.citizenOf(agent.get("citizenship"), r) ? 1 : 0)];
    }
    const shocks = this.shocks;
    kit.tasteShocks(() => utils.uniform(), shocks);
    const uStay = stay + shocks[r];
    let best = uStay;
    let choice = r;
    for (let j = 0; j < R; j++) {
      if (j === r || tables.admit[row + j] === Admit.Closed) continue;
      const u = tables.T[row + j] + tables.betaSigma[j] * z - ageCost + shocks[j];
      if (u <= uStay) continue;
      let pi = admissionChance(tables, tables.admit[row + j], row + j, agent.get("citizenship") * R + j, z);
      const program = tables.program[row + j];
      if (program >= 0 && pi < 1) pi += (1 - pi) * kit.market.programChance[program];
      const value = pi >= 1 ? u : u + Math.log(pi + (1 - pi) * Math.exp(uStay - u));
      if (value > best) {
        best = value;
        choice = j;
      }
    }
    if (choice === r) return;
    const at = row + choice;
    const admit = tables.admit[at];
    if (admit === Admit.None) {
      this.move(agent, choice, tables.moveTemp[at] === 1);
      return;
    }
    const draw = utils.uniform();
    if (admit === Admit.Lottery) {
      if (draw < tables.petition[at]) {
        agent.set("pending", choice);
        kit.countLotteryEntrant(choice);
      }
      return;
    }
    const program = tables.program[at];
    if (program >= 0 && kit.isWorkPermit(program)) {
      this.programApplicants[program].push(agent);
      return;
    }
    if (draw < this.admission(agent, row, choice)) {
      kit.countAdmission(choice);
      this.move(agent, choice, tables.moveTemp[at] === 1);
      return;
    }
    if (program >= 0) this.programApplicants[program].push(agent);
  }

  /**
   * docs/model.md 3.3.9: the forced choice among the regions of other countries, with going home
   * in the place of staying; a lottery is not open; refused, the agent goes home.
   */
  private leaveAtExpiry(agent: Agent): void {
    const kit = this.kit;
    const tables = this.tables;
    const r = agent.get("region") as number;
    const h = agent.get("home") as number;
    const c = agent.get("citizenship") as number;
    const z = agent.get("skill") as number;
    const row = this.row(agent);
    // The taste shocks as in any decision, nests included (docs/model.md 3.3.4).
    const shocks = this.shocks;
    kit.tasteShocks(() => utils.uniform(), shocks);
    // Every option is a move: the age cost is common to all and left out.
    const home = tables.T[row + h] + tables.betaSigma[h] * z + shocks[h];
    let best = home;
    let choice = h;
    for (let j = 0; j < kit.R; j++) {
      const admit = tables.admit[row + j];
      if (j === h || !kit.crossBorder(r, j) || admit === Admit.Closed || admit === Admit.Lottery) continue;
      const u = tables.T[row + j] + tables.betaSigma[j] * z + shocks[j];
      if (u <= home) continue;
      const pi = admissionChance(tables, admit, row + j, c * kit.R + j, z);
      if (!(pi > 0)) continue;
      const value = pi >= 1 ? u : u + Math.log(pi + (1 - pi) * Math.exp(home - u));
      if (value > best) {
        best = value;
        choice = j;
      }
    }
    if (choice !== h && tables.admit[row + choice] !== Admit.None) {
      if (utils.uniform() < this.admission(agent, row, choice)) kit.countAdmission(choice);
      else choice = h;
    }
    this.move(agent, choice, tables.moveTemp[row + choice] === 1);
  }

  /**
   * docs/model.md 3.3.12: a graduate who won converts in place at its start, with the status of
   * its region's rule and the rule's terms from now; no move, and no status change this period.
   */
  private convert(agent: Agent): void {
    const c = agent.get("citizenship") as number;
    const r = agent.get("region") as number;
    const temporary = this.kit.startsTemporary(c, r);
    const statusEnd = temporary ? this.kit.statusEnd(c, r) : Number.POSITIVE_INFINITY;
    agent.set({ graduate: false, arrivedPeriod: this.kit.t, temporary, statusEnd, moved: true });
  }

  private move(agent: Agent, j: number, temporary: boolean): void {
    this.kit.countMove(agent.get("region"), j);
    if (this.kit.crossBorder(agent.get("region"), j)) {
      const statusEnd = temporary ? this.kit.statusEnd(agent.get("citizenship"), j) : Number.POSITIVE_INFINITY;
      agent.set({ arrivedPeriod: this.kit.t, arrived: true, temporary, statusEnd });
    }
    agent.set({ region: j, moved: true });
  }

  private drawLottery(l: number): void {
    const kit = this.kit;
    const pool = this.environment
      .getAgents()
      .filter((a) => a.get("pending") >= 0 && !a.get("won") && kit.lotteryOf(a.get("pending")) === l);
    const winners = kit.lotteryWinnerCount(l, pool.length, utils.uniform());
    const keyed = pool.map((agent) => ({
      agent,
      key: -Math.log(utils.uniform()) / kit.lotteryWeight(l, agent.get("pending"), agent.get("skill")),
    }));
    keyed.sort((a, b) => a.key - b.key);
    // A graduate who loses stays in the pool for the next draw (docs/model.md 3.3.12).
    keyed.forEach(({ agent }, k) => {
      if (k < winners) agent.set("won", true);
      else if (!agent.get("graduate")) agent.set("pending", -1);
    });
    kit.finishLottery(l, winners, pool.length);
  }

  private allocatePrograms(): void {
    const kit = this.kit;
    this.programApplicants.forEach((applicants, q) => {
      const j = kit.programRegion(q);
      const order = applicants.map((agent) => ({ agent, key: utils.uniform() })).sort((a, b) => a.key - b.key);
      const admitted = Math.min(kit.programPlaces(q), order.length);
      order.forEach(({ agent }, k) => {
        const row = this.row(agent);
        if (k < admitted) {
          kit.countAdmission(j);
          this.move(agent, j, kit.programPermanent(q) ? false : this.tables.moveTemp[row + j] === 1);
        } else if (kit.isWorkPermit(q) && utils.uniform() < this.admission(agent, row, j)) {
          kit.countAdmission(j);
          this.move(agent, j, this.tables.moveTemp[row + j] === 1);
        }
      });
      kit.finishProgram(q, applicants.length, admitted);
    });
  }

  private enter(): void {
    const kit = this.kit;
    for (const plan of kit.entrants()) {
      const j = plan.region;
      for (let k = 0; k < plan.count; k++) {
        const c = kit.entrantCitizenship(j, utils.uniform());
        const person = this.person({
          region: j,
          home: kit.citizenOf(c, j) ? j : kit.citizenHome(c),
          citizenship: c,
          skill: utils.gaussian(plan.skillMean, 1),
          bornPeriod: plan.bornPeriod,
          arrivedPeriod: kit.t,
          german: kit.germanCitizen[c] === 1 || utils.uniform() < plan.germanShare,
          researcher: utils.uniform() < plan.researcherShare,
          temporary: kit.startsTemporary(c, j),
          statusEnd: kit.startsTemporary(c, j) ? kit.statusEnd(c, j) : Number.POSITIVE_INFINITY,
        });
        if (kit.entersAsGraduate(c, j, utils.uniform)) {
          // A graduate waits in place for its region's lottery, on a status of its own (docs/model.md 3.3.12).
          person.set({ graduate: true, pending: j, statusEnd: kit.graduateEnd(j) });
          kit.countLotteryEntrant(j);
        }
        // Graduates draw too; pending in the next period, they wait for the lottery instead (3.3.13).
        if (kit.choosesFirstJob(utils.uniform)) person.set("firstJobAt", kit.t + 1);
        this.environment.addAgent(person, false);
      }
    }
  }

  private tally() {
    const tally = this.kit.tally();
    for (const agent of this.environment.getAgents())
      tally.add(agent.get("region"), agent.get("citizenship"), agent.get("skill"));
    return tally;
  }

  outcome(): PeerOutcome {
    const stock: Record<string, number> = Object.fromEntries(this.kit.regions.map((r) => [r, 0]));
    for (const agent of this.environment.getAgents()) stock[this.kit.regions[agent.get("region")]] += this.kit.scale;
    return { stock, counts: this.kit.counts(), moves: this.kit.moves() };
  }
}

export const flocc: Peer = {
  name: "flocc",
  create: (scenario, seed) => new FloccRun(scenario, seed),
};
