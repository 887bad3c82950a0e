/**
 * The values policies give scenario fields, period by period, checked before a run. A period's
 * parameters depend on the scenario alone (a policy reads the calendar time, the period and the
 * value before it, never the agents), so validation computes every period's parameters with the
 * engine's own code (`compileScenario`, `compilePolicies`, `applyPolicies`) and checks each value
 * a policy sets against the rules of its field (the zod schema) and the engine's limits.
 */
import { ValidationError, type Issue } from "../errors";
import { numericFieldSchema } from "../scenario/schema";
import { Issues, showValue } from "../_issues";
import type { Scenario } from "../scenario/types";
import { compileScenario } from "./_compile";
import { applyPolicies, compilePolicies, createPeriodParams, policyWeight } from "./_period";

/** What {@link policyValueIssues} found. */
export interface PolicyValueCheck {
  /** Every problem, at most the ones of the first period that has any. */
  readonly issues: Issue[];
  /** Entrants over the whole run in agents, with the policies' values of `entrants` (NaN if not computed). */
  readonly entrantAgents: number;
}

/**
 * Checks a scenario that passed the schema and the cross-field rules: custom policies' paths and
 * expressions (the same `compilePolicies` the engine runs), then, period by period over burn-in
 * and the reported years, every value a custom policy sets (named by the policy, the field, the
 * period and the value), every field the policies in force leave changed, and the entrants per
 * region and period against `entrantsPerRegionPeriod` agents. Evaluation errors of expressions
 * (`1/t` at t = 0) come back as issues too. Stops after the first period with a problem.
 */
export function policyValueIssues(s: Scenario, entrantsPerRegionPeriod: number): PolicyValueCheck {
  let compiled: { cs: ReturnType<typeof compileScenario>; cp: ReturnType<typeof compilePolicies> };
  try {
    const cs = compileScenario(s);
    compiled = { cs, cp: compilePolicies(cs) };
  } catch (error) {
    if (error instanceof ValidationError) return { issues: [...error.issues], entrantAgents: NaN };
    throw error;
  }
  const { cs, cp } = compiled;
  if (s.policies.length === 0) return { issues: [], entrantAgents: NaN };

  const pathOf: string[] = [];
  for (const [path, slot] of cs.index) pathOf[slot] = path;
  const R = cs.regions.length;
  const ppy = s.periodsPerYear;
  const burnIn = s.burnInYears * ppy;
  const total = burnIn + s.years * ppy;
  const people = cs.regions.reduce((sum, code) => sum + s.regions[code].initialStock, 0);
  const scale = people / (s.agents ?? Math.round(people));
  const entrantsSlot = cs.off.region.entrants;
  const pp = createPeriodParams(cs, cp.programs.length);
  const vec = pp.vec;

  /** Why `value` cannot be the value of the field in `slot`, or undefined if it can. */
  const problem = (slot: number, value: number): string | undefined => {
    const path = pathOf[slot];
    if (!Number.isFinite(value) && !(path === "behavior.wageElasticity" && value === Infinity)) {
      return `must be a finite number, got ${showValue(value)}`;
    }
    const parsed = numericFieldSchema(path)?.safeParse(value);
    if (parsed !== undefined && !parsed.success) return parsed.error.issues[0].message;
    if (slot >= entrantsSlot && slot < entrantsSlot + R) {
      const perPeriod = value / ppy / scale;
      if (perPeriod > entrantsPerRegionPeriod) {
        return (
          `makes ${Math.ceil(perPeriod)} agents per period (entrants / scale / periodsPerYear = ${showValue(value)} ` +
          `/ ${showValue(Number(scale.toPrecision(12)))} / ${ppy}), above the engine's limit ` +
          `of ${entrantsPerRegionPeriod}`
        );
      }
    }
    return undefined;
  };

  const issues = new Issues();
  let entrantAgents = 0;
  for (let t = 0; t < total && issues.ok; t++) {
    const time = s.startYear - s.burnInYears + t / ppy;
    const period = t - burnIn;
    const when = `in period ${period} (year ${showValue(Number(time.toPrecision(12)))})`;
    const onCustomValue = (k: number, slot: number, value: number) => {
      const why = problem(slot, value);
      if (why !== undefined) {
        issues.add(
          `policies.${k}.expression`,
          `custom policy ${k} sets ${pathOf[slot]} to ${showValue(value)} ${when}: ${why}`,
        );
      }
    };
    try {
      applyPolicies(cs, cp, pp, time, period, onCustomValue);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) {
        const k = /^policies\.(\d+)\./.exec(issue.path)?.[1];
        issues.add(issue.path, `custom policy ${k ?? "?"} ${when}: ${issue.message}`);
      }
      break;
    }
    if (!issues.ok) break;

    const inForce = s.policies.flatMap((p, k) => (policyWeight(p, time) > 0 ? [`policies.${k} (${p.kind})`] : []));
    if (inForce.length > 0) {
      for (let slot = 0; slot < vec.length; slot++) {
        const value = vec[slot];
        if (value === cs.base[slot]) continue;
        const why = problem(slot, value);
        if (why !== undefined) {
          issues.add(
            pathOf[slot],
            `is ${showValue(value)} ${when} after the policies in force (${inForce.join(", ")}): ${why}`,
          );
        }
      }
    }
    for (let j = 0; j < R; j++) entrantAgents += vec[entrantsSlot + j] / ppy / scale;
  }
  return { issues: issues.list(), entrantAgents };
}
