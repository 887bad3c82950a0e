/**
 * The bit-identity gate of a move-and-extract refactoring: fingerprints (SHA-256 of the rows, of
 * a mid-run checkpoint, and of the meanField result at the default and at a coarse setting) of
 * every built-in scenario at 20,000 agents, of alliance2026 at 200,000 agents, and of each
 * benchmark peer's stocks at the horizon for two seeds, written before the change and compared
 * after it.
 *
 *   pnpm identity --write before.json          # on the commit before the change
 *   pnpm identity --compare before.json        # after it: exit 1 and a list of what differs
 *   pnpm identity --agents 5000 --write x.json # another size (the 200,000-agent run is skipped with --quick)
 *
 * packages/core/test/engine/identity-golden.test.ts runs the same check at a small size against a
 * committed golden file on every test run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { meanField, runSeed } from "@talentflow/core";
import { fingerprintAll, fingerprintRun, BUILT_IN } from "../packages/core/test/_identity";
import { agentscript } from "../benchmarks/peers/agentscript";
import { peerScenario } from "../benchmarks/peers/check";
import { flocc } from "../benchmarks/peers/flocc";
import { naiveTs } from "../benchmarks/peers/naive-ts";

/** meanField at a non-default discretisation, so that every code path of the quadrature is fingerprinted. */
const COARSE = { skillBins: 8, ageBandYears: 7, quadratureNodes: 3 } as const;
const PEER_SEEDS = [0, 1];

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** SHA-256 of each peer's stocks at the horizon (5,000 agents, 3 years) for two seeds. */
function peerFingerprints(): Record<string, { stocks: string }> {
  const out: Record<string, { stocks: string }> = {};
  for (const peer of [naiveTs, flocc, agentscript]) {
    const stocks = PEER_SEEDS.map((k) => {
      const run = peer.create(peerScenario(5_000, 3), runSeed(`peer:${peer.name}`, k));
      while (!run.done) run.step();
      return run.outcome().stock;
    });
    out[`peer/${peer.name}`] = { stocks: sha256(JSON.stringify(stocks)) };
  }
  return out;
}

/** SHA-256 of meanField's rows and stocks at the coarse setting, per built-in scenario. */
function coarseMeanFieldFingerprints(agents: number): Record<string, { meanField: string }> {
  const out: Record<string, { meanField: string }> = {};
  for (const [name, make] of Object.entries(BUILT_IN)) {
    const result = meanField(make(agents), COARSE);
    out[`${name}/meanField-coarse`] = { meanField: sha256(JSON.stringify({ rows: result.rows, stock: result.stock })) };
  }
  return out;
}

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
const fingerprints: Record<string, unknown> = {
  ...fingerprintAll(agents, { meanField: true }),
  ...coarseMeanFieldFingerprints(agents),
  ...peerFingerprints(),
};
if (!process.argv.includes("--quick"))
  fingerprints["alliance2026@200000"] = fingerprintRun(BUILT_IN.alliance2026(200_000), 200_000, 7);
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const broken = Object.entries(fingerprints).filter(
  ([, f]) => (f as { restoredEqual?: boolean }).restoredEqual === false,
);
for (const [name] of broken)
  console.error(`identity: ${name}: the run continued from its checkpoint differs from the uninterrupted run`);

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
console.log(
  `identity: ${differences.length === 0 ? "identical" : `${differences.length} differences`} ` +
    `(${Object.keys(fingerprints).length} fingerprints, ${seconds} s)`,
);
process.exit(differences.length > 0 || broken.length > 0 ? 1 : 0);
