/**
 * The report of `pnpm alliance` (examples/alliance.ts): its markdown tables and SVG charts.
 */
import { scenarios } from "@talentflow/core";
import { effectsChart, sensitivityChart, writeFileAtomic } from "@talentflow/adapters";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { AllianceResult, EffectKey, EffectSummary } from "./alliance";

/** A value in the effect's unit: people, percentage points of a share, or utils. */
function show(unit: EffectKey["unit"], v: number): string {
  if (unit === "people") return `${v >= 0 ? "+" : ""}${Math.round(v).toLocaleString("en-US")}`;
  if (unit === "share") return `${v >= 0 ? "+" : ""}${(100 * v).toFixed(3)} pp`;
  return `${v >= 0 ? "+" : ""}${v.toFixed(5)}`;
}
const pct = (p: number) => `${(100 * p).toFixed(0)}%`;
const signs = (s: EffectSummary) => `${pct(s.pPositive)} | ${pct(s.pNegative)} | ${pct(s.pZero)}`;

/** The markdown tables of the result. */
export function tables(r: AllianceResult): string[] {
  const lines: string[] = [];
  const name = (e: EffectKey) => `${e.outcome}, 1 Jan ${e.year}`;
  lines.push(
    `\n(a) Monte Carlo: ${r.monteCarlo.replications} paired replications at ` +
      `${r.monteCarlo.agents.toLocaleString("en-US")} agents ` +
      `(${r.monteCarlo.seconds.toFixed(0)} s)\n`,
    "| effect | mean | 90% interval of the mean | 5%–95% of replicates | P(> 0) | P(< 0) | P(= 0) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  r.effects.forEach((e, i) => {
    const s = r.monteCarlo.summaries[i];
    lines.push(
      `| ${name(e)} | ${show(e.unit, s.mean)} | ${show(e.unit, s.meanLow)} … ${show(e.unit, s.meanHigh)} | ` +
        `${show(e.unit, s.lower)} … ${show(e.unit, s.upper)} | ${signs(s)} |`,
    );
  });
  lines.push(
    `\n(c) Calibration uncertainty: ${r.draws.draws} draws of the fitted parameters from N(θ̂, V) truncated to ` +
      `their bounds (${r.draws.candidates} candidates), mean field (${r.draws.seconds.toFixed(0)} s); ` +
      `joint SEs √diag V: ${Object.entries(r.draws.standardErrors)
        .map(([n, se]) => `${n} ${se.toPrecision(3)}`)
        .join(", ")}\n`,
    "| effect | at the estimate | mean over draws | 90% interval | P(> 0) | P(< 0) | P(= 0) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  r.effects.forEach((e, i) => {
    const s = r.draws.summaries[i];
    lines.push(
      `| ${name(e)} | ${show(e.unit, r.draws.atEstimate[i])} | ${show(e.unit, s.mean)} | ` +
        `${show(e.unit, s.lower)} … ${show(e.unit, s.upper)} | ${signs(s)} |`,
    );
  });
  lines.push(
    `\n(b) Sobol' indices: N = ${r.sobol.samples}, ${r.sobol.points} design points, ${r.sobol.projections} ` +
      `projections (${r.sobol.seconds.toFixed(0)} s); S1 / ST, bootstrap 95% intervals in the charts\n`,
  );
  const short = (p: string) => p.replace(/^policies\.\d+\./, "").replace(/^behavior\./, "");
  lines.push(
    `| effect | ${r.sobol.ranges.map((x) => short(x.path)).join(" | ")} |`,
    `| --- |${r.sobol.ranges.map(() => " ---: |").join("")}`,
  );
  r.effects.forEach((e, i) => {
    const cells = r.sobol.indices[i].parameters.map((p) => `${p.s1.toFixed(2)} / ${p.st.toFixed(2)}`);
    lines.push(`| ${name(e)} | ${cells.join(" | ")} |`);
  });
  return lines;
}

/** The SVG charts: the effects of (a) and (c) per unit, and S1/ST per outcome at the last year. */
export async function charts(r: AllianceResult, out: string): Promise<string[]> {
  const written: string[] = [];
  await mkdir(out, { recursive: true });
  const write = async (file: string, svg: string) => {
    const path = join(out, file);
    await writeFileAtomic(path, svg);
    written.push(path);
  };
  const units = [
    { unit: "people", file: "alliance-effects-stocks.svg", format: ",d", title: "Effect on the stock (people)" },
    {
      unit: "share",
      file: "alliance-effects-brain-drain.svg",
      format: ".2%",
      title: "Effect on the brain-drain rate (percentage points)",
    },
    { unit: "utils", file: "alliance-effects-welfare.svg", format: ".4f", title: "Effect on welfare (logit units)" },
  ] as const;
  for (const u of units) {
    const records = r.effects.flatMap((e, i) => {
      if (e.unit !== u.unit) return [];
      const label = `${e.outcome}, ${e.year}`;
      const mc = r.monteCarlo.summaries[i];
      const dr = r.draws.summaries[i];
      return [
        { arm: "Monte Carlo (agents)", label, mean: mc.mean, lower: mc.lower, upper: mc.upper },
        { arm: "Calibration draws", label, mean: dr.mean, lower: dr.lower, upper: dr.upper },
      ];
    });
    await write(
      u.file,
      await effectsChart(records, {
        title: "The alliance's effect: mean and 90% interval",
        subtitle: "Monte Carlo: 5%–95% of paired replicates; calibration: 5%–95% of parameter draws",
        format: u.format,
        valueTitle: u.title,
      }),
    );
  }
  const alliance = scenarios.alliance2026({ agents: 100 });
  // A pillar's path names its policy by index; the chart names it by a short form of its kind.
  const short: Record<string, string> = {
    researchCooperation: "researchCoop",
    economicCooperation: "economicCoop",
    regulatoryAlignment: "regulatory",
    talentExchange: "exchange",
  };
  const labelOf = (path: string) =>
    path.replace(/^policies\.(\d+)\./, (_, i: string) => {
      const kind = alliance.policies[Number(i)].kind;
      return `${short[kind] ?? kind}.`;
    });
  const last = Math.max(...r.effects.map((e) => e.year));
  for (const [i, e] of r.effects.entries()) {
    if (e.year !== last) continue;
    const indices = r.sobol.indices[i].parameters.flatMap((p) => [
      { parameter: labelOf(p.path), index: "S1", value: p.s1, lower: p.s1Low, upper: p.s1High },
      { parameter: labelOf(p.path), index: "ST", value: p.st, lower: p.stLow, upper: p.stHigh },
    ]);
    await write(
      `alliance-sobol-${e.id}.svg`,
      await sensitivityChart(indices, {
        title: `Sobol' indices of the alliance's effect: ${e.outcome}, ${e.year}`,
        subtitle: `N = ${r.sobol.samples}, mean field; bars: bootstrap 95% intervals`,
      }),
    );
  }
  return written;
}
