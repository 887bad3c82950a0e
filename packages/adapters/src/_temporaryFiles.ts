/**
 * Names of the temporary files of `writeFileAtomic` and the removal of stale ones.
 *
 * A temporary file is `.<name>.<host>.<pid>.<random>.tmp` next to its target: `<host>` is the
 * first 8 hex digits of the SHA-256 of the host name, `<pid>` the writer's process id and
 * `<random>` 12 hex digits. The name says who wrote it, so the next write to the same target can
 * tell a file left by a killed writer from one that another writer is still filling.
 *
 * Internal module (hence the leading `_`): used by `atomicWrite.ts`, not exported from the package.
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { lstat, readdir, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/**
 * Age after which a temporary file whose writer cannot be checked (another host, a reused process
 * id, the name format without a process id) counts as stale. A live write touches its file until
 * it renames it, which takes seconds; a day leaves a wide margin.
 */
export const STALE_TEMPORARY_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Temporary files this process is writing now, shared by every copy of this module in the
 * process (an ESM and a CJS copy of the package may both be loaded), so that one write never
 * removes the file of a concurrent write to the same target.
 */
const inFlight: Set<string> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for("talentflow.writeFileAtomic.inFlight")
] ??= new Set<string>()) as Set<string>;

/** The 8-hex-digit tag of a host name used in temporary names (this host's by default). */
export function hostTag(host: string = hostname()): string {
  return createHash("sha256").update(host).digest("hex").slice(0, 8);
}

/**
 * A fresh temporary path for `path`, of this host and process unless `writer` says otherwise
 * (tests use that to stage the leftovers of other writers).
 */
export function temporaryPath(path: string, writer: { readonly pid?: number; readonly host?: string } = {}): string {
  const tag = hostTag(writer.host);
  const pid = writer.pid ?? process.pid;
  return join(dirname(path), `.${basename(path)}.${tag}.${pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Marks a temporary path as being written by this process (until {@link releaseTemporary}). */
export function claimTemporary(tmp: string): void {
  inFlight.add(tmp);
}

/** Ends the claim of {@link claimTemporary}. */
export function releaseTemporary(tmp: string): void {
  inFlight.delete(tmp);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Is a process with this id running on this host? Unsure answers say yes. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH"; // EPERM: it runs, as another user
  }
}

/**
 * Removes the temporary files of earlier writes to `path` that are provably stale, and returns
 * their names. Temporary files of other targets are never looked at. A file of this host is
 * stale when its process no longer runs, or when it is this process's and no write of this
 * process is using it (a leftover of an earlier process that had the same id). A file of another
 * host, or in the older name format `.<name>.<random>.tmp`, is stale only when it was last
 * modified more than {@link STALE_TEMPORARY_AGE_MS} ago; so is one whose process id runs now,
 * since process ids are reused. Best effort: a file that vanishes or cannot be removed is skipped,
 * and a folder that cannot be read removes nothing.
 */
export async function removeStaleTemporaries(path: string, now: number = Date.now()): Promise<string[]> {
  const dir = dirname(path);
  const name = escapeRegExp(basename(path));
  const current = new RegExp(`^\\.${name}\\.([0-9a-f]{8})\\.([1-9][0-9]{0,9})\\.[0-9a-f]{12}\\.tmp$`);
  const older = new RegExp(`^\\.${name}\\.[0-9a-f]{12}\\.tmp$`);

  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = current.exec(entry);
    if (!match && !older.test(entry)) continue;
    const file = join(dir, entry);
    if (inFlight.has(file)) continue;
    try {
      const info = await lstat(file);
      if (!info.isFile()) continue;
      const old = now - info.mtimeMs > STALE_TEMPORARY_AGE_MS;
      let stale = old;
      if (match && match[1] === hostTag()) {
        const pid = Number(match[2]);
        stale = pid === process.pid || !isRunning(pid) || old;
      }
      if (!stale) continue;
      await unlink(file);
      removed.push(entry);
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
  return removed;
}
