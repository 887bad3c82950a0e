/**
 * The correctness check of a peer: the same scenario run by the engine and by the peer over
 * several seeds each; per region, the stock at the horizon must agree within 5 standard errors of
 * the seed-to-seed spread:
 *
 *   |mean_engine - mean_peer| <= 5 * max( sqrt(var_engine / n + var_peer / n), floor )
 *
 * with sample variances over the n seeds of each side and `floor` = one agent's worth of people
 * (the scenario's scale), so that a zero spread cannot make the check impossible. The engine runs
 * `simulate(scenario, { seed: 1, replicate: k })`, k = 0..n-1; the peer runs seeds
 * `runSeed("peer:<name>", k)` (its own initial population and its own random numbers).
 */
import { runSeed, scenarios, simulate, type Scenario } from "@talentflow/core";
import type { Peer } from "./_kit";

/** Number of standard errors allowed. */
export const CHECK_SES = 5;

export interface CheckOptions {
  agents: number;
  years: number;
  seeds: number;
  /** A change of the benchmark scenario that engine and peer both run (default: none). */
  variant?: ScenarioVariant;
}

/** A named change of the benchmark scenario, for checks of one mechanism. */
export interface ScenarioVariant {
  readonly name: string;
  readonly apply: (scenario: Scenario) => Scenario;
}

export interface RegionCheck {
  region: string;
  engineMean: number;
  engineSd: number;
  peerMean: number;
  peerSd: number;
  /** Standard error of the difference of the means, floored. */
  se: number;
  /** |difference| / se. */
  z: number;
  pass: boolean;
}

export interface PeerCheck {
  peer: string;
  agents: number;
  periods: number;
  seeds: number;
  /** The SE floor used, in people (one agent). */
  seFloor: number;
  pass: boolean;
  regions: RegionCheck[];
}

/** The benchmark scenario: alliance2026, no burn-in, changed by `variant` if given. */
export function peerScenario(agents: number, years: number, variant?: ScenarioVariant): Scenario {
  const scenario = scenarios.alliance2026({ agents, burnInYears: 0, years });
  return variant ? variant.apply(scenario) : scenario;
}

function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance) };
}

const engineCache = new Map<string, Array<Record<string, number>>>();

/** Engine stocks at the horizon per seed (cached per size within a process). */
export function engineStocks(options: CheckOptions): Array<Record<string, number>> {
  const key = `${options.agents}/${options.years}/${options.seeds}/${options.variant?.name ?? ""}`;
  let out = engineCache.get(key);
  if (!out) {
    out = [];
    for (let k = 0; k < options.seeds; k++)
      out.push(
        simulate(peerScenario(options.agents, options.years, options.variant), { seed: 1, replicate: k }).summary
          .endStock,
      );
    engineCache.set(key, out);
  }
  return out;
}

/** A peer's runs over the check's seeds: stocks at the horizon and the seconds of each run's stepping. */
export interface PeerRuns {
  stocks: Array<Record<string, number>>;
  /** Seconds to step each run to its horizon (the run is created outside the timed region). */
  seconds: number[];
}

/** The seed of a peer's k-th run. */
export function peerSeed(peer: Peer, k: number): number {
  return runSeed(`peer:${peer.name}`, k);
}

/** Runs the peer over the check's seeds, timing the stepping of each run. */
export function peerRuns(peer: Peer, options: CheckOptions): PeerRuns {
  const stocks: Array<Record<string, number>> = [];
  const seconds: number[] = [];
  for (let k = 0; k < options.seeds; k++) {
    const run = peer.create(peerScenario(options.agents, options.years, options.variant), peerSeed(peer, k));
    const start = process.hrtime.bigint();
    while (!run.done) run.step();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    stocks.push(run.outcome().stock);
  }
  return { stocks, seconds };
}

/** Peer stocks at the horizon per seed. */
export function peerStocks(peer: Peer, options: CheckOptions): Array<Record<string, number>> {
  return peerRuns(peer, options).stocks;
}

/** Runs the check of one peer (or judges stocks the peer already produced over the check's seeds). */
export function checkPeer(peer: Peer, options: CheckOptions, stocks?: Array<Record<string, number>>): PeerCheck {
  const scenario = peerScenario(options.agents, options.years, options.variant);
  const regions = Object.keys(scenario.regions);
  const people = regions.reduce((sum, r) => sum + scenario.regions[r].initialStock, 0);
  const seFloor = people / options.agents;
  const engine = engineStocks(options);
  const peers = stocks ?? peerStocks(peer, options);
  const n = options.seeds;
  const rows = regions.map((region): RegionCheck => {
    const e = meanSd(engine.map((s) => s[region] ?? 0));
    const p = meanSd(peers.map((s) => s[region] ?? 0));
    const se = Math.max(Math.sqrt((e.sd * e.sd) / n + (p.sd * p.sd) / n), seFloor);
    const z = Math.abs(e.mean - p.mean) / se;
    return { region, engineMean: e.mean, engineSd: e.sd, peerMean: p.mean, peerSd: p.sd, se, z, pass: z <= CHECK_SES };
  });
  return {
    peer: peer.name,
    agents: options.agents,
    periods: options.years * scenario.periodsPerYear,
    seeds: n,
    seFloor,
    pass: rows.every((r) => r.pass),
    regions: rows,
  };
}

/** One line per region, for the console. */
export function formatCheck(c: PeerCheck): string {
  const head =
    `check peer:${c.peer} (${c.agents.toLocaleString("en-US")} agents, ${c.periods} ` +
    `periods, ${c.seeds} seeds each): ${c.pass ? "PASS" : "FAIL"}`;
  const lines = c.regions.map(
    (r) =>
      `  ${r.region.padEnd(4)} engine ${r.engineMean.toFixed(0).padStart(9)} (sd ${r.engineSd.toFixed(0)})  ` +
      `peer ${r.peerMean.toFixed(0).padStart(9)} (sd ${r.peerSd.toFixed(0)})  ` +
      `|diff|/se ${r.z.toFixed(2)}${r.pass ? "" : "  > 5: FAIL"}`,
  );
  return [head, ...lines].join("\n");
}
