/** The shape of a suite run: what `pnpm bench` prints and writes to results/latest.json. */
import type { PeerCheck } from "./peers/check";
import type { Stat } from "./_measure";

export type Size = "small" | "medium" | "large" | "world";

/** What the engine did in one run of the `loop` case: the work its modelled floor charges. */
export interface LoopWork {
  /** Decisions over the run (ordinary and forced: the expiry of a status). */
  decisions: number;
  /** Entrants written into slots. */
  entries: number;
  /** Slots the scan for due agents read, over the periods (the used slots of each period). */
  slotsScanned: number;
  /** Agents visited (whose next event had come), decisions included. */
  visits: number;
}

export interface CaseResult {
  name: string;
  size: Size;
  agents: number;
  periods: number;
  runs: number;
  /**
   * Agent-periods per second (for `floor:*` cases: units of the floor's work per second, see
   * `unit`; for `simulate`: agents times every period the call runs, burn-in included).
   */
  agentPeriodsPerSecond: Stat;
  /** What one unit of `agentPeriodsPerSecond` is, where it is not an agent-period. */
  unit?: string;
  /** Seconds per timed run (`simulate` and `world` cases). */
  secondsPerRun?: Stat;
  /** Peak heapUsed + arrayBuffers over the baseline, per agent (memory case only). */
  memoryBytesPerAgent?: number;
  /**
   * RSS (sampled after creation and after the first period) over the baseline, per agent (memory
   * case only). Can be small or negative: the engine's allocations reuse pages V8 freed after
   * start-up, and untouched typed-array pages are not resident.
   */
  rssBytesPerAgent?: number;
  /** heapUsed + arrayBuffers after a full GC, per agent (memory case only). */
  retainedBytesPerAgent?: number;
  /** Peak RSS (maxRSS) of the child process since its start, bytes (memory and world cases). */
  peakRssBytes?: number;
  /** Simulation runs per second (compare case only). */
  runsPerSecond?: Stat;
  /** Distinct simulations in one timed repetition: the runs of the plan of `compare` (compare case only). */
  simulationsPerRun?: number;
  /** `loop` cases: the work one run did, counted in an untimed run. */
  work?: LoopWork;
  /**
   * `loop`: the modelled floor's time (its work at the `floor:*` costs of the same size) over the
   * loop's median time; `decide`: its median over `floor:decide`'s.
   */
  fractionOfFloor?: number;
  /** `simulate` cases: the `loop` case's stepping time at the same size over this case's time. */
  steppingShare?: number;
  /** `world` case: the agents of the reference runs (1,000,000 in the full suite). */
  referenceAgents?: number;
  /** `world` case: its median over that of the reference runs, timed alternately in the same child. */
  ratioToReference?: number;
  /** `world` case: the reference runs' agent-periods per second. */
  referenceAgentPeriodsPerSecond?: Stat;
  /** Peer cases: did the peer pass the correctness check (stocks per region within 5 SE)? */
  valid?: boolean;
  /** Parallel case only: seconds of the replications with 1 worker over seconds with 2. */
  speedup?: number;
  /** Parallel case only: seconds with 1 worker and with 2. */
  secondsByWorkers?: { one: number; two: number };
  /** Parallel case only: CPU seconds of the process (all threads) with 1 worker and with 2. */
  cpuSecondsByWorkers?: { one: number; two: number };
  /** Parallel case only: did 1 and 2 workers give the same statistics, number for number? */
  identical?: boolean;
  /**
   * Peer cases, only when valid: the `loop:no-record` median at the same agent count over the
   * peer's median. Both time the same work: stepping a model created outside the timed region, no
   * burn-in, keeping stocks and event totals but not the engine's period record (rows, welfare).
   */
  ratio?: number;
  /** Peer cases, only when valid: the `loop` median (with the record) over the peer's median. */
  ratioWithRecord?: number;
  /** `loop:no-record`: the share of the `loop` case's time at the same size that the record takes. */
  recordShare?: number;
  /** Peer cases: the correctness check, per region. */
  check?: PeerCheck;
}

/** One point of `pnpm bench --scaling`: one run of an implementation at one size. */
export interface ScalingPoint {
  implementation: string;
  agents: number;
  /** Nanoseconds per agent-period of the run's stepping. */
  nsPerAgentPeriod: number;
}

export interface Results {
  suite: "talentflow-benchmarks";
  mode: "full" | "quick" | "tiny" | "scaling";
  node: string;
  cpu: string;
  cores: number;
  commit: string;
  /**
   * True when the packages' sources or benchmarks/ had uncommitted changes, so the figures are not
   * those of `commit` alone (tests and docs do not count).
   */
  dirty: boolean;
  date: string;
  totalSeconds: number;
  cases: CaseResult[];
  /** `--scaling` only: the cost per agent-period of each implementation at each size. */
  scaling?: ScalingPoint[];
  /** The targets of docs/performance.md, judged on this run's figures (what the run has). */
  targets?: TargetResult[];
}

/** A target judged on one run: the ratio measured and the bound it must reach. */
export interface TargetResult {
  target: string;
  measured: number;
  bound: number;
  met: boolean;
}
