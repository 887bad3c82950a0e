import type { Scenario } from "../src/types";

/**
 * A one-period world for closed forms: every agent starts in A, looks around with certainty,
 * faces no exits, entries, feedback, age cost, home bias or admission risk, and skill barely
 * matters (skillReturn 1e-9), so all agents are alike and the choice is a plain logit over
 * A (stay), B and C with values amenity_j - movingCost.
 */
export function logitWorld(agents: number, amenity = { A: 0, B: -0.5, C: -1 }, movingCost = 0.5): Scenario {
  const region = (country: string, stock: number, a: number) => ({
    country,
    initialStock: stock,
    grossWage: 100_000,
    skillReturn: 1e-9,
    taxRate: 0.3,
    costOfLiving: 1,
    investment: 1,
    amenity: a,
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
  });
  return {
    model: "talentflow/1",
    name: "logit-world",
    startYear: 2030,
    years: 1,
    periodsPerYear: 1,
    agents,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: {
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
    },
    citizenships: { X: { home: "A", network: 1 } },
    regions: { A: region("A", agents, amenity.A), B: region("B", 0, amenity.B), C: region("C", 0, amenity.C) },
    movingCost: { "A<->B": movingCost, "A<->C": movingCost, "B<->C": movingCost },
    visaFriction: {},
    visas: {
      B: { "*": { rule: "open", permanent: true, permanence: 0, fee: 0 } },
      C: { "*": { rule: "open", permanent: true, permanence: 0, fee: 0 } },
    },
    lotteries: {},
    freeMovement: [],
    policies: [],
  };
}

/** Softmax of values. */
export function softmax(values: readonly number[]): number[] {
  const m = Math.max(...values);
  const e = values.map((v) => Math.exp(v - m));
  const s = e.reduce((x, y) => x + y, 0);
  return e.map((x) => x / s);
}
