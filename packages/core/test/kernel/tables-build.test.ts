import { describe, expect, it } from "vitest";
import { assertValidScenario, type Scenario } from "../../src/index";
import { NonFiniteError } from "../../src/errors";
import { compileScenario, type CompiledScenario } from "../../src/kernel/_compile";
import {
  applyPolicies,
  compilePolicies,
  createPeriodParams,
  type PeriodParams,
  type Program,
} from "../../src/kernel/_period";
import { typeIndex } from "../../src/kernel/_agentType";
import {
  Admit,
  buildTables,
  createMarketState,
  createTables,
  wageLevel,
  type MarketState,
  type PeriodTables,
} from "../../src/kernel/_tables";
import { NEUTRAL_BEHAVIOR, OPEN, region } from "../_worlds";

/**
 * buildTables against docs/model.md 3.3.2 (utility), 3.3.5 (admission), 3.3.8 (programs) and
 * 3.3.11 (tax incentives), entry by entry, in a world small enough to write every expected
 * number from the scenario's own fields: four regions (A in AA, B and B2 both in BB, C in CC),
 * four citizenships (X of AA, Y and V of BB, W of CC), free movement between AA and CC, every
 * rule kind (open, probability, threshold, lottery, a rule that admits nobody), wage feedback
 * on, and period parameters (talent-exchange boosts, friction and moving-cost cuts, processing
 * delays, tax incentives, programs) set by hand after the period's policies.
 *
 * Expected values are summed in the order of the docs' formula, not the code's, so they are
 * compared to 1e-12 relative (float rounding of a different summation order); every term
 * tested is of order 0.01 or more, so a wrong term cannot hide inside that tolerance.
 */

const PPY = 4;
const YEARS = 1.75; // years since the start of the run (drives demand growth)
const REPORT_PERIOD = 3;

const REGIONS = {
  A: region("AA", 1000, {
    grossWage: 100_000,
    skillReturn: 0.5,
    taxRate: 0.3,
    costOfLiving: 1,
    investment: 10,
    amenity: 0.1,
    researchEcosystem: 0.3,
    englishJobShare: 1,
    demandGrowth: 0.02,
  }),
  B: region("BB", 1000, {
    grossWage: 140_000,
    skillReturn: 0.4,
    taxRate: 0.4,
    costOfLiving: 0.9,
    investment: 5,
    amenity: -0.2,
    researchEcosystem: 0.2,
    englishJobShare: 0.6,
    demandGrowth: 0.03,
  }),
  B2: region("BB", 1000, {
    grossWage: 80_000,
    skillReturn: 0.35,
    taxRate: 0.35,
    costOfLiving: 0.8,
    investment: 2,
    amenity: 0.05,
    researchEcosystem: 0.1,
    englishJobShare: 0.5,
    demandGrowth: 0,
  }),
  C: region("CC", 1000, {
    grossWage: 60_000,
    skillReturn: 0.3,
    taxRate: 0.25,
    costOfLiving: 0.7,
    investment: 1,
    amenity: 0,
    researchEcosystem: 0.4,
    englishJobShare: 0.9,
    demandGrowth: -0.01,
  }),
};
type Code = keyof typeof REGIONS;
const COUNTRY: Record<string, string> = { X: "AA", Y: "BB", V: "BB", W: "CC" };
const FREE = [["AA", "CC"]];

const scenario: Scenario = {
  model: "talentflow/1",
  name: "tables-world",
  startYear: 2030,
  years: 1,
  periodsPerYear: PPY,
  burnInYears: 0,
  fx: { EUR: 1.08 },
  behavior: {
    ...NEUTRAL_BEHAVIOR,
    beta: 0.7,
    alpha: 0.13,
    gamma: 0.21,
    homeBias: 0.37,
    considerRate: 0.3,
    languagePenalty: 0.6,
    ageCost: 0.08,
    tempPenalty: 0.29,
    exitRate: 0.05,
    feeAdmissionFactor: 0.45,
    wageElasticity: 2.5,
    demandElasticity: 0.4,
  },
  citizenships: {
    X: { home: "A", network: 1 },
    Y: { home: "B", network: 0.8 },
    V: { home: "B2", network: 0.5 },
    W: { home: "C", network: 1.2 },
  },
  regions: REGIONS,
  movingCost: {
    "A<->B": 0.5,
    "A->B2": 0.6,
    "B2->A": 0.65,
    "B<->B2": 0.3,
    "A<->C": 0.45,
    "B->C": 0.55,
    "C->B": 0.5,
    "B2<->C": 0.35,
  },
  visaFriction: { "*->B": 0.7, "X->B2": 0.4, "Y->A": 0.9, "*->C": 0.2 },
  visas: {
    A: {
      Y: { rule: "lottery", pool: "L", permanent: false, permanence: 0.1, fee: 30_000 },
      V: { rule: "probability", admission: 0, permanent: false, permanence: 0.05, fee: 0 },
      "*": OPEN,
    },
    B: {
      X: { rule: "threshold", threshold: 150_000, high: 0.8, low: 0.3, permanent: false, permanence: 0.2, fee: 50_000 },
      W: { rule: "probability", admission: 0.55, permanent: true, permanence: 0, fee: 20_000 },
      "*": OPEN,
    },
    B2: {
      X: { rule: "threshold", threshold: 90_000, high: 0.6, low: 0, permanent: true, permanence: 0, fee: 0 },
      W: { rule: "lottery", pool: "M", permanent: false, permanence: 0.4, fee: 10_000 },
      "*": OPEN,
    },
    C: {
      Y: { rule: "open", permanent: false, permanence: 0.3, fee: 0 },
      // admits only below the cut
      V: { rule: "threshold", threshold: 120_000, high: 0, low: 0.4, permanent: false, permanence: 0.1, fee: 0 },
      "*": OPEN,
    },
  },
  lotteries: {
    L: { regions: ["A"], cap: 100, weighted: false, period: 0, startDelay: 0, initialSelectionRate: 0.4 },
    M: { regions: ["B2"], cap: 100, weighted: false, period: 0, startDelay: 0, initialSelectionRate: 0 },
  },
  freeMovement: FREE,
  policies: [],
};

/** Period parameters that policies would set, per ordered pair or region (two configurations). */
interface PolicySet {
  delay: Array<[Code, string, number]>; // (destination, citizenship, friction)
  frictionCut: Array<[Code, Code, number]>;
  researcherCut: Array<[Code, Code, number]>;
  boost: Array<[Code, Code, number]>;
  tax: Array<[Code, number, number]>; // (region, reduction, target bits: 1 newcomers, 2 returnees)
  /** A moving cost and researchers' cut on staying (a custom policy may set movingCost.B->B): a stay never pays it. */
  selfCost?: Array<[Code, number, number]>;
}
const SETS: Record<string, PolicySet> = {
  "tax for both in B, newcomers in B2": {
    delay: [["B", "X", 0.12]],
    frictionCut: [
      ["A", "B", 0.15],
      ["C", "B", 5],
      ["A", "B2", 0.1],
    ],
    researcherCut: [
      ["A", "B", 0.2],
      ["B", "C", 5],
      ["B", "B2", 0.1],
    ],
    boost: [
      ["A", "B", 0.25],
      ["C", "B", 0.1],
      ["C", "A", 0.3],
      ["A", "B2", 0.2],
    ],
    tax: [
      ["B", 0.1, 3],
      ["B2", 0.06, 1],
      ["A", 0.05, 0],
    ],
  },
  "tax for newcomers in B, returnees in B2": {
    delay: [
      ["C", "Y", 0.25],
      ["B2", "X", 0.05],
    ],
    frictionCut: [["B", "A", 0.3]],
    researcherCut: [["C", "A", 0.1]],
    boost: [
      ["B", "C", 0.4],
      ["B2", "A", 0.5],
    ],
    tax: [
      ["B", 0.1, 1],
      ["B2", 0.07, 2],
      ["C", 0, 3],
    ],
    selfCost: [
      ["B", 0.8, 0.3],
      ["A", 0.4, 0.9],
    ],
  },
};

/** Hand-made programs: q0 inactive, q1 permit for temporary holders, q2 for anyone, q3 into A. */
const PROGRAMS: Array<{ region: Code; origins: Code[]; temporaryOnly: boolean; active: boolean }> = [
  { region: "B", origins: ["A"], temporaryOnly: true, active: false },
  { region: "B", origins: ["A", "C"], temporaryOnly: true, active: true },
  { region: "B", origins: ["A"], temporaryOnly: false, active: true },
  { region: "A", origins: ["B2"], temporaryOnly: false, active: true },
];

const SUPPLY: Record<Code, number> = { A: 5000, B: 0.3, B2: 800, C: 2000 };
const SUPPLY0: Record<Code, number> = { A: 4000, B: 0.5, B2: 1000, C: 2500 };
const INVESTMENT0: Record<Code, number> = { A: 8, B: 5, B2: 3, C: 1.5 };
const DIASPORA: Record<string, Record<Code, number>> = {
  X: { A: 900, B: 1500, B2: 300, C: 2500 },
  Y: { A: 700, B: 100, B2: 50, C: 1200 },
  V: { A: 40, B: 0, B2: 20, C: 3000 },
  W: { A: 5000, B: 800, B2: 0, C: 10 },
};
const SELECTION: Record<string, number> = { L: 0.4, M: 0 };

interface Built {
  cs: CompiledScenario;
  pp: PeriodParams;
  tables: PeriodTables;
  market: MarketState;
  programs: Program[];
}

function build(set: PolicySet, tweak?: (b: Built) => void): Built {
  const cs = compileScenario(assertValidScenario(scenario));
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const at = (code: string) => cs.regions.indexOf(code);
  const cit = (code: string) => cs.citizenships.indexOf(code);
  const programs: Program[] = PROGRAMS.map((p, q) => {
    const origins = new Uint8Array(R);
    for (const o of p.origins) origins[at(o)] = 1;
    return {
      policy: q,
      kind: "openWorkPermit",
      region: at(p.region),
      origins,
      temporaryOnly: p.temporaryOnly,
      permanent: false,
      perYear: true,
      places: 10,
      fallsBackToRule: true,
    };
  });
  const pp = createPeriodParams(cs, programs.length);
  applyPolicies(cs, compilePolicies(cs), pp, 2030.75, REPORT_PERIOD);
  PROGRAMS.forEach((p, q) => (pp.programActive[q] = p.active ? 1 : 0));
  for (const [j, c, v] of set.delay) pp.delayFriction[at(j) * C + cit(c)] = v;
  for (const [r, j, v] of set.frictionCut) pp.pairFrictionCut[at(r) * R + at(j)] = v;
  for (const [r, j, v] of set.researcherCut) pp.researcherMoveCut[at(r) * R + at(j)] = v;
  for (const [r, j, v] of set.boost) pp.pairAdmissionBoost[at(r) * R + at(j)] = v;
  for (const [j, cost, cut] of set.selfCost ?? []) {
    pp.vec[cs.off.movingCost + at(j) * R + at(j)] = cost;
    pp.researcherMoveCut[at(j) * R + at(j)] = cut;
  }
  for (const [j, reduction, target] of set.tax) {
    pp.taxReduction[at(j)] = reduction;
    pp.taxTarget[at(j)] = target;
  }
  const market = createMarketState(cs, programs.length);
  for (const j of cs.regions) {
    market.supply[at(j)] = SUPPLY[j as Code];
    market.supply0[at(j)] = SUPPLY0[j as Code];
    market.investment0[at(j)] = INVESTMENT0[j as Code];
    for (const c of cs.citizenships) market.diaspora[cit(c) * R + at(j)] = DIASPORA[c][j as Code];
  }
  cs.lotteries.forEach((l, k) => (market.selectionRate[k] = SELECTION[l]));
  const tables = createTables(cs);
  const built = { cs, pp, tables, market, programs };
  tweak?.(built);
  buildTables(cs, pp, programs, market, tables, YEARS, REPORT_PERIOD);
  return built;
}

// ---- The docs' formulas, from the scenario's own fields ---------------------------------------

const B = scenario.behavior;
const feeFactor = (fee: number) => B.feeAdmissionFactor ** (fee / 100_000);
const countryOf = (j: string) => REGIONS[j as Code].country;
const free = (c: string, j: string) => FREE.some((g) => g.includes(COUNTRY[c]) && g.includes(countryOf(j)));
const ruleOf = (j: string, c: string) => {
  const rules = scenario.visas[j];
  return rules[c] ?? rules["*"];
};
const lookup = <T>(list: Array<[string, string, T]>, a: string, b: string, none: T): T =>
  list.find(([x, y]) => x === a && y === b)?.[2] ?? none;

function mu(j: string): number {
  const g = REGIONS[j as Code];
  const demand =
    SUPPLY0[j as Code] * (g.investment / INVESTMENT0[j as Code]) ** B.demandElasticity * (1 + g.demandGrowth) ** YEARS;
  return Math.log(g.grossWage) + Math.log(Math.max(demand, 1) / Math.max(SUPPLY[j as Code], 1)) / B.wageElasticity;
}

function taxBonus(set: PolicySet, j: string, citizen: boolean): number {
  const entry = set.tax.find(([k]) => k === j);
  if (!entry || entry[1] <= 0 || !(entry[2] & (citizen ? 2 : 1))) return 0;
  const tax = REGIONS[j as Code].taxRate;
  return B.beta * Math.log((1 - tax + entry[1]) / (1 - tax));
}

interface Route {
  admit: number;
  pi: number;
  piHigh: number;
  petition: number;
  program: number;
  moveTemp: number;
}

/** Admission of a move r -> j by a citizen of c holding a temporary status (temp), 3.3.5 and 3.3.8. */
function route(set: PolicySet, c: string, r: string, temp: number, j: string): Route {
  const none: Route = { admit: Admit.None, pi: 1, piHigh: 1, petition: 1, program: -1, moveTemp: temp };
  if (j === r || countryOf(j) === countryOf(r)) return none; // within a country: nothing changes
  if (COUNTRY[c] === countryOf(j) || free(c, j)) return { ...none, moveTemp: 0 };
  const rule = ruleOf(j, c);
  const program = PROGRAMS.findIndex(
    (p) => p.active && p.region === j && p.origins.includes(r as Code) && (!p.temporaryOnly || temp === 1),
  );
  const moveTemp = rule.permanent ? 0 : 1;
  const f = feeFactor(rule.fee);
  if (rule.rule === "open") return { ...none, program, moveTemp };
  if (rule.rule === "lottery") {
    const pi = SELECTION[rule.pool] * f;
    return { admit: pi > 0 ? Admit.Lottery : Admit.Closed, pi, piHigh: pi, petition: f, program, moveTemp };
  }
  const boost = lookup(set.boost, r, j, 0);
  const low = (rule.rule === "threshold" ? rule.low : rule.admission) * f;
  const high = (rule.rule === "threshold" ? rule.high : rule.admission) * f;
  const pi = low + (1 - low) * boost;
  const piHigh = high + (1 - high) * boost;
  // A program (open work permit, exchange slots) is a route of its own: a draw rule that admits
  // nobody closes the route only where no program serves it (docs/model.md 3.3.4, 3.3.8).
  return {
    admit: pi > 0 || piHigh > 0 || program >= 0 ? Admit.Draw : Admit.Closed,
    pi,
    piHigh,
    petition: 1,
    program,
    moveTemp,
  };
}

/** V_ij of docs/model.md 3.3.2 without the skill and age terms. */
function value(
  set: PolicySet,
  c: string,
  r: string,
  h: string,
  temp: number,
  german: number,
  researcher: number,
  j: string,
): number {
  const g = REGIONS[j as Code];
  let v = B.beta * Math.log(((1 - g.taxRate) * Math.exp(mu(j))) / g.costOfLiving);
  v += B.alpha * Math.log((g.investment * 1e9) / Math.max(SUPPLY[j as Code], 1));
  v += g.amenity;
  if (researcher) v += g.researchEcosystem;
  if (countryOf(j) !== COUNTRY[c])
    v += B.gamma * scenario.citizenships[c].network * Math.log(1 + DIASPORA[c][j as Code] / 1000);
  if (!german) v -= B.languagePenalty * (1 - g.englishJobShare);
  if (j === h) v += B.homeBias;
  if (route(set, c, r, temp, j).moveTemp) v -= B.tempPenalty;
  if (j !== r) {
    const kappa =
      scenario.movingCost[`${r}->${j}`] ??
      scenario.movingCost[`${r}<->${j}`] ??
      scenario.movingCost[`${j}<->${r}`] ??
      0;
    v -= researcher ? Math.max(0, kappa - lookup(set.researcherCut, r, j, 0)) : kappa;
  }
  const between = j !== r && countryOf(j) !== countryOf(r);
  const citizen = COUNTRY[c] === countryOf(j) || free(c, j);
  if (between && !citizen) {
    const phi = scenario.visaFriction[`${c}->${j}`] ?? scenario.visaFriction[`*->${j}`] ?? 0;
    v -= Math.max(0, phi + lookup(set.delay, j, c, 0) - lookup(set.frictionCut, r, j, 0));
  }
  if (between) v += taxBonus(set, j, COUNTRY[c] === countryOf(j));
  return v;
}

/** Collects a mismatch (beyond float rounding) instead of failing at once, so a failure lists the first few. */
function close(misses: string[], actual: number, expected: number, what: string) {
  if (!Number.isFinite(expected) || !(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected))))
    misses.push(`${what}: got ${actual}, expected ${expected}`);
}

function expectClose(actual: number, expected: number, what: string) {
  const misses: string[] = [];
  close(misses, actual, expected, what);
  expect(misses).toEqual([]);
}

describe("buildTables(cs, pp, programs, market, tables, years, period)", () => {
  for (const [name, set] of Object.entries(SETS)) {
    it(`fills T with docs/model.md's V_ij for every type and destination (${name})`, () => {
      const { cs, tables } = build(set);
      const R = cs.regions.length;
      let checked = 0;
      const misses: string[] = [];
      cs.citizenships.forEach((c, ci) =>
        cs.regions.forEach((r, ri) =>
          cs.regions.forEach((h, hi) => {
            for (let temp = 0; temp < 2; temp++)
              for (let german = 0; german < 2; german++)
                for (let researcher = 0; researcher < 2; researcher++)
                  cs.regions.forEach((j, ji) => {
                    const at = typeIndex(R, ci, ri, hi, temp, german, researcher) * R + ji;
                    const what =
                      `T of ${c} in ${r} (home ${h}, temp ${temp}, ` +
                      `german ${german}, researcher ${researcher}) for ${j}`;
                    close(misses, tables.T[at], value(set, c, r, h, temp, german, researcher, j), what);
                    checked++;
                  });
          }),
        ),
      );
      expect(misses.slice(0, 5)).toEqual([]);
      expect(checked).toBe(tables.T.length);
    });

    it(
      `gives each route its admission rule, chances, petition ` + `chance, status after the move and program (${name})`,
      () => {
        const { cs, tables } = build(set);
        const R = cs.regions.length;
        const misses: string[] = [];
        cs.citizenships.forEach((c, ci) =>
          cs.regions.forEach((r, ri) =>
            cs.regions.forEach((_h, hi) => {
              for (let temp = 0; temp < 2; temp++)
                for (let german = 0; german < 2; german++)
                  for (let researcher = 0; researcher < 2; researcher++)
                    cs.regions.forEach((j, ji) => {
                      const at = typeIndex(R, ci, ri, hi, temp, german, researcher) * R + ji;
                      const want = route(set, c, r, temp, j);
                      const got = {
                        admit: tables.admit[at],
                        pi: tables.piLow[at],
                        piHigh: tables.piHigh[at],
                        petition: tables.petition[at],
                        program: tables.program[at],
                        moveTemp: tables.moveTemp[at],
                      };
                      const what = `${c} in ${r} (temp ${temp}) to ${j}`;
                      for (const key of ["admit", "program", "moveTemp"] as const)
                        if (got[key] !== want[key]) misses.push(`${what}: ${key} ${got[key]}, expected ${want[key]}`);
                      close(misses, got.pi, want.pi, `${what}: piLow`);
                      close(misses, got.piHigh, want.piHigh, `${what}: piHigh`);
                      close(misses, got.petition, want.petition, `${what}: petition`);
                    });
            }),
          ),
        );
        expect(misses.slice(0, 5)).toEqual([]);
      },
    );
  }

  it("writes the region terms, salary-threshold cuts, permanence chances and per-period rates", () => {
    const set = SETS["tax for both in B, newcomers in B2"];
    const { cs, tables } = build(set);
    const R = cs.regions.length;
    cs.regions.forEach((j, ji) => {
      const g = REGIONS[j as Code];
      expectClose(tables.mu[ji], mu(j), `mu of ${j}`);
      expect(tables.sigma[ji]).toBe(g.skillReturn);
      expectClose(tables.betaSigma[ji], B.beta * g.skillReturn, `beta sigma of ${j}`);
      cs.citizenships.forEach((c, ci) => {
        const rule = ruleOf(j, c);
        const cut = rule.rule === "threshold" ? (Math.log(rule.threshold) - mu(j)) / g.skillReturn : -Infinity;
        if (cut === -Infinity) expect(tables.zCut[ci * R + ji], `zCut of ${c} in ${j}`).toBe(-Infinity);
        else expectClose(tables.zCut[ci * R + ji], cut, `zCut of ${c} in ${j}`);
        const p = 1 - Math.exp(-rule.permanence / PPY);
        expectClose(tables.permanence[ci * R + ji], p, `permanence of ${c} in ${j}`);
        expectClose(tables.permanenceLogStay[ci * R + ji], Math.log(1 - p), `log-stay of ${c} in ${j}`);
      });
    });
    expectClose(tables.exitProbability, 1 - Math.exp(-B.exitRate / PPY), "exit probability");
    expectClose(tables.considerProbability, 1 - Math.exp(-B.considerRate / PPY), "consider probability");
    expectClose(tables.ageCostPerPeriod, B.ageCost / PPY, "age cost per period");
  });

  for (const [name, set] of Object.entries(SETS)) {
    it(
      `gives stayers the tax bonus beta ln((1 - tax + reduction) ` +
        `/ (1 - tax)) only where the target covers them (${name})`,
      () => {
        const { cs, tables } = build(set);
        cs.regions.forEach((j, ji) => {
          expectClose(tables.taxStayBonus[ji * 2], taxBonus(set, j, false), `newcomers' bonus in ${j}`);
          expectClose(tables.taxStayBonus[ji * 2 + 1], taxBonus(set, j, true), `returnees' bonus in ${j}`);
        });
      },
    );
  }

  it(
    "createMarketState(cs, programs) starts from empty aggregates, each " +
      "lottery's initialSelectionRate and a program chance of 1 (or the one given)",
    () => {
      const cs = compileScenario(assertValidScenario(scenario));
      const R = cs.regions.length;
      const market = createMarketState(cs, 3);
      expect(Array.from(market.selectionRate)).toEqual(
        cs.lotteries.map((l) => scenario.lotteries[l].initialSelectionRate),
      );
      expect(Array.from(market.programChance)).toEqual([1, 1, 1]);
      expect(Array.from(createMarketState(cs, 2, 0).programChance)).toEqual([0, 0]);
      for (const name of ["supply", "supply0", "investment0"] as const)
        expect(Array.from(market[name]), name).toEqual(new Array(R).fill(0));
      expect(Array.from(market.diaspora)).toEqual(new Array(cs.citizenships.length * R).fill(0));
    },
  );

  it("keeps mu at ln grossWage when wageElasticity is Infinity (no wage feedback)", () => {
    const { cs, tables } = build(
      SETS["tax for both in B, newcomers in B2"],
      ({ cs, pp }) => (pp.vec[cs.off.behavior.wageElasticity] = Infinity),
    );
    cs.regions.forEach((j, ji) => expect(tables.mu[ji], j).toBe(Math.log(REGIONS[j as Code].grossWage)));
  });

  it("reads some of the hand-written routes as the docs state them", () => {
    const set = SETS["tax for both in B, newcomers in B2"];
    const { cs, tables } = build(set);
    const R = cs.regions.length;
    const entry = (c: string, r: string, temp: number, j: string) =>
      typeIndex(R, cs.citizenships.indexOf(c), cs.regions.indexOf(r), 0, temp, 1, 0) * R + cs.regions.indexOf(j);
    // V's probability-0 rule into A is closed from B, but a talent-exchange boost of 0.3 opens it from C.
    expect(tables.admit[entry("V", "B", 0, "A")]).toBe(Admit.Closed);
    expect(tables.admit[entry("V", "C", 0, "A")]).toBe(Admit.Draw);
    expect(tables.piLow[entry("V", "C", 0, "A")]).toBe(0.3);
    // A threshold rule with a chance of 0 on one side of the cut only is open to the other side.
    expect(tables.admit[entry("V", "A", 0, "C")]).toBe(Admit.Draw);
    expect(tables.piLow[entry("V", "A", 0, "C")]).toBe(0.4);
    expect(tables.piHigh[entry("V", "A", 0, "C")]).toBe(0);
    expect(tables.admit[entry("X", "C", 0, "B2")]).toBe(Admit.Draw);
    expect(tables.piLow[entry("X", "C", 0, "B2")]).toBe(0);
    expect(tables.piHigh[entry("X", "C", 0, "B2")]).toBe(0.6);
    // A lottery with selection rate 0 is closed; the other one's chance is rate x fee factor.
    expect(tables.admit[entry("W", "A", 0, "B2")]).toBe(Admit.Closed);
    expect(tables.admit[entry("Y", "C", 0, "A")]).toBe(Admit.Lottery);
    expect(tables.piLow[entry("Y", "C", 0, "A")]).toBe(0.4 * 0.45 ** 0.3);
    // Permits: the inactive program 0 is skipped; temporary holders get program 1, others 2.
    expect(tables.program[entry("X", "C", 1, "B")]).toBe(1); // origin C: only program 1 lists it
    expect(tables.program[entry("X", "A", 1, "B")]).toBe(1);
    expect(tables.program[entry("X", "A", 0, "B")]).toBe(2);
    expect(tables.program[entry("X", "C", 0, "B")]).toBe(-1);
    expect(tables.program[entry("Y", "B2", 0, "A")]).toBe(3); // a lottery route keeps the permit to fall back on
  });
});

describe("wageLevel(zScore)", () => {
  it(
    "wageLevel puts each prevailing-wage edge (z = -0.4125, 0, 0.4399) " +
      "in the level above and the next double below it in the level below",
    () => {
      /** The largest double below x (one step of the bit pattern away from zero for x < 0). */
      const below = (x: number) => {
        if (x === 0) return -Number.MIN_VALUE;
        const bits = new BigInt64Array(new Float64Array([x]).buffer);
        bits[0] = bits[0] + (x > 0 ? -1n : 1n);
        return new Float64Array(bits.buffer)[0];
      };
      const edges = [-0.4125, 0, 0.4399];
      expect(edges.map(wageLevel)).toEqual([1, 2, 3]);
      expect(edges.map((z) => wageLevel(below(z)))).toEqual([0, 1, 2]);
      expect([-Infinity, -3, 3, Infinity].map(wageLevel)).toEqual([0, 0, 3, 3]);
    },
  );
});

describe("buildTables reports a non-finite quantity with its period, region and name", () => {
  const set = SETS["tax for both in B, newcomers in B2"];
  const cases: Array<{
    quantity: string;
    region: (cs: CompiledScenario) => number;
    tweak: (b: Built, j: number) => void;
  }> = [
    {
      quantity: "wage level mu (log gross wage at average skill)",
      region: () => 0,
      tweak: ({ cs, pp }, j) => (pp.vec[cs.off.region.grossWage + j] = 0),
    },
    {
      quantity: "log investment per worker",
      region: () => 0,
      tweak: ({ cs, pp }, j) => (pp.vec[cs.off.region.investment + j] = 0),
    },
    {
      quantity: "utility of the region",
      region: () => 0,
      tweak: ({ cs, pp }, j) => (pp.vec[cs.off.region.amenity + j] = Infinity),
    },
    {
      quantity: "diaspora term of the utility",
      // X (of AA) abroad: the first region outside AA in index order.
      region: (cs) => cs.regions.findIndex((j) => countryOf(j) !== "AA"),
      tweak: ({ cs, pp }) => (pp.vec[cs.off.network + cs.citizenships.indexOf("X")] = Infinity),
    },
    {
      quantity: "utility table",
      region: (cs) => cs.regions.length - 1,
      tweak: ({ cs, pp }, j) => (pp.vec[cs.off.region.researchEcosystem + j] = Infinity),
    },
    {
      quantity: "utility table",
      region: (_cs) => 1,
      tweak: ({ cs, pp }, j) => (pp.vec[cs.off.movingCost + 0 * cs.regions.length + j] = Infinity),
    },
  ];
  for (const [k, { quantity, region: regionOf, tweak }] of cases.entries()) {
    it(`throws NonFiniteError for "${quantity}" (case ${k})`, () => {
      let where = -1;
      let regionCode = "";
      let error: unknown;
      try {
        build(set, (b) => {
          where = regionOf(b.cs);
          regionCode = b.cs.regions[where];
          tweak(b, where);
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NonFiniteError);
      const e = error as NonFiniteError;
      expect({ quantity: e.quantity, region: e.region, period: e.period }).toEqual({
        quantity,
        region: regionCode,
        period: REPORT_PERIOD,
      });
      expect(e.message).toContain(`for region ${regionCode}`);
    });
  }
});
