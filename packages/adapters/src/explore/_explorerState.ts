/**
 * What the explorer's controls hold, and what follows from it: the scenario file (YAML that
 * `talentflow run` accepts), the scenario itself (resolved by the same code as a scenario file,
 * so the page runs what the CLI would), the issues of core's validator placed at the controls,
 * and the URL hash that restores the view. Pure: no DOM, so Node tests run it as the page does.
 * @internal
 * @module
 */
import { planCompare, scenarios, ValidationError, type Scenario } from "@talentflow/core";
import { stringify } from "yaml";
import { resolveScenario } from "../files/_resolveScenario";
import { ALL_CONTROLS, CONTROL_GROUPS, PRESETS, type Control } from "./_controls";

/** A control's value: a number, a switch, or text typed into a number field that is not a number. */
export type ControlValue = number | boolean | string;

/** Everything the page's controls hold. */
export interface ExplorerState {
  /** The built-in scenario the reader started from (a key of PRESETS). */
  readonly preset: string;
  /** Every control's value, by control id. */
  readonly values: Readonly<Record<string, ControlValue>>;
}

/** A problem with the state, at the control it belongs to (none: the scenario as a whole). */
export interface ControlIssue {
  readonly control?: string;
  readonly path: string;
  readonly message: string;
}

/** The resolved state: the scenario and the baseline to run, or the issues that refuse it. */
export interface ResolvedState {
  /** The scenario file's text (YAML), also for a state with issues. */
  readonly yaml: string;
  readonly issues: readonly ControlIssue[];
  readonly scenario?: Scenario;
  readonly baseline?: Scenario;
  readonly replications: number;
  readonly seed: number;
}

const baselineForDefaults = scenarios.baseline({ agents: 1, years: 1 });

/** Every control's value when nothing is changed from `preset` (an unknown preset: the baseline). */
export function presetValues(preset: string): Record<string, ControlValue> {
  const values: Record<string, ControlValue> = {};
  for (const c of ALL_CONTROLS) values[c.id] = c.kind === "number" ? c.initial(baselineForDefaults) : c.initial;
  return { ...values, ...(Object.hasOwn(PRESETS, preset) ? PRESETS[preset].values : {}) };
}

/** The state of a preset with nothing changed. */
export function presetState(preset: string): ExplorerState {
  const known = Object.hasOwn(PRESETS, preset) ? preset : "baseline";
  return { preset: known, values: presetValues(known) };
}

/** Text from a number field as a number, or the text itself when it is not one. */
export function parseNumber(text: string): number | string {
  const t = text.trim().replace(/[,_\s]/g, "");
  if (t === "") return text;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

const controlById = new Map(ALL_CONTROLS.map((c) => [c.id, c]));

/** The scenario file of a state, and which of its paths each control wrote (to place issues). */
export function scenarioFileOf(state: ExplorerState): {
  file: Record<string, unknown>;
  paths: Map<string, string[]>;
} {
  const v = state.values;
  const paths = new Map<string, string[]>([
    ["agents", ["agents"]],
    ["years", ["years"]],
  ]);
  const set: Record<string, unknown> = {};
  const added: Record<string, unknown>[] = [];
  const base = presetValues("baseline");
  for (const group of CONTROL_GROUPS) {
    if (group.policy) {
      if (v[`${group.id}.on`] !== true) continue;
      const policy: Record<string, unknown> = { ...group.policy() };
      const index = added.length;
      paths.set(`${group.id}.on`, [`policies.${index}`]);
      for (const c of group.controls) {
        if (c.kind !== "number" || c.field === undefined) continue;
        policy[c.field] = v[c.id];
        paths.set(c.id, [`policies.${index}.${c.field}`]);
      }
      const { kind, ...fields } = policy;
      added.push({ kind, ...fields });
      continue;
    }
    for (const c of group.controls) {
      if (c.kind === "number") {
        paths.set(c.id, [...(c.set ?? [])]);
        if (v[c.id] !== base[c.id]) for (const p of c.set ?? []) set[p] = v[c.id];
      } else if (v[c.id] !== base[c.id]) {
        const writes = (v[c.id] === true ? c.set : c.off) ?? {};
        Object.assign(set, writes);
        paths.set(c.id, Object.keys(writes));
      }
    }
  }
  const changed = ALL_CONTROLS.some((c) => presetValues(state.preset)[c.id] !== v[c.id] && !isRunSetting(c));
  const file: Record<string, unknown> = {
    extends: "baseline",
    name: changed ? `${state.preset}-edited` : state.preset,
    description: `Made in the TalentFlow scenario explorer, from the built-in scenario ${state.preset}.`,
    agents: v.agents,
    years: v.years,
    ...(Object.keys(set).length > 0 ? { set } : {}),
    ...(added.length > 0 ? { policies: added } : {}),
  };
  return { file, paths };
}

function isRunSetting(c: Control): boolean {
  return c.id === "agents" || c.id === "years" || c.id === "replications" || c.id === "seed";
}

/**
 * The scenario file of a state as YAML that `talentflow run --scenario`, `talentflow compare` and
 * `readScenarioFile` accept, with a comment saying how to rerun the page's comparison.
 */
export function scenarioYaml(state: ExplorerState): string {
  const { file } = scenarioFileOf(state);
  const v = state.values;
  return [
    "# A scenario from the TalentFlow scenario explorer. The page's comparison, in a terminal:",
    `#   talentflow compare baseline ${file.name}.yaml --agents ${v.agents} --years ${v.years} \\`,
    `#     --replications ${v.replications} --seed ${v.seed} --no-variance-reduction`,
    stringify(file, { lineWidth: 0 }),
  ].join("\n");
}

/** Resolves a state: every issue of every control, or the scenario and baseline to compare. */
export function resolveState(state: ExplorerState): ResolvedState {
  const yaml = scenarioYaml(state);
  const v = state.values;
  const issues: ControlIssue[] = [];
  for (const c of ALL_CONTROLS) {
    const value = v[c.id];
    if (c.kind === "number" && typeof value !== "number") {
      const text = String(value).trim();
      const message =
        text === "" ? "must be a number; the field is empty" : `must be a number, got ${JSON.stringify(text)}`;
      issues.push({ control: c.id, path: c.id, message });
    }
  }
  // A field that holds no number is checked with its initial value in its place, so that the
  // other fields' problems show at the same time.
  const unreadable = new Set(issues.map((i) => i.control));
  const initial = presetValues(state.preset);
  const numeric = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unreadable.has(k) ? initial[k] : x]));
  const replications = numeric.replications as number;
  const seed = numeric.seed as number;
  const { file, paths } = scenarioFileOf({ preset: state.preset, values: numeric });
  const { scenario, issues: fileIssues } = resolveScenario(file, {
    file: undefined,
    locate: () => undefined,
    prefix: [],
  });
  for (const i of fileIssues) issues.push({ control: controlOfPath(i.path, paths), path: i.path, message: i.message });
  if (replications > 50)
    issues.push({
      control: "replications",
      path: "replications",
      message: `at most 50 in the page, got ${replications}`,
    });
  try {
    // The comparison's own checks of replications and seed, with core's messages (on a tiny
    // scenario, so that they are shown whatever the state of the other controls).
    planCompare(
      { baseline: baselineForDefaults, scenario: baselineForDefaults },
      {
        replications,
        seed,
        varianceReduction: false,
      },
    );
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    for (const i of e.issues) {
      const control = i.path.replace(/^options\./, "");
      issues.push({ control: controlById.has(control) ? control : undefined, path: i.path, message: i.message });
    }
  }
  const baseline = scenario && scenarios.baseline({ agents: scenario.agents, years: scenario.years });
  if (issues.length > 0) return { yaml, issues, replications, seed };
  return { yaml, issues, scenario, baseline, replications, seed };
}

/** The control that wrote the file path an issue names (the longest related path), if any. */
function controlOfPath(path: string, paths: Map<string, string[]>): string | undefined {
  let best: { control: string; length: number } | undefined;
  const at = path.split(".");
  for (const [control, written] of paths) {
    for (const p of written) {
      const parts = p.split(".");
      const n = Math.min(parts.length, at.length);
      const related = parts.slice(0, n).every((k, j) => k === at[j]);
      if (related && (best === undefined || parts.length > best.length)) best = { control, length: parts.length };
    }
  }
  return best?.control;
}

/** The URL hash of a state: the preset and the values that differ from it, e.g. `#scenario=baseline&us.fee=0`. */
export function encodeHash(state: ExplorerState): string {
  const params = new URLSearchParams({ scenario: state.preset });
  const initial = presetValues(state.preset);
  for (const c of ALL_CONTROLS) {
    const value = state.values[c.id];
    if (value === initial[c.id]) continue;
    params.set(c.id, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  return `#${params.toString()}`;
}

/** The state a URL hash names, and the keys it did not know (reported, not fatal). */
export function decodeHash(hash: string): { state: ExplorerState; unknown: string[] } {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const preset = params.get("scenario") ?? "baseline";
  const { preset: known, values } = presetState(preset);
  const unknown = known === preset ? [] : [`scenario=${preset}`];
  const out: Record<string, ControlValue> = { ...values };
  for (const [key, text] of params) {
    if (key === "scenario") continue;
    const c = controlById.get(key);
    if (c === undefined) unknown.push(key);
    else out[key] = c.kind === "toggle" ? text === "1" || text === "true" : parseNumber(text);
  }
  return { state: { preset: known, values: out }, unknown };
}
