/**
 * The zod schema of a complete {@link Scenario}: its structure, the type of every field and the
 * ranges that concern one field alone. Rules that join several fields (known regions and
 * citizenships, shares that sum to 1, policy windows, the engine's limits, memory) are checked in
 * plain code by `validateScenario` (validate.ts), so that they run even when other fields are
 * wrong and every problem is reported at once.
 *
 * The same schema gives the JSON Schema of scenario files: `z.toJSONSchema(scenarioSchema)` or
 * {@link scenarioJsonSchema}.
 *
 * Messages set here are the ones a user reads (`must be in [0, 1), got 1.4`); type errors,
 * unknown keys and unknown kinds are worded by validate.ts.
 * @internal
 * @module
 */
import { z } from "zod";
import type { Scenario } from "./types";

// ---------------------------------------------------------------------------------------------
// Value formatting, shared with validate.ts

/** A value as it appears in a message: numbers as written (`1.4`, `Infinity`), strings quoted. */
export function showValue(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return String(value);
  return typeName(value);
}

/** The JSON-ish type of a value, for `expected a number, got string`. */
export function typeName(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/**
 * Region, citizenship, lottery and currency codes: a letter, then letters, digits and `_`, with
 * single `-` inside (`DE`, `US-H1B`), at most 32 characters. They appear in dotted paths and in
 * `A->B` keys, so no dots, spaces, `*`, `<` or `>`; a leading letter keeps them from being read
 * as array indices (which objects list first, whatever the order written).
 */
export const CODE_PATTERN = /^(?=.{1,32}$)[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/;

/**
 * Names every plain object inherits (`toString`, `constructor`, `__proto__`, ...). A code named
 * so would be found on objects that never defined it, and zod's records drop `__proto__`, so
 * such names are refused as codes.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), "__proto__"]);

/** Why `key` cannot be a code, or undefined if it can (see {@link CODE_PATTERN}). */
export function codeProblem(key: string): string | undefined {
  const shown = showValue(key);
  if (INHERITED_NAMES.has(key)) return `${shown} is not a valid code: every JavaScript object has a property of that name; rename it`;
  if (!/^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/.test(key)) {
    return `${shown} is not a valid code: use letters, digits, "_" and single "-" inside (as in DE or US-H1B)`;
  }
  if (!/^[A-Za-z]/.test(key)) return `${shown} is not a valid code: it must start with a letter (as in DE or US-H1B)`;
  if (key.length > 32) return `${shown} is not a valid code: at most 32 characters, got ${key.length}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

type NumberIssue = { readonly input?: unknown };
const got = (iss: NumberIssue): string => `got ${showValue(iss.input)}`;

/** Any finite number (zod 4's `z.number()` rejects NaN and +-Infinity). */
const finite = () => z.number();

/** A finite number >= `lo`. */
const atLeast = (lo: number, hint = "") =>
  z.number().gte(lo, { error: (iss) => `must be >= ${lo}${hint}, ${got(iss)}` });

/** A finite number > `lo`. */
const above = (lo: number, hint = "") =>
  z.number().gt(lo, { error: (iss) => `must be > ${lo}${hint}, ${got(iss)}` });

/** A finite number in [lo, hi], or [lo, hi) when `hiOpen`. */
const inRange = (lo: number, hi: number, hiOpen = false) => {
  const error = (iss: NumberIssue) => `must be in [${lo}, ${hi}${hiOpen ? ")" : "]"}, ${got(iss)}`;
  const lower = z.number().gte(lo, { error });
  return hiOpen ? lower.lt(hi, { error }) : lower.lte(hi, { error });
};

/** A share or probability in [0, 1]. */
const share = () => inRange(0, 1);

const integerError = (iss: NumberIssue) => `must be an integer, ${got(iss)}`;

/** An integer >= lo (and <= hi when given). */
const integer = (lo: number, hi?: number) => {
  const error = (iss: NumberIssue) =>
    hi === undefined ? `must be >= ${lo}, ${got(iss)}` : `must be in [${lo}, ${hi}], ${got(iss)}`;
  const lower = z.number().int({ error: integerError }).gte(lo, { error });
  return hi === undefined ? lower : lower.lte(hi, { error });
};

const nonEmptyString = () => z.string().min(1, { error: "must not be empty" });

/** A record key that is a code (see {@link CODE_PATTERN}; validate.ts words the message with {@link codeProblem}). */
const code = () => z.string().regex(CODE_PATTERN).refine((key) => !INHERITED_NAMES.has(key));

/**
 * `behavior.wageElasticity`: a number > 0, or `Infinity` to switch labour-market feedback off.
 * zod 4's `z.number()` refuses Infinity and a union with `z.literal(Infinity)` writes
 * `const: null` into the JSON Schema, so this is `z.unknown()` with its own check, and its JSON
 * Schema is given as metadata (a JSON file cannot hold Infinity; YAML writes it `.inf`).
 */
const wageElasticity = z
  .unknown()
  .check((ctx) => {
    const v = ctx.value;
    if (typeof v !== "number" || Number.isNaN(v)) {
      ctx.issues.push({ code: "invalid_type", expected: "number", input: v });
    } else if (!(v > 0)) {
      ctx.issues.push({
        code: "too_small",
        origin: "number",
        minimum: 0,
        inclusive: false,
        input: v,
        message: `must be > 0 (a wage elasticity of Infinity switches the labour-market feedback off), got ${showValue(v)}`,
      });
    }
  })
  .meta({
    type: "number",
    exclusiveMinimum: 0,
    description:
      "Wage elasticity epsilon > 0: wages fall by 1/epsilon times the log excess supply. Infinity (YAML .inf) switches labour-market feedback off.",
  }) as unknown as z.ZodType<number>;

// ---------------------------------------------------------------------------------------------
// The scenario

const behaviorSchema = z.strictObject({
  beta: atLeast(0).describe("Logit units per log of net real income."),
  alpha: finite().describe("Logit units per log of AI investment per skill-weighted worker."),
  gamma: finite().describe("Logit units per log(1 + thousands of compatriots) abroad."),
  homeBias: finite().describe("Logit bonus for working in one's home region."),
  considerRate: atLeast(0).describe("Yearly rate at which an agent looks around."),
  languagePenalty: finite().describe("Logit penalty for a non-German speaker where no job is open to English speakers."),
  ageCost: finite().describe("Logit cost of moving per year of age over 30."),
  tempPenalty: finite().describe("Logit penalty for holding a temporary status in the destination."),
  exitRate: atLeast(0).describe("Yearly hazard of leaving the field."),
  entryAge: atLeast(0).describe("Age of entrants, years."),
  retirementAge: finite().describe("Age at which everyone exits, years."),
  initialAgeMedian: finite().describe("Median age of the initial population, between entryAge and retirementAge."),
  feeAdmissionFactor: share().describe("Multiplier on admission per USD 100,000 of employer-paid fee."),
  delayCost: finite().describe("Logit units of friction per year of processing delay."),
  wageElasticity,
  demandElasticity: atLeast(0).describe("Elasticity of labour demand to AI investment."),
});

const citizenshipSchema = z.strictObject({
  home: z.string().describe("Region its citizens grow up in."),
  network: atLeast(0).describe("Weight on gamma for this citizenship's diaspora network (1 = full)."),
  german: z.boolean().optional().describe("Do its citizens speak German? Default false."),
});

const sharesSchema = z.record(z.string(), share());

const regionSchema = z.strictObject({
  country: nonEmptyString().describe("Country the region belongs to; moves within a country need no admission."),
  initialStock: atLeast(0).describe("People working in AI in the region at the start."),
  grossWage: above(0).describe("Gross wage of a worker of average skill, USD per year."),
  skillReturn: above(0).describe("Return to skill sigma: log wage per standard deviation of skill."),
  taxRate: inRange(0, 1, true).describe("Income tax rate, in [0, 1)."),
  costOfLiving: above(0).describe("Cost-of-living index (Silicon Valley = 1)."),
  investment: above(0, " (its logarithm enters wages and utility)").describe("Yearly AI investment, USD billion."),
  amenity: finite().describe("Amenity, logit units."),
  researchEcosystem: finite().describe("Research ecosystem, logit units, for researchers only."),
  englishJobShare: share().describe("Share of jobs open to English speakers."),
  demandGrowth: above(-1).describe("Trend growth of labour demand, per year."),
  entrants: atLeast(0).describe("Entrants (new graduates and direct hires) per year, people."),
  entrantCitizenship: sharesSchema.describe("Citizenship mix of entrants; shares sum to 1."),
  initialCitizenship: sharesSchema.describe("Citizenship mix of the initial population; shares sum to 1."),
  entrySkillMean: finite().describe("Mean skill of entrants and of the initial population, in standard deviations."),
  germanShare: share().describe("Share of non-German citizens who work in German."),
  researcherShare: share().describe("Share of researchers (vs engineers)."),
  temporaryShare: share().describe("Share of non-citizens holding a temporary status at the start."),
});

const visaBase = {
  permanent: z.boolean().describe("Does admission grant permanent residence at once?"),
  permanence: atLeast(0).describe("Yearly hazard at which a temporary status becomes permanent."),
  fee: atLeast(0).describe("Employer-paid fee for a hire from abroad, USD (0: none)."),
};

const visaRuleSchema = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal("open"), ...visaBase }),
  z.strictObject({
    rule: z.literal("probability"),
    ...visaBase,
    admission: share().describe("Probability of admission."),
  }),
  z.strictObject({
    rule: z.literal("threshold"),
    ...visaBase,
    threshold: above(0).describe("Gross yearly salary threshold, USD."),
    high: share().describe("Admission probability at or above the threshold."),
    low: share().describe("Admission probability below the threshold."),
  }),
  z.strictObject({
    rule: z.literal("lottery"),
    ...visaBase,
    pool: z.string().describe("Name of the lottery in `lotteries`."),
  }),
]);

const lotterySchema = z.strictObject({
  regions: z.array(z.string()).describe("Regions whose hires enter this lottery."),
  cap: atLeast(0).describe("Winners per year, people."),
  weighted: z.boolean().describe("Wage-weighted selection instead of uniform."),
  period: integer(0).describe("Index of the draw's period within the year, in [0, periodsPerYear)."),
  startDelay: integer(0).describe("Periods from the draw to the start of employment, in [0, periodsPerYear)."),
  initialSelectionRate: share().describe("Selection probability agents anticipate before the first draw."),
});

const windowFields = {
  from: finite().describe("Calendar time the policy starts (fractional years)."),
  until: finite().optional().describe("Calendar time the policy ends (exclusive); absent: never."),
  rampYears: atLeast(0).optional().describe("Years over which the policy phases in linearly (0: at once)."),
  label: z.string().optional().describe("A label for tables and reports."),
};

const partners = () => z.array(z.string()).describe("Partner regions.");
const policyRegion = () => z.string().describe("Region the policy applies to.");

const policySchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("researchCooperation"),
    ...windowFields,
    partners: partners(),
    ecosystemBoost: finite().describe("Added to each partner's research ecosystem (logit units)."),
    movingCostCut: finite().describe("Subtracted from the moving cost between partners (logit units)."),
    researchersOnly: z.boolean().describe("Does the moving-cost cut apply to researchers only?"),
  }),
  z.strictObject({
    kind: z.literal("economicCooperation"),
    ...windowFields,
    partners: partners(),
    investment: z
      .union([finite(), z.record(z.string(), finite())])
      .describe("Added yearly investment per partner, USD billion: one number for all, or per partner."),
  }),
  z.strictObject({
    kind: z.literal("regulatoryAlignment"),
    ...windowFields,
    partners: partners(),
    investmentGain: above(-1).describe("Relative increase of each partner's investment (0.05 = +5%)."),
    frictionCut: finite().describe("Subtracted from visa friction between partners (logit units)."),
  }),
  z.strictObject({
    kind: z.literal("talentExchange"),
    ...windowFields,
    partners: partners(),
    admissionBoost: share().describe("Share of the refusal probability removed for moves between partners."),
    frictionCut: finite().describe("Subtracted from visa friction between partners (logit units)."),
    slots: atLeast(0).describe("Yearly places with guaranteed admission per destination partner (0: none)."),
  }),
  z.strictObject({
    kind: z.literal("visaRegime"),
    ...windowFields,
    region: policyRegion(),
    citizenships: z.array(z.string()).optional().describe("Citizenships affected (default: all that need admission)."),
    rule: visaRuleSchema.optional().describe("Replace the rule kind and its fields."),
    threshold: above(0).optional().describe("Salary threshold of threshold rules, USD."),
    fee: atLeast(0).optional().describe("Employer-paid fee for hires from abroad, USD."),
    cap: atLeast(0).optional().describe("Yearly cap of the lottery these rules use, people."),
    weighted: z.boolean().optional().describe("Wage-weighted (true) or uniform (false) lottery."),
    processingMonths: atLeast(0).optional().describe("Processing delay in months."),
  }),
  z.strictObject({
    kind: z.literal("openWorkPermit"),
    ...windowFields,
    region: policyRegion(),
    holdersIn: z.array(z.string()).describe("Regions whose temporary-status holders are eligible."),
    places: atLeast(0).describe("Places, people: per year if perYear, else in total."),
    perYear: z.boolean().describe("Are the places per year (true) or in total (false)?"),
    permanent: z.boolean().describe("Does the permit grant permanent residence at once?"),
  }),
  z.strictObject({
    kind: z.literal("investment"),
    ...windowFields,
    region: policyRegion(),
    amount: finite().describe("Added yearly investment, USD billion."),
  }),
  z.strictObject({
    kind: z.literal("languageAccess"),
    ...windowFields,
    region: policyRegion(),
    englishJobShare: share().describe("New share of English-open jobs (at full ramp)."),
  }),
  z.strictObject({
    kind: z.literal("taxIncentive"),
    ...windowFields,
    region: policyRegion(),
    reduction: share().describe("Tax rate reduction (0.1 = ten points lower)."),
    years: atLeast(0).describe("Years after arrival that the reduction lasts."),
    target: z.enum(["newcomers", "returnees", "both"]).describe("Who benefits."),
  }),
  z.strictObject({
    kind: z.literal("custom"),
    ...windowFields,
    path: nonEmptyString().describe("Dotted path of a numeric scenario field, e.g. regions.DE.investment."),
    expression: nonEmptyString()
      .max(500, { error: (iss) => `must be at most 500 characters, got ${String((iss.input as string).length)}` })
      .describe("mathjs expression of year, t and base."),
  }),
]);

/**
 * The schema of a complete scenario (no `extends`, no defaults): strict objects, finite numbers
 * (but `behavior.wageElasticity` may be Infinity), integers for counts, per-field ranges.
 */
export const scenarioSchema = z
  .strictObject({
    model: z.literal("talentflow/1").describe("Model version."),
    name: nonEmptyString().describe("Scenario name, used in rows and keys."),
    description: z.string().optional().describe("A sentence on what the scenario is."),
    startYear: z.number().int({ error: integerError }).describe("Calendar year of the first reported period."),
    years: integer(1).describe("Reported horizon in years."),
    periodsPerYear: integer(1, 12).describe("Periods per year (4: quarters)."),
    agents: integer(1).optional().describe("Number of agents; absent: one agent per person."),
    burnInYears: integer(0).describe("Years of baseline run before startYear, not reported."),
    fx: z.record(code(), above(0)).describe("Exchange rates: USD per unit of currency."),
    behavior: behaviorSchema.describe("Behavioural parameters shared by every agent."),
    citizenships: z.record(code(), citizenshipSchema).describe("Citizenships by code."),
    regions: z.record(code(), regionSchema).describe("Regions (labour markets) by code."),
    movingCost: z
      .record(z.string(), atLeast(0))
      .describe('Moving costs in logit units: "A->B" one way, "A<->B" both ways.'),
    visaFriction: z
      .record(z.string(), atLeast(0))
      .describe('Visa friction in logit units: "CITIZENSHIP->REGION", "*->REGION" for every non-citizen.'),
    visas: z
      .record(z.string(), z.record(z.string(), visaRuleSchema))
      .describe('Admission rules: visas[region][citizenship], "*" for any citizenship not listed.'),
    lotteries: z.record(code(), lotterySchema).describe("Capped yearly lotteries by name."),
    freeMovement: z
      .array(z.array(z.string()))
      .describe("Country groups whose citizens move freely between each other's countries."),
    policies: z.array(policySchema).describe("Policies, applied in the order listed."),
  })
  .describe("A TalentFlow scenario (model talentflow/1).");

/** The JSON Schema (draft 2020-12) of a complete scenario file, from {@link scenarioSchema}. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema) as Record<string, unknown>;
}

// Compile-time check that the schema and the `Scenario` type describe the same data, optional
// fields included: if types.ts changes and this schema does not (or the reverse), the build stops.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Assert<T extends true> = T;
/** @internal */
export type SchemaMatchesScenario = Assert<Same<z.output<typeof scenarioSchema>, Scenario>>;
