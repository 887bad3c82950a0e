/**
 * Unknown keys in an options object: the one check behind every public function's options and
 * the scenario validator's unknown fields. A misspelled option must not be silently ignored
 * (`{ sed: 42 }` would run with the default seed), so it is an issue that names the key and the
 * closest known one.
 * @internal
 */
import type { Issue } from "./errors";
import { Issues } from "./_issues";

/**
 * The known name nearest to `key` (case-insensitive edit distance <= 2), if any: the suggestion
 * of every "unknown option" and "unknown field" message, exported so that command lines built on
 * the core suggest the same way (`--agent`: did you mean `--agents`?).
 *
 * @example
 * closestKey("agent", ["agents", "years"]) // => "agents"
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** `unknown option "sed" (did you mean "seed"?)`; `what` names the kind of key ("option", "field"). */
export function unknownKeyMessage(key: string, known: readonly string[], what = "option"): string {
  const near = closestKey(key, known);
  return (
    `unknown ${what} ` + `${JSON.stringify(key)}${near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}?)`}`
  );
}

/**
 * One issue per own key of `options` that is not in `known`, at `prefix + key`. Anything that is
 * not a plain object gives no issue here (the caller's type checks report it).
 *
 * @example
 * unknownKeyIssues({ sed: 42 }, ["seed", "replicate"], "options.")
 * // => [{ path: "options.sed", message: 'unknown option "sed" (did you mean "seed"?)' }]
 */
export function unknownKeyIssues(options: unknown, known: readonly string[], prefix = ""): Issue[] {
  const issues = new Issues();
  if (options === null || typeof options !== "object" || Array.isArray(options)) return issues.list();
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) issues.add(`${prefix}${key}`, unknownKeyMessage(key, known));
  }
  return issues.list();
}

/**
 * Throws a {@link ValidationError} (with `context`, e.g. `"simulate"`) listing every unknown key
 * of `options`; does nothing when all keys are known.
 */
export function assertKnownKeys(options: unknown, known: readonly string[], context: string, prefix = ""): void {
  const issues = new Issues(`invalid options of ${context}`);
  issues.addAll(unknownKeyIssues(options, known, prefix));
  issues.throwIfAny();
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
