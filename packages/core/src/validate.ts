/**
 * Scenario validation at the boundary: every problem at once, each with its dotted path and a
 * reason that shows the value found (`regions.DE.taxRate: must be in [0, 1), got 1.4`).
 *
 * Two passes: the zod schema (`schema.ts`) checks structure, types and per-field ranges; then
 * plain code checks the rules that join fields (known regions and citizenships, shares summing to
 * 1, policy windows, the engine's id-space limits, memory). The second pass reads the raw input
 * and skips whatever the first pass found broken, so a wrong field never hides another problem.
 * When both find nothing, a third pass computes every period's parameters with the engine's own
 * code and checks the values policies set (`model/_policyValues.ts`).
 * @module
 */
import { AGENT_ID_LIMITS, STATE_BYTES_PER_AGENT } from "./engine/_agentColumns";
import { policyValueIssues } from "./model/_policyValues";
import type { z } from "zod";
import { ValidationError, type Issue } from "./errors";
import { unknownKeyMessage } from "./_knownKeys";
import { codeProblem, scenarioSchemaOfRegisteredKinds, showValue, typeName } from "./schema";
import type { PolicyCheckContext } from "./policies/_policyKindDefinition";
import { policyKindDefinition } from "./policies/_registry";
import type { Scenario } from "./types";
import { inFieldOrder, memoryMessage } from "./_validateOutput";

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

/**
 * Bytes per agent slot: the typed-array columns of the agent state (30 bytes, `engine/_agentColumns.ts`)
 * plus 4 bytes for the free-slot stack and the scratch lists of a period.
 */
export const BYTES_PER_AGENT = STATE_BYTES_PER_AGENT + 4;

/** Fixed memory for the per-period tables, bytes. */
const TABLE_BYTES = 64 * 1024 ** 2;

/** Default of {@link ValidateOptions.maxBytes}: 4 GiB. */
const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

/**
 * Limits of the engine's id space, checked here so that a scenario the engine cannot hold is
 * refused at the boundary: region and citizenship indices are uint8 columns, and an entrant's
 * uint32 id is made of its region (5 bits), its period (10 bits) and its rank among that region's
 * entrants of that period (16 bits). They are the engine's own limits (its id layout), not a copy.
 */
export const ENGINE_LIMITS = AGENT_ID_LIMITS;

/** Largest growth of labour demand over a run, as a logarithm (e^25 is about 7e10-fold). */
const MAX_LOG_DEMAND_GROWTH = 25;

/**
 * Memory a run of `scenario` needs, bytes: one slot per agent alive at the start plus one per
 * entrant over burn-in and the reported years (an upper bound: slots freed by exits are reused),
 * times {@link BYTES_PER_AGENT}, plus 64 MiB for the per-period tables.
 */
export function estimateMemoryBytes(scenario: Scenario): number {
  return TABLE_BYTES + agentSlots(scenario) * BYTES_PER_AGENT;
}

function agentSlots(scenario: Scenario): number {
  let people = 0;
  let entrants = 0;
  for (const r of Object.values(scenario.regions)) {
    people += r.initialStock;
    entrants += r.entrants;
  }
  const agents = scenario.agents ?? people;
  const scale = people > 0 && agents > 0 ? people / agents : 1;
  return Math.ceil(agents + (entrants / scale) * (scenario.years + scenario.burnInYears));
}

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
    throw new ValidationError(
      [{ path: "maxBytes", message: `must be a number of bytes > 0, got ${showValue(maxBytes)}` }],
      "invalid options of validateScenario",
    );
  }

  const issues: RawIssue[] = [];
  const knownKeys = new WeakMap<object, string[]>();
  const parsed = scenarioSchemaOfRegisteredKinds().safeParse(scenario, { reportInput: true, error: errorMap(knownKeys) });
  if (!parsed.success) {
    for (const iss of parsed.error.issues) {
      const path = iss.path.map(pathKey);
      if (iss.code === "unrecognized_keys") {
        const known = (isObject(iss.input) && knownKeys.get(iss.input)) || [];
        for (const key of iss.keys) issues.push({ path: [...path, key], message: unknownKeyMessage(key, known, "field") });
      } else if (iss.code === "invalid_union" && iss.errors.filter(hasTheForm).length === 1) {
        // The input has one of the forms (an object where a number or an object of numbers is
        // allowed): its problems are inside that form, at their own paths (investment.DE).
        for (const e of iss.errors.find(hasTheForm)!) issues.push({ path: [...path, ...e.path.map(pathKey)], message: e.message });
      } else {
        issues.push({ path, message: iss.message });
      }
    }
  }
  if (isObject(scenario)) crossFieldIssues(scenario, maxBytes, issues);
  protoKeyIssues(scenario, [], issues, new WeakSet());
  if (issues.length === 0 && parsed.success) policyIssues(parsed.data as Scenario, maxBytes, issues);
  const warnings = isObject(scenario) ? policyWindowWarnings(scenario) : [];

  if (issues.length === 0 && parsed.success) {
    return { ok: true, scenario: parsed.data as Scenario, issues: [], warnings };
  }
  return { ok: false, issues: inFieldOrder(scenario, issues).map(({ path, message }) => ({ path: path.join("."), message })), warnings };
}

/**
 * Like {@link validateScenario} but returns the scenario or throws a {@link ValidationError}
 * listing every problem (a policy's path shown with its kind, as {@link describePath} does).
 */
export function assertValidScenario(scenario: unknown, options?: ValidateOptions): Scenario {
  return validScenarioAndWarnings(scenario, options).scenario;
}

/** {@link assertValidScenario} with the warnings. @internal */
export function validScenarioAndWarnings(scenario: unknown, options?: ValidateOptions): { scenario: Scenario; warnings: Issue[] } {
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
  if (!Array.isArray(s.policies) || !isNum(s.startYear) || !isInt(s.years) || !isInt(s.burnInYears) || !isInt(s.periodsPerYear) || s.periodsPerYear < 1) return [];
  const first = s.startYear - s.burnInYears;
  const end = s.startYear + s.years;
  const lastStart = end - 1 / s.periodsPerYear;
  const warnings: Issue[] = [];
  s.policies.forEach((p: unknown, i) => {
    if (!isObject(p) || !isNum(p.from)) return;
    const kind = typeof p.kind === "string" ? `${p.kind} ` : "";
    if (p.from > lastStart) {
      warnings.push({
        path: `policies.${i}`,
        message: `${kind}policy starts in ${tidy(p.from)}, after the run ends in ${tidy(end)} (its last period starts in ${tidy(lastStart)}): it never acts; extend \`years\` or move \`from\``,
      });
    } else if (isNum(p.until) && p.until <= first) {
      warnings.push({
        path: `policies.${i}`,
        message: `${kind}policy ends in ${tidy(p.until)}, before the run starts in ${tidy(first)} (burn-in included): it never acts; move \`until\` or add burn-in years`,
      });
    }
  });
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Messages of the structural pass

type Key = string | number;
interface RawIssue {
  path: Key[];
  message: string;
}
const pathKey = (k: PropertyKey): Key => (typeof k === "symbol" ? String(k) : k);
/** A union branch whose issues all lie inside the input: the input has that branch's form. */
const hasTheForm = (branchIssues: readonly { path: readonly PropertyKey[] }[]): boolean => branchIssues.every((e) => e.path.length > 0);

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
        if (typeof input === "number" && !Number.isFinite(input) && (iss.expected === "number" || iss.expected === "int")) {
          return `must be a finite number, got ${showValue(input)}`;
        }
        return `expected ${expected(iss.expected)}, got ${typeName(input)}`;
      case "invalid_value": {
        const values = iss.values.map(showValue);
        if (input === undefined) return `is required (${values.length === 1 ? "must be " : "one of "}${values.join(", ")})`;
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
        return forms.size > 0 ? `expected ${[...forms].join(" or ")}, got ${typeName(input)}` : "does not match any allowed form";
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
// Cross-field rules, on the raw input (anything may be missing or of the wrong type)

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const entries = (v: unknown): [string, unknown][] => (isObject(v) ? Object.entries(v) : []);
const list = (codes: readonly string[]): string => codes.join(", ");
/** A number in a message without floating-point noise: 0.97, not 0.9699999999999999. */
const tidy = (v: number): string => showValue(Number(v.toPrecision(12)));

function crossFieldIssues(s: Obj, maxBytes: number, out: RawIssue[]): void {
  const add = (path: Key[], message: string) => out.push({ path, message });

  const regionCodes = isObject(s.regions) ? Object.keys(s.regions) : undefined;
  const citizenshipCodes = isObject(s.citizenships) ? Object.keys(s.citizenships) : undefined;
  const lotteryNames = isObject(s.lotteries) ? Object.keys(s.lotteries) : undefined;
  const ppy = isInt(s.periodsPerYear) && s.periodsPerYear >= 1 && s.periodsPerYear <= 12 ? s.periodsPerYear : undefined;

  /** Reports `value` at `path` unless it is a known region (or unless regions are unknown). */
  const region = (value: unknown, path: Key[]): boolean => {
    if (regionCodes === undefined || typeof value !== "string") return false;
    if (regionCodes.includes(value)) return true;
    add(path, `unknown region ${showValue(value)} (regions are ${list(regionCodes)})`);
    return false;
  };
  const citizenship = (value: unknown, path: Key[], star = false): boolean => {
    if (citizenshipCodes === undefined || typeof value !== "string") return false;
    if (citizenshipCodes.includes(value) || (star && value === "*")) return true;
    add(path, `unknown citizenship ${showValue(value)} (citizenships are ${list(citizenshipCodes)}${star ? ", or * for any" : ""})`);
    return false;
  };
  const regionList = (value: unknown, path: Key[]) => {
    if (Array.isArray(value)) value.forEach((v, i) => region(v, [...path, i]));
  };

  // Sizes the engine's indices can hold.
  if (regionCodes !== undefined) {
    if (regionCodes.length === 0) add(["regions"], "must define at least one region");
    if (regionCodes.length > ENGINE_LIMITS.regions) {
      add(["regions"], `has ${regionCodes.length} regions, above the engine's limit of ${ENGINE_LIMITS.regions}`);
    }
  }
  if (citizenshipCodes !== undefined) {
    if (citizenshipCodes.length === 0) add(["citizenships"], "must define at least one citizenship");
    if (citizenshipCodes.length > ENGINE_LIMITS.citizenships) {
      add(["citizenships"], `has ${citizenshipCodes.length} citizenships, above the engine's limit of ${ENGINE_LIMITS.citizenships}`);
    }
  }

  // Behaviour: entryAge < initialAgeMedian < retirementAge.
  if (isObject(s.behavior)) {
    const { entryAge, initialAgeMedian, retirementAge } = s.behavior;
    if (isNum(entryAge) && isNum(retirementAge) && retirementAge <= entryAge) {
      add(["behavior", "retirementAge"], `must be above entryAge (${tidy(entryAge)}), got ${tidy(retirementAge)}`);
    } else if (isNum(entryAge) && isNum(retirementAge) && isNum(initialAgeMedian)) {
      if (!(initialAgeMedian > entryAge && initialAgeMedian < retirementAge)) {
        add(
          ["behavior", "initialAgeMedian"],
          `must be between entryAge (${tidy(entryAge)}) and retirementAge (${tidy(retirementAge)}), got ${tidy(initialAgeMedian)}`,
        );
      }
    }
  }

  // Citizenships belong to known regions.
  for (const [c, def] of entries(s.citizenships)) {
    if (isObject(def)) region(def.home, ["citizenships", c, "home"]);
  }

  // Regions: citizenship mixes; a population to start from.
  let people = 0;
  let peopleKnown = regionCodes !== undefined && regionCodes.length > 0;
  for (const [r, def] of entries(s.regions)) {
    if (!isObject(def)) {
      peopleKnown = false;
      continue;
    }
    if (isNum(def.initialStock) && def.initialStock >= 0) people += def.initialStock;
    else peopleKnown = false;
    for (const field of ["entrantCitizenship", "initialCitizenship"] as const) {
      const shares = def[field];
      if (!isObject(shares)) continue;
      let sum = 0;
      let sumKnown = true;
      for (const [c, v] of Object.entries(shares)) {
        citizenship(c, ["regions", r, field, c]);
        if (isNum(v)) sum += v;
        else sumKnown = false;
      }
      if (sumKnown && Math.abs(sum - 1) > 1e-6) add(["regions", r, field], `shares must sum to 1, got ${tidy(sum)}`);
    }
  }
  if (peopleKnown && people <= 0) add(["regions"], `the total initialStock must be > 0, got ${tidy(people)}`);

  // Moving costs: "A->B" or "A<->B" between two different known regions, each pair set once.
  const pairs = new Map<string, string>();
  for (const [key] of entries(s.movingCost)) {
    const path = ["movingCost", key];
    const m = /^(.+?)(<->|->)(.+)$/.exec(key);
    if (m === null) {
      add(path, `must name two regions as "A->B" (one way) or "A<->B" (both ways), got ${showValue(key)}`);
      continue;
    }
    const [, a, arrow, b] = m;
    const aKnown = region(a, path);
    const bKnown = region(b, path);
    if (a === b) {
      add(path, `must join two different regions, got ${showValue(key)}`);
    } else if (aKnown && bKnown) {
      for (const pair of arrow === "<->" ? [`${a}->${b}`, `${b}->${a}`] : [`${a}->${b}`]) {
        const first = pairs.get(pair);
        if (first === undefined) pairs.set(pair, key);
        else add(path, `sets the cost of ${pair} again (already set by ${showValue(first)})`);
      }
    }
  }

  // Visa friction: "CITIZENSHIP->REGION", "*" for every non-citizen.
  for (const [key] of entries(s.visaFriction)) {
    const path = ["visaFriction", key];
    const m = /^(.+?)->(.+)$/.exec(key);
    if (m === null) {
      add(path, `must name a citizenship and a region as "CITIZENSHIP->REGION" or "*->REGION", got ${showValue(key)}`);
      continue;
    }
    citizenship(m[1], path, true);
    region(m[2], path);
  }

  // Lotteries: known regions, each region in at most one lottery, draw and start in the year.
  const lotteryOf = new Map<string, string>();
  for (const [name, lottery] of entries(s.lotteries)) {
    if (!isObject(lottery)) continue;
    if (Array.isArray(lottery.regions)) {
      lottery.regions.forEach((r: unknown, i) => {
        const path = ["lotteries", name, "regions", i];
        if (!region(r, path)) return;
        const r0 = r as string;
        const other = lotteryOf.get(r0);
        if (other === name) add(path, `lists region ${r0} twice`);
        else if (other !== undefined) add(path, `region ${r0} is already in lottery ${showValue(other)}; a region can be in one lottery only`);
        else lotteryOf.set(r0, name);
      });
    }
    for (const field of ["period", "startDelay"] as const) {
      const v = lottery[field];
      if (ppy !== undefined && isInt(v) && v >= ppy) {
        add(["lotteries", name, field], `must be in [0, ${ppy}) with ${ppy} periods per year, got ${v}`);
      }
    }
  }

  /** A lottery rule's pool names a lottery that serves the rule's region. */
  const pool = (rule: unknown, regionCode: unknown, path: Key[]) => {
    if (!isObject(rule) || rule.rule !== "lottery" || typeof rule.pool !== "string" || lotteryNames === undefined) return;
    const lottery = isObject(s.lotteries) ? s.lotteries[rule.pool] : undefined;
    if (!lotteryNames.includes(rule.pool)) {
      const names = lotteryNames.length === 0 ? "no lotteries are defined" : `lotteries are ${list(lotteryNames)}`;
      add(path, `unknown lottery ${showValue(rule.pool)} (${names})`);
    } else if (
      typeof regionCode === "string" &&
      isObject(lottery) &&
      Array.isArray(lottery.regions) &&
      !lottery.regions.includes(regionCode)
    ) {
      add(path, `lottery ${showValue(rule.pool)} draws for ${list(lottery.regions.map(String))}, not for ${regionCode}`);
    }
  };

  // Visas: visas[region][citizenship or "*"].
  for (const [r, rules] of entries(s.visas)) {
    const regionKnown = region(r, ["visas", r]);
    for (const [c, rule] of entries(rules)) {
      citizenship(c, ["visas", r, c], true);
      pool(rule, regionKnown ? r : undefined, ["visas", r, c, "pool"]);
    }
  }

  // Free movement: groups of countries that exist among the regions' countries.
  if (Array.isArray(s.freeMovement) && regionCodes !== undefined) {
    const countries = [...new Set(entries(s.regions).map(([, d]) => (isObject(d) ? d.country : undefined)))].filter(
      (c): c is string => typeof c === "string",
    );
    s.freeMovement.forEach((group: unknown, g) => {
      if (!Array.isArray(group)) return;
      group.forEach((country: unknown, i) => {
        if (typeof country === "string" && !countries.includes(country)) {
          add(["freeMovement", g, i], `unknown country ${showValue(country)} (countries are ${list(countries)})`);
        }
      });
    });
  }

  // Policies: the window every policy has, then the checks of the policy's own kind.
  if (Array.isArray(s.policies)) {
    s.policies.forEach((p: unknown, i) => {
      if (!isObject(p)) return;
      const at = (...rest: readonly Key[]): Key[] => ["policies", i, ...rest];
      if (isNum(p.from) && isNum(p.until)) {
        if (p.until < p.from) add(at("until"), `ends (${tidy(p.until)}) before it starts (${tidy(p.from)})`);
        else if (p.until === p.from) add(at("until"), `ends when it starts (${tidy(p.from)}): the window is empty`);
      }
      const kind = typeof p.kind === "string" ? policyKindDefinition(p.kind) : undefined;
      if (kind?.check === undefined) return;
      const checks: PolicyCheckContext = {
        region: (value, path) => region(value, at(...path)),
        regionList: (value, path) => regionList(value, at(...path)),
        citizenship: (value, path, star) => citizenship(value, at(...path), star),
        pool: (rule, regionCode, path) => pool(rule, regionCode, at(...path)),
        add: (path, message) => add(at(...path), message),
      };
      kind.check(p, checks);
    });
  }

  // The engine's id space: periods, and entrants per region and period in agents.
  const years = isInt(s.years) && s.years >= 1 ? s.years : undefined;
  const burnIn = isInt(s.burnInYears) && s.burnInYears >= 0 ? s.burnInYears : undefined;
  if (years !== undefined && burnIn !== undefined && ppy !== undefined) {
    const periods = (years + burnIn) * ppy;
    if (periods > ENGINE_LIMITS.periods) {
      add(
        ["years"],
        `the run has ${periods} periods ((years + burnInYears) x periodsPerYear = (${years} + ${burnIn}) x ${ppy}), above the engine's limit of ${ENGINE_LIMITS.periods}`,
      );
    }
  }
  // Labour demand compounds demandGrowth over burn-in and the reported years: beyond e^25-fold
  // the wage level would leave the range where e^(log wage) is finite (docs/reliability.md).
  if (years !== undefined && burnIn !== undefined) {
    for (const [r, def] of entries(s.regions)) {
      const g = isObject(def) ? def.demandGrowth : undefined;
      if (!isNum(g) || g <= -1 || g > 0.5) continue;
      const growth = (years + burnIn) * Math.log1p(g);
      if (growth > MAX_LOG_DEMAND_GROWTH) {
        add(
          ["regions", r, "demandGrowth"],
          `compounds to e^${tidy(growth)} over the ${years + burnIn} years of the run ((years + burnInYears) x ln(1 + demandGrowth)), above e^${MAX_LOG_DEMAND_GROWTH}; lower it or shorten the run`,
        );
      }
    }
  }
  const agents = s.agents === undefined ? people : isInt(s.agents) && s.agents >= 1 ? s.agents : undefined;
  const scale = peopleKnown && people > 0 && agents !== undefined ? people / agents : undefined;
  const entrantsKnown =
    regionCodes !== undefined && entries(s.regions).every(([, d]) => isObject(d) && isNum(d.entrants) && d.entrants >= 0);
  if (scale !== undefined && ppy !== undefined) {
    for (const [r, def] of entries(s.regions)) {
      const e = isObject(def) ? def.entrants : undefined;
      if (!isNum(e) || e < 0) continue;
      const perPeriod = e / scale / ppy;
      if (perPeriod > ENGINE_LIMITS.entrantsPerRegionPeriod) {
        add(
          ["regions", r, "entrants"],
          `makes ${Math.ceil(perPeriod)} agents per period (entrants / scale / periodsPerYear = ${tidy(e)} / ${tidy(scale)} / ${ppy}), above the engine's limit of ${ENGINE_LIMITS.entrantsPerRegionPeriod}; lower \`agents\` to raise the scale`,
        );
      }
    }
  }

  // Memory.
  if (scale !== undefined && entrantsKnown && years !== undefined && burnIn !== undefined) {
    const bytes = estimateMemoryBytes(s as unknown as Scenario);
    if (bytes > maxBytes) {
      const slots = agentSlots(s as unknown as Scenario);
      add(
        ["agents"],
        memoryMessage(bytes, slots, maxBytes, BYTES_PER_AGENT, TABLE_BYTES),
      );
    }
  }
}

/**
 * An own key `__proto__` (JSON.parse makes one) anywhere in the input: zod's records and objects
 * skip it without a word, so it is reported here, or the group it names would vanish.
 */
function protoKeyIssues(value: unknown, path: Key[], out: RawIssue[], seen: WeakSet<object>): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((v, i) => protoKeyIssues(v, [...path, i], out, seen));
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === "__proto__") out.push({ path: [...path, key], message: codeProblem(key)! });
    else protoKeyIssues((value as Obj)[key], [...path, key], out, seen);
  }
}

/**
 * Policies, once the rest of the scenario is valid: custom policies' paths and expressions, and
 * each period's values of the fields policies set, against the fields' rules, the engine's
 * limits and memory (the engine's own code computes them: `model/_policyValues.ts`).
 */
function policyIssues(s: Scenario, maxBytes: number, out: RawIssue[]): void {
  const check = policyValueIssues(s, ENGINE_LIMITS.entrantsPerRegionPeriod);
  for (const issue of check.issues) out.push({ path: issue.path.split("."), message: issue.message });
  if (check.issues.length > 0 || Number.isNaN(check.entrantAgents)) return;
  const people = Object.values(s.regions).reduce((sum, r) => sum + r.initialStock, 0);
  const slots = Math.ceil((s.agents ?? people) + check.entrantAgents);
  const bytes = TABLE_BYTES + slots * BYTES_PER_AGENT;
  if (bytes > maxBytes) {
    out.push({
      path: ["policies"],
      message: `with the entrants the policies set, ${memoryMessage(bytes, slots, maxBytes, BYTES_PER_AGENT, TABLE_BYTES)}`,
    });
  }
}
