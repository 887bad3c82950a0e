/**
 * The value a record holds under `key` itself, never one inherited from `Object.prototype`: a
 * look-up `shares[code]` would find `shares.toString` for a code named `toString`.
 * @internal
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
