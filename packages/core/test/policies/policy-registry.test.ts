import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  meanField,
  policies,
  scenarios,
  simulate,
  validateScenario,
  withPolicies,
  type Policy,
  type Scenario,
  type TidyRow,
} from "@talentflow/core";
import { registeredPolicyKinds, registerPolicyKind } from "@talentflow/core/internal";
import { toyGrantKind, type ToyGrantPolicy } from "../fixtures/toyKind";

/**
 * A policy kind added in a test fixture (fixtures/toyKind.ts) needs no change outside its own file
 * and the registry: registered, it validates, its bad fields are refused at their paths, and it
 * changes a run exactly as the built-in kind it mimics (`investment`) does. Each test registers it
 * and removes it, so no other test sees it.
 */

const WINDOW = { from: 2027, until: 2029.5, rampYears: 1 };

function base(): Scenario {
  return scenarios.baseline({ agents: 2000, years: 4, burnInYears: 1 });
}

/** The baseline with one added policy, under one name whatever the policy (rows carry the name). */
function withOne(policy: Policy | ToyGrantPolicy): Scenario {
  return withPolicies(base(), [policy as Policy], { name: "one-added-policy" });
}

const toy = (over: Record<string, unknown> = {}): ToyGrantPolicy =>
  ({ kind: "toyGrant", region: "DE", grant: 0.75, ...WINDOW, ...over }) as ToyGrantPolicy;

describe("a policy kind registered through @talentflow/core/internal", () => {
  let unregister: (() => void) | undefined;
  beforeEach(() => {
    unregister = registerPolicyKind(toyGrantKind);
  });
  afterEach(() => {
    unregister?.();
    unregister = undefined;
  });

  it("validateScenario(s) accepts a scenario with a toyGrant policy and keeps the policy as written", () => {
    const result = validateScenario(withOne(toy()));
    expect(result.issues).toEqual([]);
    expect(result.ok && result.scenario.policies.at(-1)).toEqual(toy());
  });

  it(
    "validateScenario(s) refuses a toyGrant's out-of-range " +
      "grant, unknown region and unknown field, each at its own path",
    () => {
      const at = `policies.${base().policies.length}`;
      expect(validateScenario(withOne(toy({ grant: 101 }))).issues).toEqual([
        { path: `${at}.grant`, message: "must be in [0, 100], got 101" },
      ]);
      expect(validateScenario(withOne(toy({ region: "XX" }))).issues).toEqual([
        { path: `${at}.region`, message: 'unknown region "XX" (regions are DE, CA, SV, USR, ROW)' },
      ]);
      expect(validateScenario(withOne(toy({ amount: 1 }))).issues).toEqual([
        { path: `${at}.amount`, message: 'unknown field "amount"' },
      ]);
    },
  );

  it(
    "simulate(s, {seed}) with toyGrant(DE, grant g) returns exactly the rows of the same run with " +
      "investment(DE, amount g) but its fiscal cost, and not those of the run without it",
    () => {
      const options = { seed: 7, runKey: "same-key" };
      // fiscalCost counts the built-in investment kinds only (docs/model.md 3.3.14): a registered
      // kind's grant is not known to be public money.
      const modelRows = (rows: readonly TidyRow[]) => rows.filter((r) => r.metric !== "fiscalCost");
      const withToy = simulate(withOne(toy()), options).rows;
      const withInvestment = simulate(
        withOne(policies.investment({ region: "DE", amount: 0.75, ...WINDOW })),
        options,
      ).rows;
      const without = simulate(withOne(toy({ grant: 0 })), options).rows;
      expect(modelRows(withToy)).toEqual(modelRows(withInvestment));
      // The baseline's own investment policies cost the same in both; the investment policy adds its amount.
      const cost = (rows: readonly TidyRow[]) =>
        rows.filter((r) => r.metric === "fiscalCost" && r.region === "DE").reduce((sum, r) => sum + r.value, 0);
      expect(cost(withInvestment) - cost(withToy)).toBeGreaterThan(0);
      expect(withToy).not.toEqual(without);
    },
  );

  it(
    "meanField(s) with toyGrant(DE, grant g) returns exactly the " +
      "rows with investment(DE, amount g), and not those without it",
    () => {
      const withToy = meanField(withOne(toy()));
      const withInvestment = meanField(withOne(policies.investment({ region: "DE", amount: 0.75, ...WINDOW })));
      expect(withToy.rows).toEqual(withInvestment.rows);
      expect(withToy.rows).not.toEqual(meanField(withOne(toy({ grant: 0 }))).rows);
    },
  );
});

describe("registering and removing a policy kind", () => {
  it(
    "registerPolicyKind(kind) adds it after the built-in kinds and its returned " +
      "function removes it again, after which validateScenario refuses the kind",
    () => {
      const before = registeredPolicyKinds();
      const unregister = registerPolicyKind(toyGrantKind);
      try {
        expect(registeredPolicyKinds().map((k) => k.kind)).toEqual([...before.map((k) => k.kind), "toyGrant"]);
        expect(() => registerPolicyKind(toyGrantKind)).toThrow('policy kind "toyGrant" is already registered');
      } finally {
        unregister();
      }
      expect(registeredPolicyKinds()).toBe(before);
      const issues = validateScenario(withOne(toy())).issues;
      expect(issues).toHaveLength(1);
      expect(issues[0].path).toBe(`policies.${base().policies.length}.kind`);
      expect(issues[0].message).toMatch(/^unknown kind "toyGrant" \(kinds are researchCooperation, .*, custom\)$/);
    },
  );
});
