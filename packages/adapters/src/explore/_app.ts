/// <reference lib="dom" />
/**
 * The explorer's page script: the form, its validation on every change, the URL hash and the
 * scenario file that follow it, and runs in a Web Worker with a progress bar and a cancel button.
 * Built into one classic script that carries the worker's code as a string (`__WORKER_SOURCE__`),
 * so the page works from `file://`, where neither module scripts nor worker files load.
 * @internal
 * @module
 */
import { scenarios, type Scenario } from "@talentflow/core";
import type { ReportSection } from "../report/report";
import {
  decodeHash,
  encodeHash,
  presetState,
  resolveState,
  scenarioFileOf,
  type ExplorerState,
  type ResolvedState,
} from "./_explorerState";
import { drawForm, readForm, showIssues, syncDisabled, writeForm } from "./_form";
import type { ToPage, ToWorker } from "./_messages";

declare const __WORKER_SOURCE__: string;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let worker: Worker | undefined;
let workerUrl: string | undefined;
let nextId = 1;
let running: number | undefined;
let current: ResolvedState;
const waiting = new Map<number, (message: ToPage) => void>();

function startWorker(): Worker {
  workerUrl ??= URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: "text/javascript" }));
  const w = new Worker(workerUrl);
  w.onmessage = (event: MessageEvent<ToPage>) => {
    const handler = waiting.get(event.data.id);
    if (handler) handler(event.data);
  };
  w.onerror = (event) => {
    event.preventDefault();
    const handler = running === undefined ? undefined : waiting.get(running);
    handler?.({ type: "error", id: running ?? 0, message: event.message || "the worker failed" });
  };
  return w;
}

function send(message: ToWorker, handler: (m: ToPage) => void): void {
  worker ??= startWorker();
  waiting.set(message.id, handler);
  worker.postMessage(message);
}

/** Reads the form, validates it, and updates the errors, the YAML, the hash and the run button. */
function refresh(): void {
  syncDisabled();
  const state = readForm();
  current = resolveState(state);
  showIssues(current.issues);
  byId("yaml").textContent = current.yaml;
  const hash = encodeHash(state);
  if (location.hash !== hash) history.replaceState(null, "", hash);
  const run = byId<HTMLButtonElement>("run");
  run.disabled = current.issues.length > 0 || running !== undefined;
}

function setStatus(text: string): void {
  byId("status").textContent = text;
}

function setRunning(id: number | undefined): void {
  running = id;
  byId<HTMLButtonElement>("cancel").disabled = id === undefined;
  byId<HTMLButtonElement>("run").disabled = id !== undefined || current.issues.length > 0;
  byId("output").setAttribute("aria-busy", id === undefined ? "false" : "true");
}

function run(): void {
  refresh();
  if (current.scenario === undefined || current.baseline === undefined) {
    setStatus("Not run: fix the values marked in red first.");
    return;
  }
  const id = nextId++;
  const progress = byId<HTMLProgressElement>("progress");
  progress.value = 0;
  const started = performance.now();
  setRunning(id);
  setStatus("Starting…");
  const job = {
    scenario: current.scenario,
    baseline: current.baseline,
    replications: current.replications,
    seed: current.seed,
  };
  send({ type: "run", id, job }, (message) => {
    if (running !== id) return;
    if (message.type === "progress") {
      progress.value = message.done / message.total;
      setStatus(`Run ${message.done} of ${message.total}…`);
    } else if (message.type === "result") {
      waiting.delete(id);
      setRunning(undefined);
      progress.value = 1;
      showResults(message.sections, message.summary);
      const seconds = (performance.now() - started) / 1000;
      setStatus(
        `Done: ${message.runs} runs of ${Number(job.scenario.agents).toLocaleString("en-US")} agents ` +
          `in ${seconds.toFixed(1)} s.`,
      );
    } else if (message.type === "error") {
      waiting.delete(id);
      setRunning(undefined);
      setStatus(`The run failed: ${message.message}`);
    }
  });
}

function cancel(): void {
  if (running === undefined) return;
  waiting.delete(running);
  worker?.terminate();
  // A fresh worker, ready for the next run.
  worker = startWorker();
  setRunning(undefined);
  byId<HTMLProgressElement>("progress").value = 0;
  setStatus("Cancelled.");
}

function showResults(sections: readonly ReportSection[], summary: string): void {
  byId("summary").textContent = summary;
  const holder = byId("sections");
  holder.replaceChildren();
  sections.forEach((s, k) => {
    const section = document.createElement("section");
    section.setAttribute("aria-labelledby", `section-${k}`);
    const title = document.createElement("h2");
    title.id = `section-${k}`;
    title.textContent = s.title;
    const figure = document.createElement("figure");
    // The SVG is Vega's output for data computed here: no user text reaches it unescaped.
    figure.innerHTML = s.svg;
    figure.querySelector("svg")?.setAttribute("role", "img");
    figure.querySelector("svg")?.setAttribute("aria-label", s.title);
    if (s.caption) {
      const caption = document.createElement("figcaption");
      caption.textContent = s.caption;
      figure.append(caption);
    }
    section.append(title, figure);
    if (s.table) section.append(tableOf(s.table.columns, s.table.rows));
    holder.append(section);
  });
}

function tableOf(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): HTMLTableElement {
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c;
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const cell of r) tr.insertCell().textContent = typeof cell === "number" ? cell.toLocaleString("en-US") : cell;
  }
  return table;
}

function download(): void {
  const state = readForm();
  const name = String(scenarioFileOf(state).file.name);
  const url = URL.createObjectURL(new Blob([resolveState(state).yaml], { type: "text/yaml" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${name}.yaml`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function copyLink(): Promise<void> {
  try {
    await navigator.clipboard.writeText(location.href);
    setStatus("Link copied.");
  } catch {
    setStatus(`Copy this link: ${location.href}`);
  }
}

/** Times one run of a scenario in the worker: for the speed figure of docs/performance.md. */
function timeRun(agents: number, years: number, seed: number): Promise<{ ms: number; agentPeriods: number }> {
  const scenario: Scenario = scenarios.baseline({ agents, years });
  return new Promise((resolve, reject) => {
    const id = nextId++;
    send({ type: "time", id, scenario, seed }, (message) => {
      waiting.delete(id);
      if (message.type === "timed") resolve({ ms: message.ms, agentPeriods: message.agentPeriods });
      else if (message.type === "error") reject(new Error(message.message));
    });
  });
}

function start(): void {
  const form = byId<HTMLFormElement>("controls");
  drawForm(form);
  const fromHash = location.hash.length > 1 ? decodeHash(location.hash) : undefined;
  const initial: ExplorerState = fromHash?.state ?? presetState("baseline");
  writeForm(initial);
  current = resolveState(initial);
  form.addEventListener("input", refresh);
  form.addEventListener("change", (event) => {
    if ((event.target as HTMLElement).id === "preset") {
      const { values } = readForm();
      const preset = presetState((event.target as HTMLSelectElement).value);
      const keep = Object.fromEntries(["agents", "years", "replications", "seed"].map((k) => [k, values[k]]));
      writeForm({ preset: preset.preset, values: { ...preset.values, ...keep } });
    }
    refresh();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  byId("cancel").addEventListener("click", cancel);
  byId("reset").addEventListener("click", () => {
    writeForm(presetState(readForm().preset));
    refresh();
  });
  byId("download").addEventListener("click", download);
  byId("copy-link").addEventListener("click", () => void copyLink());
  refresh();
  if (fromHash && fromHash.unknown.length > 0)
    setStatus(`The link named settings this page does not know, ignored: ${fromHash.unknown.join(", ")}.`);
  (window as unknown as Record<string, unknown>).talentflowExplorer = { timeRun, state: readForm };
  // A shared link shows its results: it runs at once when its values are valid.
  if (fromHash && current.issues.length === 0) run();
}

start();
