import { describe, expect, it } from "vitest";
import { ValidationError, scenarios, simulate, validateScenario, type Policy, type Scenario } from "../../src/index";

/** The small baseline of the issue: 2,000 agents, one year, no burn-in (six policies of its own). */
function small(): Scenario {
  return scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 });
}

function withPolicy(policy: Policy, s = small()): Scenario {
  s.policies.push(policy);
  return s;
}

/** The issues validateScenario reports (none when the scenario is valid). */
function issues(s: Scenario, options?: { maxBytes?: number }) {
  const result = validateScenario(s, options);
  return result.ok ? [] : result.issues;
}

describe("custom policies: each period's value passes the field's rules", () => {
  it("validateScenario(s) refuses regions.DE.entrants = 1e12 by custom policy, before anything is allocated", () => {
    const s = withPolicy({ kind: "custom", path: "regions.DE.entrants", expression: "1e12", from: 2026 });
    expect(issues(s)).toEqual([
      {
        path: "policies.6.expression",
        message:
          "custom policy 6 sets regions.DE.entrants to 1000000000000 in " +
          "period 0 (year 2026): must be <= 100000000, got 1000000000000",
      },
    ]);
    const started = performance.now();
    expect(() => simulate(s, { seed: 1 })).toThrow(ValidationError);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it(
    "validateScenario(s) refuses entrants a custom policy sets " +
      "within the field's range but above the engine's limit per period",
    () => {
      // Scale 477,600 / 9,552 = 50 people per agent: 1e8 entrants make 500,000 agents a quarter,
      // above the 393,216 (6 x 65,536) a period of a 5-region world can hold.
      const s = withPolicy(
        { kind: "custom", path: "regions.DE.entrants", expression: "1e8", from: 2026 },
        scenarios.baseline({ agents: 9552, years: 1, burnInYears: 0 }),
      );
      const [issue, ...rest] = issues(s);
      expect(rest).toEqual([]);
      expect(issue.path).toBe("policies.6.expression");
      expect(issue.message).toMatch(
        new RegExp(
          String.raw`^custom policy 6 sets regions\.DE\.entrants to 100000000 in period 0 \(year 2026\): ` +
            "makes 500000 agents per period .* above the engine's limit of 393216$",
        ),
      );
    },
  );

  it.each([
    ["visas.CA.*.admission", "7", "visas.CA.CA.admission", "must be in [0, 1], got 7"],
    ["behavior.exitRate", "-1", "behavior.exitRate", "must be >= 0, got -1"],
    ["regions.DE.germanShare", "2", "regions.DE.germanShare", "must be in [0, 1], got 2"],
    [
      "behavior.wageElasticity",
      "-1",
      "behavior.wageElasticity",
      "must be >= 0.25 (a wage elasticity of Infinity switches the labour-market feedback off), got -1",
    ],
  ])(
    "validateScenario(s) refuses a custom policy setting %s to %s, as it refuses the field set directly",
    (path, expression, field, rule) => {
      const s = withPolicy({ kind: "custom", path, expression, from: 2026.5 });
      const [issue] = issues(s);
      expect(issue).toEqual({
        path: "policies.6.expression",
        message: `custom policy 6 sets ${field} to ${expression} in period 2 (year 2026.5): ${rule}`,
      });
      expect(() => simulate(s, { seed: 1 })).toThrow(ValidationError);
    },
  );

  it("validateScenario(s) checks a ramped custom policy's value in every period it applies, not only the first", () => {
    // base 0.4 ramps to 1.4 over a year: 0.65 in period 1 (valid), 0.9, then 1.15 in period 3.
    const s = withPolicy({
      kind: "custom",
      path: "regions.DE.taxRate",
      expression: "base + 1",
      from: 2026,
      rampYears: 1,
    });
    expect(issues(s)).toEqual([
      {
        path: "policies.6.expression",
        message:
          "custom policy 6 sets regions.DE.taxRate to 1.15 in period 3 (year 2026.75): must be in [0, 1), got 1.15",
      },
    ]);
  });

  it("validateScenario(s) accepts a custom policy whose values stay within the field's range", () => {
    const s = withPolicy({ kind: "custom", path: "regions.DE.taxRate", expression: "base - 0.01 * t", from: 2026 });
    expect(issues(s)).toEqual([]);
  });

  it("validateScenario(s) checks a custom policy's path and expression (not only simulate)", () => {
    const s = small();
    s.policies.push({ kind: "custom", path: "regions.XX.investment", expression: "base", from: 2026 });
    s.policies.push({ kind: "custom", path: "regions.DE.investment", expression: "import({}, {})", from: 2026 });
    const found = issues(s);
    expect(found.map((i) => i.path)).toEqual(["policies.6.path", "policies.7.expression"]);
    expect(found[0].message).toMatch(/"regions\.XX\.investment" is not a numeric scenario field/);
    expect(found[1].message).toMatch(/function "import" is not allowed/);
  });

  it.each([
    ["1/t", "the result is Infinity"],
    ["sqrt(-1)", "the result is NaN"],
  ])(
    "validateScenario(s) reports the evaluation error of %s as an issue naming the policy and the period",
    (expression, reason) => {
      const s = withPolicy({ kind: "custom", path: "regions.DE.investment", expression, from: 2026 });
      const [issue, ...rest] = issues(s);
      expect(rest).toEqual([]);
      expect(issue.path).toBe("policies.6.expression");
      expect(issue.message).toContain(
        `custom policy 6 in period 0 (year 2026): expression ${JSON.stringify(expression)} ` +
          `with year = 2026, t = 0, base = 2.062: ${reason}`,
      );
      expect(() => simulate(s, { seed: 1 })).toThrow(ValidationError);
    },
  );

  it(
    "validateScenario(s) refuses a field that built-in policies " +
      "in force leave out of range, naming them and the period",
    () => {
      const s = withPolicy(
        { kind: "investment", region: "DE", amount: -5, from: 2027 },
        scenarios.baseline({ agents: 2000, years: 2, burnInYears: 0 }),
      );
      // The baseline adds 0.162 from 2026 (policies.3): 1.9 + 0.162 - 5 = -2.938 from 2027.
      const [issue, ...rest] = issues(s);
      expect(rest).toEqual([]);
      expect(issue.path).toBe("regions.DE.investment");
      expect(issue.message).toMatch(
        new RegExp(
          String.raw`^is -2\.93\d* in period 4 \(year 2027\) after the policies in force ` +
            String.raw`\(.*policies\.3 \(investment\).*policies\.6 \(investment\)\): must be >= 0\.000001`,
        ),
      );
    },
  );

  it("validateScenario(s, {maxBytes}) counts the entrants policies set in the memory a run needs", () => {
    // Scale 477,600 / 1,194 = 400 people per agent: 1e8 / 4 / 400 = 62,500 agents a quarter, within the
    // engine's limit per period (65,536), so only the memory check can refuse it.
    const scenario = () => scenarios.baseline({ agents: 1194, years: 1, burnInYears: 0 });
    const s = withPolicy({ kind: "custom", path: "regions.DE.entrants", expression: "1e8", from: 2026 }, scenario());
    const limit = 64 * 1024 ** 2 + 1024 ** 2; // the tables and 1 MiB of agents
    expect(issues(scenario(), { maxBytes: limit })).toEqual([]);
    const [issue] = issues(s, { maxBytes: limit });
    expect(issue.path).toBe("policies");
    // 1,194 agents + 4 quarters x (1e8 / 4 / 400 in DE + 28,565.88 / 4 / 400 elsewhere) = 251,265.41: 251,266
    // slots, 64 MiB + 251,266 x 34 bytes = 72.1 MiB.
    expect(issue.message).toBe(
      "with the entrants the policies set, the population needs about 72.1 MiB of memory (251,266 agents x 34 " +
        "bytes, plus 64 MiB for tables), above the limit of 65 MiB; lower `agents` or raise the limit with { " +
        "maxBytes }",
    );
  });
});
