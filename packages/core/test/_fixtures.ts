import type { Scenario } from "../src/scenario/types";
import { NEUTRAL_BEHAVIOR, region } from "./_worlds";

/**
 * A one-period world for closed forms: every agent starts in A, looks around with certainty,
 * faces no exits, entries, feedback, age cost, home bias or admission risk, and skill barely
 * matters (skillReturn 1e-9), so all agents are alike and the choice is a plain logit over
 * A (stay), B and C with values amenity_j - movingCost.
 */
export function logitWorld(agents: number, amenity = { A: 0, B: -0.5, C: -1 }, movingCost = 0.5): Scenario {
  return {
    model: "talentflow/1",
    name: "logit-world",
    startYear: 2030,
    years: 1,
    periodsPerYear: 1,
    agents,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: { ...NEUTRAL_BEHAVIOR },
    citizenships: { X: { home: "A", network: 1 } },
    regions: {
      A: region("A", agents, { amenity: amenity.A }),
      B: region("B", 0, { amenity: amenity.B }),
      C: region("C", 0, { amenity: amenity.C }),
    },
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
