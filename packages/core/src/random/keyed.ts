/**
 * Counter-based random numbers: every agent-level draw is a pure function of
 * (run seed, period, purpose, option, agent id), so the same agent sees the same shock in every
 * arm of a comparison and in any worker or shard (MODEL.md section 8). The hash is MurmurHash3's
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
 * const key = streamKey(runSeed, period, Purpose.Exit, 0);
 * keyedUniform(key, agentId) // => the agent's exit draw this period, in (0, 1)
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
 * A standard Gumbel draw, -ln(-ln U), for one agent id on one stream: the noise of the logit
 * choice (Gumbel-max trick).
 */
export function keyedGumbel(key: number, id: number): number {
  return -Math.log(-Math.log(keyedUniform(key, id)));
}

/**
 * A standard normal draw for one agent id on one stream (Box-Muller on two keyed uniforms of
 * the stream and its sibling key).
 */
export function keyedNormal(key: number, siblingKey: number, id: number): number {
  const u1 = keyedUniform(key, id);
  const u2 = keyedUniform(siblingKey, id);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * The purposes of keyed draws. Each purpose is a separate stream, so adding a draw for a new
 * purpose never shifts the draws of another.
 */
export const Purpose = {
  Exit: 1,
  Consider: 2,
  Gumbel: 3,
  Admit: 4,
  Status: 5,
  LotteryKey: 6,
  LotteryCap: 7,
  ProgramKey: 8,
  InitCitizenship: 16,
  InitAge: 17,
  InitSkill: 18,
  InitSkillSibling: 19,
  InitGerman: 20,
  InitResearcher: 21,
  InitTemporary: 22,
  EntryCitizenship: 32,
  EntrySkill: 33,
  EntrySkillSibling: 34,
  EntryGerman: 35,
  EntryResearcher: 36,
} as const;
