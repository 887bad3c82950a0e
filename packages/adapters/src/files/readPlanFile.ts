import {
  createCalibration,
  createReplication,
  planCompare,
  planSensitivity,
  planSweep,
  ValidationError,
  type CalibrateOptions,
  type CompareOptions,
  type ReplicateOptions,
  type Scenario,
  type SensitivityOptions,
  type SweepOptions,
} from "@talentflow/core";
import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { FileValidationError, type FileIssue } from "./FileValidationError";
import { BUILT_IN_NAMES, BUILT_IN_SCENARIOS } from "./builtInScenarios";
import { didYouMean, zodIssues } from "./_messages";
import { pathSegments, place, placeRaw, resolveScenario, type Sizes, type Where } from "./_resolveScenario";
import { PLAN_SCHEMAS } from "./_schemas";
import { parseText } from "./_yaml";
import { readText, stem } from "./readScenarioFile";

/** The experiment kinds a plan file can describe. */
export type PlanKind = keyof typeof PLAN_SCHEMAS;

/** The kinds of {@link PlanKind}, in a fixed order. */
export const PLAN_KINDS = Object.keys(PLAN_SCHEMAS) as readonly PlanKind[];

/** Fields of every plan read from a file. */
interface PlanBase {
  /** The plan file (absent for text parsed without a file name). */
  readonly file?: string;
}

/** A replication plan: `replicate(plan.scenario, plan.options)`. */
export interface ReplicatePlan extends PlanBase {
  readonly kind: "replicate";
  readonly scenario: Scenario;
  readonly options: ReplicateOptions;
}
/** A comparison plan: `compare(plan.arms, plan.options)`; `arms.baseline` is the reference. */
export interface ComparePlan extends PlanBase {
  readonly kind: "compare";
  readonly arms: Readonly<Record<string, Scenario>>;
  readonly options: CompareOptions;
}
/** A sweep plan: `sweep(plan.scenario, plan.options)`. */
export interface SweepPlan extends PlanBase {
  readonly kind: "sweep";
  readonly scenario: Scenario;
  readonly options: SweepOptions;
}
/** A sensitivity plan: `sensitivity(plan.scenario, plan.options)`. */
export interface SensitivityPlan extends PlanBase {
  readonly kind: "sensitivity";
  readonly scenario: Scenario;
  readonly options: SensitivityOptions;
}
/** A calibration plan: `calibrate(plan.scenario, plan.options)`. */
export interface CalibratePlan extends PlanBase {
  readonly kind: "calibrate";
  readonly scenario: Scenario;
  readonly options: CalibrateOptions;
}

/** A plan read from a file, by `kind`; its `options` are core's options for that experiment. */
export type Plan = ReplicatePlan | ComparePlan | SweepPlan | SensitivityPlan | CalibratePlan;

/** Options of {@link parsePlan}. */
export interface ParsePlanOptions {
  /** The plan file: named in issues; scenario files in the plan are found relative to its folder. */
  readonly file?: string;
  /** Folder that scenario paths are relative to (default: the file's folder, else the working folder). */
  readonly baseDir?: string;
  /** Agents, years or burn-in years to impose on every scenario (the CLI's `--agents`, `--years`). */
  readonly sizes?: Sizes;
  /** Seed to use instead of the plan's (the CLI's `--seed`). */
  readonly seed?: number | string;
}

const ENVELOPE = new Set(["kind", "scenario", "arms", "agents", "years", "burnInYears", "$schema"]);

/**
 * Reads an experiment plan from YAML or JSON text: its `kind` (`compare`, `replicate`, `sweep`,
 * `sensitivity`, `calibrate`), its scenario or arms (built-in names, scenario files relative to
 * the plan, or inline scenarios with `extends`), and the options of core's function of that
 * name. The plan is checked as far as it can be without running it: its fields, its scenarios
 * (core's `validateScenario`) and its options (core's own checks, e.g. parameter paths and
 * metric names).
 *
 * @throws FileValidationError listing every problem with its file, line, column and field path.
 * @example
 * const plan = parsePlan(
 *   "kind: sweep\nscenario: baseline\nagents: 2000\nyears: 1\n" +
 *     "vary:\n  behavior.beta: [0.5, 0.8]\nreplications: 1\nseed: 1\n",
 * );
 * if (plan.kind === "sweep") sweep(plan.scenario, plan.options);
 */
export async function parsePlan(text: string, options: ParsePlanOptions = {}): Promise<Plan> {
  const { file } = options;
  const parsed = parseText(text, file);
  if (parsed.issues.length > 0) throw new FileValidationError(parsed.issues, "plan file is not valid YAML");
  const where: Where = { file, locate: parsed.locate, prefix: [] };
  const value = parsed.value;
  const fail = (issues: FileIssue[]): never => {
    throw new FileValidationError(issues, "plan file is invalid");
  };

  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail([place(where, [], "", "a plan must be a mapping with `kind:` and its fields")]);
  const v = value as Record<string, unknown>;
  const kind = v.kind;
  if (typeof kind !== "string" || !(PLAN_KINDS as readonly string[]).includes(kind)) {
    const message =
      kind === undefined
        ? "extends" in v || "model" in v
          ? `is required: this looks like a scenario file; a plan needs kind (one of ${PLAN_KINDS.join(", ")})`
          : `is required (one of ${PLAN_KINDS.join(", ")})`
        : `unknown plan kind ${JSON.stringify(kind)} (kinds ` +
          `are ${PLAN_KINDS.join(", ")})${typeof kind === "string" ? didYouMean(kind, PLAN_KINDS) : ""}`;
    fail([place(where, ["kind"], "kind", message)]);
  }
  const k = kind as PlanKind;
  const shape = zodIssues(PLAN_SCHEMAS[k], v);
  const issues = placeRaw(where, shape.issues);
  const broken = (key: string) => shape.issues.some((i) => i.path[0] === key);

  const sizes: Sizes = {};
  for (const key of ["agents", "years", "burnInYears"] as const)
    if (typeof v[key] === "number" && !broken(key)) sizes[key] = v[key] as number;
  Object.assign(sizes, Object.fromEntries(Object.entries(options.sizes ?? {}).filter(([, x]) => x !== undefined)));
  const baseDir = options.baseDir ?? (file === undefined ? process.cwd() : dirname(file));

  const scenarioAt = async (ref: unknown, at: string[]): Promise<Scenario | undefined> => {
    if (typeof ref === "string") {
      if (Object.hasOwn(BUILT_IN_SCENARIOS, ref)) return BUILT_IN_SCENARIOS[ref](sizes);
      const path = resolve(baseDir, ref);
      if (!existsSync(path)) {
        issues.push(
          place(
            where,
            at,
            at.join("."),
            `unknown scenario ${JSON.stringify(ref)}${didYouMean(ref, BUILT_IN_NAMES)}: give a built-in ` +
              `(${BUILT_IN_NAMES.join(", ")}) or a scenario file's path relative to the plan (no file ${path})`,
          ),
        );
        return undefined;
      }
      let text: string;
      try {
        text = await readText(path);
      } catch (e) {
        issues.push(...(e as FileValidationError).issues);
        return undefined;
      }
      const shown = relative(process.cwd(), path) || path;
      const inner = parseText(text, shown);
      if (inner.issues.length > 0) {
        issues.push(...inner.issues);
        return undefined;
      }
      const r = resolveScenario(
        inner.value,
        { file: shown, locate: inner.locate, prefix: [] },
        { defaultName: stem(ref), sizes },
      );
      issues.push(...r.issues);
      return r.scenario;
    }
    if (ref === undefined || broken(at[0])) return undefined;
    const r = resolveScenario(
      ref,
      { ...where, prefix: at },
      { sizes, ...(at[0] === "arms" ? { defaultName: at[1] } : {}) },
    );
    issues.push(...r.issues);
    return r.scenario;
  };

  const planOptions = Object.fromEntries(Object.entries(v).filter(([key]) => !ENVELOPE.has(key)));
  if (options.seed !== undefined) planOptions.seed = options.seed;

  let plan: Plan | undefined;
  if (k === "compare") {
    const arms: Record<string, Scenario> = {};
    let all = true;
    const refs = typeof v.arms === "object" && v.arms !== null && !Array.isArray(v.arms) ? Object.entries(v.arms) : [];
    for (const [name, ref] of refs) {
      const s = await scenarioAt(ref, ["arms", name]);
      if (s) arms[name] = s;
      else all = false;
    }
    if (all && shape.ok)
      plan = { kind: k, ...(file ? { file } : {}), arms, options: planOptions as unknown as CompareOptions };
  } else {
    const scenario = await scenarioAt(v.scenario, ["scenario"]);
    if (scenario && shape.ok)
      plan = { kind: k, ...(file ? { file } : {}), scenario, options: planOptions as never } as Plan;
  }

  if (plan && issues.length === 0) {
    try {
      checkWithCore(plan);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const i of e.issues) {
        const segments = pathSegments(i.path.replace(/^options\./, ""));
        issues.push(place(where, segments, segments.join("."), i.message));
      }
    }
  }
  if (issues.length > 0 || plan === undefined) fail(issues);
  return plan!;
}

/** Core's own checks of the options, without running anything. */
function checkWithCore(plan: Plan): void {
  switch (plan.kind) {
    case "replicate":
      createReplication(plan.scenario, plan.options);
      return;
    case "compare":
      planCompare(plan.arms, plan.options);
      return;
    case "sweep":
      planSweep(plan.scenario, plan.options);
      return;
    case "sensitivity":
      planSensitivity(plan.scenario, plan.options);
      return;
    case "calibrate":
      createCalibration(plan.scenario, plan.options);
      return;
  }
}

/**
 * Reads a plan file (`.yaml`, `.yml` or `.json`): see {@link parsePlan} for what it checks.
 * Scenario files named in the plan are found relative to the plan's folder.
 *
 * @throws FileValidationError naming the file, line, column and field of every problem.
 * @example
 * const plan = await readPlanFile("examples/scenarios/plans/compare.yaml");
 * if (plan.kind === "compare") compare(plan.arms, plan.options);
 */
export async function readPlanFile(path: string, options: Omit<ParsePlanOptions, "file"> = {}): Promise<Plan> {
  return parsePlan(await readText(path), { ...options, file: path });
}
