import { expect } from "vitest";
import { ValidationError } from "../src/errors";

/** Runs fn, expects a ValidationError, and returns the paths of its issues. */
export function issuePaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => i.path);
  }
  throw new Error("expected a ValidationError");
}
