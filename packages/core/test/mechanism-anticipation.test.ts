import { describe, expect, it } from "vitest";
import { keyedExponential, streamKey } from "../src/random/keyed";
import { region, tinyWorld, trackMoves } from "./_worlds";

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
    const stay = 1 / keyedExponential(kA!, extra, id);
    const toB = pi * (Math.exp(dB) / keyedExponential(kB!, extra, id)) + (1 - pi) * stay;
    const toC = Math.exp(dC) / keyedExponential(kC!, extra, id);
    if (toB > stay && toB > toC) b++;
    else if (toC > stay && toC >= toB) c++;
  }
  return { B: b / M, C: c / M };
}

/** 4 standard errors of a count over n agents with chance p, p itself estimated from M draws. */
const tolerance = (n: number, p: number) => 4 * Math.sqrt(n * p * (1 - p) + (n * n * p * (1 - p)) / M);

describe("anticipated admission", () => {
  it("simulate makes Y (second citizenship) choose B with the anticipated-admission shares at its own threshold chances (0.9 above the cut, 0.2 below)", () => {
    const s = tinyWorld({ years: 1 });
    s.citizenships = { X: { home: "A", network: 1 }, Y: { home: "A", network: 1 } };
    const mix = { Y: 1 };
    s.regions.A = region("AA", 40_000, { skillReturn: 0.5, initialCitizenship: mix, entrantCitizenship: mix });
    s.regions.B = region("BB", 0, { skillReturn: 0.5, amenity: 1, initialCitizenship: mix, entrantCitizenship: mix });
    s.regions.C = region("CC", 0, { skillReturn: 0.5, amenity: 0.2, initialCitizenship: mix, entrantCitizenship: mix });
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
    const applications = records[0]!.applications[1]!;
    const expectedB = high * atHigh.B + low * atLow.B;
    expect(Math.abs(applications - expectedB), `applications to B: ${applications}, expected ${expectedB.toFixed(1)}`).toBeLessThan(tolerance(fromA.length, expectedB / fromA.length));
    const toC = fromA.filter((m) => m.to === "C").length;
    const expectedC = high * atHigh.C + low * atLow.C;
    expect(Math.abs(toC - expectedC), `moves to C: ${toC}, expected ${expectedC.toFixed(1)}`).toBeLessThan(tolerance(fromA.length, expectedC / fromA.length));
  });
});
