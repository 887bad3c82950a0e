import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmod, link, mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STALE_TEMPORARY_AGE_MS, claimTemporary, releaseTemporary, temporaryPath } from "../src/_temporaryFiles";
import { writeFileAtomic } from "../src/index";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "talentflow-atomic-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("creates a new file from a string, as UTF-8", async () => {
    const target = join(dir, "out.csv");
    await writeFileAtomic(target, "région,Wert\r\nDE,1\r\n");
    expect(await readFile(target, "utf8")).toBe("région,Wert\r\nDE,1\r\n");
    expect(await readdir(dir)).toEqual(["out.csv"]);
  });

  it("writes bytes as they are", async () => {
    const target = join(dir, "out.bin");
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
    await writeFileAtomic(target, bytes);
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
  });

  it("replaces an existing file and leaves no temporary file behind", async () => {
    const target = join(dir, "manifest.json");
    await writeFile(target, "old content that is longer than the new one");
    await writeFileAtomic(target, "{}");
    expect(await readFile(target, "utf8")).toBe("{}");
    expect(await readdir(dir)).toEqual(["manifest.json"]);
  });

  it("writes an empty file", async () => {
    const target = join(dir, "empty.txt");
    await writeFileAtomic(target, "");
    expect((await stat(target)).size).toBe(0);
  });

  it.skipIf(process.platform === "win32")("keeps the permission bits of the file it replaces", async () => {
    const target = join(dir, "script.sh");
    await writeFile(target, "#!/bin/sh\n");
    await chmod(target, 0o750);
    await writeFileAtomic(target, "#!/bin/sh\necho hi\n");
    expect((await stat(target)).mode & 0o777).toBe(0o750);
  });

  it("rejects when the folder does not exist, creating nothing", async () => {
    await expect(writeFileAtomic(join(dir, "missing", "out.csv"), "x")).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readdir(dir)).toEqual([]);
  });

  it("rejects when the target is a folder, and removes its temporary file", async () => {
    const target = join(dir, "results");
    await mkdir(target);
    await writeFile(join(target, "keep.txt"), "kept");
    await expect(writeFileAtomic(target, "x")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["results"]);
    expect(await readFile(join(target, "keep.txt"), "utf8")).toBe("kept");
  });

  it("removes its temporary file and keeps the old content when writing fails", async () => {
    const target = join(dir, "series.csv");
    await writeFile(target, "old");
    const bad = 42 as unknown as string; // writeFile rejects a number after the file was opened
    await expect(writeFileAtomic(target, bad)).rejects.toThrow();
    expect(await readFile(target, "utf8")).toBe("old");
    expect(await readdir(dir)).toEqual(["series.csv"]);
  });

  it.skipIf(process.platform === "win32")(
    "replaces the file by a rename: a hard link to the old file keeps the old content",
    async () => {
      const target = join(dir, "series.csv");
      await writeFile(target, "old");
      await link(target, join(dir, "old-link"));
      const inode = (await stat(target)).ino;
      await writeFileAtomic(target, "new");
      expect(await readFile(target, "utf8")).toBe("new");
      expect(await readFile(join(dir, "old-link"), "utf8")).toBe("old");
      expect((await stat(target)).ino).not.toBe(inode);
    },
  );

  it("never lets a reader see a partial file while many writers race", async () => {
    const target = join(dir, "race.txt");
    const payloads = Array.from({ length: 8 }, (_, i) => String.fromCharCode(97 + i).repeat(4 * 1024 * 1024 + i));
    await writeFileAtomic(target, payloads[0]);
    const valid = new Set(payloads);

    let done = false;
    const seen: string[] = [];
    const reader = (async () => {
      while (!done) {
        seen.push(await readFile(target, "utf8"));
      }
    })();
    await Promise.all(payloads.map((p) => writeFileAtomic(target, p)));
    done = true;
    await reader;

    expect(seen.length).toBeGreaterThan(0);
    for (const content of seen) expect(valid.has(content)).toBe(true);
    expect(valid.has(await readFile(target, "utf8"))).toBe(true);
    expect(await readdir(dir)).toEqual(["race.txt"]);
  });
});

/** Starts a Node process that waits until it is killed; returns it with its pid. */
async function startIdleProcess() {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await once(child, "spawn");
  return child;
}

/** Creates a half-written temporary file as an interrupted write would leave it. */
async function leftover(path: string, age = 0): Promise<string> {
  await writeFile(path, "half of the da");
  if (age > 0) {
    const then = new Date(Date.now() - age);
    await utimes(path, then, then);
  }
  return basename(path);
}

describe("writeFileAtomic and the temporary files of interrupted writes", () => {
  it(
    "writeFileAtomic(path) removes the temporary file of a " +
      "writer that was killed, and keeps it while the writer runs",
    async () => {
      const target = join(dir, "series.csv");
      const writer = await startIdleProcess();
      const tmp = await leftover(temporaryPath(target, { pid: writer.pid! }));
      try {
        await writeFileAtomic(target, "first");
        expect((await readdir(dir)).sort()).toEqual([tmp, "series.csv"].sort());
      } finally {
        writer.kill("SIGKILL");
        await once(writer, "exit");
      }
      await writeFileAtomic(target, "second");
      expect(await readdir(dir)).toEqual(["series.csv"]);
      expect(await readFile(target, "utf8")).toBe("second");
    },
  );

  it(
    "writeFileAtomic(path) keeps the temporary files of " + "other targets in the same folder, even of dead writers",
    async () => {
      const writer = await startIdleProcess();
      writer.kill("SIGKILL");
      await once(writer, "exit");
      const others = [
        await leftover(temporaryPath(join(dir, "other.csv"), { pid: writer.pid! })),
        await leftover(temporaryPath(join(dir, "series.csv.bak"), { pid: writer.pid! })),
        await leftover(join(dir, ".series.0123456789ab.tmp"), 2 * STALE_TEMPORARY_AGE_MS),
      ];
      await writeFileAtomic(join(dir, "series.csv"), "x");
      expect((await readdir(dir)).sort()).toEqual([...others, "series.csv"].sort());
    },
  );

  it(
    "writeFileAtomic(path) removes a leftover with this " + "process's id that no write of this process is using",
    async () => {
      const target = join(dir, "series.csv");
      await leftover(temporaryPath(target)); // as left by an earlier process that had the same id
      await writeFileAtomic(target, "x");
      expect(await readdir(dir)).toEqual(["series.csv"]);
    },
  );

  it(
    "writeFileAtomic(path) keeps the temporary file of a " +
      "write to the same target still in progress in this process",
    async () => {
      const target = join(dir, "series.csv");
      const inProgress = temporaryPath(target);
      claimTemporary(inProgress); // what a concurrent writeFileAtomic(target, ...) does before it opens the file
      try {
        const tmp = await leftover(inProgress);
        await writeFileAtomic(target, "x");
        expect((await readdir(dir)).sort()).toEqual([tmp, "series.csv"].sort());
      } finally {
        releaseTemporary(inProgress);
      }
    },
  );

  it("writeFileAtomic(path) removes another host's and the old name format's leftovers only after a day", async () => {
    const target = join(dir, "series.csv");
    const young = [
      await leftover(temporaryPath(target, { host: "other-host", pid: 4242 })),
      await leftover(join(dir, ".series.csv.0123456789ab.tmp")),
    ];
    await leftover(temporaryPath(target, { host: "other-host", pid: 4243 }), STALE_TEMPORARY_AGE_MS + 60_000);
    await leftover(join(dir, ".series.csv.ba9876543210.tmp"), STALE_TEMPORARY_AGE_MS + 60_000);
    await writeFileAtomic(target, "x");
    expect((await readdir(dir)).sort()).toEqual([...young, "series.csv"].sort());
  });

  it("writeFileAtomic(path) leaves a folder named like a temporary file alone", async () => {
    const target = join(dir, "series.csv");
    const folder = basename(temporaryPath(target, { pid: 999_999_999 }));
    await mkdir(join(dir, folder));
    await writeFileAtomic(target, "x");
    expect((await readdir(dir)).sort()).toEqual([folder, "series.csv"].sort());
  });
});
