/**
 * The parts of scenario validation that shape what the user reads: the memory message and the
 * order of issues (the fields as written in the input).
 * @module
 */
type Key = string | number;

/** "the population needs about 1.2 GiB of memory (...), above the limit of ...": the memory check's message. */
export function memoryMessage(bytes: number, slots: number, maxBytes: number, bytesPerAgent: number, tableBytes: number): string {
  return `the population needs about ${formatBytes(bytes)} of memory (${groupDigits(slots)} agents x ${bytesPerAgent} bytes, plus ${formatBytes(tableBytes)} for tables), above the limit of ${formatBytes(maxBytes)}; lower \`agents\` or raise the limit with { maxBytes }`;
}

function formatBytes(bytes: number): string {
  if (bytes === Infinity) return "Infinity";
  const units: [string, number][] = [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// ---------------------------------------------------------------------------------------------
// Order: issues follow the fields as written in the input (a missing field sorts with its parent).

/** The issues sorted by where their field stands in the input (a missing field sorts with its parent), stable otherwise. */
export function inFieldOrder<I extends { path: Key[] }>(input: unknown, issues: I[]): I[] {
  const order = new Map<string, number>();
  const walk = (v: unknown, path: Key[], depth: number) => {
    order.set(path.join("\u0000"), order.size);
    if (depth === 0) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], depth - 1));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth - 1);
  };
  walk(input, [], 5);
  const rank = (path: Key[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const r = order.get(path.slice(0, n).join("\u0000"));
      if (r !== undefined) return r;
    }
    return -1;
  };
  return issues
    .map((issue, i) => ({ issue, i, rank: rank(issue.path) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ issue }) => issue);
}
