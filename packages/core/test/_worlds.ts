import { expect } from "vitest";
import { createSimulation } from "../src/index";
import type { Engine } from "../src/engine/_engine";
import type { Region, Scenario, VisaRule } from "../src/scenario/types";

/**
 * Tiny worlds for mechanism tests: every region starts with `stock` agents (or the stocks given),
 * agents look around every period with certainty, and nothing but the mechanism under test
 * differs between regions: equal wages, taxes, costs, investment, and skill barely matters
 * (skillReturn 1e-9) unless a test sets it. No exits, entries, feedback, age cost or home bias.
 * Expected choice probabilities are then written by hand from the scenario's numbers, never
 * from the engine's tables.
 */
export function region(country: string, stock: number, over: Partial<Region> = {}): Region {
  return {
    country,
    initialStock: stock,
    grossWage: 100_000,
    skillReturn: 1e-9,
    taxRate: 0.3,
    costOfLiving: 1,
    investment: 1,
    amenity: 0,
    researchEcosystem: 0,
    englishJobShare: 1,
    demandGrowth: 0,
    entrants: 0,
    entrantCitizenship: { X: 1 },
    initialCitizenship: { X: 1 },
    entrySkillMean: 0,
    germanShare: 0,
    researcherShare: 0,
    temporaryShare: 0,
    ...over,
  };
}

/** An open, permanent rule with no fee. */
export const OPEN: VisaRule = { rule: "open", permanent: true, permanence: 0, fee: 0 };

/** Behaviour in which nothing but the mechanism under test moves anyone (see {@link tinyWorld}). */
export const NEUTRAL_BEHAVIOR: Scenario["behavior"] = {
  beta: 0.65,
  alpha: 0,
  gamma: 0,
  homeBias: 0,
  considerRate: 1000,
  languagePenalty: 0,
  ageCost: 0,
  tempPenalty: 0,
  exitRate: 0,
  entryAge: 25,
  retirementAge: 65,
  initialAgeMedian: 35,
  feeAdmissionFactor: 0.5,
  delayCost: 0,
  wageElasticity: Infinity,
  demandElasticity: 0,
};

/** A scenario with regions A, B, C (countries AA, BB, CC) and one citizenship X of A's country. */
export function tinyWorld(over: Partial<Scenario> = {}): Scenario {
  return {
    model: "talentflow/1",
    name: "tiny-world",
    startYear: 2030,
    years: 1,
    periodsPerYear: 1,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: { ...NEUTRAL_BEHAVIOR },
    citizenships: { X: { home: "A", network: 1 } },
    regions: { A: region("AA", 30_000), B: region("BB", 0), C: region("CC", 0) },
    movingCost: { "A<->B": 0.5, "A<->C": 0.5, "B<->C": 0.5 },
    visaFriction: {},
    visas: { A: { "*": OPEN }, B: { "*": OPEN }, C: { "*": OPEN } },
    lotteries: {},
    freeMovement: [],
    policies: [],
    ...over,
  };
}

/** One agent's move in one period (to === from when it stayed). */
export interface Move {
  period: number;
  id: number;
  from: string;
  to: string;
  citizenship: string;
  skill: number;
  /** Age in years at the start of the period (whole periods, as the engine counts it). */
  age: number;
  german: boolean;
  researcher: boolean;
  temporary: boolean;
  /** Period in which the agent last moved before this one (-1: never in this run). */
  arrivedAt: number;
}

/**
 * Runs a scenario period by period and lists, for every agent active before and after each
 * period, where it was and where it went. Also returns the period views.
 */
export function trackMoves(scenario: Scenario, seed: number) {
  const sim = createSimulation(scenario, { seed });
  const moves: Move[] = [];
  const views = [];
  const arrived = new Map<number, number>();
  for (let period = 0; !sim.done; period++) {
    const before = sim.agents();
    const view = sim.step();
    views.push(view!);
    const after = sim.agents();
    const where = new Map<number, string>();
    after.id.forEach((id, k) => where.set(id, after.region[k]));
    before.id.forEach((id, k) => {
      const to = where.get(id);
      if (to === undefined) return;
      const from = before.region[k];
      moves.push({
        period,
        id,
        from,
        to,
        citizenship: before.citizenship[k],
        skill: before.skill[k],
        age: before.age[k],
        german: before.german[k] === 1,
        researcher: before.researcher[k] === 1,
        temporary: before.temporary[k] === 1,
        arrivedAt: arrived.get(id) ?? -1,
      });
      if (to !== from) arrived.set(id, period);
    });
  }
  // The engine's records carry what the public view leaves out (applications, admissions, lottery).
  const records = (sim as unknown as { engine: Engine }).engine.history;
  return { sim, moves, views, records };
}

/** Logistic function: the chance of the better of two options with values 0 and d. */
export const logistic = (d: number) => 1 / (1 + Math.exp(-d));

/** Softmax of a record of values. */
export function softmaxOf(values: Record<string, number>): Record<string, number> {
  const m = Math.max(...Object.values(values));
  const e = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.exp(v - m)]));
  const s = Object.values(e).reduce((x, y) => x + y, 0);
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v / s]));
}

/**
 * Checks that, among `moves`, the number going to each destination equals the sum of the
 * expected probabilities within 4 standard errors (the count is a sum of independent Bernoulli
 * draws: variance sum p(1 - p)), and that a destination of probability 0 gets nobody (exactly).
 * `expected` returns each agent's probabilities per destination (missing: 0; staying, when
 * missing, takes the rest). Unless
 * `minExpected` is 0, some destination must expect at least that many agents, so the check has power.
 */
export function expectMoves(
  label: string,
  moves: readonly Move[],
  expected: (m: Move) => Record<string, number>,
  minExpected = 50,
): void {
  expect(moves.length, `${label}: agents to check`).toBeGreaterThan(0);
  const mean = new Map<string, number>();
  const variance = new Map<string, number>();
  const seen = new Map<string, number>();
  const destinations = new Set<string>();
  for (const m of moves) {
    const p = { ...expected(m) };
    // Staying takes what the other destinations leave.
    if (p[m.from] === undefined) p[m.from] = 1 - Object.values(p).reduce((x, y) => x + y, 0);
    for (const [to, q] of Object.entries(p)) {
      destinations.add(to);
      mean.set(to, (mean.get(to) ?? 0) + q);
      variance.set(to, (variance.get(to) ?? 0) + q * (1 - q));
    }
    destinations.add(m.to);
    seen.set(m.to, (seen.get(m.to) ?? 0) + 1);
  }
  let informative = 0;
  for (const to of destinations) {
    const mu = mean.get(to) ?? 0;
    const got = seen.get(to) ?? 0;
    if (mu === 0) {
      expect(got, `${label}: agents going to ${to}, where none may go`).toBe(0);
      continue;
    }
    if (mu >= minExpected) informative++;
    const se = Math.sqrt(variance.get(to) ?? 0);
    expect(
      Math.abs(got - mu),
      `${label}: ${got} agents went to ${to}, expected ${mu.toFixed(1)} +- 4 * ${se.toFixed(1)}`,
    ).toBeLessThanOrEqual(4 * se + 1e-9);
  }
  if (minExpected > 0)
    expect(informative, `${label}: destinations with enough expected movers to test`).toBeGreaterThan(0);
}
