import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSimulation, restoreSimulation, scenarios, validateScenario, ValidationError } from "../../src/index";

const DOC = new URL("../../../../docs/reliability.md", import.meta.url);
const SELF = new URL(import.meta.url);

/** The ts blocks of one "## " section of the doc, each line trimmed. */
function blocksOf(section: string): string[] {
  const text = readFileSync(DOC, "utf8");
  const start = text.indexOf(`## ${section}\n`);
  expect(start, `section ${section}`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf("\n## ", start + 1);
  const body = text.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => trimLines(m[1]));
}
const trimLines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .trim();

describe("docs/reliability.md", () => {
  it("the examples of ## Codes and ## Checkpoints appear verbatim in this test, which runs them", () => {
    const self = trimLines(readFileSync(SELF, "utf8"));
    const blocks = [...blocksOf("Codes"), ...blocksOf("Checkpoints")];
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(self.includes(block), block).toBe(true);
  });

  it("## Codes: validateScenario refuses a citizenship called toString as the doc shows", () => {
    const file = JSON.stringify(scenarios.baseline()).replaceAll('"OTHER"', '"toString"');
    const result = validateScenario(JSON.parse(file));
    // result.issues[0]: { path: "citizenships.toString", message: '"toString" is not a valid code: every JavaScript
    // object has a property of that name; rename it' }
    expect(result.issues[0]).toEqual({
      path: "citizenships.toString",
      message: '"toString" is not a valid code: every JavaScript object has a property of that name; rename it',
    });
  });

  it("## Checkpoints: restoreSimulation(bytes) refuses a checkpoint with one flipped bit as the doc shows", () => {
    const sim = createSimulation(scenarios.baseline({ agents: 2000, years: 1 }), { seed: 1 });
    sim.step();
    const bytes = sim.checkpoint();
    bytes[bytes.length - 1] ^= 1; // one flipped bit: restoreSimulation(bytes) now throws a ValidationError
    expect(() => restoreSimulation(bytes)).toThrow(ValidationError);
    expect(() => restoreSimulation(bytes)).toThrow(/checksum mismatch/);
  });
});
