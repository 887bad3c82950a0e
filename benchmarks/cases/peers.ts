/**
 * The peers (the same model as naive TypeScript, with flocc and with AgentScript): each checked
 * against the engine before its speed is reported, and `--scaling`, the cost per agent-period of
 * each implementation as the population grows.
 */
import type { Peer } from "../peers/_kit";
import { agentscript } from "../peers/agentscript";
import { checkPeer, formatCheck, peerRuns, peerScenario } from "../peers/check";
import { flocc } from "../peers/flocc";
import { naiveTs } from "../peers/naive-ts";
import { PERIODS, YEARS, collect, stat } from "../_measure";
import type { CaseResult, ScalingPoint, Size } from "../_results";
import { timeStepping } from "./engine";

/** The peers, in the order the suite runs them. */
export const PEERS: readonly Peer[] = [naiveTs, flocc, agentscript];

/**
 * A peer at one size: one untimed warm-up run (its own seed), then the correctness check's runs
 * (one per seed, the full horizon each), whose stepping is timed: they are the case's timed runs.
 * The check is judged before any ratio exists; a peer that fails gets `valid: false` and no ratio.
 */
export function peerCase(peer: Peer, agents: number, size: Size, seeds: number, log: (m: string) => void): CaseResult {
  const options = { agents, years: YEARS, seeds };
  const warm = peer.create(peerScenario(agents, YEARS), 0x5eed);
  while (!warm.done) warm.step(); // warm-up, untimed
  collect();
  const runs = peerRuns(peer, options);
  const check = checkPeer(peer, options, runs.stocks);
  log(formatCheck(check));
  if (!check.pass) log(`  peer:${peer.name} FAILED the correctness check: no ratio is reported for it`);
  return {
    name: `peer:${peer.name}`,
    size,
    agents,
    periods: PERIODS,
    runs: runs.seconds.length,
    agentPeriodsPerSecond: stat(runs.seconds.map((t) => (agents * PERIODS) / t)),
    valid: check.pass,
    check,
  };
}

/** Seconds of one peer run's stepping (created outside the timed region), seed fixed. */
function timePeer(peer: Peer, agents: number): number {
  const run = peer.create(peerScenario(agents, YEARS), 0x5ca1e);
  collect();
  const start = process.hrtime.bigint();
  while (!run.done) run.step();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * `--scaling`: the engine's `loop` (with and without the period's record) and each peer once at
 * each size (after one untimed run of each at `warmAgents`), as nanoseconds per agent-period of
 * stepping. A cost that grows with the
 * population is work per agent that grows with the population: the peers' removals from their
 * agent lists (`splice`) are linear in it, which makes their periods quadratic.
 */
export function scaling(sizes: readonly number[], warmAgents: number, log: (m: string) => void): ScalingPoint[] {
  const implementations: Array<{ name: string; time: (agents: number) => number }> = [
    { name: "loop", time: (agents) => timeStepping(agents) },
    { name: "loop:no-record", time: (agents) => timeStepping(agents, undefined, false) },
    ...PEERS.map((peer) => ({ name: `peer:${peer.name}`, time: (agents: number) => timePeer(peer, agents) })),
  ];
  const points: ScalingPoint[] = [];
  for (const { name, time } of implementations) {
    time(warmAgents); // warm-up, untimed
    for (const agents of sizes) {
      const nsPerAgentPeriod = (time(agents) / (agents * PERIODS)) * 1e9;
      points.push({ implementation: name, agents, nsPerAgentPeriod });
      log(`  ${name} ${agents.toLocaleString("en-US")}: ${nsPerAgentPeriod.toFixed(1)} ns per agent-period`);
    }
  }
  return points;
}
