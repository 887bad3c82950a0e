/**
 * The bytes of a checkpoint, and the checks a restore makes before it trusts them.
 *
 * Layout of format "TFCK4" (little-endian):
 *
 *   0   "TFCK4"                      format tag, 5 bytes
 *   5   uint32 CRC-32                of every byte from offset 9 to the end
 *   9   uint32 H                     length of the header
 *   13  header                       UTF-8 JSON: scenario, seed, replicate, engine state, blob lengths
 *   ..  agent columns, free stack    each on an 8-byte boundary, padded to one
 *
 * The header's JSON writes a non-finite number as the string "~Infinity" ("~-Infinity", "~NaN")
 * and a string that starts with "~" with one more "~", so that a scenario named "Infinity" stays
 * a string. Restore refuses, with one {@link ValidationError}: another format, a wrong checksum,
 * lengths that disagree with the bytes present, a header that is not the expected structure, a
 * scenario that does not validate or does not fit the state, and agent values outside their
 * domain. It allocates only after the lengths are known to match the bytes.
 * @internal
 * @module
 */
import { crc32 } from "./_crc32";
import { ValidationError, type Issue } from "../errors";
import { Issues } from "../_issues";
import type { Engine } from "./_engine";
import type { EngineState } from "./_engineState";
import { AGENT_STATE_COLUMNS, Flag, type StateColumn } from "./_agentColumns";
import type { Scenario } from "../scenario/types";
import { validScenarioAndWarnings } from "../scenario/validate";

/** Format tag. A checkpoint of another format version is refused with a message naming both tags. */
export const CHECKPOINT_FORMAT = "TFCK4";

const TAG_BYTES = 5;
const PREFIX_BYTES = TAG_BYTES + 4 + 4;

/** A checkpoint tag of any format version: `TFCK` and one digit. */
const TAG_PATTERN = /^TFCK[0-9]$/;

/** The agent columns a checkpoint stores, in order, with their element types: the engine's own list. */
const COLUMNS = AGENT_STATE_COLUMNS;

type Column = StateColumn;

/** What a checkpoint holds. */
export interface CheckpointContents {
  scenario: Scenario;
  /** Validation warnings of the scenario (policies that never act), as `simulate` reports them. */
  warnings?: Issue[];
  seed: number;
  replicate: number;
  state: EngineState;
  /** The agent columns, `used` entries each, in the order of {@link COLUMNS}. */
  columns: Column[];
  /** The free-slot stack, `freeCount` entries. */
  free: Int32Array;
}

const pad = (n: number): number => (8 - (n % 8)) % 8;

function refuse(path: string, message: string): never {
  throw Issues.single(path, message, "not a usable checkpoint");
}

/** JSON.stringify replacer: non-finite numbers as "~Infinity", strings starting with "~" escaped. */
function escapeValue(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return `~${String(value)}`;
  if (typeof value === "string" && value.startsWith("~")) return `~${value}`;
  return value;
}

/** JSON.parse reviver, the reverse of {@link escapeValue}. */
function unescapeValue(_key: string, value: unknown): unknown {
  if (typeof value !== "string" || !value.startsWith("~")) return value;
  if (value.startsWith("~~")) return value.slice(1);
  if (value === "~Infinity") return Infinity;
  if (value === "~-Infinity") return -Infinity;
  if (value === "~NaN") return NaN;
  return refuse("header", `holds the unknown escaped value ${JSON.stringify(value)}`);
}

/** The bytes of a checkpoint (see the module comment for the layout). */
export function encodeCheckpoint(contents: CheckpointContents): Uint8Array {
  const header = JSON.stringify(
    {
      scenario: contents.scenario,
      seed: contents.seed,
      replicate: contents.replicate,
      state: contents.state,
      columns: contents.columns.map((c) => c.byteLength),
      free: contents.free.byteLength,
    },
    escapeValue,
  );
  const headerBytes = new TextEncoder().encode(header);
  const blobs = [...contents.columns, contents.free].map((c) => new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
  let size = PREFIX_BYTES + headerBytes.length;
  size += pad(size);
  for (const b of blobs) size += b.length + pad(b.length);
  const out = new Uint8Array(size);
  out.set(new TextEncoder().encode(CHECKPOINT_FORMAT), 0);
  const view = new DataView(out.buffer);
  view.setUint32(TAG_BYTES + 4, headerBytes.length, true);
  out.set(headerBytes, PREFIX_BYTES);
  let at = PREFIX_BYTES + headerBytes.length;
  at += pad(at);
  for (const b of blobs) {
    out.set(b, at);
    at += b.length + pad(b.length);
  }
  view.setUint32(TAG_BYTES, crc32(out.subarray(TAG_BYTES + 4)), true);
  return out;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/**
 * Reads the bytes of a checkpoint: format, checksum, lengths, header structure and scenario.
 * The engine state is checked against the engine built from the scenario by {@link checkRestoredState}.
 */
export function decodeCheckpoint(bytes: unknown): CheckpointContents {
  if (!(bytes instanceof Uint8Array))
    refuse("bytes", `expected a Uint8Array, got ${bytes === null ? "null" : typeof bytes}`);
  const headerLength = checkPrefix(bytes);
  const header = readHeader(bytes, headerLength);
  const { seed, replicate, state, columns, free } = checkHeaderFields(header);
  checkLengths(bytes, headerLength, columns, free, state.used as number, state.freeCount as number);
  const { scenario, warnings } = restoredScenario(header.scenario);

  let at = PREFIX_BYTES + headerLength;
  at += pad(at);
  const blob = (length: number): ArrayBuffer => {
    // A copy: aligned for the typed array, and owned, so later changes to `bytes` do not reach it.
    const copy = bytes.slice(at, at + length).buffer;
    at += length + pad(length);
    return copy;
  };
  const agentColumns = COLUMNS.map(([, Kind], k) => new Kind(blob(columns[k] as number)));
  const freeStack = new Int32Array(blob(free));
  return {
    scenario,
    warnings,
    seed,
    replicate,
    state: state as unknown as EngineState,
    columns: agentColumns,
    free: freeStack,
  };
}

/** Checks the format tag, the prefix length and the checksum; returns the header's length. */
function checkPrefix(bytes: Uint8Array): number {
  const tag = String.fromCharCode(...bytes.subarray(0, TAG_BYTES));
  if (TAG_PATTERN.test(tag) && tag !== CHECKPOINT_FORMAT) {
    const when = tag < CHECKPOINT_FORMAT ? "an earlier" : "a later";
    refuse(
      "bytes",
      `a checkpoint of ${when} TalentFlow version (format ${tag}, this version ` +
        `reads ${CHECKPOINT_FORMAT}); run the scenario again from its start with this version`,
    );
  }
  if (bytes.length < TAG_BYTES || tag !== CHECKPOINT_FORMAT)
    refuse("bytes", "not a TalentFlow checkpoint (bad magic number)");
  if (bytes.length < PREFIX_BYTES)
    refuse("bytes", `truncated: ${bytes.length} bytes, shorter than the ${PREFIX_BYTES}-byte prefix`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(TAG_BYTES + 4, true);
  if (PREFIX_BYTES + headerLength > bytes.length) {
    refuse(
      "bytes",
      `truncated: the header declares ${headerLength} bytes, but only ${bytes.length - PREFIX_BYTES} follow`,
    );
  }
  const expectedCrc = view.getUint32(TAG_BYTES, true);
  const actualCrc = crc32(bytes.subarray(TAG_BYTES + 4));
  if (actualCrc !== expectedCrc) {
    refuse(
      "bytes",
      `checksum mismatch (CRC-32 ${hex(actualCrc)}, ` +
        `expected ${hex(expectedCrc)}): the checkpoint is damaged or truncated`,
    );
  }
  return headerLength;
}

/** The header's JSON, unescaped; refuses a header that is not UTF-8 JSON of an object. */
function readHeader(bytes: Uint8Array, headerLength: number): Obj {
  let header: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(
      bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength),
    );
    header = JSON.parse(text, unescapeValue);
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    refuse("header", `is not UTF-8 JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(header)) refuse("header", "must be an object");
  return header;
}

/** The header's fields, each of its type; `state.used` and `state.freeCount` are counts. */
function checkHeaderFields(header: Obj): {
  seed: number;
  replicate: number;
  state: Obj;
  columns: number[];
  free: number;
} {
  const { seed, replicate, state, columns, free } = header;
  if (typeof seed !== "number" || !Number.isFinite(seed)) refuse("header.seed", "must be a finite number");
  if (!isCount(replicate)) refuse("header.replicate", "must be a whole number >= 0");
  if (!isObject(state)) refuse("header.state", "must be an object");
  if (!Array.isArray(columns) || columns.length !== COLUMNS.length || !columns.every(isCount)) {
    refuse("header.columns", `must list the byte lengths of the ${COLUMNS.length} agent columns`);
  }
  if (!isCount(free)) refuse("header.free", "must be a byte length");
  const used = state.used;
  const freeCount = state.freeCount;
  if (!isCount(used)) refuse("header.state.used", "must be a whole number >= 0");
  if (!isCount(freeCount) || freeCount > used)
    refuse("header.state.freeCount", `must be a whole number in [0, used = ${used}]`);
  return { seed, replicate, state, columns, free };
}

/** Every length against `used` and against the bytes present, before anything is allocated. */
function checkLengths(
  bytes: Uint8Array,
  headerLength: number,
  columns: readonly number[],
  free: number,
  used: number,
  freeCount: number,
): void {
  COLUMNS.forEach(([name, Kind], k) => {
    if (columns[k] !== used * Kind.BYTES_PER_ELEMENT) {
      refuse(
        `header.columns.${k}`,
        `the ${name} column has ${columns[k]} bytes, but used = ${used} agents need ${used * Kind.BYTES_PER_ELEMENT}`,
      );
    }
  });
  if (free !== freeCount * Int32Array.BYTES_PER_ELEMENT)
    refuse("header.free", `has ${free} bytes, but freeCount = ${freeCount} needs ${freeCount * 4}`);
  let size = PREFIX_BYTES + headerLength;
  size += pad(size);
  for (const n of [...columns, free]) size += n + pad(n);
  if (size !== bytes.length) {
    refuse(
      "bytes",
      `the header declares ${size} bytes in all, but there ` +
        `are ${bytes.length}${size > bytes.length ? " (truncated)" : ""}`,
    );
  }
}

/** The header's scenario, validated; its issues are reported under `header.scenario`. */
function restoredScenario(raw: unknown): { scenario: Scenario; warnings: Issue[] } {
  try {
    return validScenarioAndWarnings(raw);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const issues = new Issues("not a usable checkpoint: its scenario is invalid");
    for (const i of e.issues) issues.add(i.path === "" ? "header.scenario" : `header.scenario.${i.path}`, i.message);
    throw issues.error();
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

/** A finite number, or NaN (JSON null) where NaN is allowed. */
const isValue = (v: unknown, nanAllowed: boolean): boolean =>
  typeof v === "number" ? Number.isFinite(v) || (nanAllowed && Number.isNaN(v)) : v === null && nanAllowed;

/** Fields of the engine state that may hold NaN (written null): "not yet" or "none". */
const NAN_ALLOWED = new Set([
  "scheduledExit",
  "scheduledConsider",
  "scheduledPermanence",
  "market.selectionRate",
  "market.programChance",
]);

/** Float64Array fields of a period record and their lengths, from the engine's sizes. */
function recordLengths(R: number, C: number, K: number): Record<string, number> {
  const perRegion = [
    "stock",
    "researchers",
    "entries",
    "exits",
    "meanSkill",
    "topDecileShare",
    "meanWage",
    "welfareByRegion",
    "applications",
    "admissions",
    "lotteryEntrants",
    "lotteryWinners",
    "selectionRate",
    "fiscalCost",
  ];
  return {
    ...Object.fromEntries(perRegion.map((k) => [k, R])),
    stockByCitizenship: C * R,
    flows: R * R,
    welfareByCitizenship: C,
    brainDrain: C,
    brainDrainYoung: C,
    returnMoves: C,
    cohortExit5y: K,
    cohortArrivals: K,
  };
}
/** Record fields that are NaN where nothing was drawn or no cohort closed. */
const RECORD_NAN_ALLOWED = new Set(["selectionRate", "cohortExit5y", "cohortArrivals"]);
const RECORD_NUMBERS = ["period", "time", "welfare", "topResearchersAbroad"];

const STATE_CONTEXT = "not a usable checkpoint: its state does not fit its scenario";
const AGENTS_CONTEXT = "not a usable checkpoint: agent data out of range";
/** Where the flags column stands among a checkpoint's columns. */
const FLAGS_COLUMN = COLUMNS.findIndex(([name]) => name === "flags");
/** How many issues of a state are listed at most: one wrong list could give thousands. */
const MAX_STATE_ISSUES = 20;

/** An object's field names, sorted and joined, to compare two objects' shapes. */
const fieldNames = (o: Obj): string => Object.keys(o).sort().join(",");

/**
 * Checks a decoded checkpoint against `engine`, built from its scenario and not yet run: the
 * state has the engine's shape (so the scenario fits the state), every number is in its domain,
 * and every active agent's columns hold values the engine can index. Throws one ValidationError.
 */
export function checkRestoredState(engine: Engine, contents: CheckpointContents): void {
  const raw = contents.state as unknown as Obj;
  const check = new StateCheck();
  checkStateFields(check, raw, engine.exportState() as unknown as Obj, engine.totalPeriods);
  checkHistory(check, raw, engine);
  check.issues.throwIfAny();
  const inactive = checkAgents(engine, contents, raw.t as number);
  checkFreeStack(contents, inactive);
}

/** The issues of a restored engine state, at `header.state.<path>`, the first {@link MAX_STATE_ISSUES}. */
class StateCheck {
  readonly issues = new Issues(STATE_CONTEXT);

  add(path: string, message: string): void {
    if (this.issues.count < MAX_STATE_ISSUES)
      this.issues.add(path === "" ? "header.state" : `header.state.${path}`, message);
  }

  /** Checks that `value` is a list as long as `like` of finite numbers (or null where NaN is allowed). */
  list(path: string, value: unknown, like: unknown, nanAllowed: boolean): void {
    if (!Array.isArray(value) || !Array.isArray(like) || value.length !== like.length) {
      this.add(
        path,
        `must be a list of ${Array.isArray(like) ? like.length : "?"} numbers for ` +
          `this scenario, got ${Array.isArray(value) ? `${value.length}` : typeof value}`,
      );
      return;
    }
    const bad = value.findIndex((v) => !isValue(v, nanAllowed));
    if (bad >= 0)
      this.add(`${path}.${bad}`, `must be a finite number${nanAllowed ? " or null" : ""}, got ${String(value[bad])}`);
  }
}

/** The state's fields against the engine's own (`shape`), all but the history and the counts. */
function checkStateFields(check: StateCheck, raw: Obj, shape: Obj, totalPeriods: number): void {
  if (fieldNames(raw) !== fieldNames(shape))
    check.add("", `must have the fields ${fieldNames(shape)}, got ${fieldNames(raw)}`);
  const t = raw.t;
  if (!(Number.isInteger(t) && (t as number) >= 0 && (t as number) <= totalPeriods)) {
    check.add("t", `must be a period in [0, ${totalPeriods}] for this scenario, got ${String(t)}`);
  }
  for (const [key, like] of Object.entries(shape)) {
    if (key === "history" || key === "t" || key === "used" || key === "freeCount") continue;
    const value = raw[key];
    if (key === "market") {
      if (!isObject(value) || !isObject(like) || fieldNames(value) !== fieldNames(like)) {
        check.add("market", "must hold the market state of this scenario");
        continue;
      }
      for (const [m, mLike] of Object.entries(like))
        check.list(`market.${m}`, value[m], mLike, NAN_ALLOWED.has(`market.${m}`));
    } else if (Array.isArray(like)) {
      check.list(key, value, like, NAN_ALLOWED.has(key));
    } else if (!isValue(value, NAN_ALLOWED.has(key))) {
      check.add(key, `must be a finite number, got ${String(value)}`);
    }
  }
  if (
    Array.isArray(raw.lotteryStart) &&
    !raw.lotteryStart.every((v) => Number.isInteger(v) && (v as number) >= -1 && (v as number) <= 32767)
  ) {
    check.add("lotteryStart", "must hold periods (or -1 for none)");
  }
  if (Array.isArray(raw.programStarted) && !raw.programStarted.every((v) => v === 0 || v === 1))
    check.add("programStarted", "must hold 0 or 1");
}

/** History: one record per reported period run so far, each of this scenario's sizes. */
function checkHistory(check: StateCheck, raw: Obj, engine: Engine): void {
  const t = raw.t;
  const history = raw.history;
  const reported = Number.isInteger(t) ? Math.max(0, (t as number) - engine.burnInPeriods) : 0;
  if (!Array.isArray(history) || history.length !== reported) {
    check.add(
      "history",
      `must hold ${reported} period records at t = ${String(t)}, ` +
        `got ${Array.isArray(history) ? history.length : typeof history}`,
    );
    return;
  }
  const lengths = recordLengths(engine.R, engine.C, engine.K);
  const recordKeys = [...Object.keys(lengths), ...RECORD_NUMBERS, "custom"].sort().join(",");
  history.forEach((rec: unknown, k) => {
    if (!isObject(rec) || fieldNames(rec) !== recordKeys)
      return check.add(`history.${k}`, "must be a period record of this scenario");
    if (rec.period !== k) check.add(`history.${k}.period`, `must be ${k}, got ${String(rec.period)}`);
    for (const f of RECORD_NUMBERS)
      if (typeof rec[f] !== "number" || !Number.isFinite(rec[f]))
        check.add(`history.${k}.${f}`, "must be a finite number");
    for (const [f, n] of Object.entries(lengths))
      check.list(`history.${k}.${f}`, rec[f], new Array(n), RECORD_NAN_ALLOWED.has(f));
    // Observer values: a finite number, or finite numbers by region.
    const customOk =
      isObject(rec.custom) &&
      Object.values(rec.custom).every(
        (v) => isValue(v, false) || (isObject(v) && Object.values(v).every((x) => isValue(x, false))),
      );
    if (!customOk)
      check.add(`history.${k}.custom`, "must hold observer values: finite numbers, or finite numbers by region");
  });
}

/**
 * Agents: the values of every active slot at period `now`; stops at the first bad one. Returns
 * how many slots below `used` are inactive.
 */
function checkAgents(engine: Engine, contents: CheckpointContents, now: number): number {
  const { R, C } = engine;
  const [, region, home, citizenship, skill, bornPeriod, arrivedPeriod, flags, pending] = contents.columns as [
    Uint32Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Float32Array,
    Int16Array,
    Int16Array,
    Uint8Array,
    Uint8Array,
  ];
  const used = contents.state.used;
  const agentIssue = (column: string, slot: number, message: string) => {
    throw Issues.single(`agents.${column}`, `slot ${slot}: ${message}`, AGENTS_CONTEXT);
  };
  const regionLottery = engine.cs.regionLottery;
  const graduateTerm = engine.cs.lotteryGraduateTerm;
  let inactive = 0;
  for (let i = 0; i < used; i++) {
    const f = flags[i];
    if ((f & Flag.Active) === 0) {
      inactive++;
      continue;
    }
    if (f >= 128) agentIssue("flags", i, `unknown flag bits in ${f}`);
    if (region[i] >= R) agentIssue("region", i, `${region[i]} is not a region index (the scenario has ${R} regions)`);
    if (home[i] >= R) agentIssue("home", i, `${home[i]} is not a region index (the scenario has ${R} regions)`);
    if (citizenship[i] >= C)
      agentIssue("citizenship", i, `${citizenship[i]} is not a citizenship index (the scenario has ${C} citizenships)`);
    if (!Number.isFinite(skill[i])) agentIssue("skill", i, `must be finite, got ${skill[i]}`);
    if (bornPeriod[i] > now) agentIssue("bornPeriod", i, `${bornPeriod[i]} is after the checkpoint's period ${now}`);
    if (arrivedPeriod[i] > now)
      agentIssue("arrivedPeriod", i, `${arrivedPeriod[i]} is after the checkpoint's period ${now}`);
    const p = pending[i];
    if (p > R) agentIssue("pending", i, `${p} names no region (the scenario has ${R})`);
    if ((f & Flag.Won) !== 0 && (p === 0 || regionLottery[p - 1] < 0))
      agentIssue("pending", i, "a lottery winner waits for no region with a lottery");
    // An application to the agent's own region is a graduate's (3.3.12): a temporary holder
    // waiting for its region's lottery, which must take graduates.
    if (p === region[i] + 1) {
      const l = regionLottery[region[i]];
      if (l < 0 || graduateTerm[l] <= 0)
        agentIssue("pending", i, "an application to its own region, whose lottery takes no graduates");
      if ((f & Flag.Temporary) === 0) agentIssue("flags", i, "a graduate waiting for its lottery must be temporary");
    }
  }
  return inactive;
}

/** The free stack: the `inactive` slots below `used`, each once. */
function checkFreeStack(contents: CheckpointContents, inactive: number): void {
  const { free } = contents;
  const used = contents.state.used;
  const flags = contents.columns[FLAGS_COLUMN] as Uint8Array;
  if (inactive !== free.length) {
    throw Issues.single(
      "agents.free",
      `${free.length} free slots listed, but ${inactive} slots are inactive`,
      AGENTS_CONTEXT,
    );
  }
  const seen = new Uint8Array(used);
  for (let k = 0; k < free.length; k++) {
    const slot = free[k];
    if (!(slot >= 0 && slot < used) || (flags[slot] & Flag.Active) !== 0 || seen[slot]) {
      throw Issues.single(
        "agents.free",
        `entry ${k}: slot ${slot} is not a distinct inactive slot below used = ${used}`,
        AGENTS_CONTEXT,
      );
    }
    seen[slot] = 1;
  }
}
