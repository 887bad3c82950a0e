/** Internal: builds column tables from records. @internal */
import type { Column, ColumnType, Table, TableName } from "./tables";

/** How one column is read from a record. */
export interface ColumnSpec<R> {
  readonly name: string;
  readonly type: ColumnType;
  readonly get: (record: R, index: number) => string | number | boolean | null;
}

/** One pass over the records per column: columns stay plain arrays, records are not copied. */
export function buildTable<R>(name: TableName, records: readonly R[], specs: readonly ColumnSpec<R>[]): Table {
  const columns = specs.map((spec) => {
    const values = new Array<string | number | boolean | null>(records.length);
    for (let i = 0; i < records.length; i++) values[i] = spec.get(records[i], i);
    return { name: spec.name, type: spec.type, values } as Column;
  });
  return { name, rows: records.length, columns };
}

/** A NaN (an undefined statistic) becomes null, which every format writes as missing. */
export function orNull(value: number | null | undefined): number | null {
  return value === undefined || value === null || Number.isNaN(value) ? null : value;
}
