/**
 * What a command prints: a text table per result (adapters' `formatTable`) and the same
 * figures as plain data for `--json`.
 * @internal
 * @module
 */
import { validateScenario, type Issue, type SeriesStatistic } from "@talentflow/core";
import { formatTable, type Cell } from "../table";
import type { CliResult } from "./_output";

/** The printed text and the `--json` data of a result. */
export interface Summary {
  readonly text: string;
  readonly data: unknown;
}

const whole = (x: number) => Math.round(x);
/** Rounded to a tenth, without a "-0.0" for a difference that is zero up to rounding. */
const tenth = (x: number) => Math.round(x * 10) / 10 + 0;
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number) => (x > 0 ? `+${whole(x).toLocaleString("en-US")}` : whole(x).toLocaleString("en-US"));

/** The series a one-line label names: `DE`, `DE->CA`, `citizens IN`. */
function label(s: { region: string; origin: string; destination: string; citizenship: string }): string {
  if (s.origin || s.destination) return `${s.origin}->${s.destination}`;
  return [s.region, s.citizenship && `citizens ${s.citizenship}`].filter(Boolean).join(" ") || "all";
}

/** Statistics of one metric at its last period: stock if recorded, else the first metric. */
function atHorizon<T extends SeriesStatistic>(stats: readonly T[]): { metric: string; rows: T[] } {
  const metric = stats.some((s) => s.metric === "stock") ? "stock" : (stats[0]?.metric ?? "");
  const mine = stats.filter((s) => s.metric === metric);
  const last = Math.max(...mine.map((s) => s.period));
  return { metric, rows: mine.filter((s) => s.period === last) };
}

/**
 * The validation warnings of the scenarios a result ran on (a policy whose window lies wholly
 * outside the run, ...): a run's own `warnings`, else its scenario's, each arm's of a comparison
 * (the path led by the arm's name).
 */
export function warningsOf(output: CliResult): Issue[] {
  switch (output.kind) {
    case "run":
      return [...output.result.warnings];
    case "compare":
      return Object.entries(output.arms).flatMap(([arm, scenario]) =>
        validateScenario(scenario).warnings.map((w) => ({ path: `${arm}: ${w.path}`, message: w.message })),
      );
    default:
      return validateScenario(output.scenario).warnings;
  }
}

/** The summary of a command's result, its scenarios' warnings last (in the text and as `warnings` in the data). */
export function summarize(output: CliResult): Summary {
  const { text, data } = figures(output);
  const warnings = warningsOf(output);
  return {
    text:
      warnings.length === 0 ? text : [text, "", ...warnings.map((w) => `Warning: ${w.path}: ${w.message}`)].join("\n"),
    data: { ...(data as object), warnings },
  };
}

function figures(output: CliResult): Summary {
  switch (output.kind) {
    case "run": {
      const s = output.result.summary;
      const regions = Object.keys(s.endStock);
      const table = formatTable(
        ["region", `${s.startYear}`, `${s.endYear}`, "change"],
        regions.map((r) => [r, whole(s.startStock[r]), whole(s.endStock[r]), signed(s.endStock[r] - s.startStock[r])]),
      );
      const drain = Object.entries(s.brainDrain)
        .map(([c, v]) => `${c} ${pct(v)}`)
        .join(", ");
      const text = [
        `People working in AI, by region (scenario ${s.scenario}, run ` +
          `seed ${s.seed}, ${output.result.scale.toFixed(2)} people per agent)`,
        table,
        "",
        `Brain drain in ${s.endYear} (citizens working outside their country): ${drain}`,
        `Welfare (mean expected utility of the decision over the run): ${s.welfare.toFixed(4)}`,
      ].join("\n");
      return { text, data: { run: output.result.run, scale: output.result.scale, summary: s } };
    }
    case "replicate": {
      const r = output.result;
      const { metric, rows } = atHorizon(r.statistics);
      const year = rows[0]?.year;
      const table = formatTable(
        ["series", "mean", "sd", `${Math.round(r.confidence * 100)}% CI low`, "CI high"],
        rows.map((s) => [label(s), s.mean, s.sd, s.ciLow, s.ciHigh]),
        { digits: 1 },
      );
      const text = [
        `${metric} at ${year === undefined ? "the horizon" : Math.floor(year)}: ${r.replications} ` +
          `replications of ${r.scenario}, seed ${r.seed}`,
        table,
      ].join("\n");
      return {
        text,
        data: {
          scenario: r.scenario,
          seed: r.seed,
          replications: r.replications,
          metric,
          horizon: rows,
          ...(r.stopping ? { stopping: r.stopping } : {}),
        },
      };
    }
    case "compare": {
      const r = output.result;
      const { metric, rows } = atHorizon(r.differences);
      const table = formatTable(
        ["arm", "series", "baseline", "arm mean", "difference", "CI low", "CI high"],
        rows.map(
          (d) => [d.arm, label(d), d.baselineMean, d.armMean, tenth(d.mean), tenth(d.ciLow), tenth(d.ciHigh)] as Cell[],
        ),
        { digits: 1 },
      );
      const welfare = formatTable(
        ["arm", "welfare difference", "worth (% of income)", "CI low", "CI high"],
        r.welfare.map((w) => [
          w.arm,
          w.dW.mean.toFixed(5),
          pct(w.compensatingVariation.estimate, 3),
          pct(w.compensatingVariation.ciLow, 3),
          pct(w.compensatingVariation.ciHigh, 3),
        ]),
      );
      const text = [
        `Paired differences (arm - baseline) in ${metric} at the ` +
          `horizon, ${r.replications} replications, seed ${r.seed}, ${r.runs} runs`,
        table,
        "",
        "Welfare: paired difference in the mean logsum, and the change in income worth as much",
        welfare,
      ].join("\n");
      return {
        text,
        data: { seed: r.seed, replications: r.replications, arms: r.arms, metric, horizon: rows, welfare: r.welfare },
      };
    }
    case "sweep": {
      const r = output.result;
      const metric = r.rows.some((row) => row.metric === "stock") ? "stock" : (r.rows[0]?.metric ?? "");
      const last = Math.max(...r.rows.filter((row) => row.metric === metric).map((row) => row.period));
      // Sum and count per (point hash, series) in one pass over the rows.
      const sums = new Map<string, { sum: number; n: number }>();
      const series: string[] = [];
      for (const row of r.rows) {
        if (row.metric !== metric || row.period !== last) continue;
        const s = label(row);
        if (!series.includes(s)) series.push(s);
        const key = `${String(row.run).split("/")[0]}|${s}`;
        const acc = sums.get(key) ?? { sum: 0, n: 0 };
        acc.sum += row.value;
        acc.n++;
        sums.set(key, acc);
      }
      const mean = (p: number, s: string) => {
        const acc = sums.get(`${r.points[p].hash}|${s}`);
        return acc ? acc.sum / acc.n : NaN;
      };
      const data = r.points.map((p) => ({
        point: p.index,
        ...p.values,
        ...Object.fromEntries(series.map((s) => [s, mean(p.index, s)])),
      }));
      const table = formatTable(
        ["point", ...r.parameters, ...series],
        data.map((d) => [
          d.point,
          ...r.parameters.map((k) => (d as Record<string, number>)[k]),
          ...series.map((s) => whole((d as Record<string, number>)[s])),
        ]),
        { digits: 3 },
      );
      return {
        text: [
          `${metric} at the horizon per point (mean over replications), ${r.design} design, ${r.runs} runs`,
          table,
        ].join("\n"),
        data: { design: r.design, parameters: r.parameters, metric, points: data },
      };
    }
    case "sensitivity": {
      const r = output.result;
      const series = label({
        region: r.metric.region ?? "",
        origin: r.metric.origin ?? "",
        destination: r.metric.destination ?? "",
        citizenship: r.metric.citizenship ?? "",
      });
      const what = `${r.metric.metric}${series === "all" ? "" : ` (${series})`}`;
      const table =
        r.method === "morris"
          ? formatTable(
              ["parameter", "mu*", "mu", "sigma"],
              r.parameters.map((p) => [p.path, p.muStar, p.mu, p.sigma]),
              { digits: 3 },
            )
          : formatTable(
              ["parameter", "S1", "S1 CI", "ST", "ST CI"],
              r.parameters.map((p) => [
                p.path,
                p.s1.toFixed(3),
                `[${p.s1Low.toFixed(3)}, ${p.s1High.toFixed(3)}]`,
                p.st.toFixed(3),
                `[${p.stLow.toFixed(3)}, ${p.stHigh.toFixed(3)}]`,
              ]),
            );
      return {
        text: [
          `${r.method === "morris" ? "Morris screening" : "Sobol' indices"} ` +
            `of ${what}, ${r.points} points, ${r.runs} runs`,
          table,
        ].join("\n"),
        data: r,
      };
    }
    case "calibrate": {
      const r = output.result;
      const estimate = formatTable(
        ["parameter", "estimate"],
        Object.entries(r.estimate).map(([k, v]) => [k, v.toPrecision(5)]),
      );
      const fit = formatTable(
        ["target", "observed", "se", "model", "distance (se)"],
        r.fit.map((f) => [
          f.name,
          f.value.toPrecision(4),
          f.se.toPrecision(3),
          f.model.toPrecision(4),
          f.distance.toFixed(2),
        ]),
      );
      const status = r.converged === undefined ? "" : r.converged ? ", converged" : ", stopped at maxEvaluations";
      const text = [
        `Calibration (${r.method}): objective ${r.objective.toFixed(3)}, ${r.evaluations} ` +
          `candidates, ${r.runs} runs${status}`,
        estimate,
        "",
        fit,
      ].join("\n");
      return {
        text,
        data: {
          method: r.method,
          estimate: r.estimate,
          fit: r.fit,
          objective: r.objective,
          evaluations: r.evaluations,
          runs: r.runs,
          ...(r.converged === undefined ? {} : { converged: r.converged }),
        },
      };
    }
  }
}

/** JSON with non-finite numbers as null (JSON has no NaN or Infinity). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2);
}
