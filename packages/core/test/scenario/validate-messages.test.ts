/**
 * The words of validation: the options of validateScenario, the messages of the structural pass
 * for missing values, enumerations, unions and odd keys, the error thrown by assertValidScenario
 * and the paths describePath shows. Each message names the field (the path) and the reason, and
 * shows the value as the user wrote it.
 */
import { describe, expect, it } from "vitest";
import { ValidationError, assertValidScenario, describePath, validateScenario, type Issue } from "../../src/index";
import type { Scenario } from "../../src/scenario/types";
import { tinyWorld } from "../_worlds";

/** A scenario under test: changed freely, including into invalid shapes. */
type Draft = any;

/** The issues of the tiny world after `change` (an empty list when it is valid). */
function issuesOf(change: (s: Draft) => void): Issue[] {
  const s: Draft = tinyWorld();
  change(s);
  const r = validateScenario(s);
  return r.ok ? [] : r.issues;
}

/** The error `f` throws (fails when it throws none). */
function thrown(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("expected a ValidationError, none was thrown");
}

const KINDS =
  "researchCooperation, economicCooperation, regulatoryAlignment, talentExchange, " +
  "visaRegime, openWorkPermit, investment, languageAccess, taxIncentive, custom";

describe("the options of validateScenario", () => {
  it.each([
    [0, "0"],
    [-1, "-1"],
    [NaN, "NaN"],
    ["1000", '"1000"'],
    [true, "true"],
  ])(
    "validateScenario(s, { maxBytes: %s }) throws a ValidationError naming maxBytes and the value",
    (maxBytes, shown) => {
      const e = thrown(() => validateScenario(tinyWorld(), { maxBytes: maxBytes as number }));
      expect(e.issues).toEqual([{ path: "maxBytes", message: `must be a number of bytes > 0, got ${shown}` }]);
      expect(e.message).toBe(
        `invalid options of validateScenario:\n  - maxBytes: must be a number of bytes > 0, got ${shown}`,
      );
    },
  );

  it(
    "validateScenario(s, { maxBytes }) accepts the smallest " +
      "positive number and then refuses the population, naming agents",
    () => {
      const r = validateScenario(tinyWorld(), { maxBytes: Number.MIN_VALUE });
      expect(r.ok).toBe(false);
      expect(r.issues.map((i) => i.path)).toEqual(["agents"]);
    },
  );

  it("validateScenario(s) and validateScenario(s, { maxBytes: undefined }) use the default of 4 GiB", () => {
    const huge = (s: Draft) => (s.regions.A.initialStock = 200_000_000);
    const s: Draft = tinyWorld();
    huge(s);
    for (const r of [validateScenario(s), validateScenario(s, { maxBytes: undefined })]) {
      expect(r.ok).toBe(false);
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0].message).toMatch(/above the limit of 4 GiB;/);
    }
  });
});

describe("messages of the structural pass", () => {
  it("validateScenario names a missing literal with the value it must have", () => {
    expect(issuesOf((s) => delete s.model)).toEqual([
      { path: "model", message: 'is required (must be "talentflow/1")' },
    ]);
  });

  it("validateScenario names a missing enumerated field with the values it may have", () => {
    const issues = issuesOf(
      (s) => (s.policies = [{ kind: "taxIncentive", region: "A", reduction: 0.1, years: 5, from: 2030 }]),
    );
    expect(issues).toEqual([
      { path: "policies.0.target", message: 'is required (one of "newcomers", "returnees", "both")' },
    ]);
  });

  it("validateScenario names a policy without a kind and lists the kinds", () => {
    expect(issuesOf((s) => (s.policies = [{ region: "A", amount: 1, from: 2030 }]))).toEqual([
      { path: "policies.0.kind", message: `is required (one of ${KINDS})` },
    ]);
  });

  it("validateScenario names a kind that is not a string, shown as written, and lists the kinds", () => {
    expect(issuesOf((s) => (s.policies = [{ kind: 3, region: "A", amount: 1, from: 2030 }]))).toEqual([
      { path: "policies.0.kind", message: `unknown kind 3 (kinds are ${KINDS})` },
    ]);
  });

  it("validateScenario names a visa rule without its rule and lists the rules", () => {
    expect(issuesOf((s) => (s.visas.A["*"] = { permanent: true, permanence: 0, fee: 0 }))).toEqual([
      { path: "visas.A.*.rule", message: "is required (one of open, probability, threshold, lottery)" },
    ]);
  });

  it("validateScenario names a missing field that may take several forms with every form", () => {
    expect(issuesOf((s) => (s.policies = [{ kind: "economicCooperation", partners: ["A"], from: 2030 }]))).toEqual([
      { path: "policies.0.investment", message: "is required (expected a number or an object)" },
    ]);
  });

  it("validateScenario names a policy or a visa rule that is not an object", () => {
    expect(issuesOf((s) => (s.policies = [5]))).toEqual([
      { path: "policies.0", message: "expected an object, got number" },
    ]);
    expect(issuesOf((s) => (s.policies = [null]))).toEqual([
      { path: "policies.0", message: "expected an object, got null" },
    ]);
    expect(issuesOf((s) => (s.visas.A["*"] = "open"))).toEqual([
      { path: "visas.A.*", message: "expected an object, got string" },
    ]);
  });

  it("validateScenario names a list that is not an array and a table that is an array", () => {
    expect(issuesOf((s) => (s.policies = {}))).toEqual([
      { path: "policies", message: "expected an array, got object" },
    ]);
    expect(issuesOf((s) => (s.freeMovement = [{}]))).toEqual([
      { path: "freeMovement.0", message: "expected an array, got object" },
    ]);
    expect(issuesOf((s) => (s.fx = []))).toEqual([{ path: "fx", message: "expected an object, got array" }]);
  });

  it("validateScenario says a string field got Infinity, not that it must be finite", () => {
    expect(issuesOf((s) => (s.description = Infinity))).toEqual([
      { path: "description", message: "expected a string, got Infinity" },
    ]);
    expect(issuesOf((s) => (s.startYear = -Infinity))).toEqual([
      { path: "startYear", message: "must be a finite number, got -Infinity" },
    ]);
  });

  it("validateScenario refuses a symbol key of a table, shown as written, without throwing", () => {
    const issues = issuesOf((s) => (s.regions[Symbol("Z")] = s.regions.A));
    expect(issues).toEqual([
      {
        path: "regions.Symbol(Z)",
        message: '"Symbol(Z)" is not a valid code: use letters, digits, "_" and single "-" inside (as in DE or US-H1B)',
      },
    ]);
  });

  it(
    "validateScenario refuses region codes that every object " +
      "inherits, that start with a digit or that are too long",
    () => {
      expect(issuesOf((s) => (s.regions.constructor = s.regions.C))).toEqual([
        {
          path: "regions.constructor",
          message: '"constructor" is not a valid code: every JavaScript object has a property of that name; rename it',
        },
      ]);
      expect(issuesOf((s) => (s.regions["1A"] = s.regions.C))).toEqual([
        { path: "regions.1A", message: '"1A" is not a valid code: it must start with a letter (as in DE or US-H1B)' },
      ]);
      const long = "R".repeat(33);
      expect(issuesOf((s) => (s.regions[long] = s.regions.C))).toEqual([
        { path: `regions.${long}`, message: `"${long}" is not a valid code: at most 32 characters, got 33` },
      ]);
    },
  );

  it("validateScenario suggests the known field nearest to a misspelt one, and none when nothing is near", () => {
    expect(issuesOf((s) => (s.behavior.betta = 1))).toEqual([
      { path: "behavior.betta", message: 'unknown field "betta" (did you mean "beta"?)' },
    ]);
    expect(issuesOf((s) => (s.behavior.zzzzzz = 1))).toEqual([
      { path: "behavior.zzzzzz", message: 'unknown field "zzzzzz"' },
    ]);
  });

  it("validateScenario reports an own __proto__ key (as JSON.parse makes) inside a policy at its path", () => {
    const policy = JSON.parse('{"kind":"investment","region":"A","amount":1,"from":2030,"__proto__":{"x":1}}');
    const issues = issuesOf((s) => (s.policies = [policy]));
    expect(issues).toContainEqual({
      path: "policies.0.__proto__",
      message: '"__proto__" is not a valid code: every JavaScript object has a property of that name; rename it',
    });
    expect(issues.every((i) => i.path === "policies.0.__proto__")).toBe(true);
  });

  it("validateScenario reports an object that contains itself where a string belongs, without looping", () => {
    const loop: Draft = { name: "loop" };
    loop.self = loop;
    expect(issuesOf((s) => (s.description = loop))).toEqual([
      { path: "description", message: "expected a string, got object" },
    ]);
  });
});

describe("assertValidScenario and describePath", () => {
  it("assertValidScenario throws 'scenario is invalid' when the scenario has no name", () => {
    const s: Draft = tinyWorld();
    delete s.name;
    const e = thrown(() => assertValidScenario(s));
    expect(e.message).toBe("scenario is invalid:\n  - name: is required (expected a string)");
    expect(thrown(() => assertValidScenario([])).message).toBe(
      "scenario is invalid:\n  - (root): expected an object, got array",
    );
  });

  it("assertValidScenario names the scenario and shows a policy's path with its kind", () => {
    const s: Draft = tinyWorld();
    s.policies = [{ kind: "investment", region: "Q", amount: 1, from: 2030 }];
    const e = thrown(() => assertValidScenario(s));
    expect(e.issues).toEqual([{ path: "policies.0.region", message: 'unknown region "Q" (regions are A, B, C)' }]);
    expect(e.message).toBe(
      'scenario "tiny-world" is invalid:\n  - policies.0 (investment).region: unknown region "Q" (regions are A, B, C)',
    );
  });

  it(
    "describePath(s, path) adds the kind after a policy's " +
      "index, whatever its number of digits, and nothing elsewhere",
    () => {
      const s: Scenario = tinyWorld();
      s.policies = Array.from({ length: 12 }, (_, k) => ({
        kind: "investment" as const,
        region: "A",
        amount: k,
        from: 2030,
      }));
      expect(describePath(s, "policies.11.amount")).toBe("policies.11 (investment).amount");
      expect(describePath(s, "policies.0")).toBe("policies.0 (investment)");
      expect(describePath(s, "policies")).toBe("policies");
      expect(describePath(s, "policies.1x.amount")).toBe("policies.1x.amount");
      expect(describePath(s, "regions.A.policies.0")).toBe("regions.A.policies.0");
    },
  );

  it("describePath leaves a path alone when the scenario, its policies or the policy cannot say the kind", () => {
    expect(describePath("scenario", "policies.0.from")).toBe("policies.0.from");
    expect(describePath({ policies: { 0: { kind: "investment" } } }, "policies.0.from")).toBe("policies.0.from");
    expect(describePath({ policies: [null] }, "policies.0.from")).toBe("policies.0.from");
    expect(describePath({ policies: [{ kind: 7 }] }, "policies.0.from")).toBe("policies.0.from");
  });
});

describe("the order of issues", () => {
  it(
    "validateScenario lists issues in the order the fields are " +
      "written, a missing field with its parent, ties as found",
    () => {
      const w: Draft = tinyWorld();
      // The same scenario without model, written with movingCost first and regions before citizenships.
      const { model: _model, citizenships, regions, ...rest } = w;
      const s: Draft = { ...rest, regions, citizenships };
      s.citizenships.X.home = "Q"; // cross-field, found after the structural issues
      s.regions.B.taxRate = 2; // structural
      delete s.regions.A.grossWage; // structural, a missing field: sorts with regions.A
      s.movingCost = { "A->Q": 1, "Q->A": 1 }; // cross-field
      const r = validateScenario(s);
      expect(r.ok ? [] : r.issues).toEqual([
        { path: "model", message: 'is required (must be "talentflow/1")' },
        { path: "movingCost.A->Q", message: 'unknown region "Q" (regions are A, B, C)' },
        { path: "movingCost.Q->A", message: 'unknown region "Q" (regions are A, B, C)' },
        { path: "regions.A.grossWage", message: "is required (expected a number)" },
        { path: "regions.B.taxRate", message: "must be in [0, 1), got 2" },
        { path: "citizenships.X.home", message: 'unknown region "Q" (regions are A, B, C)' },
      ]);
    },
  );
});
