import { CITIZENSHIP_NAMES, REGION_NAMES } from "./names";

/** Colour-blind-safe categorical colours (Okabe-Ito, without its yellow, which fades on white). */
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#999999"];

/**
 * A colour scale over names that gives each known region (or citizenship) the same colour in
 * every chart, whatever subset a chart shows; unknown names follow in order of appearance.
 */
export function colourScale(
  names: readonly string[],
  known: "region" | "citizenship" | "none",
): { domain: string[]; range: string[] } {
  const order =
    known === "region" ? Object.values(REGION_NAMES) : known === "citizenship" ? Object.values(CITIZENSHIP_NAMES) : [];
  const present = new Set(names);
  const domain = [...order.filter((n) => present.has(n)), ...[...present].filter((n) => !order.includes(n))];
  const range = domain.map((n) => {
    const k = order.indexOf(n);
    return COLOURS[(k >= 0 ? k : order.length + domain.indexOf(n)) % COLOURS.length];
  });
  return { domain, range };
}

/** Distinct names in order of first appearance. */
export function distinct(names: Iterable<string>): string[] {
  return [...new Set(names)];
}

/** Legend entries drawn as solid strokes, so a line's faint confidence band does not fade its key. */
export const LINE_LEGEND = { symbolType: "stroke", symbolStrokeWidth: 3, symbolOpacity: 1, symbolSize: 300 } as const;
