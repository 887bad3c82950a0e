/**
 * Internal: a file written in pieces under a temporary name and renamed into place when whole,
 * the streaming form of `writeFileAtomic`. Until `commit()` the folder holds only
 * `.<name>.<random>.tmp`, which never looks like the finished file; `abort()` removes it.
 * @internal
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export class AtomicFile {
  readonly path: string;
  readonly tmp: string;
  private fd: number | undefined;

  constructor(path: string) {
    this.path = path;
    this.tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
    this.fd = openSync(this.tmp, "wx"); // "wx": never share a temporary name with another writer
  }

  write(data: string | Uint8Array): void {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let at = 0;
    while (at < bytes.length) at += writeSync(this.fd!, bytes, at, bytes.length - at);
  }

  /** Flushes to disk, closes and renames the temporary file over `path`. */
  commit(): void {
    const fd = this.fd!;
    this.fd = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.tmp, this.path);
    syncFolder(dirname(this.path));
  }

  /** Closes and removes the temporary file; the target is left as it was. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed: nothing to release
      }
      this.fd = undefined;
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      // already gone
    }
  }
}

/** Makes the rename itself durable; best effort, as in writeFileAtomic. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // not supported on this platform or file system
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
