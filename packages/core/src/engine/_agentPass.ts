/**
 * Steps 2, 4, 5, 6 and 8 of docs/model.md 1.3 in one pass over the agents: exit, scheduled move,
 * decision, status change, observation. Each agent's events depend only on its own columns, its
 * own keyed draws and the period's tables (built from the previous period's aggregates), never
 * on another agent's state this period, so fusing the steps leaves every result as if they ran
 * one after another.
 */
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodTables } from "../kernel/_tables";
import { Purpose, keyedExponentialSingle, keyedUniform, streamKey } from "../random/keyed";
import { Flag, type AgentColumns } from "./_agentColumns";
import type { Aggregates } from "./_aggregates";
import type { Decision } from "./_decide";
import type { EventCounts } from "./_eventCounts";
import type { Moves } from "./_moves";
import { DUE_CHUNK, NEVER, collectDue, waitingPeriods, type Schedule } from "./_schedule";

/** What the pass reads and where its events go. */
export interface PassParts {
  readonly cs: CompiledScenario;
  readonly agents: AgentColumns;
  readonly aggregates: Aggregates;
  readonly counts: EventCounts;
  readonly schedule: Schedule;
  readonly decision: Decision;
  readonly moves: Moves;
  readonly tables: PeriodTables;
  readonly seed: number;
}

/** The pass over the agents whose next event has come. */
export class AgentPass {
  /** Scratch: the due slots of one chunk of the pass. */
  private readonly dueSlots = new Int32Array(DUE_CHUNK);
  private readonly parts: PassParts;

  constructor(parts: PassParts) {
    this.parts = parts;
  }

  /**
   * Visits every agent due in period t. Agents born by `retireBorn` retire; pConsider is the
   * period's consideration probability; `startsNow` says per lottery whether its winners start.
   * Hot path: typed arrays and the period's tables only, no allocation. Every event of an agent
   * is scheduled, so an agent whose next event has not come (most of them) costs one comparison;
   * the aggregates change only where an event changes them.
   */
  run(t: number, retireBorn: number, pConsider: number, startsNow: Uint8Array): void {
    const { cs, agents: a, aggregates, schedule, decision, moves, seed } = this.parts;
    const { exits, admissions } = this.parts.counts;
    const R = cs.regions.length;
    const {
      id: ids,
      region,
      citizenship,
      bornPeriod,
      flags,
      pending,
      type,
      bin,
      exitAt,
      considerAt,
      statusAt,
      nextAt,
    } = a;
    const renewal = this.parts.tables.renewal;
    const kNext = streamKey(seed, t, Purpose.ConsiderNext, 0);
    const kRenew = streamKey(seed, t, Purpose.Renewal, 0);
    const considerRate = -Math.log1p(-pConsider);
    const { edge30, edge40, edge50 } = aggregates;
    const used = a.used;
    const dueSlots = this.dueSlots;
    for (let start = 0; start < used; start += DUE_CHUNK) {
      const n = collectDue(nextAt, start, Math.min(used, start + DUE_CHUNK), t, dueSlots);
      for (let k = 0; k < n; k++) {
        const i = dueSlots[k];
        const f = flags[i];
        if ((f & Flag.Active) === 0) {
          nextAt[i] = NEVER;
          continue;
        }
        const born = bornPeriod[i];
        // Observation: an agent turning 30, 40 or 50 moves to the next age band.
        if (born === edge30 || born === edge40 || born === edge50) aggregates.crossAgeBand(type[i], bin[i], born);
        if (born <= retireBorn || exitAt[i] <= t) {
          aggregates.accumulate(i, -1);
          exits[region[i]]++;
          flags[i] = 0;
          pending[i] = 0;
          nextAt[i] = NEVER;
          a.release(i);
          continue;
        }
        const id = ids[i];
        let moved = false;
        const due = considerAt[i] <= t;
        if (due) {
          const next = t + 1 + waitingPeriods(keyedExponentialSingle(kNext, id), considerRate);
          // biome-ignore lint/complexity/useMathMinMax: a NaN wait must become NEVER, which Math.min would not do
          considerAt[i] = next < NEVER ? next : NEVER;
        }
        const p = pending[i];
        // A graduate waits for its own region's lottery (docs/model.md 3.3.12).
        const graduate = a.isGraduate(i);
        if (p !== 0 && (f & Flag.Won) !== 0 && startsNow[cs.regionLottery[p - 1]] === 1) {
          pending[i] = 0;
          flags[i] = f & ~Flag.Won;
          admissions[p - 1]++;
          if (graduate) moves.convert(i, t);
          else moves.move(i, p - 1, t, moves.temporaryFor(i, p - 1));
          moved = true;
        }
        if (!moved && (flags[i] & Flag.Temporary) !== 0 && schedule.expiresNow(i, t)) {
          // The temporary status reaches the end of its term (docs/model.md 3.3.9): renewed for
          // another term, or the holder must leave, and a pending application lapses with the
          // status. Either way this is the agent's decision of the period. The graduate status
          // is never renewed.
          if (graduate || !(keyedUniform(kRenew, id) < renewal[citizenship[i] * R + region[i]])) {
            pending[i] = 0;
            flags[i] &= ~Flag.Won;
            decision.decideForced(i, id, region[i], t);
            moved = true;
          }
        } else if (p === 0 && due) {
          moved = decision.decide(i, id, region[i], t);
        }
        const g = flags[i];
        if (!moved && (g & Flag.Temporary) !== 0 && statusAt[i] <= t) {
          aggregates.accumulate(i, -1);
          flags[i] = g & ~Flag.Temporary;
          statusAt[i] = NEVER;
          a.retype(i, R);
          aggregates.accumulate(i, 1);
        }
        nextAt[i] = schedule.nextEvent(i, t);
      }
    }
  }
}
