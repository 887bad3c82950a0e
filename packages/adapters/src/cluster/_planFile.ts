/**
 * `plan.json` of a shard output folder: the plan's distinct runs in plan order (key, scenario
 * name, replicate, seed, varied parameters) and the caller's `info`. Every shard builds the
 * same text from the same plan, so whichever shard writes it first, the file is the same; a
 * shard that finds a different one refuses to mix two plans in one folder.
 *
 * Internal module (hence the leading `_`).
 * @module
 */
import { ValidationError, uniqueSpecs, type RunSpec } from "@talentflow/core";
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../atomicWrite";
import { planPath } from "./_layout";

/** Format tag of plan.json. */
export const PLAN_FORMAT = "talentflow.cluster-plan/1";

/** One run of a stored plan. */
export interface StoredRun {
  readonly key: string;
  readonly scenario: string;
  readonly replicate: number;
  readonly seed: number;
  readonly point?: Readonly<Record<string, number>>;
}

/** The content of plan.json. */
export interface StoredPlan {
  readonly format: typeof PLAN_FORMAT;
  readonly info: unknown;
  readonly runs: readonly StoredRun[];
}

/** JSON with object keys sorted, so equal values give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** The stored form of a plan's specs: distinct keys, in plan order. */
export function storedPlan(specs: readonly RunSpec[], info: unknown): StoredPlan {
  const unique = uniqueSpecs(specs);
  if (unique.length === 0)
    throw new ValidationError(
      [{ path: "plan.specs", message: "is empty: the plan has no runs" }],
      "cannot run a shard",
    );
  return {
    format: PLAN_FORMAT,
    info: info ?? null,
    runs: unique.map((s) => ({
      key: s.key,
      scenario: s.scenario.name,
      replicate: s.replicate,
      seed: s.seed,
      ...(s.point ? { point: s.point } : {}),
    })),
  };
}

/** plan.json's text: one run per line, so that a diff or `grep` of a key is readable. */
export function planText(plan: StoredPlan): string {
  return (
    `{"format":${JSON.stringify(plan.format)},"info":${stableJson(plan.info)}` +
    `,"runs":[\n${plan.runs.map(stableJson).join(",\n")}\n]}\n`
  );
}

/** Reads plan.json, or undefined when the folder has none. */
export async function readStoredPlan(dir: string): Promise<StoredPlan | undefined> {
  let text: string;
  try {
    text = await readFile(planPath(dir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let plan: StoredPlan;
  try {
    plan = JSON.parse(text) as StoredPlan;
  } catch (error) {
    throw new ValidationError(
      [{ path: planPath(dir), message: `is not valid JSON (${(error as Error).message})` }],
      "cannot read the shard plan",
    );
  }
  if (plan?.format !== PLAN_FORMAT || !Array.isArray(plan.runs)) {
    throw new ValidationError(
      [
        {
          path: planPath(dir),
          message: `is not a TalentFlow cluster plan (format ${JSON.stringify(plan?.format)}, expected ${PLAN_FORMAT})`,
        },
      ],
      "cannot read the shard plan",
    );
  }
  return plan;
}

/** Reads plan.json or fails naming the folder. */
export async function requireStoredPlan(dir: string): Promise<StoredPlan> {
  const plan = await readStoredPlan(dir);
  if (!plan) {
    throw new ValidationError(
      [
        {
          path: planPath(dir),
          message: "not found: this folder holds no sharded runs (run a shard with --out to it first)",
        },
      ],
      "not a shard output folder",
    );
  }
  return plan;
}

/**
 * Writes plan.json unless the folder has it already, and checks that the folder's plan is this
 * one (the same runs and info). Two shards writing at once write the same text; the second read
 * catches a different plan written in between.
 * @throws ValidationError when the folder holds a different plan.
 */
export async function ensurePlanFile(dir: string, plan: StoredPlan): Promise<void> {
  const text = planText(plan);
  const check = async () => {
    const existing = await readStoredPlan(dir);
    if (!existing) return false;
    if (planText(existing) === text) return true;
    throw new ValidationError(
      [{ path: planPath(dir), message: differenceOf(existing, plan) }],
      "this output folder belongs to another plan (use a new --out folder, or the same plan and info)",
    );
  };
  if (await check()) return;
  await writeFileAtomic(planPath(dir), text);
  await check();
}

/** What differs between two plans, in words. */
export function differenceOf(stored: StoredPlan, plan: StoredPlan): string {
  if (stored.runs.length !== plan.runs.length)
    return `holds a plan of ${stored.runs.length} runs; this plan has ${plan.runs.length}`;
  for (let k = 0; k < plan.runs.length; k++) {
    const a = stableJson(stored.runs[k]);
    const b = stableJson(plan.runs[k]);
    if (a !== b) return `run ${k} differs: the folder has ${a}, this plan ${b}`;
  }
  return `the plan info differs: the folder has ${stableJson(stored.info)}, this plan ${stableJson(plan.info)}`;
}
