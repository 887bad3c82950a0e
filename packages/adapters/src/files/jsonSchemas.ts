import { z } from "zod";
import { PLAN_SCHEMAS, scenarioFileSchema } from "./_schemas";

/**
 * The JSON Schemas (draft 2020-12) of scenario files and of each kind of plan file, generated
 * from the validators that read them, by file name: `scenario.schema.json`,
 * `compare.schema.json`, `replicate.schema.json`, `sweep.schema.json`,
 * `sensitivity.schema.json`, `calibrate.schema.json`. Point an editor at one with a first line
 * `# yaml-language-server: $schema=<path>` (YAML) or a `"$schema"` field (JSON) to get completion
 * and checks while typing. `talentflow schema --out DIR` writes them.
 *
 * The schemas check a file's shape and each field's type and range; rules that join fields
 * (known regions, shares summing to 1, parameter paths) are checked when the file is read.
 *
 * @example
 * const schemas = jsonSchemas();
 * Object.keys(schemas) // => ["scenario.schema.json", "compare.schema.json", ...]
 */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {
    "scenario.schema.json": toSchema(scenarioFileSchema, "TalentFlow scenario file"),
  };
  for (const [kind, schema] of Object.entries(PLAN_SCHEMAS))
    out[`${kind}.schema.json`] = toSchema(schema, `TalentFlow ${kind} plan`);
  return out;
}

function toSchema(schema: z.ZodType, title: string): Record<string, unknown> {
  // "input": fields with defaults are optional in a file; unrepresentable parts (none today)
  // become {} rather than an exception.
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { title, ...json };
}
