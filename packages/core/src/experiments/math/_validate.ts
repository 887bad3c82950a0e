/**
 * Argument checks shared by the experiments math helpers. Internal: not part of the public API.
 * Each check returns an issue (or nothing) so that a caller can report every problem at once.
 * @internal
 */
import { ValidationError, type Issue } from "../../errors";

/** Collects issues and throws them together as one {@link ValidationError}. @internal */
export class Issues {
  private readonly list: Issue[] = [];

  constructor(private readonly context: string) {}

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  /** Throws if any issue was added. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new ValidationError(this.list, this.context);
  }

  /** Checks that `value` is an integer in [min, max]; returns whether it is. */
  integer(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.add(path, `must be an integer, got ${show(value)}`);
      return false;
    }
    if (value < min || value > max) {
      this.add(path, max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}, got ${value}` : `must be in [${min}, ${max}], got ${value}`);
      return false;
    }
    return true;
  }

  /** Checks that `value` is a finite number; returns whether it is. */
  finite(path: string, value: unknown): boolean {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.add(path, `must be a finite number, got ${show(value)}`);
      return false;
    }
    return true;
  }

  /** Checks that `value` is a number strictly between 0 and 1. */
  openUnit(path: string, value: unknown): boolean {
    if (typeof value !== "number" || !(value > 0 && value < 1)) {
      this.add(path, `must be a number strictly between 0 and 1, got ${show(value)}`);
      return false;
    }
    return true;
  }

  /** Checks that `value` is a string. */
  string(path: string, value: unknown): boolean {
    if (typeof value !== "string") {
      this.add(path, `must be a string, got ${show(value)}`);
      return false;
    }
    return true;
  }

  /** Checks that every entry of `values` is a finite number (reports the first few offenders). */
  finiteArray(path: string, values: unknown): values is readonly number[] {
    if (!Array.isArray(values)) {
      this.add(path, `must be an array of numbers, got ${show(values)}`);
      return false;
    }
    let bad = 0;
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        if (bad < 5) this.add(`${path}[${i}]`, `must be a finite number, got ${show(v)}`);
        bad++;
      }
    }
    if (bad > 5) this.add(path, `${bad - 5} more entries are not finite numbers`);
    return bad === 0;
  }
}

/** A short printable form of any value, for messages. @internal */
export function show(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}
