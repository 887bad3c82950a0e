/**
 * Internal: writers of one table to one file, fed in batches of rows (so a table larger than
 * memory can be streamed), each writing under a temporary name until `commit()`.
 * @internal
 */
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { toCsv, type CsvRow } from "../csv";
import { AtomicFile } from "./_atomicFile";
import type { Column, ColumnType } from "./tables";

/** The file formats of an output folder. */
export type ExportFormat = "csv" | "ndjson" | "parquet";

/** A column's name and type, and for Parquet whether integers need 64 bits and doubles may be null. */
export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  readonly int64?: boolean;
  readonly nullable?: boolean;
}

export interface TableWriter {
  /** Appends rows: one array per column of the schema, all of the same length. */
  append(columns: readonly (readonly unknown[] | ArrayLike<unknown>)[]): void;
  commit(): void;
  abort(): void;
  readonly rows: number;
}

export const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { csv: "csv", ndjson: "ndjson", parquet: "parquet" };

/** The schema of an in-memory column: 64-bit integers only when a value needs them. */
export function schemaOf(column: Column): ColumnSchema {
  if (column.type === "integer") {
    let wide = false;
    for (const v of column.values) if (v !== null && (v < -2147483648 || v > 2147483647)) wide = true;
    return { name: column.name, type: column.type, int64: wide };
  }
  if (column.type === "double") return { name: column.name, type: column.type, nullable: column.values.includes(null) };
  return { name: column.name, type: column.type };
}

export function openTableWriter(
  path: string,
  format: ExportFormat,
  schema: readonly ColumnSchema[],
  table: string,
): TableWriter {
  const file = new AtomicFile(path);
  try {
    const writer =
      format === "csv"
        ? csvWriter(file, schema, table)
        : format === "ndjson"
          ? ndjsonWriter(file, schema, table)
          : parquetWriter(file, schema, table);
    let rows = 0;
    return {
      append(columns) {
        try {
          writer.append(columns, rows);
        } catch (error) {
          file.abort();
          throw error;
        }
        rows += columns[0]?.length ?? 0;
      },
      commit() {
        try {
          writer.finish();
          file.commit();
        } catch (error) {
          file.abort();
          throw error;
        }
      },
      abort: () => file.abort(),
      get rows() {
        return rows;
      },
    };
  } catch (error) {
    file.abort();
    throw error;
  }
}

interface FormatWriter {
  append(columns: readonly (readonly unknown[] | ArrayLike<unknown>)[], firstRow: number): void;
  finish(): void;
}

function checkFinite(value: unknown, table: string, row: number, column: string): void {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`export: table "${table}", row ${row}, column "${column}": number is not finite (${value})`);
  }
}

function csvWriter(file: AtomicFile, schema: readonly ColumnSchema[], table: string): FormatWriter {
  const names = schema.map((c) => c.name);
  file.write(toCsv([], names));
  return {
    append(columns, firstRow) {
      const n = columns[0]?.length ?? 0;
      const records: CsvRow[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const record: Record<string, string | number | boolean | null> = {};
        for (let k = 0; k < names.length; k++) record[names[k]] = columns[k][i] as string | number | boolean | null;
        records[i] = record;
      }
      let text: string;
      try {
        text = toCsv(records, names);
      } catch (error) {
        const message = (error as Error).message.replace(
          /^toCsv: row (\d+)/,
          (_m, r: string) => `row ${firstRow + Number(r)}`,
        );
        throw new Error(`export: table "${table}", ${message}`);
      }
      file.write(text.slice(text.indexOf("\r\n") + 2)); // the header was written once, at the top
    },
    finish() {},
  };
}

function ndjsonWriter(file: AtomicFile, schema: readonly ColumnSchema[], table: string): FormatWriter {
  const keys = schema.map((c) => `${JSON.stringify(c.name)}:`);
  return {
    append(columns, firstRow) {
      const n = columns[0]?.length ?? 0;
      const lines: string[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const parts: string[] = new Array(keys.length);
        for (let k = 0; k < keys.length; k++) {
          const v = columns[k][i];
          checkFinite(v, table, firstRow + i, schema[k].name);
          parts[k] =
            keys[k] + (typeof v === "string" ? JSON.stringify(v) : v === null || v === undefined ? "null" : String(v));
        }
        lines[i] = `{${parts.join(",")}}\n`;
      }
      file.write(lines.join(""));
    },
    finish() {},
  };
}

/** Row groups of at most this many rows: DuckDB, Arrow and pandas read them in parallel. */
const ROW_GROUP = 131_072;

function parquetWriter(file: AtomicFile, schema: readonly ColumnSchema[], table: string): FormatWriter {
  const bytes = new ByteWriter();
  const flush = () => {
    file.write(new Uint8Array(bytes.buffer, 0, bytes.index));
    bytes.index = 0;
  };
  // Keep at most ~1 MB in memory: flush before the buffer would grow past it.
  const grow = bytes.ensure.bind(bytes);
  bytes.ensure = (size: number) => {
    if (bytes.index > 1_000_000) flush();
    grow(size);
  };
  const elements = schema.map((c) => ({
    name: c.name,
    repetition_type: c.nullable ? ("OPTIONAL" as const) : ("REQUIRED" as const),
    ...(c.type === "string"
      ? { type: "BYTE_ARRAY" as const, converted_type: "UTF8" as const }
      : c.type === "integer"
        ? { type: c.int64 ? ("INT64" as const) : ("INT32" as const) }
        : c.type === "double"
          ? { type: "DOUBLE" as const }
          : { type: "BOOLEAN" as const }),
  }));
  const writer = new ParquetWriter({
    writer: Object.assign(bytes, { flush }),
    schema: [{ name: "root", num_children: schema.length }, ...elements],
    createdBy: "talentflow (hyparquet-writer)",
  });
  return {
    append(columns, firstRow) {
      const n = columns[0]?.length ?? 0;
      if (n === 0) return;
      const columnData = schema.map((c, k) => {
        const values = columns[k];
        let data: unknown[] | ArrayLike<unknown> = values;
        if (c.type === "integer" && c.int64) data = Array.from(values as ArrayLike<number>, (v) => BigInt(v));
        if (c.type === "double") {
          for (let i = 0; i < n; i++) {
            const v = values[i];
            if (v !== null) checkFinite(v, table, firstRow + i, c.name);
          }
        }
        if (c.type === "boolean" && !Array.isArray(data))
          data = Array.from(values as ArrayLike<unknown>, (v) => v === 1 || v === true);
        return { name: c.name, data: data as never };
      });
      writer.write({ columnData, rowGroupSize: ROW_GROUP });
    },
    finish() {
      writer.finish();
      flush();
    },
  };
}
