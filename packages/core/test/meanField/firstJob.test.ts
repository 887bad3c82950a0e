/**
 * meanField with entrants who choose their first job in the period after their entry
 * (`behavior.firstJobChoice`, docs/model.md 3.3.12), in toy worlds whose answer is written by hand.
 */
import { describe, expect, it } from "vitest";
import { meanField, scenarios, type Scenario, type TidyRow } from "../../src/index";
import { NEUTRAL_BEHAVIOR, OPEN, region } from "../_worlds";

const E = 1000;
const YEARS = 6;

/**
 * Entrants E a year in A (yearly periods), none elsewhere, nobody at the start but 1,000 in B.
 * Amenities of −50 in A and H and 50 in B make everyone who chooses move to B (staying or any other
 * option weighs e^-100 or less, and nobody leaves B); people look around at 0.4 a year and exit
 * at 0.1. A's entrants are its citizens, or with `temporary` citizens of H's country holding a
 * temporary status of 3 years without renewal or permanence: in their fourth period in A it ends
 * and they leave (to B, by the same amenity).
 */
function firstJobWorld(choice: number | undefined, temporary: boolean): Scenario {
  return {
    model: "talentflow/1",
    name: "first-job-world",
    startYear: 2030,
    years: YEARS,
    periodsPerYear: 1,
    agents: 10_000,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: {
      ...NEUTRAL_BEHAVIOR,
      considerRate: 0.4,
      exitRate: 0.1,
      retirementAge: 100,
      ...(choice === undefined ? {} : { firstJobChoice: choice }),
    },
    citizenships: { X: { home: temporary ? "H" : "A", network: 1 } },
    regions: {
      A: region("AA", 0, { entrants: E, temporaryShare: temporary ? 1 : 0, amenity: -50 }),
      B: region("BB", 1000, { amenity: 50 }),
      H: region("HH", 0, { amenity: -50 }),
    },
    movingCost: { "A<->B": 0.5, "A<->H": 0.5, "B<->H": 0.5 },
    visaFriction: {},
    visas: {
      A: { "*": temporary ? { rule: "open", permanent: false, permanence: 0, fee: 0, duration: 3, renewal: 0 } : OPEN },
      B: { "*": OPEN },
      H: { "*": OPEN },
    },
    lotteries: {},
    freeMovement: [],
    policies: [],
  };
}

/** The probabilities of the world: looking around (p), exiting (e), and an entrant's first-period choice (q). */
function rates(choice: number): { p: number; e: number; q: number } {
  const p = 1 - Math.exp(-0.4);
  return { p, e: 1 - Math.exp(-0.1), q: choice + (1 - choice) * p };
}

describe("meanField with entrants who choose their first job", () => {
  it(
    "meanField(world, firstJobChoice c) holds in A the entrants of each year and those of earlier years who stayed, " +
      "each year's leaving at c + (1 − c) p in its first year and at p after (to 1e-9)",
    () => {
      for (const c of [0.6, 1]) {
        const { p, e, q } = rates(c);
        // End of year t: E new entrants; the older ones N_t follow N_(t+1) = (1 − e)(N_t (1 − p) + E (1 − q)).
        const expected: number[] = [];
        let older = 0;
        for (let t = 0; t < YEARS; t++) {
          expected.push(older + E);
          older = (1 - e) * (older * (1 - p) + E * (1 - q));
        }
        const stock = meanField(firstJobWorld(c, false), { skillBins: 4 }).stock.A;
        stock.forEach((v, t) => expect(Math.abs(v - expected[t])).toBeLessThan(1e-9 * E));
      }
    },
  );

  it(
    "meanField(world of temporary entrants, firstJobChoice 0.6) keeps apart the periods left of those who chose " +
      "their first job: each year's entrants stay three years at most (to 1e-9)",
    () => {
      const { p, e, q } = rates(0.6);
      // A holds the cohorts of ages 0, 1 and 2: the fourth year's status ends (renewal 0) and all leave.
      const ages = [E, E * (1 - e) * (1 - q), E * (1 - e) ** 2 * (1 - q) * (1 - p)];
      const expected = Array.from({ length: YEARS }, (_, t) => ages.slice(0, t + 1).reduce((a, b) => a + b, 0));
      const stock = meanField(firstJobWorld(0.6, true), { skillBins: 4 }).stock.A;
      stock.forEach((v, t) => expect(Math.abs(v - expected[t])).toBeLessThan(1e-9 * E));
    },
  );

  it(
    "meanField(world, a policy switching firstJobChoice from 0 to 1 in 2033) lets each year's entrants choose at " +
      "the value of their entry year (to 1e-9)",
    () => {
      const s = firstJobWorld(undefined, false);
      s.policies = [{ kind: "custom", from: 2030, path: "behavior.firstJobChoice", expression: "year < 2033 ? 0 : 1" }];
      const { p, e } = rates(0);
      const expected: number[] = [];
      let older = 0;
      for (let t = 0; t < YEARS; t++) {
        expected.push(older + E);
        // The entrants of 2030 + t choose next year with probability c + (1 − c) p, c of their entry year.
        const c = 2030 + t < 2033 ? 0 : 1;
        older = (1 - e) * (older * (1 - p) + E * (1 - (c + (1 - c) * p)));
      }
      const stock = meanField(s, { skillBins: 4 }).stock.A;
      stock.forEach((v, t) => expect(Math.abs(v - expected[t])).toBeLessThan(1e-9 * E));
      // The switch acts from the entrants of 2033 on: A keeps fewer people in 2034 than in 2033.
      expect(stock[4]).toBeLessThan(stock[3]);
    },
  );

  it("meanField(world, firstJobChoice 0) returns rows identical to the world without the field", () => {
    for (const temporary of [false, true]) {
      const without = meanField(firstJobWorld(undefined, temporary), { skillBins: 4 }).rows;
      const zero = meanField(firstJobWorld(0, temporary), { skillBins: 4 }).rows;
      expect(zero).toEqual(without);
      // And the field acts where it is on.
      const on = meanField(firstJobWorld(0.6, temporary), { skillBins: 4 }).rows;
      expect(on).not.toEqual(without);
    }
  });

  it("meanField(baseline with firstJobChoice 1) (the block of docs/experiments.md) moves more entrants at once", () => {
    // The block of docs/experiments.md, as written there.
    // Every entrant of the baseline chooses its first job among all regions in the quarter after entry.
    const s = scenarios.baseline();
    s.behavior.firstJobChoice = 1;
    const mf = meanField(s, { skillBins: 8, welfare: false });
    const plain = meanField(scenarios.baseline(), { skillBins: 8, welfare: false });
    // The same entrants; more moves out of regions; Canada keeps fewer of those it trained.
    const total = (rows: readonly TidyRow[], metric: string) =>
      rows.filter((r) => r.metric === metric).reduce((x, r) => x + r.value, 0);
    expect(scenarios.baseline().behavior.firstJobChoice ?? 0).toBe(0);
    expect(total(mf.rows, "entries")).toBeCloseTo(total(plain.rows, "entries"), 6);
    expect(total(mf.rows, "outflows")).toBeGreaterThan(1.25 * total(plain.rows, "outflows"));
    expect(mf.stock.CA.at(-1)!).toBeLessThan(0.9 * plain.stock.CA.at(-1)!);
  }, 60_000);
});
