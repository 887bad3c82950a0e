// Rewrites meanField.json from the current meanField: only for a deliberate change of the model.
import { writeFileSync } from "node:fs";
import { meanFieldGolden } from "../_meanFieldGolden";

writeFileSync(new URL("./meanField.json", import.meta.url), JSON.stringify(meanFieldGolden()) + "\n");
