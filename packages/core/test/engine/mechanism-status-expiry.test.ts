import { describe, expect, it } from "vitest";
import { ENTRANT_ID_BASE } from "../../src/engine/_agentColumns";
import type { Scenario, VisaRule } from "../../src/scenario/types";
import { meanField, simulate } from "../../src/index";
import { OPEN, expectMoves, logistic, region, tinyWorld, trackMoves } from "../_worlds";

/** The internal period in which an entrant entered, from its id (docs/model.md 3.3.12). */
const entryPeriod = (id: number) => Math.floor((id - ENTRANT_ID_BASE) / 65536 / 32);

/** 4 binomial standard errors of a count of n trials with chance p. */
const fourSe = (n: number, p: number) => 4 * Math.sqrt(n * p * (1 - p));

/**
 * Y (home C, country CC) enter A on a temporary status with a term; nobody looks around or exits,
 * so the only moves are the forced decisions at expiry. A2 shares A's country; B admits everyone
 * with permanent residence.
 */
function expiryWorld(rule: Partial<VisaRule>, over: Partial<Scenario> = {}): Scenario {
  const mix = { Y: 1 };
  const temporary = { rule: "open", permanent: false, permanence: 0, fee: 0, ...rule } as VisaRule;
  const s = tinyWorld({ years: 5, periodsPerYear: 4, ...over });
  s.behavior.considerRate = 0;
  s.citizenships = { Y: { home: "C", network: 1 } };
  s.regions = {
    A: region("AA", 0, { initialCitizenship: mix, entrantCitizenship: mix, entrants: 4000 }),
    A2: region("AA", 0, { initialCitizenship: mix, entrantCitizenship: mix }),
    B: region("BB", 0, { initialCitizenship: mix, entrantCitizenship: mix, amenity: 0.3 }),
    // Y at home in C (they never look around): the run needs an initial population.
    C: region("CC", 1000, { initialCitizenship: mix, entrantCitizenship: mix }),
  };
  s.movingCost = { "A<->A2": 0, "A<->B": 0.5, "A<->C": 0.5, "B<->C": 0.5, "A2<->B": 0.5, "A2<->C": 0.5 };
  s.visas = { A: { "*": temporary }, A2: { "*": temporary }, B: { "*": OPEN }, C: { "*": OPEN } };
  return s;
}

describe("statuses that end (docs/model.md 3.3.9)", () => {
  it(
    "simulate with duration d, renewal 0 and permanence 0 keeps every status exactly d years, " +
      "then moves its holder abroad",
    () => {
      // d = 1.5 years = 6 quarters: an entrant of period t0 holds its status in periods t0 .. t0 + 5
      // and leaves in the pass of period t0 + 6, to another country.
      const { moves } = trackMoves(expiryWorld({ duration: 1.5 }), 3);
      const fromA = moves.filter((m) => m.from === "A");
      for (const m of fromA) {
        const held = m.period - entryPeriod(m.id);
        expect(m.temporary, `agent ${m.id} in A`).toBe(true);
        if (held < 6) expect(m.to, `agent ${m.id} after ${held} periods`).toBe("A");
        else expect([held, m.to === "B" || m.to === "C"], `agent ${m.id} after ${held} periods`).toEqual([6, true]);
      }
      expect(fromA.filter((m) => m.to !== "A").length).toBeGreaterThan(10_000);
    },
  );

  it("simulate sends holders whose status expires to B or home C by the logit of their values, never to A2", () => {
    const s = expiryWorld({ duration: 1 });
    const { moves } = trackMoves(s, 5);
    const forced = moves.filter((m) => m.from === "A" && m.period - entryPeriod(m.id) === 4);
    expect(forced.length).toBeGreaterThan(10_000);
    expect(moves.filter((m) => m.from === "A" && m.to !== "A" && m.period - entryPeriod(m.id) !== 4)).toEqual([]);
    // Staying and A2 are closed; B (amenity 0.3) against home C, each across the same moving cost.
    expectMoves("holders at expiry", forced, () => ({ A: 0, A2: 0, B: logistic(0.3), C: 1 - logistic(0.3) }));
  });

  it("simulate sends a holder refused by the destination's draw home", () => {
    // B admits nobody of Y and is not worth trying; C is home: everyone goes to C.
    const s = expiryWorld({ duration: 1 });
    s.visas.B = { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
    const { moves } = trackMoves(s, 6);
    const left = moves.filter((m) => m.from === "A" && m.to !== "A");
    expect(left.length).toBeGreaterThan(1000);
    expect(new Set(left.map((m) => m.to))).toEqual(new Set(["C"]));
  });

  it(
    "simulate with permanence 0.8 and renewal 0.25 sends (1 - p)^(D - 1) (1 - 0.25) of a cohort abroad " +
      "at its first expiry and (1 - p)^(2D - 1) 0.25 (1 - 0.25) at its second",
    () => {
      const s = expiryWorld({ duration: 1, permanence: 0.8, renewal: 0.25 }, { years: 6 });
      const { moves } = trackMoves(s, 7);
      const last = 6 * 4 - 1;
      const p = 1 - Math.exp(-0.8 / 4);
      const D = 4;
      for (const [k, q] of [
        [1, (1 - p) ** (D - 1) * 0.75],
        [2, (1 - p) ** (2 * D - 1) * 0.25 * 0.75],
      ]) {
        const entrants = moves.filter((m) => m.id >= ENTRANT_ID_BASE && entryPeriod(m.id) + k * D <= last);
        const entered = new Set(entrants.map((m) => m.id));
        const n = entered.size;
        const left = moves.filter(
          (m) => entered.has(m.id) && m.from === "A" && m.to !== "A" && m.period === entryPeriod(m.id) + k * D,
        ).length;
        expect(n).toBeGreaterThan(10_000);
        expect(Math.abs(left - n * q), `expiry ${k}: ${left} of ${n} left, expected ${n * q}`).toBeLessThan(
          fourSe(n, q),
        );
      }
    },
  );

  it("simulate spreads the initial holders' expiries evenly over their first term, none beyond it", () => {
    const s = expiryWorld({ duration: 2 }, { years: 3 });
    s.regions.A = { ...s.regions.A, initialStock: 40_000, temporaryShare: 1, entrants: 0 };
    const { moves } = trackMoves(s, 8);
    const D = 8;
    const byPeriod = new Array(12).fill(0);
    for (const m of moves) if (m.from === "A" && m.to !== "A") byPeriod[m.period]++;
    // After the first term nobody is left in A (exact).
    expect(moves.filter((m) => m.from === "A" && m.period > D).length).toBe(0);
    // Period 0 is no expiry (the first falls in period 1); periods 1..8 each take 1/8; none after.
    expect(byPeriod[0]).toBe(0);
    for (let t = 1; t <= D; t++) expect(Math.abs(byPeriod[t] - 40_000 / D)).toBeLessThan(fourSe(40_000, 1 / D));
    expect(byPeriod.slice(D + 1)).toEqual([0, 0, 0]);
  });

  it(
    "simulate and meanField with duration 1.5, renewal 0 and permanence 0 hold exactly six quarters " +
      "of entrants in A, and meanField sends (1 - p)^(D - 1) (1 - renewal) of a cohort abroad at expiry",
    () => {
      const stockA = (rows: ReadonlyArray<{ metric: string; region: string; period: number; value: number }>) =>
        rows.filter((r) => r.metric === "stock" && r.region === "A").map((r) => r.value);
      const s = expiryWorld({ duration: 1.5 });
      const six = Array.from({ length: 20 }, (_, t) => 1000 * Math.min(t + 1, 6));
      expect(stockA(simulate(s, { seed: 9, metrics: ["stock"] }).rows)).toEqual(six);
      const mf = stockA(meanField(s).rows);
      mf.forEach((v, t) => expect(v).toBeCloseTo(six[t], 6));
      // With permanence and renewal: A keeps, of each cohort, all but the leavers at expiry.
      const p = 1 - Math.exp(-0.8 / 4);
      const leave = (1 - p) ** 5 * 0.75;
      const withHazards = stockA(meanField(expiryWorld({ duration: 1.5, permanence: 0.8, renewal: 0.25 })).rows);
      // After period 6, the first cohort (period 0) has met its expiry; the next five have not.
      expect(withHazards[6] - withHazards[5]).toBeCloseTo(1000 - 1000 * leave, 6);
    },
  );

  it(
    "simulate with a visaRegime policy that gives A's status a one-year term from 2031 sends every holder " +
      "abroad at the next multiple of four quarters after its entry",
    () => {
      // No term before 2031 (period 4); from then a term of 4 quarters counted from each entry.
      const s = expiryWorld({}, { years: 3 });
      s.policies = [
        {
          kind: "visaRegime",
          region: "A",
          rule: { rule: "open", permanent: false, permanence: 0, fee: 0, duration: 1 },
          from: 2031,
        } as Scenario["policies"][number],
      ];
      const { moves } = trackMoves(s, 11);
      const left = moves.filter((m) => m.from === "A" && m.to !== "A");
      expect(left.length).toBeGreaterThan(1000);
      for (const m of left) {
        const held = m.period - entryPeriod(m.id);
        // Entrants of periods 0-3 have held their status 1-4 quarters when the term starts to count.
        expect([m.period >= 4, held % 4, held >= 4], `agent ${m.id} left in ${m.period} after ${held}`).toEqual([
          true,
          0,
          true,
        ]);
      }
      // Everyone who entered by period 7 has met a multiple of four quarters by period 11: nobody is left.
      expect(moves.filter((m) => m.to === "A" && m.period === 11 && entryPeriod(m.id) <= 7)).toEqual([]);
    },
  );
});
