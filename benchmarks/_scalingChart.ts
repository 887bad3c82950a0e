/**
 * The chart of `pnpm bench --scaling`: nanoseconds per agent-period against the population, one
 * line per implementation, both axes logarithmic (a flat line is a cost per agent that does not
 * grow with the population; a line that doubles with the population is a quadratic run).
 */
import { renderVegaLite } from "@talentflow/adapters";
import type { ScalingPoint } from "./_results";

type Spec = Parameters<typeof renderVegaLite>[0];

/** The SVG of the scaling chart for `points`, titled with the machine and commit in `subtitle`. */
export function scalingChart(points: readonly ScalingPoint[], subtitle: string): Promise<string> {
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
        scale: { type: "log" },
        axis: { values: [...new Set(points.map((p) => p.agents))], format: ",d" },
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
