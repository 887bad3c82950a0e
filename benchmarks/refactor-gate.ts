/**
 * The gate of a refactoring of the period kernel that must change no number: `write <file>` saves
 * the meanField results of every built-in scenario (at the default options and at a coarse
 * non-default setting) and each benchmark peer's stocks at the horizon for fixed seeds;
 * `compare <file>` recomputes them and reports every value that differs, bit for bit (NaN and -0
 * included). Run the first on the commit before the change and the second after it:
 *
 *   node --conditions=@talentflow/source --import tsx benchmarks/refactor-gate.ts write /tmp/gate-before.json
 *   node --conditions=@talentflow/source --import tsx benchmarks/refactor-gate.ts compare /tmp/gate-before.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { meanField, runSeed, scenarios, type MeanFieldOptions } from "@talentflow/core";
import { agentscript } from "./peers/agentscript";
import { peerScenario } from "./peers/check";
import { flocc } from "./peers/flocc";
import { naiveTs } from "./peers/naive-ts";

const SCENARIOS = ["baseline", "alliance2026", "usFeeLapses", "canadaFastTrack", "germanyEnglishJobs"] as const;
const SETTINGS: ReadonlyArray<[string, MeanFieldOptions]> = [
  ["defaults", {}],
  ["coarse", { skillBins: 8, ageBandYears: 7, quadratureNodes: 3 }],
];
const PEER_SEEDS = [0, 1];

/** A number as the hex of its 64 bits, so that the comparison is exact (NaN and -0 included). */
const bits = (x: number): string => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
};

function compute(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of SCENARIOS) {
    for (const [label, options] of SETTINGS) {
      const started = performance.now();
      const mf = meanField(scenarios[name](), options);
      const lines = mf.rows.map((r) =>
        [r.period, bits(r.year), r.metric, r.region, r.origin, r.destination, r.citizenship, bits(r.value)].join("|"),
      );
      for (const [region, path] of Object.entries(mf.stock)) lines.push(`stock|${region}|${path.map(bits).join(",")}`);
      lines.push(`shape|${mf.skillBins}|${mf.ageBands}`);
      out[`meanField/${name}/${label}`] = lines;
      console.log(`meanField ${name}/${label}: ${mf.rows.length} rows, ${(performance.now() - started).toFixed(0)} ms`);
    }
  }
  for (const peer of [naiveTs, flocc, agentscript]) {
    const lines: string[] = [];
    for (const k of PEER_SEEDS) {
      const run = peer.create(peerScenario(5_000, 3), runSeed(`peer:${peer.name}`, k));
      while (!run.done) run.step();
      for (const [region, value] of Object.entries(run.outcome().stock)) lines.push(`${k}|${region}|${bits(value)}`);
    }
    out[`peer/${peer.name}`] = lines;
    console.log(`peer ${peer.name}: ${lines.length} stocks`);
  }
  return out;
}

const [mode, file] = process.argv.slice(2);
if ((mode !== "write" && mode !== "compare") || !file) {
  console.error("usage: refactor-gate.ts write|compare <file.json>");
  process.exit(2);
}
const now = compute();
if (mode === "write") {
  writeFileSync(file, JSON.stringify(now));
  console.log(`wrote ${file}`);
} else {
  const before = JSON.parse(readFileSync(file, "utf8")) as Record<string, string[]>;
  let differing = 0;
  let compared = 0;
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
    const a = before[key] ?? [];
    const b = now[key] ?? [];
    if (a.length !== b.length) {
      console.log(`${key}: ${a.length} lines before, ${b.length} after`);
      differing++;
    }
    for (let k = 0; k < Math.min(a.length, b.length); k++) {
      compared++;
      if (a[k] !== b[k]) {
        if (differing < 20) console.log(`${key} line ${k}: ${a[k]} != ${b[k]}`);
        differing++;
      }
    }
  }
  console.log(`${Object.keys(before).length} results, ${compared} lines compared, ${differing} differ`);
  process.exit(differing === 0 ? 0 : 1);
}
