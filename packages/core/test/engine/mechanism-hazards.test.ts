import { describe, expect, it } from "vitest";
import { wageLevel } from "../../src/kernel/_tables";
import { expectMoves, logistic, region, tinyWorld, trackMoves } from "../_worlds";

/** 4 binomial standard errors of a count of n trials with chance p. */
const fourSe = (n: number, p: number) => 4 * Math.sqrt(n * p * (1 - p));

/**
 * Yearly rates become per-period chances 1 - e^(-rate / periodsPerYear): exits, looking around and
 * a temporary status becoming permanent. Network, home bias, temporary penalty and the lottery's
 * petition chance enter as the model's formulas say.
 */
describe("hazards per period", () => {
  it(
    "simulate at 2 periods a year exits 1 - e^(-exitRate / 2) " +
      "of agents per period and moves considerChance * logistic(d)",
    () => {
      const s = tinyWorld({ years: 1, periodsPerYear: 2 });
      s.behavior.exitRate = 0.4;
      s.behavior.considerRate = 0.6;
      s.regions.A = region("AA", 40_000);
      s.regions.B.amenity = 0.5;
      s.visas.C = { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
      const { moves, records } = trackMoves(s, 61);
      const pExit = 1 - Math.exp(-0.4 / 2);
      const pLook = 1 - Math.exp(-0.6 / 2);
      // Period 0: 40,000 agents in A, each exits with pExit (nobody is old enough to retire).
      expect(Math.abs(records[0].exits[0] - 40_000 * pExit)).toBeLessThan(fourSe(40_000, pExit));
      for (const period of [0, 1]) {
        expectMoves(
          `period ${period}`,
          moves.filter((m) => m.period === period && m.from === "A"),
          () => ({ B: pLook * logistic(0.5 - 0.5) }),
        );
      }
    },
  );

  it("simulate turns 1 - e^(-permanence / periodsPerYear) of temporary statuses permanent per period", () => {
    const s = tinyWorld({ years: 1, periodsPerYear: 4 });
    // Everybody looks around every period but nobody moves (C, Y's home, is far worse; B is
    // closed): looking around and staying must not hold a status change back.
    s.behavior.considerRate = 1000;
    s.citizenships = { Y: { home: "C", network: 1 } };
    const mix = { Y: 1 };
    s.regions.A = region("AA", 40_000, { initialCitizenship: mix, entrantCitizenship: mix, temporaryShare: 1 });
    s.regions.B = region("BB", 0, { initialCitizenship: mix, entrantCitizenship: mix });
    s.regions.C = region("CC", 0, { initialCitizenship: mix, entrantCitizenship: mix, amenity: -50 });
    s.visas.A = { "*": { rule: "open", permanent: false, permanence: 0.8, fee: 0 } };
    s.visas.B = { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
    const sim = trackMoves(s, 62).sim;
    // After 4 periods a status survives with probability e^(-0.8 / 4)^4 = e^(-0.8).
    const temporary = sim.agents().temporary.reduce((x, y) => x + y, 0);
    const p = Math.exp(-0.8);
    expect(Math.abs(temporary - 40_000 * p)).toBeLessThan(fourSe(40_000, p));
  });

  it.each(["refused by the rule", "entering a lottery", "applying for a permit"] as const)(
    "simulate turns 1 - e^(-permanence / periodsPerYear) of " +
      "temporary statuses permanent among agents who stay after %s",
    (how) => {
      // B is worth much more than staying, so most of A's temporary Y apply; those still in A
      // after the period were refused, wait in the pool or got no place. Their status changes
      // as everybody else's: applying does not hold it back.
      const s = tinyWorld({ years: 1, periodsPerYear: 1 });
      s.citizenships = { Y: { home: "C", network: 1 } };
      const mix = { Y: 1 };
      s.regions.A = region("AA", 20_000, { initialCitizenship: mix, entrantCitizenship: mix, temporaryShare: 1 });
      s.regions.B = region("BB", 0, { initialCitizenship: mix, entrantCitizenship: mix, amenity: 3 });
      s.regions.C = region("CC", 0, { initialCitizenship: mix, entrantCitizenship: mix, amenity: -50 });
      s.visas.A = { "*": { rule: "open", permanent: false, permanence: 0.8, fee: 0 } };
      s.visas.B = { "*": { rule: "probability", admission: 0.1, permanent: true, permanence: 0, fee: 0 } };
      if (how === "entering a lottery") {
        s.visas.B = { "*": { rule: "lottery", pool: "L", permanent: true, permanence: 0, fee: 0 } };
        s.lotteries = {
          L: { regions: ["B"], cap: 100, weighted: false, period: 0, startDelay: 0, initialSelectionRate: 0.5 },
        };
      }
      if (how === "applying for a permit") {
        s.policies = [
          {
            kind: "openWorkPermit",
            region: "B",
            holdersIn: ["A"],
            places: 100,
            perYear: false,
            permanent: true,
            from: 2030,
          },
        ];
      }
      const { sim, records } = trackMoves(s, 64);
      const after = sim.agents();
      const stayed = new Set(after.id.filter((_, k) => after.region[k] === "A"));
      expect(records[0].applications[1], "applicants to B").toBeGreaterThan(0.8 * 20_000);
      const n = stayed.size;
      const temporary = after.id.filter((id, k) => stayed.has(id) && after.temporary[k] === 1).length;
      const p = Math.exp(-0.8);
      expect(Math.abs(temporary - n * p), `${temporary} of ${n} still temporary`).toBeLessThan(fourSe(n, p));
    },
  );

  it(
    "simulate adds gamma * network * ln(1 + compatriots " + "abroad / 1000) to a region abroad, and nothing at home",
    () => {
      const s = tinyWorld();
      s.behavior.gamma = 0.5;
      s.citizenships = { X: { home: "A", network: 0.8 }, Y: { home: "C", network: 1 } };
      s.regions.A = region("AA", 30_000, { initialCitizenship: { X: 1 } });
      s.regions.B = region("BB", 20_000, { initialCitizenship: { X: 1 }, amenity: -1 });
      s.regions.C = region("CC", 10_000, { initialCitizenship: { Y: 1 }, amenity: -1 });
      // Investment per worker does not enter (alpha 0); A's X are at home, B's X abroad.
      const { moves } = trackMoves(s, 63);
      const network = 0.5 * 0.8 * Math.log(1 + 20_000 / 1000);
      const values = { A: 0, B: -1 + network - 0.5, C: -1 - 0.5 };
      const z = Math.exp(values.A) + Math.exp(values.B) + Math.exp(values.C);
      expectMoves(
        "X from A",
        moves.filter((m) => m.from === "A"),
        () => ({ B: Math.exp(values.B) / z, C: Math.exp(values.C) / z }),
      );
    },
  );

  it("simulate adds homeBias to the home region and tempPenalty to a temporary status, staying included", () => {
    const s = tinyWorld();
    s.behavior.homeBias = 0.7;
    s.behavior.tempPenalty = 0.6;
    s.citizenships = { Y: { home: "B", network: 1 } };
    const mix = { Y: 1 };
    s.regions.A = region("AA", 40_000, { initialCitizenship: mix, entrantCitizenship: mix, temporaryShare: 0.5 });
    s.regions.B = region("BB", 0, { initialCitizenship: mix, entrantCitizenship: mix, amenity: -0.9 });
    s.regions.C = region("CC", 0, { initialCitizenship: mix, entrantCitizenship: mix, amenity: -0.2 });
    s.visas.A = { "*": { rule: "open", permanent: false, permanence: 0, fee: 0 } };
    s.visas.C = { "*": { rule: "open", permanent: false, permanence: 0, fee: 0 } };
    const { moves } = trackMoves(s, 64);
    // Staying in A keeps a temporary status (penalty for the temporary only); B is home (citizen,
    // no status); C grants a temporary status to everybody.
    for (const temporary of [false, true]) {
      const v = { A: temporary ? -0.6 : 0, B: -0.9 + 0.7 - 0.5, C: -0.2 - 0.6 - 0.5 };
      const z = Math.exp(v.A) + Math.exp(v.B) + Math.exp(v.C);
      expectMoves(
        `temporary ${temporary}`,
        moves.filter((m) => m.from === "A" && m.temporary === temporary),
        () => ({ B: Math.exp(v.B) / z, C: Math.exp(v.C) / z }),
      );
    }
  });

  it(
    "simulate enters lottery applicants into the pool with " + "the petition chance feeAdmissionFactor^(fee / 100,000)",
    () => {
      const s = tinyWorld({ years: 1 });
      s.regions.B.amenity = 0.5;
      s.visas.B = { "*": { rule: "lottery", pool: "L", permanent: true, permanence: 0, fee: 150_000 } };
      s.visas.C = { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
      s.lotteries = {
        L: { regions: ["B"], cap: 100, weighted: false, period: 0, startDelay: 0, initialSelectionRate: 0.4 },
      };
      const { records } = trackMoves(s, 65);
      const petition = 0.5 ** 1.5;
      const applications = records[0].applications[1];
      expect(applications).toBeGreaterThan(10_000);
      expect(Math.abs(records[0].lotteryEntrants[1] - applications * petition)).toBeLessThan(
        fourSe(applications, petition),
      );
    },
  );
});

describe("wageLevel", () => {
  it(
    "wageLevel(z) returns levels 0-3 with the edges at the 17th, 34th and " +
      "67th percentiles (z = -0.4125, 0, 0.4399) belonging to the level above",
    () => {
      expect([-1, -0.4126, -0.4125, -1e-12, 0, 0.4398, 0.4399, 2].map(wageLevel)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    },
  );
});
