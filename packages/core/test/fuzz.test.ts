import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { scenarios, simulate, validateScenario, type Scenario } from "../src/index";
import { numericFieldSchema } from "../src/scenario/schema";

/**
 * The property behind the field ranges of docs/reliability.md: any scenario that validates runs
 * to its horizon with finite rows. Scenarios are the baseline at a small size with any of its
 * numeric fields set anywhere in the field's range (the ends included), other sizes and periods
 * per year, and added policies of every kind, custom ones included. Fixed seed; the case count
 * keeps the test well under 20 s on a loaded 2-core machine.
 */

type Json = Record<string, unknown>;

/**
 * Dotted paths of every real-valued number in the scenario that has a field schema (shares, whose
 * sums are checked, and the lotteries' integer periods are left out).
 */
function numericPaths(s: Scenario): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (typeof v === "number") {
      const p = path.join(".");
      const schema = path[0] === "policies" ? undefined : numericFieldSchema(p);
      if (schema !== undefined && (z.toJSONSchema(schema, { unrepresentable: "any" }) as Json).type !== "integer")
        out.push(p);
    } else if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    }
  };
  walk(s, []);
  return out;
}

/** A value anywhere in the field's range, often at one of its ends, from the field's JSON Schema. */
function inRange(path: string): fc.Arbitrary<number> {
  const js = z.toJSONSchema(numericFieldSchema(path)!, { unrepresentable: "any" }) as Json;
  const lo = (js.minimum ?? js.exclusiveMinimum) as number;
  const hi = (js.maximum ?? js.exclusiveMaximum) as number | undefined;
  const loOpen = js.exclusiveMinimum !== undefined;
  const hiOpen = js.exclusiveMaximum !== undefined;
  expect(typeof lo, `lower bound of ${path}`).toBe("number");
  if (hi === undefined) {
    // behavior.wageElasticity: no upper bound; Infinity switches the feedback off.
    return fc.oneof(fc.constant(lo), fc.constant(Infinity), fc.double({ min: lo, max: 1e6, noNaN: true }));
  }
  const ends: number[] = [];
  if (!loOpen) ends.push(lo);
  if (!hiOpen) ends.push(hi);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...ends) },
    { weight: 2, arbitrary: fc.double({ min: lo, max: hi, minExcluded: loOpen, maxExcluded: hiOpen, noNaN: true }) },
  );
}

const BASE = scenarios.baseline({ agents: 300, years: 1, burnInYears: 0 });
const PATHS = numericPaths(BASE);
const REGIONS = Object.keys(BASE.regions);
const EXPRESSIONS = [
  "base",
  "base * 2",
  "base / 2",
  "base + t",
  "max(base, 0)",
  "min(base, 1)",
  "base * (1 + 0.1 * sin(t))",
  "0",
  "1",
  "1e6",
  "-1",
];

const region = fc.constantFrom(...REGIONS);
const partners = fc.uniqueArray(region, { minLength: 2, maxLength: 3 });
const from = fc.double({ min: 2025, max: 2028, noNaN: true });
const policy: fc.Arbitrary<Json> = fc.oneof(
  fc.record({
    kind: fc.constant("custom"),
    path: fc.constantFrom(...PATHS),
    expression: fc.constantFrom(...EXPRESSIONS),
    from,
  }),
  fc.record({ kind: fc.constant("investment"), region, amount: fc.double({ min: -1e6, max: 1e6, noNaN: true }), from }),
  fc.record({
    kind: fc.constant("researchCooperation"),
    partners,
    ecosystemBoost: fc.double({ min: -50, max: 50, noNaN: true }),
    movingCostCut: fc.double({ min: -50, max: 50, noNaN: true }),
    researchersOnly: fc.boolean(),
    from,
  }),
  fc.record({
    kind: fc.constant("economicCooperation"),
    partners,
    investment: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    from,
  }),
  fc.record({
    kind: fc.constant("regulatoryAlignment"),
    partners,
    certifiedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    assessmentCost: fc.double({ min: 0, max: 1, noNaN: true }),
    exportShare: fc.double({ min: 0, max: 1, noNaN: true }),
    investmentElasticity: fc.double({ min: 0, max: 10, noNaN: true }),
    frictionCut: fc.double({ min: -50, max: 50, noNaN: true }),
    from,
  }),
  fc.record({
    kind: fc.constant("talentExchange"),
    partners,
    admissionBoost: fc.double({ min: 0, max: 1, noNaN: true }),
    frictionCut: fc.double({ min: -50, max: 50, noNaN: true }),
    slots: fc.double({ min: 0, max: 1e9, noNaN: true }),
    from,
  }),
  fc.record({
    kind: fc.constant("visaRegime"),
    region,
    fee: fc.double({ min: 0, max: 1e9, noNaN: true }),
    cap: fc.double({ min: 0, max: 1e9, noNaN: true }),
    processingMonths: fc.double({ min: 0, max: 120, noNaN: true }),
    from,
  }),
  fc.record({
    kind: fc.constant("openWorkPermit"),
    region,
    holdersIn: fc.uniqueArray(region, { minLength: 1, maxLength: 3 }),
    places: fc.double({ min: 0, max: 1e9, noNaN: true }),
    perYear: fc.boolean(),
    permanent: fc.boolean(),
    from,
  }),
  fc.record({
    kind: fc.constant("languageAccess"),
    region,
    englishJobShare: fc.double({ min: 0, max: 1, noNaN: true }),
    from,
    rampYears: fc.double({ min: 0, max: 3, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("taxIncentive"),
    region,
    reduction: fc.double({ min: 0, max: 1, noNaN: true }),
    years: fc.double({ min: 0, max: 200, noNaN: true }),
    target: fc.constantFrom("newcomers", "returnees", "both"),
    from,
  }),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    fields: fc.array(
      fc.constantFrom(...PATHS).chain((path) => inRange(path).map((value) => [path, value] as const)),
      { maxLength: 25 },
    ),
    policies: fc.array(policy, { maxLength: 3 }),
    years: fc.integer({ min: 1, max: 2 }),
    burnInYears: fc.integer({ min: 0, max: 1 }),
    periodsPerYear: fc.constantFrom(1, 4, 12),
    agents: fc.integer({ min: 100, max: 300 }),
  })
  .map(({ fields, policies, years, burnInYears, periodsPerYear, agents }) => {
    const s = structuredClone(BASE) as unknown as Json;
    for (const [path, value] of fields) {
      const keys = path.split(".");
      let target = s;
      for (const k of keys.slice(0, -1)) target = target[k] as Json;
      target[keys[keys.length - 1]] = value;
    }
    Object.assign(s, { years, burnInYears, periodsPerYear, agents });
    // The lottery's draw and start must lie within the year.
    for (const lottery of Object.values(s.lotteries as Record<string, Json>)) {
      lottery.period = Math.min(lottery.period as number, periodsPerYear - 1);
      lottery.startDelay = Math.min(lottery.startDelay as number, periodsPerYear - 1);
    }
    (s.policies as Json[]).push(...policies);
    return s as unknown as Scenario;
  });

describe("any scenario that validates", () => {
  it(
    "simulate(s, {seed}) runs every valid scenario to its " +
      "horizon with finite rows (fast-check, 100 cases, seed 8)",
    () => {
      let valid = 0;
      let invalid = 0;
      fc.assert(
        fc.property(scenarioArb, (s) => {
          const checked = validateScenario(s);
          if (!checked.ok) {
            invalid++;
            return;
          }
          valid++;
          const run = simulate(s, { seed: 3 });
          expect(run.rows.length).toBeGreaterThan(0);
          for (const row of run.rows) {
            if (!Number.isFinite(row.value))
              throw new Error(`${row.metric} ${row.region}${row.citizenship} in period ${row.period} is ${row.value}`);
          }
        }),
        { seed: 8, numRuns: 100 },
      );
      // Most generated scenarios must validate, or the property says little.
      expect(valid).toBeGreaterThan(invalid);
    },
  );
});
