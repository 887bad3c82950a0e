import { ValidationError } from "@talentflow/core";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EXPLORER_FILES } from "./_page";

/** Options of {@link writeExplorer}. */
export interface WriteExplorerOptions {
  /** The folder to write the site into: new, empty, or an earlier explorer site (replaced whole). */
  readonly outDir: string;
}

/** What {@link writeExplorer} wrote. */
export interface WrittenExplorer {
  /** The site's folder, absolute. */
  readonly dir: string;
  /** Its files, by name. */
  readonly files: readonly string[];
  /** The page to open (`index.html`), absolute. */
  readonly index: string;
}

/**
 * Writes the scenario explorer: a self-contained static site (index.html, explorer.css,
 * explorer.js) on which a reader picks a built-in scenario, changes its policies, and runs the
 * scenario against the baseline on paired replications in a Web Worker of their browser, with
 * the charts of `talentflow report`, the scenario as YAML that `talentflow run` accepts, and a
 * URL that restores the view. It needs no server and makes no network request: open
 * `index.html` from disk, or put the folder on any static host (docs/explorer.md).
 *
 * The published package copies a site built with the package (`dist/explorer/`); from source it
 * is bundled on the fly with esbuild. The folder is written whole or not at all: the files go to
 * a temporary sibling that is renamed into place.
 *
 * @throws ValidationError (path `outDir`) for an empty path, a path that is a file, or a folder
 *   that holds other files than an earlier explorer site.
 * @example
 * ```ts
 * const { index } = await writeExplorer({ outDir: "site" });
 * console.log(`open ${index}`);
 * ```
 */
export async function writeExplorer(options: WriteExplorerOptions): Promise<WrittenExplorer> {
  const outDir = options?.outDir;
  if (typeof outDir !== "string" || outDir.trim() === "")
    throw refusal(`must be a folder path, got ${JSON.stringify(outDir ?? null)}`);
  const dir = resolve(outDir);
  await checkTarget(dir);
  const files = await explorerFiles();
  const parent = dirname(dir);
  try {
    await mkdir(parent, { recursive: true });
  } catch (e) {
    throw refusal(`cannot create the folder ${parent}: ${(e as Error).message}`);
  }
  const tag = `${process.pid}-${randomBytes(6).toString("hex")}`;
  const staging = join(parent, `.${basename(dir)}.explorer-${tag}.tmp`);
  const old = join(parent, `.${basename(dir)}.explorer-${tag}.old`);
  try {
    await mkdir(staging);
    for (const [name, content] of Object.entries(files)) await writeFile(join(staging, name), content);
    const replacing = existsSync(dir);
    if (replacing) await rename(dir, old);
    await rename(staging, dir);
    if (replacing) await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { dir, files: Object.keys(files).sort(), index: join(dir, EXPLORER_FILES.html) };
}

function refusal(message: string): ValidationError {
  return new ValidationError([{ path: "outDir", message }], "writeExplorer: cannot write the site");
}

/** Refuses a file, or a folder with anything but an earlier site in it. */
async function checkTarget(dir: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(dir);
  } catch {
    return;
  }
  if (!info.isDirectory()) throw refusal(`${dir} is a file, not a folder`);
  const entries = await readdir(dir);
  const site = Object.values(EXPLORER_FILES) as string[];
  const others = entries.filter((e) => !site.includes(e));
  if (others.length > 0) {
    throw refusal(
      `${dir} holds other files (${others.slice(0, 3).join(", ")}${others.length > 3 ? ", ..." : ""}); ` +
        "give a new or empty folder, or one an earlier `talentflow explore` wrote",
    );
  }
}

/** The site's files: the copy built with the package, or from source with esbuild. */
async function explorerFiles(): Promise<Record<string, string>> {
  const prebuilt = join(dirname(fileURLToPath(import.meta.url)), "explorer");
  if (existsSync(join(prebuilt, EXPLORER_FILES.html))) {
    const out: Record<string, string> = {};
    for (const name of Object.values(EXPLORER_FILES)) out[name] = await readFile(join(prebuilt, name), "utf8");
    return out;
  }
  // From source: bundled once per process (a few seconds).
  bundledFromSource ??= import("./_bundle").then(({ bundleExplorer }) => bundleExplorer());
  return bundledFromSource;
}

let bundledFromSource: Promise<Record<string, string>> | undefined;
