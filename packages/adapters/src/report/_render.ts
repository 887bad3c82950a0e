import type { TopLevelSpec } from "vega-lite";

/** Look shared by every chart: one font stack, quiet axes, legible sizes. */
const CONFIG = {
  font: "Helvetica, Arial, sans-serif",
  background: "white",
  padding: 12,
  title: { fontSize: 15, fontWeight: "bold", anchor: "start", offset: 12, subtitleFontSize: 12, subtitleColor: "#555" },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", titleColor: "#333", labelColor: "#333", gridColor: "#e6e6e6", domainColor: "#888", tickColor: "#888" },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 220 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: null },
} as const;

/**
 * Compiles a Vega-Lite spec to Vega and renders it to an SVG string in Node, with no browser and
 * no canvas (the "none" renderer: text is measured by Vega's estimate). The data must be inline.
 */
export async function renderVegaLite(spec: Omit<TopLevelSpec, "config">): Promise<string> {
  // Loaded on first use, with import(): Vega is ESM-only with top-level await, which require()
  // cannot load, so the CommonJS build of this package must not load it when it is required.
  const [{ View, parse }, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const full = { ...spec, config: CONFIG } as TopLevelSpec;
  const vega = compile(full).spec;
  // No loader access: every chart's data is inline, so nothing is ever fetched.
  const view = new View(parse(vega), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
