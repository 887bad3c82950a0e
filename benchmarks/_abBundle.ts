/**
 * Bundles one checkout's `@talentflow/core` into a single ES module file and loads it, so that two
 * versions of the core can run side by side in one process (`pnpm bench:ab`).
 */
import { build } from "esbuild";
import { existsSync, realpathSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A core bundle as loaded: its exports, unchecked, since an older checkout's core may lack some of
 * today's (the cases check what they use).
 */
export type LoadedCore = Record<string, unknown>;

/**
 * Bundles the checkout's `@talentflow/core` as its own package exports resolve it from the
 * checkout's root (the `@talentflow/source` condition: its `src/`, as tests see it; from its
 * `benchmarks/` folder in older checkouts, whose root did not depend on the core) into
 * `<outDir>/core-<file>.mjs`, refuses a bundle whose core came from outside the checkout (a
 * `node_modules` linked to another one would time the wrong code), and imports it. The checkout
 * needs `pnpm install` run in it; `label` names it in errors.
 *
 * @example
 * const core = await loadCore("/tmp/talentflow-ab-x/checkout", "A (HEAD~1 = 3f98823)", "a", outDir);
 */
export async function loadCore(root: string, label: string, file: string, outDir: string): Promise<LoadedCore> {
  const outfile = join(outDir, `core-${file}.mjs`);
  const checkout = resolve(root);
  const resolveDir =
    [checkout, join(checkout, "benchmarks")].find((dir) =>
      existsSync(join(dir, "node_modules", "@talentflow", "core")),
    ) ?? checkout;
  let inputs: string[];
  try {
    const result = await build({
      stdin: { contents: 'export * from "@talentflow/core";', resolveDir, loader: "ts" },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "es2022",
      conditions: ["@talentflow/source"],
      outfile,
      metafile: true,
      logLevel: "silent",
    });
    inputs = Object.keys(result.metafile.inputs);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`ab: cannot bundle @talentflow/core of ${label} (${checkout}): ${message}`);
  }
  const core = inputs
    .filter((input) => input !== "<stdin>")
    .map((input) => realpathSync(resolve(input)))
    .filter((input) => input.includes(`${sep}packages${sep}core${sep}`));
  const outside = core.filter((input) => !input.startsWith(realpathSync(checkout) + sep));
  if (core.length === 0 || outside.length > 0) {
    throw new Error(
      `ab: ${label}: @talentflow/core resolved to ${outside[0] ?? "nothing"}, ` +
        `not to the checkout's packages/core; run \`pnpm install\` in ${checkout}`,
    );
  }
  return (await import(pathToFileURL(outfile).href)) as LoadedCore;
}
