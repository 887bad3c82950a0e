/**
 * Scenario validation at the boundary: every problem at once, each with its dotted path and a
 * reason that shows the value found (`regions.DE.taxRate: must be in [0, 1), got 1.4`).
 *
 * Two passes: the zod schema (`schema.ts`) checks structure, types and per-field ranges; then
 * plain code checks the rules that join fields (known regions and citizenships, shares summing to
 * 1, policy windows, the engine's id-space limits, memory), one concern per file: `_checkRegions.ts`,
 * `_checkBehavior.ts`, `_checkVisas.ts`, `_checkPolicies.ts`, `_checkLimits.ts`, all reading one
 * `CheckContext` (`_checkContext.ts`). The second pass reads the raw input and skips whatever the
 * first pass found broken, so a wrong field never hides another problem. When both find nothing,
 * a third pass computes every period's parameters with the engine's own code and checks the
 * values policies set (`kernel/_policyValues.ts`). Every pass reports to one `Issues` collector
 * (`_issues.ts`), which hands the issues back in the order of the fields as written.
 * @module
 */
import { AGENT_ID_LIMITS, entrantsPerRegionPeriodLimit } from "../engine/_agentColumns";
import { policyValueIssues } from "../kernel/_policyValues";
import type { z } from "zod";
import { ValidationError, type Issue } from "../errors";
import { unknownKeyMessage } from "../_knownKeys";
import { Issues, showValue, typeName, type Key } from "../_issues";
import { codeProblem, scenarioSchemaOfRegisteredKinds } from "./schema";
import type { Scenario } from "./types";
import { BYTES_PER_AGENT, TABLE_BYTES, memoryMessage } from "./_memoryEstimate";
import { checkContext, isInt, isNum, isObject, tidy, type Obj } from "./_checkContext";
import { checkAges, checkNests } from "./_checkBehavior";
import { checkCitizenshipHomes, checkFreeMovement, checkMovingCosts, checkRegionMixes } from "./_checkRegions";
import { checkLotteries, checkVisaFriction, checkVisaRules } from "./_checkVisas";
import { checkPolicies } from "./_checkPolicies";
import { checkIndexSizes, checkRunLimits } from "./_checkLimits";

export { BYTES_PER_AGENT, estimateMemoryBytes } from "./_memoryEstimate";

/** Options of {@link validateScenario}. */
export interface ValidateOptions {
  /** Memory the population may take, bytes (default 4 GiB). `Infinity` switches the check off. */
  maxBytes?: number;
}

/**
 * The outcome of {@link validateScenario}: the scenario (a validated copy) or every problem
 * found, and in both cases the warnings: things that are valid but almost certainly not meant,
 * such as a policy whose window lies wholly outside the run (it never acts).
 */
export type ValidationResult =
  | { ok: true; scenario: Scenario; issues: []; warnings: Issue[] }
  | { ok: false; issues: Issue[]; warnings: Issue[] };

/** Default of {@link ValidateOptions.maxBytes}: 4 GiB. */
const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

/**
 * Limits of the engine's id space, checked here so that a scenario the engine cannot hold is
 * refused at the boundary: region and citizenship indices are uint8 columns, and an entrant's
 * uint32 id is made of a region code (5 bits), its period (10 bits) and a rank (16 bits).
 * `entrantsPerRegionPeriod` is the limit with 32 regions; a run with R regions may have
 * {@link entrantsPerRegionPeriodLimit}(R) = 65,536 × floor(32 / R) entrants per region and period.
 * They are the engine's own limits (its id layout), not a copy.
 */
export const ENGINE_LIMITS = AGENT_ID_LIMITS;
export { entrantsPerRegionPeriodLimit };

/**
 * Check a scenario: structure, types, ranges, cross-references between fields, the engine's
 * limits and memory. Reports every problem at once, in the order of the fields. Once all of that
 * holds, checks the policies period by period: custom policies' paths and expressions, and every
 * value a policy sets against its field's range and the engine's limits (docs/reliability.md).
 *
 * @example
 * const r = validateScenario(scenario);
 * if (!r.ok) for (const i of r.issues) console.log(`${i.path}: ${i.message}`);
 */
export function validateScenario(scenario: unknown, options: ValidateOptions = {}): ValidationResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof maxBytes !== "number" || Number.isNaN(maxBytes) || maxBytes <= 0) {
    const optionIssues = new Issues("invalid options of validateScenario");
    optionIssues.add("maxBytes", `must be a number of bytes > 0, got ${showValue(maxBytes)}`);
    optionIssues.throwIfAny();
  }

  const issues = new Issues();
  const knownKeys = new WeakMap<object, string[]>();
  const parsed = scenarioSchemaOfRegisteredKinds().safeParse(scenario, {
    reportInput: true,
    error: errorMap(knownKeys),
  });
  if (!parsed.success) {
    for (const iss of parsed.error.issues) {
      const path = iss.path.map(pathKey);
      if (iss.code === "unrecognized_keys") {
        const known = (isObject(iss.input) && knownKeys.get(iss.input)) || [];
        for (const key of iss.keys) issues.add([...path, key], unknownKeyMessage(key, known, "field"));
      } else if (iss.code === "invalid_union" && iss.errors.filter(hasTheForm).length === 1) {
        // The input has one of the forms (an object where a number or an object of numbers is
        // allowed): its problems are inside that form, at their own paths (investment.DE).
        for (const e of iss.errors.find(hasTheForm)!) issues.add([...path, ...e.path.map(pathKey)], e.message);
      } else {
        issues.add(path, iss.message);
      }
    }
  }
  if (isObject(scenario)) crossFieldIssues(scenario, maxBytes, issues);
  protoKeyIssues(scenario, [], issues, new WeakSet());
  if (issues.ok && parsed.success) policyIssues(parsed.data as Scenario, maxBytes, issues);
  const warnings = isObject(scenario) ? policyWindowWarnings(scenario) : [];

  if (issues.ok && parsed.success) {
    return { ok: true, scenario: parsed.data as Scenario, issues: [], warnings };
  }
  return { ok: false, issues: issues.inFieldOrder(scenario), warnings };
}

/**
 * Like {@link validateScenario} but returns the scenario or throws a {@link ValidationError}
 * listing every problem (a policy's path shown with its kind, as {@link describePath} does).
 */
export function assertValidScenario(scenario: unknown, options?: ValidateOptions): Scenario {
  return validScenarioAndWarnings(scenario, options).scenario;
}

/** {@link assertValidScenario} with the warnings. @internal */
export function validScenarioAndWarnings(
  scenario: unknown,
  options?: ValidateOptions,
): { scenario: Scenario; warnings: Issue[] } {
  const result = validateScenario(scenario, options);
  if (result.ok) return { scenario: result.scenario, warnings: result.warnings };
  const name = isObject(scenario) && typeof scenario.name === "string" ? scenario.name : undefined;
  throw new ValidationError(
    result.issues,
    name === undefined ? "scenario is invalid" : `scenario "${name}" is invalid`,
    (path) => describePath(scenario, path),
  );
}

/**
 * An issue's path as the user can find it in what they wrote: a policy's index is followed by
 * its kind, because policies added with `withPolicies` are numbered after the built-in ones
 * (the baseline has six, so the first added policy is `policies.6`). Other paths are returned
 * as they are.
 *
 * @example
 * const s = withPolicies(scenarios.baseline(), [policies.visaRegime({ region: "CA", from: 2027, ... })]);
 * describePath(s, "policies.6.until") // => "policies.6 (visaRegime).until"
 */
export function describePath(scenario: unknown, path: string): string {
  const m = /^policies\.(\d+)(?=\.|$)/.exec(path);
  if (m === null || !isObject(scenario) || !Array.isArray(scenario.policies)) return path;
  const policy: unknown = scenario.policies[Number(m[1])];
  if (!isObject(policy) || typeof policy.kind !== "string") return path;
  return `${m[0]} (${policy.kind})${path.slice(m[0].length)}`;
}

/**
 * Warnings for policies that never act because their window lies wholly outside the periods the
 * run steps (burn-in included): starting after the last period's start, or ending before the
 * first. A policy acts in a period whose start time `t` has `from <= t < until`.
 */
function policyWindowWarnings(s: Obj): Issue[] {
  if (
    !Array.isArray(s.policies) ||
    !isNum(s.startYear) ||
    !isInt(s.years) ||
    !isInt(s.burnInYears) ||
    !isInt(s.periodsPerYear) ||
    s.periodsPerYear < 1
  )
    return [];
  const first = s.startYear - s.burnInYears;
  const end = s.startYear + s.years;
  const lastStart = end - 1 / s.periodsPerYear;
  const warnings = new Issues();
  s.policies.forEach((p: unknown, i) => {
    if (!isObject(p) || !isNum(p.from)) return;
    const kind = typeof p.kind === "string" ? `${p.kind} ` : "";
    if (p.from > lastStart) {
      warnings.add(
        `policies.${i}`,
        `${kind}policy starts in ${tidy(p.from)}, after the run ends in ${tidy(end)} (its last ` +
          `period starts in ${tidy(lastStart)}): it never acts; extend \`years\` or move \`from\``,
      );
    } else if (isNum(p.until) && p.until <= first) {
      warnings.add(
        `policies.${i}`,
        `${kind}policy ends in ${tidy(p.until)}, before the run starts in ${tidy(first)} ` +
          `(burn-in included): it never acts; move \`until\` or add burn-in years`,
      );
    }
  });
  return warnings.list();
}

// ---------------------------------------------------------------------------------------------
// Messages of the structural pass

const pathKey = (k: PropertyKey): Key => (typeof k === "symbol" ? String(k) : k);
/** A union branch whose issues all lie inside the input: the input has that branch's form. */
const hasTheForm = (branchIssues: readonly { path: readonly PropertyKey[] }[]): boolean =>
  branchIssues.every((e) => e.path.length > 0);

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "an array",
};
const expected = (what: unknown): string => EXPECTED[String(what)] ?? String(what);

/** Words the zod issues that the schema does not word itself. */
function errorMap(knownKeys: WeakMap<object, string[]>): z.core.$ZodErrorMap {
  return (iss) => {
    const input: unknown = iss.input;
    switch (iss.code) {
      case "invalid_type":
        if (input === undefined) return `is required (expected ${expected(iss.expected)})`;
        if (
          typeof input === "number" &&
          !Number.isFinite(input) &&
          (iss.expected === "number" || iss.expected === "int")
        ) {
          return `must be a finite number, got ${showValue(input)}`;
        }
        return `expected ${expected(iss.expected)}, got ${typeName(input)}`;
      case "invalid_value": {
        const values = iss.values.map(showValue);
        if (input === undefined)
          return `is required (${values.length === 1 ? "must be " : "one of "}${values.join(", ")})`;
        return values.length === 1
          ? `must be ${values[0]}, got ${showValue(input)}`
          : `must be one of ${values.join(", ")}, got ${showValue(input)}`;
      }
      case "unrecognized_keys": {
        const shape = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
        if (isObject(input) && shape) knownKeys.set(input, Object.keys(shape));
        return `unknown fields ${iss.keys.map(showValue).join(", ")}`;
      }
      case "invalid_union": {
        if (iss.discriminator !== undefined && isObject(input)) {
          const name = iss.discriminator;
          const options = ((iss.options ?? []) as unknown[]).map(String).join(", ");
          const value = input[name];
          return value === undefined
            ? `is required (one of ${options})`
            : `unknown ${name} ${showValue(value)} (${name}s are ${options})`;
        }
        const forms = new Set<string>();
        for (const branch of iss.errors) {
          for (const e of branch) if (e.code === "invalid_type" && e.path.length === 0) forms.add(expected(e.expected));
        }
        if (input === undefined) return `is required (expected ${[...forms].join(" or ")})`;
        return forms.size > 0
          ? `expected ${[...forms].join(" or ")}, got ${typeName(input)}`
          : "does not match any allowed form";
      }
      case "invalid_key":
        return codeProblem(String(input)) ?? `${showValue(input)} is not a valid code`;
      case "too_small":
        return `must be ${iss.inclusive ? ">=" : ">"} ${String(iss.minimum)}, got ${showValue(input)}`;
      case "too_big":
        return `must be ${iss.inclusive ? "<=" : "<"} ${String(iss.maximum)}, got ${showValue(input)}`;
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Cross-field rules, on the raw input (anything may be missing or of the wrong type), one
// concern per file. The order of the checks is the order of issues that share a field.

function crossFieldIssues(s: Obj, maxBytes: number, issues: Issues): void {
  const ctx = checkContext(s, issues);
  checkIndexSizes(ctx);
  checkAges(ctx);
  checkNests(ctx);
  checkCitizenshipHomes(ctx);
  checkRegionMixes(ctx);
  checkMovingCosts(ctx);
  checkVisaFriction(ctx);
  checkLotteries(ctx);
  checkVisaRules(ctx);
  checkFreeMovement(ctx);
  checkPolicies(ctx);
  checkRunLimits(ctx, maxBytes);
}

/**
 * An own key `__proto__` (JSON.parse makes one) anywhere in the input: zod's records and objects
 * skip it without a word, so it is reported here, or the group it names would vanish.
 */
function protoKeyIssues(value: unknown, path: Key[], issues: Issues, seen: WeakSet<object>): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((v, i) => protoKeyIssues(v, [...path, i], issues, seen));
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === "__proto__") issues.add([...path, key], codeProblem(key)!);
    else protoKeyIssues((value as Obj)[key], [...path, key], issues, seen);
  }
}

/**
 * Policies, once the rest of the scenario is valid: custom policies' paths and expressions, and
 * each period's values of the fields policies set, against the fields' rules, the engine's
 * limits and memory (the engine's own code computes them: `kernel/_policyValues.ts`).
 */
function policyIssues(s: Scenario, maxBytes: number, issues: Issues): void {
  const check = policyValueIssues(s, entrantsPerRegionPeriodLimit(Object.keys(s.regions).length));
  issues.addAll(check.issues);
  if (check.issues.length > 0 || Number.isNaN(check.entrantAgents)) return;
  const people = Object.values(s.regions).reduce((sum, r) => sum + r.initialStock, 0);
  const slots = Math.ceil((s.agents ?? people) + check.entrantAgents);
  const bytes = TABLE_BYTES + slots * BYTES_PER_AGENT;
  if (bytes > maxBytes) {
    issues.add(["policies"], `with the entrants the policies set, ${memoryMessage(bytes, slots, maxBytes)}`);
  }
}
