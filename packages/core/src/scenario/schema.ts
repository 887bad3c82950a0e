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
import { showValue } from "../_issues";
import type { AnyPolicyKindDefinition } from "../policies/_policyKindDefinition";
import { BUILT_IN_POLICY_KINDS, builtInPolicySchemas, registeredPolicyKinds } from "../policies/_registry";
import { visaRuleSchema } from "./_visaRuleSchema";
import { above, atLeast, inRange, integer, integerError, nonEmptyString, share, upTo } from "./_fieldSchemas";

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
  if (INHERITED_NAMES.has(key))
    return `${shown} is not a valid code: every JavaScript object has a property of that name; rename it`;
  if (!/^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/.test(key)) {
    return `${shown} is not a valid code: use letters, digits, "_" and single "-" inside (as in DE or US-H1B)`;
  }
  if (!/^[A-Za-z]/.test(key)) return `${shown} is not a valid code: it must start with a letter (as in DE or US-H1B)`;
  if (key.length > 32) return `${shown} is not a valid code: at most 32 characters, got ${key.length}`;
  return undefined;
}

/** A record key that is a code (see {@link CODE_PATTERN}; validate.ts words the message with {@link codeProblem}). */
const code = () =>
  z
    .string()
    .regex(CODE_PATTERN)
    .refine((key) => !INHERITED_NAMES.has(key));

/**
 * Smallest `behavior.wageElasticity`: the wage level moves by log(demand / supply) / epsilon, and
 * with every other field in its range |log(demand / supply)| stays below about 120, so 0.25 keeps
 * the log wage below 500 and e^(log wage) finite (docs/reliability.md, "Field ranges").
 */
const MIN_WAGE_ELASTICITY = 0.25;

/**
 * `behavior.wageElasticity`: a number >= 0.25, or `Infinity` to switch labour-market feedback off.
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
    } else if (!(v >= MIN_WAGE_ELASTICITY)) {
      ctx.issues.push({
        code: "too_small",
        origin: "number",
        minimum: MIN_WAGE_ELASTICITY,
        inclusive: true,
        input: v,
        message:
          `must be >= ${MIN_WAGE_ELASTICITY} (a wage elasticity of Infinity ` +
          `switches the labour-market feedback off), got ${showValue(v)}`,
      });
    }
  })
  .meta({
    type: "number",
    minimum: MIN_WAGE_ELASTICITY,
    description:
      "Wage elasticity epsilon >= 0.25: wages fall by 1/epsilon times the log " +
      "excess supply. Infinity (YAML .inf) switches labour-market feedback off.",
  }) as unknown as z.ZodType<number>;

// ---------------------------------------------------------------------------------------------
// The scenario

/** The dissimilarity of a nest, in (0, 1]. */
const nestLambda = upTo(above(0), 1);

const nestSchema = z.strictObject({
  name: code().describe("Name of the nest (a code); its parameter path is behavior.nests.<name>.lambda."),
  regions: z.array(z.string()).describe("Regions of the nest: at least two, none in another nest."),
  lambda: nestLambda.describe("Dissimilarity in (0, 1]: 1 - lambda^2 is the shocks' correlation; 1 = no nesting."),
});

const behaviorSchema = z.strictObject({
  beta: upTo(atLeast(0), 3).describe("Logit units per log of net real income."),
  alpha: inRange(-3, 3).describe("Logit units per log of AI investment per skill-weighted worker."),
  gamma: inRange(-3, 3).describe("Logit units per log(1 + thousands of compatriots) abroad."),
  homeBias: inRange(-20, 20).describe("Logit bonus for working in one's home region."),
  considerRate: upTo(atLeast(0), 10_000).describe("Yearly rate at which an agent looks around."),
  firstJobChoice: share()
    .optional()
    .describe("Share of entrants who choose their first job among all regions in the period after entry; absent: 0."),
  languagePenalty: inRange(-20, 20).describe(
    "Logit penalty for a non-German speaker where no job is open to English speakers.",
  ),
  ageCost: inRange(-0.5, 0.5).describe("Logit cost of moving per year of age over 30."),
  tempPenalty: inRange(-20, 20).describe("Logit penalty for holding a temporary status in the destination."),
  exitRate: upTo(atLeast(0), 100).describe("Yearly hazard of leaving the field."),
  entryAge: upTo(atLeast(0), 100).describe("Age of entrants, years."),
  retirementAge: inRange(0, 200).describe("Age at which everyone exits, years."),
  initialAgeMedian: inRange(0, 200).describe(
    "Median age of the initial population, between entryAge and retirementAge.",
  ),
  feeAdmissionFactor: share().describe("Multiplier on admission per USD 100,000 of employer-paid fee."),
  delayCost: inRange(-10, 10).describe("Logit units of friction per year of processing delay."),
  wageElasticity,
  demandElasticity: upTo(atLeast(0), 2).describe("Elasticity of labour demand to AI investment."),
  nests: z
    .array(nestSchema)
    .optional()
    .describe("Nests of regions with correlated taste shocks (nested logit); absent: none."),
});

const citizenshipSchema = z.strictObject({
  home: z.string().describe("Region its citizens grow up in."),
  network: upTo(atLeast(0), 3).describe("Weight on gamma for this citizenship's diaspora network (1 = full)."),
  german: z.boolean().optional().describe("Do its citizens speak German? Default false."),
});

const sharesSchema = z.record(z.string(), share());

const regionSchema = z.strictObject({
  country: nonEmptyString().describe("Country the region belongs to; moves within a country need no admission."),
  initialStock: upTo(atLeast(0), 1e9).describe("People working in AI in the region at the start."),
  grossWage: upTo(above(0), 1e9).describe("Gross wage of a worker of average skill, USD per year."),
  skillReturn: upTo(above(0), 5).describe("Return to skill sigma: log wage per standard deviation of skill."),
  taxRate: inRange(0, 1, true).describe("Income tax rate, in [0, 1)."),
  costOfLiving: upTo(above(0), 100).describe("Cost-of-living index (Silicon Valley = 1)."),
  investment: upTo(atLeast(1e-6, " (its logarithm enters wages and utility)"), 1e6).describe(
    "Yearly AI investment, USD billion.",
  ),
  amenity: inRange(-50, 50).describe("Amenity, logit units."),
  researchEcosystem: inRange(-50, 50).describe("Research ecosystem, logit units, for researchers only."),
  englishJobShare: share().describe("Share of jobs open to English speakers."),
  demandGrowth: upTo(above(-1), 0.5).describe("Trend growth of labour demand, per year."),
  entrants: upTo(atLeast(0), 1e8).describe("Entrants (new graduates and direct hires) per year, people."),
  entrantCitizenship: sharesSchema.describe("Citizenship mix of entrants; shares sum to 1."),
  initialCitizenship: sharesSchema.describe("Citizenship mix of the initial population; shares sum to 1."),
  entrySkillMean: inRange(-5, 5).describe(
    "Mean skill of entrants and of the initial population, in standard deviations.",
  ),
  germanShare: share().describe("Share of non-German citizens who work in German."),
  researcherShare: share().describe("Share of researchers (vs engineers)."),
  temporaryShare: share().describe("Share of non-citizens holding a temporary status at the start."),
});

const lotterySchema = z.strictObject({
  regions: z.array(z.string()).describe("Regions whose hires enter this lottery."),
  cap: upTo(atLeast(0), 1e9).describe("Winners per year, people."),
  weighted: z.boolean().describe("Wage-weighted selection instead of uniform."),
  period: integer(0).describe("Index of the draw's period within the year, in [0, periodsPerYear)."),
  startDelay: integer(0).describe("Periods from the draw to the start of employment, in [0, periodsPerYear)."),
  initialSelectionRate: share().describe("Selection probability agents anticipate before the first draw."),
  graduates: z
    .strictObject({
      share: share().describe(
        "Share of the lottery regions' entrants under this lottery's rule who are graduates waiting for it in place.",
      ),
      years: upTo(above(0), 10).describe("Years a graduate may wait in the pool before its status ends (OPT: 3)."),
    })
    .optional()
    .describe("Graduates of the regions' universities who need the lottery for their first job (absent: none)."),
});

/** Policies: one strict object per kind, each defined in its own file (policies/kinds/). */
const policySchema = z.discriminatedUnion("kind", builtInPolicySchemas());

/**
 * The schema of a complete scenario (no `extends`, no defaults): strict objects, finite numbers
 * (but `behavior.wageElasticity` may be Infinity), integers for counts, per-field ranges.
 */
export const scenarioSchema = scenarioSchemaWith(policySchema);

/** The scenario schema around a schema of one policy (the built-in kinds, or every registered kind). */
function scenarioSchemaWith<P extends z.ZodType>(policy: P) {
  return z
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
        .record(z.string(), upTo(atLeast(0), 50))
        .describe('Moving costs in logit units: "A->B" one way, "A<->B" both ways.'),
      visaFriction: z
        .record(z.string(), upTo(atLeast(0), 50))
        .describe('Visa friction in logit units: "CITIZENSHIP->REGION", "*->REGION" for every non-citizen.'),
      visas: z
        .record(z.string(), z.record(z.string(), visaRuleSchema))
        .describe('Admission rules: visas[region][citizenship], "*" for any citizenship not listed.'),
      lotteries: z.record(code(), lotterySchema).describe("Capped yearly lotteries by name."),
      freeMovement: z
        .array(z.array(z.string()))
        .describe("Country groups whose citizens move freely between each other's countries."),
      policies: z.array(policy).describe("Policies, applied in the order listed."),
    })
    .describe("A TalentFlow scenario (model talentflow/1).");
}

let withRegisteredKinds: { kinds: readonly AnyPolicyKindDefinition[]; schema: z.ZodType } | undefined;

/**
 * The scenario schema that `validateScenario` parses with: {@link scenarioSchema} itself, or,
 * once kinds are registered through `@talentflow/core/internal`, the same schema with their
 * policies too (made again only when the registered kinds change).
 * @internal
 */
export function scenarioSchemaOfRegisteredKinds(): z.ZodType {
  const kinds = registeredPolicyKinds();
  if (kinds === BUILT_IN_POLICY_KINDS) return scenarioSchema;
  if (withRegisteredKinds?.kinds !== kinds) {
    const options = kinds.map((k) => k.schema) as unknown as Parameters<typeof z.discriminatedUnion>[1];
    withRegisteredKinds = { kinds, schema: scenarioSchemaWith(z.discriminatedUnion("kind", options)) };
  }
  return withRegisteredKinds.schema;
}

/** The numeric fields of visa rules, by name, across the rule kinds (the same schemas). */
const visaNumberFields: Record<string, z.ZodType> = Object.assign(
  {},
  ...visaRuleSchema.options.map((option) => option.shape),
) as Record<string, z.ZodType>;

/**
 * The schema of the numeric field a parameter path names (`behavior.beta`,
 * `regions.DE.entrants`, `citizenships.IN.network`, `movingCost.DE->CA`, `visaFriction.IN->SV`,
 * `visas.SV.IN.admission`, `lotteries.US-H1B.cap`): the rules a policy's value for that field
 * must pass each period. `undefined` for a path that names no numeric field.
 * @internal
 */
export function numericFieldSchema(path: string): z.ZodType | undefined {
  const parts = path.split(".");
  const field = parts[parts.length - 1];
  const pick = (shape: Record<string, z.ZodType>): z.ZodType | undefined =>
    Object.hasOwn(shape, field) && field !== "rule" && field !== "pool" && field !== "permanent"
      ? shape[field]
      : undefined;
  switch (parts[0]) {
    case "behavior":
      if (parts.length === 4 && parts[1] === "nests" && field === "lambda") return nestLambda;
      return parts.length === 2 ? pick(behaviorSchema.shape) : undefined;
    case "regions":
      return parts.length === 3 ? pick(regionSchema.shape) : undefined;
    case "citizenships":
      return parts.length === 3 && field === "network" ? citizenshipSchema.shape.network : undefined;
    case "movingCost":
    case "visaFriction":
      return parts.length === 2 ? (scenarioSchema.shape[parts[0]].valueType as z.ZodType) : undefined;
    case "visas":
      return parts.length === 4 ? pick(visaNumberFields) : undefined;
    case "lotteries":
      return parts.length === 3 ? pick(lotterySchema.shape) : undefined;
    default:
      return undefined;
  }
}

/** The JSON Schema (draft 2020-12) of a complete scenario file, from {@link scenarioSchema}. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema) as Record<string, unknown>;
}

// Compile-time check that the schema and the `Scenario` type describe the same data, optional
// fields included: if types.ts changes and this schema does not (or the reverse), the build stops.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
/** @internal */
export type SchemaMatchesScenario = Assert<Same<z.output<typeof scenarioSchema>, Scenario>>;
