import { describe, expect, it } from "vitest";
import { scenarios } from "../../src/index";
import {
  applyPolicies,
  buildTables,
  compilePolicies,
  compileScenario,
  createMarketState,
  createPeriodParams,
  createTables,
  PeriodDriver,
} from "../../src/internal";

// alliance2026 over one year of burn-in and two reported years: its policies (talent exchange with
// 500 yearly places, cooperation, regulatory alignment) come into force at 2026.12, inside the run.
const scenario = () => scenarios.alliance2026({ agents: 1000, years: 2, burnInYears: 1 });

describe("PeriodDriver: the period kernel", () => {
  it(
    "driver.begin(t) builds, period by period, the parameters and tables " +
      "of the sequence it replaces (policies, investment0 at t = 0, tables)",
    () => {
      const cs = compileScenario(scenario());
      const driver = new PeriodDriver(cs);
      const cp = compilePolicies(cs);
      const pp = createPeriodParams(cs, cp.programs.length);
      const tables = createTables(cs);
      const market = createMarketState(cs, cp.programs.length);
      // The same lagged market state on both sides: supply and diaspora as a population would leave them.
      cs.regions.forEach((_, j) => {
        driver.market.supply[j] = market.supply[j] = 1000 * (j + 1);
        driver.market.diaspora[j] = market.diaspora[j] = 10 * (j + 1);
      });
      driver.startMarket();
      market.supply0.set(market.supply);
      const ppy = cs.scenario.periodsPerYear;
      expect(driver.totalPeriods).toBe(12);
      for (let t = 0; t < driver.totalPeriods; t++) {
        const time = cs.scenario.startYear - cs.scenario.burnInYears + t / ppy;
        applyPolicies(cs, cp, pp, time, t - ppy);
        if (t === 0)
          for (let j = 0; j < cs.regions.length; j++) market.investment0[j] = pp.vec[cs.off.region.investment + j];
        buildTables(cs, pp, cp.programs, market, tables, t / ppy, t - ppy);
        const built = driver.begin(t);
        expect([driver.timeOf(t), driver.reportPeriod(t)]).toEqual([time, t - ppy]);
        expect(built).toBe(driver.tables);
        expect(driver.params).toEqual(pp);
        expect(driver.tables).toEqual(tables);
        expect(driver.market).toEqual(market);
      }
    },
  );

  it(
    "driver.begin(t) changes the parameters when the policies " +
      "come into force, and keeps investment0 from period 0",
    () => {
      const driver = new PeriodDriver(compileScenario(scenario()));
      driver.begin(0);
      const before = driver.params.pairFrictionCut.slice();
      const investment0 = driver.market.investment0.slice();
      driver.begin(8); // 2027: the alliance is in force (the exchange cuts the friction between partners)
      expect(driver.params.pairFrictionCut).not.toEqual(before);
      expect(Math.max(...driver.params.pairFrictionCut)).toBeGreaterThan(0);
      expect(driver.market.investment0).toEqual(investment0);
    },
  );

  it("new PeriodDriver(cs, { programScale }) opens the programs' places in agents; without it none is opened", () => {
    const cs = compileScenario(scenario());
    const modelled = new PeriodDriver(cs, { programScale: 2 });
    const ignored = new PeriodDriver(cs, { programChance: 0 });
    expect(modelled.policies.programs.length).toBeGreaterThan(0);
    expect(Array.from(ignored.market.programChance)).toEqual(ignored.policies.programs.map(() => 0));
    for (let t = 0; t <= 8; t++) {
      modelled.begin(t);
      ignored.begin(t);
    }
    // At t = 8 (2027.0) the exchange is active: 500 places a year per destination, 2 people per agent.
    expect(Array.from(modelled.programRemaining)).toEqual(modelled.policies.programs.map((p) => p.places / 2));
    expect(Array.from(ignored.programRemaining)).toEqual(ignored.policies.programs.map(() => 0));
  });
});
