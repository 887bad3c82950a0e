import type { TopLevelSpec } from "vega-lite";

/** Look shared by every chart: one font stack, quiet axes, legible sizes. */
const CONFIG = {
  font: "Helvetica, Arial, sans-serif",
  background: "white",
  padding: 12,
  title: { fontSize: 15, fontWeight: "bold", anchor: "start", offset: 12, subtitleFontSize: 12, subtitleColor: "#555" },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    titleColor: "#333",
    labelColor: "#333",
    gridColor: "#e6e6e6",
    domainColor: "#888",
    tickColor: "#888",
  },
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
    return stableIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** The ids Vega's SVG renderer numbers from process-wide counters: gradients and clip paths. */
const COUNTED_ID = /(id="|url\(#)((?:p_)?gradient_\d+|clip\d+)(?=[")])/g;

/**
 * Renames the ids Vega numbers from process-wide counters (`gradient_7`, `clip3`) after the
 * chart's content, so that the same chart is the same SVG whatever was rendered before it (a
 * report from a folder equals the report from the result), while charts that differ keep
 * distinct ids when report.html inlines them side by side.
 */
function stableIds(svg: string): string {
  const ids: string[] = [];
  const generic = svg.replace(COUNTED_ID, (_m, before: string, id: string) => {
    let k = ids.indexOf(id);
    if (k < 0) k = ids.push(id) - 1;
    return `${before}\u0000${k}\u0000`;
  });
  if (ids.length === 0) return svg;
  const tag = fnv1a(generic);
  return generic.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL delimits the placeholders above; SVG text holds none
    /\u0000(\d+)\u0000/g,
    (_m, k: string) => `${ids[Number(k)].startsWith("clip") ? "clip" : "gradient"}-${tag}-${k}`,
  );
}

/** 32-bit FNV-1a of a string, in base 36. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
