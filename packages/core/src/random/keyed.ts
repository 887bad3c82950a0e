/**
 * Counter-based random numbers: every agent-level draw is a pure function of
 * (run seed, period, purpose, option, agent id), so the same agent sees the same shock in every
 * arm of a comparison and in any worker or shard (docs/model.md 4). The hash is MurmurHash3's
 * 32-bit block mix with its finaliser: a stream key is mixed once per period and purpose, then
 * each agent's id is mixed in with one more block and the finaliser.
 * @module
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
/** 2^-32: maps a uint32 to [0, 1). */
const INV_2_32 = 2.3283064365386963e-10;

/** Mixes one 32-bit block into a hash state (MurmurHash3 body). */
function mixBlock(state: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  let h = state ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: full avalanche of a 32-bit state. */
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The key of one stream of draws: a run seed, a period, a purpose and an option (a destination
 * region, say). Computed once per period and purpose, outside the agent loop.
 *
 * @example
 * const key = streamKey(runSeed, period, Purpose.Admit, 0);
 * keyedUniform(key, agentId) // => the agent's admission draw this period, in (0, 1)
 */
export function streamKey(seed: number, period: number, purpose: number, option: number): number {
  let h = mixBlock(seed | 0, period | 0);
  h = mixBlock(h, ((purpose & 0xffff) << 16) | (option & 0xffff));
  return h;
}

/**
 * A uniform draw in the open interval (0, 1) for one agent id on one stream.
 * Pure: the same key and id give the same number on every machine.
 *
 * @example
 * keyedUniform(streamKey(7, 3, 1, 0), 42) === keyedUniform(streamKey(7, 3, 1, 0), 42) // => true
 */
export function keyedUniform(key: number, id: number): number {
  return (finalize(mixBlock(key, id)) + 0.5) * INV_2_32;
}

/**
 * A standard normal draw for one agent id on one stream: a ziggurat (Marsaglia & Tsang 2000,
 * 128 levels) with the level from the low 7 bits of a keyed hash and the signed position from
 * the other 25, so level and position are independent (Doornik 2005). About 99% of draws take
 * the fast path: one hash, one comparison, one multiplication. The rest take further uniforms
 * from the sibling stream, keyed by the id and the attempt, so the draw stays a pure function of
 * (key, siblingKey, id).
 *
 * @example
 * // => a standard normal draw
 * keyedNormal(streamKey(7, 3, Purpose.EntrySkill, 0), streamKey(7, 3, Purpose.EntrySkillSibling, 0), 42)
 */
export function keyedNormal(key: number, siblingKey: number, id: number): number {
  const h = finalize(mixBlock(key, id)) | 0;
  const level = h & 127;
  const position = (h >> 7) + 0.5; // in (-2^24, 2^24), symmetric about 0
  if (Math.abs(position) < NORMAL_K[level]) return position * NORMAL_W[level];
  return normalSlowPath(siblingKey, id, level, position);
}

/** Ziggurat tables for N(0, 1), 128 levels, positions scaled by 2^24. */
function buildNormalZiggurat(): { k: Float64Array; w: Float64Array; f: Float64Array } {
  const m = 2 ** 24;
  const k = new Float64Array(128);
  const w = new Float64Array(128);
  const f = new Float64Array(128);
  let dn = NORMAL_R;
  let tn = dn;
  const vn = 9.91256303526217e-3;
  const q = vn / Math.exp(-0.5 * dn * dn);
  k[0] = Math.floor((dn / q) * m);
  k[1] = 0;
  w[0] = q / m;
  w[127] = dn / m;
  f[0] = 1;
  f[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    k[i + 1] = Math.floor((dn / tn) * m);
    tn = dn;
    f[i] = Math.exp(-0.5 * dn * dn);
    w[i] = dn / m;
  }
  return { k, w, f };
}

const NORMAL_R = 3.442619855899;
const NORMAL = /* @__PURE__ */ buildNormalZiggurat();
const NORMAL_K = NORMAL.k;
const NORMAL_W = NORMAL.w;

/** The normal ziggurat's rejection steps and its tail (beyond NORMAL_R), for draws its fast path did not accept. */
function normalSlowPath(siblingKey: number, id: number, level: number, position: number): number {
  const { k, w, f } = NORMAL;
  for (let attempt = 0; ; attempt++) {
    const extra = mixBlock(siblingKey, attempt);
    const x = position * w[level];
    if (level === 0) {
      // The tail: Marsaglia's method, x = -ln(U1) / r until -2 ln(U2) > x^2.
      for (let tries = 0; ; tries++) {
        const tail = mixBlock(extra, tries);
        const xt = -Math.log(keyedUniform(tail, id)) / NORMAL_R;
        const y = -Math.log(keyedUniform(mixBlock(tail, 0x3c6ef372), id));
        if (y + y > xt * xt) return position > 0 ? NORMAL_R + xt : -NORMAL_R - xt;
      }
    }
    if (f[level] + keyedUniform(mixBlock(extra, 0x51ed27), id) * (f[level - 1] - f[level]) < Math.exp(-0.5 * x * x))
      return x;
    const h = finalize(mixBlock(mixBlock(extra, 0x2b992ddf), id)) | 0;
    level = h & 127;
    position = (h >> 7) + 0.5;
    if (Math.abs(position) < k[level]) return position * w[level];
  }
}

/**
 * The purposes of keyed draws. Each purpose is a separate stream, so adding a draw for a new
 * purpose never shifts the draws of another.
 */
export const Purpose = {
  Gumbel: 3,
  Admit: 4,
  LotteryKey: 6,
  LotteryCap: 7,
  ProgramKey: 8,
  ExitTime: 9,
  ConsiderTime: 10,
  ConsiderNext: 11,
  GumbelExtra: 12,
  /** Time of a temporary status becoming permanent, drawn anew when its hazard changes. */
  StatusTime: 13,
  /** Time of a temporary status becoming permanent, drawn when a stay with that status begins. */
  StatusNext: 14,
  /** Whether an expiring temporary status is renewed. */
  Renewal: 15,
  /** The positive-stable draw S of a nest (option = nest index) that correlates its members' shocks. */
  Nest: 48,
  InitCitizenship: 16,
  InitAge: 17,
  InitSkill: 18,
  InitSkillSibling: 19,
  InitGerman: 20,
  InitResearcher: 21,
  InitTemporary: 22,
  /** Where in its term the temporary status of an agent of the initial population is. */
  InitExpiry: 23,
  EntryCitizenship: 32,
  EntrySkill: 33,
  EntrySkillSibling: 34,
  EntryGerman: 35,
  EntryResearcher: 36,
  /** Whether an entrant to a region whose lottery takes graduates is a graduate waiting for it (3.3.12). */
  EntryGraduate: 37,
  /** Whether an entrant chooses its first job among all regions in the period after its entry (3.3.12). */
  EntryFirstJob: 38,
} as const;

/**
 * Ziggurat tables for Exp(1) (Marsaglia & Tsang 2000, 256 levels), with the level taken from the
 * low 8 bits of a keyed hash and the position from its other 24 bits, so level and position
 * are independent (the correction Doornik 2005 proposed for the original).
 */
interface ExpZiggurat {
  k: Uint32Array;
  w: Float64Array;
  f: Float64Array;
}

function buildExpZiggurat(): ExpZiggurat {
  const m = 2 ** 24;
  const k = new Uint32Array(256);
  const w = new Float64Array(256);
  const f = new Float64Array(256);
  let de = 7.697117470131487;
  let te = de;
  const ve = 3.949659822581572e-3;
  const q = ve / Math.exp(-de);
  k[0] = Math.floor((de / q) * m);
  k[1] = 0;
  w[0] = q / m;
  w[255] = de / m;
  f[0] = 1;
  f[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ve / de + Math.exp(-de));
    k[i + 1] = Math.floor((de / te) * m);
    te = de;
    f[i] = Math.exp(-de);
    w[i] = de / m;
  }
  return { k, w, f };
}

const ZIGGURAT: ExpZiggurat = /* @__PURE__ */ buildExpZiggurat();
const ZIGGURAT_R = 7.697117470131487;

/** The 32-bit keyed hash behind {@link keyedUniform}: one hash of an agent's id on a stream. */
export function keyedHash(key: number, id: number): number {
  return finalize(mixBlock(key, id));
}

/**
 * The hash of one option of a draw whose base hash is `base` (one {@link keyedHash} per agent
 * and stream): MurmurHash3's finaliser of the base plus (option + 1) times the golden ratio, as
 * in SplitMix. The options' hashes are as good as separate keyed hashes, cost half as much, and
 * stay a pure function of the key, the agent's id and the option.
 */
export function optionHash(base: number, option: number): number {
  return finalize((base + Math.imul(option + 1, 0x9e3779b9)) | 0);
}

/**
 * A standard exponential draw, Exp(1), for one agent id on one stream: the ziggurat's fast path
 * (about 99% of draws) needs one hash and one multiplication, no logarithm. The rare slow path
 * takes further uniforms from `extraKey`'s stream, keyed by the id and the attempt, so the draw
 * stays a pure function of (key, extraKey, id).
 *
 * @example
 * keyedExponential(streamKey(7, 3, Purpose.Gumbel, 2), streamKey(7, 3, Purpose.GumbelExtra, 2), 42) // => 0.53...
 */
export function keyedExponential(key: number, extraKey: number, id: number): number {
  return exponentialOfHash(keyedHash(key, id), extraKey, id);
}

/**
 * A standard exponential draw, Exp(1), for one agent id on one stream, whose rare slow path
 * draws from a stream derived from the key itself (see {@link keyedExponential}).
 */
export function keyedExponentialSingle(key: number, id: number): number {
  return exponentialOfHash(keyedHash(key, id), mixBlock(key, 0x6a09e667), id);
}

/**
 * A standard exponential draw from a 32-bit hash (the level from its low 8 bits, the position
 * from the other 24); the rare rejection steps draw from `extraKey`'s stream, keyed by the id.
 * Kept small so that callers in hot loops inline it.
 */
export function exponentialOfHash(h: number, extraKey: number, id: number): number {
  const level = h & 255;
  const position = h >>> 8;
  if (position < ZIGGURAT_K[level]) return (position + 0.5) * ZIGGURAT_W[level];
  return exponentialSlowPath(extraKey, id, level, position);
}

const ZIGGURAT_K = ZIGGURAT.k;
const ZIGGURAT_W = ZIGGURAT.w;

/** The ziggurat's rejection steps and its tail, for the draws its fast path did not accept. */
function exponentialSlowPath(extraKey: number, id: number, level: number, position: number): number {
  const { k, w, f } = ZIGGURAT;
  for (let attempt = 0; ; attempt++) {
    const extra = mixBlock(extraKey, attempt);
    if (level === 0) return ZIGGURAT_R - Math.log(keyedUniform(extra, id));
    const x = (position + 0.5) * w[level];
    const fHigh = f[level - 1];
    const fLow = f[level];
    if (fLow + keyedUniform(mixBlock(extra, 0x51ed27), id) * (fHigh - fLow) < Math.exp(-x)) return x;
    const h = keyedHash(mixBlock(extra, 0x2b992ddf), id);
    level = h & 255;
    position = h >>> 8;
    if (position < k[level]) return (position + 0.5) * w[level];
  }
}
