// Rewrites streams.json from the current keyed draws: only for a deliberate change of a stream.
import { writeFileSync } from "node:fs";
import { streamsGolden } from "../_streamsGolden";

writeFileSync(new URL("./streams.json", import.meta.url), JSON.stringify(streamsGolden(), null, 1) + "\n");
