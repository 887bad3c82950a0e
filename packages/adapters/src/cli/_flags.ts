/**
 * The flags of `talentflow`'s commands: names, help texts and how each value is read.
 * @internal
 * @module
 */
import { METRICS } from "@talentflow/core";
import { availableParallelism } from "node:os";
import { listOf, oneOf, seedValue, wholeNumber, type Flag } from "./_args";
import { CLUSTER_FLAGS } from "./_cluster";
import { FORMATS } from "./_output";

const metricNames = Object.keys(METRICS);

/** Every flag of the commands, by name. */
export const FLAGS = {
  help: { name: "help", short: "h", help: "Show this help." },
  quiet: { name: "quiet", short: "q", help: "No progress and no table: only errors (and the JSON with --json)." },
  json: { name: "json", help: "Print the result as JSON on standard output (progress stays on standard error)." },
  replications: {
    name: "replications",
    value: "N",
    help: "Replications (run: 1 is one run; compare: default 5).",
    parse: wholeNumber(1),
  },
  seed: {
    name: "seed",
    value: "S",
    help: "Master seed, a number or a word (default 1; a plan's own otherwise).",
    parse: seedValue,
  },
  agents: {
    name: "agents",
    value: "N",
    help: "Agents per run (default: one per person, 477,600 for the built-in scenarios).",
    parse: wholeNumber(1),
  },
  years: {
    name: "years",
    value: "N",
    help: "Reported years (default: the scenario's, 10 for built-ins).",
    parse: wholeNumber(1),
  },
  metrics: {
    name: "metrics",
    value: "LIST",
    help: "Metrics to record, comma-separated (default: all).",
    parse: listOf(metricNames, "metric"),
  },
  workers: {
    name: "workers",
    value: "N",
    help: `Worker threads (default: the number of cores, ${availableParallelism()} here).`,
    parse: wholeNumber(1),
  },
  out: { name: "out", value: "DIR", help: "Write the result's tables into DIR (created if missing)." },
  format: {
    name: "format",
    value: "FORMAT",
    help: "Format of the files in --out: csv (default), parquet or ndjson.",
    parse: oneOf(FORMATS),
  },
  report: { name: "report", help: "Also write report.html with charts into the --out folder." },
  noVarianceReduction: {
    name: "no-variance-reduction",
    help: "Skip the second set of runs that measures the variance reduction (halves the runs).",
  },
} satisfies Record<string, Flag>;

/** The flags every command takes. */
export const COMMON_FLAGS = [FLAGS.quiet, FLAGS.json, FLAGS.help];
/** The flags of the commands that run the model. */
export const RUNNING_FLAGS = [
  FLAGS.seed,
  FLAGS.agents,
  FLAGS.years,
  FLAGS.workers,
  FLAGS.out,
  FLAGS.format,
  FLAGS.report,
];
/** The flags of sharded runs. */
export const SHARD_FLAGS = [CLUSTER_FLAGS.shard, CLUSTER_FLAGS.shards, CLUSTER_FLAGS.from];
