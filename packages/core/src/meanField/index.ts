/**
 * The mean-field projection: the deterministic expected-value path of the same model, with
 * cohorts (citizenship, region, home, temporary status, German, researcher, skill bin, age band)
 * instead of individual agents.
 * @module
 */
import { ValidationError, type Issue } from "../errors";
import { unknownKeyIssues } from "../_knownKeys";
import { ownValue } from "../_ownValue";
import { compileScenario } from "../model/_compile";
import type { PeriodRecord } from "../model/_engine";
import { applyPolicies, compilePolicies, createPeriodParams } from "../model/_period";
import { Admit, buildTables, createMarketState, createTables, typeCount, typeIndex, wageLevel } from "../model/_tables";
import { recordRows, type TidyRow } from "../rows";
import type { Scenario } from "../types";
import { assertValidScenario } from "../validate";
import { gaussLegendre01, normalCdf, normalPdf } from "./_quadrature";

/** Options of {@link meanField}. Unknown keys are refused. */
export interface MeanFieldOptions {
  /** Skill bins, integer in [1, 1024]; default 32. */
  readonly skillBins?: number;
  /** Range of the bins; the outer bins take everything beyond. Default [-5, 5]. */
  readonly skillRange?: readonly [number, number];
  /** Width of the age bands in years, > 0; default 5. */
  readonly ageBandYears?: number;
  /** Gauss–Legendre nodes per panel (two panels) of the choice integral when admission is uncertain (pi < 1); default 6 (the baseline's end stocks move by about 1e-8 relative from 12). */
  readonly quadratureNodes?: number;
}

/** The metrics {@link meanField} reports (the names of the rows of a run). */
export const MEAN_FIELD_METRICS = [
  "stock",
  "stockByCitizenship",
  "entries",
  "exits",
  "inflows",
  "outflows",
  "flow",
  "netMigrationPer10k",
  "meanSkill",
  "meanWage",
  "researchers",
  "welfare",
  "applications",
  "admissions",
  "lotteryEntrants",
  "lotteryWinners",
  "selectionRate",
  "brainDrain",
  "brainDrainYoung",
  "returnMoves",
] as const;

/** The result of {@link meanField}: rows in the shape of a run's, and the stocks per region. */
export interface MeanFieldResult {
  readonly scenario: Scenario;
  /** Tidy rows (run "meanField", replicate 0, seed 0) of {@link MEAN_FIELD_METRICS}. */
  readonly rows: TidyRow[];
  /** stock[region][period]: people per region at the end of each reported period. */
  readonly stock: Record<string, number[]>;
  readonly skillBins: number;
  /** Age bands between entryAge and retirementAge (the code adds one for those who reached it). */
  readonly ageBands: number;
}

/**
 * P(choose j) for each option of an agent with values V (stay at index `stay`) and anticipated
 * admission probabilities pi, under the anticipated-admission rule of docs/model.md 3.3.4 with
 * Gumbel shocks. With e_k = pi_k e^(V_k − V_stay) and b_k = 1 − pi_k, integrating the stay shock
 * out analytically gives the one-dimensional integral
 *   P(j) = ∫_0^1 e_j / (1 − b_j x)² / (1 + h(x))² dx,   h(x) = Σ_k e_k x / (1 − b_k x),
 * which the substitution v = E x / (1 + E x), E = Σ_k e_k, turns into the integral of a bounded,
 * smooth function, evaluated by Gauss–Legendre on two panels (x below and above 1/2). With every
 * pi = 1 it is the softmax exactly.
 * @internal
 */
export function anticipatedChoice(
  values: Float64Array,
  pis: Float64Array,
  open: Uint8Array,
  stay: number,
  out: Float64Array,
  nodes: { x: Float64Array; w: Float64Array },
  e: Float64Array = new Float64Array(values.length),
  bk: Float64Array = new Float64Array(values.length),
  which: Int32Array = new Int32Array(values.length),
): void {
  const n = values.length;
  const vs = values[stay]!;
  let allSure = true;
  let E = 0;
  // Compact list of the options that can be chosen: e_k and b_k = 1 - pi_k.
  let m = 0;
  for (let k = 0; k < n; k++) {
    out[k] = 0;
    if (k === stay || !open[k] || !(pis[k]! > 0)) continue;
    const ek = pis[k]! * Math.exp(values[k]! - vs);
    if (!(ek > 0)) continue;
    e[m] = ek;
    bk[m] = 1 - Math.min(1, pis[k]!);
    which[m++] = k;
    E += ek;
    if (pis[k]! < 1) allSure = false;
  }
  if (m === 0) {
    out[stay] = 1;
    return;
  }
  if (allSure) {
    for (let q = 0; q < m; q++) out[which[q]!] = e[q]! / (1 + E);
    out[stay] = 1 / (1 + E);
    return;
  }
  // P(j) = ∫_0^1 e_j / (1 - b_j x)² / (1 + h(x))² dx. With v = E x / (1 + E x) (exact for pi = 1,
  // where h = E x) it becomes ∫ (e_j / E) [(1 + E x) / (1 + h(x))]² / (1 - b_j x)² dv, a bounded,
  // smooth integrand: Gauss–Legendre without root finding, on two panels, x in [0, 1/2] and
  // [1/2, 1] (the factor 1 / (1 - b x)² grows near x = 1 when some pi is small).
  let moved = 0;
  for (let panel = 0; panel < 2; panel++) {
    const x0 = panel === 0 ? 0 : 0.5;
    const x1 = panel === 0 ? 0.5 : 1;
    const v0 = (E * x0) / (1 + E * x0);
    const v1 = (E * x1) / (1 + E * x1);
    for (let q = 0; q < nodes.x.length; q++) {
      const v = v0 + (v1 - v0) * nodes.x[q]!;
      const x = v / (E * (1 - v));
      let h = 0;
      for (let k = 0; k < m; k++) h += (e[k]! * x) / (1 - bk[k]! * x);
      const ratio = (1 + E * x) / (1 + h);
      const w = ((v1 - v0) * nodes.w[q]! * ratio * ratio) / E;
      for (let k = 0; k < m; k++) {
        const d = 1 - bk[k]! * x;
        const p = (w * e[k]!) / (d * d);
        out[which[k]!] += p;
        moved += p;
      }
    }
  }
  out[stay] = 1 - moved;
}

/**
 * The anticipated-admission choice of one (type, skill bin) group at every age band at once. The
 * bands differ only by the age cost, which scales every e_k of the non-stay options by the same
 * factor lambda_a = e^(−ageTerm_a); so the integrand's nodes, the terms 1 / (1 − b_k x) and
 * h(x) / lambda are shared and each band costs one division per node. The change of variable uses
 * E_ref = lambdaMax Σ_k e_k (the largest E among the bands), so the transformed integrand stays
 * bounded by 1 / lambda for every band. With every pi = 1 it is the softmax exactly.
 * `e`, `bk`: the m options' e_k at lambda = 1 and 1 − pi_k; out[a * m + q] = P(option q) in band a;
 * scratch: nodeG of 2 × nodes, nodeC of 2 × nodes × (m + 1).
 * @internal
 */
export function bandChoices(
  e: Float64Array,
  bk: Float64Array,
  m: number,
  allSure: boolean,
  lambda: Float64Array,
  bands: Uint8Array,
  nodes: { x: Float64Array; w: Float64Array },
  nodeG: Float64Array,
  nodeC: Float64Array,
  out: Float64Array,
): void {
  const nA = lambda.length;
  let E = 0;
  for (let q = 0; q < m; q++) E += e[q]!;
  if (allSure) {
    for (let a = 0; a < nA; a++) {
      if (!bands[a]) continue;
      const lam = lambda[a]!;
      const inv = lam / (1 + lam * E);
      for (let q = 0; q < m; q++) out[a * m + q] = e[q]! * inv;
    }
    return;
  }
  let lamMax = 0;
  for (let a = 0; a < nA; a++) if (bands[a] && lambda[a]! > lamMax) lamMax = lambda[a]!;
  const Er = E * lamMax;
  // Options admitted for sure (b = 0) share the factor 1 / (1 − b x) = 1: one accumulator for all
  // of them (their shares are e_k times it); the others (at most nu) get their own. nodeC holds,
  // per node, W (the weight) and then W e_u / (1 − b_u x)² for each uncertain option u.
  let Es = 0;
  let nu = 0;
  for (let q = 0; q < m; q++) {
    if (bk[q]! > 0) nu++;
    else Es += e[q]!;
  }
  const stride = nu + 1;
  const nq = nodes.x.length;
  let n = 0;
  for (let panel = 0; panel < 2; panel++) {
    const x0 = panel === 0 ? 0 : 0.5;
    const x1 = panel === 0 ? 0.5 : 1;
    const v0 = (Er * x0) / (1 + Er * x0);
    const v1 = (Er * x1) / (1 + Er * x1);
    for (let i = 0; i < nq; i++, n++) {
      const v = v0 + (v1 - v0) * nodes.x[i]!;
      const x = v / (Er * (1 - v));
      // dx = dv / (Er (1 − v)²) = dv (1 + Er x)² / Er.
      const W = ((v1 - v0) * nodes.w[i]!) / (Er * (1 - v) * (1 - v));
      let g = Es;
      const o = n * stride;
      nodeC[o] = W;
      for (let q = 0, u = 1; q < m; q++) {
        const b = bk[q]!;
        if (!(b > 0)) continue;
        const inv = 1 / (1 - b * x);
        g += e[q]! * inv;
        nodeC[o + u++] = W * e[q]! * inv * inv;
      }
      nodeG[n] = g * x;
    }
  }
  const nn = 2 * nq;
  if (nu <= 2) {
    // The common case (one or two uncertain options): two bands per pass over the nodes.
    for (let a = 0; a < nA; a++) {
      if (!bands[a]) continue;
      let a2 = a + 1;
      while (a2 < nA && !bands[a2]) a2++;
      const lamA = lambda[a]!;
      const lamB = a2 < nA ? lambda[a2]! : lamA;
      let sA = 0;
      let pA1 = 0;
      let pA2 = 0;
      let sB = 0;
      let pB1 = 0;
      let pB2 = 0;
      for (let k = 0, o = 0; k < nn; k++, o += stride) {
        const g = nodeG[k]!;
        const w = nodeC[o]!;
        const c1 = nodeC[o + 1]!;
        const c2 = nu > 1 ? nodeC[o + 2]! : 0;
        const dA = 1 / (1 + lamA * g);
        const dB = 1 / (1 + lamB * g);
        const fA = lamA * dA * dA;
        const fB = lamB * dB * dB;
        sA += fA * w;
        pA1 += fA * c1;
        pA2 += fA * c2;
        sB += fB * w;
        pB1 += fB * c1;
        pB2 += fB * c2;
      }
      for (let pass = 0; pass < 2; pass++) {
        const band = pass === 0 ? a : a2;
        if (band >= nA) break;
        const base = band * m;
        const s0 = pass === 0 ? sA : sB;
        const p1 = pass === 0 ? pA1 : pB1;
        const p2 = pass === 0 ? pA2 : pB2;
        for (let q = 0, u = 1; q < m; q++) {
          if (bk[q]! > 0) {
            out[base + q] = u === 1 ? p1 : p2;
            u++;
          } else out[base + q] = e[q]! * s0;
        }
      }
      a = a2;
    }
    return;
  }
  for (let a = 0; a < nA; a++) {
    if (!bands[a]) continue;
    const lam = lambda[a]!;
    let s0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    let p4 = 0;
    if (nu <= 4) {
      for (let k = 0, o = 0; k < nn; k++, o += stride) {
        const d = 1 / (1 + lam * nodeG[k]!);
        const f = lam * d * d;
        s0 += f * nodeC[o]!;
        p1 += f * nodeC[o + 1]!;
        if (nu > 1) p2 += f * nodeC[o + 2]!;
        if (nu > 2) p3 += f * nodeC[o + 3]!;
        if (nu > 3) p4 += f * nodeC[o + 4]!;
      }
      const base = a * m;
      for (let q = 0, u = 1; q < m; q++) {
        if (bk[q]! > 0) {
          out[base + q] = u === 1 ? p1 : u === 2 ? p2 : u === 3 ? p3 : p4;
          u++;
        } else out[base + q] = e[q]! * s0;
      }
      continue;
    }
    // More than four uncertain options: generic accumulation.
    const base = a * m;
    for (let k = 0, o = 0; k < nn; k++, o += stride) {
      const d = 1 / (1 + lam * nodeG[k]!);
      const f = lam * d * d;
      if (k === 0) for (let q = 0; q < m; q++) out[base + q] = 0;
      for (let q = 0, u = 1; q < m; q++) {
        if (bk[q]! > 0) out[base + q] += f * nodeC[o + u++]!;
        else out[base + q] += f * nodeC[o]! * e[q]!;
      }
    }
  }
}

/** The arrays of the decision step (one object per run, so that the step is a small, monomorphic function). */
interface DecideState {
  readonly R: number;
  readonly C: number;
  readonly B: number;
  readonly A: number;
  readonly working: number;
  readonly tC: Int32Array;
  readonly tR: Int32Array;
  readonly tH: Int32Array;
  readonly tTemp: Int32Array;
  readonly tG: Int32Array;
  readonly tRes: Int32Array;
  readonly mass: Float64Array;
  readonly zm: Float64Array;
  readonly dMass: Float64Array;
  readonly dZ: Float64Array;
  readonly live: Uint8Array;
  readonly lambda: Float64Array;
  readonly bandOn: Uint8Array;
  readonly shares: Float64Array;
  readonly nodes: { x: Float64Array; w: Float64Array };
  readonly nodeG: Float64Array;
  readonly nodeC: Float64Array;
  readonly eG: Float64Array;
  readonly bG: Float64Array;
  readonly whichG: Int32Array;
  readonly piBar: Float64Array;
  readonly regionCountry: Int32Array;
  readonly ruleLottery: Int32Array;
  /** Scratch: the first cell of the destination type per option, of the current type. */
  readonly dest: Int32Array;
  /** Scratch: the destination type per option, of the current type. */
  readonly destType: Int32Array;
  /** Scratch per band: people who stay after exits (then after moves), their skill, those who look around. */
  readonly mA: Float64Array;
  readonly zA: Float64Array;
  readonly lookA: Float64Array;
}

/**
 * (2, 5, 6) Exits, decisions, admission and status changes, by (type, skill bin) group: the choice
 * shares are evaluated at the group's mean skill (over the bands that choose) and differ between
 * bands only by the age cost; each cell keeps and moves its own mean skill.
 */
function decideStep(
  st: DecideState,
  liveList: Int32Array,
  nLive: number,
  tables: ReturnType<typeof createTables>,
  pExit: number,
  pConsider: number,
  exits: Float64Array,
  applications: Float64Array,
  admissions: Float64Array,
  lotteryEntrants: Float64Array,
  flows: Float64Array,
  returnMoves: Float64Array,
  pool: Float64Array,
  poolRegion: Float64Array,
  levelRate: Float64Array,
  skillMean: Float64Array,
  skillSd: Float64Array,
): void {
  const { R, C, B, A, working, tC, tR, tH, tTemp, tG, tRes, mass, zm, dMass, dZ, live, lambda, bandOn, shares, nodes, nodeG, nodeC, eG, bG, whichG, piBar, regionCountry, ruleLottery, dest, destType, mA, zA, lookA } = st;
  const T = tables.T;
  const betaSigma = tables.betaSigma;
  const admitT = tables.admit;
  const zCut = tables.zCut;
  const piHigh = tables.piHigh;
  const piLow = tables.piLow;
  const petition = tables.petition;
  const moveTemp = tables.moveTemp;
  const permanence = tables.permanence;
  const cellsPerType = B * A;
  for (let li = 0; li < nLive; li++) {
    const type = liveList[li]!;
    const c = tC[type]!;
    const h = tH[type]!;
    const r = tR[type]!;
    const row = type * R;
    const Tr = T[row + r]!;
    const bsr = betaSigma[r]!;
    for (let j = 0; j < R; j++) {
      if (j === r) continue;
      const nt = typeIndex(R, c, j, h, moveTemp[row + j]!, tG[type]!, tRes[type]!);
      dest[j] = nt * cellsPerType;
      destType[j] = nt;
    }
    const permanent = tTemp[type] ? permanence[c * R + r]! : 0;
    const hasPerm = tTemp[type] !== 0;
    const permBase = hasPerm ? typeIndex(R, c, r, h, 0, tG[type]!, tRes[type]!) * cellsPerType : 0;
    for (let b = 0; b < B; b++) {
      const base = (type * B + b) * A;
      // Retirement: the last band exits at once.
      const kLast = base + working;
      if (mass[kLast]! > 1e-12) {
        exits[r] += mass[kLast]!;
        mass[kLast] = 0;
        zm[kLast] = 0;
      }
      // Exits; the people who stay, look around, and their skill, per band; the group's mean skill.
      let M = 0;
      let Z = 0;
      for (let a = 0; a < working; a++) {
        const k = base + a;
        const m0 = mass[k]!;
        if (!(m0 > 1e-12)) {
          bandOn[a] = 0;
          continue;
        }
        M += m0;
        Z += zm[k]!;
        const out = m0 * pExit;
        exits[r] += out;
        const m = m0 - out;
        zA[a] = zm[k]! / m0;
        if (m <= 0) {
          mass[k] = 0;
          zm[k] = 0;
          bandOn[a] = 0;
          continue;
        }
        bandOn[a] = 1;
        mA[a] = m;
        lookA[a] = m * pConsider;
      }
      if (M <= 0) continue;
      const zbar = Z / M;
      let nm = 0;
      let allSure = true;
      for (let j = 0; j < R; j++) {
        if (j === r) continue;
        const at = row + j;
        const admit = admitT[at]!;
        if (admit === Admit.Closed) continue;
        const pi = admit === Admit.None ? 1 : zbar >= zCut[c * R + j]! ? piHigh[at]! : piLow[at]!;
        piBar[j] = pi;
        if (!(pi > 0)) continue;
        const ek = pi * Math.exp(T[at]! - Tr + (betaSigma[j]! - bsr) * zbar);
        if (!(ek > 0)) continue;
        eG[nm] = ek;
        bG[nm] = 1 - Math.min(1, pi);
        whichG[nm++] = j;
        if (pi < 1) allSure = false;
      }
      if (nm > 0) bandChoices(eG, bG, nm, allSure, lambda, bandOn, nodes, nodeG, nodeC, shares);
      const off = b * A;
      // Moves, option by option over the bands.
      for (let q = 0; q < nm; q++) {
        const j = whichG[q]!;
        const at = row + j;
        const admit = admitT[at]!;
        const dk = dest[j]! + off;
        const nt = destType[j]!;
        let tried = 0;
        let movedSum = 0;
        if (admit === Admit.Lottery) {
          const l = ruleLottery[j * C + c]!;
          const fee = petition[at]!;
          const mean = skillMean[j]!;
          const inv = 1 / skillSd[j]!;
          for (let a = 0; a < working; a++) {
            if (!bandOn[a]) continue;
            const p = shares[a * nm + q]!;
            if (!(p > 0)) continue;
            const trying = lookA[a]! * p;
            tried += trying;
            const filed = trying * fee;
            const z = zA[a]!;
            const score = (z - mean) * inv;
            const lev = wageLevel(score);
            pool[l * 4 + lev] += filed;
            poolRegion[(l * 4 + lev) * R + j] += filed;
            lotteryEntrants[j] += filed;
            const moved = filed * levelRate[l * 4 + lev]!;
            if (moved <= 0) continue;
            movedSum += moved;
            dMass[dk + a] += moved;
            dZ[dk + a] += moved * z;
            mA[a] -= moved;
          }
          applications[j] += tried;
          admissions[j] += movedSum;
        } else {
          const factor = admit === Admit.Draw ? piBar[j]! : 1;
          for (let a = 0; a < working; a++) {
            if (!bandOn[a]) continue;
            const p = shares[a * nm + q]!;
            if (!(p > 0)) continue;
            const trying = lookA[a]! * p;
            tried += trying;
            const moved = trying * factor;
            if (moved <= 0) continue;
            movedSum += moved;
            dMass[dk + a] += moved;
            dZ[dk + a] += moved * zA[a]!;
            mA[a] -= moved;
          }
          if (admit === Admit.Draw) {
            applications[j] += tried;
            admissions[j] += movedSum;
          }
        }
        if (movedSum > 0) {
          live[nt] = 1;
          flows[r * R + j] += movedSum;
          if (j === h && regionCountry[j] !== regionCountry[r]) returnMoves[c] += movedSum;
        }
      }
      // (6) Status changes of those who did not move.
      for (let a = 0; a < working; a++) {
        if (!bandOn[a]) continue;
        const k = base + a;
        let m = mA[a]!;
        const z = zA[a]!;
        if (hasPerm) {
          const nk = permBase + off + a;
          dMass[nk] += m * permanent;
          dZ[nk] += m * permanent * z;
          m *= 1 - permanent;
        }
        mass[k] = m;
        zm[k] = m * z;
      }
      if (hasPerm) live[permBase / cellsPerType] = 1;
    }
  }
}

/** Supply, diaspora, stocks and skill moments per region, over the live types. */
function marketStep(
  liveList: Int32Array,
  nLive: number,
  cellsPerType: number,
  R: number,
  tR: Int32Array,
  tC: Int32Array,
  mass: Float64Array,
  zm: Float64Array,
  sigma: Float64Array,
  supply: Float64Array,
  diaspora: Float64Array,
  stock: Float64Array,
  zs: Float64Array,
  zz: Float64Array,
): void {
  for (let li = 0; li < nLive; li++) {
    const type = liveList[li]!;
    const r = tR[type]!;
    const c = tC[type]!;
    const sr = sigma[r]!;
    let sup = 0;
    let n = 0;
    let z1 = 0;
    let z2 = 0;
    const end = (type + 1) * cellsPerType;
    for (let k = type * cellsPerType; k < end; k++) {
      const m = mass[k]!;
      if (m <= 0) continue;
      const z = zm[k]! / m;
      sup += m * Math.exp(sr * z);
      n += m;
      z1 += zm[k]!;
      z2 += m * z * z;
    }
    supply[r] += sup;
    diaspora[c * R + r] += n;
    stock[r] += n;
    zs[r] += z1;
    zz[r] += z2;
  }
}

/** Adds the moves and status changes of the decision step to the cells. */
function mergeStep(liveList: Int32Array, nLive: number, cellsPerType: number, mass: Float64Array, zm: Float64Array, dMass: Float64Array, dZ: Float64Array): void {
  for (let li = 0; li < nLive; li++) {
    const type = liveList[li]!;
    const end = (type + 1) * cellsPerType;
    for (let k = type * cellsPerType; k < end; k++) {
      if (dMass[k] === 0) continue;
      mass[k] += dMass[k]!;
      zm[k] += dZ[k]!;
      dMass[k] = 0;
      dZ[k] = 0;
    }
  }
}

/** Ageing between bands; those who reach retirementAge wait in the last band and exit next period. */
function ageStep(liveList: Int32Array, nLive: number, B: number, A: number, mass: Float64Array, zm: Float64Array, ageOut: Float64Array): void {
  for (let li = 0; li < nLive; li++) {
    const type = liveList[li]!;
    for (let b = 0; b < B; b++) {
      const base = (type * B + b) * A;
      for (let a = A - 2; a >= 0; a--) {
        const k = base + a;
        const m = mass[k]!;
        if (m <= 0) continue;
        const f = ageOut[a]!;
        mass[k + 1] += m * f;
        zm[k + 1] += zm[k]! * f;
        mass[k] = m * (1 - f);
        zm[k] = zm[k]! * (1 - f);
      }
    }
  }
}

/** The arrays of the observation step. */
interface ObserveState {
  readonly R: number;
  readonly B: number;
  readonly A: number;
  readonly tC: Int32Array;
  readonly tR: Int32Array;
  readonly tRes: Int32Array;
  /** 1 when the type's citizens live outside their country. */
  readonly tAway: Uint8Array;
  readonly mass: Float64Array;
  readonly zm: Float64Array;
  readonly young: Uint8Array;
}

/**
 * Stocks by citizenship, researchers, skill sums, brain drain and welfare of the live types;
 * returns the total welfare. Welfare: the stay utility at each cell's own skill plus the option
 * value (log-sum) at the group's mean skill, scaled per band by the age cost.
 */
function observeStep(
  st: ObserveState,
  liveList: Int32Array,
  nLive: number,
  tables: ReturnType<typeof createTables>,
  lambdaAll: Float64Array,
  byCit: Float64Array,
  researchers: Float64Array,
  zsum: Float64Array,
  citizens: Float64Array,
  abroad: Float64Array,
  citizensYoung: Float64Array,
  abroadYoung: Float64Array,
  welfareSum: Float64Array,
): number {
  const { R, B, A, tC, tR, tRes, tAway, mass, zm, young } = st;
  const T = tables.T;
  const betaSigma = tables.betaSigma;
  const admitT = tables.admit;
  let welfareTotal = 0;
  for (let li = 0; li < nLive; li++) {
    const type = liveList[li]!;
    const r = tR[type]!;
    const c = tC[type]!;
    const row = type * R;
    const Tr = T[row + r]!;
    const bsr = betaSigma[r]!;
    const away = tAway[type]!;
    const res = tRes[type]!;
    for (let b = 0; b < B; b++) {
      const base = (type * B + b) * A;
      let M = 0;
      let Z = 0;
      for (let a = 0; a < A; a++) {
        const m = mass[base + a]!;
        if (m <= 1e-12) continue;
        M += m;
        Z += zm[base + a]!;
      }
      if (M <= 0) continue;
      const zbar = Z / M;
      let E = 0;
      for (let j = 0; j < R; j++) {
        if (j === r) continue;
        const at = row + j;
        const admit = admitT[at]!;
        if (admit === Admit.Closed) continue;
        const pi = admit === Admit.None ? 1 : zbar >= tables.zCut[c * R + j]! ? tables.piHigh[at]! : tables.piLow[at]!;
        E += pi * Math.exp(T[at]! - Tr + (betaSigma[j]! - bsr) * zbar);
      }
      let w = 0;
      for (let a = 0; a < A; a++) {
        const k = base + a;
        const m = mass[k]!;
        if (m <= 1e-12) continue;
        if (young[a]) {
          citizensYoung[c] += m;
          if (away) abroadYoung[c] += m;
        }
        w += m * Tr + bsr * zm[k]! + m * Math.log(1 + lambdaAll[a]! * E);
      }
      byCit[c * R + r] += M;
      if (res) researchers[r] += M;
      zsum[r] += Z;
      citizens[c] += M;
      if (away) abroad[c] += M;
      welfareSum[r] += w;
      welfareTotal += w;
    }
  }
  return welfareTotal;
}

const MEAN_FIELD_OPTION_KEYS: readonly (keyof MeanFieldOptions)[] = ["skillBins", "skillRange", "ageBandYears", "quadratureNodes"];

function validateOptions(options: MeanFieldOptions): Required<Omit<MeanFieldOptions, "skillRange">> & { skillRange: readonly [number, number] } {
  const issues: Issue[] = unknownKeyIssues(options, MEAN_FIELD_OPTION_KEYS);
  const skillBins = options.skillBins ?? 32;
  const skillRange = options.skillRange ?? [-5, 5];
  const ageBandYears = options.ageBandYears ?? 5;
  const quadratureNodes = options.quadratureNodes ?? 6;
  if (!Number.isInteger(skillBins) || skillBins < 1 || skillBins > 1024) issues.push({ path: "skillBins", message: `must be a whole number in [1, 1024], got ${String(skillBins)}` });
  if (!Array.isArray(skillRange) || skillRange.length !== 2 || !(Number.isFinite(skillRange[0]) && Number.isFinite(skillRange[1]) && skillRange[0] < skillRange[1])) {
    issues.push({ path: "skillRange", message: "must be [lower, upper] with finite lower < upper" });
  }
  if (!(typeof ageBandYears === "number" && ageBandYears > 0 && Number.isFinite(ageBandYears))) issues.push({ path: "ageBandYears", message: `must be a finite number > 0, got ${String(ageBandYears)}` });
  if (!Number.isInteger(quadratureNodes) || quadratureNodes < 2 || quadratureNodes > 200) issues.push({ path: "quadratureNodes", message: `must be a whole number in [2, 200], got ${String(quadratureNodes)}` });
  if (issues.length > 0) throw new ValidationError(issues, "meanField");
  return { skillBins, skillRange, ageBandYears, quadratureNodes };
}

/**
 * The deterministic expected-value projection of a scenario: the same model, with cohorts
 * (citizenship × region × home × temporary × German × researcher × skill bin × age band) carrying
 * expected masses of people instead of individual agents. Each period follows the engine's order
 * and reuses its period parameters and utility tables: exits and retirement, the lottery, the
 * decision (consider, then the anticipated-admission choice, computed exactly for pi = 1 and by
 * quadrature for pi < 1), admission, status changes, entries and the lagged market state (supply,
 * wages, diaspora). Each cell also carries the mass-weighted mean skill of its people, at which
 * utilities are evaluated, so the discretisation error shrinks with the square of the bin width.
 * The choice is computed once per (type, skill bin) for all age bands, at the group's mean skill
 * (the bands differ only by the age cost); each cohort still moves with its own mean skill.
 *
 * Approximations (see docs/experiments.md): ages move between bands at a constant rate (uniform
 * ages within a band); a lottery admits its applicants at once, at the selection rate of the last
 * draw for their wage level (no pool or start delay; the draw's rate is cap / the year's
 * applicants, by level 1 − exp(−w_L t*) when weighted); capped programs (open work permits,
 * exchange slots) and the stay bonus of tax incentives are left out. Without lotteries, programs
 * and tax incentives, only the skill and age discretisation remains.
 *
 * One run costs a few passes over the occupied cohorts per period, independent of the number of
 * people: about 1 s of CPU time for the baseline at the defaults (docs/experiments.md).
 *
 * @throws ValidationError for an invalid scenario or option.
 * @example
 * const mf = meanField(scenarios.baseline(), { skillBins: 16 });
 * mf.stock.CA.at(-1) // expected people working in Canada at the horizon
 */
export function meanField(scenario: Scenario, options: MeanFieldOptions = {}): MeanFieldResult {
  const opts = validateOptions(options);
  const s = assertValidScenario(scenario);
  const cs = compileScenario(s);
  const cp = compilePolicies(cs);
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const K = cs.countries.length;
  const L = cs.lotteries.length;
  const ppy = s.periodsPerYear;
  const NT = typeCount(R, C);
  const B = opts.skillBins;
  const [zLo, zHi] = opts.skillRange;
  const width = (zHi - zLo) / B;
  const b0 = s.behavior;
  const span = b0.retirementAge - b0.entryAge;
  // Age bands between entryAge and retirementAge, plus a last band of people who have reached
  // retirementAge by the end of a period: they all exit at the start of the next (as in the engine).
  const working = Math.max(1, Math.ceil(span / opts.ageBandYears - 1e-9));
  const A = working + 1;
  const bandWidth = Array.from({ length: A }, (_, a) => (a < working - 1 ? opts.ageBandYears : a === working - 1 ? span - (working - 1) * opts.ageBandYears : Infinity));
  const bandMid = bandWidth.map((w, a) => (a < working ? b0.entryAge + a * opts.ageBandYears + w / 2 : b0.retirementAge));
  const bandRate = bandWidth.map((w) => 1 / (w * ppy)); // share ageing out per period (0 for the last)
  const young = Uint8Array.from(bandMid, (m) => (m < 30 ? 1 : 0));
  const ageOut = Float64Array.from(bandRate, (f) => Math.min(1, f)); // share ageing out per period
  const N = NT * B * A;
  const mass = new Float64Array(N);
  const zm = new Float64Array(N);
  const dMass = new Float64Array(N);
  const dZ = new Float64Array(N);
  const idx = (type: number, b: number, a: number) => (type * B + b) * A + a;
  // Sparse list of the types that hold people (most (citizenship, region, home) combinations are
  // empty): a type becomes live when people are added to it and stays live.
  const live = new Uint8Array(NT);
  const liveList = new Int32Array(NT);
  let nLive = 0;
  const refreshLive = () => {
    nLive = 0;
    for (let t = 0; t < NT; t++) if (live[t]) liveList[nLive++] = t;
  };

  // Type decoding.
  const tC = new Int32Array(NT);
  const tR = new Int32Array(NT);
  const tH = new Int32Array(NT);
  const tTemp = new Int32Array(NT);
  const tG = new Int32Array(NT);
  const tRes = new Int32Array(NT);
  for (let c = 0; c < C; c++)
    for (let r = 0; r < R; r++)
      for (let h = 0; h < R; h++)
        for (let temp = 0; temp < 2; temp++)
          for (let g = 0; g < 2; g++)
            for (let res = 0; res < 2; res++) {
              const t = typeIndex(R, c, r, h, temp, g, res);
              tC[t] = c;
              tR[t] = r;
              tH[t] = h;
              tTemp[t] = temp;
              tG[t] = g;
              tRes[t] = res;
            }

  // Skill split of N(mean, 1) over the bins: mass and first moment per bin.
  const splits = new Map<number, { p: Float64Array; zp: Float64Array }>();
  const split = (mean: number) => {
    let out = splits.get(mean);
    if (out) return out;
    const p = new Float64Array(B);
    const zp = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      const lo = b === 0 ? -Infinity : zLo + b * width;
      const hi = b === B - 1 ? Infinity : zLo + (b + 1) * width;
      p[b] = normalCdf(hi - mean) - normalCdf(lo - mean);
      zp[b] = mean * p[b]! + normalPdf(lo - mean) - normalPdf(hi - mean);
    }
    out = { p, zp };
    splits.set(mean, out);
    return out;
  };
  const germanCitizen = cs.citizenships.map((c) => (s.citizenships[c]!.german ? 1 : 0));
  const freeMover = (c: number, j: number) => cs.freeMove[cs.citizenCountry[c]! * K + cs.regionCountry[j]!] === 1;

  /** Adds people of citizenship c to region j with the shares of a region (initial population or entrants). */
  const addPeople = (
    target: Float64Array,
    targetZ: Float64Array,
    j: number,
    c: number,
    people: number,
    ages: readonly number[],
    skillMean: number,
    germanShare: number,
    researcherShare: number,
    tempShare: number,
  ) => {
    const citizen = cs.citizenCountry[c] === cs.regionCountry[j];
    const home = citizen ? j : cs.citizenHome[c]!;
    const pg = germanCitizen[c] ? 1 : germanShare;
    const { p, zp } = split(skillMean);
    for (let g = 0; g < 2; g++) {
      const wg = g ? pg : 1 - pg;
      if (wg <= 0) continue;
      for (let res = 0; res < 2; res++) {
        const wr = res ? researcherShare : 1 - researcherShare;
        if (wr <= 0) continue;
        for (let temp = 0; temp < 2; temp++) {
          const wt = temp ? tempShare : 1 - tempShare;
          if (wt <= 0) continue;
          const type = typeIndex(R, c, j, home, temp, g, res);
          live[type] = 1;
          const w = people * wg * wr * wt;
          for (let a = 0; a < A; a++) {
            if (ages[a]! <= 0) continue;
            for (let b = 0; b < B; b++) {
              const k = idx(type, b, a);
              target[k] += w * ages[a]! * p[b]!;
              targetZ[k] += w * ages[a]! * zp[b]!;
            }
          }
        }
      }
    }
  };

  // Initial population (docs/model.md 3.1).
  const power = Math.log((b0.initialAgeMedian - b0.entryAge) / span) / Math.log(0.5);
  const initialAges = bandWidth.map((_, a) => {
    if (a >= working) return 0;
    const lo = (a * opts.ageBandYears) / span;
    const hi = Math.min(1, ((a + 1) * opts.ageBandYears) / span);
    return Math.pow(hi, 1 / power) - Math.pow(lo, 1 / power);
  });
  const entrantAges = bandWidth.map((_, a) => (a === 0 ? 1 : 0));
  cs.regions.forEach((code, j) => {
    const reg = s.regions[code]!;
    cs.citizenships.forEach((cc, c) => {
      const share = ownValue(reg.initialCitizenship, cc) ?? 0;
      if (share <= 0) return;
      const citizen = cs.citizenCountry[c] === cs.regionCountry[j];
      const temp = !citizen && !freeMover(c, j) && !cs.rulePermanent[j * C + c] ? reg.temporaryShare : 0;
      addPeople(mass, zm, j, c, reg.initialStock * share, initialAges, reg.entrySkillMean, reg.germanShare, reg.researcherShare, temp);
    });
  });

  refreshLive();
  const pp = createPeriodParams(cs, cp.programs.length);
  const tables = createTables(cs);
  const market = createMarketState(cs, cp.programs.length, 0); // programs are not modelled: no chance
  const levelRate = new Float64Array(L * 4);
  for (let l = 0; l < L; l++) levelRate.fill(market.selectionRate[l]!, l * 4, l * 4 + 4);
  const pool = new Float64Array(L * 4);
  const poolRegion = new Float64Array(L * 4 * R);
  const skillMean = new Float64Array(R);
  const skillSd = new Float64Array(R).fill(1);
  const stock = new Float64Array(R);
  const byCit = new Float64Array(C * R);

  const observeMarket = (sigma: Float64Array) => {
    market.supply.fill(0);
    market.diaspora.fill(0);
    stock.fill(0);
    const zs = new Float64Array(R);
    const zz = new Float64Array(R);
    marketStep(liveList, nLive, B * A, R, tR, tC, mass, zm, sigma, market.supply, market.diaspora, stock, zs, zz);
    for (let r = 0; r < R; r++) {
      const mean = stock[r]! > 0 ? zs[r]! / stock[r]! : 0;
      skillMean[r] = mean;
      // Within-bin spread approximated by width² / 12.
      skillSd[r] = stock[r]! > 0 ? Math.sqrt(Math.max(zz[r]! / stock[r]! - mean * mean + (width * width) / 12, 1e-6)) : 1;
    }
  };
  observeMarket(Float64Array.from(cs.regions, (code) => s.regions[code]!.skillReturn));
  market.supply0.set(market.supply);

  const nodes = gaussLegendre01(opts.quadratureNodes);
  // Per (type, skill bin) group: the options at the group's mean skill, their choice shares per
  // age band (bands 0 .. working − 1 choose; the last band retires), and the quadrature scratch.
  const lambda = new Float64Array(working); // e^(−age term) per choosing band
  const lambdaAll = new Float64Array(A); // the same for every band (welfare)
  const bandOn = new Uint8Array(working);
  const shares = new Float64Array(working * R);
  const nodeG = new Float64Array(2 * opts.quadratureNodes);
  const nodeC = new Float64Array(2 * opts.quadratureNodes * (R + 1));
  const eG = new Float64Array(R);
  const bG = new Float64Array(R);
  const whichG = new Int32Array(R);
  const piBar = new Float64Array(R);
  const tAway = new Uint8Array(NT);
  for (let t = 0; t < NT; t++) tAway[t] = cs.citizenCountry[tC[t]!] !== cs.regionCountry[tR[t]!] ? 1 : 0;
  const obs: ObserveState = { R, B, A, tC, tR, tRes, tAway, mass, zm, young };
  const dec: DecideState = {
    R, C, B, A, working, tC, tR, tH, tTemp, tG, tRes, mass, zm, dMass, dZ, live, lambda, bandOn, shares, nodes, nodeG, nodeC, eG, bG, whichG, piBar,
    regionCountry: cs.regionCountry,
    ruleLottery: pp.ruleLottery,
    dest: new Int32Array(R),
    destType: new Int32Array(R),
    mA: new Float64Array(working),
    zA: new Float64Array(working),
    lookA: new Float64Array(working),
  };
  const entries = new Float64Array(R);
  const exits = new Float64Array(R);
  const flows = new Float64Array(R * R);
  const applications = new Float64Array(R);
  const admissions = new Float64Array(R);
  const lotteryEntrants = new Float64Array(R);
  const lotteryWinners = new Float64Array(R);
  const selection = new Float64Array(R);
  const returnMoves = new Float64Array(C);
  const rows: TidyRow[] = [];
  const stockPath: Record<string, number[]> = Object.fromEntries(cs.regions.map((r) => [r, [] as number[]]));
  const burnIn = s.burnInYears * ppy;
  const total = burnIn + s.years * ppy;
  const off = cs.off;

  for (let t = 0; t < total; t++) {
    const time = s.startYear - s.burnInYears + t / ppy;
    const report = t - burnIn;
    applyPolicies(cs, cp, pp, time, report);
    if (t === 0) for (let j = 0; j < R; j++) market.investment0[j] = pp.vec[off.region.investment + j]!;
    buildTables(cs, pp, cp.programs, market, tables, t / ppy, report);
    entries.fill(0);
    exits.fill(0);
    flows.fill(0);
    applications.fill(0);
    admissions.fill(0);
    lotteryEntrants.fill(0);
    lotteryWinners.fill(0);
    selection.fill(NaN);
    returnMoves.fill(0);

    // (3) Lottery draws: the rate of this year's applicants, by wage level when weighted.
    for (let l = 0; l < L; l++) {
      if (t % ppy !== cs.lotteryPeriod[l]) continue;
      let applicants = 0;
      for (let k = 0; k < 4; k++) applicants += pool[l * 4 + k]!;
      if (applicants <= 0) continue;
      const cap = pp.vec[off.lottery.cap + l]!;
      const winners = Math.min(cap, applicants);
      const rate = winners / applicants;
      if (pp.lotteryWeighted[l] && winners < applicants) {
        // Closed form 5: rate_L = 1 - exp(-w_L t*) with sum_L N_L (1 - exp(-w_L t*)) = cap.
        const f = (x: number) => {
          let sum = 0;
          for (let k = 0; k < 4; k++) sum += pool[l * 4 + k]! * (1 - Math.exp(-(k + 1) * x));
          return sum - winners;
        };
        let lo = 0;
        let hi = 1;
        while (f(hi) < 0 && hi < 1e6) hi *= 2;
        for (let it = 0; it < 100; it++) {
          const mid = (lo + hi) / 2;
          if (f(mid) < 0) lo = mid;
          else hi = mid;
        }
        for (let k = 0; k < 4; k++) levelRate[l * 4 + k] = 1 - Math.exp(-(k + 1) * ((lo + hi) / 2));
      } else {
        levelRate.fill(rate, l * 4, l * 4 + 4);
      }
      market.selectionRate[l] = rate;
      for (let j = 0; j < R; j++) {
        if (cs.regionLottery[j] !== l) continue;
        selection[j] = rate;
        for (let k = 0; k < 4; k++) lotteryWinners[j] += poolRegion[(l * 4 + k) * R + j]! * levelRate[l * 4 + k]!;
      }
      pool.fill(0, l * 4, l * 4 + 4);
      poolRegion.fill(0, l * 4 * R, (l + 1) * 4 * R);
    }

    // (2, 5, 6) Exits, decisions, admission and status changes, by (type, skill bin) group: the
    // choice shares are evaluated at the group's mean skill (over the bands that choose) and
    // differ between bands only by the age cost; each cell keeps and moves its own mean skill.
    const pExit = tables.exitProbability;
    const pConsider = tables.considerProbability;
    const ageCost = pp.vec[off.behavior.ageCost!]!;
    for (let a = 0; a < A; a++) lambdaAll[a] = Math.exp(-ageCost * Math.max(0, bandMid[a]! - 30));
    lambda.set(lambdaAll.subarray(0, working));
    decideStep(dec, liveList, nLive, tables, pExit, pConsider, exits, applications, admissions, lotteryEntrants, flows, returnMoves, pool, poolRegion, levelRate, skillMean, skillSd);
    refreshLive();
    mergeStep(liveList, nLive, B * A, mass, zm, dMass, dZ);

    // Ageing between bands; those who reach retirementAge wait in the last band and exit next period.
    ageStep(liveList, nLive, B, A, mass, zm, ageOut);

    // (7) Entries.
    cs.regions.forEach((code, j) => {
      const people = pp.vec[off.region.entrants + j]! / ppy;
      if (people <= 0) return;
      const reg = s.regions[code]!;
      cs.citizenships.forEach((cc, c) => {
        const share = ownValue(reg.entrantCitizenship, cc) ?? 0;
        if (share <= 0) return;
        const citizen = cs.citizenCountry[c] === cs.regionCountry[j];
        const temp = !citizen && !freeMover(c, j) && !pp.rulePermanent[j * C + c] ? 1 : 0;
        addPeople(mass, zm, j, c, people * share, entrantAges, pp.vec[off.region.entrySkillMean + j]!, pp.vec[off.region.germanShare + j]!, pp.vec[off.region.researcherShare + j]!, temp);
      });
      entries[j] += people;
    });

    refreshLive();

    // (8) Observation.
    observeMarket(tables.sigma);
    if (report < 0) continue;
    byCit.fill(0);
    const researchers = new Float64Array(R);
    const zsum = new Float64Array(R);
    const citizens = new Float64Array(C);
    const abroad = new Float64Array(C);
    const citizensYoung = new Float64Array(C);
    const abroadYoung = new Float64Array(C);
    const welfareSum = new Float64Array(R);
    const welfareTotal = observeStep(obs, liveList, nLive, tables, lambdaAll, byCit, researchers, zsum, citizens, abroad, citizensYoung, abroadYoung, welfareSum);
    const meanSkill = new Float64Array(R);
    const meanWage = new Float64Array(R);
    const welfareByRegion = new Float64Array(R);
    let active = 0;
    for (let r = 0; r < R; r++) {
      active += stock[r]!;
      meanSkill[r] = stock[r]! > 0 ? zsum[r]! / stock[r]! : 0;
      meanWage[r] = stock[r]! > 0 ? (Math.exp(tables.mu[r]!) * market.supply[r]!) / stock[r]! : 0;
      welfareByRegion[r] = stock[r]! > 0 ? welfareSum[r]! / stock[r]! : 0;
      stockPath[cs.regions[r]!]!.push(stock[r]!);
    }
    const div = (x: Float64Array, y: Float64Array) => x.map((v, k) => (y[k]! > 0 ? v / y[k]! : 0));
    const record: PeriodRecord = {
      period: report,
      time,
      stock: stock.slice(),
      stockByCitizenship: byCit.slice(),
      researchers,
      entries: entries.slice(),
      exits: exits.slice(),
      flows: flows.slice(),
      meanSkill,
      topDecileShare: new Float64Array(R),
      meanWage,
      welfareByRegion,
      welfare: active > 0 ? welfareTotal / active : 0,
      applications: applications.slice(),
      admissions: admissions.slice(),
      lotteryEntrants: lotteryEntrants.slice(),
      lotteryWinners: lotteryWinners.slice(),
      selectionRate: selection.slice(),
      brainDrain: div(abroad, citizens),
      brainDrainYoung: div(abroadYoung, citizensYoung),
      returnMoves: returnMoves.slice(),
      topResearchersAbroad: 0,
      cohortExit5y: new Float64Array(K).fill(NaN),
      cohortArrivals: new Float64Array(K).fill(NaN),
      custom: {},
    };
    recordRows(
      record,
      {
        run: "meanField",
        scenario: s.name,
        replicate: 0,
        seed: 0,
        regions: cs.regions,
        citizenships: cs.citizenships,
        countries: cs.countries,
        periodsPerYear: ppy,
        scale: 1,
        metrics: new Set<string>(MEAN_FIELD_METRICS),
      },
      rows,
    );
  }
  return { scenario: s, rows, stock: stockPath, skillBins: B, ageBands: working };
}

