// Rewrites identity-without-nests.json: the built-in scenarios with their nests removed, run as in
// identity.json, and the SHA-256 of meanField's pinned runs without nests. When nests were added
// this file was identity.json of the version before nests, which proved them neutral; since then
// it is rewritten, like identity.json, only when a change of the model's numbers is deliberate.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { Scenario } from "../../src/index";
import { BUILT_IN, IDENTITY_AGENTS, fingerprintRun } from "../_identity";
import { meanFieldGolden } from "../_meanFieldGolden";

function withoutNests(s: Scenario): Scenario {
  const out = structuredClone(s);
  delete out.behavior.nests;
  return out;
}

const runs = Object.fromEntries(
  Object.entries(BUILT_IN).map(([name, make]) => [
    name,
    fingerprintRun(withoutNests(make(IDENTITY_AGENTS)), IDENTITY_AGENTS, 7),
  ]),
);
const meanField = createHash("sha256")
  .update(`${JSON.stringify(meanFieldGolden(withoutNests))}\n`)
  .digest("hex");
writeFileSync(
  new URL("./identity-without-nests.json", import.meta.url),
  `${JSON.stringify({ runs, meanField }, null, 1)}\n`,
);
