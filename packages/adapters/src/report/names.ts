/**
 * Names of the region and citizenship codes of the built-in scenarios, for legends and axes.
 * Scenarios carry codes only; a code not listed here is shown as it is.
 */
export const REGION_NAMES: Readonly<Record<string, string>> = {
  DE: "Germany",
  CA: "Canada",
  SV: "Silicon Valley",
  USR: "Rest of US",
  ROW: "Rest of world",
};

/** Names of the citizenship codes of the built-in scenarios (nationalities). */
export const CITIZENSHIP_NAMES: Readonly<Record<string, string>> = {
  DE: "German",
  CA: "Canadian",
  US: "American",
  IN: "Indian",
  CN: "Chinese",
  OTHER: "Other",
};

/**
 * The name of a region code for a legend, or the code itself when it has none.
 *
 * @example
 * regionName("SV")  // => "Silicon Valley"
 * regionName("FR")  // => "FR"
 */
export function regionName(code: string): string {
  return Object.hasOwn(REGION_NAMES, code) ? REGION_NAMES[code] : code;
}

/**
 * The name of a citizenship code for a legend, or the code itself when it has none.
 *
 * @example
 * citizenshipName("IN") // => "Indian"
 */
export function citizenshipName(code: string): string {
  return Object.hasOwn(CITIZENSHIP_NAMES, code) ? CITIZENSHIP_NAMES[code] : code;
}
