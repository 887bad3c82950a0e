/**
 * Fingerprints of every built-in scenario's output, for the move-and-extract gate of a
 * refactoring: a change that is meant to move code without changing any number must leave
 * every fingerprint as it was. A fingerprint is the SHA-256 of a run's tidy rows (as JSON, which
 * writes every double exactly), of the checkpoint taken half-way through the run, and of the
 * rows of the run continued from that checkpoint (which must equal the uninterrupted run's).
 * `meanField` is fingerprinted the same way, its rows and stocks.
 *
 * Used by packages/core/test/engine/identity-golden.test.ts (small size, against the committed
 * golden/identity.json) and by `pnpm identity` (tools/identity.ts: full size, before and after).
 */
import { createHash } from "node:crypto";
import { meanField, restoreSimulation, createSimulation, scenarios, type Scenario } from "../src/index";

/** The built-in scenarios by name, at a given number of agents. */
export const BUILT_IN: Readonly<Record<string, (agents: number) => Scenario>> = {
  baseline: (agents) => scenarios.baseline({ agents }),
  alliance2026: (agents) => scenarios.alliance2026({ agents }),
  usFeeLapses: (agents) => scenarios.usFeeLapses({ agents }),
  canadaFastTrack: (agents) => scenarios.canadaFastTrack({ agents }),
  germanyEnglishJobs: (agents) => scenarios.germanyEnglishJobs({ agents }),
};

/** The fingerprint of one scenario's run. */
export interface RunFingerprint {
  agents: number;
  seed: number;
  /** SHA-256 (hex) of the rows of the uninterrupted run. */
  rows: string;
  /** SHA-256 of the checkpoint bytes taken after half of the periods (burn-in included). */
  checkpoint: string;
  /** Number of rows, to read a mismatch at a glance. */
  rowCount: number;
  /** Whether the run continued from the checkpoint gave the same rows as the uninterrupted run. */
  restoredEqual: boolean;
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Runs `scenario` with `seed`, once straight through and once stopped half-way, checkpointed and restored. */
export function fingerprintRun(scenario: Scenario, agents: number, seed: number): RunFingerprint {
  const straight = createSimulation(scenario, { seed }).run();
  const rows = JSON.stringify(straight.rows);
  const sim = createSimulation(scenario, { seed });
  const total = (scenario.years + scenario.burnInYears) * scenario.periodsPerYear;
  for (let k = 0; k < Math.floor(total / 2); k++) sim.step();
  const bytes = sim.checkpoint();
  const continued = restoreSimulation(bytes).run();
  return {
    agents,
    seed,
    rows: sha256(rows),
    checkpoint: sha256(bytes),
    rowCount: straight.rows.length,
    restoredEqual: JSON.stringify(continued.rows) === rows,
  };
}

/** SHA-256 of `meanField(scenario)`'s rows and stocks. */
export function fingerprintMeanField(scenario: Scenario): string {
  const result = meanField(scenario);
  return sha256(JSON.stringify({ rows: result.rows, stock: result.stock }));
}

/** Fingerprints of every built-in scenario at `agents` (and, if `meanField`, of its meanField result). */
export function fingerprintAll(
  agents: number,
  options: { seed?: number; meanField?: boolean; only?: readonly string[] } = {},
): Record<string, RunFingerprint & { meanField?: string }> {
  const seed = options.seed ?? 7;
  const out: Record<string, RunFingerprint & { meanField?: string }> = {};
  for (const [name, make] of Object.entries(BUILT_IN)) {
    if (options.only && !options.only.includes(name)) continue;
    const scenario = make(agents);
    out[name] = {
      ...fingerprintRun(scenario, agents, seed),
      ...(options.meanField ? { meanField: fingerprintMeanField(scenario) } : {}),
    };
  }
  return out;
}

/** The size of the fingerprints committed in golden/identity.json (small, so the test is fast). */
export const IDENTITY_AGENTS = 2_000;
