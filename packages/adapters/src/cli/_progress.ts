/**
 * Progress of a command: a bar on a terminal (cli-progress: runs done, agent-periods per second,
 * time left), plain lines when standard error is not a terminal (a log, a CI job), nothing with
 * `--quiet`. Progress goes to standard error, so standard output stays the result alone.
 * @internal
 * @module
 */
import { SingleBar } from "cli-progress";
import { formatNumber } from "../table";

/** Where an execution is: what `_execute.ts` reports after each run (or period, for one run). */
export interface Progress {
  /** Units done: runs, or periods for a single run. */
  readonly done: number;
  /** Units in all, if known in advance (an adaptive replication or a calibration does not know). */
  readonly total?: number;
  readonly unit: "runs" | "periods";
  /** Agent-periods simulated so far (agents at the start x periods, per run). */
  readonly agentPeriods: number;
}

/** Receives progress; `stop()` ends the bar or prints the last line. */
export interface ProgressReporter {
  update(p: Progress): void;
  stop(): void;
}

/** How progress is shown. */
export type ProgressMode = "bar" | "lines" | "none";

/** A writable text stream with an optional terminal flag (process.stderr fits). */
export interface TextStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const rateText = (agentPeriods: number, seconds: number): string =>
  seconds > 0 ? `${formatNumber(Math.round(agentPeriods / seconds))} agent-periods/s` : "";

function leftText(p: Progress, seconds: number): string {
  if (p.total === undefined || p.done === 0 || p.done >= p.total) return "";
  const left = (seconds / p.done) * (p.total - p.done);
  return left >= 90 ? `about ${Math.round(left / 60)} min left` : `about ${Math.ceil(left)} s left`;
}

/** A reporter for `mode`, writing to `stream`; `label` names the work ("runs of baseline"). */
export function createProgress(
  mode: ProgressMode,
  stream: TextStream,
  label: string,
  now: () => number = () => performance.now(),
): ProgressReporter {
  if (mode === "none") return { update: () => undefined, stop: () => undefined };
  const started = now();
  const seconds = () => (now() - started) / 1000;

  if (mode === "lines") {
    let last = -Infinity;
    let latest: Progress | undefined;
    let printed: Progress | undefined;
    const line = (p: Progress) => {
      const parts = [
        `${label}: ${p.done}${p.total === undefined ? "" : `/${p.total}`} ${p.unit}`,
        rateText(p.agentPeriods, seconds()),
        leftText(p, seconds()),
      ];
      stream.write(`${parts.filter(Boolean).join(", ")}\n`);
      printed = p;
    };
    return {
      update(p) {
        latest = p;
        // A line at most every 2 s, and the last one: enough for a log, not a flood.
        if (now() - last >= 2000 || (p.total !== undefined && p.done >= p.total)) {
          last = now();
          line(p);
        }
      },
      stop() {
        if (latest !== undefined && latest !== printed) line(latest);
      },
    };
  }

  const bar = new SingleBar({
    format: `${label} {bar} {value}/{total} {unit} | {rate} | {left}`,
    stream: stream as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: false,
    barsize: 24,
  });
  let begun = false;
  return {
    update(p) {
      const finished = p.total !== undefined && p.done >= p.total;
      const payload = {
        unit: p.unit,
        rate: rateText(p.agentPeriods, seconds()) || "-",
        left: finished ? "done" : leftText(p, seconds()) || (p.total === undefined ? "" : "-"),
      };
      const total = p.total ?? Math.max(p.done, 1);
      if (!begun) {
        bar.start(total, p.done, payload);
        begun = true;
      } else {
        bar.setTotal(total);
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (begun) bar.stop();
    },
  };
}
