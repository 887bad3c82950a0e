// Rewrites experiments.json from the current code: only for a deliberate change of a result.
import { writeFileSync } from "node:fs";
import { experimentsGolden } from "../_experimentsGolden";

writeFileSync(new URL("./experiments.json", import.meta.url), JSON.stringify(experimentsGolden()) + "\n");
