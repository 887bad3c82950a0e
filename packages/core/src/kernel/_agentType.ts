/**
 * The agent type: the traits on which every term of the utility but skill and age depends
 * (docs/model.md 3.3.2), packed into one index for the period tables. Its layout, outermost
 * first: citizenship c, region r, home h, temporary, German, researcher, so that
 * `type = ((((c * R + r) * R + h) * 2 + temporary) * 2 + german) * 2 + researcher`. The
 * engine, the mean-field projection and the tables encode and decode it only here.
 */

/**
 * Number of agent types: C (citizenship) x R (region) x R (home) x 2 (temporary) x 2 (German)
 * x 2 (researcher).
 * @example typeCount(3, 4) // 288
 */
export function typeCount(R: number, C: number): number {
  return C * R * R * 8;
}

/**
 * Type index of an agent with R regions (the layout the tables use); the flags are 0 or 1.
 * @example typeIndex(3, 1, 2, 0, 0, 1, 1) // ((((1 * 3 + 2) * 3 + 0) * 2 + 0) * 2 + 1) * 2 + 1 = 123
 */
export function typeIndex(
  R: number,
  c: number,
  r: number,
  h: number,
  temp: number,
  german: number,
  researcher: number,
): number {
  return ((((c * R + r) * R + h) * 2 + temp) * 2 + german) * 2 + researcher;
}

/** 1 when agents of `type` are researchers, else 0. */
export function typeResearcher(type: number): number {
  return type & 1;
}

/** 1 when agents of `type` speak German, else 0. */
export function typeGerman(type: number): number {
  return (type >> 1) & 1;
}

/** 1 when agents of `type` hold a temporary status, else 0. */
export function typeTemporary(type: number): number {
  return (type >> 2) & 1;
}

/** Home region of agents of `type`, with R regions. */
export function typeHome(type: number, R: number): number {
  return (type >> 3) % R;
}

/** Region where agents of `type` live, with R regions. */
export function typeRegion(type: number, R: number): number {
  return Math.floor((type >> 3) / R) % R;
}

/** Citizenship of agents of `type`, with R regions. */
export function typeCitizenship(type: number, R: number): number {
  return Math.floor((type >> 3) / (R * R));
}
