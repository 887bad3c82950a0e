/**
 * The commands of `talentflow`: their flags, help and what they do.
 * @internal
 * @module
 */
import {
  planCompare,
  planSensitivity,
  planSweep,
  type CompareOptions,
  type ReplicateOptions,
  type Scenario,
} from "@talentflow/core";
import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { writeFileAtomic } from "../atomicWrite";
import { BUILT_IN_NAMES, BUILT_IN_SCENARIOS } from "../files/builtInScenarios";
import { jsonSchemas } from "../files/jsonSchemas";
import { closest } from "../files/_messages";
import { parsePlan, type Plan } from "../files/readPlanFile";
import { parseScenario, readText } from "../files/readScenarioFile";
import type { Sizes } from "../files/_resolveScenario";
import { UsageError, type Flag } from "./_args";
import { COMMON_FLAGS as common, FLAGS as F, RUNNING_FLAGS as running, SHARD_FLAGS as cluster } from "./_flags";
import {
  executeCalibrate,
  executeCompare,
  executeReplicate,
  executeRun,
  executeSensitivity,
  executeSweep,
  InterruptedError,
  RunFailedError,
  type ExecuteOptions,
} from "./_execute";
import { formatUnavailable, writeOutput, type CliResult, type Format } from "./_output";
import { createProgress, type ProgressMode, type TextStream } from "./_progress";
import {
  mergeCommand,
  queryCommand,
  refuseClusterFlags,
  resultFrom,
  runShardCommand,
  shardOf,
  statusCommand,
  type Sharding,
} from "./_cluster";
import { fixedCalibrationPlan } from "../cluster/fixedCalibrationPlan";
import { fixedReplicationPlan } from "../cluster/fixedReplicationPlan";
import { exploreCommand } from "./_explore";
import { reportUnavailable, writeReportIn } from "./_report";
import { summarize, toJson } from "./_summaries";

/** What a command can touch: its streams, folder, Ctrl-C signal and command line. */
export interface CliContext {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
  /** Folder that relative paths are resolved against. */
  readonly cwd: string;
  readonly signal?: AbortSignal;
  /** The whole command line, for the manifest. */
  readonly argv: readonly string[];
  /** Where an array job's shard is read from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A command of the CLI. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** `<scenario|file>` and the like. */
  readonly args: string;
  readonly description: string;
  readonly positionals: { readonly min: number; readonly max: number; readonly missing: string };
  readonly flags: readonly Flag[];
  readonly examples: readonly string[];
  run(ctx: CliContext, values: Record<string, unknown>, positionals: string[]): Promise<number>;
}

/** Checks that can fail before any run: flags that go together, and formats or reports a build may lack. */
function precheck(values: Record<string, unknown>): void {
  if (values.format !== undefined && values.out === undefined)
    throw new UsageError("--format needs --out DIR (the folder to write into)");
  if (values.report && values.out === undefined)
    throw new UsageError("--report needs --out DIR (the folder to write the report into)");
  const format = (values.format ?? "csv") as Format;
  const noFormat = values.out === undefined ? undefined : formatUnavailable(format);
  if (noFormat) throw new UsageError(noFormat);
  const noReport = values.report ? reportUnavailable() : undefined;
  if (noReport) throw new UsageError(`--report: ${noReport}`);
}

function sizesOf(values: Record<string, unknown>): Sizes {
  const sizes: Sizes = {};
  if (values.agents !== undefined) sizes.agents = values.agents as number;
  if (values.years !== undefined) sizes.years = values.years as number;
  return sizes;
}

/** A scenario argument: a built-in name or a scenario file. */
async function scenarioArg(ctx: CliContext, arg: string, sizes: Sizes): Promise<Scenario> {
  if (Object.hasOwn(BUILT_IN_SCENARIOS, arg)) return BUILT_IN_SCENARIOS[arg](sizes);
  const path = resolve(ctx.cwd, arg);
  if (!existsSync(path)) {
    const near = closest(arg, BUILT_IN_NAMES);
    throw new UsageError(
      `unknown scenario ${JSON.stringify(arg)}${near ? ` (did you mean ${near}?)` : ""}: ` +
        `give a built-in (${BUILT_IN_NAMES.join(", ")}) or a scenario file; no file ${path}`,
    );
  }
  return parseScenario(await readText(path), { file: arg, sizes });
}

/** The `kind` of a file if it is a plan (undefined for a scenario file or text that is not YAML). */
async function planKind(ctx: CliContext, arg: string): Promise<string | undefined> {
  if (Object.hasOwn(BUILT_IN_SCENARIOS, arg)) return undefined;
  const path = resolve(ctx.cwd, arg);
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  try {
    const value: unknown = parseYaml(await readText(path));
    return typeof value === "object" && value !== null && "kind" in value
      ? String((value as { kind: unknown }).kind)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A plan argument, with the command-line overrides. */
async function planArg(
  ctx: CliContext,
  arg: string,
  values: Record<string, unknown>,
  kind: Plan["kind"],
  command: string,
): Promise<Plan> {
  const path = resolve(ctx.cwd, arg);
  if (!existsSync(path))
    throw new UsageError(
      `no plan file ${path}; ${command} takes a ${kind} plan (YAML or JSON), see examples/scenarios/plans/`,
    );
  const plan = await parsePlan(await readText(path), {
    file: arg,
    baseDir: resolve(path, ".."),
    sizes: sizesOf(values),
    ...(values.seed !== undefined ? { seed: values.seed as number | string } : {}),
  });
  if (plan.kind !== kind)
    throw new UsageError(
      `${arg} is a ${plan.kind} plan; ${command} takes a ${kind} plan` +
        (plan.kind === "replicate"
          ? " (run a replicate plan with `talentflow run`)"
          : ` (run it with \`talentflow ${plan.kind}\`)`),
    );
  return plan;
}

function progressMode(ctx: CliContext, values: Record<string, unknown>): ProgressMode {
  if (values.quiet) return "none";
  return ctx.stderr.isTTY ? "bar" : "lines";
}

/**
 * Runs `execute` with progress and Ctrl-C, then writes, reports and prints. With `sharding` (an
 * experiment with a fixed plan of runs), `--shard i/N` or an array job's environment runs one
 * shard of the plan into `--out` instead, and `--from DIR` takes the result from a merged folder.
 */
async function execute(
  ctx: CliContext,
  values: Record<string, unknown>,
  label: string,
  work: (exec: ExecuteOptions) => Promise<CliResult>,
  sharding?: Sharding,
): Promise<number> {
  const started = new Date();
  if (!sharding)
    refuseClusterFlags(
      values,
      "this command has no fixed plan of runs to split (sweep, sensitivity, compare and run --replications N have)",
    );
  const shard = sharding ? shardOf(ctx, values) : undefined;
  if (sharding && shard) return runShardCommand(ctx, values, label, sharding, shard);
  let output: CliResult;
  if (sharding && values.from !== undefined) output = await resultFrom(ctx, values, sharding);
  else {
    const progress = createProgress(progressMode(ctx, values), ctx.stderr, label);
    try {
      output = await work({
        workers: (values.workers as number | undefined) ?? availableParallelism(),
        onProgress: (p) => progress.update(p),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
    } catch (e) {
      if (
        (e instanceof RunFailedError || e instanceof InterruptedError) &&
        e.completed.length > 0 &&
        values.out !== undefined
      ) {
        await keepFinished(resolve(ctx.cwd, values.out as string), e, {
          format: (values.format ?? "csv") as Format,
          argv: ctx.argv,
          started,
        });
      }
      throw e;
    } finally {
      progress.stop();
    }
  }
  const files: string[] = [];
  if (values.out !== undefined) {
    const dir = resolve(ctx.cwd, values.out as string);
    files.push(
      ...(await writeOutput(dir, output, { format: (values.format ?? "csv") as Format, argv: ctx.argv, started })),
    );
    if (values.report) files.push(...(await writeReportIn(dir, output)));
  }
  const summary = summarize(output);
  if (values.json) ctx.stdout.write(`${toJson({ kind: output.kind, ...(summary.data as object), files })}\n`);
  else if (!values.quiet)
    ctx.stdout.write(
      `${summary.text}\n${
        files.length
          ? `\nWrote ${files.length} file(s) ` +
            `to ${resolve(ctx.cwd, values.out as string)}: ${files.map((f) => f.split(/[\\/]/).pop()).join(", ")}\n`
          : ""
      }`,
    );
  return 0;
}

/**
 * A failed or interrupted experiment keeps its finished runs: each goes to
 * `DIR/finished-runs/r<replicate>-<hash>/` as a run's output folder (its rows and manifest), and
 * the error's message says where.
 */
async function keepFinished(
  dir: string,
  e: RunFailedError | InterruptedError,
  options: { format: Format; argv: readonly string[]; started: Date },
): Promise<void> {
  const folder = join(dir, "finished-runs");
  for (const run of e.completed) {
    const name = `r${run.replicate}-${run.run.split("/")[0].slice(0, 16)}`;
    await writeOutput(join(folder, name), { kind: "run", result: run }, options);
  }
  e.message += `\nkept the ${e.completed.length} finished run(s) in ${folder}`;
}

const run: Command = {
  name: "run",
  summary: "Run a scenario once, or --replications N times, and print a summary table",
  args: "<scenario|file>",
  description:
    "Runs a built-in scenario or a scenario file (YAML or JSON) once and prints the stock per region at the start " +
    "and the horizon, brain drain and welfare. With --replications N (N >= 2) it replicates the scenario under N " +
    "seeds and prints the mean and confidence interval of each region's stock at the horizon. A replicate plan " +
    "file runs as its plan says.",
  positionals: { min: 1, max: 1, missing: `a scenario: a built-in (${BUILT_IN_NAMES.join(", ")}) or a scenario file` },
  flags: [F.replications, ...running, F.metrics, ...cluster, ...common],
  examples: [
    "talentflow run alliance2026 --agents 20000 --years 5",
    "talentflow run my-scenario.yaml --replications 10 --agents 20000 --out out/mine",
    "talentflow run baseline --replications 40 --agents 20000 --out out/reps --shard 0/4",
  ],
  async run(ctx, values, [arg]) {
    precheck(values);
    const metrics = values.metrics as string[] | undefined;
    const kind = await planKind(ctx, arg);
    if (kind !== undefined && kind !== "replicate") {
      throw new UsageError(`${arg} is a ${kind} plan: run it with \`talentflow ${kind} ${arg}\``);
    }
    if (kind === "replicate") {
      const plan = await planArg(ctx, arg, values, "replicate", "run");
      if (plan.kind !== "replicate") throw new Error("unreachable");
      const options = {
        ...plan.options,
        ...(values.replications !== undefined ? { replications: values.replications as number } : {}),
        ...(metrics ? { metrics } : {}),
      };
      return execute(
        ctx,
        values,
        `replicate ${plan.scenario.name}`,
        async (exec) => ({
          kind: "replicate",
          ...(await executeReplicate(plan.scenario, options, exec)),
          scenario: plan.scenario,
        }),
        replicateSharding(plan.scenario, options, { kind: "replicate", plan: basename(arg) }),
      );
    }
    const scenario = await scenarioArg(ctx, arg, sizesOf(values));
    const seed = (values.seed as number | string | undefined) ?? 1;
    const replications = (values.replications as number | undefined) ?? 1;
    if (replications === 1) {
      return execute(ctx, values, `run ${scenario.name}`, async (exec) => ({
        kind: "run",
        result: await executeRun(scenario, { seed, ...(metrics ? { metrics } : {}) }, exec),
      }));
    }
    const options = { replications, seed, ...(metrics ? { metrics } : {}) };
    return execute(
      ctx,
      values,
      `replicate ${scenario.name}`,
      async (exec) => ({ kind: "replicate", ...(await executeReplicate(scenario, options, exec)), scenario }),
      replicateSharding(scenario, options, { kind: "replicate", scenario: basename(arg) }),
    );
  },
};

const compare: Command = {
  name: "compare",
  summary: "Compare scenarios on paired replications (the first is the baseline)",
  args: "<a> <b> [...] | <plan>",
  description:
    "Compares scenarios (built-in names or scenario files) with the first one on paired replications: replicate r " +
    "of every arm runs with the same seed (common random numbers). Prints each arm's paired difference in each " +
    "region's stock at the horizon with its confidence interval, and the welfare difference as a share of " +
    "income. A compare plan file runs as its plan says.",
  positionals: { min: 1, max: 64, missing: "two or more scenarios (built-in names or files), or one compare plan" },
  flags: [F.replications, ...running, F.metrics, F.noVarianceReduction, ...cluster, ...common],
  examples: [
    "talentflow compare baseline alliance2026 --agents 20000 --years 5 --replications 4",
    "talentflow compare examples/scenarios/plans/compare.yaml --out out/compare",
  ],
  async run(ctx, values, args) {
    precheck(values);
    const metrics = values.metrics as string[] | undefined;
    let arms: Record<string, Scenario>;
    let options: CompareOptions;
    if (args.length === 1) {
      const kind = await planKind(ctx, args[0]);
      if (kind === undefined)
        throw new UsageError(
          `compare needs two or more scenarios, or one compare plan file; got one scenario ${JSON.stringify(args[0])}`,
        );
      const plan = await planArg(ctx, args[0], values, "compare", "compare");
      if (plan.kind !== "compare") throw new Error("unreachable");
      arms = { ...plan.arms };
      options = {
        ...plan.options,
        ...(values.replications !== undefined ? { replications: values.replications as number } : {}),
        ...(metrics ? { metrics } : {}),
        ...(values["no-variance-reduction"] ? { varianceReduction: false } : {}),
      };
    } else {
      arms = {};
      for (const [i, arg] of args.entries()) {
        const s = await scenarioArg(ctx, arg, sizesOf(values));
        let name = i === 0 ? "baseline" : s.name;
        for (let n = 2; Object.hasOwn(arms, name); n++) name = `${s.name}-${n}`;
        arms[name] = s;
      }
      const replications = (values.replications as number | undefined) ?? 5;
      if (replications < 2)
        throw new UsageError(`--replications must be at least 2 for a paired comparison, got ${replications}`);
      options = {
        replications,
        seed: (values.seed as number | string | undefined) ?? 1,
        ...(metrics ? { metrics } : {}),
        ...(values["no-variance-reduction"] ? { varianceReduction: false } : {}),
      };
    }
    const info = { kind: "compare", arms: args.length === 1 ? basename(args[0]) : args.map((a) => basename(a)) };
    return execute(
      ctx,
      values,
      `compare ${Object.keys(arms).length} arms`,
      async (exec) => ({ kind: "compare", ...(await executeCompare(arms, options, exec)), arms }),
      {
        kind: "compare",
        plan: () => planCompare(arms, options),
        info,
        extras: { arms },
      },
    );
  },
};

/** sweep, sensitivity, calibrate: a plan file of their kind. */
function planCommand(
  kind: "sweep" | "sensitivity" | "calibrate",
  summary: string,
  description: string,
  example: string,
): Command {
  return {
    name: kind,
    summary,
    args: "<plan>",
    description,
    positionals: { min: 1, max: 1, missing: `a ${kind} plan file (YAML or JSON)` },
    // A calibration's outputs are tables (trace, fit, estimate): it has no report. Only rejection
    // ABC has its runs fixed in advance, so only it shards (fixedCalibrationPlan says so otherwise).
    flags:
      kind === "calibrate"
        ? [...running.filter((f) => f !== F.report), ...cluster, ...common]
        : [...running, ...cluster, ...common],
    examples: [
      example,
      `talentflow ${kind} examples/scenarios/plans/${kind}.yaml --out out/${kind} --shard 0/4`,
      `talentflow ${kind} examples/scenarios/plans/${kind}.yaml --from out/${kind}`,
    ],
    async run(ctx, values, [arg]) {
      precheck(values);
      const plan = await planArg(ctx, arg, values, kind, kind);
      if (plan.kind === "compare") throw new Error("unreachable");
      const planned = {
        scenario: plan.scenario,
        ...(plan.options.seed !== undefined ? { seed: plan.options.seed } : {}),
      };
      const info = { kind, plan: basename(arg) };
      const sharding: Sharding | undefined =
        plan.kind === "sweep"
          ? { kind: "sweep", plan: () => planSweep(plan.scenario, plan.options), info, extras: planned }
          : plan.kind === "sensitivity"
            ? { kind: "sensitivity", plan: () => planSensitivity(plan.scenario, plan.options), info, extras: planned }
            : plan.kind === "calibrate"
              ? {
                  kind: "calibrate",
                  plan: () => fixedCalibrationPlan(plan.scenario, plan.options),
                  info,
                  extras: planned,
                }
              : undefined;
      return execute(
        ctx,
        values,
        `${kind} ${plan.scenario.name}`,
        async (exec): Promise<CliResult> => {
          switch (plan.kind) {
            case "sweep":
              return { kind: "sweep", ...(await executeSweep(plan.scenario, plan.options, exec)), ...planned };
            case "sensitivity":
              return {
                kind: "sensitivity",
                ...(await executeSensitivity(plan.scenario, plan.options, exec)),
                ...planned,
              };
            case "calibrate":
              return { kind: "calibrate", ...(await executeCalibrate(plan.scenario, plan.options, exec)), ...planned };
            default:
              throw new Error("unreachable");
          }
        },
        sharding,
      );
    },
  };
}

/** A replication as a plan of runs: only with a fixed number of replications. */
function replicateSharding(scenario: Scenario, options: ReplicateOptions, info: unknown): Sharding {
  return { kind: "replicate", plan: () => fixedReplicationPlan(scenario, options), info, extras: { scenario } };
}

const report: Command = {
  name: "report",
  summary: "Write report.html and its charts from an output folder",
  args: "<dir>",
  description: "Writes report.html (self-contained) and one SVG per chart into a folder that `--out` wrote.",
  positionals: { min: 1, max: 1, missing: "the output folder to report on" },
  flags: [F.quiet, F.help],
  examples: ["talentflow report out/alliance"],
  async run(ctx, values, [arg]) {
    const dir = resolve(ctx.cwd, arg);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UsageError(`no folder ${dir}: give a folder that --out wrote`);
    const reason = reportUnavailable();
    if (reason) throw new UsageError(reason);
    const files = await writeReportIn(dir);
    if (!values.quiet)
      ctx.stdout.write(
        `Wrote ${files.length} file(s) to ${dir}: ${files.map((f) => f.split(/[\\/]/).pop()).join(", ")}\n`,
      );
    return 0;
  },
};

const scenariosCommand: Command = {
  name: "scenarios",
  summary: "List the built-in scenarios, one line each",
  args: "",
  description: "Lists the built-in scenarios that `run`, `compare`, `extends:` and plans accept, with a line on each.",
  positionals: { min: 0, max: 0, missing: "" },
  flags: [F.json, F.help],
  examples: ["talentflow scenarios"],
  async run(ctx, values) {
    const list = BUILT_IN_NAMES.map((name) => {
      const s = BUILT_IN_SCENARIOS[name]();
      return { name, description: s.description ?? "", policies: s.policies.length };
    });
    if (values.json) ctx.stdout.write(`${toJson(list)}\n`);
    else {
      const width = Math.max(...list.map((s) => s.name.length));
      ctx.stdout.write(list.map((s) => `${s.name.padEnd(width)}  ${s.description}`).join("\n") + "\n");
    }
    return 0;
  },
};

const schema: Command = {
  name: "schema",
  summary: "Write the JSON Schemas of scenario and plan files",
  args: "",
  description:
    "Writes the JSON Schemas of scenario files and of each plan kind (scenario.schema.json, compare.schema.json, " +
    "...) into --out DIR, or prints them as one JSON object. Editors use them for completion and checks: start a " +
    "YAML file with `# yaml-language-server: $schema=<path>/scenario.schema.json`.",
  positionals: { min: 0, max: 0, missing: "" },
  flags: [F.out, F.quiet, F.help],
  examples: ["talentflow schema --out schemas"],
  async run(ctx, values) {
    const schemas = jsonSchemas();
    if (values.out === undefined) {
      ctx.stdout.write(`${JSON.stringify(schemas, null, 2)}\n`);
      return 0;
    }
    const dir = resolve(ctx.cwd, values.out as string);
    await mkdir(dir, { recursive: true });
    for (const [name, s] of Object.entries(schemas))
      await writeFileAtomic(join(dir, name), `${JSON.stringify(s, null, 2)}\n`);
    if (!values.quiet)
      ctx.stdout.write(`Wrote ${Object.keys(schemas).length} schemas to ${dir}: ${Object.keys(schemas).join(", ")}\n`);
    return 0;
  },
};

/** Every command, in the order of the help. */
export const COMMANDS: readonly Command[] = [
  run,
  compare,
  planCommand(
    "sweep",
    "Run a sweep plan: parameters over a grid or a sampled design",
    "Runs the points of a sweep plan (parameter paths with values or ranges, a " +
      "design, replications) and prints each point's stock per region at the horizon.",
    "talentflow sweep examples/scenarios/plans/sweep.yaml --out out/sweep",
  ),
  planCommand(
    "sensitivity",
    "Run a sensitivity plan: Morris screening or Sobol' indices",
    "Runs the design of a sensitivity plan (parameters with ranges, one outcome " +
      "metric) and prints the Morris statistics or Sobol' indices of each parameter.",
    "talentflow sensitivity examples/scenarios/plans/sensitivity.yaml",
  ),
  planCommand(
    "calibrate",
    "Run a calibration plan: fit parameters to target moments",
    "Runs a calibration plan (parameters with bounds, target moments with standard " +
      "errors, MSM or ABC) and prints the estimate and the fit of each target.",
    "talentflow calibrate examples/scenarios/plans/calibrate.yaml",
  ),
  mergeCommand(common),
  statusCommand(common),
  queryCommand(common),
  report,
  scenariosCommand,
  schema,
  exploreCommand,
];
