/**
 * The period view: one reported period's aggregates in people, keyed by the scenario's codes, as
 * observers and `Simulation.step()`/`snapshot()` give them to the user.
 */
import type { PeriodRecord } from "../engine/_periodRecord";
import type { CompiledScenario } from "../kernel/_compile";

/**
 * Read-only aggregates of one period, keyed by region, citizenship or `ORIGIN->DESTINATION`.
 * Counts are in people. Observers receive it once per period; `snapshot()` returns the latest.
 */
export interface PeriodView {
  /** Reported period index (0 = the first period of startYear). */
  readonly period: number;
  /** Calendar time of the period's start. */
  readonly year: number;
  readonly stock: Readonly<Record<string, number>>;
  /** stockByCitizenship[region][citizenship]. */
  readonly stockByCitizenship: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly entries: Readonly<Record<string, number>>;
  readonly exits: Readonly<Record<string, number>>;
  /** flows["DE->CA"]: people who moved in the period. */
  readonly flows: Readonly<Record<string, number>>;
  readonly meanSkill: Readonly<Record<string, number>>;
  readonly meanWage: Readonly<Record<string, number>>;
  readonly researchers: Readonly<Record<string, number>>;
  readonly topDecileShare: Readonly<Record<string, number>>;
  readonly brainDrain: Readonly<Record<string, number>>;
  readonly welfare: number;
}

/**
 * Builds the view of one period's record: counts multiplied by `scale` (people per agent), each
 * array keyed by the scenario's region, citizenship or pair codes. A new object on every call, so
 * that what one observer does to its view no other sees.
 */
export function periodView(rec: PeriodRecord, cs: CompiledScenario, scale: number): PeriodView {
  const R = cs.regions.length;
  const byRegion = (values: Float64Array, factor = 1) =>
    Object.fromEntries(cs.regions.map((r, j) => [r, values[j] * factor]));
  const flows: Record<string, number> = {};
  cs.regions.forEach((a, r) =>
    cs.regions.forEach((b, j) => {
      if (r !== j) flows[`${a}->${b}`] = rec.flows[r * R + j] * scale;
    }),
  );
  return {
    period: rec.period,
    year: rec.time,
    stock: byRegion(rec.stock, scale),
    stockByCitizenship: Object.fromEntries(
      cs.regions.map((r, j) => [
        r,
        Object.fromEntries(cs.citizenships.map((c, k) => [c, rec.stockByCitizenship[k * R + j] * scale])),
      ]),
    ),
    entries: byRegion(rec.entries, scale),
    exits: byRegion(rec.exits, scale),
    flows,
    meanSkill: byRegion(rec.meanSkill),
    meanWage: byRegion(rec.meanWage),
    researchers: byRegion(rec.researchers, scale),
    topDecileShare: byRegion(rec.topDecileShare),
    brainDrain: Object.fromEntries(cs.citizenships.map((c, k) => [c, rec.brainDrain[k]])),
    welfare: rec.welfare,
  };
}
