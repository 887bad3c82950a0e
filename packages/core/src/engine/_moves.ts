/** Moving an agent to another region, with everything a move changes. */
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodTables } from "../kernel/_tables";
import { Flag, type AgentColumns } from "./_agentColumns";
import type { Aggregates } from "./_aggregates";
import { COHORT_YEARS, type EventCounts } from "./_eventCounts";
import { NEVER, type Schedule } from "./_schedule";

/** Moves agents between regions: the decision's moves, lottery winners starting, program places; graduates' start. */
export class Moves {
  private readonly cs: CompiledScenario;
  private readonly agents: AgentColumns;
  private readonly tables: PeriodTables;
  private readonly aggregates: Aggregates;
  // The counters a move adds to, held directly (one load each in the hot path).
  private readonly flows: Float64Array;
  private readonly returnMoves: Float64Array;
  private readonly cohortArrivals: Float64Array;
  private readonly cohortLeft: Float64Array;
  private readonly schedule: Schedule;
  /** Per (region j, citizenship c) at j * C + c: 1 where the period's rule grants permanent residence. */
  private readonly rulePermanent: Uint8Array;
  private readonly C: number;
  private readonly R: number;
  private readonly K: number;
  private readonly ppy: number;

  constructor(
    cs: CompiledScenario,
    agents: AgentColumns,
    tables: PeriodTables,
    aggregates: Aggregates,
    counts: EventCounts,
    schedule: Schedule,
    rulePermanent: Uint8Array,
  ) {
    this.cs = cs;
    this.agents = agents;
    this.tables = tables;
    this.aggregates = aggregates;
    this.flows = counts.flows;
    this.returnMoves = counts.returnMoves;
    this.cohortArrivals = counts.cohortArrivals;
    this.cohortLeft = counts.cohortLeft;
    this.schedule = schedule;
    this.rulePermanent = rulePermanent;
    this.C = cs.citizenships.length;
    this.R = cs.regions.length;
    this.K = cs.countries.length;
    this.ppy = cs.scenario.periodsPerYear;
  }

  /**
   * A graduate who won its region's lottery starts work where it is (docs/model.md 3.3.6): no
   * move, no flow, no cohort; its status becomes its rule's (permanent if the rule grants it),
   * whose term and permanence hazard run from now (arrivedPeriod = t, which only the status's
   * terms read for an agent without the "arrived" flag). The caller has cleared `pending`.
   */
  convert(i: number, t: number): void {
    const a = this.agents;
    this.aggregates.accumulate(i, -1);
    const temporary = this.rulePermanent[a.region[i] * this.C + a.citizenship[i]] === 0;
    a.flags[i] = temporary ? a.flags[i] | Flag.Temporary : a.flags[i] & ~Flag.Temporary;
    a.arrivedPeriod[i] = t;
    this.startStay(i, t);
  }

  /** Whether agent i would hold a temporary status in region j (1) or not (0), this period. */
  temporaryFor(i: number, j: number): number {
    return this.tables.moveTemp[this.agents.type[i] * this.R + j];
  }

  /** Moves agent i to region j: flows, status, arrival cohort, return moves, aggregates. */
  move(i: number, j: number, t: number, temporary: number): void {
    const a = this.agents;
    const cs = this.cs;
    this.aggregates.accumulate(i, -1);
    const r = a.region[i];
    const c = a.citizenship[i];
    this.flows[r * this.R + j]++;
    const rc = cs.regionCountry[r];
    const jc = cs.regionCountry[j];
    let f = a.flags[i];
    if (rc !== jc) {
      const K = this.K;
      // A migrant leaving the country it arrived in within five years counts for its cohort.
      if ((f & Flag.Arrived) !== 0 && cs.citizenCountry[c] !== rc && t - a.arrivedPeriod[i] < COHORT_YEARS * this.ppy) {
        this.cohortLeft[Math.floor(a.arrivedPeriod[i] / this.ppy) * K + rc]++;
      }
      if (cs.citizenCountry[c] !== jc) this.cohortArrivals[Math.floor(t / this.ppy) * K + jc]++;
      if (j === a.home[i]) this.returnMoves[c]++;
      a.arrivedPeriod[i] = t;
      f |= Flag.Arrived;
      f = temporary ? f | Flag.Temporary : f & ~Flag.Temporary;
    }
    a.flags[i] = f;
    a.region[i] = j;
    this.startStay(i, t);
  }

  /**
   * The stay agent i begins in period t, after its region and status are set: a temporary status
   * converts at its region's rate from next period, and runs its rule's term from arrivedPeriod
   * (a move between countries or a graduate's start set it to t; a move within the country keeps
   * the status and its term); then the type and the aggregates follow.
   */
  private startStay(i: number, t: number): void {
    const a = this.agents;
    const temporary = (a.flags[i] & Flag.Temporary) !== 0;
    a.statusAt[i] = temporary ? this.schedule.statusTimeFrom(t, i) : NEVER;
    if (a.statusAt[i] < a.nextAt[i]) a.nextAt[i] = a.statusAt[i];
    if (temporary) {
      const expiry = this.schedule.nextExpiry(i, t);
      if (expiry < a.nextAt[i]) a.nextAt[i] = expiry;
    }
    a.retype(i, this.R);
    this.aggregates.accumulate(i, 1);
  }
}
