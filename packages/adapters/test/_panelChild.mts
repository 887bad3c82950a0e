/**
 * Test child: streams a panel to the folder in argv[2].
 * - "kill": prints a line per batch until the parent kills it.
 * - "memory" (run with --expose-gc): collects garbage after every batch and prints the largest
 *   heap in use after collection, over the heap before the run, as JSON.
 */
import { scenarios } from "@talentflow/core";
import { writePanel } from "../src/index";

const [dir, mode] = [process.argv[2], process.argv[3]];
const gc = (globalThis as { gc?: () => void }).gc;
if (mode === "memory") {
  gc!();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const out = await writePanel(scenarios.baseline({ agents: 10_000, years: 5 }), dir, {
    seed: 1,
    batchRows: 8192,
    onBatch: () => {
      gc!();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    },
  });
  const rows = out.manifest.tables.find((t) => t.name === "panel")!.rows;
  process.stdout.write(JSON.stringify({ rows, peak }) + "\n");
} else {
  await writePanel(scenarios.baseline({ agents: 20_000, years: 20 }), dir, {
    batchRows: 5000,
    onBatch: () => process.stdout.write("batch\n"),
  });
}
