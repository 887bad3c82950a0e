import { describe, expect, it } from "vitest";
import { scenarios, simulate } from "@talentflow/core";
import { parseCsv, toCsv } from "../src/index";

describe("toCsv", () => {
  it("writes a header row and one CRLF-terminated line per row", () => {
    expect(
      toCsv([
        { region: "DE", value: 1 },
        { region: "CA", value: 2 },
      ]),
    ).toBe("region,value\r\nDE,1\r\nCA,2\r\n");
  });

  it("quotes fields with quotes, commas, CR or LF, doubling inner quotes (RFC 4180)", () => {
    const csv = toCsv([{ a: 'say "hi"', b: "x,y", c: "line1\nline2", d: "cr\rhere", e: "plain text" }]);
    expect(csv).toBe('a,b,c,d,e\r\n"say ""hi""","x,y","line1\nline2","cr\rhere",plain text\r\n');
  });

  it("quotes header fields that need it", () => {
    expect(toCsv([{ "a,b": 1, 'q"': 2 }])).toBe('"a,b","q"""\r\n1,2\r\n');
  });

  it("writes empty cells for null, undefined and missing keys", () => {
    expect(toCsv([{ a: null, b: undefined, c: "" }, { a: 1 }], ["a", "b", "c"])).toBe("a,b,c\r\n,,\r\n1,,\r\n");
  });

  it("writes numbers with full precision and booleans as true/false", () => {
    const values = [0.1 + 0.2, 1 / 3, 1e-300, 123456789012345680000, -0, 2 ** 53 + 2, Number.MIN_VALUE];
    const csv = toCsv(values.map((v, i) => ({ i, v, ok: i % 2 === 0 })));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("i,v,ok");
    lines.slice(1).forEach((line, i) => {
      const [idx, v, ok] = line.split(",");
      expect(Number(idx)).toBe(i);
      expect(Number(v)).toBe(values[i] === 0 ? 0 : values[i]); // -0 is written as 0
      expect(ok).toBe(i % 2 === 0 ? "true" : "false");
    });
    expect(csv).toContain("0.30000000000000004");
  });

  it("uses the given columns in the given order and leaves other keys out", () => {
    expect(toCsv([{ a: 1, b: 2, c: 3 }], ["c", "a"])).toBe("c,a\r\n3,1\r\n");
  });

  it("takes the columns from all rows, in order of first appearance, by default", () => {
    expect(toCsv([{ a: 1 }, { b: 2, a: 3 }, { c: 4 }])).toBe("a,b,c\r\n1,,\r\n3,2,\r\n,,4\r\n");
  });

  it("writes only the header when there are no rows, and nothing when there are no columns", () => {
    expect(toCsv([], ["run", "value"])).toBe("run,value\r\n");
    expect(toCsv([])).toBe("");
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "throws naming the row index and the column for %s",
    (bad) => {
      const rows = [
        { region: "DE", value: 1 },
        { region: "CA", value: 2 },
        { region: "SV", value: bad },
      ];
      expect(() => toCsv(rows)).toThrow(/row 2, column "value".*not finite/);
    },
  );

  it("throws for values that have no CSV form instead of writing [object Object]", () => {
    const rows = [{ a: { nested: true } }] as unknown as Parameters<typeof toCsv>[0];
    expect(() => toCsv(rows)).toThrow(/row 0, column "a".*object/);
  });

  it("does not read inherited properties", () => {
    expect(toCsv([{ a: 1 }], ["a", "toString", "__proto__"])).toBe("a,toString,__proto__\r\n1,,\r\n");
  });

  it("round-trips through a minimal RFC 4180 parser", () => {
    const rows = [
      { s: 'a "quoted", multi\r\nline value', n: -1.5e-7, b: false },
      { s: "", n: 42, b: true },
    ];
    expect(parseCsv(toCsv(rows))).toEqual([
      ["s", "n", "b"],
      ['a "quoted", multi\r\nline value', "-1.5e-7", "false"],
      ["", "42", "true"],
    ]);
  });
});

describe("toCsv and CSV injection", () => {
  it.each([
    ["=", "=1+1", `"'=1+1"`],
    ["+", "+1+1", `"'+1+1"`],
    ["-", "-2+3", `"'-2+3"`],
    ["@", "@SUM(A1:A2)", `"'@SUM(A1:A2)"`],
    ["a tab", "\t=1+1", `"'\t=1+1"`],
    ["a carriage return", "\r=1+1", `"'\r=1+1"`],
  ])("toCsv([{ name }]) puts a single quote before a name starting with %s and quotes the cell", (_, name, cell) => {
    expect(toCsv([{ name }])).toBe(`name\r\n${cell}\r\n`);
  });

  it(
    "toCsv(rows) doubles the inner quotes of a neutralised " + "cell, so the cell reads back as the quote and the text",
    () => {
      const text = '=HYPERLINK("http://example.invalid","x")';
      const csv = toCsv([{ name: text }]);
      expect(csv).toBe(`name\r\n"'=HYPERLINK(""http://example.invalid"",""x"")"\r\n`);
      expect(parseCsv(csv)).toEqual([["name"], [`'${text}`]]);
    },
  );

  it("toCsv(rows, columns) neutralises a column name that starts with =", () => {
    expect(toCsv([{ "=cmd": 1 }])).toBe(`"'=cmd"\r\n1\r\n`);
  });

  it("toCsv(rows) leaves negative numbers, booleans and names that merely contain = - + @ unchanged", () => {
    expect(toCsv([{ a: -1.5, b: -1e-7, c: false, d: "DE->CA", e: "a=b", f: "x@y", g: " =1" }])).toBe(
      "a,b,c,d,e,f,g\r\n-1.5,-1e-7,false,DE->CA,a=b,x@y, =1\r\n",
    );
  });

  it(
    "toCsv(simulate(...).rows) neutralises a scenario name " + "and an observer's metric name that start with = or @",
    () => {
      const scenario = { ...scenarios.baseline({ agents: 300, years: 1, burnInYears: 0 }), name: "=cmd|' /C calc'!A0" };
      const run = simulate(scenario, { seed: 3, observers: { "@SUM(1+1)": () => -2.5 } });
      const observed = run.rows.filter((row) => row.metric === "@SUM(1+1)");
      expect(observed.length).toBeGreaterThan(0);

      const records = parseCsv(toCsv(observed, ["scenario", "metric", "value"]));
      expect(records[0]).toEqual(["scenario", "metric", "value"]);
      for (const record of records.slice(1)) {
        expect(record).toEqual(["'=cmd|' /C calc'!A0", "'@SUM(1+1)", "-2.5"]);
      }
      expect(toCsv(observed.slice(0, 1), ["scenario", "metric", "value"])).toBe(
        `scenario,metric,value\r\n"'=cmd|' /C calc'!A0","'@SUM(1+1)",-2.5\r\n`,
      );
    },
  );
});

describe("parseCsv", () => {
  it(
    "parseCsv(toCsv(rows)) returns the header and every " + "cell as written, quotes, commas and line breaks included",
    () => {
      const rows = [
        { name: 'say "hi", then\r\nleave', value: -1.5, flag: true },
        { name: "=1+1", value: 0.1, flag: null },
      ];
      expect(parseCsv(toCsv(rows))).toEqual([
        ["name", "value", "flag"],
        ['say "hi", then\r\nleave', "-1.5", "true"],
        ["'=1+1", "0.1", ""],
      ]);
    },
  );

  it("parseCsv reads LF line ends and a last line without a line end", () => {
    expect(parseCsv("a,b\nx,\n,y")).toEqual([
      ["a", "b"],
      ["x", ""],
      ["", "y"],
    ]);
  });

  it("parseCsv throws on a quoted field that is not closed", () => {
    expect(() => parseCsv('a\n"open')).toThrow(/unterminated quoted field/);
  });
});
