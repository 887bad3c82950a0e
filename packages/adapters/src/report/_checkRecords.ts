import { ValidationError, type Issue } from "@talentflow/core";

/** What a field of a chart's input record must hold. */
export type FieldRule = "string" | "number" | "number?";

/**
 * Checks the records a chart draws: a non-empty array of objects whose fields hold what `fields`
 * says (finite numbers; strings), and `lower <= upper` where both are given. Throws one
 * {@link ValidationError} listing every problem (at most 20), each with its path, e.g.
 * `series.3.mean: must be a finite number, got NaN`.
 */
export function checkRecords(
  fn: string,
  name: string,
  records: unknown,
  fields: Readonly<Record<string, FieldRule>>,
): void {
  const issues: Issue[] = [];
  if (!Array.isArray(records)) {
    throw new ValidationError(
      [{ path: name, message: `must be an array of records, got ${describe(records)}` }],
      `${fn}: invalid input`,
    );
  }
  if (records.length === 0)
    throw new ValidationError([{ path: name, message: "is empty: there is nothing to draw" }], `${fn}: invalid input`);
  records.forEach((record: unknown, i) => {
    if (issues.length >= 20) return;
    if (record === null || typeof record !== "object") {
      issues.push({ path: `${name}.${i}`, message: `must be a record, got ${describe(record)}` });
      return;
    }
    const r = record as Record<string, unknown>;
    for (const [field, rule] of Object.entries(fields)) {
      const v = r[field];
      const path = `${name}.${i}.${field}`;
      if (rule === "string") {
        if (typeof v !== "string" || v === "")
          issues.push({ path, message: `must be a non-empty string, got ${describe(v)}` });
      } else if (v === undefined && rule === "number?") {
      } else if (typeof v !== "number" || !Number.isFinite(v)) {
        issues.push({ path, message: `must be a finite number, got ${describe(v)}` });
      }
    }
    if (typeof r.lower === "number" && typeof r.upper === "number" && r.lower > r.upper) {
      issues.push({ path: `${name}.${i}`, message: `lower (${r.lower}) is above upper (${r.upper})` });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, `${fn}: invalid input`);
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return Array.isArray(v) ? "an array" : typeof v;
}
