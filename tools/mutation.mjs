#!/usr/bin/env node
// `pnpm test:mutation [file[:lines] ...] [-- stryker options]`: runs StrykerJS with
// stryker.config.mjs, mutating the files named (paths relative to the repository root, or
// relative to packages/core/src), or every file the config lists when none is named.
// Example: pnpm test:mutation random/seeds.ts model/_engine.ts:740-830 --concurrency 2
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = [];
const passThrough = [];
for (const arg of process.argv.slice(2)) {
  if (arg === "--") continue;
  if (arg.startsWith("-") || passThrough.length > 0) passThrough.push(arg);
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
const args = ["run", "stryker.config.mjs", ...(resolved.length > 0 ? ["--mutate", resolved.join(",")] : []), ...passThrough];
const result = spawnSync(stryker, args, { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
