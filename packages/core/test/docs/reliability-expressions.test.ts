import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ValidationError, createSimulation, policies, scenarios } from "../../src/index";

const RELIABILITY_DOC = new URL("../../../../docs/reliability.md", import.meta.url);

/** The text of one `## ` section of docs/reliability.md. */
function section(title: string): string {
  const text = readFileSync(RELIABILITY_DOC, "utf8");
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start, `docs/reliability.md has a section "## ${title}"`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

describe("docs/reliability.md, section Expressions", () => {
  it(
    "createSimulation(s) with the custom expression cos(1)(2) " + "throws the ValidationError line the section quotes",
    () => {
      const s = {
        ...scenarios.baseline({ agents: 300, years: 1, burnInYears: 0 }),
        policies: [policies.custom({ path: "behavior.beta", expression: "cos(1)(2)", from: 2026 })],
      };
      let caught: unknown;
      try {
        createSimulation(s, { seed: 1 });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      const issue = (caught as ValidationError).issues.find((i) => i.path === "policies.0.expression");
      expect(issue).toBeDefined();
      expect(section("Expressions")).toContain(`\n${issue!.path}: ${issue!.message}\n`);
    },
  );
});
