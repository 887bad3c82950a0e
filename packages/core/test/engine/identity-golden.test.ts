import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IDENTITY_AGENTS, fingerprintAll } from "../_identity";

// Every built-in scenario's rows and mid-run checkpoint, pinned bit for bit: a refactoring must
// leave them as they are, and a deliberate change of the model's numbers rewrites
// golden/identity.json (pnpm tsx packages/core/test/golden/write-identity.ts) and says why in its
// commit. `pnpm identity` runs the same check at full size (docs/testing.md).
const golden = JSON.parse(readFileSync(new URL("../golden/identity.json", import.meta.url), "utf8")) as ReturnType<
  typeof fingerprintAll
>;

describe("bit identity of the built-in scenarios", () => {
  const now = fingerprintAll(IDENTITY_AGENTS);

  it("fingerprints every built-in scenario, each continued from its checkpoint to the same rows", () => {
    expect(Object.keys(now).sort()).toEqual(Object.keys(golden).sort());
    for (const [name, f] of Object.entries(now)) expect(f.restoredEqual, name).toBe(true);
  });

  it.each(Object.keys(golden))("%s at 2,000 agents gives the golden rows and checkpoint bytes", (name) => {
    expect(now[name]).toEqual(golden[name]);
  });
});
