import { describe, expect, it } from "vitest";
import { createSimulation, restoreSimulation, scenarios, ValidationError } from "../../src/index";
import { Flag } from "../../src/engine/_agentColumns";
import { crc32 } from "../../src/engine/_crc32";
import type { Engine } from "../../src/engine/_engine";
import { logitWorld } from "../_fixtures";

// 477,600 people / 2,000 agents; one year of burn-in, two reported.
const scenario = () => scenarios.alliance2026({ agents: 2000, years: 2, burnInYears: 1 });

/** A checkpoint taken after `steps` periods (6: into the reported run, past a lottery draw). */
function checkpointOf(s = scenario(), steps = 6): Uint8Array {
  const sim = createSimulation(s, { seed: 3 });
  for (let k = 0; k < steps; k++) sim.step();
  return sim.checkpoint();
}

/** The parts of a checkpoint's bytes: the header's JSON and the offset of the agent columns. */
function parts(bytes: Uint8Array): { header: Record<string, unknown>; blobsAt: number } {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(9, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(13, 13 + length))) as Record<string, unknown>;
  const end = 13 + length;
  return { header, blobsAt: end + ((8 - (end % 8)) % 8) };
}

/** Bytes as a forger would write them: the header or the blobs changed, the checksum made right again. */
function forged(
  bytes: Uint8Array,
  edit: { header?: (h: Record<string, unknown>) => void; blobs?: (b: Uint8Array) => void },
): Uint8Array {
  const { header, blobsAt } = parts(bytes);
  const blobs = bytes.slice(blobsAt);
  edit.header?.(header);
  edit.blobs?.(blobs);
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const end = 13 + headerBytes.length;
  const start = end + ((8 - (end % 8)) % 8);
  const out = new Uint8Array(start + blobs.length);
  out.set(bytes.subarray(0, 5));
  new DataView(out.buffer).setUint32(9, headerBytes.length, true);
  out.set(headerBytes, 13);
  out.set(blobs, start);
  new DataView(out.buffer).setUint32(5, crc32(out.subarray(9)), true);
  return out;
}

/** The ValidationError that restoring `bytes` throws, and how long the refusal took. */
function refusal(bytes: Uint8Array): { error: ValidationError; ms: number } {
  const start = performance.now();
  try {
    restoreSimulation(bytes);
  } catch (e) {
    const ms = performance.now() - start;
    if (!(e instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(e)}`);
    return { error: e, ms };
  }
  throw new Error("expected restoreSimulation to refuse the bytes");
}

/** A small deterministic generator of positions (a linear congruential generator). */
function positions(count: number, below: number, seed: number): number[] {
  let x = seed >>> 0;
  return Array.from({ length: count }, () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % below;
  });
}

describe("checkpoints", () => {
  it(
    "restoreSimulation(sim.checkpoint()) continues " + 'identically, and a scenario named "Infinity" stays a string',
    () => {
      const s = scenario();
      s.name = "Infinity";
      s.description = "~ a description that starts with the escape character";
      const a = createSimulation(s, { seed: 3 });
      for (let k = 0; k < 6; k++) a.step();
      const b = restoreSimulation(a.checkpoint());
      expect(b.scenario.name).toBe("Infinity");
      expect(b.scenario.description).toBe(s.description);
      expect(b.scenario.behavior.wageElasticity).toBe(2);
      const restA = a.run();
      const restB = b.run();
      expect(restB.rows).toEqual(restA.rows);
      expect(restB.summary).toEqual(restA.summary);
    },
  );

  it(
    "restoreSimulation accepts a checkpoint of every built-in scenario at the " +
      "start, in burn-in, in the run and at the horizon, and continues identically",
    () => {
      const builtIns = [
        scenarios.baseline,
        scenarios.alliance2026,
        scenarios.usFeeLapses,
        scenarios.canadaFastTrack,
        scenarios.germanyEnglishJobs,
      ];
      for (const make of builtIns) {
        const s = make({ agents: 1500, years: 6, burnInYears: 1 });
        for (const steps of [0, 2, 9, 27]) {
          const a = createSimulation(s, { seed: 7 });
          for (let k = 0; k < steps; k++) a.step();
          const b = restoreSimulation(a.checkpoint());
          expect(b.run().rows, `${s.name} after ${steps} steps`).toEqual(a.run().rows);
        }
        const done = createSimulation(s, { seed: 7 });
        done.run();
        expect(restoreSimulation(done.checkpoint()).result().rows).toEqual(done.result().rows);
      }
    },
  );

  it(
    "restoreSimulation(sim.checkpoint()) continues identically a run whose graduates wait in the lottery's " +
      "pool, some of them winners waiting for their start",
    () => {
      const s = scenario();
      s.lotteries["US-H1B"].graduates = { share: 0.65, years: 3 };
      // Internal period 4 draws (burn-in is one year), its winners start in period 7.
      for (const steps of [5, 6, 9]) {
        const a = createSimulation(s, { seed: 3 });
        for (let k = 0; k < steps; k++) a.step();
        const agents = (a as unknown as { engine: Engine }).engine.agents;
        let waiting = 0;
        let won = 0;
        for (let i = 0; i < agents.used; i++) {
          if ((agents.flags[i] & Flag.Active) === 0 || agents.pending[i] !== agents.region[i] + 1) continue;
          if ((agents.flags[i] & Flag.Won) !== 0) won++;
          else waiting++;
        }
        expect(waiting, `graduates waiting after ${steps} steps`).toBeGreaterThan(10);
        if (steps < 7) expect(won, `graduates who won after ${steps} steps`).toBeGreaterThan(0);
        const b = restoreSimulation(a.checkpoint());
        expect(b.run().rows, `after ${steps} steps`).toEqual(a.run().rows);
      }
    },
  );

  it("restoreSimulation(bytes) refuses an application to one's own region whose lottery takes no graduates", () => {
    const bytes = checkpointOf();
    const used = (parts(bytes).header.state as Record<string, unknown>).used as number;
    const padded = (n: number) => n + ((8 - (n % 8)) % 8);
    const regionAt = padded(used * 4);
    const flagsAt = regionAt + 3 * padded(used) + padded(used * 4) + 2 * padded(used * 2);
    const pendingAt = flagsAt + padded(used);
    const blobs = bytes.subarray(parts(bytes).blobsAt);
    const slot = blobs.subarray(flagsAt, flagsAt + used).findIndex((f) => (f & 1) === 1);
    expect(slot).toBeGreaterThanOrEqual(0);
    const { error } = refusal(forged(bytes, { blobs: (b) => (b[pendingAt + slot] = b[regionAt + slot] + 1) }));
    expect(error.issues[0].path).toBe("agents.pending");
    expect(error.issues[0].message).toBe(
      `slot ${slot}: an application to its own region, whose lottery takes no graduates`,
    );
  });

  it(
    "restoreSimulation(bytes, {observers}) accepts the observer values " +
      "of the periods before the checkpoint and continues identically",
    () => {
      const observers = {
        deShare: (v: { stock: Readonly<Record<string, number>> }) => v.stock.DE / 477_600,
        wage: (v: { meanWage: Readonly<Record<string, number>> }) => ({ ...v.meanWage }),
      };
      const a = createSimulation(scenario(), { seed: 3, observers });
      for (let k = 0; k < 7; k++) a.step();
      const b = restoreSimulation(a.checkpoint(), { observers });
      expect(b.run().rows).toEqual(a.run().rows);
    },
  );

  it("restoreSimulation keeps a wage elasticity of Infinity", () => {
    const bytes = checkpointOf(logitWorld(500), 0);
    expect(restoreSimulation(bytes).scenario.behavior.wageElasticity).toBe(Infinity);
  });

  it(
    "restoreSimulation(bytes) refuses each of 150 single-bit " +
      "flips in the agent data with a checksum ValidationError",
    () => {
      const bytes = checkpointOf();
      const { blobsAt } = parts(bytes);
      for (const at of positions(150, (bytes.length - blobsAt) * 8, 11)) {
        const flipped = bytes.slice();
        flipped[blobsAt + (at >> 3)] ^= 1 << (at & 7);
        expect(refusal(flipped).error.issues[0].message).toMatch(/checksum mismatch/);
      }
    },
  );

  it("restoreSimulation(bytes) refuses a bit flip in the header or the checksum itself", () => {
    const bytes = checkpointOf();
    for (const at of [5, 9, 13, 40, parts(bytes).blobsAt - 9]) {
      const flipped = bytes.slice();
      flipped[at] ^= 4;
      expect(refusal(flipped).error.issues[0].path).toBe("bytes");
    }
  });

  it("restoreSimulation(bytes) refuses the bytes truncated at 80 offsets with a ValidationError", () => {
    const bytes = checkpointOf();
    const cuts = [0, 1, 4, 5, 8, 9, 12, 13, 14, bytes.length - 1, ...positions(70, bytes.length, 5)];
    for (const cut of cuts) expect(refusal(bytes.subarray(0, cut)).error.issues[0].path, `cut at ${cut}`).toBe("bytes");
  });

  it("restoreSimulation(bytes) refuses bytes with trailing data", () => {
    const bytes = checkpointOf();
    const longer = new Uint8Array(bytes.length + 8);
    longer.set(bytes);
    new DataView(longer.buffer).setUint32(5, crc32(longer.subarray(9)), true);
    expect(refusal(longer).error.message).toMatch(/declares \d+ bytes in all, but there are/);
  });

  it("restoreSimulation(bytes) refuses quickly a header that declares 1e8 agents (without allocating for them)", () => {
    const bad = forged(checkpointOf(), { header: (h) => ((h.state as Record<string, unknown>).used = 1e8) });
    const { error, ms } = refusal(bad);
    expect(error.issues[0].path).toBe("header.columns.0");
    expect(ms).toBeLessThan(2000);
  });

  it("restoreSimulation(bytes) refuses quickly a header with t = -1e6 or t past the horizon", () => {
    for (const t of [-1e6, 1e6, 2.5]) {
      const bad = forged(checkpointOf(), { header: (h) => ((h.state as Record<string, unknown>).t = t) });
      const { error, ms } = refusal(bad);
      expect(error.issues.map((i) => i.path)).toContain("header.state.t");
      expect(ms).toBeLessThan(2000);
    }
  });

  it(
    "restoreSimulation(bytes) refuses an agent in region 200, with " +
      "NaN skill, or of an unknown citizenship, naming the column",
    () => {
      const bytes = checkpointOf();
      const used = (parts(bytes).header.state as Record<string, unknown>).used as number;
      // Column offsets: id (4 bytes each), region, home, citizenship (1 each), skill (4 each),
      // bornPeriod, arrivedPeriod (2 each), flags (1 each); each column padded to 8 bytes.
      const padded = (n: number) => n + ((8 - (n % 8)) % 8);
      const regionAt = padded(used * 4);
      const citizenshipAt = regionAt + 2 * padded(used);
      const skillAt = citizenshipAt + padded(used);
      const flagsAt = skillAt + padded(used * 4) + 2 * padded(used * 2);
      const blobs = bytes.subarray(parts(bytes).blobsAt);
      const slot = blobs.subarray(flagsAt, flagsAt + used).findIndex((f) => (f & 1) === 1); // the first active agent
      expect(slot).toBeGreaterThanOrEqual(0);
      const cases: Array<[string, (b: Uint8Array) => void]> = [
        ["agents.region", (b) => (b[regionAt + slot] = 200)],
        ["agents.citizenship", (b) => (b[citizenshipAt + slot] = 6)],
        ["agents.skill", (b) => new DataView(b.buffer).setFloat32(skillAt + 4 * slot, NaN, true)],
      ];
      for (const [path, edit] of cases) {
        const { error } = refusal(forged(bytes, { blobs: edit }));
        expect(error.issues[0].path).toBe(path);
        expect(error.issues[0].message).toMatch(new RegExp(`^slot ${slot}: `));
      }
    },
  );

  it("restoreSimulation(bytes) refuses a header whose scenario is invalid, naming the scenario's field", () => {
    const bad = forged(checkpointOf(), {
      header: (h) => ((h.scenario as { regions: Record<string, { taxRate: number }> }).regions.DE.taxRate = 2),
    });
    expect(refusal(bad).error.issues.map((i) => i.path)).toContain("header.scenario.regions.DE.taxRate");
  });

  it("restoreSimulation(bytes) refuses a header naming another valid scenario whose state does not fit", () => {
    const other = JSON.parse(
      JSON.stringify(logitWorld(2000), (_k, v: unknown) => (v === Infinity ? "~Infinity" : v)),
    ) as unknown;
    const bad = forged(checkpointOf(), { header: (h) => (h.scenario = other) });
    const { error } = refusal(bad);
    expect(error.message).toMatch(/state does not fit its scenario|agent data out of range/);
  });

  it("restoreSimulation(bytes) refuses a header that is not JSON, or not the expected structure", () => {
    const bytes = checkpointOf();
    const { header } = parts(bytes);
    const notJson = forged(bytes, {});
    notJson[13] = "x".charCodeAt(0);
    new DataView(notJson.buffer).setUint32(5, crc32(notJson.subarray(9)), true);
    expect(refusal(notJson).error.issues[0].path).toBe("header");
    expect(refusal(forged(bytes, { header: (h) => delete h.seed })).error.issues[0].path).toBe("header.seed");
    expect(
      refusal(forged(bytes, { header: (h) => ((h.state as Record<string, unknown>).startStock = [1]) })).error.issues[0]
        .path,
    ).toBe("header.state.startStock");
    expect(
      refusal(forged(bytes, { header: (h) => ((h.state as Record<string, unknown>).history = []) })).error.issues[0]
        .path,
    ).toBe("header.state.history");
    const history = (h: Record<string, unknown>) => (h.state as { history: Array<Record<string, unknown>> }).history;
    expect(
      refusal(forged(bytes, { header: (h) => (history(h)[0].custom = { share: "~NaN" }) })).error.issues[0].path,
    ).toBe("header.state.history.0.custom");
    expect(refusal(forged(bytes, { header: (h) => (history(h)[1].stock = [1, 2]) })).error.issues[0].path).toBe(
      "header.state.history.1.stock",
    );
    expect(Object.keys(header)).toEqual(["scenario", "seed", "replicate", "state", "columns", "free"]);
  });

  it("restoreSimulation(bytes) refuses a checkpoint of an earlier format (TFCK2) naming both tags", () => {
    const bytes = checkpointOf();
    bytes.set(new TextEncoder().encode("TFCK2"));
    expect(refusal(bytes).error.message).toMatch(
      /earlier TalentFlow version \(format TFCK2, this version reads TFCK4\)/,
    );
  });

  it("restoreSimulation(bytes) refuses a checkpoint of a later format (TFCK5) naming both tags", () => {
    const bytes = checkpointOf();
    bytes.set(new TextEncoder().encode("TFCK5"));
    expect(refusal(bytes).error.message).toMatch(
      /later TalentFlow version \(format TFCK5, this version reads TFCK4\); run the scenario again/,
    );
  });
});
