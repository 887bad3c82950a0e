import { abcRejection, abcSmc, type AbcSampler } from "../src/experiments/math/abc";
import { nelderMead, type NelderMeadOptions } from "../src/experiments/math/nelderMead";
import { calibrate, createCalibration, type CalibrateOptions } from "../src/experiments/calibrate";
import { sensitivity } from "../src/experiments/sensitivity";
import { compileScenario } from "../src/kernel/_compile";
import { simulate } from "../src/simulate";
import { scenarios, type RunResult, type Scenario } from "../src/index";
import { logitWorld } from "./_fixtures";

/**
 * The outputs of the search methods (Nelder–Mead, ABC-SMC, rejection ABC), of calibrate in each
 * method, of sensitivity, and of compileScenario on every built-in scenario, in a JSON form that
 * keeps every double exactly (non-finite numbers and -0 as strings). Pinned by
 * golden/experiments.json: a restructuring of these modules must not change one bit.
 */
export function experimentsGolden() {
  return encode({
    nelderMead: nelderMeadCases(),
    abc: abcCases(),
    calibrate: calibrateCases(),
    sensitivity: sensitivityCases(),
    compile: compileCases(),
  }) as Record<string, unknown>;
}

/** Numbers as JSON keeps them exactly; NaN, ±Infinity and -0 as tagged strings; typed arrays and maps as plain ones. */
export function encode(value: unknown): unknown {
  if (typeof value === "number")
    return Number.isFinite(value) && !Object.is(value, -0) ? value : `#${Object.is(value, -0) ? "-0" : String(value)}`;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, encode);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), encode(v)]));
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === "function") return `function ${value.name}`;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

/** Every batch asked and the result, for a method driven to the end by f. */
function drive<P, R>(
  method: { ask(): P[]; tell(v: readonly number[]): void; readonly done: boolean; result(): R },
  f: (p: P) => number,
) {
  const batches: P[][] = [];
  while (!method.done) {
    const batch = method.ask();
    batches.push(batch);
    method.tell(batch.map(f));
  }
  return { batches, result: method.result() };
}

const rosenbrock = ([x, y]: number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
/** A bumpy function with a NaN region, to reach shrink steps and the non-finite handling. */
const bumpy = (x: number[]) => (x[0] > 2.5 ? NaN : x.reduce((a, v, i) => a + (v - i) ** 2 + 0.3 * Math.sin(5 * v), 0));

function nelderMeadCases() {
  const cases: Array<[string, number[], (x: number[]) => number, NelderMeadOptions]> = [
    ["rosenbrock", [-1.2, 1], rosenbrock, {}],
    ["rosenbrock speculative", [-1.2, 1], rosenbrock, { batch: "speculative" }],
    [
      "rosenbrock adaptive bounded",
      [-1.2, 1],
      rosenbrock,
      { adaptive: true, bounds: { lower: [-1.5, 0], upper: [0.8, 2] }, maxEvaluations: 300 },
    ],
    [
      "bumpy 3d bounded",
      [0.5, 0.5, 0.5],
      bumpy,
      { bounds: { lower: [0, 0, 0], upper: [3, 3, 3] }, initialStep: [1, 0.5, 2], xTol: 1e-4, fTol: 1e-6 },
    ],
    ["bumpy 4d maxIterations", [3, -1, 2, 0], bumpy, { maxIterations: 25, batch: "speculative" }],
    ["zero start", [0, 0], ([x, y]) => (x - 0.001) ** 2 + (y + 0.002) ** 2, { xTol: 1e-9, fTol: 1e-12 }],
  ];
  return Object.fromEntries(cases.map(([name, x0, f, options]) => [name, drive(nelderMead(x0, options), f)]));
}

/** A deterministic "simulation": the distance of a noisy summary to the data, noise from a hash of the point. */
function toyDistance(p: Record<string, number>): number {
  const mu = p.mu;
  const s = p.s ?? 1;
  const noise = Math.sin(mu * 12.9898 + s * 78.233) * 0.05;
  return Math.abs(mu - 1.3 + noise) + Math.abs(s - 0.7);
}

function abcCases() {
  const bounds = { mu: [-5, 5], s: [0.1, 2] } as const;
  const cases: Array<[string, AbcSampler]> = [
    ["smc", abcSmc({ bounds, seed: "golden", particles: 30, generations: 4 })],
    ["smc batched", abcSmc({ bounds, seed: "golden", particles: 30, generations: 4, batchSize: 7 })],
    [
      "smc stop rules",
      abcSmc({
        bounds: { mu: [-5, 5] },
        seed: "g2",
        particles: 20,
        generations: 50,
        quantile: 0.3,
        targetTolerance: 0.05,
        maxEvaluations: 400,
      }),
    ],
    ["smc min acceptance", abcSmc({ bounds, seed: "g3", particles: 15, generations: 20, minAcceptanceRate: 0.2 })],
    ["rejection fraction", abcRejection({ bounds, seed: "golden", draws: 200, acceptFraction: 0.1, batchSize: 33 })],
    ["rejection tolerance", abcRejection({ bounds, seed: "golden", draws: 150, tolerance: 1 })],
  ];
  return Object.fromEntries(cases.map(([name, sampler]) => [name, drive(sampler, toyDistance)]));
}

function world(): Scenario {
  const s = logitWorld(1500);
  s.years = 2;
  return s;
}
const share = (run: RunResult) => {
  const last = Math.max(...run.rows.map((r) => r.period));
  const stocks = run.rows.filter((r) => r.metric === "stock" && r.period === last);
  return stocks.find((r) => r.region === "A")!.value / stocks.reduce((a, r) => a + r.value, 0);
};

function calibrateCases() {
  const parameters = {
    "behavior.considerRate": { lower: 0.1, upper: 0.9 },
    "behavior.homeBias": { prior: { kind: "uniform" as const, lower: 0, upper: 2 }, start: 1 },
  };
  const targets: CalibrateOptions["targets"] = [
    {
      name: "share in A",
      value: 0.6,
      se: 0.02,
      moment: (runs) => runs.reduce((a, r) => a + share(r), 0) / runs.length,
    },
    { name: "B stock", value: 300, se: 30, selector: { metric: "stock", region: "B" } },
    {
      name: "B stock, cheap moves",
      value: 400,
      se: 40,
      selector: { metric: "stock", region: "B", aggregate: "mean" },
      derive: (s) => ({ ...s, movingCost: { "A<->B": 0.2, "A<->C": 0.5, "B<->C": 0.5 } }),
    },
  ];
  const base = { parameters, targets, seed: 7, metrics: ["stock"] } as const;
  const cases: Array<[string, CalibrateOptions]> = [
    // Inference off: these cases pin the search; the inference has its own tests (calibrate-inference).
    [
      "msm",
      {
        ...base,
        method: "msm",
        inference: false,
        maxEvaluations: 14,
        msm: { initialStep: 0.2, xTol: 0.01, fTol: 0.01 },
      },
    ],
    [
      "msm converges",
      {
        ...base,
        parameters: { "behavior.homeBias": { lower: 0, upper: 2 } },
        targets: targets.slice(0, 1),
        method: "msm",
        inference: false,
        replications: 1,
        msm: { xTol: 0.05, fTol: 0.5 },
      },
    ],
    ["abc smc", { ...base, method: "abc", abc: { particles: 6, generations: 2, quantile: 0.5 }, replications: 1 }],
    [
      "abc smc budget",
      { ...base, method: "abc", maxEvaluations: 8, abc: { particles: 5, generations: 3 }, replications: 1 },
    ],
    [
      "abc rejection",
      { ...base, method: "abc", abc: { algorithm: "rejection", draws: 12, acceptFraction: 0.25 }, replications: 2 },
    ],
  ];
  const out: Record<string, unknown> = {};
  for (const [name, options] of cases) out[name] = calibrate(world(), options);
  // Ask/tell by hand: the batches' keys, the searching flag, a failed run and results told in reverse.
  const cal = createCalibration(world(), {
    ...base,
    method: "msm",
    inference: false,
    maxEvaluations: 6,
    replications: 2,
  });
  const steps: Array<{ searching: boolean; keys: string[] }> = [];
  let failed = false;
  while (!cal.done) {
    const runs = cal.ask();
    steps.push({ searching: cal.searching, keys: runs.map((r) => r.key) });
    const results = runs.map((r, i) => {
      if (!failed && steps.length === 2 && i === 0) {
        failed = true;
        return { run: r.key, error: "failed on purpose" };
      }
      return simulate(r.scenario, {
        seed: r.seed,
        replicate: r.replicate,
        runKey: r.key,
        ...(r.metrics ? { metrics: r.metrics } : {}),
      });
    });
    cal.tell(results.reverse());
  }
  out["ask/tell"] = { steps, result: cal.result() };
  return out;
}

function sensitivityCases() {
  const parameters = { "behavior.homeBias": { min: 0, max: 1 }, "regions.B.amenity": { min: -1, max: 0 } };
  return {
    morris: sensitivity(world(), {
      method: "morris",
      parameters,
      metric: "stock",
      region: "B",
      seed: 3,
      trajectories: 3,
    }),
    sobol: sensitivity(world(), {
      method: "sobol",
      parameters,
      metric: "stock",
      region: "B",
      seed: 3,
      samples: 4,
      bootstrap: 20,
    }),
  };
}

function compileCases() {
  const built: Record<string, Scenario> = {
    baseline: scenarios.baseline({ agents: 1000 }),
    alliance2026: scenarios.alliance2026({ agents: 1000 }),
    usFeeLapses: scenarios.usFeeLapses({ agents: 1000 }),
    canadaFastTrack: scenarios.canadaFastTrack({ agents: 1000 }),
    germanyEnglishJobs: scenarios.germanyEnglishJobs({ agents: 1000 }),
    logitWorld: logitWorld(100),
  };
  return Object.fromEntries(
    Object.entries(built).map(([name, s]) => {
      const { scenario: _scenario, ...compiled } = compileScenario(s);
      return [name, compiled];
    }),
  );
}
