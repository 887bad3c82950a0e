/**
 * A field that may take one of several forms (economicCooperation's investment: one number for
 * every partner, or an object of numbers per partner). When the value has one of the forms, its
 * problems are reported inside it, at their own paths; when it has none, the message lists the
 * forms and says what was found.
 */
import { describe, expect, it } from "vitest";
import { validateScenario, type Issue } from "../../src/index";
import { tinyWorld } from "../_worlds";

/** The issues of the tiny world with one economicCooperation policy whose investment is `investment`. */
function issuesOf(investment: unknown): Issue[] {
  const s = tinyWorld();
  s.policies = [{ kind: "economicCooperation", partners: ["A", "B"], from: 2030, investment } as never];
  const r = validateScenario(s);
  return r.ok ? [] : r.issues;
}

describe("a field of several forms", () => {
  it("validateScenario names the partner whose investment is not a number, not the object that holds it", () => {
    expect(issuesOf({ A: 1, B: "2" })).toEqual([
      { path: "policies.0.investment.B", message: "expected a number, got string" },
    ]);
  });

  it("validateScenario names each partner whose investment is wrong, at its own path", () => {
    expect(issuesOf({ A: "1", B: 2e6 })).toEqual([
      { path: "policies.0.investment.A", message: "expected a number, got string" },
      { path: "policies.0.investment.B", message: "must be in [-1000000, 1000000], got 2000000" },
    ]);
  });

  it("validateScenario names a number out of range as a number", () => {
    expect(issuesOf(-2e6)).toEqual([
      { path: "policies.0.investment", message: "must be in [-1000000, 1000000], got -2000000" },
    ]);
  });

  it("validateScenario lists the forms when the value has none of them", () => {
    expect(issuesOf(null)).toEqual([
      { path: "policies.0.investment", message: "expected a number or an object, got null" },
    ]);
    expect(issuesOf([1])).toEqual([
      { path: "policies.0.investment", message: "expected a number or an object, got array" },
    ]);
    expect(issuesOf(Infinity)).toEqual([
      { path: "policies.0.investment", message: "expected a number or an object, got Infinity" },
    ]);
  });

  it("validateScenario accepts either form", () => {
    expect(issuesOf(1.5)).toEqual([]);
    expect(issuesOf({ A: 1, B: -0.5 })).toEqual([]);
  });
});
