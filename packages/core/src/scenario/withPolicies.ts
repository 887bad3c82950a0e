import type { Policy, Scenario } from "./types";

/**
 * Deep copy of plain scenario data (keeps Infinity, which JSON would not). An own key
 * `__proto__` (as JSON.parse makes) stays an own key, so validation still sees and refuses it.
 *
 * @example
 * const copy = cloneScenario(scenarios.baseline());
 * copy.regions.DE.taxRate = 0.5; // the original is unchanged
 */
export function cloneScenario<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneScenario) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Assigning to "__proto__" would set the prototype instead of adding the key.
      if (k === "__proto__")
        Object.defineProperty(out, k, {
          value: cloneScenario(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[k] = cloneScenario(v);
    }
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
export function withPolicies(
  base: Scenario,
  added: readonly Policy[],
  options: { name?: string; description?: string } = {},
): Scenario {
  const out = cloneScenario(base);
  out.policies = [...out.policies, ...cloneScenario([...added])];
  out.name = options.name ?? `${base.name}+${added.map((p) => p.kind).join("+")}`;
  if (options.description !== undefined) out.description = options.description;
  return out;
}
