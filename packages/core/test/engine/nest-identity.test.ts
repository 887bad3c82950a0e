// Nests change nothing for a scenario without them (docs/model.md 3.3.4): every built-in scenario
// with its nests removed gives, bit for bit, the rows and checkpoint bytes pinned in
// golden/identity-without-nests.json, and meanField's pinned runs without nests hash to the SHA-256
// pinned there. When nests were added, the file was identity.json of the version before nests
// (and the hash that of its meanField.json), which proved them neutral; it is rewritten by
// golden/write-identity-without-nests.ts only when a change of the model's numbers is deliberate.
// With lambda = 1 the rows are those without the nest but for the run key (the scenario's hash).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { simulate, type Scenario } from "../../src/index";
import { BUILT_IN, IDENTITY_AGENTS, fingerprintRun } from "../_identity";
import { meanFieldGolden } from "../_meanFieldGolden";

const pinned = JSON.parse(readFileSync(new URL("../golden/identity-without-nests.json", import.meta.url), "utf8")) as {
  runs: Record<string, ReturnType<typeof fingerprintRun>>;
  meanField: string;
};
const before = pinned.runs;

/** SHA-256 of meanField's pinned runs without nests. */
const MEAN_FIELD_BEFORE = pinned.meanField;

function withoutNests(s: Scenario): Scenario {
  const out = structuredClone(s);
  delete out.behavior.nests;
  return out;
}

function withLambdaOne(s: Scenario): Scenario {
  const out = structuredClone(s);
  for (const nest of out.behavior.nests ?? []) nest.lambda = 1;
  return out;
}

describe("nests change nothing for a scenario without them", () => {
  it("the baseline has a nest (so the comparisons below remove something)", () => {
    expect(BUILT_IN.baseline(IDENTITY_AGENTS).behavior.nests?.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(before))("%s without its nests gives the pinned rows and checkpoint", (name) => {
    expect(fingerprintRun(withoutNests(BUILT_IN[name](IDENTITY_AGENTS)), IDENTITY_AGENTS, 7)).toEqual(before[name]);
  });

  it("simulate(baseline with lambda = 1) returns the rows of the baseline without nests but for the run key", () => {
    // The run key holds the scenario's hash, which the nest's presence changes; nothing else may.
    const strip = (rows: readonly object[]) => rows.map((r) => ({ ...r, run: "" }));
    const one = simulate(withLambdaOne(BUILT_IN.baseline(IDENTITY_AGENTS)), { seed: 7 }).rows;
    const none = simulate(withoutNests(BUILT_IN.baseline(IDENTITY_AGENTS)), { seed: 7 }).rows;
    expect(one[0].run).not.toBe(none[0].run);
    expect(strip(one)).toEqual(strip(none));
  });

  it("meanField's pinned runs without nests hash to the pinned SHA-256", () => {
    const text = `${JSON.stringify(meanFieldGolden(withoutNests))}\n`;
    expect(createHash("sha256").update(text).digest("hex")).toBe(MEAN_FIELD_BEFORE);
  });
});
