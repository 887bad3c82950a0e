/**
 * The rules that join fields (validate.ts, second pass), each at its boundary and one step
 * beyond: the issue's path is the field and its message names the reason and the value found.
 * The pass reads the raw input, so a broken neighbour must neither crash it nor add a second
 * issue for the same problem.
 */
import { describe, expect, it } from "vitest";
import { validateScenario, type Issue } from "../../src/index";
import { OPEN, tinyWorld } from "../_worlds";

/** A scenario under test: changed freely, including into invalid shapes. */
type Draft = any;

/** The issues of the tiny world (regions A, B, C; citizenship X) after `change`. */
function issuesOf(change: (s: Draft) => void): Issue[] {
  const s: Draft = tinyWorld();
  change(s);
  const r = validateScenario(s);
  return r.ok ? [] : r.issues;
}

const lottery = (regions: string[], over: object = {}) => ({
  regions,
  cap: 100,
  weighted: false,
  period: 0,
  startDelay: 0,
  initialSelectionRate: 0.5,
  ...over,
});
const lotteryRule = (pool: string) => ({ rule: "lottery", permanent: false, permanence: 0, fee: 0, pool });

describe("regions and citizenships", () => {
  it(
    "validateScenario refuses a scenario without regions " + "and names each reference to a region that is not there",
    () => {
      const issues = issuesOf((s) => {
        s.regions = {};
        s.movingCost = {};
        s.visas = {};
      });
      expect(issues).toEqual([
        { path: "citizenships.X.home", message: 'unknown region "A" (regions are )' },
        { path: "regions", message: "must define at least one region" },
      ]);
    },
  );

  it("validateScenario refuses a scenario without citizenships and names each mix that lists one", () => {
    const issues = issuesOf((s) => {
      s.citizenships = {};
      s.regions = { A: { ...s.regions.A, entrantCitizenship: {}, initialCitizenship: { X: 1 } } };
      s.movingCost = {};
      s.visas = { A: { "*": OPEN } };
    });
    expect(issues).toEqual([
      { path: "citizenships", message: "must define at least one citizenship" },
      { path: "regions.A.entrantCitizenship", message: "shares must sum to 1, got 0" },
      { path: "regions.A.initialCitizenship.X", message: 'unknown citizenship "X" (citizenships are )' },
    ]);
  });

  it(
    "validateScenario reports regions or citizenships that " +
      "are not objects once, and checks no reference against them",
    () => {
      expect(
        issuesOf((s) => {
          s.regions = "A, B, C";
          s.policies = [{ kind: "investment", region: "Q", amount: 1, from: 2030 }];
          s.freeMovement = [["QQ"]];
        }),
      ).toEqual([{ path: "regions", message: "expected an object, got string" }]);
      expect(
        issuesOf((s) => {
          s.citizenships = ["X"];
          s.visaFriction = { "Q->A": 1 };
          s.policies = [{ kind: "visaRegime", region: "A", citizenships: ["Q"], from: 2030 }];
        }),
      ).toEqual([{ path: "citizenships", message: "expected an object, got array" }]);
    },
  );

  it("validateScenario reports a region reference that is not a string once, as a type", () => {
    expect(issuesOf((s) => (s.policies = [{ kind: "investment", region: 5, amount: 1, from: 2030 }]))).toEqual([
      { path: "policies.0.region", message: "expected a string, got number" },
    ]);
    expect(issuesOf((s) => (s.citizenships.X.home = 1))).toEqual([
      { path: "citizenships.X.home", message: "expected a string, got number" },
    ]);
  });

  it("validateScenario takes * for any citizenship in visas and visa friction but not in a citizenship mix", () => {
    expect(issuesOf((s) => (s.visaFriction = { "*->B": 1 }))).toEqual([]);
    expect(issuesOf((s) => (s.regions.A.initialCitizenship = { "*": 1 }))).toEqual([
      { path: "regions.A.initialCitizenship.*", message: 'unknown citizenship "*" (citizenships are X)' },
    ]);
    expect(
      issuesOf((s) => (s.policies = [{ kind: "visaRegime", region: "A", citizenships: ["*"], from: 2030 }])),
    ).toEqual([{ path: "policies.0.citizenships.0", message: 'unknown citizenship "*" (citizenships are X)' }]);
  });
});

describe("ages", () => {
  it(
    "validateScenario refuses retirementAge equal to entryAge at " +
      "retirementAge, and accepts it one year above with the median between",
    () => {
      expect(issuesOf((s) => ((s.behavior.retirementAge = 25), (s.behavior.initialAgeMedian = 25)))).toEqual([
        { path: "behavior.retirementAge", message: "must be above entryAge (25), got 25" },
      ]);
      expect(issuesOf((s) => ((s.behavior.retirementAge = 26), (s.behavior.initialAgeMedian = 25.5)))).toEqual([]);
    },
  );

  it("validateScenario refuses initialAgeMedian equal to retirementAge and accepts it just below", () => {
    expect(issuesOf((s) => (s.behavior.initialAgeMedian = 65))).toEqual([
      { path: "behavior.initialAgeMedian", message: "must be between entryAge (25) and retirementAge (65), got 65" },
    ]);
    expect(issuesOf((s) => (s.behavior.initialAgeMedian = 64.99))).toEqual([]);
    expect(issuesOf((s) => (s.behavior.initialAgeMedian = 25.01))).toEqual([]);
  });

  it("validateScenario checks the ages only when they are numbers: a wrong type is one issue", () => {
    expect(issuesOf((s) => (s.behavior.entryAge = "25"))).toEqual([
      { path: "behavior.entryAge", message: "expected a number, got string" },
    ]);
    expect(issuesOf((s) => (s.behavior.retirementAge = "20"))).toEqual([
      { path: "behavior.retirementAge", message: "expected a number, got string" },
    ]);
    expect(issuesOf((s) => (s.behavior.initialAgeMedian = "70"))).toEqual([
      { path: "behavior.initialAgeMedian", message: "expected a number, got string" },
    ]);
  });
});

describe("citizenship mixes and the population", () => {
  it("validateScenario refuses shares that sum to 1 + 2e-6 and accepts 1 - 5e-7", () => {
    expect(issuesOf((s) => (s.regions.B.entrantCitizenship = { X: 0.5 + 2e-6, Y: 0.5 }))).toContainEqual({
      path: "regions.B.entrantCitizenship",
      message: "shares must sum to 1, got 1.000002",
    });
    const both = (s: Draft) => {
      s.citizenships.Y = { home: "B", network: 1 };
      for (const r of Object.values<Draft>(s.regions)) r.initialCitizenship = { X: 0.5, Y: 0.5 - 5e-7 };
    };
    expect(issuesOf(both)).toEqual([]);
  });

  it("validateScenario does not sum a mix with a share that is not a number, and names that share", () => {
    expect(issuesOf((s) => (s.regions.A.initialCitizenship = { X: "1" }))).toEqual([
      { path: "regions.A.initialCitizenship.X", message: "expected a number, got string" },
    ]);
  });

  it("validateScenario accepts a region with no initial stock when another has some", () => {
    expect(issuesOf((s) => (s.regions.A.initialStock = 1))).toEqual([]);
  });

  it("validateScenario does not judge the total initial stock when one region's stock is broken", () => {
    expect(
      issuesOf((s) => {
        s.regions.A.initialStock = "30000";
      }),
    ).toEqual([{ path: "regions.A.initialStock", message: "expected a number, got string" }]);
    expect(issuesOf((s) => (s.regions.A.initialStock = -1))).toEqual([
      { path: "regions.A.initialStock", message: "must be >= 0, got -1" },
    ]);
    expect(issuesOf((s) => (s.regions.B = 7))).toEqual([
      { path: "regions.B", message: "expected an object, got number" },
    ]);
  });
});

describe("moving costs and visa friction", () => {
  it("validateScenario names a one-way cost set twice", () => {
    expect(issuesOf((s) => (s.movingCost = { "A->B": 1, "B->A": 1, "A<->C": 1, "B<->C": 1, "C->A": 2 }))).toEqual([
      { path: "movingCost.C->A", message: 'sets the cost of C->A again (already set by "A<->C")' },
    ]);
  });

  it("validateScenario accepts both directions set one way each", () => {
    expect(issuesOf((s) => (s.movingCost = { "A->B": 1, "B->A": 2 }))).toEqual([]);
  });

  it("validateScenario names a moving-cost key with an empty side", () => {
    expect(issuesOf((s) => (s.movingCost = { "->B": 1 }))).toEqual([
      {
        path: "movingCost.->B",
        message: 'must name two regions as "A->B" (one way) or "A<->B" (both ways), got "->B"',
      },
    ]);
    expect(issuesOf((s) => (s.movingCost = { "A<->": 1 }))).toEqual([
      {
        path: "movingCost.A<->",
        message: 'must name two regions as "A->B" (one way) or "A<->B" (both ways), got "A<->"',
      },
    ]);
  });

  it("validateScenario names each unknown side of a moving-cost key and no duplicate for it", () => {
    expect(issuesOf((s) => (s.movingCost = { "A<->B": 1, "A<->C": 1, "B<->C": 1, "Q<->Z": 1 }))).toEqual([
      { path: "movingCost.Q<->Z", message: 'unknown region "Q" (regions are A, B, C)' },
      { path: "movingCost.Q<->Z", message: 'unknown region "Z" (regions are A, B, C)' },
    ]);
  });

  it("validateScenario names a visa-friction key with an empty side", () => {
    expect(issuesOf((s) => (s.visaFriction = { "X->": 1 }))).toEqual([
      {
        path: "visaFriction.X->",
        message: 'must name a citizenship and a region as "CITIZENSHIP->REGION" or "*->REGION", got "X->"',
      },
    ]);
  });
});

describe("lotteries", () => {
  it("validateScenario names a region listed twice in one lottery", () => {
    expect(issuesOf((s) => (s.lotteries = { L: lottery(["A", "A"]) }))).toEqual([
      { path: "lotteries.L.regions.1", message: "lists region A twice" },
    ]);
  });

  it("validateScenario refuses a start delay of periodsPerYear and accepts one less", () => {
    const at = (startDelay: number) => (s: Draft) => {
      s.periodsPerYear = 4;
      s.lotteries = { L: lottery(["A"], { startDelay }) };
    };
    expect(issuesOf(at(4))).toEqual([
      { path: "lotteries.L.startDelay", message: "must be in [0, 4) with 4 periods per year, got 4" },
    ]);
    expect(issuesOf(at(3))).toEqual([]);
  });

  it("validateScenario refuses graduates who may wait less than one period, and names the field", () => {
    const at = (years: number) => (s: Draft) => {
      s.periodsPerYear = 4;
      s.lotteries = { L: { ...lottery(["A"]), graduates: { share: 0.5, years } } };
    };
    expect(issuesOf(at(0.1))).toEqual([
      { path: "lotteries.L.graduates.years", message: "must last at least one period (1/4 year), got 0.1" },
    ]);
    expect(issuesOf(at(0.125))).toEqual([]);
    expect(issuesOf(at(3))).toEqual([]);
  });

  it("validateScenario refuses a graduates share outside [0, 1] and a wait of 0 years", () => {
    const set = (graduates: unknown) => (s: Draft) => {
      s.lotteries = { L: { ...lottery(["A"]), graduates } as never };
    };
    expect(issuesOf(set({ share: 1.5, years: 3 })).map((i) => i.path)).toEqual(["lotteries.L.graduates.share"]);
    expect(issuesOf(set({ share: 0.5, years: 0 })).map((i) => i.path)).toEqual(["lotteries.L.graduates.years"]);
    expect(issuesOf(set({ share: 0.5 })).map((i) => i.path)).toEqual(["lotteries.L.graduates.years"]);
    expect(issuesOf(set({ share: 0.5, years: 3, tries: 3 })).map((i) => i.path)).toEqual([
      "lotteries.L.graduates.tries",
    ]);
  });

  it("validateScenario does not judge a lottery's period against a periodsPerYear that is itself invalid", () => {
    expect(
      issuesOf((s) => {
        s.periodsPerYear = 13;
        s.lotteries = { L: lottery(["A"], { period: 12 }) };
      }),
    ).toEqual([{ path: "periodsPerYear", message: "must be in [1, 12], got 13" }]);
  });

  it("validateScenario says no lotteries are defined when a lottery rule names one in a scenario without any", () => {
    expect(issuesOf((s) => (s.visas.A.X = lotteryRule("H1B")))).toEqual([
      { path: "visas.A.X.pool", message: 'unknown lottery "H1B" (no lotteries are defined)' },
    ]);
  });

  it("validateScenario lists every lottery that serves a rule's pool", () => {
    const issues = issuesOf((s) => {
      s.lotteries = { L1: lottery(["A"]), L2: lottery(["B", "C"]) };
      s.visas.C.X = lotteryRule("L1");
    });
    expect(issues).toEqual([{ path: "visas.C.X.pool", message: 'lottery "L1" draws for A, not for C' }]);
    expect(
      issuesOf((s) => {
        s.lotteries = { L1: lottery(["A"]), L2: lottery(["B", "C"]) };
        s.visas.C.X = lotteryRule("L3");
      }),
    ).toEqual([{ path: "visas.C.X.pool", message: 'unknown lottery "L3" (lotteries are L1, L2)' }]);
  });

  it("validateScenario does not judge pools when lotteries are not an object", () => {
    expect(
      issuesOf((s) => {
        s.lotteries = [];
        s.visas.A.X = lotteryRule("H1B");
      }),
    ).toEqual([{ path: "lotteries", message: "expected an object, got array" }]);
  });

  it("validateScenario names visas of an unknown region once, not also the region's lottery", () => {
    expect(
      issuesOf((s) => {
        s.lotteries = { L: lottery(["A"]) };
        s.visas.Z = { X: lotteryRule("L") };
      }),
    ).toEqual([{ path: "visas.Z", message: 'unknown region "Z" (regions are A, B, C)' }]);
  });

  it("validateScenario checks a visaRegime's lottery rule against the policy's region", () => {
    expect(
      issuesOf((s) => {
        s.lotteries = { L: lottery(["A"]) };
        s.policies = [{ kind: "visaRegime", region: "B", rule: lotteryRule("L"), from: 2030 }];
      }),
    ).toEqual([{ path: "policies.0.rule.pool", message: 'lottery "L" draws for A, not for B' }]);
  });
});

describe("free movement and policies", () => {
  it("validateScenario lists the countries of regions that name one when a free-movement country is unknown", () => {
    expect(
      issuesOf((s) => {
        delete s.regions.B.country;
        s.freeMovement = [["AA", "QQ"]];
      }),
    ).toEqual([
      { path: "regions.B.country", message: "is required (expected a string)" },
      { path: "freeMovement.0.1", message: 'unknown country "QQ" (countries are AA, CC)' },
    ]);
  });

  it("validateScenario lists each country once", () => {
    expect(
      issuesOf((s) => {
        s.regions.B.country = "AA";
        s.freeMovement = [["QQ"]];
      }),
    ).toEqual([{ path: "freeMovement.0.0", message: 'unknown country "QQ" (countries are AA, CC)' }]);
  });

  it("validateScenario names an investment region that is not a partner, listing partners as written", () => {
    expect(
      issuesOf(
        (s) =>
          (s.policies = [
            { kind: "economicCooperation", partners: ["A", "B"], from: 2030, investment: { A: 1, C: 1 } },
          ]),
      ),
    ).toEqual([{ path: "policies.0.investment.C", message: "region C is not among the partners (A, B)" }]);
    expect(
      issuesOf(
        (s) => (s.policies = [{ kind: "economicCooperation", partners: "A", from: 2030, investment: { A: 1 } }]),
      ),
    ).toEqual([
      { path: "policies.0.partners", message: "expected an array, got string" },
      { path: "policies.0.investment.A", message: "region A is not among the partners ()" },
    ]);
  });

  it("validateScenario checks citizenships, rule and investment only for the policy kinds that have them", () => {
    const issues = issuesOf(
      (s) =>
        (s.policies = [
          { kind: "investment", region: "A", amount: 1, from: 2030, citizenships: ["Q"], rule: lotteryRule("Q") },
          {
            kind: "researchCooperation",
            partners: ["A"],
            from: 2030,
            ecosystemBoost: 0,
            movingCostCut: 0,
            researchersOnly: true,
            investment: { C: 1 },
          },
        ]),
    );
    expect(issues).toEqual([
      { path: "policies.0.citizenships", message: 'unknown field "citizenships"' },
      { path: "policies.0.rule", message: 'unknown field "rule"' },
      { path: "policies.1.investment", message: 'unknown field "investment"' },
    ]);
  });

  it("validateScenario refuses a window that ends 0.01 year before it starts and accepts one 0.01 year long", () => {
    expect(
      issuesOf((s) => (s.policies = [{ kind: "investment", region: "A", amount: 1, from: 2030.5, until: 2030.49 }])),
    ).toEqual([{ path: "policies.0.until", message: "ends (2030.49) before it starts (2030.5)" }]);
    expect(
      issuesOf((s) => (s.policies = [{ kind: "investment", region: "A", amount: 1, from: 2030.5, until: 2030.51 }])),
    ).toEqual([]);
  });

  it("validateScenario does not compare a window with a bound that is not a number", () => {
    expect(
      issuesOf((s) => (s.policies = [{ kind: "investment", region: "A", amount: 1, from: "2031", until: 2030 }])),
    ).toEqual([{ path: "policies.0.from", message: "expected a number, got string" }]);
    expect(
      issuesOf((s) => (s.policies = [{ kind: "investment", region: "A", amount: 1, from: 2031, until: "2030" }])),
    ).toEqual([{ path: "policies.0.until", message: "expected a number, got string" }]);
  });
});
