import { describe, expect, it } from "vitest";
import {
  BASELINE_MOMENTS,
  BASELINE_TARGETS,
  EXCLUDED_MOMENTS,
  meanField,
  momentValue,
  type Scenario,
  scenarios,
  type TidyRow,
  ValidationError,
} from "../../src/index";
import {
  burnInGrowth,
  citizenshipAbroad,
  citizenshipShare,
  cohortExit,
  firstSelectionRate,
  inflowShareFrom,
  mobilityRate,
  netInflowRate,
  stockShare,
  topResearchersAbroad,
  wageGap,
} from "../../src/scenarios/_momentCounterparts";
import { issuePaths } from "../_issues";
import { NEUTRAL_BEHAVIOR, OPEN, region, tinyWorld } from "../_worlds";

/** A tidy row with the dimensions given and the rest empty. */
function row(period: number, metric: string, value: number, dims: Partial<TidyRow> = {}): TidyRow {
  return {
    run: "hand",
    scenario: "hand",
    replicate: 0,
    seed: 0,
    period,
    year: 2030 + period / 2,
    metric,
    region: "",
    origin: "",
    destination: "",
    citizenship: "",
    value,
    ...dims,
  };
}

/**
 * Rows written by hand for a world of regions A (country AA), B (BB), C (CC), two periods a year,
 * two reported years after two of burn-in; A starts with 1,000 people.
 */
function handWorld(): { scenario: Scenario; rows: TidyRow[] } {
  const scenario = tinyWorld({
    years: 2,
    periodsPerYear: 2,
    burnInYears: 2,
    citizenships: { X: { home: "A", network: 1 }, Y: { home: "B", network: 1 } },
    regions: { A: region("AA", 1000), B: region("BB", 800), C: region("CC", 100) },
  });
  const rows: TidyRow[] = [];
  // Stocks: A 1,200 then 1,300, 1,400, 1,500; B 800 in every period; C 100.
  [1200, 1300, 1400, 1500].forEach((a, p) => {
    rows.push(row(p, "stock", a, { region: "A" }), row(p, "stock", 800, { region: "B" }));
    rows.push(row(p, "stock", 100, { region: "C" }));
    // A holds 900 X and the rest Y; B holds 200 X and 600 Y; C 100 Y.
    rows.push(row(p, "stockByCitizenship", 900, { region: "A", citizenship: "X" }));
    rows.push(row(p, "stockByCitizenship", a - 900, { region: "A", citizenship: "Y" }));
    rows.push(row(p, "stockByCitizenship", 200, { region: "B", citizenship: "X" }));
    rows.push(row(p, "stockByCitizenship", 600, { region: "B", citizenship: "Y" }));
    rows.push(row(p, "stockByCitizenship", 100, { region: "C", citizenship: "Y" }));
    // Flows each period: B->A 30, A->B 10, C->A 20, A->C 5.
    rows.push(
      row(p, "flow", 30, { origin: "B", destination: "A" }),
      row(p, "flow", 10, { origin: "A", destination: "B" }),
    );
    rows.push(
      row(p, "flow", 20, { origin: "C", destination: "A" }),
      row(p, "flow", 5, { origin: "A", destination: "C" }),
    );
    rows.push(row(p, "brainDrain", 0.1 * (p + 1), { citizenship: "X" }));
    rows.push(row(p, "topResearchersAbroad", 0.4 + 0.01 * p));
    rows.push(row(p, "meanWage", 50_000, { region: "A" }), row(p, "meanWage", 100_000 + 10_000 * p, { region: "B" }));
    rows.push(row(p, "meanWage", 20_000, { region: "C" }));
  });
  // Period 0's accounting for A: 1,200 = start + 60 entries - 10 exits + 50 inflows - 15 outflows.
  rows.push(row(0, "entries", 60, { region: "A" }), row(0, "exits", 10, { region: "A" }));
  rows.push(row(0, "inflows", 50, { region: "A" }), row(0, "outflows", 15, { region: "A" }));
  // Two closed five-year windows for country AA and one for BB.
  rows.push(row(1, "cohortExit5y", 0.2, { region: "AA" }), row(3, "cohortExit5y", 0.3, { region: "AA" }));
  rows.push(row(3, "cohortExit5y", 0.9, { region: "BB" }));
  rows.push(row(2, "selectionRate", 0.35, { region: "B" }), row(3, "selectionRate", 0.5, { region: "B" }));
  return { scenario, rows };
}

describe("moment counterparts on rows written by hand", () => {
  const world = handWorld();

  it("netInflowRate(A, [B], 1) is net moves into A from B per year over A's mean stock", () => {
    // First year: (30 - 10) x 2 periods = 40 net; mean stock (1,200 + 1,300) / 2 = 1,250.
    expect(netInflowRate("A", ["B"], 1).compute(world)).toBe(40 / 1250);
    // Two years: 80 net over 2 years, mean stock 1,350.
    expect(netInflowRate("A", ["B"], 2).compute(world)).toBe(80 / 1350 / 2);
    // From B and C: (30 - 10 + 20 - 5) x 2 = 70 in the first year.
    expect(netInflowRate("A", ["B", "C"], 1).compute(world)).toBe(70 / 1250);
    // B's view of the same flows: it loses 40 a year over a stock of 800.
    expect(netInflowRate("B", ["A"], 1).compute(world)).toBe(-40 / 800);
  });

  it("inflowShareFrom(A, [B], 2) is the share of moves into A that come from B", () => {
    expect(inflowShareFrom("A", ["B"], 2).compute(world)).toBe(120 / 200);
  });

  it("citizenshipShare gives the foreign share of a stock, pooled over the window", () => {
    // Non-X in A, first year: (300 + 400) / (1,200 + 1,300).
    expect(citizenshipShare(["A"], ["X"], 1, true).compute(world)).toBe(1 - 1800 / 2500);
    expect(citizenshipShare(["B"], ["X"], 2).compute(world)).toBe(800 / 3200);
    expect(stockShare(["A"], ["A", "B"], 1).compute(world)).toBe(2500 / 4100);
  });

  it("burnInGrowth([A]) is the annual growth from the initial stock to the start of period 0", () => {
    // Start of period 0: 1,200 - 60 + 10 - 50 + 15 = 1,115, after two years from 1,000.
    expect(burnInGrowth(["A"]).compute(world)).toBe(Math.sqrt(1.115) - 1);
  });

  it("cohortExit(AA) is the mean of the country's closed five-year windows", () => {
    expect(cohortExit("AA").compute(world)).toBe(0.25);
    expect(cohortExit("BB").compute(world)).toBe(0.9);
  });

  it("citizenshipAbroad(brainDrain, X, 1) is the mean share of X working outside its country in the window", () => {
    // Sums of decimals: equal to the last bits of a double.
    expect(citizenshipAbroad("brainDrain", "X", 1).compute(world)).toBeCloseTo(0.15, 15);
    expect(topResearchersAbroad(2).compute(world)).toBeCloseTo(0.415, 15);
  });

  it("mobilityRate, firstSelectionRate and wageGap read moves, the first draw and stock-weighted wages", () => {
    // Out of A and B per period: 15 + 30 = 45; two periods; mean stock of A+B (2,000 + 2,100) / 2.
    expect(mobilityRate(["A", "B"], 1).compute(world)).toBe(90 / 2050);
    expect(firstSelectionRate("B").compute(world)).toBe(0.35);
    // First year: A 50,000; B and C weighted: (800 x 100,000 + 800 x 110,000 + 200 x 20,000) / 1,800.
    const others = (800 * 100_000 + 800 * 110_000 + 200 * 20_000) / 1800;
    expect(wageGap("A", ["B", "C"], 1).compute(world)).toBe(50_000 / others - 1);
  });
});

/** Behaviour in which everyone goes home in the first period (a home bias of 20 logit units). */
const HOMECOMING: Scenario["behavior"] = { ...NEUTRAL_BEHAVIOR, homeBias: 20 };

/**
 * CA (country CA) 1,000 people, 80% X (home CA) and 20% Y (home SV); SV (country US) 1,000, 30% X
 * and 70% Y; C (country CC) 1,000, 10% X and 90% Z. In the first period everyone goes home: 300 X
 * move SV->CA, 100 X C->CA, 200 Y CA->SV, so CA ends with 1,200 people.
 */
function homecoming(behavior = HOMECOMING): Scenario {
  return tinyWorld({
    behavior,
    citizenships: { X: { home: "CA", network: 1 }, Y: { home: "SV", network: 1 }, Z: { home: "C", network: 1 } },
    regions: {
      CA: region("CA", 1000, { initialCitizenship: { X: 0.8, Y: 0.2 } }),
      SV: region("US", 1000, { initialCitizenship: { X: 0.3, Y: 0.7 } }),
      C: region("CC", 1000, { initialCitizenship: { X: 0.1, Z: 0.9 } }),
    },
    movingCost: { "CA<->SV": 0.5, "CA<->C": 0.5, "SV<->C": 0.5 },
    visas: { CA: { "*": OPEN }, SV: { "*": OPEN }, C: { "*": OPEN } },
  });
}

/** Relative tolerance for the home-bias worlds: e^-20 of each choice leaks away (~2e-9 of the movers). */
const LEAK = 1e-7;

describe("moment counterparts on tiny worlds, projected by meanField", () => {
  it("netInflowRate is 100 / 1,200 for CA from SV when everyone goes home", () => {
    const mf = meanField(homecoming());
    expect(Math.abs(netInflowRate("CA", ["SV"], 1).compute(mf) / (100 / 1200) - 1)).toBeLessThan(LEAK);
    expect(Math.abs(netInflowRate("CA", ["SV", "C"], 1).compute(mf) / (200 / 1200) - 1)).toBeLessThan(LEAK);
    expect(Math.abs(inflowShareFrom("CA", ["SV"], 1).compute(mf) / 0.75 - 1)).toBeLessThan(LEAK);
  });

  it("citizenshipShare and citizenshipAbroad give the initial mixes exactly when nobody moves", () => {
    const still = meanField(homecoming({ ...NEUTRAL_BEHAVIOR, considerRate: 0 }));
    // Non-X in CA: 200 of 1,000. X abroad: (300 + 100) of 1,200.
    expect(citizenshipShare(["CA"], ["X"], 1, true).compute(still)).toBeCloseTo(0.2, 12);
    expect(citizenshipShare(["SV"], ["X", "Y"], 1).compute(still)).toBeCloseTo(1, 12);
    expect(citizenshipAbroad("brainDrain", "X", 1).compute(still)).toBeCloseTo(1 / 3, 12);
  });

  it("burnInGrowth equals the growth of the same two years in a run that reports them", () => {
    const growing = (burnInYears: number, startYear: number, years: number) =>
      tinyWorld({
        startYear,
        burnInYears,
        years,
        behavior: { ...NEUTRAL_BEHAVIOR, considerRate: 0 },
        regions: { A: region("AA", 1000, { entrants: 100 }), B: region("BB", 500), C: region("CC", 0) },
      });
    const withBurnIn = meanField(growing(2, 2030, 1));
    const reported = meanField(growing(0, 2028, 2));
    const stockAfterTwoYears = reported.stock.A[1];
    expect(stockAfterTwoYears).toBeGreaterThan(1100); // entrants outweigh retirement: the check is not trivial
    expect(burnInGrowth(["A"]).compute(withBurnIn)).toBeCloseTo(Math.sqrt(stockAfterTwoYears / 1000) - 1, 9);
  });
});

describe("momentValue(moment, result)", () => {
  const moment = (name: string) => {
    const m = BASELINE_MOMENTS.find((x) => x.name === name);
    if (m === undefined) throw new Error(`no moment ${name}`);
    return m;
  };

  it("momentValue(m, meanField(s)) names the metric the projection lacks instead of returning NaN", () => {
    const mf = meanField(scenarios.baseline({ years: 1 }), { skillBins: 4 });
    const call = () => momentValue(moment("us_migrant_exit_within_5y"), mf);
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(/cohortExit5y.*mean-field/);
    expect(momentValue(moment("sv_share_of_us_ai"), mf)).toBeGreaterThan(0);
  });

  it("momentValue(m, result) fails on scenario.years when the run is shorter than the window", () => {
    const mf = meanField(scenarios.baseline({ years: 1 }), { skillBins: 4 });
    expect(issuePaths(() => momentValue(moment("ca_us_net_tech_flow_rate"), mf))).toEqual(["scenario.years"]);
  });

  it("momentValue(stock growth, result) fails on scenario.burnInYears without a burn-in", () => {
    const mf = meanField(scenarios.baseline({ years: 1, burnInYears: 0 }), { skillBins: 4 });
    expect(issuePaths(() => momentValue(moment("stock_growth_DE"), mf))).toEqual(["scenario.burnInYears"]);
  });
});

describe("BASELINE_MOMENTS", () => {
  it("BASELINE_MOMENTS and EXCLUDED_MOMENTS have unique ids and names, finite values and positive SEs", () => {
    const all = [...BASELINE_MOMENTS, ...EXCLUDED_MOMENTS];
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    expect(new Set(all.map((m) => m.name)).size).toBe(all.length);
    for (const m of all) {
      expect(Number.isFinite(m.value), m.id).toBe(true);
      expect(m.se, m.id).toBeGreaterThan(0);
    }
    for (const m of EXCLUDED_MOMENTS) expect(m.reason.length, m.id).toBeGreaterThan(20);
  });

  it("BASELINE_MOMENTS carries a counterpart for every current target except the 0.25 of three top schools", () => {
    const names = new Set(BASELINE_MOMENTS.map((m) => m.name));
    const missing = BASELINE_TARGETS.map((t) => t.moment).filter((name) => !names.has(name));
    expect(missing).toEqual(["canada_stem_grads_abroad_share"]);
  });
});
