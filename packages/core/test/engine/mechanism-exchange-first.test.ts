import { describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine/_engine";
import type { Policy, Scenario } from "../../src/scenario/types";
import { createSimulation } from "../../src/simulation";
import { region, tinyWorld } from "../_worlds";

/**
 * The talent exchange is an admission route of its own, tried first by every eligible applicant
 * (docs/model.md 3.3.8): its places go to applicants whether or not the destination's rule would
 * admit them, so with N applicants and P places exactly min(P, N) places are used, and those
 * without a place fall back on the rule. In this world B's rule admits half of Y's applicants; a
 * route for the refused only would give at most about N / 2 places, never N.
 */
const N = 20_000;

function halfOpenWorld(policies: Policy[]): Scenario {
  const s = tinyWorld({ years: 1, periodsPerYear: 2 });
  const mix = { Y: 1 };
  s.citizenships = { Y: { home: "C", network: 1 } };
  s.regions.A = region("AA", N, { initialCitizenship: mix, entrantCitizenship: mix, temporaryShare: 1 });
  s.regions.B = region("BB", 0, { amenity: 0.3, initialCitizenship: mix, entrantCitizenship: mix });
  s.regions.C = region("CC", 0, { amenity: -0.4, initialCitizenship: mix, entrantCitizenship: mix });
  s.movingCost = { "A<->B": 0.5, "A<->C": 0.5, "B<->C": 50 };
  s.visas = {
    A: { "*": { rule: "open", permanent: false, permanence: 0, fee: 0 } },
    B: { "*": { rule: "probability", admission: 0.5, permanent: true, permanence: 0, fee: 0 } },
    C: { "*": { rule: "open", permanent: true, permanence: 0, fee: 0 } },
  };
  s.policies = policies;
  return s;
}

const exchange = (slots: number): Policy => ({
  kind: "talentExchange",
  partners: ["A", "B"],
  admissionBoost: 0,
  frictionCut: 0,
  slots,
  from: 2030,
});

/** Period 0's applicants to B, places given and admissions to B, in agents (the world's scale is 1). */
function firstPeriod(slots: number, seed: number) {
  const sim = createSimulation(halfOpenWorld([exchange(slots)]), { seed });
  expect(sim.scale, "one agent per person").toBe(1);
  sim.step();
  const engine = (sim as unknown as { engine: Engine }).engine;
  const given = engine.programPlacesGiven;
  const records = engine.history;
  // Programs in policy order, one per destination partner: A's (0), then B's (1); none with 0 slots.
  return { applicants: records[0].applications[1], given: given[1] ?? 0, admitted: records[0].admissions[1] };
}

describe("talentExchange slots, tried first", () => {
  it("simulate with more slots than applicants gives every applicant a place: places used = applicants", () => {
    const { applicants, given, admitted } = firstPeriod(1_000_000, 101);
    expect(applicants, "some demand").toBeGreaterThan(1000);
    expect(given).toBe(applicants);
    expect(admitted).toBe(applicants);
  });

  it("simulate with fewer slots than applicants uses every place, the rest falling back on B's rule", () => {
    const places = 700;
    const { applicants, given, admitted } = firstPeriod(places, 102);
    expect(applicants).toBeGreaterThan(places + 1000);
    expect(given).toBe(places);
    // The others are admitted by B's rule with chance 0.5: within 4 binomial SE.
    const rest = applicants - places;
    expect(Math.abs(admitted - places - rest * 0.5)).toBeLessThanOrEqual(4 * Math.sqrt(rest * 0.25));
  });

  it("simulate with slots 0 opens no route: B's rule alone admits half of its applicants", () => {
    const { applicants, given, admitted } = firstPeriod(0, 103);
    expect(given).toBe(0);
    expect(Math.abs(admitted - applicants * 0.5)).toBeLessThanOrEqual(4 * Math.sqrt(applicants * 0.25));
  });
});
