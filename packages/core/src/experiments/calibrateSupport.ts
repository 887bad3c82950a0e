/**
 * Helpers of {@link calibrate}: setting a scenario's numeric parameter by its dotted path, and
 * selecting one number from a run's tidy rows. Private equivalents of `experiments/paths.ts` and
 * `experiments/metric.ts`, which did not exist when calibration was written.
 * @internal
 * @module
 */
import { ValidationError, type Issue } from "../errors";
import { compileScenario, parsePairKey } from "../model/_compile";
import { resolvePath } from "../model/_period";
import { METRICS, type TidyRow } from "../rows";
import type { Scenario } from "../types";
import { cloneScenario } from "../withPolicies";

/**
 * Checks that `path` names a numeric field of the scenario that {@link setScenarioParameter} can
 * set; returns a message if not.
 * @internal
 */
export function checkParameterPath(scenario: Scenario, path: string): string | undefined {
  if (typeof path !== "string" || path.length === 0) return "must be a dotted parameter path such as behavior.homeBias";
  let cs;
  try {
    cs = compileScenario(scenario);
  } catch {
    return undefined; // the scenario itself is invalid; validation reports that
  }
  const parts = splitPath(path);
  if (parts[0] === "movingCost" || parts[0] === "visaFriction") {
    return resolvePath(cs, path) ? undefined : `"${path}" names no pair of known ${parts[0] === "movingCost" ? "regions" : "citizenship and region"} (e.g. ${parts[0] === "movingCost" ? "movingCost.CA<->SV" : "visaFriction.IN->SV"})`;
  }
  const value = getAt(scenario, parts);
  if (typeof value !== "number") {
    return `"${path}" is not a numeric scenario field (e.g. behavior.homeBias, regions.CA.amenity, movingCost.CA<->SV, lotteries.US-H1B.cap)`;
  }
  return undefined;
}

function splitPath(path: string): string[] {
  const parts = path.split(".");
  // Pair keys and lottery names may not contain dots, so a plain split is safe except for the
  // pair tables, whose second segment is the whole key.
  if ((parts[0] === "movingCost" || parts[0] === "visaFriction") && parts.length > 2) return [parts[0], parts.slice(1).join(".")];
  return parts;
}

function getAt(obj: unknown, parts: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const p of parts) {
    if (typeof cur !== "object" || cur === null || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/**
 * A copy of `scenario` with the numeric field at `path` set to `value`. `movingCost.A<->B` sets
 * both directions; `movingCost.A->B` one direction (a symmetric entry that covered it is split
 * into its two directions first, so the other direction keeps its value).
 * @internal
 */
export function setScenarioParameter(scenario: Scenario, path: string, value: number): Scenario {
  const problem = checkParameterPath(scenario, path);
  if (problem) throw new ValidationError([{ path, message: problem }], "setParameter");
  const out = cloneScenario(scenario);
  const parts = splitPath(path);
  if (parts[0] === "movingCost") {
    const pair = parsePairKey(parts[1]!)!;
    const directed: Record<string, number> = {};
    const others: Record<string, number> = {};
    for (const [key, v] of Object.entries(out.movingCost)) {
      const p = parsePairKey(key);
      const touches = p && ((p.from === pair.from && p.to === pair.to) || (p.from === pair.to && p.to === pair.from));
      if (!touches) {
        others[key] = v;
        continue;
      }
      directed[`${p.from}->${p.to}`] = v;
      if (p.both) directed[`${p.to}->${p.from}`] = v;
    }
    directed[`${pair.from}->${pair.to}`] = value;
    if (pair.both) directed[`${pair.to}->${pair.from}`] = value;
    out.movingCost = { ...others, ...directed };
    return out;
  }
  if (parts[0] === "visaFriction") {
    out.visaFriction = { ...out.visaFriction, [parts[1]!]: value };
    return out;
  }
  let cur = out as unknown as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
  cur[parts[parts.length - 1]!] = value;
  return out;
}

/**
 * Which rows of a run make a number, and how they are reduced: the rows of `metric` that match
 * the given dimensions (absent dimensions match anything) within the period window, reduced by
 * `reduce` (default `"mean"`).
 */
export interface MomentSelector {
  /** A metric of {@link METRICS} (or the name of an observer). */
  readonly metric: string;
  readonly region?: string;
  readonly origin?: string;
  readonly destination?: string;
  readonly citizenship?: string;
  /** First reported period included (default 0). */
  readonly fromPeriod?: number;
  /** Last reported period included (default: the last). */
  readonly toPeriod?: number;
  /** How the matching rows become one number; default "mean". */
  readonly reduce?: "mean" | "sum" | "first" | "last";
}

/**
 * The number a selector picks from one run's rows; NaN if no row matches.
 * @internal
 */
export function selectMoment(rows: readonly TidyRow[], sel: MomentSelector): number {
  const from = sel.fromPeriod ?? -Infinity;
  const to = sel.toPeriod ?? Infinity;
  const picked: number[] = [];
  for (const r of rows) {
    if (r.metric !== sel.metric || r.period < from || r.period > to) continue;
    if (sel.region !== undefined && r.region !== sel.region) continue;
    if (sel.origin !== undefined && r.origin !== sel.origin) continue;
    if (sel.destination !== undefined && r.destination !== sel.destination) continue;
    if (sel.citizenship !== undefined && r.citizenship !== sel.citizenship) continue;
    picked.push(r.value);
  }
  if (picked.length === 0) return NaN;
  switch (sel.reduce ?? "mean") {
    case "sum":
      return picked.reduce((a, b) => a + b, 0);
    case "first":
      return picked[0]!;
    case "last":
      return picked[picked.length - 1]!;
    default:
      return picked.reduce((a, b) => a + b, 0) / picked.length;
  }
}

/**
 * Issues of a selector against a scenario: unknown metric, region, citizenship, reduction.
 * @internal
 */
export function checkSelector(scenario: Scenario, sel: unknown, path: string, observers: readonly string[] = []): Issue[] {
  const out: Issue[] = [];
  if (typeof sel !== "object" || sel === null) return [{ path, message: "must be an object { metric, region?, citizenship?, ... }" }];
  const s = sel as MomentSelector;
  if (typeof s.metric !== "string" || !(s.metric in METRICS || observers.includes(s.metric))) {
    out.push({ path: `${path}.metric`, message: `unknown metric ${JSON.stringify(s.metric)}; known: ${Object.keys(METRICS).join(", ")}` });
  }
  const regions = Object.keys(scenario.regions ?? {});
  const countries = [...new Set(regions.map((r) => scenario.regions[r]!.country))];
  for (const dim of ["region", "origin", "destination"] as const) {
    const v = s[dim];
    if (v !== undefined && !regions.includes(v) && !(dim === "region" && countries.includes(v))) {
      out.push({ path: `${path}.${dim}`, message: `unknown region ${JSON.stringify(v)}; the scenario has ${regions.join(", ")}` });
    }
  }
  if (s.citizenship !== undefined && !(s.citizenship in (scenario.citizenships ?? {}))) {
    out.push({ path: `${path}.citizenship`, message: `unknown citizenship ${JSON.stringify(s.citizenship)}` });
  }
  if (s.reduce !== undefined && !["mean", "sum", "first", "last"].includes(s.reduce)) {
    out.push({ path: `${path}.reduce`, message: `must be "mean", "sum", "first" or "last", got ${JSON.stringify(s.reduce)}` });
  }
  return out;
}
