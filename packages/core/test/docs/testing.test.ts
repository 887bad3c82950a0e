import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("docs/testing.md", () => {
  const doc = read("docs/testing.md");

  it("names only test files and tools that exist", () => {
    const paths = [...doc.matchAll(/`(packages\/core\/test\/[\w./-]+)`/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(existsSync(new URL(path, root)), path).toBe(true);
    for (const path of ["tools/mutation.mjs", "stryker.config.mjs", "vitest.mutation.config.ts"])
      expect(existsSync(new URL(path, root)), path).toBe(true);
  });

  it("shows the mutation command that .ci/run runs, verbatim", () => {
    const ci = read(".ci/run");
    const step = ci.split("\n").find((line) => line.startsWith("step mutation"));
    expect(step).toBeDefined();
    const command = step!.replace(/^step mutation continue /, "");
    expect(doc).toContain(command);
  });

  it("lists every file stryker.config.mjs mutates, in its score table", () => {
    const config = read("stryker.config.mjs");
    const files = [...config.matchAll(/"packages\/core\/src\/([\w/.*]+\.ts)"/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(3);
    const scores = doc.slice(doc.indexOf("### Measured scores"), doc.indexOf("### Mutants judged equivalent"));
    for (const file of files) expect(scores, file).toContain(file);
  });
});
