import { open, rename, stat, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { claimTemporary, releaseTemporary, removeStaleTemporaries, temporaryPath } from "./_temporaryFiles";

/**
 * Writes `data` to `path` so that `path` either keeps its old content or gets the whole new
 * content, never a part of it.
 *
 * The data goes to a temporary sibling (`.<name>.<host>.<pid>.<random>.tmp`, in the same
 * folder, so the rename stays on one file system), is flushed to disk with `fsync`, and the
 * temporary file is then renamed over `path`. A crash or an error at any point leaves either the
 * old file or the new one; on an error the temporary file is removed and the error is rethrown.
 * A temporary file can only be left behind if the process dies between creating and renaming
 * it, and its name (a leading dot, a `.tmp` suffix) never looks like the finished file.
 *
 * Such leftovers are removed by the next successful write to the same `path`, when they are
 * provably stale: written on this host (`<host>` is a hash of the host name) by a process that
 * no longer runs, or by this process but not by a write in progress. A leftover of another host,
 * or whose process id runs again, is removed once it is more than a day old. Temporary files of
 * other targets and those of live writers (other processes, or concurrent calls in this one)
 * are never touched. This relies on the host name and the process id naming one writer: two
 * containers that share a host name and a folder but not their process ids could remove each
 * other's files.
 *
 * If `path` already exists, the new file keeps its permission bits. Strings are written as
 * UTF-8. The folder must exist.
 *
 * @param path - The file to create or replace.
 * @param data - The whole new content: a string (UTF-8) or bytes.
 * @returns A promise that settles once the file is renamed into place.
 * @throws The underlying file-system error (e.g. `ENOENT` when the folder is missing,
 *   `EISDIR` when `path` is a folder); the temporary file is removed first.
 *
 * @example
 * ```ts
 * import { toCsv, writeFileAtomic } from "@talentflow/adapters";
 *
 * await writeFileAtomic("out/series.csv", toCsv(rows));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = temporaryPath(path);
  const mode = await existingMode(path);

  let handle: FileHandle | undefined;
  let created = false;
  claimTemporary(tmp);
  try {
    // "wx": fail rather than share a temporary name with another writer.
    handle = await open(tmp, "wx", mode ?? 0o666);
    created = true;
    if (mode !== undefined) await handle.chmod(mode); // the umask may have narrowed it
    await handle.writeFile(data);
    await handle.sync();
    const h = handle;
    handle = undefined;
    await h.close();
    await rename(tmp, path);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    if (created) await unlink(tmp).catch(() => undefined);
    throw error;
  } finally {
    releaseTemporary(tmp);
  }
  await removeStaleTemporaries(path);
  await syncFolder(dir);
}

/** Permission bits of an existing regular file at `path`, or undefined. */
async function existingMode(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Flushes the folder entry so that the rename itself survives a power loss. Best effort: some
 * platforms (Windows) and file systems cannot open or sync a folder, and the file's own data is
 * already on disk by then.
 */
async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // not supported here; nothing more can be done
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
