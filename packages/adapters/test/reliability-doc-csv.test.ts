import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toCsv } from "../src/index";

const RELIABILITY_DOC = new URL("../../../docs/reliability.md", import.meta.url);

/** The text of one `## ` section of docs/reliability.md. */
function section(title: string): string {
  const text = readFileSync(RELIABILITY_DOC, "utf8");
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start, `docs/reliability.md has a section "## ${title}"`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

describe("docs/reliability.md, section CSV output", () => {
  it("toCsv(the section's example row) gives the two lines the section shows", () => {
    const csv = toCsv([{ scenario: "=1+1", metric: "@SUM(A1:A9)", region: "DE->CA", value: -1.5 }]);
    const shown = csv
      .trimEnd()
      .split("\r\n")
      .map((line) => `// ${line}`)
      .join("\n");
    expect(section("CSV output")).toContain(
      `toCsv([{ scenario: "=1+1", metric: "@SUM(A1:A9)", region: "DE->CA", value: -1.5 }]);\n${shown}\n`,
    );
  });
});
