/**
 * The explorer's Web Worker: runs a job (or times one run) off the page's thread, posting
 * progress after each run, then the sections to draw and the summary line. The page starts it
 * from a Blob URL (a page opened from disk cannot start a worker from a file) and terminates it
 * to cancel.
 * @internal
 * @module
 */
import { simulate } from "@talentflow/core";
import { explorerSections, runExplorerJob, summaryLine } from "./_runExplorer";
import type { ToPage, ToWorker } from "./_messages";

/** The worker's global scope, typed by what is used of it (the DOM lib types the page, not workers). */
const scope = globalThis as unknown as {
  postMessage(message: ToPage): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
};

scope.onmessage = (event) => {
  const message = event.data;
  handle(message).catch((e: unknown) => {
    const issues = (e as { issues?: { path: string; message: string }[] }).issues;
    const detail = issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
    scope.postMessage({ type: "error", id: message.id, message: detail || String((e as Error)?.message ?? e) });
  });
};

async function handle(message: ToWorker): Promise<void> {
  if (message.type === "time") {
    const started = performance.now();
    const run = simulate(message.scenario, { seed: message.seed });
    const ms = performance.now() - started;
    scope.postMessage({ type: "timed", id: message.id, ms, agentPeriods: run.agentPeriods });
    return;
  }
  const started = performance.now();
  const results = runExplorerJob(message.job, (done, total) =>
    scope.postMessage({ type: "progress", id: message.id, done, total }),
  );
  const runSeconds = (performance.now() - started) / 1000;
  const sections = await explorerSections(results);
  scope.postMessage({
    type: "result",
    id: message.id,
    sections,
    summary: summaryLine(results),
    runs: results.comparison.runs,
    runSeconds,
    agentPeriods: results.agentPeriods,
  });
}
