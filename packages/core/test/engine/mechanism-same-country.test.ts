import { describe, expect, it } from "vitest";
import { expectMoves, logistic, region, tinyWorld, trackMoves } from "../_worlds";

/**
 * Two regions of one country (SV and USR, country US): a foreign citizen moving between them
 * meets no visa rule, no friction and no admission draw, and keeps its status (both regions give
 * IN a visa with admission 0.1 and friction 2, which a move between them must not see).
 */
describe("moves within one country", () => {
  it(
    "simulate moves a temporary foreign citizen between SV and USR with " +
      "P = logistic(d) and no application, keeping the temporary status",
    () => {
      const s = tinyWorld({ years: 2 });
      s.citizenships = { IN: { home: "ROW", network: 1 } };
      const mix = { IN: 1 };
      const visa = { rule: "probability" as const, admission: 0.1, permanent: false, permanence: 0, fee: 0 };
      s.regions = {
        SV: region("US", 30_000, { initialCitizenship: mix, entrantCitizenship: mix, temporaryShare: 1 }),
        USR: region("US", 0, { amenity: 0.2, initialCitizenship: mix, entrantCitizenship: mix }),
        ROW: region("IN", 0, { amenity: -3, initialCitizenship: mix, entrantCitizenship: mix }),
      };
      // Nobody goes home to ROW (from where a move to SV or USR would need a visa).
      s.movingCost = { "SV<->USR": 0.5, "SV<->ROW": 50, "USR<->ROW": 50 };
      s.visaFriction = { "IN->SV": 2, "IN->USR": 2 };
      s.visas = {
        SV: { IN: visa },
        USR: { IN: visa },
        ROW: { "*": { rule: "open", permanent: true, permanence: 0, fee: 0 } },
      };
      const { moves, records, sim } = trackMoves(s, 51);
      const shares = (from: "SV" | "USR") => {
        const v = { SV: 0, USR: 0.2, ROW: -3 - 50 };
        const stay = v[from];
        const other = from === "SV" ? "USR" : "SV";
        const z = Math.exp(stay) + Math.exp(v[other] - 0.5) + Math.exp(v.ROW);
        return { [other]: Math.exp(v[other] - 0.5) / z, ROW: Math.exp(v.ROW) / z };
      };
      expect(logistic(0.2 - 0.5)).toBeGreaterThan(0.4); // many move
      for (const period of [0, 1]) {
        expectMoves(
          `period ${period} from SV`,
          moves.filter((m) => m.period === period && m.from === "SV"),
          () => shares("SV"),
        );
        if (period > 0)
          expectMoves(
            `period ${period} from USR`,
            moves.filter((m) => m.period === period && m.from === "USR"),
            () => shares("USR"),
          );
        expect(records[period].applications[0], "no application to SV").toBe(0);
        expect(records[period].applications[1], "no application to USR").toBe(0);
      }
      // Movers within the country keep their temporary status.
      const panel = sim.agents();
      const inUsr = panel.region.map((r, k) => (r === "USR" ? k : -1)).filter((k) => k >= 0);
      expect(inUsr.length).toBeGreaterThan(1000);
      expect(inUsr.every((k) => panel.temporary[k] === 1)).toBe(true);
    },
  );
});
