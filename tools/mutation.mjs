#!/usr/bin/env node
// `pnpm test:mutation [file[:lines] ...] [-- stryker options]`: runs StrykerJS with
// stryker.config.mjs, mutating the files named (paths relative to the repository root, or
// relative to packages/core/src), or every file the config lists when none is named.
// `--tests a,b` (globs) runs only those test files against each mutant (MUTATION_TESTS).
// Example: pnpm test:mutation random/keyed.ts --tests
// "packages/core/test/random/keyed.test.ts,packages/core/test/random/streams-*.test.ts" Example: pnpm test:mutation
// engine/_decide.ts:108-189 --concurrency 2
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = [];
const passThrough = [];
const argv = process.argv.slice(2);
const env = { ...process.env };
/** `--break N`: exit 1 when a mutated file's score (killed + timeout over all but ignored) is below N percent. */
let breakAt = NaN;
for (let k = 0; k < argv.length; k++) {
  const arg = argv[k];
  if (arg === "--") continue;
  if (arg === "--tests") env.MUTATION_TESTS = argv[++k] ?? "";
  else if (arg === "--break") breakAt = Number(argv[++k]);
  else if (arg.startsWith("-") || passThrough.length > 0) passThrough.push(arg);
  else files.push(arg);
}
const resolved = files.map((spec) => {
  const [path, range] = spec.split(/:(?=\d)/);
  const candidates = [path, join("packages/core/src", path)];
  const found = candidates.find((p) => existsSync(join(root, p)));
  if (!found) {
    console.error(`test:mutation: no file "${path}" (looked for ${candidates.join(", ")})`);
    process.exit(2);
  }
  return range ? `${found}:${range}` : found;
});
const stryker = join(root, "node_modules/.bin/stryker");
const args = [
  "run",
  "stryker.config.mjs",
  ...(resolved.length > 0 ? ["--mutate", resolved.join(",")] : []),
  ...passThrough,
];
const result = spawnSync(stryker, args, { cwd: root, stdio: "inherit", env });
if (result.status !== 0) process.exit(result.status ?? 1);

// Scores per file from the JSON report: detected (killed, timeout) over detected + survived + no coverage.
const report = JSON.parse(readFileSync(join(root, "reports/mutation/mutation.json"), "utf8"));
let failed = false;
console.log("test:mutation: file, killed, timeout, survived, no coverage, score");
for (const [file, { mutants }] of Object.entries(report.files)) {
  const count = (status) => mutants.filter((m) => m.status === status).length;
  const detected = count("Killed") + count("Timeout");
  const valid = detected + count("Survived") + count("NoCoverage");
  if (valid === 0) continue;
  const score = (100 * detected) / valid;
  console.log(
    `  ${file}: ${count("Killed")}, ${count("Timeout")}, ` +
      `${count("Survived")}, ${count("NoCoverage")}, ${score.toFixed(1)}%`,
  );
  if (score < breakAt) failed = true;
}
if (failed) {
  console.error(`test:mutation: a score is below --break ${breakAt}%`);
  process.exit(1);
}
