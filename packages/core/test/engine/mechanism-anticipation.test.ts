import { describe, expect, it } from "vitest";
import { keyedExponential, streamKey } from "../../src/random/keyed";
import { region, tinyWorld, trackMoves } from "../_worlds";

/**
 * Anticipated admission with three options: staying in A (value 0), B with admission chance pi
 * (value dB), C open (value dC). The model values an option with risk as
 * ln(pi e^(V_B + G_B) + (1 - pi) e^(V_A + G_A)) (Gumbel shocks G), and the agent takes the best.
 * The expected shares are computed here by Monte Carlo over independent Gumbel draws (as
 * exponentials E = e^-G, on a stream of their own), not from the engine.
 */
const M = 400_000;

function anticipatedShares(pi: number, dB: number, dC: number): { B: number; C: number } {
  const [kA, kB, kC] = [1, 2, 3].map((option) => streamKey(991, 0, 77, option));
  const extra = streamKey(991, 0, 78, 0);
  let b = 0;
  let c = 0;
  for (let id = 0; id < M; id++) {
    const stay = 1 / keyedExponential(kA, extra, id);
    const toB = pi * (Math.exp(dB) / keyedExponential(kB, extra, id)) + (1 - pi) * stay;
    const toC = Math.exp(dC) / keyedExponential(kC, extra, id);
    if (toB > stay && toB > toC) b++;
    else if (toC > stay && toC >= toB) c++;
  }
  return { B: b / M, C: c / M };
}

/** 4 standard errors of a count over n agents with chance p, p itself estimated from M draws. */
const tolerance = (n: number, p: number) => 4 * Math.sqrt(n * p * (1 - p) + (n * n * p * (1 - p)) / M);

describe("anticipated admission", () => {
  it(
    "simulate makes Y (second citizenship) choose B with the anticipated-admission " +
      "shares at its own threshold chances (0.9 above the cut, 0.2 below)",
    () => {
      const s = tinyWorld({ years: 1 });
      s.citizenships = { X: { home: "A", network: 1 }, Y: { home: "A", network: 1 } };
      const mix = { Y: 1 };
      s.regions.A = region("AA", 40_000, { skillReturn: 0.5, initialCitizenship: mix, entrantCitizenship: mix });
      s.regions.B = region("BB", 0, { skillReturn: 0.5, amenity: 1, initialCitizenship: mix, entrantCitizenship: mix });
      s.regions.C = region("CC", 0, {
        skillReturn: 0.5,
        amenity: 0.2,
        initialCitizenship: mix,
        entrantCitizenship: mix,
      });
      s.visas.B = {
        X: { rule: "probability", admission: 1, permanent: true, permanence: 0, fee: 0 },
        Y: { rule: "threshold", threshold: 100_000, high: 0.9, low: 0.2, permanent: true, permanence: 0, fee: 0 },
      };
      const { moves, records } = trackMoves(s, 81);
      const fromA = moves.filter((m) => m.from === "A");
      const high = fromA.filter((m) => m.skill >= 0).length;
      const low = fromA.length - high;
      const dB = 1 - 0.5;
      const dC = 0.2 - 0.5;
      const atHigh = anticipatedShares(0.9, dB, dC);
      const atLow = anticipatedShares(0.2, dB, dC);
      // With pi = 1 the B share would be the logit's; the low chance lowers it markedly.
      expect(atLow.B).toBeLessThan(atHigh.B - 0.05);
      const applications = records[0].applications[1];
      const expectedB = high * atHigh.B + low * atLow.B;
      expect(
        Math.abs(applications - expectedB),
        `applications to B: ${applications}, expected ${expectedB.toFixed(1)}`,
      ).toBeLessThan(tolerance(fromA.length, expectedB / fromA.length));
      const toC = fromA.filter((m) => m.to === "C").length;
      const expectedC = high * atHigh.C + low * atLow.C;
      expect(Math.abs(toC - expectedC), `moves to C: ${toC}, expected ${expectedC.toFixed(1)}`).toBeLessThan(
        tolerance(fromA.length, expectedC / fromA.length),
      );
    },
  );
});

describe("anticipated chance of a program place", () => {
  it(
    "simulate makes agents anticipate pi + (1 - pi) * (places left / " +
      "applicants) of an open work permit, for a rule chance of 0 (Y) and 0.3 (Z)",
    () => {
      // Period 0: B and C are poor (amenity -3), so few apply and the permit's places outnumber
      // them; period 1 (a custom policy raises both amenities to 1.5) the chance of a place is what
      // was left per applicant, strictly between 0 and 1.
      const s = tinyWorld({ years: 1, periodsPerYear: 2 });
      s.citizenships = { Y: { home: "C", network: 1 }, Z: { home: "C", network: 1 } };
      const mix = { Y: 0.25, Z: 0.75 };
      s.regions.A = region("AA", 40_000, { initialCitizenship: mix, entrantCitizenship: mix, temporaryShare: 1 });
      s.regions.B = region("BB", 0, { amenity: -3, initialCitizenship: mix, entrantCitizenship: mix });
      s.regions.C = region("CC", 0, { amenity: -3, initialCitizenship: mix, entrantCitizenship: mix });
      s.movingCost = { "A<->B": 0.5, "A<->C": 0.5, "B<->C": 50 };
      s.visas.A = { "*": { rule: "open", permanent: false, permanence: 0, fee: 0 } };
      s.visas.B = {
        Y: { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 },
        Z: { rule: "probability", admission: 0.3, permanent: true, permanence: 0, fee: 0 },
      };
      const places = 1700;
      s.policies = [
        { kind: "openWorkPermit", region: "B", holdersIn: ["A"], places, perYear: false, permanent: true, from: 2030 },
        { kind: "custom", path: "regions.B.amenity", expression: "1.5", from: 2030.5 },
        { kind: "custom", path: "regions.C.amenity", expression: "1.5", from: 2030.5 },
      ];
      const { moves, records } = trackMoves(s, 82);
      // Period 0 (chance 1 before the first allocation): every applicant gets a place.
      const applied = records[0].applications[1];
      expect(records[0].admissions[1], "period 0: every applicant placed").toBe(applied);
      const chance = (places - applied) / applied;
      expect(chance, "a partial chance of a place").toBeGreaterThan(0.2);
      expect(chance).toBeLessThan(0.8);
      const d = 1.5 - 0.5;
      const fromA = moves.filter((m) => m.period === 1 && m.from === "A");
      const shares = { Y: anticipatedShares(chance, d, d), Z: anticipatedShares(0.3 + 0.7 * chance, d, d) };
      let expectedApplications = 0;
      for (const c of ["Y", "Z"] as const) {
        const mine = fromA.filter((m) => m.citizenship === c);
        expectedApplications += mine.length * shares[c].B;
        const toC = mine.filter((m) => m.to === "C").length;
        const expectedC = mine.length * shares[c].C;
        expect(Math.abs(toC - expectedC), `${c}: moves to C ${toC}, expected ${expectedC.toFixed(1)}`).toBeLessThan(
          tolerance(mine.length, shares[c].C),
        );
      }
      const applications = records[1].applications[1];
      expect(
        Math.abs(applications - expectedApplications),
        `period 1: applications to B ${applications}, expected ${expectedApplications.toFixed(1)}`,
      ).toBeLessThan(tolerance(fromA.length, expectedApplications / fromA.length));
    },
  );
});
