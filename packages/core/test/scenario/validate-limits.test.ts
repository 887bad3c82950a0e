import { describe, expect, it } from "vitest";
import { ENGINE_LIMITS, entrantsPerRegionPeriodLimit, estimateMemoryBytes, validateScenario } from "../../src/index";
import type { Scenario } from "../../src/scenario/types";
import { OPEN, region, tinyWorld } from "../_worlds";

/** Paths of the issues validateScenario reports, joined with dots. */
function issuePaths(s: unknown, options?: Parameters<typeof validateScenario>[1]): string[] {
  const r = validateScenario(s, options);
  return r.ok ? [] : r.issues.map((i) => (Array.isArray(i.path) ? i.path.join(".") : String(i.path)));
}

/** A tiny world with `n` regions R0..R(n-1), each its own country, and one citizenship. */
function manyRegions(n: number): Scenario {
  const s = tinyWorld();
  const codes = Array.from({ length: n }, (_, k) => `R${k}`);
  s.regions = Object.fromEntries(codes.map((code, k) => [code, region(`K${k}`, k === 0 ? 100 : 0)]));
  s.citizenships = { X: { home: "R0", network: 1 } };
  s.movingCost = {};
  s.visas = Object.fromEntries(codes.map((code) => [code, { "*": OPEN }]));
  return s;
}

/** A tiny world with `n` citizenships C0..C(n-1), all of A's country. */
function manyCitizenships(n: number): Scenario {
  const s = tinyWorld();
  const codes = Array.from({ length: n }, (_, k) => `C${k}`);
  s.citizenships = Object.fromEntries(codes.map((code) => [code, { home: "A", network: 1 }]));
  const mix = Object.fromEntries(codes.map((code) => [code, 1 / n]));
  for (const r of Object.values(s.regions)) {
    r.initialCitizenship = mix;
    r.entrantCitizenship = mix;
  }
  return s;
}

/** The next double above (dir 1) or below (dir -1) a positive x. */
function nextDouble(x: number, dir: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(dir));
  return view.getFloat64(0);
}

describe("the engine's limits, at the limit and one step beyond", () => {
  it(
    `validateScenario accepts ENGINE_LIMITS.regions ` +
      `(${ENGINE_LIMITS.regions}) regions and refuses one more, naming regions`,
    () => {
      expect(issuePaths(manyRegions(ENGINE_LIMITS.regions))).toEqual([]);
      expect(issuePaths(manyRegions(ENGINE_LIMITS.regions + 1))).toContain("regions");
    },
  );

  it(
    `validateScenario accepts ENGINE_LIMITS.citizenships (${ENGINE_LIMITS.citizenships}) ` +
      `citizenships and refuses one more, naming citizenships`,
    () => {
      expect(issuePaths(manyCitizenships(ENGINE_LIMITS.citizenships)).filter((p) => p === "citizenships")).toEqual([]);
      expect(issuePaths(manyCitizenships(ENGINE_LIMITS.citizenships + 1))).toContain("citizenships");
    },
  );

  it(
    `validateScenario accepts (years + burnInYears) x periodsPerYear = ENGINE_LIMITS.periods ` +
      `(${ENGINE_LIMITS.periods}) and refuses one period more, naming years`,
    () => {
      // 1023 = 3 x 11 x 31: 31 years (30 reported + 1 burn-in) at 33 periods would exceed 12 per year,
      // so use periodsPerYear 3 and 341 years.
      const at = tinyWorld({ periodsPerYear: 3, years: ENGINE_LIMITS.periods / 3 - 1, burnInYears: 1 });
      expect(at.years + at.burnInYears).toBe(ENGINE_LIMITS.periods / 3);
      expect(issuePaths(at)).toEqual([]);
      const beyond = tinyWorld({ periodsPerYear: 1, years: ENGINE_LIMITS.periods + 1, burnInYears: 0 });
      expect(issuePaths(beyond)).toContain("years");
      const justAt = tinyWorld({ periodsPerYear: 1, years: ENGINE_LIMITS.periods, burnInYears: 0 });
      expect(issuePaths(justAt)).toEqual([]);
    },
  );

  it(
    "validateScenario with an explicit agents accepts entrants of exactly entrantsPerRegionPeriodLimit(3) " +
      "agents per period in a world of 3 regions and refuses one more",
    () => {
      // 1,000 people as 100 agents: scale 10; at 4 periods a year, entrants / 10 / 4 agents per period.
      const make = (perPeriod: number) => {
        const s = tinyWorld({ periodsPerYear: 4, agents: 100 });
        s.regions.A.initialStock = 1000;
        s.regions.B.entrants = perPeriod * 10 * 4;
        return s;
      };
      expect(issuePaths(make(entrantsPerRegionPeriodLimit(3)), { maxBytes: Infinity })).toEqual([]);
      expect(issuePaths(make(entrantsPerRegionPeriodLimit(3) + 1), { maxBytes: Infinity })).toEqual([
        "regions.B.entrants",
      ]);
    },
  );

  it(
    "validateScenario with an explicit agents refuses a population " +
      "above maxBytes, naming agents, and accepts it at exactly maxBytes",
    () => {
      const s = tinyWorld({ agents: 5000 });
      s.regions.A.initialStock = 50_000;
      s.regions.A.entrants = 2000;
      const bytes = estimateMemoryBytes(s);
      expect(issuePaths(s, { maxBytes: bytes })).toEqual([]);
      expect(issuePaths(s, { maxBytes: bytes - 1 })).toEqual(["agents"]);
      // The estimate follows agents, not people: one agent more needs more memory.
      expect(estimateMemoryBytes({ ...s, agents: 5001 })).toBeGreaterThan(bytes);
    },
  );

  it(
    "validateScenario accepts the largest demandGrowth whose compounding " +
      "over the run stays within the limit it names, and refuses the next double",
    () => {
      const make = (g: number) => {
        const s = tinyWorld({ years: 100, burnInYears: 0 });
        s.regions.B.demandGrowth = g;
        return s;
      };
      // The limit, as the message for a clearly too fast growth names it: "above e^L".
      const r = validateScenario(make(0.5));
      expect(r.ok).toBe(false);
      const message = r.ok
        ? ""
        : r.issues.find(
            (i) => (Array.isArray(i.path) ? i.path.join(".") : String(i.path)) === "regions.B.demandGrowth",
          )!.message;
      const limit = Number(/above e\^([\d.]+)/.exec(message)![1]);
      expect(limit).toBeGreaterThan(0);
      // The largest g with 100 * ln(1 + g) <= limit, to the last double.
      let g = Math.expm1(limit / 100);
      while (100 * Math.log1p(g) > limit) g = nextDouble(g, -1);
      while (100 * Math.log1p(nextDouble(g, 1)) <= limit) g = nextDouble(g, 1);
      expect(issuePaths(make(g))).toEqual([]);
      expect(issuePaths(make(nextDouble(g, 1)))).toEqual(["regions.B.demandGrowth"]);
    },
  );
});

describe("the engine's limits without an explicit agents (one agent per person)", () => {
  it(
    "validateScenario accepts entrants of exactly entrantsPerRegionPeriodLimit(3) = 10 x 65536 " +
      "people per period in a world of 3 regions and refuses one more, naming the region's entrants",
    () => {
      const make = (entrants: number) => {
        const s = tinyWorld({ periodsPerYear: 2 });
        s.regions.B.entrants = entrants;
        return s;
      };
      expect(entrantsPerRegionPeriodLimit(3)).toBe(655_360);
      expect(issuePaths(make(2 * 655_360))).toEqual([]);
      const r = validateScenario(make(2 * 655_360 + 1));
      expect(r.ok ? [] : r.issues).toEqual([
        {
          path: "regions.B.entrants",
          message:
            "makes 655361 agents per period (entrants / scale / periodsPerYear = 1310721 / " +
            "1 / 2), above the engine's limit of 655360 with 3 regions; lower `agents` to raise the scale",
        },
      ]);
    },
  );

  it("entrantsPerRegionPeriodLimit(R) is 65536 x floor(32 / R): the base limit at 32 regions, more with fewer", () => {
    expect([1, 2, 5, 6, 11, 16, 17, 32].map(entrantsPerRegionPeriodLimit)).toEqual(
      [32, 16, 6, 5, 2, 2, 1, 1].map((blocks) => blocks * ENGINE_LIMITS.entrantsPerRegionPeriod),
    );
  });

  it("validateScenario shows a fractional scale as written and rounds the agents per period up", () => {
    // 30,000 people as 20,000 agents: scale 1.5.
    const s = tinyWorld({ agents: 20_000 });
    s.regions.B.entrants = 1.5 * entrantsPerRegionPeriodLimit(3) + 1;
    const r = validateScenario(s);
    expect(r.ok ? [] : r.issues).toEqual([
      {
        path: "regions.B.entrants",
        message:
          "makes 655361 agents per period (entrants / scale / periodsPerYear = 983041 / " +
          "1.5 / 1), above the engine's limit of 655360 with 3 regions; lower `agents` to raise the scale",
      },
    ]);
  });

  it("validateScenario does not judge entrants against an agents that is itself invalid", () => {
    const s = tinyWorld({ agents: 0 });
    s.regions.B.entrants = 10 * ENGINE_LIMITS.entrantsPerRegionPeriod;
    expect(issuePaths(s)).toEqual(["agents"]);
  });

  it(
    "validateScenario refuses a run of one reported year whose burn-in " +
      "takes it past the period limit, and accepts one year less of burn-in",
    () => {
      expect(issuePaths(tinyWorld({ years: 1, burnInYears: ENGINE_LIMITS.periods - 1 }))).toEqual([]);
      const r = validateScenario(tinyWorld({ years: 1, burnInYears: ENGINE_LIMITS.periods }));
      expect(r.ok ? [] : r.issues).toEqual([
        {
          path: "years",
          message:
            "the run has 1024 periods ((years + burnInYears) x periodsPerYear " +
            "= (1 + 1023) x 1), above the engine's limit of 1023",
        },
      ]);
    },
  );

  it("validateScenario names a demandGrowth that compounds too far with the exponent, the years and the limit", () => {
    const s = tinyWorld({ years: 90, burnInYears: 10 });
    s.regions.C.demandGrowth = 0.5;
    const r = validateScenario(s);
    expect(r.ok ? [] : r.issues).toEqual([
      {
        path: "regions.C.demandGrowth",
        message:
          "compounds to e^40.5465108108 over the 100 years of the run ((years + " +
          "burnInYears) x ln(1 + demandGrowth)), above e^25; lower it or shorten the run",
      },
    ]);
  });

  it("validateScenario reports a demandGrowth above its range once, as a range, however long the run", () => {
    const s = tinyWorld({ years: 100 });
    s.regions.C.demandGrowth = 0.6;
    const r = validateScenario(s);
    expect(r.ok ? [] : r.issues).toEqual([{ path: "regions.C.demandGrowth", message: "must be <= 0.5, got 0.6" }]);
  });

  it(
    "validateScenario accepts a demandGrowth near -1 over " + "a long run (the demand shrinks, it does not overflow)",
    () => {
      const s = tinyWorld({ years: 100 });
      s.regions.C.demandGrowth = -0.999;
      expect(issuePaths(s)).toEqual([]);
    },
  );
});

describe("the memory message", () => {
  /** The memory message of the tiny world (30,000 agents, no entrants) under `maxBytes`. */
  const limitShown = (maxBytes: number): string => {
    const r = validateScenario(tinyWorld(), { maxBytes });
    const issue = r.ok ? undefined : r.issues.find((i) => i.path === "agents");
    return /above the limit of (.+?);/.exec(issue?.message ?? "")?.[1] ?? "(no memory issue)";
  };

  it("validateScenario shows the limit in bytes below 1 KiB and in the largest unit it reaches from there on", () => {
    expect(limitShown(1023)).toBe("1023 bytes");
    expect(limitShown(1024)).toBe("1 KiB");
    expect(limitShown(1024 ** 2 - 1)).toBe("1024 KiB");
    expect(limitShown(1024 ** 2)).toBe("1 MiB");
    expect(limitShown(1.25 * 1024 ** 2)).toBe("1.3 MiB");
    expect(limitShown(10 * 1024 ** 2)).toBe("10 MiB");
  });

  it(
    "validateScenario gives the whole memory message: estimate, " +
      "agents with digit groups, bytes per agent, tables, limit",
    () => {
      const r = validateScenario(tinyWorld(), { maxBytes: 64 * 1024 ** 2 });
      expect(r.ok ? [] : r.issues).toEqual([
        {
          path: "agents",
          message:
            "the population needs about 65 MiB of memory (30,000 agents x 34 bytes, plus 64 MiB for " +
            "tables), above the limit of 64 MiB; lower `agents` or raise the limit with { maxBytes }",
        },
      ]);
      expect(estimateMemoryBytes(tinyWorld())).toBe(64 * 1024 ** 2 + 30_000 * 34);
    },
  );

  it("validateScenario shows a limit in GiB and an estimate too large for a number of bytes as Infinity", () => {
    const s = tinyWorld({ agents: 1e308 });
    const r = validateScenario(s, { maxBytes: 2.5 * 1024 ** 3 });
    expect(r.ok ? [] : r.issues).toEqual([
      { path: "agents", message: "must be an integer, got 1e+308" },
      {
        path: "agents",
        message:
          "the population needs about Infinity of memory (1e+308 agents x 34 bytes, plus 64 MiB for " +
          "tables), above the limit of 2.5 GiB; lower `agents` or raise the limit with { maxBytes }",
      },
    ]);
  });

  it("validateScenario does not estimate memory while a region's entrants are not a number", () => {
    const s: any = tinyWorld();
    s.regions.A.initialStock = 200_000_000;
    s.regions.B.entrants = "many";
    expect(issuePaths(s)).toEqual(["regions.B.entrants"]);
  });
});

describe("memory with the entrants policies set", () => {
  /** The tiny world with a custom policy that sets B's entrants to 60,000 a year from 2030. */
  const withEntrants = (): Scenario => {
    const s = tinyWorld({ years: 2 });
    s.policies = [{ kind: "custom", path: "regions.B.entrants", expression: "60000", from: 2030 }];
    return s;
  };

  it(
    "validateScenario refuses, at path policies, a population that the policies' " +
      "entrants take above maxBytes, and accepts it at exactly the bytes needed",
    () => {
      const s = withEntrants();
      const bytes = 64 * 1024 ** 2 + (30_000 + 2 * 60_000) * 34;
      expect(estimateMemoryBytes(s)).toBe(64 * 1024 ** 2 + 30_000 * 34);
      expect(issuePaths(s, { maxBytes: bytes })).toEqual([]);
      const r = validateScenario(s, { maxBytes: bytes - 1 });
      expect(r.ok ? [] : r.issues).toEqual([
        {
          path: "policies",
          message:
            "with the entrants the policies set, the population needs about 68.9 MiB of memory (150,000 agents x 34 " +
            "bytes, plus 64 MiB for tables), above the limit of 68.9 MiB; lower `agents` or raise the limit with { " +
            "maxBytes }",
        },
      ]);
    },
  );

  it("validateScenario counts the policies' entrants in agents, not people, with an explicit agents", () => {
    // 30,000 people as 3,000 agents: the 120,000 entrants are 12,000 agents.
    const s = withEntrants();
    s.agents = 3000;
    const bytes = 64 * 1024 ** 2 + (3000 + 12_000) * 34;
    expect(issuePaths(s, { maxBytes: bytes })).toEqual([]);
    expect(issuePaths(s, { maxBytes: bytes - 1 })).toEqual(["policies"]);
  });

  it("validateScenario reports a policy's value that breaks a limit without also judging memory", () => {
    // 700,000 entrants a year in one period a year: above the 655,360 agents a period of a
    // 3-region world can hold.
    const s = withEntrants();
    s.policies[0] = { kind: "custom", path: "regions.B.entrants", expression: "700000", from: 2030 };
    const r = validateScenario(s, { maxBytes: estimateMemoryBytes(s) });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(["policies.0.expression"]);
  });
});
