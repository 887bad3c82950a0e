/**
 * The zod schemas of scenario files and plan files. They check the files' own shape (known
 * fields, types, a built-in name, a policy kind and the fields its constructor needs); the
 * scenario they describe is checked by core's `validateScenario` and the experiment options by
 * core's experiment functions, so the rules live in one place. `jsonSchemas()` turns these
 * schemas into the JSON Schemas editors use.
 * @internal
 * @module
 */
import {
  scenarioSchema,
  type CalibrateOptions,
  type CompareOptions,
  type ReplicateOptions,
  type SensitivityOptions,
  type SweepOptions,
} from "@talentflow/core";
import { z } from "zod";
import { BUILT_IN_NAMES } from "./builtInScenarios";

/**
 * The fields each `policies.*` constructor of core requires; the others have defaults or are
 * optional. A test checks that each constructor, given only these, makes a valid policy.
 */
export const POLICY_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  researchCooperation: ["partners", "from"],
  economicCooperation: ["partners", "from"],
  regulatoryAlignment: ["partners", "from"],
  talentExchange: ["partners", "from"],
  visaRegime: ["region", "from"],
  openWorkPermit: ["region", "holdersIn", "places", "from"],
  investment: ["region", "amount", "from"],
  languageAccess: ["region", "englishJobShare", "from"],
  taxIncentive: ["region", "reduction", "from"],
  custom: ["path", "expression", "from"],
};

type AnyObject = z.ZodObject<z.core.$ZodLooseShape, z.core.$strict>;

/** Core's policy schemas, as the constructors take them: fields with defaults become optional. */
function policyInputSchema() {
  const policies = scenarioSchema.shape.policies as unknown as z.ZodArray<z.ZodDiscriminatedUnion<AnyObject[]>>;
  const options = policies.element.options.map((option) => {
    const kind = (option.shape.kind as z.ZodLiteral<string>).value;
    const required = Object.fromEntries(["kind", ...(POLICY_REQUIRED[kind] ?? [])].map((k) => [k, true as const]));
    return option.partial().required(required as never) as unknown as AnyObject;
  });
  return z
    .discriminatedUnion("kind", options as [AnyObject, ...AnyObject[]])
    .describe(
      "A policy by kind, with the fields of its constructor in @talentflow/core's `policies` (defaults filled in).",
    );
}

const whole = (min: number) => z.number().int().gte(min);
const schemaRef = z.string().describe("The JSON Schema this file follows (for editors).");

/** The envelope of a scenario file that extends a built-in. */
export const extendsScenarioSchema = z
  .strictObject({
    $schema: schemaRef.optional(),
    extends: z.enum(BUILT_IN_NAMES as [string, ...string[]]).describe("The built-in scenario to start from."),
    name: z.string().min(1).optional().describe("Scenario name, used in rows and run keys (default: the file's name)."),
    description: z.string().optional().describe("A sentence on what the scenario is."),
    agents: whole(1).optional().describe("Number of agents (default: one per person)."),
    years: whole(1).optional().describe("Reported years (default 10)."),
    burnInYears: whole(0).optional().describe("Burn-in years before the start, not reported (default 2)."),
    set: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "Overrides by dotted path, in order: regions.DE.taxRate: " +
          "0.3, movingCost.DE->CA: 2, lotteries.US-H1B.cap: 2500.",
      ),
    policies: z
      .array(policyInputSchema())
      .optional()
      .describe("Policies added after the built-in's own, applied in the order listed."),
  })
  .describe("A TalentFlow scenario file: a built-in scenario, overrides by dotted path, and added policies.");

/** A complete scenario written out in full (core's schema), with an optional `$schema`. */
export const fullScenarioSchema = scenarioSchema.extend({ $schema: schemaRef.optional() });

/** A scenario file: either form. Used for the JSON Schema; reading dispatches on `extends`. */
export const scenarioFileSchema = z
  .union([extendsScenarioSchema, fullScenarioSchema])
  .describe("A TalentFlow scenario file: `extends` a built-in with overrides and policies, or a complete scenario.");

/** Where a plan's scenario comes from: a built-in name, a scenario file (relative to the plan), or inline. */
const scenarioRef = z
  .union([z.string().min(1), extendsScenarioSchema])
  .describe(
    "A built-in scenario name, a scenario file's path (relative to this plan), or an inline scenario with `extends`.",
  );

const metricName = z.string().min(1);
const metrics = z.array(metricName).describe("Metrics to record (default: all).");
const seed = z.union([z.number(), z.string()]).describe("Master seed: run r is seeded by runSeed(seed, r).");
const confidence = z.number().describe("Confidence level of the intervals (default 0.95).");
const selector = z
  .strictObject({
    metric: metricName,
    region: z.string().optional(),
    origin: z.string().optional(),
    destination: z.string().optional(),
    citizenship: z.string().optional(),
    period: z.union([whole(0), z.literal("last")]).optional(),
    aggregate: z.enum(["last", "mean", "sum"]).optional(),
  })
  .describe("One number of a run: a metric narrowed by its dimensions and reduced over periods.");

/** Fields every plan has: its kind and the size of its runs. */
const sizes = {
  $schema: schemaRef.optional(),
  agents: whole(1).optional().describe("Agents of every scenario in the plan (overrides the scenarios')."),
  years: whole(1).optional().describe("Reported years of every scenario in the plan."),
  burnInYears: whole(0).optional().describe("Burn-in years of every scenario in the plan."),
};

export const replicatePlanSchema = z
  .strictObject({
    kind: z.literal("replicate"),
    scenario: scenarioRef,
    ...sizes,
    replications: whole(2).describe("Number of replications (>= 2); with targetHalfWidth, the first batch."),
    seed,
    metrics: metrics.optional(),
    targetHalfWidth: z
      .union([z.number(), z.record(z.string(), z.number())])
      .optional()
      .describe("Add replications until every interval's half-width is at most this (one number, or per metric)."),
    maxReplications: whole(2).optional().describe("Cap on replications with targetHalfWidth."),
    batchSize: whole(1).optional().describe("Replications added per batch with targetHalfWidth."),
    confidence: confidence.optional(),
  })
  .describe("A replication plan: one scenario under many seeds, with t intervals per series.");

export const comparePlanSchema = z
  .strictObject({
    kind: z.literal("compare"),
    arms: z
      .record(z.string(), scenarioRef)
      .describe("The arms by name; `baseline` is the reference the others are compared with."),
    ...sizes,
    replications: whole(2).describe("Paired replications (>= 2)."),
    seed,
    metrics: metrics.optional(),
    varianceReduction: z
      .boolean()
      .optional()
      .describe("Measure the variance-reduction factor with a second set of runs (default true)."),
    confidence: confidence.optional(),
  })
  .describe("A comparison plan: policy arms against a baseline on paired replications (common random numbers).");

const sweepAxis = z.union([
  z.array(z.number()),
  z.strictObject({ min: z.number(), max: z.number(), steps: whole(2).optional() }),
]);

export const sweepPlanSchema = z
  .strictObject({
    kind: z.literal("sweep"),
    scenario: scenarioRef,
    ...sizes,
    vary: z
      .record(z.string(), sweepAxis)
      .describe("Parameter paths and their values (a list) or ranges ({ min, max, steps })."),
    design: z.enum(["grid", "latinHypercube", "sobol"]).optional().describe("Design of the points (default grid)."),
    samples: whole(1).optional().describe("Points of a latinHypercube or sobol design."),
    replications: whole(1).describe("Replications per point."),
    seed,
    independent: z.boolean().optional().describe("Independent streams per point instead of common random numbers."),
    metrics: metrics.optional(),
    confidence: confidence.optional(),
  })
  .describe("A sweep plan: a design of parameter points, each run with the same replicate seeds.");

export const sensitivityPlanSchema = z
  .strictObject({
    kind: z.literal("sensitivity"),
    scenario: scenarioRef,
    ...sizes,
    method: z.enum(["morris", "sobol"]).describe("Morris screening or Sobol' indices."),
    parameters: z
      .record(z.string(), z.strictObject({ min: z.number(), max: z.number() }))
      .describe("Parameter paths and the range each is varied over."),
    metric: z
      .union([metricName, selector])
      .describe("The outcome: a metric name (with filters beside it) or a selector."),
    region: z.string().optional(),
    origin: z.string().optional(),
    destination: z.string().optional(),
    citizenship: z.string().optional(),
    period: z.union([whole(0), z.literal("last")]).optional(),
    aggregate: z.enum(["last", "mean", "sum"]).optional(),
    seed,
    replications: whole(1).optional().describe("Replications per design point (default 1)."),
    trajectories: whole(1).optional().describe("Morris: trajectories (default 10)."),
    levels: whole(2).optional().describe("Morris: grid levels, even (default 4)."),
    samples: whole(1).optional().describe("Sobol: base samples, a power of two (default 64)."),
    bootstrap: whole(1).optional().describe("Sobol: bootstrap resamples for the intervals (default 500)."),
  })
  .describe("A sensitivity plan: Morris screening or Sobol' indices of one outcome.");

const bounds = z
  .strictObject({
    lower: z.number().optional(),
    upper: z.number().optional(),
    start: z.number().optional(),
    prior: z.strictObject({ kind: z.literal("uniform"), lower: z.number(), upper: z.number() }).optional(),
  })
  .describe("Bounds { lower, upper } (or a uniform prior) and an optional start.");

export const calibratePlanSchema = z
  .strictObject({
    kind: z.literal("calibrate"),
    scenario: scenarioRef,
    ...sizes,
    method: z
      .enum(["msm", "abc"])
      .describe("Method of simulated moments (Nelder-Mead) or approximate Bayesian computation."),
    parameters: z.record(z.string(), bounds).describe("Parameters to estimate, by dotted path."),
    targets: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          value: z.number().describe("Observed value."),
          se: z.number().describe("Its standard error, > 0."),
          selector,
        }),
      )
      .describe("Moments to fit: each a metric selector with its observed value and standard error."),
    replications: whole(1).optional().describe("Replicate runs per candidate (default 2)."),
    seed: seed.optional(),
    maxEvaluations: whole(1).optional().describe("Most candidates to simulate."),
    metrics: metrics.optional(),
    msm: z
      .strictObject({ initialStep: z.number().optional(), xTol: z.number().optional(), fTol: z.number().optional() })
      .optional(),
    abc: z
      .strictObject({
        algorithm: z.enum(["smc", "rejection"]).optional(),
        particles: whole(1).optional(),
        generations: whole(1).optional(),
        quantile: z.number().optional(),
        draws: whole(1).optional(),
        acceptFraction: z.number().optional(),
      })
      .optional(),
  })
  .describe("A calibration plan: parameters with bounds, target moments, and the method.");

/** The plan schemas by kind. */
export const PLAN_SCHEMAS = {
  compare: comparePlanSchema,
  replicate: replicatePlanSchema,
  sweep: sweepPlanSchema,
  sensitivity: sensitivityPlanSchema,
  calibrate: calibratePlanSchema,
} as const;

// Compile-time checks: each plan's option fields fit the options of core's function, so a plan
// read from a file is passed on without a cast, and a change in core that a plan does not
// follow stops the build.
type Envelope = "kind" | "scenario" | "arms" | "agents" | "years" | "burnInYears" | "$schema";
type Fits<T extends U, U> = T;
/** @internal */
export type PlanOptionsFitCore = [
  Fits<Omit<z.output<typeof replicatePlanSchema>, Envelope>, ReplicateOptions>,
  Fits<Omit<z.output<typeof comparePlanSchema>, Envelope>, CompareOptions>,
  Fits<Omit<z.output<typeof sweepPlanSchema>, Envelope>, SweepOptions>,
  Fits<Omit<z.output<typeof sensitivityPlanSchema>, Envelope>, SensitivityOptions>,
];
/** Calibration targets from a file always carry a selector; the bounds are checked by core. */
export type CalibratePlanOptions = Omit<z.output<typeof calibratePlanSchema>, Envelope>;
/** @internal */
export type CalibrateFitsCore = Fits<
  Pick<
    CalibratePlanOptions,
    "method" | "targets" | "replications" | "seed" | "maxEvaluations" | "metrics" | "msm" | "abc"
  >,
  Partial<CalibrateOptions>
>;
