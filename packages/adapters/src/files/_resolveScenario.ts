/**
 * From the value of a scenario file (or of a scenario inside a plan) to a validated scenario:
 * the built-in it extends, its overrides by dotted path, its policies by kind; then core's
 * `validateScenario`, with every issue placed back at the line and column the user wrote.
 * @internal
 * @module
 */
import {
  cloneScenario,
  policies as policyConstructors,
  setParameter,
  validateScenario,
  ValidationError,
  type Policy,
  type Scenario,
} from "@talentflow/core";
import type { FileIssue } from "./FileValidationError";
import { BUILT_IN_NAMES, BUILT_IN_SCENARIOS, type BuiltInOptions } from "./builtInScenarios";
import { didYouMean, zodIssues, type RawIssue } from "./_messages";
import { extendsScenarioSchema } from "./_schemas";
import type { Locate, PathKey } from "./_yaml";

/** Where a scenario's value sits: the file, positions in it, and the path of the value. */
export interface Where {
  readonly file: string | undefined;
  readonly locate: Locate;
  readonly prefix: readonly PathKey[];
}

/** Sizes a plan imposes on every scenario in it. */
export type Sizes = Pick<BuiltInOptions, "agents" | "years" | "burnInYears">;

/** A core issue path (`policies.7.from`, `targets[0].selector`) as segments. */
export function pathSegments(path: string): PathKey[] {
  if (path === "") return [];
  const out: PathKey[] = [];
  for (const part of path.split(".")) {
    const m = /^(.*?)((?:\[\d+\])+)$/.exec(part);
    if (m) {
      if (m[1]) out.push(m[1]);
      for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
    } else {
      out.push(/^\d+$/.test(part) ? Number(part) : part);
    }
  }
  return out;
}

/** Places an issue: `at` is the path in the value (for line and column), `path` what the user reads. */
export function place(where: Where, at: readonly PathKey[], path: string, message: string): FileIssue {
  // An unknown field is shown at its key, everything else at its value.
  const pos = where.locate([...where.prefix, ...at], { key: message.startsWith("unknown field") });
  return {
    ...(where.file === undefined ? {} : { file: where.file }),
    ...(pos ?? {}),
    path,
    message,
  };
}

const joinPath = (keys: readonly PathKey[]): string => keys.join(".");

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Resolves a scenario value. `defaultName` names a scenario that extends a built-in and sets no
 * `name` (a file's stem). Returns the scenario only when there are no issues.
 */
export function resolveScenario(
  value: unknown,
  where: Where,
  options: { defaultName?: string; sizes?: Sizes } = {},
): { scenario?: Scenario; issues: FileIssue[] } {
  const sizes = definedOnly(options.sizes ?? {});
  if (!isObject(value)) {
    return {
      issues: [
        place(
          where,
          [],
          "",
          `a scenario must be a mapping with \`extends: <built-in>\` or a complete ` +
            `scenario, got ${value === undefined || value === null ? "nothing" : typeof value}`,
        ),
      ],
    };
  }
  if (!("extends" in value)) {
    if ("kind" in value) {
      return {
        issues: [
          place(
            where,
            ["kind"],
            "kind",
            `this is a plan file (kind ${JSON.stringify(value.kind)}), not a ` +
              `scenario: run it with \`talentflow ${String(value.kind)} <plan>\``,
          ),
        ],
      };
    }
    if (!("model" in value)) {
      return {
        issues: [
          place(
            where,
            [],
            "extends",
            `is required: start from a built-in scenario (${BUILT_IN_NAMES.join(", ")}), ` +
              `or write a complete scenario with \`model: talentflow/1\``,
          ),
        ],
      };
    }
    return resolveFull(value, where, sizes);
  }
  return resolveExtends(value, where, options.defaultName, sizes);
}

function definedOnly(sizes: Sizes): Sizes {
  return Object.fromEntries(Object.entries(sizes).filter(([, v]) => v !== undefined)) as Sizes;
}

/** A complete scenario: core's validator, issue paths as written. */
function resolveFull(
  value: Record<string, unknown>,
  where: Where,
  sizes: Sizes,
): { scenario?: Scenario; issues: FileIssue[] } {
  const { $schema: _schema, ...rest } = value;
  const result = validateScenario({ ...rest, ...sizes });
  if (result.ok) return { scenario: result.scenario, issues: [] };
  return { issues: result.issues.map((i) => place(where, pathSegments(i.path), i.path, i.message)) };
}

/** `extends` + sizes + `set` + `policies`. */
function resolveExtends(
  value: Record<string, unknown>,
  where: Where,
  defaultName: string | undefined,
  sizes: Sizes,
): { scenario?: Scenario; issues: FileIssue[] } {
  const envelope = zodIssues(extendsScenarioSchema, value);
  const issues: FileIssue[] = envelope.issues.map((i) => place(where, i.path, joinPath(i.path), i.message));
  const broken = (path: PathKey[]) => envelope.issues.some((i) => path.every((k, n) => i.path[n] === k));

  const builtIn = typeof value.extends === "string" ? BUILT_IN_SCENARIOS[value.extends] : undefined;
  if (builtIn === undefined || !Object.hasOwn(BUILT_IN_SCENARIOS, String(value.extends))) {
    if (typeof value.extends === "string" && !envelope.issues.some((i) => i.path[0] === "extends")) {
      issues.push(
        place(
          where,
          ["extends"],
          "extends",
          `unknown built-in ${JSON.stringify(value.extends)}${didYouMean(value.extends, BUILT_IN_NAMES)}`,
        ),
      );
    }
    return { issues };
  }

  const own: BuiltInOptions = {};
  for (const key of ["agents", "years", "burnInYears"] as const) {
    if (value[key] !== undefined && !broken([key])) own[key] = value[key] as number;
  }
  let scenario = builtIn({ ...own, ...sizes });
  const builtInName = scenario.name;
  const builtInPolicies = scenario.policies.length;

  // Overrides, in the order written; a failed one is reported and the others still apply.
  const overrides: string[] = [];
  if (isObject(value.set) && !broken(["set"])) {
    for (const [path, v] of Object.entries(value.set)) {
      try {
        scenario = applyOverride(scenario, path, v);
        overrides.push(path);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        for (const i of e.issues) issues.push(place(where, ["set", path], path, i.message));
      }
    }
  }

  // Policies by kind, through core's constructors (which fill the defaults); broken ones are
  // already reported and left out, so core does not report them a second time.
  const fileIndex: number[] = [];
  if (Array.isArray(value.policies)) {
    const added: Policy[] = [];
    value.policies.forEach((p: unknown, i) => {
      // A policy with a known kind goes in even if a field is wrong, so that core's checks
      // across fields (unknown regions, windows) run too; issues reported twice are dropped below.
      if (!isObject(p)) return;
      const make = (policyConstructors as unknown as Record<string, (input: object) => Policy>)[String(p.kind)];
      if (make === undefined) return;
      const { kind: _kind, ...input } = p;
      added.push(make(input));
      fileIndex.push(i);
    });
    scenario = { ...scenario, policies: [...scenario.policies, ...added] };
  }

  const name = typeof value.name === "string" && !broken(["name"]) ? value.name : undefined;
  scenario.name = name ?? defaultName ?? builtInName;
  if (typeof value.description === "string") scenario.description = value.description;

  const result = validateScenario(scenario);
  if (!result.ok) {
    for (const i of result.issues) {
      const segments = pathSegments(i.path);
      const placed = placeCoreIssue(where, segments, i.path, i.message, {
        builtInName,
        builtInPolicies,
        fileIndex,
        overrides,
        value,
      });
      if (!issues.some((j) => j.path === placed.path && j.line === placed.line)) issues.push(placed);
    }
  }
  return issues.length === 0 && result.ok ? { scenario: result.scenario, issues } : { issues };
}

/** Where an issue of the resolved scenario came from: a policy of the file, an override, a size, or the built-in. */
function placeCoreIssue(
  where: Where,
  segments: PathKey[],
  path: string,
  message: string,
  ctx: {
    builtInName: string;
    builtInPolicies: number;
    fileIndex: number[];
    overrides: string[];
    value: Record<string, unknown>;
  },
): FileIssue {
  if (segments[0] === "policies" && typeof segments[1] === "number" && segments[1] >= ctx.builtInPolicies) {
    const i = ctx.fileIndex[segments[1] - ctx.builtInPolicies];
    const at: PathKey[] = ["policies", i, ...segments.slice(2)];
    return place(where, at, joinPath(at), message);
  }
  let best: string | undefined;
  for (const o of ctx.overrides) {
    const p = o.split(".");
    const n = Math.min(p.length, segments.length);
    const related = p.slice(0, n).every((k, j) => k === String(segments[j]));
    if (related && (best === undefined || p.length > best.split(".").length)) best = o;
  }
  if (best !== undefined) return place(where, ["set", best], path, message);
  const top = segments[0];
  if (typeof top === "string" && top in ctx.value && top !== "policies") return place(where, [top], path, message);
  return place(where, ["extends"], path, `${message} (in the built-in scenario ${JSON.stringify(ctx.builtInName)})`);
}

/**
 * Sets one value by dotted path. Numbers go through core's `setParameter` (which knows pair keys
 * such as `movingCost.DE->CA` and copies a `*` visa rule before changing it); other values, and
 * numbers for a field the scenario does not have yet, are set where the path leads, and core's
 * validator then says whether the field exists (`unknown field "taxrate" (did you mean
 * "taxRate"?)`).
 */
export function applyOverride(scenario: Scenario, path: string, value: unknown): Scenario {
  if (typeof value === "number") {
    try {
      return setParameter(scenario, path, value);
    } catch (e) {
      if (!(e instanceof ValidationError) || !parentExists(scenario, path)) throw e;
    }
  }
  const out = cloneScenario(scenario);
  const parts = path.split(".");
  const parent = walk(out, parts.slice(0, -1), path);
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw new ValidationError([
        {
          path,
          message:
            `${parts.slice(0, -1).join(".")} is a list of ` +
            `${parent.length}: use an index from 0 to ${parent.length}`,
        },
      ]);
    }
    parent[index] = cloneScenario(value);
  } else {
    (parent as Record<string, unknown>)[last] = cloneScenario(value);
  }
  return out;
}

function parentExists(scenario: Scenario, path: string): boolean {
  try {
    walk(scenario, path.split(".").slice(0, -1), path);
    return true;
  } catch {
    return false;
  }
}

function walk(root: unknown, parts: readonly string[], path: string): object {
  let node: unknown = root;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const next =
      typeof node === "object" && node !== null && Object.hasOwn(node, part)
        ? (node as Record<string, unknown>)[part]
        : undefined;
    if (typeof next !== "object" || next === null) {
      const at = parts.slice(0, k).join(".");
      const keys = typeof node === "object" && node !== null && !Array.isArray(node) ? Object.keys(node) : [];
      const message =
        next === undefined
          ? `${at ? `${at} has` : "the scenario has"} no field ${JSON.stringify(part)}` +
            `${didYouMean(part, keys)}${keys.length ? `; fields: ${keys.join(", ")}` : ""}`
          : `${parts.slice(0, k + 1).join(".")} holds a value, not fields`;
      throw new ValidationError([{ path, message }]);
    }
    node = next;
  }
  if (typeof node !== "object" || node === null)
    throw new ValidationError([{ path, message: "cannot set a field here" }]);
  return node;
}

/** Turns raw issues of a plan's own fields into placed issues. */
export function placeRaw(where: Where, raw: readonly RawIssue[]): FileIssue[] {
  return raw.map((i) => place(where, i.path, joinPath(i.path), i.message));
}
