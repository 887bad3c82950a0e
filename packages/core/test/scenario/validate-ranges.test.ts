import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/index";
import { scenarioJsonSchema } from "../../src/scenario/schema";
import type { Scenario } from "../../src/scenario/types";
import { tinyWorld } from "../_worlds";

/**
 * Every numeric field with a range, at exactly each end of its range and one step beyond (the
 * next double, or the next integer), with the ranges read from the scenario's JSON Schema, so the
 * tests follow the schema when a range changes.
 */

type Json = Record<string, unknown>;
interface Bounded {
  path: (string | number)[];
  integer: boolean;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
}

/** The next double above (dir 1) or below (dir -1) x. */
function nextDouble(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 === dir > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** A scenario with every numeric field present: every rule kind, a lottery and one policy of each kind. */
function fullScenario(): Scenario {
  const s = tinyWorld({ agents: 1000 });
  s.visas.A = { "*": { rule: "lottery", pool: "L", permanent: false, permanence: 0.5, fee: 1000 } };
  s.visas.B = {
    X: { rule: "threshold", threshold: 90_000, high: 0.8, low: 0.2, permanent: true, permanence: 0, fee: 0 },
  };
  s.visas.C = { X: { rule: "probability", admission: 0.5, permanent: true, permanence: 0, fee: 0 } };
  s.lotteries = {
    L: { regions: ["A"], cap: 100, weighted: false, period: 0, startDelay: 0, initialSelectionRate: 0.5 },
  };
  s.visaFriction = { "X->B": 1 };
  const w = { from: 2030, until: 2031, rampYears: 1 };
  s.policies = [
    {
      kind: "researchCooperation",
      partners: ["A", "B"],
      ecosystemBoost: 0.1,
      movingCostCut: 0.1,
      researchersOnly: false,
      ...w,
    },
    { kind: "economicCooperation", partners: ["A", "B"], investment: 1, ...w },
    {
      kind: "regulatoryAlignment",
      partners: ["A", "B"],
      certifiedShare: 1,
      assessmentCost: 0.1,
      exportShare: 1,
      investmentElasticity: 1,
      frictionCut: 0.1,
      ...w,
    },
    { kind: "talentExchange", partners: ["A", "B"], admissionBoost: 0.1, frictionCut: 0.1, slots: 10, ...w },
    { kind: "visaRegime", region: "B", threshold: 100_000, fee: 100, cap: 10, processingMonths: 2, ...w },
    { kind: "openWorkPermit", region: "B", holdersIn: ["A"], places: 10, perYear: true, permanent: false, ...w },
    { kind: "investment", region: "A", amount: 1, ...w },
    { kind: "languageAccess", region: "A", englishJobShare: 0.5, ...w },
    { kind: "taxIncentive", region: "A", reduction: 0.1, years: 2, target: "both", ...w },
  ];
  return s;
}

/** The numeric fields of `value` that carry a range in `schema`, with their paths. */
function boundedFields(schema: Json, value: unknown, path: (string | number)[] = [], out: Bounded[] = []): Bounded[] {
  const options = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (options) {
    // The option whose constant discriminator (kind, rule) matches the value, or the first that fits.
    const pick =
      options.find((o) => {
        const props = (o.properties ?? {}) as Record<string, Json>;
        return Object.entries(props).some(([k, p]) => p.const !== undefined && (value as Json)?.[k] === p.const);
      }) ?? options.find((o) => (o.type === "number" || o.type === "integer") === (typeof value === "number"));
    if (pick) boundedFields(pick, value, path, out);
    return out;
  }
  if ((schema.type === "number" || schema.type === "integer") && typeof value === "number") {
    const b: Bounded = { path, integer: schema.type === "integer" };
    for (const key of ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"] as const) {
      const limit = schema[key];
      if (typeof limit === "number" && Math.abs(limit) < Number.MAX_SAFE_INTEGER) b[key] = limit;
    }
    if (Object.keys(b).length > 2) out.push(b);
    return out;
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((v, k) => boundedFields(schema.items as Json, v, [...path, k], out));
  } else if (value !== null && typeof value === "object") {
    const props = (schema.properties ?? {}) as Record<string, Json>;
    for (const [k, v] of Object.entries(value)) {
      const child =
        props[k] ??
        (typeof schema.additionalProperties === "object" ? (schema.additionalProperties as Json) : undefined);
      if (child) boundedFields(child, v, [...path, k], out);
    }
  }
  return out;
}

function withValue(s: Scenario, path: (string | number)[], v: number): Scenario {
  const copy = structuredClone(s) as unknown as Json;
  let node = copy as Json;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  node[path[path.length - 1]] = v;
  return copy as unknown as Scenario;
}

/**
 * Messages of the issues at exactly `path` that are about the field's own range ("must be in
 * [lo, hi]", "must be >= lo", ...), not about another field (e.g. "must be above entryAge").
 */
function rangeIssues(s: Scenario, path: (string | number)[]): string[] {
  const r = validateScenario(s, { maxBytes: Infinity });
  if (r.ok) return [];
  const at = path.join(".");
  return r.issues
    .filter(
      (i) =>
        (Array.isArray(i.path) ? i.path.join(".") : String(i.path)) === at &&
        /must be (in \[|>=|>|<=|<|an integer)/.test(i.message),
    )
    .map((i) => i.message);
}

describe("field ranges at the limit and one step beyond", () => {
  const base = fullScenario();
  const fields = boundedFields(scenarioJsonSchema(), base);

  it(
    "the base scenario is valid and has bounded fields in every part " +
      "(behavior, regions, citizenships, visas, lotteries, policies, counts)",
    () => {
      expect(validateScenario(base, { maxBytes: Infinity }).issues).toEqual([]);
      const parts = new Set(fields.map((f) => String(f.path[0])));
      for (const part of [
        "behavior",
        "regions",
        "citizenships",
        "visas",
        "lotteries",
        "policies",
        "periodsPerYear",
        "movingCost",
      ])
        expect(parts, part).toContain(part);
      expect(fields.length).toBeGreaterThan(60);
    },
  );

  it(
    "validateScenario accepts every bounded field at each inclusive " +
      "end of its range and refuses it one step beyond, naming the field",
    () => {
      const failures: string[] = [];
      let checked = 0;
      for (const f of fields) {
        const name = f.path.join(".");
        const step = (x: number, dir: 1 | -1) => (f.integer ? x + dir : nextDouble(x, dir));
        const ends: Array<[number, 1 | -1, boolean]> = [];
        if (f.minimum !== undefined) ends.push([f.minimum, -1, true]);
        if (f.exclusiveMinimum !== undefined) ends.push([f.exclusiveMinimum, -1, false]);
        if (f.maximum !== undefined) ends.push([f.maximum, 1, true]);
        if (f.exclusiveMaximum !== undefined) ends.push([f.exclusiveMaximum, 1, false]);
        for (const [limit, outward, inclusive] of ends) {
          const inside = inclusive ? limit : step(limit, -outward as 1 | -1);
          const outside = inclusive ? step(limit, outward) : limit;
          const okInside = rangeIssues(withValue(base, f.path, inside), f.path);
          const badOutside = rangeIssues(withValue(base, f.path, outside), f.path);
          if (okInside.length > 0) failures.push(`${name} = ${inside} (inside) refused: ${okInside.join("; ")}`);
          if (badOutside.length === 0) failures.push(`${name} = ${outside} (one step beyond ${limit}) accepted`);
          checked++;
        }
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(100);
    },
  );
});
