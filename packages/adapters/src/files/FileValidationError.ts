import { ValidationError, type Issue } from "@talentflow/core";

/**
 * One problem in a scenario or plan file: core's {@link Issue} (the field path and the reason)
 * plus where it is. `line` and `column` count from 1; they are absent for a problem that has no
 * place in the text (a file that cannot be read).
 */
export interface FileIssue extends Issue {
  /** The file, as given (absent for text parsed without a file name). */
  readonly file?: string;
  /** Line of the offending value (or of the nearest enclosing field that exists), from 1. */
  readonly line?: number;
  /** Column of that value, from 1. */
  readonly column?: number;
}

/** `file:line:column`, or as much of it as is known. */
export function formatPlace(issue: FileIssue): string {
  const parts = [issue.file ?? "<text>"];
  if (issue.line !== undefined) parts.push(String(issue.line));
  if (issue.line !== undefined && issue.column !== undefined) parts.push(String(issue.column));
  return parts.join(":");
}

/**
 * Thrown by the scenario and plan file readers: every problem of the file at once, each with
 * its file, line, column, field path and reason. It is a core {@link ValidationError}, so code
 * that catches those catches this too; its message reads like a compiler's:
 *
 * ```text
 * scenario file is invalid:
 *   my.yaml:4:22: regions.DE.taxRate: must be in [0, 1), got 1.4
 * ```
 *
 * @example
 * try { await readScenarioFile("my.yaml") } catch (e) {
 *   if (e instanceof FileValidationError) for (const i of e.issues) console.log(i.line, i.path, i.message);
 * }
 */
export class FileValidationError extends ValidationError {
  /** Every problem found, in the order of the file. */
  declare readonly issues: readonly FileIssue[];

  constructor(unordered: readonly FileIssue[], context = "file is invalid") {
    const files = [...new Set(unordered.map((i) => i.file))];
    const issues = [...unordered].sort(
      (a, b) =>
        files.indexOf(a.file) - files.indexOf(b.file) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0),
    );
    super(issues, context);
    this.name = "FileValidationError";
    this.message =
      `${context}:\n` + `${issues.map((i) => `  ${formatPlace(i)}: ${i.path || "(root)"}: ${i.message}`).join("\n")}`;
  }
}
