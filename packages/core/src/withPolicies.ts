import type { Policy, Scenario } from "./types";

/** Deep copy of plain scenario data (keeps Infinity, which JSON would not). */
export function cloneScenario<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneScenario) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneScenario(v);
    return out as T;
  }
  return value;
}

/**
 * A copy of a scenario with policies added after its own (policies apply in the order listed).
 * The input is not changed.
 *
 * @example
 * const custom = withPolicies(scenarios.baseline(), [policies.talentExchange({ partners: ["DE", "CA"], from: 2027 })]);
 * custom.policies.length - scenarios.baseline().policies.length // => 1
 */
export function withPolicies(base: Scenario, added: readonly Policy[], options: { name?: string; description?: string } = {}): Scenario {
  const out = cloneScenario(base);
  out.policies = [...out.policies, ...cloneScenario([...added])];
  out.name = options.name ?? `${base.name}+${added.map((p) => p.kind).join("+")}`;
  if (options.description !== undefined) out.description = options.description;
  return out;
}
