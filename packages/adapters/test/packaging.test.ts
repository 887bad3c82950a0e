/**
 * Packaging test: the packages as a user gets them from npm.
 *
 * Packs @talentflow/core and @talentflow/adapters with `pnpm pack` (which turns
 * `workspace:*` into a real version), checks what the tarballs hold (package.json, LICENSE,
 * README.md and dist/, nothing else), installs both with plain `npm install` into a fresh
 * project in the OS temporary folder, outside the workspace, and there:
 *   (a) imports them from an ES module, (b) requires them from CommonJS (in each format, a policy
 *       kind registered through `@talentflow/core/internal` is known to `@talentflow/core`: one
 *       registry per process),
 *   (c) type-checks a consumer with `module: nodenext` + `strict` (and checks that a wrong use
 *       does not type-check), (d) imports @talentflow/adapters from an ES module,
 *   (e) runs each package README's example as it is.
 *
 * It uses the built dist/ folders; if one is missing or older than its src/, it builds first.
 *
 * The packages' own dependencies: the consumer's package.json pins, through npm `overrides`,
 * every package of the two packages' production dependency tree to the version this
 * workspace has installed (read with `pnpm list --prod`), and a test checks that npm installed
 * nothing else. So npm fetches only what the repository already depends on, at the versions
 * of its lockfile: from npm's cache (`--prefer-offline`) when it holds them, else from the
 * registry, as `pnpm install` did for the workspace itself.
 *
 * To check a new export, add a line to the lists just below.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Runtime checks, run both from ESM (`import { ... }`) and from CJS (`require`). Each is a
 * JavaScript expression over the imported names and the JSON value it must give.
 */
const CORE_IMPORTS = ["MODEL_VERSION", "ValidationError", "NonFiniteError", "scenarios", "simulate"] as const;
const CORE_CHECKS: readonly (readonly [expression: string, expected: unknown])[] = [
  ["MODEL_VERSION", "talentflow/1"],
  ["typeof ValidationError", "function"],
  ["new ValidationError([{ path: 'regions.DE.taxRate', message: 'bad' }]) instanceof Error", true],
  ["new ValidationError([{ path: 'regions.DE.taxRate', message: 'bad' }]).issues[0].path", "regions.DE.taxRate"],
  ["new ValidationError([]).name", "ValidationError"],
  ["new NonFiniteError(3, 'DE', 'wage', NaN).region", "DE"],
  ["new NonFiniteError(3, 'DE', 'wage', NaN) instanceof Error", true],
  ["simulate(scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 }), { seed: 1 }).summary.endYear", 2027],
];

const ADAPTERS_IMPORTS = [
  "MODEL_VERSION",
  "toCsv",
  "writeFileAtomic",
  "resultTables",
  "writeResult",
  "readTables",
  "METRIC_KINDS",
  "assignShard",
  "parseShard",
  "shardFromEnv",
] as const;
const ADAPTERS_CHECKS: readonly (readonly [expression: string, expected: unknown])[] = [
  ["MODEL_VERSION", "talentflow/1"],
  ["toCsv([{ region: 'DE', value: 0.5 }])", "region,value\r\nDE,0.5\r\n"],
  ["typeof writeFileAtomic", "function"],
  ["typeof writeResult + typeof readTables", "functionfunction"],
  ["METRIC_KINDS.flow", "flow"],
  ["assignShard(['c/r0', 'a/r0', 'b/r0'], 0, 2)", ["a/r0", "c/r0"]],
  ["parseShard('1/3')", { index: 1, count: 3 }],
  ["shardFromEnv({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })", { index: 3, count: 4, source: "slurm" }],
];

/** TypeScript that a user writes; it must type-check (module nodenext, strict), as ESM and as CJS. */
const TYPES_OK = `
import { MODEL_VERSION, ValidationError, NonFiniteError, scenarios, simulate } from "@talentflow/core";
import type { Issue, RunResult, Scenario, TidyRow } from "@talentflow/core";
import { toCsv, writeFileAtomic } from "@talentflow/adapters";
import type { CsvRow } from "@talentflow/adapters";

const model: "talentflow/1" = MODEL_VERSION;
const issue: Issue = { path: "regions.DE.taxRate", message: "must be in [0, 1), got 1.4" };
const error: ValidationError = new ValidationError([issue]);
const issues: readonly Issue[] = error.issues;
const nonFinite: Error = new NonFiniteError(0, "DE", "wage level mu", Number.NaN);
const row: CsvRow = { region: "DE", value: 1, note: null };
const csv: string = toCsv([row], ["region", "value"]);
const written: Promise<void> = writeFileAtomic("out.csv", csv);
const scenario: Scenario = scenarios.alliance2026({ agents: 1000 });
const result: RunResult = simulate(scenario, { seed: 1 });
const firstRow: TidyRow | undefined = result.rows[0];
export { model, issues, nonFinite, written, firstRow };
`;

/** Wrong uses, each of which must fail to type-check (so the type check can fail). */
const TYPES_WRONG: readonly string[] = [
  `import { MODEL_VERSION } from "@talentflow/core";\nexport const n: number = MODEL_VERSION;`,
  `import { ValidationError } from "@talentflow/core";\nexport const e = new ValidationError([{ path: 1 }]);`,
  `import { toCsv } from "@talentflow/adapters";\nexport const s: number = toCsv([]);`,
];

const WORKSPACE = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const PACKAGES = [
  { name: "@talentflow/core", dir: join(WORKSPACE, "packages/core") },
  { name: "@talentflow/adapters", dir: join(WORKSPACE, "packages/adapters") },
] as const;
const DIST_FILES = ["index.js", "index.cjs", "index.d.ts", "index.d.cts"];
/** What a tarball may hold besides dist/: npm adds package.json and LICENSE; README.md is in `files`. */
const TOP_LEVEL_FILES = ["LICENSE", "README.md", "package.json"];
/** The worker thread's entry of the parallel experiments, built next to adapters' index. */
const WORKER_FILES = ["parallel-worker.js", "parallel-worker.cjs"];
const TSC = join(WORKSPACE, "node_modules/typescript/bin/tsc");
const TSC_FLAGS = [
  "--noEmit",
  "--strict",
  "--module",
  "nodenext",
  "--moduleResolution",
  "nodenext",
  "--target",
  "es2022",
];

let project = "";
/** Files in each tarball, by package name (paths without the leading `package/`). */
const tarballFiles = new Map<string, string[]>();
/** The versions of every package in the production dependency trees of the workspace packages. */
const workspaceVersions = new Map<string, Set<string>>();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd, env: env ?? process.env, maxBuffer: 64 * 1024 * 1024, shell: process.platform === "win32" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        const spawnError = error && typeof error.code !== "number" ? `\n${error.message}` : "";
        done({ code, stdout: String(stdout), stderr: String(stderr) + spawnError });
      },
    );
  });
}

async function mustRun(
  command: string,
  args: readonly string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  const r = await run(command, args, cwd, env);
  if (r.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild(dir: string): boolean {
  const dist = join(dir, "dist");
  if (!DIST_FILES.every((f) => existsSync(join(dist, f)))) return true;
  if (dir === PACKAGES[1].dir && !WORKER_FILES.every((f) => existsSync(join(dist, f)))) return true;
  const built = Math.min(...DIST_FILES.map((f) => statSync(join(dist, f)).mtimeMs));
  return newestMtime(join(dir, "src")) > built;
}

/**
 * The environment for npm: without the variables that pnpm sets for the script that runs
 * vitest (npm_lifecycle_*, npm_package_*, npm_execpath, pnpm_config_*, ...), but with the
 * user's own npm_config_* settings (registry, cache, proxy).
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    const pnpmSet =
      /^pnpm_/i.test(k) || (/^npm_/i.test(k) && !/^npm_config_/i.test(k)) || /^npm_config_user_agent$/i.test(k);
    if (!pnpmSet) env[k] = v;
  }
  return env;
}

interface ListedDependency {
  version?: string;
  dependencies?: Record<string, ListedDependency>;
}

/**
 * Name -> versions of every package in the production trees that `pnpm list` prints (links to workspace packages left
 * out).
 */
function collectVersions(
  dependencies: Record<string, ListedDependency> | undefined,
  into: Map<string, Set<string>>,
): void {
  for (const [name, dep] of Object.entries(dependencies ?? {})) {
    if (dep.version === undefined || dep.version.startsWith("link:")) continue;
    if (!into.has(name)) into.set(name, new Set());
    into.get(name)!.add(dep.version);
    collectVersions(dep.dependencies, into);
  }
}

/** The fenced code blocks of a Markdown text. */
function codeBlocks(markdown: string): { lang: string; code: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** A script that imports or requires `pkg` and prints the values of `checks` as JSON. */
function script(
  kind: "esm" | "cjs",
  pkg: string,
  names: readonly string[],
  checks: readonly (readonly [string, unknown])[],
): string {
  const load =
    kind === "esm"
      ? `import { ${names.join(", ")} } from ${JSON.stringify(pkg)};\nconst ` +
        `resolved = import.meta.resolve(${JSON.stringify(pkg)});`
      : `const { ${names.join(", ")} } = require(${JSON.stringify(pkg)});\nconst ` +
        `resolved = require.resolve(${JSON.stringify(pkg)});`;
  const values = checks.map(([expression]) => `  (() => ${expression})(),`).join("\n");
  return `${load}\nconsole.log(JSON.stringify({ resolved: String(resolved), values: [\n${values}\n] }));\n`;
}

async function runScript(file: string, source: string): Promise<{ resolved: string; values: unknown[] }> {
  await writeFile(join(project, file), source);
  const stdout = await mustRun(process.execPath, [file], project);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { resolved: string; values: unknown[] };
}

function expectChecks(values: unknown[], checks: readonly (readonly [string, unknown])[]): void {
  expect(Object.fromEntries(checks.map(([e], i) => [e, values[i]]))).toEqual(Object.fromEntries(checks));
}

describe("packaging: the packed tarballs, installed with npm outside the workspace", () => {
  beforeAll(async () => {
    if (PACKAGES.some((p) => needsBuild(p.dir))) {
      await mustRun("pnpm", ["--filter", "@talentflow/core", "--filter", "@talentflow/adapters", "build"], WORKSPACE);
    }
    for (const p of PACKAGES) {
      for (const f of DIST_FILES) expect(existsSync(join(p.dir, "dist", f)), `${p.name} dist/${f}`).toBe(true);
    }
    for (const f of WORKER_FILES)
      expect(existsSync(join(PACKAGES[1].dir, "dist", f)), `@talentflow/adapters dist/${f}`).toBe(true);

    project = await mkdtemp(join(tmpdir(), "talentflow-packaging-"));
    const rel = relative(WORKSPACE, project);
    expect(rel.startsWith("..") || isAbsolute(rel), `${project} must be outside the workspace`).toBe(true);

    const packs = join(project, "packs");
    await mkdir(packs);
    for (const p of PACKAGES) await mustRun("pnpm", ["pack", "--pack-destination", packs], p.dir);
    const tarballs = (await readdir(packs)).filter((f) => f.endsWith(".tgz")).map((f) => join(packs, f));
    expect(tarballs).toHaveLength(PACKAGES.length);
    for (const tarball of tarballs) {
      const listing = await mustRun("tar", ["-tzf", tarball], packs);
      const files = listing
        .split("\n")
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, ""));
      const name = tarball.includes("adapters") ? "@talentflow/adapters" : "@talentflow/core";
      tarballFiles.set(name, files);
    }

    const listed = JSON.parse(
      await mustRun(
        "pnpm",
        [
          "--filter",
          "@talentflow/core",
          "--filter",
          "@talentflow/adapters",
          "list",
          "--prod",
          "--depth",
          "Infinity",
          "--json",
        ],
        WORKSPACE,
      ),
    ) as ListedDependency[];
    for (const p of listed) collectVersions(p.dependencies, workspaceVersions);
    // One version per name can be pinned; a name the tree has at two versions is left to npm (and checked below).
    const overrides = Object.fromEntries(
      [...workspaceVersions].filter(([, v]) => v.size === 1).map(([name, v]) => [name, [...v][0]]),
    );

    await writeFile(
      join(project, "package.json"),
      JSON.stringify(
        { name: "talentflow-consumer", version: "1.0.0", private: true, license: "MIT", overrides },
        null,
        2,
      ),
    );
    await mustRun(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...tarballs],
      project,
      npmEnv(),
    );
  }, 300_000);

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it("pnpm pack puts only package.json, LICENSE, README.md and dist/ in each tarball", () => {
    for (const p of PACKAGES) {
      const files = tarballFiles.get(p.name);
      expect(files, p.name).toBeDefined();
      const unexpected = files!.filter((f) => !TOP_LEVEL_FILES.includes(f) && !f.startsWith("dist/"));
      expect(unexpected, `${p.name} ships files outside dist/`).toEqual([]);
      for (const f of [...TOP_LEVEL_FILES, ...DIST_FILES.map((d) => `dist/${d}`)])
        expect(files, `${p.name}: ${f}`).toContain(f);
    }
  });

  it("each packed manifest names concrete versions: no workspace: range in any dependency field", async () => {
    for (const p of PACKAGES) {
      const manifest = JSON.parse(
        await readFile(join(project, "node_modules", p.name, "package.json"), "utf8"),
      ) as Record<string, unknown>;
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
        const ranges = Object.entries((manifest[field] ?? {}) as Record<string, string>);
        expect(
          ranges.filter(([, range]) => range.startsWith("workspace:")),
          `${p.name} ${field}`,
        ).toEqual([]);
      }
    }
  });

  it(
    "npm installed nothing the repository does not depend " + "on, and each package at the workspace's version",
    async () => {
      const r = await run("npm", ["ls", "--all", "--json"], project, npmEnv());
      const tree = JSON.parse(r.stdout) as ListedDependency;
      const installed = new Map<string, Set<string>>();
      collectVersions(tree.dependencies, installed);
      installed.delete("@talentflow/core");
      installed.delete("@talentflow/adapters");
      expect(installed.size).toBeGreaterThan(0);
      const foreign = [...installed]
        .flatMap(([name, versions]) => [...versions].map((v) => `${name}@${v}`))
        .filter((id) => {
          const at = id.lastIndexOf("@");
          return !workspaceVersions.get(id.slice(0, at))?.has(id.slice(at + 1));
        });
      expect(
        foreign,
        "packages npm installed that the workspace's production tree does not have at that version",
      ).toEqual([]);
    },
  );

  it(
    "each package's README says what it is, shows a three-line " + "example and links to the guides in the repository",
    async () => {
      for (const p of PACKAGES) {
        const readme = await readFile(join(project, "node_modules", p.name, "README.md"), "utf8");
        expect(readme.startsWith(`# ${p.name}\n`), p.name).toBe(true);
        const examples = codeBlocks(readme).filter((b) => b.lang === "js");
        expect(examples, p.name).toHaveLength(1);
        expect(examples[0].code.trim().split("\n"), p.name).toHaveLength(3);
        const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
        expect(links, p.name).toContain("../../docs/getting-started.md");
        for (const link of links)
          expect(existsSync(resolve(p.dir, link)), `${p.name} README links to ${link}`).toBe(true);
      }
    },
  );

  it("(e) runs the README example of @talentflow/core as it is, as an ES module", async () => {
    const readme = await readFile(join(project, "node_modules/@talentflow/core/README.md"), "utf8");
    await writeFile(join(project, "readme-core.mjs"), codeBlocks(readme).find((b) => b.lang === "js")!.code);
    const stdout = await mustRun(process.execPath, ["readme-core.mjs"], project);
    for (const region of ["DE", "CA", "SV", "USR", "ROW"]) expect(stdout).toMatch(new RegExp(`\\b${region}: \\d`));
  });

  it("(e) runs the README example of @talentflow/adapters as it is: it writes the rows as CSV", async () => {
    const readme = await readFile(join(project, "node_modules/@talentflow/adapters/README.md"), "utf8");
    await writeFile(join(project, "readme-adapters.mjs"), codeBlocks(readme).find((b) => b.lang === "js")!.code);
    await mustRun(process.execPath, ["readme-adapters.mjs"], project);
    const csv = await readFile(join(project, "rows.csv"), "utf8");
    expect(csv.split("\r\n")[0]).toBe(
      "run,scenario,replicate,seed,period,year,metric,region,origin,destination,citizenship,value",
    );
    expect(csv.split("\r\n").length).toBeGreaterThan(100);
  });

  it(
    "runs every js block of docs/getting-started.md in " + "the installed project and prints its `// >` lines",
    async () => {
      const guide = await readFile(join(WORKSPACE, "docs/getting-started.md"), "utf8");
      const blocks = codeBlocks(guide).filter((b) => b.lang === "js");
      expect(blocks.length).toBeGreaterThanOrEqual(4);
      for (const [k, block] of blocks.entries()) {
        const file = `guide-${k}.${block.code.includes("require(") ? "cjs" : "mjs"}`;
        await writeFile(join(project, file), block.code);
        const stdout = await mustRun(process.execPath, [file], project);
        const expected = block.code
          .split("\n")
          .filter((l) => l.startsWith("// > "))
          .map((l) => l.slice("// > ".length));
        expect(expected.length, `block ${k} states its output`).toBeGreaterThan(0);
        expect(stdout.trimEnd().split("\n"), `block ${k}:\n${block.code}`).toEqual(expected);
      }
    },
  );

  it("replaced workspace:* by the real version of core in the packed @talentflow/adapters", async () => {
    const manifest = JSON.parse(
      await readFile(join(project, "node_modules/@talentflow/adapters/package.json"), "utf8"),
    ) as { dependencies: Record<string, string> };
    const core = JSON.parse(await readFile(join(PACKAGES[0].dir, "package.json"), "utf8")) as { version: string };
    expect(manifest.dependencies["@talentflow/core"]).not.toMatch(/^workspace:/);
    expect(manifest.dependencies["@talentflow/core"]).toContain(core.version);
    // adapters uses the packed core, not a copy of its own from the registry
    expect(existsSync(join(project, "node_modules/@talentflow/adapters/node_modules/@talentflow/core"))).toBe(false);
  });

  it("(a) imports @talentflow/core from ESM, from dist/index.js", async () => {
    const out = await runScript("core-esm.mjs", script("esm", "@talentflow/core", CORE_IMPORTS, CORE_CHECKS));
    expect(out.resolved).toMatch(/node_modules\/@talentflow\/core\/dist\/index\.js$/);
    expectChecks(out.values, CORE_CHECKS);
  });

  it("(b) requires @talentflow/core from CJS, from dist/index.cjs", async () => {
    const out = await runScript("core-cjs.cjs", script("cjs", "@talentflow/core", CORE_IMPORTS, CORE_CHECKS));
    expect(out.resolved.replaceAll("\\", "/")).toMatch(/node_modules\/@talentflow\/core\/dist\/index\.cjs$/);
    expectChecks(out.values, CORE_CHECKS);
  });

  // One policy-kind registry per process: a kind registered through `@talentflow/core/internal` is
  // known to `@talentflow/core` (both entries share one chunk, in each format). The toy kind adds
  // `grant` to a region's investment, as the built-in `investment` kind does with `amount`.
  const REGISTRY_BODY = `
const z = zodOf(resolved);
const toyGrant = {
  kind: "toyGrant",
  schema: z.strictObject({
    kind: z.literal("toyGrant"),
    ...windowFields,
    region: policyRegion(),
    grant: inRange(0, 100),
  }),
  defaults: {},
  apply(p, w, c) { c.vec[c.off.region.investment + c.region(p.region)] += w * p.grant; },
  check(p, c) { c.region(p.region, ["region"]); },
};
const window = { from: 2027, until: 2028, rampYears: 0 };
const withOne = (policy) => {
  const s = scenarios.baseline({ agents: 2000, years: 2, burnInYears: 0 });
  s.policies.push(policy);
  s.name = "one-added-policy";
  return s;
};
const toy = withOne({ kind: "toyGrant", region: "DE", grant: 0.75, ...window });
const issuesBefore = validateScenario(toy).issues.map((i) => i.path);
const unregister = registerPolicyKind(toyGrant);
const issuesRegistered = validateScenario(toy).issues.map((i) => i.path);
// fiscalCost counts the built-in investment kinds only (docs/model.md 3.3.14).
const values = (s) => simulate(s, { seed: 1 }).rows.filter((r) => r.metric !== "fiscalCost").map((r) => r.value);
const investment = withOne(policies.investment({ region: "DE", amount: 0.75, ...window }));
const sameAsInvestment = JSON.stringify(values(toy)) === JSON.stringify(values(investment));
unregister();
const issuesAfter = validateScenario(toy).issues.map((i) => i.path);
console.log(JSON.stringify({ issuesBefore, issuesRegistered, sameAsInvestment, issuesAfter }));
`;
  const REGISTRY_EXPECTED = {
    issuesBefore: ["policies.6.kind"],
    issuesRegistered: [],
    sameAsInvestment: true,
    issuesAfter: ["policies.6.kind"],
  };

  it(
    "(b) a policy kind registered through @talentflow/core/internal " +
      "from CJS is validated and applied by @talentflow/core from CJS",
    async () => {
      const source = `const { policies, scenarios, simulate, validateScenario } = require("@talentflow/core");
const { inRange, policyRegion, registerPolicyKind, windowFields } = require("@talentflow/core/internal");
const { createRequire } = require("node:module");
const resolved = require.resolve("@talentflow/core/internal");
const zodOf = (from) => createRequire(from)("zod");
${REGISTRY_BODY}`;
      await writeFile(join(project, "registry-cjs.cjs"), source);
      const stdout = await mustRun(process.execPath, ["registry-cjs.cjs"], project);
      expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toEqual(REGISTRY_EXPECTED);
    },
  );

  it(
    "(a) a policy kind registered through @talentflow/core/internal " +
      "from ESM is validated and applied by @talentflow/core from ESM",
    async () => {
      const source = `import { policies, scenarios, simulate, validateScenario } from "@talentflow/core";
import { inRange, policyRegion, registerPolicyKind, windowFields } from "@talentflow/core/internal";
import { createRequire } from "node:module";
const resolved = import.meta.resolve("@talentflow/core/internal");
const zodOf = (from) => createRequire(from)("zod");
${REGISTRY_BODY}`;
      await writeFile(join(project, "registry-esm.mjs"), source);
      const stdout = await mustRun(process.execPath, ["registry-esm.mjs"], project);
      expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toEqual(REGISTRY_EXPECTED);
    },
  );

  it("(c) type-checks a consumer with module nodenext and strict, as ESM and as CJS", async () => {
    await writeFile(join(project, "consumer.mts"), TYPES_OK);
    await writeFile(join(project, "consumer.cts"), TYPES_OK);
    const r = await run(process.execPath, [TSC, ...TSC_FLAGS, "consumer.mts", "consumer.cts"], project);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("(c) rejects each wrong use in type-checking", async () => {
    const files = TYPES_WRONG.map((_, i) => `wrong${i}.mts`);
    await Promise.all(files.map((file, i) => writeFile(join(project, file), TYPES_WRONG[i])));
    const r = await run(process.execPath, [TSC, ...TSC_FLAGS, ...files], project);
    expect(r.code).not.toBe(0);
    for (const file of files) {
      expect(r.stdout, r.stdout).toMatch(new RegExp(`^${file.replace(".", "\\.")}\\(\\d+,\\d+\\): error TS\\d+`, "m"));
    }
  });

  it("(d) imports @talentflow/adapters from ESM, from dist/index.js", async () => {
    const out = await runScript(
      "adapters-esm.mjs",
      script("esm", "@talentflow/adapters", ADAPTERS_IMPORTS, ADAPTERS_CHECKS),
    );
    expect(out.resolved).toMatch(/node_modules\/@talentflow\/adapters\/dist\/index\.js$/);
    expectChecks(out.values, ADAPTERS_CHECKS);
  });

  it("(d) requires @talentflow/adapters from CJS, from dist/index.cjs", async () => {
    const out = await runScript(
      "adapters-cjs.cjs",
      script("cjs", "@talentflow/adapters", ADAPTERS_IMPORTS, ADAPTERS_CHECKS),
    );
    expect(out.resolved.replaceAll("\\", "/")).toMatch(/node_modules\/@talentflow\/adapters\/dist\/index\.cjs$/);
    expectChecks(out.values, ADAPTERS_CHECKS);
  });

  // Worker threads of the installed package load dist/parallel-worker.{js,cjs} and core's dist.
  const PARALLEL_BODY = `
const s = scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 });
const specs = [0, 1, 2].map((r) => runSpec(s, r, { seed: 1 }));
const same = (out) => JSON.stringify(out.map((o) => o.rows)) === JSON.stringify(runSpecs(specs).map((o) => o.rows));
const run = () =>
  runSpecsParallel(specs, { workers: 2 }).then((out) =>
    console.log(JSON.stringify({ same: same(out), runs: out.length })),
  );`;

  it("(e) runs runSpecsParallel on 2 worker threads from " +
    "the installed ESM build, as core's runSpecs would", async () => {
    const source =
      `import { runSpecsParallel } from "@talentflow/adapters";\nimport { runSpec, ` +
      `runSpecs, scenarios } from "@talentflow/core";\n${PARALLEL_BODY}\nawait run();\n`;
    await writeFile(join(project, "parallel-esm.mjs"), source);
    const stdout = await mustRun(process.execPath, ["parallel-esm.mjs"], project);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ same: true, runs: 3 });
  }, 120_000);

  it("(e) runs runSpecsParallel on 2 worker threads from the installed CommonJS build", async () => {
    const source =
      `const { runSpecsParallel } = require("@talentflow/adapters");\nconst { runSpec, ` +
      `runSpecs, scenarios } = require("@talentflow/core");\n${PARALLEL_BODY}\nrun();\n`;
    await writeFile(join(project, "parallel-cjs.cjs"), source);
    const stdout = await mustRun(process.execPath, ["parallel-cjs.cjs"], project);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ same: true, runs: 3 });
  }, 120_000);
});
