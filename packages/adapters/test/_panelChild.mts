/** Test child: streams a panel to the folder in argv[2], printing a line per batch, until it is killed. */
import { scenarios } from "@talentflow/core";
import { writePanel } from "../src/index";

await writePanel(scenarios.baseline({ agents: 20_000, years: 20 }), process.argv[2]!, {
  batchRows: 5000,
  onBatch: () => process.stdout.write("batch\n"),
});
