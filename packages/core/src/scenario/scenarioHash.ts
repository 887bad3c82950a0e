/**
 * Canonical JSON of plain data: object keys sorted, so the same scenario written in another key
 * order gives the same text; `Infinity` (feedback off) is written as the string "Infinity".
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // => '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // Assigning to "__proto__" would set the prototype and drop the key from the text.
      if (v !== undefined)
        Object.defineProperty(out, key, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** FNV-1a over UTF-16 code units with a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A short, stable hash of a scenario's content (16 hex digits): the first part of a run key.
 * Two scenarios with the same content have the same hash whatever their key order.
 *
 * @example
 * scenarioHash(scenarios.baseline()) === scenarioHash(scenarios.baseline()) // => true
 */
export function scenarioHash(scenario: unknown): string {
  const text = canonicalJson(scenario);
  const hex = (n: number) => n.toString(16).padStart(8, "0");
  return hex(fnv1a(text, 0x811c9dc5)) + hex(fnv1a(text, 0x050c5d1f));
}

/** Reverses the "Infinity" strings of {@link canonicalJson} after JSON.parse. */
export function reviveNonFinite(_key: string, value: unknown): unknown {
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return value;
}
