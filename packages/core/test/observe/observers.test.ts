import { describe, expect, it } from "vitest";
import { createSimulation, NonFiniteError, scenarios, simulate, ValidationError } from "../../src/index";

// 477,600 people / 4,776 agents: scale 100; one year of four periods, no burn-in.
const scenario = () => scenarios.baseline({ agents: 4776, years: 1, burnInYears: 0 });

/** What a call throws, or undefined. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("observers", () => {
  it(
    "createSimulation(s, {observers}) puts each observer's values " +
      "in the rows: per region, with the period view's numbers",
    () => {
      const run = simulate(scenario(), { seed: 5, observers: { stockAgain: (v) => ({ ...v.stock }), one: () => 1 } });
      const stock = run.rows.filter((r) => r.metric === "stock");
      const again = run.rows.filter((r) => r.metric === "stockAgain");
      expect(again.map((r) => [r.period, r.region, r.value])).toEqual(stock.map((r) => [r.period, r.region, r.value]));
      expect(run.rows.filter((r) => r.metric === "one").map((r) => [r.period, r.region, r.value])).toEqual([
        [0, "", 1],
        [1, "", 1],
        [2, "", 1],
        [3, "", 1],
      ]);
    },
  );

  it(
    "sim.step() rethrows what an observer throws, and then step(), run(), " +
      "result() and checkpoint() throw naming the observer and the period",
    () => {
      const boom = new Error("boom");
      const sim = createSimulation(scenario(), {
        seed: 5,
        observers: {
          fine: () => 1,
          flaky: (v) => {
            if (v.period === 2) throw boom;
            return 0;
          },
        },
      });
      expect(sim.step()?.period).toBe(0);
      expect(sim.step()?.period).toBe(1);
      expect(thrown(() => sim.step())).toBe(boom);
      for (const [call, run] of [
        ["step", () => sim.step()],
        ["run", () => sim.run()],
        ["result", () => sim.result()],
        ["checkpoint", () => sim.checkpoint()],
      ] as const) {
        const error = thrown(run);
        expect(error, call).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(
          new RegExp(
            `^${call}\\(\\): this simulation stopped at period 2 ` +
              `because observer "flaky" failed on period 2 \\(boom\\)`,
          ),
        );
        expect((error as Error).cause).toBe(boom);
      }
      // The state is still readable: period 2 has run.
      expect(sim.snapshot()?.period).toBe(2);
      expect(sim.period).toBe(3);
      expect(sim.agents().id.length).toBeGreaterThan(0);
    },
  );

  it(
    "sim.run() stops with a NonFiniteError naming the observer and " +
      "the region, and a later result() throws with it as the cause",
    () => {
      const sim = createSimulation(scenario(), {
        seed: 5,
        observers: { ratio: (v) => ({ DE: v.period === 1 ? Number.POSITIVE_INFINITY : 1 }) },
      });
      const error = thrown(() => sim.run());
      expect(error).toBeInstanceOf(NonFiniteError);
      expect((error as NonFiniteError).quantity).toBe('observer "ratio"');
      expect((error as NonFiniteError).region).toBe("DE");
      expect((error as NonFiniteError).period).toBe(1);
      const later = thrown(() => sim.result());
      expect((later as Error).message).toMatch(
        /^result\(\): this simulation stopped at period 1 because observer "ratio"/,
      );
      expect((later as Error).cause).toBe(error);
    },
  );

  it(
    "createSimulation(s, {observers}) gives each observer a view of " +
      "its own: one that writes into its view changes no other's value",
    () => {
      const read = (v: { stock: Readonly<Record<string, number>> }) => v.stock.DE;
      const alone = simulate(scenario(), { seed: 5, observers: { read } });
      const withWriter = simulate(scenario(), {
        seed: 5,
        observers: {
          writer: (v) => {
            (v.stock as Record<string, number>).DE = -1;
            return 0;
          },
          read,
        },
      });
      const values = (rows: typeof alone.rows) => rows.filter((r) => r.metric === "read").map((r) => r.value);
      expect(values(withWriter.rows)).toEqual(values(alone.rows));
      expect(Math.min(...values(alone.rows))).toBeGreaterThan(0);
    },
  );

  it("createSimulation(s, {observers}) refuses an observer that is not a function, naming it", () => {
    const error = thrown(() =>
      createSimulation(scenario(), { observers: { share: 0.5 as unknown as () => number } }),
    ) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      { path: "observers.share", message: "must be a function (view) => number | Record<string, number>, got 0.5" },
    ]);
  });
});
