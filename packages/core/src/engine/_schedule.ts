/**
 * Scheduling (docs/model.md's per-period hazards as geometric waiting times): every event of an
 * agent is either drawn once as a waiting time (exit, consideration, status change) or known in
 * advance (retirement, turning 30, 40 or 50, the start of a won visa, the expiry of a temporary
 * status), and each agent keeps the
 * earliest of them in `nextAt`. The pass visits only the slots whose `nextAt` has come.
 */
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodTables } from "../kernel/_tables";
import { Purpose, keyedExponentialSingle, keyedUniform, streamKey } from "../random/keyed";
import { Flag, entryPeriodOf, type AgentColumns } from "./_agentColumns";

/** Latest period a schedule can name (int16 columns). */
export const NEVER = 32767;

/** Slots scanned at a time for due agents (the scratch list is this long). */
export const DUE_CHUNK = 4096;

/**
 * Periods until the first event of a per-period probability p, 0 meaning this period: a
 * geometric waiting time floor(E / rate) from one keyed exponential draw E, with
 * rate = -ln(1 - p) (P(floor(E / rate) >= k) = e^(-k rate) = (1 - p)^k). Because the geometric
 * distribution is memoryless, scheduling the next event once is the same process as a Bernoulli
 * draw every period, at a fraction of the draws.
 */
export function waitingPeriods(e: number, rate: number): number {
  if (rate === Infinity) return 0;
  if (rate === 0) return NEVER;
  const k = Math.floor(e / rate);
  // biome-ignore lint/complexity/useMathMinMax: a NaN wait must become NEVER, which Math.min would not do
  return k < NEVER ? k : NEVER;
}

/**
 * Writes into `due` the slots in [start, end) whose next event has come by period t, and returns
 * how many there are: found without a branch per slot (`due` holds at least DUE_CHUNK entries).
 */
export function collectDue(nextAt: Int16Array, start: number, end: number, t: number, due: Int32Array): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    due[n] = i;
    n += nextAt[i] <= t ? 1 : 0;
  }
  return n;
}

/**
 * The agents' event times: drawn anew, from the current period on, whenever the hazard that
 * governs them changes, and for each new agent and each new temporary stay. `nextAt` may only
 * move earlier here; the pass moves it later after a visit.
 */
export class Schedule {
  /** Per-period probabilities the exit and consideration times were drawn with (NaN: none yet). */
  scheduledExit = NaN;
  scheduledConsider = NaN;
  /** Per (citizenship, region): the permanence probability the status times were drawn with. */
  readonly scheduledPermanence: Float64Array;
  /** Per (citizenship, region): the status term, in periods, that `nextAt` accounts for. */
  private readonly scheduledExpiry: Int32Array;
  /** Retirement age in periods that `nextAt` accounts for (NaN: none yet), and this period's. */
  private scheduledRetire = NaN;
  retirePeriods = 0;
  /** Stream of status times for stays that begin this period. */
  private kStatusNext = 0;
  /** Streams and rates of the current period's entrants. */
  private kExitTime = 0;
  private kConsiderTime = 0;
  private exitRate = 0;
  private considerRate = 0;
  private readonly agents: AgentColumns;
  private readonly cs: CompiledScenario;
  private readonly tables: PeriodTables;
  /** Per lottery: the period in which its current winners start (-1: none waiting). */
  private readonly lotteryStart: Int32Array;
  private readonly seed: number;
  private readonly R: number;
  private readonly ppy: number;

  constructor(
    cs: CompiledScenario,
    agents: AgentColumns,
    tables: PeriodTables,
    lotteryStart: Int32Array,
    seed: number,
  ) {
    this.cs = cs;
    this.agents = agents;
    this.tables = tables;
    this.lotteryStart = lotteryStart;
    this.seed = seed;
    this.R = cs.regions.length;
    this.ppy = cs.scenario.periodsPerYear;
    this.scheduledPermanence = new Float64Array(cs.citizenships.length * this.R).fill(NaN);
    this.scheduledExpiry = new Int32Array(cs.citizenships.length * this.R);
  }

  /**
   * Brings the schedules up to period t: exit, consideration and status times are drawn anew where
   * the period's hazard differs from the one they were drawn with, and agents a changed
   * retirement age reaches sooner are visited sooner.
   */
  beginPeriod(t: number, pExit: number, pConsider: number, retirePeriods: number): void {
    if (pExit !== this.scheduledExit || pConsider !== this.scheduledConsider) {
      this.reschedule(t, pExit !== this.scheduledExit, pConsider !== this.scheduledConsider, pExit, pConsider);
    }
    this.reschedulePermanence(t);
    if (t === 0) this.phaseInitialTerms(t);
    this.rescheduleExpiry(t);
    if (retirePeriods !== this.scheduledRetire) this.rescheduleRetirement(retirePeriods);
    this.retirePeriods = retirePeriods;
    this.kStatusNext = streamKey(this.seed, t, Purpose.StatusNext, 0);
  }

  /** The first period after t in which an agent born in period `born` turns 30, 40 or 50 (NEVER if none). */
  nextBand(born: number, t: number): number {
    const decade = 10 * this.ppy;
    if (born + 3 * decade > t) return born + 3 * decade;
    if (born + 4 * decade > t) return born + 4 * decade;
    if (born + 5 * decade > t) return born + 5 * decade;
    return NEVER;
  }

  /**
   * The first period after t with an event of agent i: exit, retirement, consideration, status
   * change, an age band (30, 40, 50), the start of a won visa.
   */
  nextEvent(i: number, t: number): number {
    const a = this.agents;
    let next = a.exitAt[i];
    const consider = a.considerAt[i];
    if (consider < next) next = consider;
    const status = a.statusAt[i];
    if (status < next) next = status;
    if ((a.flags[i] & Flag.Temporary) !== 0) {
      const expiry = this.nextExpiry(i, t);
      if (expiry < next) next = expiry;
    }
    const born = a.bornPeriod[i];
    const retire = born + this.retirePeriods;
    if (retire < next) next = retire;
    const band = this.nextBand(born, t);
    if (band < next) next = band;
    if ((a.flags[i] & Flag.Won) !== 0) {
      const start = this.lotteryStart[this.cs.regionLottery[a.pending[i] - 1]];
      if (start > t && start < next) next = start;
    }
    return next;
  }

  /** Time of a temporary status ending, for a stay with that status that begins in period t. */
  statusTimeFrom(t: number, i: number): number {
    const logStay = this.tables.permanenceLogStay[this.agents.citizenship[i] * this.R + this.agents.region[i]];
    return Math.min(
      NEVER,
      t + 1 + waitingPeriods(keyedExponentialSingle(this.kStatusNext, this.agents.id[i]), -logStay),
    );
  }

  /**
   * The first expiry after period t of temporary agent i's status (docs/model.md 3.3.9): a status
   * runs terms of its rule's `duration` from the start of the stay (`arrivedPeriod`), each renewal
   * starting the next term where the last ended, so expiries fall at arrivedPeriod + k * duration,
   * k >= 1. NEVER when the rule of its region gives no end.
   */
  nextExpiry(i: number, t: number): number {
    const a = this.agents;
    if (a.isGraduate(i)) return this.graduateExpiry(i, t);
    const term = this.tables.expiryPeriods[a.citizenship[i] * this.R + a.region[i]];
    if (term <= 0) return NEVER;
    const arrived = a.arrivedPeriod[i];
    const elapsed = t - arrived;
    const terms = elapsed < term ? 1 : Math.floor(elapsed / term) + 1;
    return Math.min(NEVER, arrived + terms * term);
  }

  /**
   * The end after period t of graduate i's status (docs/model.md 3.3.9): one term of its region's
   * lottery's `graduates.years` from its entry, none once it has won (the cap-gap extension
   * carries it to its start), NEVER if past.
   */
  private graduateExpiry(i: number, t: number): number {
    const a = this.agents;
    if ((a.flags[i] & Flag.Won) !== 0) return NEVER;
    const end = a.arrivedPeriod[i] + this.cs.lotteryGraduateTerm[this.cs.regionLottery[a.region[i]]];
    return end > t ? Math.min(NEVER, end) : NEVER;
  }

  /**
   * Whether temporary agent i's status reaches the end of a term in period t; for a graduate
   * (an application to its own region), the end of the graduate status.
   */
  expiresNow(i: number, t: number): boolean {
    const a = this.agents;
    if (a.isGraduate(i)) return this.graduateExpiry(i, t - 1) === t;
    const term = this.tables.expiryPeriods[a.citizenship[i] * this.R + a.region[i]];
    const elapsed = t - a.arrivedPeriod[i];
    return term > 0 && elapsed >= term && elapsed % term === 0;
  }

  /**
   * The initial population's temporary statuses began before the run, at unknown times: each
   * holder whose rule gives a term gets an arrival period that puts its first expiry uniformly
   * within the term, in period t + 1 + floor(u * term), so that the initial holders expire evenly
   * over the first term instead of all at once (docs/model.md 3.1). They count in no arrival
   * cohort (no "arrived" flag), so nothing else reads this arrival period.
   */
  private phaseInitialTerms(t: number): void {
    const a = this.agents;
    const expiryPeriods = this.tables.expiryPeriods;
    let any = false;
    for (let k = 0; k < expiryPeriods.length; k++) if (expiryPeriods[k] > 0) any = true;
    if (!any) return;
    const key = streamKey(this.seed, t, Purpose.InitExpiry, 0);
    for (let i = 0; i < a.used; i++) {
      const f = a.flags[i];
      if ((f & Flag.Active) === 0 || (f & Flag.Temporary) === 0) continue;
      const term = expiryPeriods[a.citizenship[i] * this.R + a.region[i]];
      if (term <= 0) continue;
      a.arrivedPeriod[i] = t + 1 + Math.floor(keyedUniform(key, a.id[i]) * term) - term;
    }
  }

  /**
   * Expiries: where the period's term of a (citizenship, region) differs from the one `nextAt`
   * accounts for, the temporary agents there are visited at their next expiry from period t on.
   */
  private rescheduleExpiry(t: number): void {
    const expiryPeriods = this.tables.expiryPeriods;
    const scheduled = this.scheduledExpiry;
    let changed = false;
    for (let k = 0; k < expiryPeriods.length; k++) if (expiryPeriods[k] !== scheduled[k]) changed = true;
    if (!changed) return;
    const a = this.agents;
    for (let i = 0; i < a.used; i++) {
      const f = a.flags[i];
      if ((f & Flag.Active) === 0 || (f & Flag.Temporary) === 0) continue;
      const expiry = this.nextExpiry(i, t - 1);
      if (expiry < a.nextAt[i]) a.nextAt[i] = expiry;
    }
    scheduled.set(expiryPeriods);
  }

  /**
   * An agent of the initial population: its exit, consideration and status times join `nextAt`
   * when the first period draws them; until then its next event is its next age band.
   */
  scheduleInitial(slot: number): void {
    const a = this.agents;
    a.statusAt[slot] = NEVER;
    a.nextAt[slot] = this.nextBand(a.bornPeriod[slot], -1);
  }

  /** The streams and rates of period t's entrants, before the first {@link scheduleEntrant}. */
  beginEntries(t: number): void {
    this.kExitTime = streamKey(this.seed, t, Purpose.ExitTime, 0);
    this.kConsiderTime = streamKey(this.seed, t, Purpose.ConsiderTime, 0);
    this.exitRate = -Math.log1p(-this.scheduledExit);
    this.considerRate = -Math.log1p(-this.scheduledConsider);
  }

  /**
   * An entrant of period t: exit, consideration and status times from the next period on (a
   * graduate's status time is NEVER; its status ends at its {@link nextExpiry}). One that
   * chooses its first job (`firstJob`, docs/model.md 3.3.12) looks around in period t + 1, in
   * place of a drawn consideration time.
   */
  scheduleEntrant(slot: number, t: number, firstJob: boolean): void {
    const a = this.agents;
    const id = a.id[slot];
    a.exitAt[slot] = Math.min(NEVER, t + 1 + waitingPeriods(keyedExponentialSingle(this.kExitTime, id), this.exitRate));
    a.considerAt[slot] = firstJob
      ? t + 1
      : Math.min(NEVER, t + 1 + waitingPeriods(keyedExponentialSingle(this.kConsiderTime, id), this.considerRate));
    // A graduate (waiting for its own region's lottery) has no permanence hazard until it starts.
    const holder = (a.flags[slot] & Flag.Temporary) !== 0 && !a.isGraduate(slot);
    a.statusAt[slot] = holder ? this.statusTimeFrom(t, slot) : NEVER;
    a.nextAt[slot] = this.nextEvent(slot, t);
  }

  /**
   * Draws exit and/or consideration times from period t for every active agent, but for the
   * previous period's entrants who choose their first job now (docs/model.md 3.3.12): that
   * choice is no consideration drawn from a rate, so a new rate does not withdraw it.
   */
  private reschedule(t: number, exits: boolean, consider: boolean, pExit: number, pConsider: number): void {
    const a = this.agents;
    const kExit = streamKey(this.seed, t, Purpose.ExitTime, 0);
    const kConsider = streamKey(this.seed, t, Purpose.ConsiderTime, 0);
    const exitRate = -Math.log1p(-pExit);
    const considerRate = -Math.log1p(-pConsider);
    for (let i = 0; i < a.used; i++) {
      if ((a.flags[i] & Flag.Active) === 0) continue;
      const id = a.id[i];
      if (exits) a.exitAt[i] = Math.min(NEVER, t + waitingPeriods(keyedExponentialSingle(kExit, id), exitRate));
      if (consider && !((a.flags[i] & Flag.FirstJob) !== 0 && entryPeriodOf(id) === t - 1))
        a.considerAt[i] = Math.min(NEVER, t + waitingPeriods(keyedExponentialSingle(kConsider, id), considerRate));
      a.nextAt[i] = Math.min(a.nextAt[i], a.exitAt[i], a.considerAt[i]);
    }
    this.scheduledExit = pExit;
    this.scheduledConsider = pConsider;
  }

  /**
   * Status changes: where the period's permanence probability of a (citizenship, region) differs
   * from the one its temporary agents' times were drawn with, draws their times anew from t.
   */
  private reschedulePermanence(t: number): void {
    const permanence = this.tables.permanence;
    const scheduled = this.scheduledPermanence;
    let changed = false;
    for (let k = 0; k < permanence.length; k++) if (permanence[k] !== scheduled[k]) changed = true;
    if (!changed) return;
    const a = this.agents;
    const R = this.R;
    const key = streamKey(this.seed, t, Purpose.StatusTime, 0);
    for (let i = 0; i < a.used; i++) {
      const f = a.flags[i];
      if ((f & Flag.Active) === 0 || (f & Flag.Temporary) === 0) continue;
      const cell = a.citizenship[i] * R + a.region[i];
      if (permanence[cell] === scheduled[cell]) continue;
      // A graduate's status cannot become permanent before it wins and starts.
      if (a.isGraduate(i)) continue;
      a.statusAt[i] = Math.min(
        NEVER,
        t + waitingPeriods(keyedExponentialSingle(key, a.id[i]), -this.tables.permanenceLogStay[cell]),
      );
      a.nextAt[i] = Math.min(a.nextAt[i], a.statusAt[i]);
    }
    scheduled.set(permanence);
  }

  /** Retirement: when the retirement age changes, agents it reaches sooner are visited sooner. */
  private rescheduleRetirement(retirePeriods: number): void {
    const a = this.agents;
    for (let i = 0; i < a.used; i++) {
      if ((a.flags[i] & Flag.Active) === 0) continue;
      const retire = a.bornPeriod[i] + retirePeriods;
      if (retire < a.nextAt[i]) a.nextAt[i] = Math.max(-NEVER, retire);
    }
    this.scheduledRetire = retirePeriods;
  }
}
