import type { Scenario } from "@talentflow/core";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { FileValidationError, type FileIssue } from "./FileValidationError";
import { resolveScenario, type Sizes } from "./_resolveScenario";
import { parseText } from "./_yaml";

/** Options of {@link parseScenario}. */
export interface ParseScenarioOptions {
  /** The file the text came from: named in every issue, and its stem names a scenario that sets no `name`. */
  readonly file?: string;
  /** Agents, years or burn-in years to impose (as the CLI's `--agents` and `--years` do). */
  readonly sizes?: Sizes;
}

/**
 * Reads a scenario from YAML or JSON text and validates it with core's `validateScenario`.
 *
 * The text is either a complete scenario (`model: talentflow/1` and every field), or a built-in
 * scenario with changes:
 *
 * ```yaml
 * extends: baseline            # baseline, alliance2026, usFeeLapses, canadaFastTrack, germanyEnglishJobs
 * name: cheaperMoves
 * agents: 20000
 * set:                         # dotted paths, as in setParameter, applied in order
 *   regions.DE.taxRate: 0.38
 *   movingCost.DE<->CA: 2.5
 * policies:                    # added after the built-in's own; fields as in core's policies.*
 *   - kind: talentExchange
 *     partners: [DE, CA]
 *     from: 2027
 * ```
 *
 * @returns The validated scenario.
 * @throws FileValidationError (a core `ValidationError`) listing every problem, each with the
 *   file, line, column, field path and reason.
 * @example
 * const s = parseScenario("extends: baseline\nset:\n  regions.DE.taxRate: 0.38\n", { file: "my.yaml" });
 * s.regions.DE.taxRate // => 0.38
 */
export function parseScenario(text: string, options: ParseScenarioOptions = {}): Scenario {
  const { file } = options;
  const parsed = parseText(text, file);
  if (parsed.issues.length > 0) throw new FileValidationError(parsed.issues, "scenario file is not valid YAML");
  const { scenario, issues } = resolveScenario(
    parsed.value,
    { file, locate: parsed.locate, prefix: [] },
    { ...(file === undefined ? {} : { defaultName: stem(file) }), ...(options.sizes ? { sizes: options.sizes } : {}) },
  );
  if (scenario === undefined) throw new FileValidationError(issues, "scenario file is invalid");
  return scenario;
}

/**
 * Reads a scenario file (`.yaml`, `.yml` or `.json`) and validates it: see {@link parseScenario}
 * for the format.
 *
 * @throws FileValidationError naming the file if it cannot be read, is not YAML or JSON, or
 *   describes an invalid scenario (every problem with its line and column).
 * @example
 * const scenario = await readScenarioFile("examples/scenarios/alliance2026.yaml");
 * simulate(scenario, { seed: 1 });
 */
export async function readScenarioFile(
  path: string,
  options: Omit<ParseScenarioOptions, "file"> = {},
): Promise<Scenario> {
  return parseScenario(await readText(path), { ...options, file: path });
}

/** A file's text, or a FileValidationError that names it. */
export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : (e as Error).message;
    const issue: FileIssue = { file: path, path: "", message: `cannot read the file: ${reason}` };
    throw new FileValidationError([issue], "cannot read file");
  }
}

/** The file's name without its folder and extension: `my-scenario` for `a/my-scenario.yaml`. */
export function stem(file: string): string {
  return basename(file, extname(file));
}
