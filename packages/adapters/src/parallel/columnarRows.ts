/**
 * A run's tidy rows as columns of typed arrays, so that a worker thread hands them to the main
 * thread by transferring buffers instead of cloning thousands of small objects.
 * @module
 */
import type { TidyRow } from "@talentflow/core";

/**
 * One column of {@link ColumnarRows}. A column whose values are all numbers has only `values`.
 * Otherwise `codes` says, row by row, what the row holds: `>= 0` the string
 * `dictionary[code]`, {@link ABSENT} no such key, {@link NUMBER} the number in `values`.
 */
export interface RowColumn {
  readonly name: string;
  readonly values?: Float64Array;
  readonly codes?: Int32Array;
  readonly dictionary?: readonly string[];
}

/** Rows as columns: {@link decodeRows} undoes {@link encodeRows}. */
export interface ColumnarRows {
  readonly length: number;
  /** Columns in the order their keys first appear in the rows. */
  readonly columns: readonly RowColumn[];
  /** The distinct key orders of the rows, as column indices (rows of one run share one). */
  readonly shapes: readonly (readonly number[])[];
  /** Each row's index into `shapes`. */
  readonly shapeOfRow: Int32Array;
}

/** Code of a row that lacks the column's key. */
export const ABSENT = -1;
/** Code of a row whose value in the column is a number (read from `values`). */
export const NUMBER = -2;

/**
 * Encodes rows column by column: numbers into a `Float64Array` (bit for bit, NaN and -0
 * included), strings into an `Int32Array` of codes into a small dictionary, and each row's key
 * order as an index into a short list of orders, so that decoding gives back the rows exactly.
 *
 * @throws TypeError naming the row and the column when a value is neither a string nor a number.
 * @example
 * const encoded = encodeRows(run.rows);
 * worker.postMessage(encoded, transferListOf(encoded)); // buffers move, no copy
 */
export function encodeRows(rows: readonly TidyRow[]): ColumnarRows {
  const names: string[] = [];
  const columnOf = new Map<string, number>();
  const shapes: number[][] = [];
  const shapeIndex = new Map<string, number>();
  const n = rows.length;
  const shapeOfRow = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const keys = Object.keys(rows[i]);
    const signature = keys.join("\u0000");
    let shape = shapeIndex.get(signature);
    if (shape === undefined) {
      for (const key of keys) if (!columnOf.has(key)) columnOf.set(key, names.push(key) - 1);
      shapeIndex.set(signature, (shape = shapes.push(keys.map((k) => columnOf.get(k)!)) - 1));
    }
    shapeOfRow[i] = shape;
  }
  const columns = names.map((name): RowColumn => {
    let allNumbers = true;
    let anyNumber = false;
    for (let i = 0; i < n; i++) {
      const v = (rows[i] as Record<string, unknown>)[name];
      if (typeof v === "number") anyNumber = true;
      else if (typeof v === "string" || (v === undefined && !Object.hasOwn(rows[i], name))) allNumbers = false;
      else
        throw new TypeError(
          `encodeRows: rows[${i}].${name} must be a string or a number, got ${v === null ? "null" : typeof v}`,
        );
    }
    if (allNumbers) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = rows[i][name] as number;
      return { name, values };
    }
    const codes = new Int32Array(n);
    const values = anyNumber ? new Float64Array(n) : undefined;
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = rows[i][name];
      if (typeof v === "number") {
        codes[i] = NUMBER;
        values![i] = v;
      } else if (typeof v === "string") {
        let code = index.get(v);
        if (code === undefined) index.set(v, (code = dictionary.push(v) - 1));
        codes[i] = code;
      } else {
        codes[i] = ABSENT;
      }
    }
    return { name, codes, dictionary, ...(values ? { values } : {}) };
  });
  return { length: n, columns, shapes, shapeOfRow };
}

/**
 * Decodes what {@link encodeRows} made back into row objects, equal to the originals value for
 * value (numbers bit for bit).
 *
 * @example
 * decodeRows(encodeRows(rows)) // => rows, deep-equal
 */
export function decodeRows(encoded: ColumnarRows): TidyRow[] {
  const { columns, shapes, shapeOfRow } = encoded;
  const rows: TidyRow[] = new Array(encoded.length);
  for (let i = 0; i < encoded.length; i++) {
    const row: Record<string, string | number> = {};
    for (const c of shapes[shapeOfRow[i]]) {
      const { name, values, codes, dictionary } = columns[c];
      const code = codes ? codes[i] : NUMBER;
      row[name] = code >= 0 ? dictionary![code] : values![i];
    }
    rows[i] = row as TidyRow;
  }
  return rows;
}

/**
 * The buffers of encoded rows, for a `transferList`: after the transfer they belong to the
 * receiving thread and are empty in the sender.
 *
 * @example
 * port.postMessage(encoded, transferListOf(encoded));
 */
export function transferListOf(encoded: ColumnarRows): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [encoded.shapeOfRow.buffer as ArrayBuffer];
  for (const c of encoded.columns) {
    if (c.values) buffers.push(c.values.buffer as ArrayBuffer);
    if (c.codes) buffers.push(c.codes.buffer as ArrayBuffer);
  }
  return buffers;
}
