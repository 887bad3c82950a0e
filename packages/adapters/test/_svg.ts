/** Test helpers that read the data marks of a Vega SVG (axes, legends and titles left out). */

/** Number of drawn data marks of a kind: "line mark", "area mark", "rect mark", "text mark", "rule mark", "point". */
export function countMarks(svg: string, kind: string): number {
  return svg.split(`role="graphics-symbol" aria-roledescription="${kind}"`).length - 1;
}

/** The aria labels of the data marks of a kind, e.g. "Year: 2026; People working in AI: 92,388; Region: Germany". */
export function markLabels(svg: string, kind: string): string[] {
  const re = new RegExp(`<[a-z]+ aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="${kind}"`, "g");
  return [...svg.matchAll(re)].map((m) => m[1]);
}

/** Every text element's content (axis labels, legend entries, titles, cell labels). */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&#x27;|&#39;/g, "'"),
  );
}
