import { describe, expect, it } from "vitest";
import { scenarios, type Scenario } from "../../src/index";
import { compileScenario } from "../../src/kernel/_compile";
import { Engine } from "../../src/engine/_engine";
import type { PeriodRecord } from "../../src/engine/_periodRecord";

/**
 * Accounting identities of every reported period on every built-in scenario (small sizes, so the
 * identities are checked on every period, not on a sample). Counts are in agents, where they are
 * whole numbers, so every identity holds exactly.
 */
const BUILT_IN: Array<[string, () => Scenario]> = [
  ["baseline", () => scenarios.baseline({ agents: 4000, burnInYears: 1, years: 5 })],
  ["alliance2026", () => scenarios.alliance2026({ agents: 4000, burnInYears: 1, years: 5 })],
  ["usFeeLapses", () => scenarios.usFeeLapses({ agents: 4000, burnInYears: 1, years: 5 })],
  ["canadaFastTrack", () => scenarios.canadaFastTrack({ agents: 4000, burnInYears: 1, years: 5 })],
  ["germanyEnglishJobs", () => scenarios.germanyEnglishJobs({ agents: 4000, burnInYears: 1, years: 5 })],
];

/** Fields that count agents or people and may never be negative. */
const COUNTS: Array<keyof PeriodRecord> = [
  "stock",
  "stockByCitizenship",
  "researchers",
  "entries",
  "exits",
  "flows",
  "applications",
  "admissions",
  "lotteryEntrants",
  "lotteryWinners",
  "returnMoves",
];

describe("accounting identities", () => {
  it.each(BUILT_IN)("hold in every period of %s", (name, make) => {
    const scenario = make();
    const engine = new Engine(compileScenario(scenario), { seed: 21 });
    const { R, C } = engine;
    const cs = engine.cs;
    let previous: Float64Array | undefined;
    let periods = 0;
    let moved = 0;
    let admitted = 0;
    let drawn = 0;
    const history = new Map<number, PeriodRecord>();
    while (!engine.done) {
      const rec = engine.step();
      if (!rec) continue;
      periods++;
      const at = `${name}, period ${rec.period}`;
      const before = previous ?? engine.startStock;
      for (const field of COUNTS) {
        const values = rec[field] as Float64Array;
        values.forEach((v, k) => expect(v, `${at}: ${String(field)}[${k}]`).toBeGreaterThanOrEqual(0));
      }
      for (let j = 0; j < R; j++) {
        let inflow = 0;
        let outflow = 0;
        for (let r = 0; r < R; r++) {
          if (r === j) continue;
          inflow += rec.flows[r * R + j];
          outflow += rec.flows[j * R + r];
        }
        expect(rec.flows[j * R + j], `${at}: flow from ${cs.regions[j]} to itself`).toBe(0);
        // stock(t) = stock(t - 1) + inflows - outflows + entries - exits.
        expect(rec.stock[j], `${at}: stock of ${cs.regions[j]}`).toBe(
          before[j] + inflow - outflow + rec.entries[j] - rec.exits[j],
        );
        let byCitizenship = 0;
        for (let c = 0; c < C; c++) byCitizenship += rec.stockByCitizenship[c * R + j];
        expect(byCitizenship, `${at}: stock by citizenship in ${cs.regions[j]}`).toBe(rec.stock[j]);
        expect(rec.researchers[j], `${at}: researchers in ${cs.regions[j]}`).toBeLessThanOrEqual(rec.stock[j]);
        // Admissions come from this period's applications, except lottery winners who start now
        // (they applied before the draw of period t - startDelay).
        const l = cs.regionLottery[j];
        const startingWinners =
          l >= 0 ? (history.get(rec.period - cs.lotteryStartDelay[l])?.lotteryWinners[j] ?? Infinity) : 0;
        expect(
          rec.admissions[j],
          `${at}: admissions to ${cs.regions[j]} <= applications + starting winners`,
        ).toBeLessThanOrEqual(rec.applications[j] + startingWinners);
        // Every admission is a move into j, except a graduate's conversion in place, which is one
        // of the lottery's winners who start now (docs/model.md 3.3.6).
        expect(
          rec.admissions[j],
          `${at}: admissions to ${cs.regions[j]} <= moves into it + starting winners`,
        ).toBeLessThanOrEqual(inflow + startingWinners);
        if (l < 0 || cs.lotteryGraduateTerm[l] === 0)
          expect(rec.admissions[j], `${at}: admissions to ${cs.regions[j]} <= moves into it`).toBeLessThanOrEqual(
            inflow,
          );
        moved += inflow;
        admitted += rec.admissions[j];
      }
      // Lottery winners: no more than the period's cap (in agents, rounded up for the fractional
      // place), no more than the pool, and a selection rate in [0, 1].
      for (let l = 0; l < cs.lotteries.length; l++) {
        let winners = 0;
        for (let j = 0; j < R; j++) if (cs.regionLottery[j] === l) winners += rec.lotteryWinners[j];
        const cap = engine.pp.vec[cs.off.lottery.cap + l] / engine.scale;
        expect(winners, `${at}: winners of ${cs.lotteries[l]}`).toBeLessThanOrEqual(Math.ceil(cap));
        drawn += winners;
      }
      rec.selectionRate.forEach((v, j) => {
        if (!Number.isNaN(v)) {
          expect(v, `${at}: selection rate in ${cs.regions[j]}`).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      });
      previous = rec.stock;
      history.set(rec.period, rec);
    }
    expect(periods).toBe(scenario.years * scenario.periodsPerYear);
    // The identities were exercised: people moved, and some moves needed an admission.
    expect(moved).toBeGreaterThan(0);
    expect(admitted).toBeGreaterThan(0);
    if (cs.lotteries.length > 0) expect(drawn).toBeGreaterThan(0);
  });
});
