import { describe, expect, it } from "vitest";
import type { Policy, Scenario, VisaRule } from "../../src/scenario/types";
import { expectMoves, logistic, OPEN, region, softmaxOf, tinyWorld, trackMoves, type Move } from "../_worlds";

/**
 * Every policy kind in simulation, in tiny worlds where the expected choice probabilities are
 * written by hand from the scenario's numbers (logit shares, or pi * logistic(d) when one
 * destination with admission risk competes with staying). Each test also runs periods outside
 * the policy's window, so a window that opens late, early or never shows.
 */

const BETA = 0.65;
const MC = 0.5; // movingCost of every pair in tinyWorld
const N = 30_000;

/** Hand-written values of staying in `m.from` and of each other region, as a logit over them. */
function logit(_m: Move, value: (to: string) => number): Record<string, number> {
  return softmaxOf(Object.fromEntries(["A", "B", "C"].map((j) => [j, value(j)])));
}

describe("researchCooperation", () => {
  it.each([false, true])(
    "simulate with researchCooperation(A, B; researchersOnly %s) raises both partners' " +
      "ecosystem for researchers and cuts moving cost A<->B (floored at 0) only inside its window",
    (researchersOnly) => {
      const s = tinyWorld({ years: 3 });
      s.regions.A = region("AA", N, { researcherShare: 0.5 });
      s.regions.B.amenity = -0.3;
      s.regions.C.amenity = -0.6;
      s.policies = [
        {
          kind: "researchCooperation",
          partners: ["A", "B"],
          ecosystemBoost: 0.4,
          movingCostCut: 0.7,
          researchersOnly,
          from: 2031,
          until: 2032,
        },
      ];
      const amenity: Record<string, number> = { A: 0, B: -0.3, C: -0.6 };
      const { moves } = trackMoves(s, 11);
      const expected = (m: Move) =>
        logit(m, (j) => {
          const active = m.period === 1;
          let v = amenity[j];
          if (active && m.researcher && (j === "A" || j === "B")) v += 0.4;
          if (j !== m.from) {
            const partners = (m.from === "A" && j === "B") || (m.from === "B" && j === "A");
            const cut = active && partners && (m.researcher || !researchersOnly);
            v -= cut ? Math.max(0, MC - 0.7) : MC;
          }
          return v;
        });
      for (const period of [0, 1, 2]) {
        for (const researcher of [false, true]) {
          expectMoves(
            `period ${period}, researcher ${researcher}`,
            moves.filter((m) => m.period === period && m.from === "A" && m.researcher === researcher),
            expected,
          );
        }
      }
      expectMoves(
        "from B in the window",
        moves.filter((m) => m.period === 1 && m.from === "B"),
        expected,
        20,
      );
    },
  );
});

describe("economicCooperation, investment and regulatoryAlignment", () => {
  /** Three regions of equal stock with alpha > 0: investment per worker enters as alpha * ln(I_j). */
  function investWorld(policies: Policy[]): Scenario {
    const s = tinyWorld();
    s.behavior.alpha = 0.3;
    for (const [code, country] of [
      ["A", "AA"],
      ["B", "BB"],
      ["C", "CC"],
    ] as const)
      s.regions[code] = region(country, 10_000, { investment: 2 });
    s.regions.B.amenity = -0.2;
    s.visaFriction = { "X->B": 1, "X->C": 1 };
    s.policies = policies;
    return s;
  }
  /** Logit over A, B, C with investment I_j (billion), friction of X into B and C, and moving cost. */
  function investExpected(investment: Record<string, number>, friction: (from: string, to: string) => number) {
    const amenity: Record<string, number> = { A: 0, B: -0.2, C: 0 };
    return (m: Move) =>
      logit(m, (j) => 0.3 * Math.log(investment[j]) + amenity[j] - (j === m.from ? 0 : MC + friction(m.from, j)));
  }
  const plainFriction = (_from: string, to: string) => (to === "A" ? 0 : 1); // X is a citizen of A's country

  it(
    "simulate with economicCooperation adds each partner's own " +
      "amount (a record) to its investment, and nothing to others",
    () => {
      const s = investWorld([
        { kind: "economicCooperation", partners: ["B", "C"], investment: { B: 1, C: 6 }, from: 2030 },
      ]);
      const { moves } = trackMoves(s, 3);
      for (const from of ["A", "B", "C"])
        expectMoves(
          `from ${from}`,
          moves.filter((m) => m.from === from),
          investExpected({ A: 2, B: 3, C: 8 }, plainFriction),
        );
    },
  );

  it("simulate with economicCooperation adds one number to every partner's investment", () => {
    const s = investWorld([{ kind: "economicCooperation", partners: ["A", "B"], investment: 4, from: 2030 }]);
    const { moves } = trackMoves(s, 4);
    for (const from of ["A", "B", "C"])
      expectMoves(
        `from ${from}`,
        moves.filter((m) => m.from === from),
        investExpected({ A: 6, B: 6, C: 2 }, plainFriction),
      );
  });

  it("simulate with investment adds the amount to the region's investment", () => {
    const s = investWorld([{ kind: "investment", region: "C", amount: 5, from: 2030 }]);
    const { moves } = trackMoves(s, 5);
    for (const from of ["A", "B", "C"])
      expectMoves(
        `from ${from}`,
        moves.filter((m) => m.from === from),
        investExpected({ A: 2, B: 2, C: 7 }, plainFriction),
      );
  });

  it(
    "simulate with regulatoryAlignment multiplies partners' investment " +
      "by 1 + gain and cuts visa friction between partners only",
    () => {
      const s = investWorld([
        {
          kind: "regulatoryAlignment",
          partners: ["A", "B"],
          certifiedShare: 1,
          assessmentCost: 0.5,
          exportShare: 1,
          investmentElasticity: 1,
          frictionCut: 0.4,
          from: 2030,
        },
      ]);
      const { moves } = trackMoves(s, 6);
      const friction = (from: string, to: string) => (to === "A" ? 0 : from === "A" && to === "B" ? 1 - 0.4 : 1);
      for (const from of ["A", "B", "C"])
        expectMoves(
          `from ${from}`,
          moves.filter((m) => m.from === from),
          investExpected({ A: 3, B: 3, C: 2 }, friction),
        );
    },
  );
});

/** A world where moving to B needs an admission draw and C is closed: P(move) = pi * logistic(d). */
function admissionWorld(
  years: number,
  policies: Policy[],
  bRule: VisaRule = { rule: "probability", admission: 0.2, permanent: true, permanence: 0, fee: 0 },
): Scenario {
  const s = tinyWorld({ years });
  s.regions.B.amenity = -0.2;
  s.visaFriction = { "X->B": 1 };
  s.visas.B = { X: bRule };
  s.visas.C = { X: { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
  s.policies = policies;
  return s;
}

describe("talentExchange", () => {
  it(
    "simulate with talentExchange(A, B) raises admission to pi + " +
      "(1 - pi) * boost and cuts friction A->B only inside its window",
    () => {
      const s = admissionWorld(3, [
        {
          kind: "talentExchange",
          partners: ["A", "B"],
          admissionBoost: 0.5,
          frictionCut: 0.3,
          slots: 0,
          from: 2031,
          until: 2032,
        },
      ]);
      const { moves } = trackMoves(s, 7);
      for (const period of [0, 1, 2]) {
        const active = period === 1;
        const pi = active ? 0.2 + 0.8 * 0.5 : 0.2;
        const d = -0.2 - MC - (active ? 1 - 0.3 : 1);
        expectMoves(
          `period ${period}`,
          moves.filter((m) => m.period === period && m.from === "A"),
          () => ({ B: pi * logistic(d), A: 1 - pi * logistic(d) }),
        );
      }
    },
  );

  it(
    "simulate with talentExchange slots admits min(slots, refused) more " +
      "applicants each year after the draws, and the rest of the refused stay",
    () => {
      const s = admissionWorld(2, [
        { kind: "talentExchange", partners: ["B", "A"], admissionBoost: 0.5, frictionCut: 0, slots: 200, from: 2030 },
      ]);
      // Partners in the order B, A: the slots into B are the first program (index 0).
      const { moves, records } = trackMoves(s, 8);
      const pi = 0.6;
      const d = -0.2 - MC - 1;
      for (const period of [0, 1]) {
        const rec = records[period];
        const applications = rec.applications[1];
        const admissions = rec.admissions[1];
        const movedToB = moves.filter((m) => m.period === period && m.to === "B" && m.from !== "B").length;
        expect(admissions, `period ${period}: admissions equal the moves into B`).toBe(movedToB);
        const fromA = moves.filter((m) => m.period === period && m.from === "A").length;
        expect(Math.abs(applications - fromA * logistic(d)), `period ${period}: applications`).toBeLessThan(
          4 * Math.sqrt(fromA * logistic(d) * (1 - logistic(d))),
        );
        // Draws admit Binomial(applications, pi); the exchange then places 200 of the refused.
        expect(applications * (1 - pi), "enough refused applicants to fill the slots").toBeGreaterThan(400);
        expect(Math.abs(admissions - 200 - applications * pi), `period ${period}: admissions`).toBeLessThan(
          4 * Math.sqrt(applications * pi * (1 - pi)),
        );
      }
    },
  );
});

describe("visaRegime", () => {
  it(
    "simulate with visaRegime(threshold) moves the salary threshold: " +
      "only agents above the new skill cut are admitted inside the window",
    () => {
      // skillReturn 0.5 everywhere: the skill terms cancel in d, and the cut is (ln threshold - ln wage) / 0.5.
      const s = admissionWorld(
        3,
        [{ kind: "visaRegime", region: "B", threshold: 100_000 * Math.exp(0.5), from: 2031, until: 2032 }],
        {
          rule: "threshold",
          threshold: 100_000,
          high: 0.9,
          low: 0,
          permanent: true,
          permanence: 0,
          fee: 0,
        },
      );
      for (const code of ["A", "B", "C"]) s.regions[code].skillReturn = 0.5;
      const { moves } = trackMoves(s, 9);
      const d = -0.2 - MC - 1;
      for (const period of [0, 1, 2]) {
        const cut = period === 1 ? 1 : 0;
        const fromA = moves.filter((m) => m.period === period && m.from === "A");
        expectMoves(
          `period ${period}, above the cut`,
          fromA.filter((m) => m.skill >= cut),
          () => ({ B: 0.9 * logistic(d) }),
        );
        expectMoves(
          `period ${period}, below the cut`,
          fromA.filter((m) => m.skill < cut),
          () => ({ B: 0 }),
          0,
        );
      }
    },
  );

  it(
    "simulate with visaRegime(fee, processingMonths) ramps the " +
      "fee (pi * factor^(fee / 100,000)) and the delay friction in",
    () => {
      const s = admissionWorld(
        3,
        [{ kind: "visaRegime", region: "B", fee: 200_000, processingMonths: 6, from: 2030, rampYears: 2 }],
        {
          rule: "probability",
          admission: 0.8,
          permanent: true,
          permanence: 0,
          fee: 0,
        },
      );
      s.behavior.delayCost = 0.4;
      const { moves } = trackMoves(s, 10);
      for (const period of [0, 1, 2]) {
        const w = period / 2;
        const pi = 0.8 * 0.5 ** ((w * 200_000) / 100_000);
        const d = -0.2 - MC - 1 - (w * 0.4 * 6) / 12;
        expectMoves(
          `period ${period}`,
          moves.filter((m) => m.period === period && m.from === "A"),
          () => ({ B: pi * logistic(d) }),
        );
      }
    },
  );

  it(
    "simulate with visaRegime(rule) replaces the rule (probability for X, " +
      "threshold for Y) for the citizenships listed only, inside its window",
    () => {
      const s = admissionWorld(
        3,
        [
          {
            kind: "visaRegime",
            region: "B",
            citizenships: ["X"],
            rule: { rule: "probability", admission: 0.3, permanent: true, permanence: 0, fee: 0 },
            from: 2031,
            until: 2032,
          },
          // Y: a salary threshold at the wage of average skill, so the cut is z = 0.
          {
            kind: "visaRegime",
            region: "B",
            citizenships: ["Y"],
            rule: {
              rule: "threshold",
              threshold: 100_000,
              high: 0.8,
              low: 0.1,
              permanent: true,
              permanence: 0,
              fee: 0,
            },
            from: 2031,
            until: 2032,
          },
        ],
        OPEN,
      );
      s.citizenships.Y = { home: "A", network: 1 }; // a second citizenship of A's country
      s.regions.A.initialCitizenship = { X: 0.5, Y: 0.5 };
      s.visas.A = { "*": OPEN };
      s.visas.B = { "*": OPEN };
      s.visas.C = {
        X: { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 },
        Y: { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 },
      };
      s.visaFriction = { "*->B": 1 };
      const { moves } = trackMoves(s, 12);
      const d = -0.2 - MC - 1;
      for (const period of [0, 1, 2]) {
        for (const c of ["X", "Y"]) {
          const pi = (z: number) => (period !== 1 ? 1 : c === "X" ? 0.3 : z >= 0 ? 0.8 : 0.1);
          for (const high of [false, true]) {
            const group = moves.filter(
              (m) => m.period === period && m.from === "A" && m.citizenship === c && m.skill >= 0 === high,
            );
            expectMoves(`period ${period}, ${c}, skill >= 0 ${high}`, group, (m) => ({ B: pi(m.skill) * logistic(d) }));
          }
        }
      }
    },
  );

  it(
    "simulate with visaRegime(cap) sets the first lottery's " +
      "cap inside its window: winners = min(pool, cap) exactly",
    () => {
      const s = admissionWorld(3, [{ kind: "visaRegime", region: "B", cap: 300, from: 2031, until: 2032 }], {
        rule: "lottery",
        pool: "L1",
        permanent: true,
        permanence: 0,
        fee: 0,
      });
      s.regions.B.amenity = 1; // more entrants than either cap
      s.lotteries = {
        L1: { regions: ["B"], cap: 5000, weighted: false, period: 0, startDelay: 0, initialSelectionRate: 0.5 },
      };
      const { records, moves } = trackMoves(s, 13);
      // Period 0: the pool is empty; each later period draws among the previous period's entrants.
      const entrants = records.map((r) => r.lotteryEntrants[1]);
      expect(records[0].lotteryWinners[1]).toBe(0);
      expect(entrants[0]).toBeGreaterThan(5000);
      expect(records[1].lotteryWinners[1], "period 1: the policy's cap").toBe(300);
      expect(records[2].lotteryWinners[1], "period 2: the scenario's cap again").toBe(5000);
      for (const period of [1, 2]) {
        expect(records[period].admissions[1], `period ${period}: winners start now`).toBe(
          records[period].lotteryWinners[1],
        );
        expect(moves.filter((m) => m.period === period && m.to === "B" && m.from === "A").length).toBe(
          records[period].lotteryWinners[1],
        );
      }
    },
  );
});

describe("openWorkPermit", () => {
  /**
   * Y (home C) works in A on a temporary status; B admits Y with probability 0.3 and has an open
   * work permit for holders in A; C (Y's home country) needs no visa; nobody in C wants B.
   */
  function permitWorld(perYear: boolean): Scenario {
    const s = tinyWorld({ years: 2, periodsPerYear: 2 });
    s.citizenships = { Y: { home: "C", network: 1 } };
    s.regions.A = region("AA", N, { initialCitizenship: { Y: 1 }, entrantCitizenship: { Y: 1 }, temporaryShare: 1 });
    s.regions.B = region("BB", 0, { amenity: 0.3, initialCitizenship: { Y: 1 }, entrantCitizenship: { Y: 1 } });
    s.regions.C = region("CC", 0, { amenity: -0.4, initialCitizenship: { Y: 1 }, entrantCitizenship: { Y: 1 } });
    s.movingCost = { "A<->B": MC, "A<->C": MC, "B<->C": 50 };
    s.visas = {
      A: { "*": { rule: "open", permanent: false, permanence: 0, fee: 0 } },
      B: { "*": { rule: "probability", admission: 0.3, permanent: true, permanence: 0, fee: 0 } },
      C: { "*": OPEN },
    };
    s.policies = [
      { kind: "openWorkPermit", region: "B", holdersIn: ["A"], places: 1000, perYear, permanent: true, from: 2030 },
    ];
    return s;
  }

  it.each([true, false])(
    "simulate with openWorkPermit(places 1000, perYear %s) gives places first, the rest " +
      "of the applicants their own draw, and renews places each year only when perYear",
    (perYear) => {
      const { moves, records } = trackMoves(permitWorld(perYear), 14);
      // Period 0: a place is anticipated with certainty, so the choice among A, B, C is a plain logit.
      // Choosers of B apply (some are refused and stay); choosers of C move.
      const shares = softmaxOf({ A: 0, B: 0.3 - MC, C: -0.4 - MC });
      const n0 = moves.filter((m) => m.period === 0 && m.from === "A").length;
      const toC = moves.filter((m) => m.period === 0 && m.from === "A" && m.to === "C").length;
      const binomialSe = (p: number) => Math.sqrt(n0 * p * (1 - p));
      expect(Math.abs(records[0].applications[1] - n0 * shares.B), "period 0: applications to B").toBeLessThan(
        4 * binomialSe(shares.B),
      );
      expect(Math.abs(toC - n0 * shares.C), "period 0: moves to C").toBeLessThan(4 * binomialSe(shares.C));
      for (const period of [0, 1, 2, 3]) {
        const rec = records[period];
        const applications = rec.applications[1];
        const places = period === 0 || (perYear && period === 2) ? 1000 : 0;
        expect(applications, `period ${period}: applicants beyond the places`).toBeGreaterThan(places + 300);
        const drawn = rec.admissions[1] - places;
        const n = applications - places;
        expect(
          Math.abs(drawn - 0.3 * n),
          `period ${period}: ${rec.admissions[1]} admitted of ${applications} with ${places} places`,
        ).toBeLessThan(4 * Math.sqrt(n * 0.3 * 0.7));
        expect(moves.filter((m) => m.period === period && m.from === "A" && m.to === "B").length).toBe(
          rec.admissions[1],
        );
      }
    },
  );
});

describe("languageAccess", () => {
  it(
    "simulate with languageAccess ramps the region's English job " +
      "share in, changing the penalty of non-German speakers only",
    () => {
      const s = tinyWorld({ years: 3 });
      s.behavior.languagePenalty = 1.2;
      s.regions.A = region("AA", N, { englishJobShare: 0.5, germanShare: 0.5 });
      s.regions.B = region("BB", 0, { englishJobShare: 0.2 });
      s.regions.C = region("CC", 0, { englishJobShare: 0.8, amenity: -0.2 });
      s.policies = [{ kind: "languageAccess", region: "B", englishJobShare: 0.9, from: 2030, rampYears: 2 }];
      const { moves } = trackMoves(s, 15);
      const amenity: Record<string, number> = { A: 0, B: 0, C: -0.2 };
      for (const period of [0, 1, 2]) {
        const english: Record<string, number> = { A: 0.5, B: 0.2 + (period / 2) * 0.7, C: 0.8 };
        const expected = (m: Move) =>
          logit(m, (j) => amenity[j] - (m.german ? 0 : 1.2 * (1 - english[j])) - (j === m.from ? 0 : MC));
        for (const german of [false, true]) {
          expectMoves(
            `period ${period}, German ${german}`,
            moves.filter((m) => m.period === period && m.from === "A" && m.german === german),
            expected,
          );
        }
      }
    },
  );
});

describe("taxIncentive", () => {
  const TAX = 0.5;
  const REDUCTION = 0.4;
  /**
   * X (home A) and Y (home B) in A and in B, at 2 periods a year; B's incentive from 2030.5 (period
   * 1) for 1.5 years (3 periods) after arrival; with `ramp` it ramps in over a year.
   */
  function taxWorld(target: "newcomers" | "returnees" | "both", ramp: boolean): Scenario {
    const s = tinyWorld({ years: 2, periodsPerYear: 2 });
    s.citizenships = { X: { home: "A", network: 1 }, Y: { home: "B", network: 1 } };
    const mix = { X: 0.5, Y: 0.5 };
    s.regions.A = region("AA", N, { taxRate: TAX, initialCitizenship: mix });
    s.regions.B = region("BB", 10_000, { taxRate: TAX, amenity: -0.2, initialCitizenship: mix });
    s.regions.C = region("CC", 0, { taxRate: TAX, amenity: -0.3 });
    s.policies = [
      {
        kind: "taxIncentive",
        region: "B",
        reduction: REDUCTION,
        years: 1.5,
        target,
        from: 2030.5,
        ...(ramp ? { rampYears: 1 } : {}),
      },
    ];
    return s;
  }

  it.each([
    ["newcomers", false],
    ["returnees", false],
    ["both", true],
  ] as const)(
    "simulate with taxIncentive(target %s, ramp %s) gives beta * ln((1 - tax + w r) / (1 " +
      "- tax)) to targeted movers into B, and to them as stayers for `years` after arrival",
    (target, ramp) => {
      const { moves } = trackMoves(taxWorld(target, ramp), 16);
      // Weight of the policy at period t (calendar time 2030 + t / 2): 0 before 2030.5, ramping over a year.
      const weight = (t: number) => (t < 1 ? 0 : ramp ? Math.min(1, (t / 2 - 0.5) / 1) : 1);
      const bonus = (t: number) => BETA * Math.log((1 - TAX + weight(t) * REDUCTION) / (1 - TAX));
      const window = 3; // 1.5 years at 2 periods a year
      const amenity: Record<string, number> = { A: 0, B: -0.2, C: -0.3 };
      const targeted = (c: string) => target === "both" || (target === "newcomers" ? c === "X" : c === "Y");
      const expected = (m: Move) => {
        const on = weight(m.period) > 0 && targeted(m.citizenship);
        return logit(m, (j) => {
          if (j === m.from) {
            // Agents who were in B from the start never arrived there: no stay bonus.
            const inWindow = j === "B" && m.arrivedAt >= 0 && window > m.period - m.arrivedAt;
            return amenity[j] + (on && inWindow ? bonus(m.period) : 0);
          }
          return amenity[j] - MC + (on && j === "B" ? bonus(m.period) : 0);
        });
      };
      expect(bonus(3)).toBeGreaterThan(0.35);
      for (const period of [0, 1, 2, 3]) {
        for (const c of ["X", "Y"]) {
          expectMoves(
            `period ${period}, ${c} from A`,
            moves.filter((m) => m.period === period && m.from === "A" && m.citizenship === c),
            expected,
          );
          expectMoves(
            `period ${period}, ${c} in B from the start`,
            moves.filter((m) => m.period === period && m.from === "B" && m.citizenship === c && m.arrivedAt < 0),
            expected,
          );
          // Stayers in B by period of arrival: the window covers arrivals in the last three periods.
          for (let arrived = 0; arrived < period; arrived++) {
            expectMoves(
              `period ${period}, ${c} in B since ${arrived}`,
              moves.filter(
                (m) => m.period === period && m.from === "B" && m.citizenship === c && m.arrivedAt === arrived,
              ),
              expected,
              30,
            );
          }
        }
      }
    },
  );
});

describe("custom", () => {
  it("simulate with custom policies sets a field from an expression of year and base, inside each one's window", () => {
    const s = tinyWorld({ years: 3 });
    s.regions.B.amenity = -0.3;
    s.policies = [
      { kind: "custom", path: "regions.B.amenity", expression: "base + 0.25 * (year - 2030)", from: 2030 },
      { kind: "custom", path: "movingCost.A<->C", expression: "0.1", from: 2031, until: 2032 },
    ];
    const { moves } = trackMoves(s, 17);
    for (const period of [0, 1, 2]) {
      const amenity: Record<string, number> = { A: 0, B: -0.3 + 0.25 * period, C: 0 };
      const cost = (from: string, to: string) => (period === 1 && [from, to].sort().join() === "A,C" ? 0.1 : MC);
      const expected = (m: Move) => logit(m, (j) => amenity[j] - (j === m.from ? 0 : cost(m.from, j)));
      for (const from of period === 0 ? ["A"] : ["A", "B", "C"])
        expectMoves(
          `period ${period} from ${from}`,
          moves.filter((m) => m.period === period && m.from === from),
          expected,
        );
    }
  });
});
