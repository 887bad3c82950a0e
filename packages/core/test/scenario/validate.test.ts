import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { scenarioJsonSchema, scenarioSchema } from "../../src/scenario/schema";
import { ValidationError, type Issue } from "../../src/errors";
import type { Scenario } from "../../src/scenario/types";
import {
  BYTES_PER_AGENT,
  ENGINE_LIMITS,
  assertValidScenario,
  estimateMemoryBytes,
  validateScenario,
  type ValidateOptions,
} from "../../src/scenario/validate";

/** A scenario under test: mutated freely, including into invalid shapes. */
type Draft = any;

/**
 * A small but complete scenario: three regions (two countries' worth of visas and a US lottery),
 * three citizenships, one lottery and three policies. The real baseline does not exist yet.
 */
function baseScenario(): Scenario {
  const region = (country: string, initialStock: number, entrants: number, grossWage: number) => ({
    country,
    initialStock,
    grossWage,
    skillReturn: 0.3,
    taxRate: 0.35,
    costOfLiving: 0.8,
    investment: 10,
    amenity: 0,
    researchEcosystem: 0.2,
    englishJobShare: 0.6,
    demandGrowth: 0.03,
    entrants,
    entrantCitizenship: { DE: 0.5, CA: 0.3, US: 0.2 },
    initialCitizenship: { DE: 0.4, CA: 0.4, US: 0.2 },
    entrySkillMean: 0,
    germanShare: 0.3,
    researcherShare: 0.25,
    temporaryShare: 0.5,
  });
  return {
    model: "talentflow/1",
    name: "mini",
    description: "Three regions, three citizenships, one lottery.",
    startYear: 2026,
    years: 10,
    periodsPerYear: 4,
    burnInYears: 2,
    fx: { EUR: 1.08, CAD: 0.73 },
    behavior: {
      beta: 0.65,
      alpha: 0.2,
      gamma: 0.3,
      homeBias: 1.5,
      considerRate: 0.25,
      languagePenalty: 1,
      ageCost: 0.05,
      tempPenalty: 0.4,
      exitRate: 0.02,
      entryAge: 25,
      retirementAge: 65,
      initialAgeMedian: 35,
      feeAdmissionFactor: 0.9,
      delayCost: 0.5,
      wageElasticity: 4,
      demandElasticity: 0.6,
    },
    citizenships: {
      DE: { home: "DE", network: 1 },
      CA: { home: "CA", network: 1 },
      US: { home: "SV", network: 0.5 },
    },
    regions: {
      DE: region("DE", 150_000, 10_000, 80_000),
      CA: region("CA", 100_000, 8_000, 90_000),
      SV: region("US", 300_000, 20_000, 200_000),
    },
    movingCost: { "DE<->CA": 3, "DE->SV": 2.5, "SV->DE": 2.8, "CA<->SV": 1.5 },
    visaFriction: { "*->SV": 0.8, "US->DE": 0.3 },
    visas: {
      DE: {
        "*": { rule: "threshold", permanent: false, permanence: 0.5, fee: 0, threshold: 50_000, high: 0.9, low: 0.3 },
      },
      CA: {
        US: { rule: "probability", permanent: false, permanence: 0.4, fee: 0, admission: 0.8 },
        "*": { rule: "open", permanent: true, permanence: 0, fee: 0 },
      },
      SV: { "*": { rule: "lottery", permanent: false, permanence: 0.1, fee: 5_000, pool: "US-H1B" } },
    },
    lotteries: {
      "US-H1B": { regions: ["SV"], cap: 85_000, weighted: false, period: 0, startDelay: 2, initialSelectionRate: 0.25 },
    },
    freeMovement: [],
    policies: [
      {
        kind: "talentExchange",
        partners: ["DE", "CA"],
        from: 2026.12,
        until: 2036,
        rampYears: 1,
        admissionBoost: 0.5,
        frictionCut: 0.2,
        slots: 1_000,
      },
      { kind: "visaRegime", region: "SV", citizenships: ["DE"], fee: 100_000, processingMonths: 6, from: 2025.72 },
      { kind: "custom", path: "regions.DE.investment", expression: "base * (1 + 0.05 * (year - 2026))", from: 2026 },
    ],
  };
}

/** The issues of the base scenario after `mutate`. */
function issuesOf(mutate: (s: Draft) => void, options?: ValidateOptions): Issue[] {
  const s: Draft = baseScenario();
  mutate(s);
  const result = validateScenario(s, options);
  return result.ok ? [] : result.issues;
}

/** The one issue of the base scenario after `mutate` (fails if there are none or several). */
function onlyIssue(mutate: (s: Draft) => void, options?: ValidateOptions): Issue {
  const issues = issuesOf(mutate, options);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0];
}

describe("a valid scenario", () => {
  it("validateScenario accepts the small complete scenario and returns an equal copy", () => {
    const s = baseScenario();
    const result = validateScenario(s);
    expect(result).toEqual({ ok: true, scenario: s, issues: [], warnings: [] });
    if (result.ok) expect(result.scenario).not.toBe(s);
  });

  it("validateScenario accepts a wage elasticity of Infinity (feedback off)", () => {
    expect(issuesOf((s) => (s.behavior.wageElasticity = Infinity))).toEqual([]);
  });

  it("validateScenario accepts optional fields left out and agents below the population", () => {
    expect(
      issuesOf((s) => {
        delete s.description;
        delete s.policies[0].until;
        delete s.policies[0].rampYears;
        s.agents = 55_000;
      }),
    ).toEqual([]);
  });

  it("validateScenario accepts every policy kind with its fields", () => {
    const issues = issuesOf((s) => {
      s.policies = [
        {
          kind: "researchCooperation",
          partners: ["DE", "CA"],
          from: 2026,
          ecosystemBoost: 0.3,
          movingCostCut: 0.5,
          researchersOnly: true,
        },
        { kind: "economicCooperation", partners: ["DE", "CA"], from: 2026, investment: { DE: 1, CA: 0.5 } },
        { kind: "economicCooperation", partners: ["DE", "CA"], from: 2026, investment: 2 },
        {
          kind: "regulatoryAlignment",
          partners: ["DE", "CA"],
          from: 2027,
          certifiedShare: 1,
          assessmentCost: 0.05,
          exportShare: 1,
          investmentElasticity: 1,
          frictionCut: 0.1,
        },
        {
          kind: "talentExchange",
          partners: ["DE", "CA"],
          from: 2026.12,
          admissionBoost: 0.3,
          frictionCut: 0.2,
          slots: 0,
        },
        {
          kind: "visaRegime",
          region: "SV",
          rule: { rule: "lottery", permanent: false, permanence: 0.1, fee: 0, pool: "US-H1B" },
          cap: 65_000,
          weighted: true,
          threshold: 100_000,
          from: 2026,
          label: "weighted H-1B",
        },
        {
          kind: "openWorkPermit",
          region: "CA",
          holdersIn: ["SV"],
          places: 10_000,
          perYear: false,
          permanent: false,
          from: 2023.5,
          until: 2024.5,
        },
        { kind: "investment", region: "DE", amount: 1.2, from: 2026 },
        { kind: "languageAccess", region: "DE", englishJobShare: 0.8, from: 2026, rampYears: 5 },
        { kind: "taxIncentive", region: "DE", reduction: 0.1, years: 5, target: "returnees", from: 2026 },
        { kind: "custom", path: "behavior.beta", expression: "base", from: 2026 },
      ];
    });
    expect(issues).toEqual([]);
  });
});

describe("regulatoryAlignment's replaced field", () => {
  it("validateScenario names investmentGain on a regulatoryAlignment policy and says what replaced it", () => {
    const issues = issuesOf((s) =>
      s.policies.push({ kind: "regulatoryAlignment", partners: ["DE", "CA"], from: 2027, investmentGain: 0.05 }),
    );
    const k = baseScenario().policies.length;
    const replaced = issues.find((i) => i.path === `policies.${k}.investmentGain` && /was replaced/.test(i.message));
    expect(replaced?.message).toMatch(/certifiedShare, assessmentCost, exportShare and investmentElasticity/);
  });
});

describe("types", () => {
  it("validateScenario names regions.DE.taxRate when it is a string", () => {
    expect(onlyIssue((s) => (s.regions.DE.taxRate = "0.3"))).toEqual({
      path: "regions.DE.taxRate",
      message: "expected a number, got string",
    });
  });

  it("validateScenario names a missing required field", () => {
    expect(onlyIssue((s) => delete s.regions.CA.grossWage)).toEqual({
      path: "regions.CA.grossWage",
      message: "is required (expected a number)",
    });
  });

  it("validateScenario names a boolean that is not one", () => {
    expect(onlyIssue((s) => (s.visas.CA["*"].permanent = "yes"))).toEqual({
      path: "visas.CA.*.permanent",
      message: "expected true or false, got string",
    });
  });

  it("validateScenario names an array where an object belongs", () => {
    expect(onlyIssue((s) => (s.fx = [1.08]))).toEqual({ path: "fx", message: "expected an object, got array" });
  });

  it("validateScenario reports a scenario that is not an object at the root", () => {
    expect(validateScenario("alliance2026")).toEqual({
      ok: false,
      issues: [{ path: "", message: "expected an object, got string" }],
      warnings: [],
    });
    expect(validateScenario(null)).toEqual({
      ok: false,
      issues: [{ path: "", message: "expected an object, got null" }],
      warnings: [],
    });
  });

  it("validateScenario requires model to be talentflow/1", () => {
    expect(onlyIssue((s) => (s.model = "talentflow/2"))).toEqual({
      path: "model",
      message: 'must be "talentflow/1", got "talentflow/2"',
    });
  });

  it("validateScenario requires a non-empty name", () => {
    expect(onlyIssue((s) => (s.name = ""))).toEqual({ path: "name", message: "must not be empty" });
  });

  it("validateScenario refuses Infinity and NaN where a finite number belongs", () => {
    expect(onlyIssue((s) => (s.regions.SV.grossWage = Infinity))).toEqual({
      path: "regions.SV.grossWage",
      message: "must be a finite number, got Infinity",
    });
    expect(onlyIssue((s) => (s.behavior.alpha = NaN))).toEqual({
      path: "behavior.alpha",
      message: "must be a finite number, got NaN",
    });
  });

  it("validateScenario names every numeric field of the scenario when it is a string", () => {
    const paths = numericLeafPaths(baseScenario());
    expect(paths.length).toBeGreaterThan(60);
    for (const path of paths) {
      const issues = issuesOf((s) => setAt(s, path, "1"));
      expect(issues, path).toContainEqual({ path, message: "expected a number, got string" });
    }
  });

  it("validateScenario names every required field of the scenario when it is missing", () => {
    const optional = new Set(["description", "policies.0.until", "policies.0.rampYears", "policies.1.citizenships"]);
    const optionalPolicyFields = /^policies\.1\.(fee|processingMonths)$/;
    for (const path of leafPaths(baseScenario())) {
      if (
        optional.has(path) ||
        optionalPolicyFields.test(path) ||
        /Citizenship\.|^fx\.|^movingCost\.|^visaFriction\./.test(path)
      )
        continue;
      const issues = issuesOf((s) => deleteAt(s, path));
      expect(
        issues.map((i) => i.path),
        path,
      ).toContain(path);
      expect(issues.find((i) => i.path === path)?.message, path).toMatch(/^is required/);
    }
  });
});

describe("unknown fields", () => {
  it("validateScenario names an unknown key of a region", () => {
    expect(onlyIssue((s) => (s.regions.DE.colour = "red"))).toEqual({
      path: "regions.DE.colour",
      message: 'unknown field "colour"',
    });
  });

  it("validateScenario suggests the field a misspelt key was meant to be", () => {
    const issues = issuesOf((s) => {
      s.regions.DE.taxrate = s.regions.DE.taxRate;
      delete s.regions.DE.taxRate;
    });
    expect(issues).toEqual([
      { path: "regions.DE.taxRate", message: "is required (expected a number)" },
      { path: "regions.DE.taxrate", message: 'unknown field "taxrate" (did you mean "taxRate"?)' },
    ]);
  });

  it("validateScenario names unknown keys at the top, in behaviour, in visa rules, lotteries and policies", () => {
    const issues = issuesOf((s) => {
      s.extends = "baseline";
      s.behavior.bta = 1;
      s.visas.SV["*"].cap = 3;
      s.lotteries["US-H1B"].caps = 3;
      s.policies[0].region = "DE";
    });
    expect(issues.map((i) => i.path)).toEqual([
      "behavior.bta",
      "visas.SV.*.cap",
      "lotteries.US-H1B.caps",
      "policies.0.region",
      "extends",
    ]);
    expect(issues.every((i) => i.message.startsWith("unknown field"))).toBe(true);
  });

  it("validateScenario names an unknown policy kind and lists the kinds", () => {
    const issue = onlyIssue((s) => (s.policies[1] = { kind: "visaReform", region: "SV", from: 2026 }));
    expect(issue.path).toBe("policies.1.kind");
    expect(issue.message).toMatch(
      /^unknown kind "visaReform" \(kinds are researchCooperation, economicCooperation, .*custom\)$/,
    );
  });

  it("validateScenario names an unknown visa rule and lists the rules", () => {
    expect(onlyIssue((s) => (s.visas.CA["*"].rule = "points"))).toEqual({
      path: "visas.CA.*.rule",
      message: 'unknown rule "points" (rules are open, probability, threshold, lottery)',
    });
  });

  it("validateScenario names an invalid value of an enumerated field", () => {
    const issue = onlyIssue((s) =>
      s.policies.push({ kind: "taxIncentive", region: "DE", reduction: 0.1, years: 5, target: "everyone", from: 2026 }),
    );
    expect(issue).toEqual({
      path: "policies.3.target",
      message: 'must be one of "newcomers", "returnees", "both", got "everyone"',
    });
  });

  it("validateScenario refuses a region code that cannot appear in a path", () => {
    const issues = issuesOf((s) => (s.regions["S.V"] = s.regions.SV));
    expect(issues).toContainEqual({
      path: "regions.S.V",
      message: '"S.V" is not a valid code: use letters, digits, "_" and single "-" inside (as in DE or US-H1B)',
    });
  });
});

describe("ranges", () => {
  it("validateScenario names regions.DE.taxRate when it is 1.4", () => {
    expect(onlyIssue((s) => (s.regions.DE.taxRate = 1.4))).toEqual({
      path: "regions.DE.taxRate",
      message: "must be in [0, 1), got 1.4",
    });
  });

  it("validateScenario refuses a tax rate of exactly 1 and below 0", () => {
    expect(onlyIssue((s) => (s.regions.DE.taxRate = 1)).message).toBe("must be in [0, 1), got 1");
    expect(onlyIssue((s) => (s.regions.DE.taxRate = -0.1)).message).toBe("must be in [0, 1), got -0.1");
  });

  it.each([
    ["regions.DE.englishJobShare"],
    ["regions.CA.germanShare"],
    ["regions.SV.researcherShare"],
    ["regions.SV.temporaryShare"],
    ["visas.CA.US.admission"],
    ["visas.DE.*.high"],
    ["visas.DE.*.low"],
    ["lotteries.US-H1B.initialSelectionRate"],
    ["behavior.feeAdmissionFactor"],
    ["policies.0.admissionBoost"],
  ])("validateScenario names the share %s when it is 1.2", (path) => {
    expect(onlyIssue((s) => setAt(s, path, 1.2))).toEqual({ path, message: "must be in [0, 1], got 1.2" });
  });

  it.each([
    ["regions.DE.grossWage", ""],
    ["regions.DE.costOfLiving", ""],
    ["regions.DE.skillReturn", ""],
    ["fx.EUR", ""],
    ["visas.DE.*.threshold", ""],
  ])("validateScenario names %s when it is 0 (it must be positive)", (path, hint) => {
    expect(onlyIssue((s) => setAt(s, path, 0))).toEqual({ path, message: `must be > 0${hint}, got 0` });
  });

  it("validateScenario names regions.DE.investment when it is 0 (its logarithm enters wages and utility)", () => {
    expect(onlyIssue((s) => setAt(s, "regions.DE.investment", 0))).toEqual({
      path: "regions.DE.investment",
      message: "must be >= 0.000001 (its logarithm enters wages and utility), got 0",
    });
  });

  it.each([
    ["behavior.beta"],
    ["behavior.considerRate"],
    ["behavior.exitRate"],
    ["behavior.demandElasticity"],
    ["citizenships.US.network"],
    ["regions.SV.entrants"],
    ["visas.SV.*.permanence"],
    ["visas.SV.*.fee"],
    ["lotteries.US-H1B.cap"],
    ["movingCost.DE<->CA"],
    ["visaFriction.*->SV"],
    ["policies.0.rampYears"],
    ["policies.0.slots"],
    ["policies.1.processingMonths"],
  ])("validateScenario names %s when it is negative", (path) => {
    expect(onlyIssue((s) => setAt(s, path, -0.5))).toEqual({ path, message: "must be >= 0, got -0.5" });
  });

  it("validateScenario names a negative initial stock", () => {
    expect(onlyIssue((s) => (s.regions.CA.initialStock = -1))).toEqual({
      path: "regions.CA.initialStock",
      message: "must be >= 0, got -1",
    });
  });

  it("validateScenario names a non-positive wage elasticity and says Infinity switches feedback off", () => {
    expect(onlyIssue((s) => (s.behavior.wageElasticity = 0))).toEqual({
      path: "behavior.wageElasticity",
      message: "must be >= 0.25 (a wage elasticity of Infinity switches the labour-market feedback off), got 0",
    });
    expect(onlyIssue((s) => (s.behavior.wageElasticity = -Infinity)).message).toMatch(/got -Infinity$/);
    expect(onlyIssue((s) => (s.behavior.wageElasticity = "high"))).toEqual({
      path: "behavior.wageElasticity",
      message: "expected a number, got string",
    });
  });

  it("validateScenario names a demand growth of -100% or less", () => {
    expect(onlyIssue((s) => (s.regions.DE.demandGrowth = -1))).toEqual({
      path: "regions.DE.demandGrowth",
      message: "must be > -1, got -1",
    });
  });

  it("validateScenario requires periodsPerYear to be an integer in [1, 12]", () => {
    expect(onlyIssue((s) => (s.periodsPerYear = 13))).toEqual({
      path: "periodsPerYear",
      message: "must be in [1, 12], got 13",
    });
    expect(onlyIssue((s) => (s.periodsPerYear = 0))).toEqual({
      path: "periodsPerYear",
      message: "must be in [1, 12], got 0",
    });
    expect(onlyIssue((s) => (s.periodsPerYear = 4.5))).toEqual({
      path: "periodsPerYear",
      message: "must be an integer, got 4.5",
    });
  });

  it("validateScenario requires years to be an integer of at least 1", () => {
    expect(onlyIssue((s) => (s.years = 0))).toEqual({ path: "years", message: "must be >= 1, got 0" });
    expect(onlyIssue((s) => (s.years = 2.5))).toEqual({ path: "years", message: "must be an integer, got 2.5" });
  });

  it("validateScenario requires burnInYears to be an integer of at least 0", () => {
    expect(onlyIssue((s) => (s.burnInYears = -1))).toEqual({ path: "burnInYears", message: "must be >= 0, got -1" });
    expect(onlyIssue((s) => (s.burnInYears = 0.5))).toEqual({
      path: "burnInYears",
      message: "must be an integer, got 0.5",
    });
  });

  it("validateScenario requires agents to be an integer of at least 1", () => {
    expect(onlyIssue((s) => (s.agents = 0))).toEqual({ path: "agents", message: "must be >= 1, got 0" });
    expect(onlyIssue((s) => (s.agents = 1000.5))).toEqual({
      path: "agents",
      message: "must be an integer, got 1000.5",
    });
  });

  it("validateScenario requires startYear to be an integer calendar year", () => {
    expect(onlyIssue((s) => (s.startYear = 2026.5))).toEqual({
      path: "startYear",
      message: "must be an integer, got 2026.5",
    });
  });

  it("validateScenario requires the lottery period and start delay to be integers in [0, periodsPerYear)", () => {
    expect(onlyIssue((s) => (s.lotteries["US-H1B"].period = 4))).toEqual({
      path: "lotteries.US-H1B.period",
      message: "must be in [0, 4) with 4 periods per year, got 4",
    });
    expect(onlyIssue((s) => (s.lotteries["US-H1B"].startDelay = 1.5))).toEqual({
      path: "lotteries.US-H1B.startDelay",
      message: "must be an integer, got 1.5",
    });
    expect(onlyIssue((s) => (s.lotteries["US-H1B"].startDelay = -1))).toEqual({
      path: "lotteries.US-H1B.startDelay",
      message: "must be >= 0, got -1",
    });
    expect(issuesOf((s) => ((s.periodsPerYear = 12), (s.lotteries["US-H1B"].period = 5)))).toEqual([]);
  });

  it("validateScenario requires entryAge < initialAgeMedian < retirementAge", () => {
    expect(onlyIssue((s) => (s.behavior.initialAgeMedian = 70))).toEqual({
      path: "behavior.initialAgeMedian",
      message: "must be between entryAge (25) and retirementAge (65), got 70",
    });
    expect(onlyIssue((s) => (s.behavior.initialAgeMedian = 25)).path).toBe("behavior.initialAgeMedian");
    expect(onlyIssue((s) => (s.behavior.retirementAge = 20))).toEqual({
      path: "behavior.retirementAge",
      message: "must be above entryAge (25), got 20",
    });
  });
});

describe("citizenship mixes", () => {
  it("validateScenario names regions.CA.entrantCitizenship when its shares sum to 0.97", () => {
    expect(onlyIssue((s) => (s.regions.CA.entrantCitizenship.CA = 0.27))).toEqual({
      path: "regions.CA.entrantCitizenship",
      message: "shares must sum to 1, got 0.97",
    });
  });

  it("validateScenario accepts shares that sum to 1 within 1e-6", () => {
    expect(issuesOf((s) => (s.regions.CA.entrantCitizenship = { DE: 0.1, CA: 0.7, US: 0.2 + 5e-7 }))).toEqual([]);
  });

  it("validateScenario names an unknown citizenship in a mix", () => {
    expect(onlyIssue((s) => (s.regions.DE.initialCitizenship = { DE: 0.6, FR: 0.4 }))).toEqual({
      path: "regions.DE.initialCitizenship.FR",
      message: 'unknown citizenship "FR" (citizenships are DE, CA, US)',
    });
  });

  it("validateScenario names a share above 1 in a mix", () => {
    const issues = issuesOf((s) => (s.regions.DE.initialCitizenship = { DE: 1.5, CA: -0.5 }));
    expect(issues).toEqual([
      { path: "regions.DE.initialCitizenship.DE", message: "must be in [0, 1], got 1.5" },
      { path: "regions.DE.initialCitizenship.CA", message: "must be in [0, 1], got -0.5" },
    ]);
  });
});

describe("references between fields", () => {
  it("validateScenario names a citizenship whose home is not a region", () => {
    expect(onlyIssue((s) => (s.citizenships.US.home = "USR"))).toEqual({
      path: "citizenships.US.home",
      message: 'unknown region "USR" (regions are DE, CA, SV)',
    });
  });

  it("validateScenario requires a region's country to be a non-empty string", () => {
    expect(onlyIssue((s) => (s.regions.SV.country = ""))).toEqual({
      path: "regions.SV.country",
      message: "must not be empty",
    });
  });

  it("validateScenario requires a positive total initial stock", () => {
    expect(
      onlyIssue((s) => {
        for (const r of Object.values<Draft>(s.regions)) r.initialStock = 0;
      }),
    ).toEqual({ path: "regions", message: "the total initialStock must be > 0, got 0" });
  });

  it("validateScenario names a moving-cost key that is not A->B or A<->B", () => {
    expect(onlyIssue((s) => (s.movingCost["DE-CA"] = 1))).toEqual({
      path: "movingCost.DE-CA",
      message: 'must name two regions as "A->B" (one way) or "A<->B" (both ways), got "DE-CA"',
    });
  });

  it("validateScenario names movingCost.DE->FR for an unknown region", () => {
    expect(onlyIssue((s) => (s.movingCost["DE->FR"] = 1))).toEqual({
      path: "movingCost.DE->FR",
      message: 'unknown region "FR" (regions are DE, CA, SV)',
    });
  });

  it("validateScenario names a moving cost from a region to itself", () => {
    expect(onlyIssue((s) => (s.movingCost["SV<->SV"] = 1))).toEqual({
      path: "movingCost.SV<->SV",
      message: 'must join two different regions, got "SV<->SV"',
    });
  });

  it("validateScenario names a moving cost set twice through A->B and A<->B", () => {
    expect(onlyIssue((s) => (s.movingCost["CA->DE"] = 2))).toEqual({
      path: "movingCost.CA->DE",
      message: 'sets the cost of CA->DE again (already set by "DE<->CA")',
    });
  });

  it("validateScenario names a visa-friction key with an unknown citizenship or region", () => {
    expect(onlyIssue((s) => (s.visaFriction["IN->SV"] = 1))).toEqual({
      path: "visaFriction.IN->SV",
      message: 'unknown citizenship "IN" (citizenships are DE, CA, US, or * for any)',
    });
    expect(onlyIssue((s) => (s.visaFriction["*->USR"] = 1))).toEqual({
      path: "visaFriction.*->USR",
      message: 'unknown region "USR" (regions are DE, CA, SV)',
    });
    expect(onlyIssue((s) => (s.visaFriction.SV = 1)).message).toMatch(/^must name a citizenship and a region/);
  });

  it("validateScenario names visas of an unknown region and for an unknown citizenship", () => {
    expect(onlyIssue((s) => (s.visas.FR = {}))).toEqual({
      path: "visas.FR",
      message: 'unknown region "FR" (regions are DE, CA, SV)',
    });
    expect(onlyIssue((s) => (s.visas.SV.IN = s.visas.SV["*"]))).toEqual({
      path: "visas.SV.IN",
      message: 'unknown citizenship "IN" (citizenships are DE, CA, US, or * for any)',
    });
  });

  it("validateScenario names visas.SV.US.pool when it names no lottery", () => {
    expect(
      onlyIssue((s) => (s.visas.SV.US = { rule: "lottery", permanent: false, permanence: 0.1, fee: 0, pool: "H1B" })),
    ).toEqual({ path: "visas.SV.US.pool", message: 'unknown lottery "H1B" (lotteries are US-H1B)' });
  });

  it("validateScenario names a lottery rule whose lottery does not draw for the rule's region", () => {
    expect(
      onlyIssue(
        (s) => (s.visas.CA.US = { rule: "lottery", permanent: false, permanence: 0.1, fee: 0, pool: "US-H1B" }),
      ),
    ).toEqual({ path: "visas.CA.US.pool", message: 'lottery "US-H1B" draws for SV, not for CA' });
  });

  it("validateScenario names an unknown region in a lottery", () => {
    expect(onlyIssue((s) => s.lotteries["US-H1B"].regions.push("USR"))).toEqual({
      path: "lotteries.US-H1B.regions.1",
      message: 'unknown region "USR" (regions are DE, CA, SV)',
    });
  });

  it("validateScenario names a region that is in two lotteries", () => {
    expect(onlyIssue((s) => (s.lotteries.second = { ...s.lotteries["US-H1B"], regions: ["CA", "SV"] }))).toEqual({
      path: "lotteries.second.regions.1",
      message: 'region SV is already in lottery "US-H1B"; a region can be in one lottery only',
    });
  });

  it("validateScenario names freeMovement countries that no region belongs to", () => {
    expect(issuesOf((s) => (s.freeMovement = [["DE", "CA"]]))).toEqual([]);
    expect(onlyIssue((s) => (s.freeMovement = [["DE", "FR"]]))).toEqual({
      path: "freeMovement.0.1",
      message: 'unknown country "FR" (countries are DE, CA, US)',
    });
  });
});

describe("policies", () => {
  it("validateScenario names policies.0.until when the window ends before it starts", () => {
    expect(onlyIssue((s) => ((s.policies[0].from = 2027), (s.policies[0].until = 2026)))).toEqual({
      path: "policies.0.until",
      message: "ends (2026) before it starts (2027)",
    });
    expect(onlyIssue((s) => (s.policies[0].until = 2026.12))).toEqual({
      path: "policies.0.until",
      message: "ends when it starts (2026.12): the window is empty",
    });
  });

  it("validateScenario names policies.2.from when it is missing or not finite", () => {
    expect(onlyIssue((s) => delete s.policies[2].from)).toEqual({
      path: "policies.2.from",
      message: "is required (expected a number)",
    });
    expect(onlyIssue((s) => (s.policies[2].from = Infinity))).toEqual({
      path: "policies.2.from",
      message: "must be a finite number, got Infinity",
    });
  });

  it("validateScenario names an unknown region among a policy's partners", () => {
    expect(onlyIssue((s) => (s.policies[0].partners = ["DE", "FR"]))).toEqual({
      path: "policies.0.partners.1",
      message: 'unknown region "FR" (regions are DE, CA, SV)',
    });
  });

  it("validateScenario names an unknown region of a one-region policy and of openWorkPermit holders", () => {
    expect(onlyIssue((s) => (s.policies[1].region = "US"))).toEqual({
      path: "policies.1.region",
      message: 'unknown region "US" (regions are DE, CA, SV)',
    });
    expect(
      onlyIssue((s) =>
        s.policies.push({
          kind: "openWorkPermit",
          region: "CA",
          holdersIn: ["USR"],
          places: 10_000,
          perYear: false,
          permanent: false,
          from: 2023.5,
        }),
      ),
    ).toEqual({ path: "policies.3.holdersIn.0", message: 'unknown region "USR" (regions are DE, CA, SV)' });
  });

  it("validateScenario names negative openWorkPermit places", () => {
    expect(
      onlyIssue((s) =>
        s.policies.push({
          kind: "openWorkPermit",
          region: "CA",
          holdersIn: ["SV"],
          places: -1,
          perYear: true,
          permanent: false,
          from: 2023.5,
        }),
      ),
    ).toEqual({ path: "policies.3.places", message: "must be >= 0, got -1" });
  });

  it("validateScenario names an unknown citizenship of a visaRegime policy", () => {
    expect(onlyIssue((s) => (s.policies[1].citizenships = ["DE", "IN"]))).toEqual({
      path: "policies.1.citizenships.1",
      message: 'unknown citizenship "IN" (citizenships are DE, CA, US)',
    });
  });

  it("validateScenario names an unknown lottery in a visaRegime policy's rule", () => {
    expect(
      onlyIssue((s) => (s.policies[1].rule = { rule: "lottery", permanent: false, permanence: 0, fee: 0, pool: "EU" })),
    ).toEqual({ path: "policies.1.rule.pool", message: 'unknown lottery "EU" (lotteries are US-H1B)' });
  });

  it("validateScenario names economicCooperation investment for a region that is not a partner", () => {
    expect(
      onlyIssue((s) =>
        s.policies.push({
          kind: "economicCooperation",
          partners: ["DE", "CA"],
          from: 2026,
          investment: { DE: 1, SV: 2 },
        }),
      ),
    ).toEqual({ path: "policies.3.investment.SV", message: "region SV is not among the partners (DE, CA)" });
    expect(
      onlyIssue((s) =>
        s.policies.push({ kind: "economicCooperation", partners: ["DE", "CA"], from: 2026, investment: "lots" }),
      ),
    ).toEqual({ path: "policies.3.investment", message: "expected a number or an object, got string" });
  });

  it("validateScenario requires a custom policy's path and expression to be non-empty", () => {
    expect(onlyIssue((s) => (s.policies[2].path = ""))).toEqual({
      path: "policies.2.path",
      message: "must not be empty",
    });
    expect(onlyIssue((s) => (s.policies[2].expression = ""))).toEqual({
      path: "policies.2.expression",
      message: "must not be empty",
    });
    expect(onlyIssue((s) => (s.policies[2].expression = 42))).toEqual({
      path: "policies.2.expression",
      message: "expected a string, got number",
    });
  });

  it("validateScenario refuses a custom expression longer than 500 characters", () => {
    expect(issuesOf((s) => (s.policies[2].expression = "1+".repeat(249) + "1"))).toEqual([]);
    expect(onlyIssue((s) => (s.policies[2].expression = "1+".repeat(250) + "1"))).toEqual({
      path: "policies.2.expression",
      message: "must be at most 500 characters, got 501",
    });
  });
});

describe("engine limits", () => {
  it("validateScenario refuses more than 32 regions", () => {
    expect(
      onlyIssue((s) => {
        for (let i = 0; i < 30; i++) s.regions[`R${i}`] = structuredClone(s.regions.DE);
      }),
    ).toEqual({ path: "regions", message: `has 33 regions, above the engine's limit of ${ENGINE_LIMITS.regions}` });
  });

  it("validateScenario refuses more than 250 citizenships", () => {
    expect(
      onlyIssue((s) => {
        for (let i = 0; i < 248; i++) s.citizenships[`C${i}`] = { home: "DE", network: 1 };
      }),
    ).toEqual({ path: "citizenships", message: "has 251 citizenships, above the engine's limit of 250" });
  });

  it("validateScenario refuses a run of more than 1023 periods", () => {
    expect(issuesOf((s) => ((s.years = 253), (s.burnInYears = 2)))).toEqual([]);
    expect(onlyIssue((s) => ((s.years = 254), (s.burnInYears = 2)))).toEqual({
      path: "years",
      message:
        "the run has 1024 periods ((years + burnInYears) x " +
        "periodsPerYear = (254 + 2) x 4), above the engine's limit of 1023",
    });
  });

  it(
    "validateScenario refuses more than 655360 entrant agents (10 x 65536 with 3 regions) " +
      "per region and period, and accepts them with fewer agents",
    () => {
      expect(onlyIssue((s) => (s.regions.SV.entrants = 4_000_000), { maxBytes: Infinity })).toEqual({
        path: "regions.SV.entrants",
        message:
          "makes 1000000 agents per period (entrants / scale / periodsPerYear = 4000000 / " +
          "1 / 4), above the engine's limit of 655360 with 3 regions; lower `agents` to raise the scale",
      });
      expect(
        issuesOf((s) => ((s.regions.SV.entrants = 4_000_000), (s.agents = 275_000)), { maxBytes: Infinity }),
      ).toEqual([]);
    },
  );
});

describe("memory", () => {
  it("estimateMemoryBytes counts the initial agents and every entrant over burn-in and the run", () => {
    const s = baseScenario();
    const agents = 550_000 + 38_000 * 12;
    expect(estimateMemoryBytes(s)).toBe(agents * BYTES_PER_AGENT + 64 * 1024 ** 2);
    s.agents = 55_000; // scale 10
    expect(estimateMemoryBytes(s)).toBe((55_000 + 3_800 * 12) * BYTES_PER_AGENT + 64 * 1024 ** 2);
  });

  it("validateScenario refuses a population above 4 GiB on path agents and accepts it when maxBytes is raised", () => {
    const big = (s: Draft) => (s.regions.SV.initialStock = 200_000_000);
    expect(onlyIssue(big)).toEqual({
      path: "agents",
      message:
        "the population needs about 6.4 GiB of memory (200,706,000 agents x 34 bytes, plus 64 MiB " +
        "for tables), above the limit of 4 GiB; lower `agents` or raise the limit with { maxBytes }",
    });
    expect(issuesOf(big, { maxBytes: 8 * 1024 ** 3 })).toEqual([]);
    expect(issuesOf((s) => (big(s), (s.agents = 1_000_000)))).toEqual([]);
  });

  it("validateScenario applies a lower maxBytes to a small scenario", () => {
    expect(onlyIssue(() => {}, { maxBytes: 50 * 1024 ** 2 }).message).toBe(
      "the population needs about 96.6 MiB of memory (1,006,000 agents x 34 bytes, plus 64 MiB " +
        "for tables), above the limit of 50 MiB; lower `agents` or raise the limit with { maxBytes }",
    );
  });

  it("validateScenario throws on a maxBytes that is not a positive number", () => {
    expect(() => validateScenario(baseScenario(), { maxBytes: -1 })).toThrow(ValidationError);
    expect(() => validateScenario(baseScenario(), { maxBytes: Infinity })).not.toThrow();
  });
});

describe("every problem at once", () => {
  it("validateScenario reports five different problems at once, in the order of the fields", () => {
    const issues = issuesOf((s) => {
      s.periodsPerYear = "4"; // a wrong type
      s.behavior.beta = -1; // a range
      s.regions.DE.taxRate = 1.4; // a range
      s.regions.CA.entrantCitizenship.CA = 0.27; // a sum, next to broken fields
      s.policies[0].partners = ["DE", "FR"]; // a reference
    });
    expect(issues).toEqual([
      { path: "periodsPerYear", message: "expected a number, got string" },
      { path: "behavior.beta", message: "must be >= 0, got -1" },
      { path: "regions.DE.taxRate", message: "must be in [0, 1), got 1.4" },
      { path: "regions.CA.entrantCitizenship", message: "shares must sum to 1, got 0.97" },
      { path: "policies.0.partners.1", message: 'unknown region "FR" (regions are DE, CA, SV)' },
    ]);
  });

  it("validateScenario runs cross-field rules even when the structure is broken elsewhere", () => {
    const issues = issuesOf((s) => {
      s.regions.SV = "Silicon Valley";
      s.citizenships.US.home = "USR";
      s.policies[0].until = 2020;
      s.movingCost["DE->DE"] = 1;
    });
    expect(issues.map((i) => i.path)).toEqual([
      "citizenships.US.home",
      "regions.SV",
      "movingCost.DE->DE",
      "policies.0.until",
    ]);
  });

  it("validateScenario never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateScenario(input);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const i of result.issues) expect(typeof i.message).toBe("string");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("validateScenario never throws when any field of a valid scenario is replaced by anything", () => {
    const paths = leafPaths(baseScenario());
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
        const s: Draft = baseScenario();
        setAt(s, path, value);
        const result = validateScenario(s);
        if (!result.ok) for (const i of result.issues) expect(i.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe("assertValidScenario", () => {
  it("assertValidScenario returns a valid scenario", () => {
    expect(assertValidScenario(baseScenario())).toEqual(baseScenario());
  });

  it("assertValidScenario throws a ValidationError that lists every path", () => {
    const s: Draft = baseScenario();
    s.regions.DE.taxRate = 1.4;
    s.policies[2].from = "2026";
    let error: unknown;
    try {
      assertValidScenario(s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.issues.map((i) => i.path)).toEqual(["regions.DE.taxRate", "policies.2.from"]);
    expect(v.message).toBe(
      'scenario "mini" is invalid:\n  - regions.DE.taxRate: must be in [0, ' +
        "1), got 1.4\n  - policies.2 (custom).from: expected a number, got string",
    );
  });
});

describe("the schema", () => {
  it("z.toJSONSchema(scenarioSchema) gives a JSON Schema with properties.regions", () => {
    const schema = z.toJSONSchema(scenarioSchema) as Draft;
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.regions.type).toBe("object");
    expect(schema.properties.regions.additionalProperties.properties.taxRate).toMatchObject({
      type: "number",
      minimum: 0,
      exclusiveMaximum: 1,
    });
    expect(schema.properties.behavior.properties.wageElasticity).toMatchObject({ type: "number", minimum: 0.25 });
    expect(schema.properties.behavior.required).toContain("wageElasticity");
    expect(schema.properties.policies.items.oneOf).toHaveLength(10);
    expect(JSON.parse(JSON.stringify(scenarioJsonSchema()))).toEqual(schema);
  });

  it("the schema's output type is the Scenario type", () => {
    expectTypeOf<z.output<typeof scenarioSchema>>().toEqualTypeOf<Scenario>();
  });
});

// ---------------------------------------------------------------------------------------------

function leafPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, prefix ? `${prefix}.${k}` : k));
  return out;
}

function numericLeafPaths(s: Scenario): string[] {
  return leafPaths(s).filter((p) => typeof getAt(s, p) === "number");
}

/** Path segments; region and lottery codes here contain no dots. */
const segments = (path: string) => path.split(".");

function getAt(obj: Draft, path: string): unknown {
  return segments(path).reduce((o, k) => o?.[k], obj);
}

function setAt(obj: Draft, path: string, value: unknown): void {
  const keys = segments(path);
  const last = keys.pop()!;
  keys.reduce((o, k) => o[k], obj)[last] = value;
}

function deleteAt(obj: Draft, path: string): void {
  const keys = segments(path);
  const last = keys.pop()!;
  delete keys.reduce((o, k) => o[k], obj)[last];
}
