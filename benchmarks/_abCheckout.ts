/**
 * The git side of `pnpm bench:ab <git-ref>`: resolves the ref to a commit, unpacks that commit into
 * a temporary folder (`git archive | tar -x`, which leaves the repository's worktree list alone),
 * runs `pnpm install` there, and removes every temporary folder again at the end, on an error, or
 * on Ctrl-C (SIGINT) or SIGTERM, after stopping the child process it was waiting for.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The child processes running now, stopped before the temporary folders are removed on a signal. */
const running = new Set<ChildProcess>();

/** Runs a command to its end with its output captured; resolves to its exit code and output. */
function capture(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; output: string; child: ChildProcess }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => {
      running.delete(child);
      fail(new Error(`ab: cannot run ${command}: ${error.message}`));
    });
    child.on("close", (code) => {
      running.delete(child);
      done({ code, output, child });
    });
  });
}

/**
 * The root of the git working tree that holds `dir`.
 *
 * @example
 * repositoryRoot(process.cwd()) // => "/work/wt/benchab"
 */
export function repositoryRoot(dir: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    throw new Error(`ab: ${dir} is not inside a git working tree, so a git ref cannot be checked out from it`);
  }
}

/**
 * The full sha of the commit a git ref names (`git rev-parse --verify <ref>^{commit}`); throws an
 * error naming the ref when git does not know it or it names no commit.
 *
 * @example
 * resolveCommit("/work/wt/benchab", "HEAD~1") // => "3f98823…" (40 hex digits)
 */
export function resolveCommit(repo: string, ref: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], {
      cwd: repo,
      encoding: "utf8",
      stdio: "pipe",
    }).trim();
  } catch {
    throw new Error(`ab: unknown git ref "${ref}": it names no commit in ${repo}`);
  }
}

/**
 * Temporary folders that are removed by {@link Scratch.removeAll}, when the process exits, and on
 * SIGINT or SIGTERM (after the running child process has stopped; the process then exits with
 * 128 + the signal's number).
 */
export class Scratch {
  private readonly dirs = new Set<string>();
  private readonly onExit = (): void => this.removeAll();
  private readonly onSignal = (signal: NodeJS.Signals): void => void this.interrupt(signal);

  constructor() {
    process.on("exit", this.onExit);
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
  }

  /** A new empty folder under the system's temporary folder, named `<prefix>XXXXXX`. */
  make(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.add(dir);
    return dir;
  }

  /** Removes one folder made by {@link Scratch.make} now. */
  remove(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
    this.dirs.delete(dir);
  }

  /** Removes every folder still held and stops listening for the exit and the signals. */
  removeAll(): void {
    for (const dir of this.dirs) this.remove(dir);
    process.off("exit", this.onExit);
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
  }

  private async interrupt(signal: NodeJS.Signals): Promise<void> {
    // A folder removed under a running `pnpm install` could be written to again after its removal.
    const children = [...running];
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(
      children.map((child) => new Promise((done) => child.exitCode !== null || child.on("close", done))),
    );
    this.removeAll();
    console.error(`ab: interrupted by ${signal}; temporary folders removed`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  }
}

/**
 * Unpacks commit `sha` of `repo` into the new folder `into` (`git archive`, then `tar -x`; `into`
 * must not exist yet and should lie in a {@link Scratch} folder, which also holds the archive while
 * it is unpacked) and runs
 * `pnpm install --frozen-lockfile --prefer-offline` there with its output held back; on failure
 * throws an error with pnpm's (or git's) message. `label` names the checkout in errors.
 */
export async function checkOutCommit(repo: string, sha: string, into: string, label: string): Promise<void> {
  const archive = `${into}.tar`;
  mkdirSync(into);
  try {
    const git = await capture("git", ["archive", "--format=tar", `--output=${archive}`, sha], repo);
    if (git.code !== 0) throw new Error(`ab: git archive of ${label} failed:\n${git.output.trim()}`);
    const tar = await capture("tar", ["-xf", archive, "-C", into], into);
    if (tar.code !== 0) throw new Error(`ab: unpacking ${label} into ${into} failed:\n${tar.output.trim()}`);
  } finally {
    rmSync(archive, { force: true });
  }
  const install = await capture("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], into);
  if (install.code !== 0) {
    const lines = install.output.trim().split("\n");
    throw new Error(
      `ab: pnpm install --frozen-lockfile --prefer-offline failed in the checkout of ${label} ` +
        `(exit ${install.code ?? install.child.signalCode}):\n${lines.slice(-20).join("\n")}`,
    );
  }
}
