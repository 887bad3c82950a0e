// Rewrites identity.json from the current code: only when a change of the model's numbers is
// deliberate (a fix, a recalibration), and the commit says why. A refactoring must leave it as is.
import { writeFileSync } from "node:fs";
import { IDENTITY_AGENTS, fingerprintAll } from "../_identity";

writeFileSync(
  new URL("./identity.json", import.meta.url),
  JSON.stringify(fingerprintAll(IDENTITY_AGENTS), null, 1) + "\n",
);
