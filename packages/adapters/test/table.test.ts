import { describe, expect, it } from "vitest";
import { formatNumber, formatTable } from "../src/index";

describe("formatTable", () => {
  it("formatTable(header, rows) left-aligns the first column and right-aligns the others, with separators", () => {
    expect(
      formatTable(
        ["region", "2026", "2036"],
        [
          ["DE", 90000, 104842],
          ["CA", 5, 12.25],
        ],
      ),
    ).toBe(
      ["region    2026     2036", "------  ------  -------", "DE      90,000  104,842", "CA           5     12.3"].join(
        "\n",
      ),
    );
  });

  it("formatTable(header, rows) widens a column to its longest cell and leaves missing cells blank", () => {
    expect(formatTable(["a", "b"], [["long name", 1], ["x"]])).toBe(
      ["a          b", "---------  -", "long name  1", "x"].join("\n"),
    );
  });

  it("formatTable(header, 200,000 rows) returns every row instead of throwing RangeError", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`r${i}`, i]);
    const lines = formatTable(["run", "value"], rows).split("\n");
    expect(lines).toHaveLength(200_002);
    expect(lines[0]).toBe("run        value");
    expect(lines[1]).toBe("-------  -------");
    expect(lines[2]).toBe("r0             0");
    expect(lines.at(-1)).toBe("r199999  199,999");
  });
});

describe("formatNumber", () => {
  it("formatNumber(x, { signed: true }) writes + before positive numbers and the given digits after the point", () => {
    expect(formatNumber(12345.678, { digits: 2, signed: true })).toBe("+12,345.68");
    expect(formatNumber(-3)).toBe("-3");
  });
});
