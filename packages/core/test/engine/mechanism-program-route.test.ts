import { describe, expect, it } from "vitest";
import type { Policy, Scenario } from "../../src/scenario/types";
import { expectMoves, OPEN, region, softmaxOf, tinyWorld, trackMoves } from "../_worlds";

/**
 * A program (open work permit, exchange slots) is an admission route of its own: where the
 * destination's rule admits nobody of a citizenship, the program still admits it, and the
 * decision anticipates the chance pi + (1 - pi) * programChance = programChance (pi = 0).
 * The chance of a place is 1 before the program's first allocation and min(1, places left /
 * applicants) after it, so in these worlds it is 1 in period 0 and 0 in period 1 (every place
 * taken): the shares are a plain logit over A, B, C in period 0 and over A, C in period 1.
 */
const MC = 0.5;
const N = 20_000;
/** Amenities: B is worth 0.3 - MC from A, C (Y's home) -0.4 - MC, staying 0. */
const VALUE_B = 0.3 - MC;
const VALUE_C = -0.4 - MC;

/** Y (home C) holds a temporary status in A; B's rule admits no Y; C needs no visa. */
function closedWorld(policies: Policy[]): Scenario {
  const s = tinyWorld({ years: 1, periodsPerYear: 2 });
  const mix = { Y: 1 };
  s.citizenships = { Y: { home: "C", network: 1 } };
  s.regions.A = region("AA", N, { initialCitizenship: mix, entrantCitizenship: mix, temporaryShare: 1 });
  s.regions.B = region("BB", 0, { amenity: 0.3, initialCitizenship: mix, entrantCitizenship: mix });
  s.regions.C = region("CC", 0, { amenity: -0.4, initialCitizenship: mix, entrantCitizenship: mix });
  s.movingCost = { "A<->B": MC, "A<->C": MC, "B<->C": 50 };
  s.visas = {
    A: { "*": { rule: "open", permanent: false, permanence: 0, fee: 0 } },
    B: { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } },
    C: { "*": OPEN },
  };
  s.policies = policies;
  return s;
}

/** 4 binomial standard errors of a count of n trials with chance p. */
const fourSe = (n: number, p: number) => 4 * Math.sqrt(n * p * (1 - p));

function expectProgramRoute(policies: Policy[], places: number, seed: number): void {
  const { moves, records } = trackMoves(closedWorld(policies), seed);
  // Period 0: the chance of a place is 1, so B is anticipated as certain.
  const shares = softmaxOf({ A: 0, B: VALUE_B, C: VALUE_C });
  const n0 = moves.filter((m) => m.period === 0 && m.from === "A").length;
  const applications = records[0].applications[1];
  expect(
    Math.abs(applications - n0 * shares.B),
    `period 0: ${applications} applications to B of ${n0}`,
  ).toBeLessThanOrEqual(fourSe(n0, shares.B));
  expect(applications, "more applicants than places").toBeGreaterThan(places + 1000);
  // The rule admits nobody: exactly the places go, all of them.
  expect(records[0].admissions[1], "period 0: admissions").toBe(places);
  expect(moves.filter((m) => m.period === 0 && m.from === "A" && m.to === "B").length).toBe(places);
  // C is chosen by the same logit; applicants without a place stay in A.
  const toC = moves.filter((m) => m.period === 0 && m.from === "A" && m.to === "C").length;
  expect(Math.abs(toC - n0 * shares.C), `period 0: ${toC} moves to C of ${n0}`).toBeLessThanOrEqual(
    fourSe(n0, shares.C),
  );
  // Period 1: no place left (places left / applicants = 0), so B is anticipated at 0 and nobody applies.
  expect(records[1].applications[1], "period 1: applications to B").toBe(0);
  expect(records[1].admissions[1], "period 1: admissions to B").toBe(0);
  const later = softmaxOf({ A: 0, C: VALUE_C });
  expectMoves(
    "period 1 from A",
    moves.filter((m) => m.period === 1 && m.from === "A"),
    () => ({ C: later.C }),
  );
}

describe("a program where the rule admits nobody", () => {
  it("simulate without a program never lets Y apply to B, whose rule admits nobody of Y", () => {
    const { records } = trackMoves(closedWorld([]), 91);
    expect(records.map((r) => r.applications[1])).toEqual([0, 0]);
    expect(records.map((r) => r.admissions[1])).toEqual([0, 0]);
  });

  it(
    "simulate with openWorkPermit(B, holdersIn A) admits Y through " +
      "the permit's places, anticipated at the chance of a place",
    () => {
      const permit: Policy = {
        kind: "openWorkPermit",
        region: "B",
        holdersIn: ["A"],
        places: 2000,
        perYear: false,
        permanent: true,
        from: 2030,
      };
      expectProgramRoute([permit], 2000, 92);
    },
  );

  it(
    "simulate with openWorkPermit(B) leaves B closed to Y where B's lottery " +
      "is anticipated at 0: a lottery applicant never reaches the permit",
    () => {
      const s = closedWorld([
        {
          kind: "openWorkPermit",
          region: "B",
          holdersIn: ["A"],
          places: 2000,
          perYear: false,
          permanent: true,
          from: 2030,
        },
      ]);
      s.visas.B = { "*": { rule: "lottery", pool: "L", permanent: true, permanence: 0, fee: 0 } };
      s.lotteries = {
        L: { regions: ["B"], cap: 100, weighted: false, period: 1, startDelay: 0, initialSelectionRate: 0 },
      };
      const { records } = trackMoves(s, 94);
      expect(records[0].applications[1], "period 0: applications to B").toBe(0);
      expect(records[0].admissions[1], "period 0: admissions to B").toBe(0);
    },
  );

  it(
    "simulate with talentExchange slots (admissionBoost 0) admits Y refused " +
      "by B's rule through the slots, anticipated at the chance of a slot",
    () => {
      const exchange: Policy = {
        kind: "talentExchange",
        partners: ["A", "B"],
        admissionBoost: 0,
        frictionCut: 0,
        slots: 700,
        from: 2030,
      };
      expectProgramRoute([exchange], 700, 93);
    },
  );
});
