/**
 * Regenerates, from the code, the parameter table of docs/scenarios.md (between
 * `<!-- parameters:start -->` and `<!-- parameters:end -->`: one row per entry of
 * `PARAMETER_SOURCES`, with the baseline's value at that path, its unit, basis and source) and
 * the two data files of the repository: data/parameters.csv (the same rows, values as numbers or
 * JSON) and data/targets.csv (`BASELINE_MOMENTS`: the moments to fit and to validate, with their
 * standard errors, the model's counterparts and their sources).
 *
 *   pnpm docs:scenarios            rewrite the table and the data files
 *   pnpm docs:scenarios --check    exit 1 if any of them is out of date
 *
 * The script runs with the "@talentflow/source" condition, so it reads the code as it is, never
 * a stale build.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BASELINE_MOMENTS, PARAMETER_SOURCES, scenarios, type Policy } from "@talentflow/core";
import { toCsv } from "@talentflow/adapters";

export const START_MARKER = "<!-- parameters:start -->";
export const END_MARKER = "<!-- parameters:end -->";

/** docs/scenarios.md, found from this file's location (so any working directory works). */
export const SCENARIOS_DOC = resolve(dirname(fileURLToPath(import.meta.url)), "..", "scenarios.md");

/** The repository's data folder. */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "data");

/** Units by path pattern; the first match wins. */
const UNITS: ReadonlyArray<[RegExp, string]> = [
  [/^fx\./, "USD per unit"],
  [/^burnInYears$/, "years"],
  [/^behavior\.beta$/, "logit units per log of net real income"],
  [/^behavior\.alpha$/, "logit units per log USD of investment per worker"],
  [/^behavior\.gamma$/, "logit units per log(1 + thousands of compatriots)"],
  [/^behavior\.(homeBias|languagePenalty|tempPenalty)$/, "logit units"],
  [/^behavior\.(considerRate|exitRate)$/, "per year"],
  [/^behavior\.ageCost$/, "logit units per year of age over 30"],
  [/^behavior\.(entryAge|retirementAge|initialAgeMedian)$/, "years"],
  [/^behavior\.feeAdmissionFactor$/, "multiplier per USD 100,000 of fee"],
  [/^behavior\.delayCost$/, "logit units per year of delay"],
  [/^behavior\.wageElasticity$/, "epsilon"],
  [/^behavior\.demandElasticity$/, "eta"],
  [/^behavior\.nests\.[^.]+\.lambda$/, "lambda (1: no nesting)"],
  [/^citizenships\.[^.]+\.network$/, "weight on gamma"],
  [/\.initialStock$/, "people"],
  [/\.grossWage$/, "USD/year at average skill"],
  [/\.skillReturn$/, "log wage per SD of skill"],
  [/\.taxRate$/, "share"],
  [/\.costOfLiving$/, "index, SV = 1"],
  [/^regions\.[^.]+\.investment$/, "USD bn/year"],
  [/\.amenity$/, "logit units"],
  [/\.researchEcosystem$/, "logit units, researchers only"],
  [/\.englishJobShare$/, "share of jobs"],
  [/\.demandGrowth$/, "per year"],
  [/\.entrants$/, "people/year"],
  [/\.(entrantCitizenship|initialCitizenship)$/, "shares"],
  [/\.entrySkillMean$/, "SD of skill"],
  [/\.germanShare$/, "share of non-German citizens"],
  [/\.researcherShare$/, "share"],
  [/\.temporaryShare$/, "share of non-citizens"],
  [/^(movingCost|visaFriction)\./, "logit units"],
  [/^visas\..*\.threshold$/, "USD/year, gross"],
  [/^visas\..*\.(admission|high|low)$/, "probability"],
  [/^visas\..*\.permanence$/, "per year"],
  [/^visas\..*\.(duration)$/, "years"],
  [/^visas\..*\.renewal$/, "probability"],
  [/^lotteries\..*\.cap$/, "people/year"],
  [/^lotteries\..*\.initialSelectionRate$/, "share"],
  [/^lotteries\..*\.period$/, "quarter of the year (0 = Jan-Mar)"],
  [/^lotteries\..*\.startDelay$/, "quarters"],
];

/** The unit of a path, or "" where none applies. */
export function unitOf(path: string): string {
  return UNITS.find(([pattern]) => pattern.test(path))?.[1] ?? "";
}

/**
 * The value at a dotted path of plain data (array indices are path segments too, and so is the
 * `name` of an element of a list of named objects, as in `behavior.nests.US.lambda`).
 */
export function valueAt(data: unknown, path: string): unknown {
  let node: unknown = data;
  for (const key of path.split(".")) {
    if (Array.isArray(node) && !Object.hasOwn(node, key)) {
      node = node.find((item: unknown) => (item as { name?: unknown } | null)?.name === key);
      if (node === undefined) return undefined;
      continue;
    }
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A number with digit grouping, at most `digits` significant digits. */
export function formatNumber(value: number, digits = 8): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(digits));
  const [whole, fraction] = String(Math.abs(rounded)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${rounded < 0 ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

const WINDOW_FIELDS = new Set(["kind", "label", "from", "until", "rampYears"]);

/** Units of the policy kinds' amounts. */
const POLICY_UNITS: Readonly<Partial<Record<Policy["kind"], string>>> = {
  investment: "USD bn/year",
  economicCooperation: "USD bn/year",
};

/** The unit of a policy's magnitude, or "" where none applies. */
function policyUnit(p: Policy): string {
  if (p.kind === "visaRegime" && p.fee !== undefined) return "USD per petition";
  return POLICY_UNITS[p.kind] ?? "";
}

/** A policy in one line: its label, kind, fields and window. */
function formatPolicy(p: Policy): string {
  const fields = Object.entries(p)
    .filter(([key]) => !WINDOW_FIELDS.has(key))
    .map(([key, v]) => `${key} ${formatValue(v, 4)}`);
  const window = [
    `from ${p.from}`,
    p.until !== undefined ? `until ${p.until}` : "no end",
    p.rampYears ? `ramp ${p.rampYears} years` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${p.label ? `${p.label}: ` : ""}\`${p.kind}\` ${fields.join(", ")}; ${window}`;
}

/** A scenario value in readable form: numbers grouped, mixes as "DE 0.75, IN 0.08", rule kinds as code. */
export function formatValue(value: unknown, digits = 8): string {
  if (typeof value === "number") return formatNumber(value, digits);
  if (typeof value === "string") return `\`${value}\``;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(v, digits)).join(", ");
  if (value !== null && typeof value === "object") {
    return Object.entries(value)
      .map(([key, v]) => `${key} ${formatValue(v, digits)}`)
      .join(", ");
  }
  return String(value);
}

/** A table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/**
 * The parameter table in Markdown: one row per entry of `PARAMETER_SOURCES`, with the value of
 * `scenarios.baseline()` at that path. Throws if an entry names a path the baseline does not have.
 */
export function renderParametersTable(): string {
  const base = scenarios.baseline();
  const rows = PARAMETER_SOURCES.map((entry) => {
    const value = valueAt(base, entry.path);
    if (value === undefined)
      throw new Error(`PARAMETER_SOURCES names ${entry.path}, which scenarios.baseline() does not have`);
    const policy = entry.path.startsWith("policies.") ? (value as Policy) : undefined;
    const shown = policy ? formatPolicy(policy) : formatValue(value);
    const unit = policy ? policyUnit(policy) : unitOf(entry.path);
    return `| \`${cell(entry.path)}\` | ${cell(shown)} | ${cell(unit)} | ${entry.basis} | ${cell(entry.source)} |`;
  });
  return ["| Parameter | Baseline | Unit | Basis | Source |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** The text of docs/scenarios.md with the table between the markers replaced by `table`. */
export function updateParametersSection(text: string, table = renderParametersTable()): string {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start)
    throw new Error(`docs/scenarios.md must contain ${START_MARKER} followed by ${END_MARKER}`);
  return `${text.slice(0, start + START_MARKER.length)}\n\n${table}\n\n${text.slice(end)}`;
}

/**
 * data/parameters.csv: one row per entry of `PARAMETER_SOURCES` with the baseline's value at its
 * path (a number as it is; a mix, a list or a policy as JSON), its unit, basis and source.
 */
export function renderParametersCsv(): string {
  const base = scenarios.baseline();
  const rows = PARAMETER_SOURCES.map((entry) => {
    const value = valueAt(base, entry.path);
    if (value === undefined)
      throw new Error(`PARAMETER_SOURCES names ${entry.path}, which scenarios.baseline() does not have`);
    const policy = entry.path.startsWith("policies.") ? (value as Policy) : undefined;
    return {
      parameter: entry.path,
      value: typeof value === "number" || typeof value === "string" ? value : JSON.stringify(value),
      unit: policy ? policyUnit(policy) : unitOf(entry.path),
      basis: entry.basis,
      source: entry.source,
    };
  });
  return toCsv(rows, ["parameter", "value", "unit", "basis", "source"]);
}

/** Columns of data/targets.csv. */
export const TARGETS_COLUMNS = [
  "id",
  "moment",
  "use",
  "value",
  "se",
  "se_basis",
  "counterpart",
  "basis",
  "publisher",
  "title",
  "url",
  "year",
  "quote",
  "note",
] as const;

/**
 * data/targets.csv: every moment of `BASELINE_MOMENTS` (fitted and validation, with the `use`
 * column), its standard error and the basis of it, the model's counterpart and its source.
 */
export function renderTargetsCsv(): string {
  return toCsv(
    BASELINE_MOMENTS.map((m) => ({
      id: m.id,
      moment: m.name,
      use: m.use,
      value: m.value,
      se: m.se,
      se_basis: m.seBasis,
      counterpart: m.counterpart,
      basis: m.basis,
      publisher: m.source.publisher,
      title: m.source.title,
      url: m.source.url,
      year: m.source.year,
      quote: m.source.quote,
      note: m.note,
    })),
    [...TARGETS_COLUMNS],
  );
}

/** Every generated file: its path and its text as the code now gives it. */
export function generatedFiles(
  scenariosDoc = SCENARIOS_DOC,
  dataDir = DATA_DIR,
): Array<{ file: string; text: string; current: string | undefined }> {
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  };
  const doc = read(scenariosDoc);
  if (doc === undefined) throw new Error(`${scenariosDoc} is missing`);
  return [
    { file: scenariosDoc, text: updateParametersSection(doc), current: doc },
    {
      file: resolve(dataDir, "parameters.csv"),
      text: renderParametersCsv(),
      current: read(resolve(dataDir, "parameters.csv")),
    },
    { file: resolve(dataDir, "targets.csv"), text: renderTargetsCsv(), current: read(resolve(dataDir, "targets.csv")) },
  ];
}

/**
 * Rewrites the table in docs/scenarios.md and the data files, or with `--check` only compares.
 * Returns the exit code: 0 when every file is (now) up to date, 1 when `--check` finds one out of
 * date.
 */
export function main(
  args: readonly string[] = process.argv.slice(2),
  file = SCENARIOS_DOC,
  dataDir = DATA_DIR,
): number {
  const files = generatedFiles(file, dataDir);
  const stale = files.filter((f) => f.text !== f.current);
  if (args.includes("--check")) {
    for (const f of stale)
      process.stderr.write(`${f.file} is out of date: run \`pnpm docs:scenarios\` to regenerate it.\n`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const f of stale) writeFileSync(f.file, f.text);
  for (const f of files)
    process.stdout.write(`${f.file}: ${stale.includes(f) ? "regenerated" : "already up to date"}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}
