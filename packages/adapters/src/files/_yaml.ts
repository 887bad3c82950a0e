/**
 * YAML (and JSON, which YAML reads) with positions: the parsed value, the syntax errors with
 * their line and column, and a way to find where a field path is in the text.
 * @internal
 * @module
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { FileIssue } from "./FileValidationError";

/** A segment of a field path: a map key or a list index. */
export type PathKey = string | number;

/** Where a field path is in a file. */
export type Locate = (
  path: readonly PathKey[],
  options?: { readonly key?: boolean },
) => { line: number; column: number } | undefined;

/** A parsed file: its value (undefined if the text is not YAML), the syntax problems, and positions. */
export interface ParsedText {
  readonly value: unknown;
  readonly issues: FileIssue[];
  readonly locate: Locate;
}

/**
 * Parses YAML or JSON text. Duplicate keys are syntax errors (the second value would silently
 * win otherwise).
 */
export function parseText(text: string, file: string | undefined): ParsedText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issues: FileIssue[] = [...doc.errors, ...doc.warnings].map((e) => ({
    ...(file === undefined ? {} : { file }),
    ...at(e.pos[0]),
    path: "",
    message: `YAML: ${e.message.split("\n")[0]}`,
  }));
  const locate: Locate = (path, options = {}) => {
    const node = deepest(doc.contents as Node | null, path, options.key ?? false);
    return node?.range ? at(node.range[0]) : undefined;
  };
  const value = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
  return { value, issues, locate };
}

/**
 * The deepest node along `path`. Keys that contain dots (`regions.DE.taxRate` under `set`, or
 * under a sweep's `vary`) are matched whole: at each map the longest run of segments that
 * joins to a key wins, so a core issue path split at every dot still finds its node.
 */
function deepest(root: Node | null, path: readonly PathKey[], atKey: boolean): Node | undefined {
  let node: Node | null = root;
  let found: Node | undefined = root ?? undefined;
  let k = 0;
  while (node && k < path.length) {
    let next: Node | null | undefined;
    let used = 1;
    if (isMap(node)) {
      for (let n = path.length - k; n >= 1 && next === undefined; n--) {
        const key = path.slice(k, k + n).join(".");
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        if (pair) {
          used = n;
          // an empty value (`key:`) has no node of its own: point at the key
          const last = k + n === path.length;
          next = (last && atKey ? null : (pair.value as Node | null)) ?? (pair.key as Node);
        }
      }
    } else if (isSeq(node)) {
      const index = Number(path[k]);
      const item = Number.isInteger(index) ? node.items[index] : undefined;
      next = (item as Node | undefined) ?? undefined;
    }
    if (!next) break;
    node = next;
    found = next;
    k += used;
  }
  return found;
}
