/**
 * The bit-identity gate of a move-and-extract refactoring: fingerprints (SHA-256 of the rows, of
 * a mid-run checkpoint, and of the meanField result) of every built-in scenario at 20,000 agents
 * and of alliance2026 at 200,000 agents, written before the change and compared after it.
 *
 *   pnpm identity --write before.json          # on the commit before the change
 *   pnpm identity --compare before.json        # after it: exit 1 and a list of what differs
 *   pnpm identity --agents 5000 --write x.json # another size (the 200,000-agent run is skipped with --quick)
 *
 * packages/core/test/identity-golden.test.ts runs the same check at a small size against a
 * committed golden file on every test run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fingerprintAll, fingerprintRun, BUILT_IN } from "../packages/core/test/_identity";

function argument(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

const agents = Number(argument("agents") ?? 20_000);
if (!Number.isInteger(agents) || agents < 1) {
  console.error(`identity: --agents must be a whole number >= 1, got ${argument("agents")}`);
  process.exit(2);
}
const write = argument("write");
const compare = argument("compare");
if ((write === undefined) === (compare === undefined)) {
  console.error("identity: give exactly one of --write FILE or --compare FILE");
  process.exit(2);
}

const started = Date.now();
const fingerprints: Record<string, unknown> = { ...fingerprintAll(agents, { meanField: true }) };
if (!process.argv.includes("--quick")) fingerprints["alliance2026@200000"] = fingerprintRun(BUILT_IN.alliance2026!(200_000), 200_000, 7);
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const broken = Object.entries(fingerprints).filter(([, f]) => !(f as { restoredEqual: boolean }).restoredEqual);
for (const [name] of broken) console.error(`identity: ${name}: the run continued from its checkpoint differs from the uninterrupted run`);

if (write !== undefined) {
  writeFileSync(write, JSON.stringify(fingerprints, null, 1) + "\n");
  console.log(`identity: wrote ${Object.keys(fingerprints).length} fingerprints to ${write} in ${seconds} s`);
  process.exit(broken.length > 0 ? 1 : 0);
}
const before = JSON.parse(readFileSync(compare!, "utf8")) as Record<string, Record<string, unknown>>;
const differences: string[] = [];
for (const name of new Set([...Object.keys(before), ...Object.keys(fingerprints)])) {
  const a = before[name];
  const b = fingerprints[name] as Record<string, unknown> | undefined;
  if (a === undefined || b === undefined) {
    differences.push(`${name}: only ${a === undefined ? "after" : "before"}`);
    continue;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] !== b[key]) differences.push(`${name}.${key}: ${String(a[key])} -> ${String(b[key])}`);
  }
}
for (const d of differences) console.error(`identity: differs: ${d}`);
console.log(`identity: ${differences.length === 0 ? "identical" : `${differences.length} differences`} (${Object.keys(fingerprints).length} fingerprints, ${seconds} s)`);
process.exit(differences.length > 0 || broken.length > 0 ? 1 : 0);
