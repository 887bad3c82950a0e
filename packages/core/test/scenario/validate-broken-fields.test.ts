/**
 * The second pass of validateScenario reads the raw input, whatever its shape: a field that is
 * broken (wrong type, out of range, null) is reported once, by the structural pass, and the rules
 * that read it (sums, references, the engine's limits, memory) neither crash on it nor add a
 * second issue computed from it. Each case below is built so that a rule reading the broken value
 * would add such an issue.
 */
import { describe, expect, it } from "vitest";
import {
  assertValidScenario,
  BYTES_PER_AGENT,
  estimateMemoryBytes,
  scenarios,
  validateScenario,
  ValidationError,
  type Issue,
} from "../../src/index";
import { tinyWorld } from "../_worlds";

/** A scenario under test: changed freely, including into invalid shapes. */
type Draft = any;

/** The issues of the tiny world (regions A, B, C; citizenship X) after `change`. */
function issuesOf(change: (s: Draft) => void, maxBytes?: number): Issue[] {
  const s: Draft = tinyWorld();
  change(s);
  const r = validateScenario(s, maxBytes === undefined ? {} : { maxBytes });
  return r.ok ? [] : r.issues;
}

const lottery = (regions: unknown, over: object = {}) => ({
  regions,
  cap: 100,
  weighted: false,
  period: 0,
  startDelay: 0,
  initialSelectionRate: 0.5,
  ...over,
});

describe("null and wrong types inside tables", () => {
  it("validateScenario reports a citizenship, a region, a mix or a lottery that is null once, without throwing", () => {
    expect(issuesOf((s) => (s.citizenships.X = null))).toEqual([
      { path: "citizenships.X", message: "expected an object, got null" },
    ]);
    expect(issuesOf((s) => (s.regions.B = null))).toEqual([
      { path: "regions.B", message: "expected an object, got null" },
    ]);
    expect(issuesOf((s) => (s.regions.A.entrantCitizenship = null))).toEqual([
      { path: "regions.A.entrantCitizenship", message: "expected an object, got null" },
    ]);
    expect(issuesOf((s) => (s.lotteries = { L: null }))).toEqual([
      { path: "lotteries.L", message: "expected an object, got null" },
    ]);
  });

  it("validateScenario does not judge the total initial stock when a region is not an object", () => {
    expect(
      issuesOf((s) => {
        s.regions.A.initialStock = 0;
        s.regions.B = 7;
        s.regions.C.initialStock = 0;
      }),
    ).toEqual([{ path: "regions.B", message: "expected an object, got number" }]);
  });

  it("validateScenario reports tables of moving costs, visa friction and visas that are not objects once", () => {
    expect(issuesOf((s) => (s.movingCost = 5))).toEqual([
      { path: "movingCost", message: "expected an object, got number" },
    ]);
    expect(issuesOf((s) => (s.visaFriction = "A->B"))).toEqual([
      { path: "visaFriction", message: "expected an object, got string" },
    ]);
  });

  it("validateScenario reports lottery regions that are not a list, or not strings, once", () => {
    expect(issuesOf((s) => (s.lotteries = { L: lottery("A") }))).toEqual([
      { path: "lotteries.L.regions", message: "expected an array, got string" },
    ]);
    expect(issuesOf((s) => (s.lotteries = { L: lottery([5, 5]) }))).toEqual([
      { path: "lotteries.L.regions.0", message: "expected a string, got number" },
      { path: "lotteries.L.regions.1", message: "expected a string, got number" },
    ]);
  });

  it("validateScenario reports a lottery period that is not an integer once, not also against periodsPerYear", () => {
    expect(
      issuesOf((s) => {
        s.periodsPerYear = 4;
        s.lotteries = { L: lottery(["A"], { period: 4.5 }) };
      }),
    ).toEqual([{ path: "lotteries.L.period", message: "must be an integer, got 4.5" }]);
  });

  it("validateScenario reports a pool that is not a string, or a pool on a rule that is no lottery, once", () => {
    expect(
      issuesOf((s) => (s.visas.A.X = { rule: "lottery", permanent: false, permanence: 0, fee: 0, pool: 5 })),
    ).toEqual([{ path: "visas.A.X.pool", message: "expected a string, got number" }]);
    expect(
      issuesOf((s) => (s.visas.A.X = { rule: "open", permanent: true, permanence: 0, fee: 0, pool: "Q" })),
    ).toEqual([{ path: "visas.A.X.pool", message: 'unknown field "pool"' }]);
  });

  it("validateScenario reports a citizenship or a free-movement country that is not a string once", () => {
    expect(
      issuesOf((s) => (s.policies = [{ kind: "visaRegime", region: "A", citizenships: [5], from: 2030 }])),
    ).toEqual([{ path: "policies.0.citizenships.0", message: "expected a string, got number" }]);
    expect(issuesOf((s) => (s.freeMovement = [[5]]))).toEqual([
      { path: "freeMovement.0.0", message: "expected a string, got number" },
    ]);
  });

  it("validateScenario names an unknown region among an economicCooperation's investments", () => {
    expect(
      issuesOf(
        (s) => (s.policies = [{ kind: "economicCooperation", partners: ["A"], from: 2030, investment: { Q: 1 } }]),
      ),
    ).toEqual([{ path: "policies.0.investment.Q", message: 'unknown region "Q" (regions are A, B, C)' }]);
  });

  it("validateScenario does not count a moving cost with an unknown region as setting a pair", () => {
    expect(issuesOf((s) => (s.movingCost = { "A->Q": 1, "A<->Q": 1 }))).toEqual([
      { path: "movingCost.A->Q", message: 'unknown region "Q" (regions are A, B, C)' },
      { path: "movingCost.A<->Q", message: 'unknown region "Q" (regions are A, B, C)' },
    ]);
  });
});

describe("the engine's limits and memory read only valid fields", () => {
  it("validateScenario judges periodsPerYear 12 against the period limit and does not use 13", () => {
    expect(issuesOf((s) => ((s.periodsPerYear = 12), (s.years = 86)))).toEqual([
      {
        path: "years",
        message:
          "the run has 1032 periods ((years + burnInYears) x " +
          "periodsPerYear = (86 + 0) x 12), above the engine's limit of 1023",
      },
    ]);
    expect(
      issuesOf((s) => {
        s.periodsPerYear = 13;
        s.years = 80;
        s.lotteries = { L: lottery(["A"], { period: 13 }) };
      }),
    ).toEqual([{ path: "periodsPerYear", message: "must be in [1, 12], got 13" }]);
  });

  it(
    "validateScenario reports years or burnInYears that are not " +
      "integers, or too small, once, not also as too many periods",
    () => {
      expect(issuesOf((s) => ((s.years = 1.5), (s.burnInYears = 1022)))).toEqual([
        { path: "years", message: "must be an integer, got 1.5" },
      ]);
      expect(issuesOf((s) => ((s.years = 0), (s.burnInYears = 1024)))).toEqual([
        { path: "years", message: "must be >= 1, got 0" },
      ]);
      expect(issuesOf((s) => ((s.years = 1022), (s.burnInYears = 1.5)))).toEqual([
        { path: "burnInYears", message: "must be an integer, got 1.5" },
      ]);
      expect(issuesOf((s) => ((s.years = 1025), (s.burnInYears = -1)))).toEqual([
        { path: "burnInYears", message: "must be >= 0, got -1" },
      ]);
    },
  );

  it("validateScenario reports a demandGrowth that is not a number once, not also as compounding too far", () => {
    expect(issuesOf((s) => ((s.years = 100), (s.regions.C.demandGrowth = "0.4")))).toEqual([
      { path: "regions.C.demandGrowth", message: "expected a number, got string" },
    ]);
  });

  it("validateScenario reports entrants that are not a number once, not also above the engine's limit", () => {
    expect(issuesOf((s) => (s.regions.B.entrants = "70000"))).toEqual([
      { path: "regions.B.entrants", message: "expected a number, got string" },
    ]);
  });

  it(
    "validateScenario reports an invalid agents once, not " +
      "also as entrants above the limit or memory above maxBytes",
    () => {
      expect(issuesOf((s) => ((s.agents = 1e9 + 0.5), (s.regions.B.entrants = 10)))).toEqual([
        { path: "agents", message: "must be an integer, got 1000000000.5" },
      ]);
      expect(issuesOf((s) => (s.agents = 0), 1024)).toEqual([{ path: "agents", message: "must be >= 1, got 0" }]);
    },
  );

  it("validateScenario judges memory with agents 1, the smallest valid agents", () => {
    expect(issuesOf((s) => (s.agents = 1), 1024).map((i) => i.path)).toEqual(["agents"]);
  });

  it("validateScenario reports a zero total stock once, not also as infinitely many entrant agents", () => {
    expect(
      issuesOf((s) => {
        s.agents = 10;
        s.regions.A.initialStock = 0;
        s.regions.B.entrants = 5;
      }),
    ).toEqual([{ path: "regions", message: "the total initialStock must be > 0, got 0" }]);
  });

  it("validateScenario does not judge memory while years or burnInYears are invalid", () => {
    expect(issuesOf((s) => (s.years = 0), 1024)).toEqual([{ path: "years", message: "must be >= 1, got 0" }]);
    expect(issuesOf((s) => (s.burnInYears = -1), 1024)).toEqual([
      { path: "burnInYears", message: "must be >= 0, got -1" },
    ]);
  });

  it("validateScenario does not judge memory while a region's entrants are negative", () => {
    expect(
      issuesOf((s) => {
        s.regions.A.initialStock = 200_000_000;
        s.regions.B.entrants = -1;
      }),
    ).toEqual([{ path: "regions.B.entrants", message: "must be >= 0, got -1" }]);
  });

  it("estimateMemoryBytes counts one slot per entrant when no one is there at the start", () => {
    const s = tinyWorld({ years: 2, burnInYears: 1 });
    s.regions.A.initialStock = 0;
    s.regions.B.entrants = 100;
    expect(estimateMemoryBytes(s)).toBe(64 * 1024 ** 2 + 300 * 34);
    expect(estimateMemoryBytes({ ...s, agents: 5 })).toBe(64 * 1024 ** 2 + (5 + 300) * 34);
  });
});

describe("memory with the policies' entrants, after a policy's value is refused", () => {
  it(
    "validateScenario reports the refused value alone, even " + "when the entrants before it already exceed maxBytes",
    () => {
      // 600,000 entrants in 2030 (allowed), 700,000 in 2031 (above the 655,360 agents a period of a
      // 3-region world).
      const s = tinyWorld({ years: 2 });
      s.policies = [
        { kind: "custom", path: "regions.B.entrants", expression: "600000 + 100000 * (year - 2030)", from: 2030 },
      ];
      const r = validateScenario(s, { maxBytes: estimateMemoryBytes(s) });
      expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(["policies.0.expression"]);
    },
  );
});

describe("assertValidScenario on what is not a named scenario", () => {
  it("assertValidScenario(null) throws a ValidationError 'scenario is invalid'", () => {
    expect(() => assertValidScenario(null)).toThrow(ValidationError);
    expect(() => assertValidScenario(null)).toThrow(
      /^scenario is invalid:\n {2}- \(root\): expected an object, got null$/,
    );
  });

  it("assertValidScenario does not name a scenario whose name is not a string", () => {
    const s: Draft = tinyWorld();
    s.name = 5;
    expect(() => assertValidScenario(s)).toThrow(/^scenario is invalid:\n {2}- name: expected a string, got number$/);
  });
});

describe("the order of issues, within one table", () => {
  it("validateScenario lists a cross-field issue of region A before a structural issue of region B", () => {
    expect(
      issuesOf((s) => {
        s.regions.A.initialCitizenship = { X: 0.5 };
        s.regions.B.taxRate = 2;
      }),
    ).toEqual([
      { path: "regions.A.initialCitizenship", message: "shares must sum to 1, got 0.5" },
      { path: "regions.B.taxRate", message: "must be in [0, 1), got 2" },
    ]);
  });

  it("validateScenario lists a cross-field issue of policy 0 before a structural issue of policy 1", () => {
    expect(
      issuesOf((s) => {
        s.policies = [
          { kind: "investment", region: "Q", amount: 1, from: 2030 },
          { kind: "investment", region: "A", amount: "1", from: 2030 },
        ];
      }),
    ).toEqual([
      { path: "policies.0.region", message: 'unknown region "Q" (regions are A, B, C)' },
      { path: "policies.1.amount", message: "expected a number, got string" },
    ]);
  });

  it("validateScenario orders by the fields written even when one key is two others run together", () => {
    const w: Draft = tinyWorld();
    const { fx, ...rest } = w;
    // "fxEUR" (unknown) is written first, fx.EUR (out of range) last.
    const s: Draft = { fxEUR: 1, ...rest, fx: { EUR: 0 } };
    const r = validateScenario(s);
    expect(r.ok ? [] : r.issues).toEqual([
      { path: "fxEUR", message: 'unknown field "fxEUR"' },
      { path: "fx.EUR", message: "must be > 0, got 0" },
    ]);
    expect(fx).toEqual({ EUR: 1.08 });
  });

  it("validateScenario reports a list that contains itself where a string belongs, without looping", () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(issuesOf((s) => (s.description = loop))).toEqual([
      { path: "description", message: "expected a string, got array" },
    ]);
  });
});

describe("estimateMemoryBytes with agents 0", () => {
  it(
    "estimateMemoryBytes({ ...s, agents: 0 }) counts the entrants " +
      "at one agent per person (a finite estimate, not a division by 0)",
    () => {
      const s = scenarios.baseline();
      const entrants = Object.values(s.regions).reduce((sum, r) => sum + r.entrants, 0);
      const zero = { ...s, agents: 0 };
      const tablesOnly = estimateMemoryBytes({ ...zero, years: 0, burnInYears: 0 });
      expect(estimateMemoryBytes(zero) - tablesOnly).toBe(
        Math.ceil(entrants * (s.years + s.burnInYears)) * BYTES_PER_AGENT,
      );
    },
  );
});
