/**
 * The population: the initial agents (docs/model.md 3.1) and each period's entrants, both made by
 * one {@link Population.createAgent}, which draws a new agent's traits from keyed streams.
 */
import type { CompiledScenario } from "../kernel/_compile";
import { mayBeTemporary } from "../kernel/_freeMover";
import type { PeriodParams } from "../kernel/_period";
import { RuleKind } from "../kernel/_visaRule";
import { Purpose, keyedNormal, keyedUniform, streamKey } from "../random/keyed";
import { Flag, entrantId, type AgentColumns } from "./_agentColumns";
import { skillBin, type Aggregates } from "./_aggregates";
import type { EventCounts } from "./_eventCounts";
import type { Schedule } from "./_schedule";

/** Stream of the initial population's draws, in place of a period. */
const INIT = 0xffff;

/**
 * Where new agents of one region come from: the keyed streams of their traits, the citizenship
 * mix, the visa rules that make a stay permanent, and the region's shares. A share of Infinity
 * (or 1) makes the trait certain without a draw.
 */
interface Newcomers {
  cdf: Float64Array;
  rulePermanent: Uint8Array;
  kCit: number;
  kSkill: number;
  kSkill2: number;
  kGerman: number;
  kRes: number;
  kTemp: number;
  skillMean: number;
  germanShare: number;
  researcherShare: number;
  temporaryShare: number;
}

/** What the population reads and where its agents go. */
export interface PopulationParts {
  readonly cs: CompiledScenario;
  readonly params: PeriodParams;
  readonly agents: AgentColumns;
  readonly aggregates: Aggregates;
  readonly counts: EventCounts;
  readonly schedule: Schedule;
  readonly seed: number;
  readonly scale: number;
}

/** Creates the agents: the initial population and the entrants of every period. */
export class Population {
  /** Per region: the fraction of an entrant carried to the next period. */
  readonly entrantCarry: Float64Array;
  /** Stocks per region (agents) at the end of burn-in: the start of the reported run. */
  readonly startStock: Float64Array;
  /** 1 for citizenships whose citizens speak German. */
  private readonly germanCitizen: Uint8Array;
  private readonly parts: PopulationParts;
  private readonly draws: Newcomers;
  // What createAgent reads for every new agent, held directly.
  private readonly cs: CompiledScenario;
  private readonly agents: AgentColumns;
  private readonly R: number;
  private readonly C: number;

  constructor(parts: PopulationParts) {
    const { cs } = parts;
    const R = cs.regions.length;
    this.parts = parts;
    this.cs = cs;
    this.agents = parts.agents;
    this.R = R;
    this.C = cs.citizenships.length;
    this.entrantCarry = new Float64Array(R);
    this.startStock = new Float64Array(R);
    this.germanCitizen = Uint8Array.from(cs.citizenships, (c) => (cs.scenario.citizenships[c].german ? 1 : 0));
    this.draws = {
      cdf: cs.initialMixCdf,
      rulePermanent: cs.rulePermanent,
      kCit: 0,
      kSkill: 0,
      kSkill2: 0,
      kGerman: 0,
      kRes: 0,
      kTemp: 0,
      skillMean: 0,
      germanShare: 0,
      researcherShare: 0,
      temporaryShare: 0,
    };
  }

  /**
   * Creates agent `id` in region j, born in period `born`, its stay begun in period `arrived`,
   * with traits drawn as the current {@link Newcomers} say; returns its slot. Its event times
   * are the caller's (see {@link Schedule}).
   */
  createAgent(id: number, j: number, born: number, arrived: number): number {
    const { cs, agents: a } = this;
    const d = this.draws;
    const slot = a.allocate();
    const c = this.pickCitizenship(d.cdf, j, keyedUniform(d.kCit, id));
    const citizen = cs.citizenCountry[c] === cs.regionCountry[j];
    let flags = Flag.Active;
    if (this.germanCitizen[c] === 1 || keyedUniform(d.kGerman, id) < d.germanShare) flags |= Flag.German;
    if (keyedUniform(d.kRes, id) < d.researcherShare) flags |= Flag.Researcher;
    if (
      mayBeTemporary(cs, c, j, d.rulePermanent) &&
      (d.temporaryShare >= 1 || keyedUniform(d.kTemp, id) < d.temporaryShare)
    )
      flags |= Flag.Temporary;
    a.id[slot] = id;
    a.region[slot] = j;
    a.home[slot] = citizen ? j : cs.citizenHome[c];
    a.citizenship[slot] = c;
    a.skill[slot] = d.skillMean + keyedNormal(d.kSkill, d.kSkill2, id);
    a.bin[slot] = skillBin(a.skill[slot]);
    a.bornPeriod[slot] = born;
    a.arrivedPeriod[slot] = arrived;
    a.flags[slot] = flags;
    a.pending[slot] = 0;
    a.retype(slot, this.R);
    return slot;
  }

  /**
   * The initial population of `agents` agents, split over regions by largest remainder so the
   * total is exact; ages entryAge + (retirementAge - entryAge) * u^p with the median at
   * initialAgeMedian. The aggregates are the caller's to rebuild.
   */
  initialize(agents: number): void {
    const { cs, schedule, seed, scale } = this.parts;
    const s = cs.scenario;
    const R = cs.regions.length;
    const b = s.behavior;
    const exact = cs.regions.map((code) => s.regions[code].initialStock / scale);
    const counts = exact.map(Math.floor);
    let left = agents - counts.reduce((x, y) => x + y, 0);
    const order = exact.map((x, j) => ({ j, rem: x - Math.floor(x) })).sort((p, q) => q.rem - p.rem || p.j - q.j);
    for (let k = 0; left > 0; k = (k + 1) % R, left--) counts[order[k].j]++;

    const span = b.retirementAge - b.entryAge;
    const power = Math.log((b.initialAgeMedian - b.entryAge) / span) / Math.log(0.5);
    const kAge = streamKey(seed, INIT, Purpose.InitAge, 0);
    const d = this.draws;
    d.cdf = cs.initialMixCdf;
    d.rulePermanent = cs.rulePermanent;
    d.kCit = streamKey(seed, INIT, Purpose.InitCitizenship, 0);
    d.kSkill = streamKey(seed, INIT, Purpose.InitSkill, 0);
    d.kSkill2 = streamKey(seed, INIT, Purpose.InitSkillSibling, 0);
    d.kGerman = streamKey(seed, INIT, Purpose.InitGerman, 0);
    d.kRes = streamKey(seed, INIT, Purpose.InitResearcher, 0);
    d.kTemp = streamKey(seed, INIT, Purpose.InitTemporary, 0);
    let id = 0;
    for (let j = 0; j < R; j++) {
      const reg = s.regions[cs.regions[j]];
      d.skillMean = reg.entrySkillMean;
      d.germanShare = reg.germanShare;
      d.researcherShare = reg.researcherShare;
      d.temporaryShare = reg.temporaryShare;
      for (let k = 0; k < counts[j]; k++, id++) {
        const age = b.entryAge + span * keyedUniform(kAge, id) ** power;
        const slot = this.createAgent(id, j, -Math.floor(age * s.periodsPerYear), 0);
        schedule.scheduleInitial(slot);
      }
    }
    for (let j = 0; j < R; j++) this.startStock[j] = counts[j];
  }

  /**
   * Entrants of period t: new graduates and direct hires, `entrants / periodsPerYear` per period;
   * where the region's lottery takes graduates, a share of them wait in its pool (3.3.12); a
   * share `behavior.firstJobChoice` of all of them choose their first job next period (3.3.12).
   */
  enter(t: number): void {
    const { cs, params, agents: a, aggregates, counts, schedule, seed, scale } = this.parts;
    const R = cs.regions.length;
    const ppy = cs.scenario.periodsPerYear;
    const vec = params.vec;
    const off = cs.off;
    const entryBorn = t - Math.round(vec[off.behavior.entryAge] * ppy);
    const d = this.draws;
    d.cdf = cs.entrantMixCdf;
    d.rulePermanent = params.rulePermanent;
    d.kCit = streamKey(seed, t, Purpose.EntryCitizenship, 0);
    d.kSkill = streamKey(seed, t, Purpose.EntrySkill, 0);
    d.kSkill2 = streamKey(seed, t, Purpose.EntrySkillSibling, 0);
    d.kGerman = streamKey(seed, t, Purpose.EntryGerman, 0);
    d.kRes = streamKey(seed, t, Purpose.EntryResearcher, 0);
    // Every entrant who is neither a citizen, a free mover nor under a permanent rule starts temporary.
    d.temporaryShare = Infinity;
    schedule.beginEntries(t);
    // Entrants take the freed slots in ascending order, so their writes move forward through memory.
    a.free.subarray(0, a.freeCount).sort().reverse();
    const kGraduate = streamKey(seed, t, Purpose.EntryGraduate, 0);
    // The share of entrants who choose their first job among all regions next period (3.3.12);
    // none, and no draw, at 0.
    const firstJobChoice = vec[off.behavior.firstJobChoice];
    const kFirstJob = streamKey(seed, t, Purpose.EntryFirstJob, 0);
    for (let j = 0; j < R; j++) {
      const expected = vec[off.region.entrants + j] / ppy / scale + this.entrantCarry[j];
      const n = Math.floor(expected + 1e-9);
      this.entrantCarry[j] = expected - n;
      d.skillMean = vec[off.region.entrySkillMean + j];
      d.germanShare = vec[off.region.germanShare + j];
      d.researcherShare = vec[off.region.researcherShare + j];
      const l = cs.regionLottery[j];
      const graduateShare = l >= 0 && cs.lotteryGraduateTerm[l] > 0 ? cs.lotteryGraduateShare[l] : 0;
      for (let k = 0; k < n; k++) {
        const id = entrantId(t, j, k, R);
        const slot = this.createAgent(id, j, entryBorn, t);
        if (graduateShare > 0 && this.isGraduate(slot, j, l, keyedUniform(kGraduate, id), graduateShare)) {
          // A graduate waits for its own region's lottery (docs/model.md 3.3.12): pending before
          // its schedule, which gives it the graduate status's end and no permanence hazard.
          a.pending[slot] = j + 1;
          counts.lotteryEntrants[j]++;
        }
        const firstJob = firstJobChoice > 0 && keyedUniform(kFirstJob, id) < firstJobChoice;
        if (firstJob) a.flags[slot] |= Flag.FirstJob;
        schedule.scheduleEntrant(slot, t, firstJob);
        aggregates.accumulate(slot, 1);
        counts.entries[j]++;
      }
    }
  }

  /**
   * Whether the entrant in `slot` of region j, whose lottery l takes graduates with chance
   * `share`, is a graduate: it starts temporary, the rule of (j, its citizenship) in force this
   * period is a lottery rule of l, and its keyed draw `u` is below the share.
   */
  private isGraduate(slot: number, j: number, l: number, u: number, share: number): boolean {
    const { agents: a, C } = this;
    const { ruleKind, ruleLottery } = this.parts.params;
    const at = j * C + a.citizenship[slot];
    return (
      (a.flags[slot] & Flag.Temporary) !== 0 && ruleKind[at] === RuleKind.Lottery && ruleLottery[at] === l && u < share
    );
  }

  /** Records the stocks per region at the end of burn-in. */
  captureStartStock(): void {
    const a = this.parts.agents;
    this.startStock.fill(0);
    for (let i = 0; i < a.used; i++) if (a.flags[i] & Flag.Active) this.startStock[a.region[i]]++;
  }

  private pickCitizenship(cdf: Float64Array, j: number, u: number): number {
    const C = this.C;
    for (let c = 0; c < C; c++) if (u < cdf[j * C + c]) return c;
    return C - 1;
  }
}
