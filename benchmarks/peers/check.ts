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
 *
 * With `counts`, the run's event totals are judged the same way: per region the admissions and
 * the lottery's entrants summed over the periods, per lottery the pools of its draws summed and
 * its winners (the engine's rows `admissions`, `lotteryEntrants`, `lotteryWinners`, and
 * `selectionRate` = winners / pool), each with the same floor of one agent's worth. With `moves`,
 * the run's moves into and out of each region (the rows `inflows` and `outflows` summed) likewise.
 */
import { runSeed, scenarios, simulate, type Scenario, type TidyRow } from "@talentflow/core";
import type { Peer } from "./_kit";

/** Number of standard errors allowed. */
export const CHECK_SES = 5;

export interface CheckOptions {
  agents: number;
  years: number;
  seeds: number;
  /** A change of the benchmark scenario that engine and peer both run (default: none). */
  variant?: ScenarioVariant;
  /** Also compare the run's event totals (admissions, lottery entrants, pools, winners)? Default no. */
  counts?: boolean;
  /** Also compare the run's moves into and out of each region? Default no. */
  moves?: boolean;
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
  /** The event totals by name (`admissions:SV`, `pool:US-H1B`, ...), with `counts`; else empty. */
  counts: RegionCheck[];
  /** The moves by name (`inflows:SV`, `outflows:SV`, ...), with `moves`; else empty. */
  moves: RegionCheck[];
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

/** A side's runs over the check's seeds: stocks at the horizon and event totals, per seed. */
export interface CheckRuns {
  stocks: Array<Record<string, number>>;
  counts: Array<Record<string, number>>;
  moves: Array<Record<string, number>>;
}

const engineCache = new Map<string, CheckRuns>();

/**
 * The engine's event totals over a run, named as {@link ModelKit.counts} names the peer's: per
 * region the rows `admissions` and `lotteryEntrants` summed, per lottery `winners` (its regions'
 * `lotteryWinners`) and `pool`, each draw's pool recovered as its winners / `selectionRate`.
 */
export function engineCounts(scenario: Scenario, rows: readonly TidyRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const region of Object.keys(scenario.regions)) {
    out[`admissions:${region}`] = 0;
    out[`lotteryEntrants:${region}`] = 0;
  }
  const lotteryOf = new Map<string, string>();
  for (const [name, lottery] of Object.entries(scenario.lotteries)) {
    out[`pool:${name}`] = 0;
    out[`winners:${name}`] = 0;
    for (const region of lottery.regions) lotteryOf.set(region, name);
  }
  // Per lottery and period: winners over its regions, and the draw's selection rate.
  const draws = new Map<string, { winners: number; rate: number }>();
  const draw = (name: string, period: number) => {
    const key = `${name}/${period}`;
    let d = draws.get(key);
    if (!d) draws.set(key, (d = { winners: 0, rate: Number.NaN }));
    return d;
  };
  for (const row of rows) {
    if (row.metric === "admissions" || row.metric === "lotteryEntrants")
      out[`${row.metric}:${row.region}`] += row.value;
    const name = lotteryOf.get(row.region);
    if (name === undefined) continue;
    if (row.metric === "lotteryWinners") draw(name, row.period).winners += row.value;
    if (row.metric === "selectionRate") draw(name, row.period).rate = row.value;
  }
  for (const [key, d] of draws) {
    const name = key.slice(0, key.lastIndexOf("/"));
    out[`winners:${name}`] += d.winners;
    if (Number.isNaN(d.rate)) continue; // no draw, or an empty pool
    if (d.rate === 0 && d.winners === 0) throw new Error(`${key}: a draw with no winners; its pool is not in the rows`);
    out[`pool:${name}`] += d.winners / d.rate;
  }
  return out;
}

/**
 * The engine's moves over a run, named as {@link ModelKit.moves} names the peer's: per region the
 * rows `inflows` and `outflows` summed over the periods.
 */
export function engineMoves(scenario: Scenario, rows: readonly TidyRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const region of Object.keys(scenario.regions)) {
    out[`inflows:${region}`] = 0;
    out[`outflows:${region}`] = 0;
  }
  for (const row of rows) {
    if (row.metric === "inflows" || row.metric === "outflows") out[`${row.metric}:${row.region}`] += row.value;
  }
  return out;
}

/** Engine stocks at the horizon and event totals per seed (cached per size within a process). */
export function engineRuns(options: CheckOptions): CheckRuns {
  const key = `${options.agents}/${options.years}/${options.seeds}/${options.variant?.name ?? ""}`;
  let out = engineCache.get(key);
  if (!out) {
    out = { stocks: [], counts: [], moves: [] };
    const scenario = peerScenario(options.agents, options.years, options.variant);
    for (let k = 0; k < options.seeds; k++) {
      const result = simulate(scenario, { seed: 1, replicate: k });
      out.stocks.push(result.summary.endStock);
      out.counts.push(engineCounts(scenario, result.rows));
      out.moves.push(engineMoves(scenario, result.rows));
    }
    engineCache.set(key, out);
  }
  return out;
}

/** Engine stocks at the horizon per seed. */
export function engineStocks(options: CheckOptions): Array<Record<string, number>> {
  return engineRuns(options).stocks;
}

/** A peer's runs over the check's seeds: stocks and event totals, and the seconds of each run's stepping. */
export interface PeerRuns extends CheckRuns {
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
  const counts: Array<Record<string, number>> = [];
  const moves: Array<Record<string, number>> = [];
  const seconds: number[] = [];
  for (let k = 0; k < options.seeds; k++) {
    const run = peer.create(peerScenario(options.agents, options.years, options.variant), peerSeed(peer, k));
    const start = process.hrtime.bigint();
    while (!run.done) run.step();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    const outcome = run.outcome();
    stocks.push(outcome.stock);
    counts.push(outcome.counts);
    moves.push(outcome.moves);
  }
  return { stocks, counts, moves, seconds };
}

/** Peer stocks at the horizon per seed. */
export function peerStocks(peer: Peer, options: CheckOptions): Array<Record<string, number>> {
  return peerRuns(peer, options).stocks;
}

/** Judges one quantity per key over the seeds of both sides. */
function judge(
  keys: readonly string[],
  engine: Array<Record<string, number>>,
  peers: Array<Record<string, number>>,
  seFloor: number,
): RegionCheck[] {
  const n = engine.length;
  return keys.map((region): RegionCheck => {
    const e = meanSd(engine.map((s) => s[region] ?? 0));
    const p = meanSd(peers.map((s) => s[region] ?? 0));
    const se = Math.max(Math.sqrt((e.sd * e.sd) / n + (p.sd * p.sd) / n), seFloor);
    const z = Math.abs(e.mean - p.mean) / se;
    return { region, engineMean: e.mean, engineSd: e.sd, peerMean: p.mean, peerSd: p.sd, se, z, pass: z <= CHECK_SES };
  });
}

/**
 * Runs the check of one peer (or judges runs the peer already made over the check's seeds: their
 * stocks, or stocks, event totals and moves).
 */
export function checkPeer(
  peer: Peer,
  options: CheckOptions,
  runs?: Array<Record<string, number>> | CheckRuns,
): PeerCheck {
  const scenario = peerScenario(options.agents, options.years, options.variant);
  const regions = Object.keys(scenario.regions);
  const people = regions.reduce((sum, r) => sum + scenario.regions[r].initialStock, 0);
  const seFloor = people / options.agents;
  const engine = engineRuns(options);
  const peers = runs === undefined ? peerRuns(peer, options) : Array.isArray(runs) ? { stocks: runs } : runs;
  const stockRows = judge(regions, engine.stocks, peers.stocks, seFloor);
  let countRows: RegionCheck[] = [];
  if (options.counts) {
    if (!("counts" in peers)) throw new Error(`checkPeer(${peer.name}): counts asked for, but the runs have none`);
    countRows = judge(Object.keys(engine.counts[0] ?? {}), engine.counts, peers.counts, seFloor);
  }
  let moveRows: RegionCheck[] = [];
  if (options.moves) {
    if (!("moves" in peers)) throw new Error(`checkPeer(${peer.name}): moves asked for, but the runs have none`);
    moveRows = judge(Object.keys(engine.moves[0] ?? {}), engine.moves, peers.moves, seFloor);
  }
  return {
    peer: peer.name,
    agents: options.agents,
    periods: options.years * scenario.periodsPerYear,
    seeds: options.seeds,
    seFloor,
    pass: [...stockRows, ...countRows, ...moveRows].every((r) => r.pass),
    regions: stockRows,
    counts: countRows,
    moves: moveRows,
  };
}

/** One line per region, for the console. */
export function formatCheck(c: PeerCheck): string {
  const head =
    `check peer:${c.peer} (${c.agents.toLocaleString("en-US")} agents, ${c.periods} ` +
    `periods, ${c.seeds} seeds each): ${c.pass ? "PASS" : "FAIL"}`;
  const lines = [...c.regions, ...c.counts, ...c.moves].map(
    (r) =>
      `  ${r.region.padEnd(4)} engine ${r.engineMean.toFixed(0).padStart(9)} (sd ${r.engineSd.toFixed(0)})  ` +
      `peer ${r.peerMean.toFixed(0).padStart(9)} (sd ${r.peerSd.toFixed(0)})  ` +
      `|diff|/se ${r.z.toFixed(2)}${r.pass ? "" : "  > 5: FAIL"}`,
  );
  return [head, ...lines].join("\n");
}
