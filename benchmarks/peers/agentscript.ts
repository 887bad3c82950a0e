/**
 * Peer `agentscript`: the model written with AgentScript (https://agentscript.org), headless in
 * Node, as its users write models: a `Model` subclass with `setup()` and `step()`, the regions as
 * patches of a one-row world (patch x = region index, with patch variables), the people as turtles
 * that stand on their region's patch (`turtle.patch.region`), move with `setxy`, carry their state
 * as turtle variables, are asked with `turtles.ask(...)`, selected with `turtles.with(...)`, leave
 * with `die()` and enter with `turtles.create(...)`.
 *
 * Node: AgentScript's bundle creates a 1x1 `OffscreenCanvas` when it loads (for its colour
 * helpers); Node has none, so `./_offscreen-canvas` installs a minimal, documented stand-in first.
 * Random numbers: seedrandom's alea, one stream per run. AgentScript's own `util.randomSeed`
 * replaces the global `Math.random` with a Lehmer generator, a process-wide side effect the suite
 * avoids; AgentScript still calls the (unseeded) `Math.random` for each new turtle's heading,
 * which this model never reads.
 */
import "./_offscreen-canvas";
import { Model, type ASTurtle } from "agentscript";
import seedrandom from "seedrandom";
import type { Scenario } from "@talentflow/core";
import { admissionChance, drawChance } from "@talentflow/core/internal";
import {
  Admit,
  ModelKit,
  type AgentRecord,
  type Peer,
  type PeerOutcome,
  type PeerRun,
  type PeriodTables,
} from "./_kit";

/** The turtle variables of a person. */
interface Person extends ASTurtle {
  home: number;
  citizenship: number;
  skill: number;
  bornPeriod: number;
  arrivedPeriod: number;
  arrived: boolean;
  german: boolean;
  researcher: boolean;
  temporary: boolean;
  /** Destination of a pending application, -1 none. */
  pending: number;
  won: boolean;
  /**
   * A graduate waiting in place for the lottery of its region (docs/model.md 3.3.12): its pending
   * application outlives a lost draw, and its status ends at `statusEnd` unless it has won.
   */
  graduate: boolean;
  /**
   * Period in which an entrant chooses its first job among all regions (docs/model.md 3.3.12);
   * set only on such entrants.
   */
  firstJobAt?: number;
  moved: boolean;
  /** Period in which the temporary status expires (Infinity: none). */
  statusEnd: number;
}

class TalentFlowModel extends Model {
  readonly kit: ModelKit;
  readonly random: () => number;
  /** The taste shocks of the decision being made, per region. */
  private readonly shocks: Float64Array;
  tables!: PeriodTables;
  applicants: Person[][] = [];
  private readonly initial: AgentRecord[];

  constructor(scenario: Scenario, seed: number) {
    const kit = new ModelKit(scenario);
    super({ minX: 0, maxX: kit.R - 1, minY: 0, maxY: 0, minZ: 0, maxZ: 0 });
    this.kit = kit;
    this.random = seedrandom.alea(`peer:agentscript:${seed}`);
    this.shocks = new Float64Array(kit.R);
    this.initial = ModelKit.initialPopulation(scenario, seed);
  }

  private get people(): Person[] {
    return this.turtles as unknown as Person[];
  }

  private region(t: Person): number {
    return t.patch.region as number;
  }

  override setup(): void {
    this.patches.ask((p) => {
      p.region = p.x;
      p.code = this.kit.regions[p.x];
    });
    let k = 0;
    this.turtles.create(this.initial.length, (turtle) => {
      const a = this.initial[k++];
      const t = turtle as Person;
      t.setxy(a.region, 0);
      Object.assign(t, {
        home: a.home,
        citizenship: a.citizenship,
        skill: a.skill,
        bornPeriod: a.bornPeriod,
        arrivedPeriod: 0,
        arrived: false,
        german: a.german,
        researcher: a.researcher,
        temporary: a.temporary,
        pending: -1,
        won: false,
        graduate: false,
        moved: false,
        statusEnd: Number.POSITIVE_INFINITY,
      });
    });
    this.kit.start(this.tally());
  }

  override step(): void {
    const kit = this.kit;
    this.tables = kit.beginPeriod();
    // The initial holders' statuses end uniformly within their first term (docs/model.md 3.1).
    if (kit.t === 0) {
      this.turtles.ask((turtle) => {
        const t = turtle as Person;
        if (t.temporary) t.statusEnd = kit.initialStatusEnd(t.citizenship, this.region(t), this.random());
      });
    }
    // (2) Exits.
    const leaving = this.turtles.with(
      (t) => (t as Person).bornPeriod <= kit.retireBorn || this.random() < this.tables.exitProbability,
    );
    leaving.ask((t) => t.die());
    // (3) The lottery.
    for (let l = 0; l < kit.lotteryCount; l++) if (kit.lotteryDrawsNow(l)) this.drawLottery(l);
    // (4, 5, 6) Scheduled moves, decisions, status changes.
    this.applicants = Array.from({ length: kit.programCount }, () => []);
    this.turtles.ask((t) => this.act(t as Person));
    this.allocatePrograms();
    // (7) Entries, (8) the market state.
    this.enter();
    kit.endPeriod(this.tally());
  }

  private act(t: Person): void {
    const kit = this.kit;
    t.moved = false;
    const waiting = t.pending >= 0;
    if (t.pending >= 0) {
      if (t.won && kit.lotteryStartsNow(kit.lotteryOf(t.pending))) {
        const j = t.pending;
        t.pending = -1;
        t.won = false;
        kit.countAdmission(j);
        if (t.graduate) this.convert(t);
        else this.move(t, j, this.tables.moveTemp[this.row(t) + j] === 1);
      }
    }
    if (!t.moved && t.temporary && kit.t >= t.statusEnd) {
      // The status ends (docs/model.md 3.3.9): renewed, or the holder must leave the country.
      if (t.graduate) {
        // A graduate status is never renewed; a winner waiting for its start stays (cap-gap).
        if (!t.won) {
          t.pending = -1;
          t.graduate = false;
          this.leaveAtExpiry(t);
        }
      } else if (this.random() < kit.renewal(t.citizenship, this.region(t))) {
        t.statusEnd = kit.statusEnd(t.citizenship, this.region(t));
      } else {
        t.pending = -1;
        t.won = false;
        this.leaveAtExpiry(t);
      }
    } else if (
      !waiting &&
      // The first-job choice of last period's entrant (docs/model.md 3.3.12), looked at only when due.
      ((kit.firstJobsDue && t.firstJobAt === kit.t) || this.random() < this.tables.considerProbability)
    ) {
      this.decide(t);
    }
    if (
      !t.moved &&
      t.temporary &&
      !t.graduate &&
      this.random() < this.tables.permanence[t.citizenship * kit.R + this.region(t)]
    )
      t.temporary = false;
  }

  private row(t: Person): number {
    return this.kit.type(t.citizenship, this.region(t), t.home, t.temporary, t.german, t.researcher) * this.kit.R;
  }

  private admission(t: Person, row: number, j: number): number {
    return drawChance(this.tables, row + j, t.citizenship * this.kit.R + j, t.skill);
  }

  private decide(t: Person): void {
    const kit = this.kit;
    const tb = this.tables;
    const r = this.region(t);
    const z = t.skill;
    const row = this.row(t);
    const over30 = kit.t - t.bornPeriod - 30 * kit.ppy;
    const ageCost = over30 > 0 ? over30 * tb.ageCostPerPeriod : 0;
    let stay = tb.T[row + r] + tb.betaSigma[r] * z;
    if (t.arrived && kit.pp.taxWindow[r] > kit.t - t.arrivedPeriod)
      stay += tb.taxStayBonus[r * 2 + (kit.citizenOf(t.citizenship, r) ? 1 : 0)];
    const shocks = this.shocks;
    kit.tasteShocks(this.random, shocks);
    const uStay = stay + shocks[r];
    let best = uStay;
    let choice = r;
    for (let j = 0; j < kit.R; j++) {
      if (j === r || tb.admit[row + j] === Admit.Closed) continue;
      const u = tb.T[row + j] + tb.betaSigma[j] * z - ageCost + shocks[j];
      if (u <= uStay) continue;
      let pi = admissionChance(tb, tb.admit[row + j], row + j, t.citizenship * kit.R + j, z);
      const program = tb.program[row + j];
      if (program >= 0 && pi < 1) pi += (1 - pi) * kit.market.programChance[program];
      const value = pi >= 1 ? u : u + Math.log(pi + (1 - pi) * Math.exp(uStay - u));
      if (value > best) {
        best = value;
        choice = j;
      }
    }
    if (choice === r) return;
    const at = row + choice;
    const admit = tb.admit[at];
    if (admit === Admit.None) {
      this.move(t, choice, tb.moveTemp[at] === 1);
      return;
    }
    const draw = this.random();
    if (admit === Admit.Lottery) {
      if (draw < tb.petition[at]) {
        t.pending = choice;
        kit.countLotteryEntrant(choice);
      }
      return;
    }
    const program = tb.program[at];
    if (program >= 0 && kit.isWorkPermit(program)) {
      this.applicants[program].push(t);
      return;
    }
    if (draw < this.admission(t, row, choice)) {
      kit.countAdmission(choice);
      this.move(t, choice, tb.moveTemp[at] === 1);
      return;
    }
    if (program >= 0) this.applicants[program].push(t);
  }

  /**
   * docs/model.md 3.3.9: the forced choice among the regions of other countries, with going home
   * in the place of staying; a lottery is not open; refused, the agent goes home.
   */
  private leaveAtExpiry(t: Person): void {
    const kit = this.kit;
    const tb = this.tables;
    const r = this.region(t);
    const row = this.row(t);
    const h = t.home;
    // The taste shocks as in any decision, nests included (docs/model.md 3.3.4).
    const shocks = this.shocks;
    kit.tasteShocks(this.random, shocks);
    // Every option is a move: the age cost is common to all and left out.
    const home = tb.T[row + h] + tb.betaSigma[h] * t.skill + shocks[h];
    let best = home;
    let choice = h;
    for (let j = 0; j < kit.R; j++) {
      const admit = tb.admit[row + j];
      if (j === h || !kit.crossBorder(r, j) || admit === Admit.Closed || admit === Admit.Lottery) continue;
      const u = tb.T[row + j] + tb.betaSigma[j] * t.skill + shocks[j];
      if (u <= home) continue;
      const pi = admissionChance(tb, admit, row + j, t.citizenship * kit.R + j, t.skill);
      if (!(pi > 0)) continue;
      const value = pi >= 1 ? u : u + Math.log(pi + (1 - pi) * Math.exp(home - u));
      if (value > best) {
        best = value;
        choice = j;
      }
    }
    if (choice !== h && tb.admit[row + choice] !== Admit.None) {
      if (this.random() < this.admission(t, row, choice)) kit.countAdmission(choice);
      else choice = h;
    }
    this.move(t, choice, tb.moveTemp[row + choice] === 1);
  }

  /**
   * docs/model.md 3.3.12: a graduate who won converts in place at its start, with the status of
   * its region's rule and the rule's terms from now; no move, and no status change this period.
   */
  private convert(t: Person): void {
    const r = this.region(t);
    t.graduate = false;
    t.arrivedPeriod = this.kit.t;
    t.temporary = this.kit.startsTemporary(t.citizenship, r);
    t.statusEnd = t.temporary ? this.kit.statusEnd(t.citizenship, r) : Number.POSITIVE_INFINITY;
    t.moved = true;
  }

  private move(t: Person, j: number, temporary: boolean): void {
    this.kit.countMove(this.region(t), j);
    if (this.kit.crossBorder(this.region(t), j)) {
      t.arrivedPeriod = this.kit.t;
      t.arrived = true;
      t.temporary = temporary;
      t.statusEnd = temporary ? this.kit.statusEnd(t.citizenship, j) : Number.POSITIVE_INFINITY;
    }
    t.setxy(j, 0);
    t.moved = true;
  }

  private drawLottery(l: number): void {
    const kit = this.kit;
    const pool = this.turtles.with((turtle) => {
      const t = turtle as Person;
      return t.pending >= 0 && !t.won && kit.lotteryOf(t.pending) === l;
    }) as unknown as Person[];
    const winners = kit.lotteryWinnerCount(l, pool.length, this.random());
    const keyed = pool.map((t) => ({ t, key: -Math.log(this.random()) / kit.lotteryWeight(l, t.pending, t.skill) }));
    keyed.sort((a, b) => a.key - b.key);
    // A graduate who loses stays in the pool for the next draw (docs/model.md 3.3.12).
    keyed.forEach(({ t }, k) => {
      if (k < winners) t.won = true;
      else if (!t.graduate) t.pending = -1;
    });
    kit.finishLottery(l, winners, pool.length);
  }

  private allocatePrograms(): void {
    const kit = this.kit;
    this.applicants.forEach((applicants, q) => {
      const j = kit.programRegion(q);
      const order = applicants.map((t) => ({ t, key: this.random() })).sort((a, b) => a.key - b.key);
      const admitted = Math.min(kit.programPlaces(q), order.length);
      order.forEach(({ t }, k) => {
        const row = this.row(t);
        if (k < admitted) {
          kit.countAdmission(j);
          this.move(t, j, kit.programPermanent(q) ? false : this.tables.moveTemp[row + j] === 1);
        } else if (kit.isWorkPermit(q) && this.random() < this.admission(t, row, j)) {
          kit.countAdmission(j);
          this.move(t, j, this.tables.moveTemp[row + j] === 1);
        }
      });
      kit.finishProgram(q, applicants.length, admitted);
    });
  }

  private enter(): void {
    const kit = this.kit;
    for (const plan of kit.entrants()) {
      const j = plan.region;
      this.turtles.create(plan.count, (turtle) => {
        const t = turtle as Person;
        const c = kit.entrantCitizenship(j, this.random());
        const normal = Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
        t.setxy(j, 0);
        Object.assign(t, {
          home: kit.citizenOf(c, j) ? j : kit.citizenHome(c),
          citizenship: c,
          skill: plan.skillMean + normal,
          bornPeriod: plan.bornPeriod,
          arrivedPeriod: kit.t,
          arrived: false,
          german: kit.germanCitizen[c] === 1 || this.random() < plan.germanShare,
          researcher: this.random() < plan.researcherShare,
          temporary: kit.startsTemporary(c, j),
          pending: -1,
          won: false,
          graduate: false,
          moved: false,
          statusEnd: kit.startsTemporary(c, j) ? kit.statusEnd(c, j) : Number.POSITIVE_INFINITY,
        });
        if (kit.entersAsGraduate(c, j, this.random)) {
          // A graduate waits in place for its region's lottery, on a status of its own (docs/model.md 3.3.12).
          Object.assign(t, { graduate: true, pending: j, statusEnd: kit.graduateEnd(j) });
          kit.countLotteryEntrant(j);
        }
        // Graduates draw too; pending in the next period, they wait for the lottery instead (3.3.13).
        if (kit.choosesFirstJob(this.random)) t.firstJobAt = kit.t + 1;
      });
    }
  }

  private tally() {
    const tally = this.kit.tally();
    this.turtles.ask((turtle) => {
      const t = turtle as Person;
      tally.add(this.region(t), t.citizenship, t.skill);
    });
    return tally;
  }

  outcome(): PeerOutcome {
    const stock: Record<string, number> = Object.fromEntries(this.kit.regions.map((r) => [r, 0]));
    for (const t of this.people) stock[this.kit.regions[this.region(t)]] += this.kit.scale;
    return { stock, counts: this.kit.counts(), moves: this.kit.moves() };
  }
}

class AgentScriptRun implements PeerRun {
  private readonly model: TalentFlowModel;
  constructor(scenario: Scenario, seed: number) {
    this.model = new TalentFlowModel(scenario, seed);
    this.model.setup();
  }
  get done(): boolean {
    return this.model.kit.done;
  }
  step(): void {
    this.model.step();
  }
  outcome(): PeerOutcome {
    return this.model.outcome();
  }
}

export const agentscript: Peer = {
  name: "agentscript",
  create: (scenario, seed) => new AgentScriptRun(scenario, seed),
};
