/**
 * The chart of `pnpm bench --scaling`: nanoseconds per agent-period against the population, one
 * line per implementation, both axes logarithmic (a flat line is a cost per agent that does not
 * grow with the population; a line that doubles with the population is a quadratic run).
 */
import { renderVegaLite } from "@talentflow/adapters";
import type { Results, ScalingPoint } from "./_results";

type Spec = Parameters<typeof renderVegaLite>[0];

/** The scaling chart's subtitle: the machine and the commit of the run. */
export function scalingSubtitle(r: Pick<Results, "cpu" | "cores" | "node" | "commit">): string {
  return `${r.cpu}, ${r.cores} cores, Node ${r.node}, commit ${r.commit.slice(0, 7)}; one run per point, 40 periods`;
}

/** The SVG of the scaling chart for `points`, titled with the machine and commit in `subtitle`. */
export function scalingChart(points: readonly ScalingPoint[], subtitle: string): Promise<string> {
  const sizes = points.map((p) => p.agents);
  return renderVegaLite({
    title: { text: "Cost per agent-period as the population grows", subtitle },
    width: 520,
    height: 300,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: "line", point: true },
    encoding: {
      x: {
        field: "agents",
        type: "quantitative",
        scale: { type: "log", domain: [Math.min(...sizes) / 1.15, Math.max(...sizes) * 1.15], nice: false },
        axis: { values: [...new Set(sizes)], format: ",d" },
        title: "agents",
      },
      y: {
        field: "nsPerAgentPeriod",
        type: "quantitative",
        scale: { type: "log" },
        title: "nanoseconds per agent-period (log scale)",
      },
      color: { field: "implementation", type: "nominal", title: null },
    },
  } as Spec);
}
