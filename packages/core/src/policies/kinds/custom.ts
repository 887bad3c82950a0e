/**
 * Any numeric parameter by path, set each period to a mathjs expression of `year`, `t` and
 * `base`: the path is resolved to vector slots and the expression parsed once per run.
 * @internal
 * @module
 */
import { z } from "zod";
import { nonEmptyString } from "../../scenario/_fieldSchemas";
import { parsePairKey, type CompiledScenario } from "../../kernel/_compile";
import type { CustomPolicy } from "../../scenario/types";
import { compileExpression, type CompiledExpression } from "../expression/_expression";
import { windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("custom"),
  ...windowFields,
  path: nonEmptyString().describe("Dotted path of a numeric scenario field, e.g. regions.DE.investment."),
  expression: nonEmptyString()
    .max(500, { error: (iss) => `must be at most 500 characters, got ${String((iss.input as string).length)}` })
    .describe("mathjs expression of year, t and base."),
});

/** A custom policy compiled: the vector slots its path names and its parsed expression. */
export interface CompiledCustom {
  readonly indices: number[];
  readonly expression: CompiledExpression;
}

/** Resolves a dotted path to the vector slots it names (`DE<->CA` and `*` name several). */
export function resolvePath(cs: CompiledScenario, path: string): number[] | undefined {
  const direct = cs.index.get(path);
  if (direct !== undefined) return [direct];
  const parts = path.split(".");
  if (parts[0] === "movingCost" && parts.length === 2) {
    const pair = parsePairKey(parts[1]);
    if (!pair) return undefined;
    const out = [cs.index.get(`movingCost.${pair.from}->${pair.to}`)];
    if (pair.both) out.push(cs.index.get(`movingCost.${pair.to}->${pair.from}`));
    return out.every((i) => i !== undefined) ? (out as number[]) : undefined;
  }
  if (parts[0] === "visaFriction" && parts.length === 2 && parts[1].startsWith("*->")) {
    const to = parts[1].slice(3);
    const out = cs.citizenships.map((c) => cs.index.get(`visaFriction.${c}->${to}`));
    return out.every((i) => i !== undefined) ? (out as number[]) : undefined;
  }
  if (parts[0] === "visas" && parts.length === 4 && parts[2] === "*") {
    const out = cs.citizenships.map((c) => cs.index.get(`visas.${parts[1]}.${c}.${parts[3]}`));
    return out.every((i) => i !== undefined) ? (out as number[]) : undefined;
  }
  return undefined;
}

/** The custom kind. */
export const customKind = {
  kind: "custom",
  schema,
  defaults: {},
  compile(p, c) {
    const indices = resolvePath(c.cs, p.path);
    if (!indices) {
      c.issues.add(
        c.path("path"),
        `"${p.path}" is not a numeric scenario field (e.g. regions.DE.investment, behavior.beta, movingCost.DE->CA)`,
      );
      return undefined;
    }
    try {
      return { indices, expression: compileExpression(p.expression, { path: c.path("expression") }) };
    } catch (e) {
      c.issues.addThrown(e);
      return undefined;
    }
  },
  apply(_p, w, c, compiled, k) {
    const { vec, time, t } = c;
    // compilePolicies throws before a run when any custom policy failed to compile.
    const { indices, expression } = compiled!;
    for (const at of indices) {
      const current = vec[at];
      const value = expression.evaluate({ year: time, t, base: current });
      vec[at] = current + w * (value - current);
      c.onCustomValue?.(k, at, vec[at]);
    }
  },
} satisfies PolicyKindDefinition<CustomPolicy, CompiledCustom | undefined, typeof schema>;
