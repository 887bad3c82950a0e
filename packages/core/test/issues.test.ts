/**
 * The one issue collector and value formatter (src/_issues.ts) that scenario validation, the
 * scenario compiler, meanField's and the experiments' options all report through.
 */
import { describe, expect, it } from "vitest";
import { Issues, showValue, typeName } from "../src/_issues";
import { ValidationError } from "../src/errors";

describe("showValue", () => {
  it(
    "showValue(v) prints numbers as written, -0 as 0, strings " + "quoted, arrays by length and other objects by type",
    () => {
      expect([1.4, NaN, -Infinity, -0].map(showValue)).toEqual(["1.4", "NaN", "-Infinity", "0"]);
      expect(showValue('a"b')).toBe('"a\\"b"');
      expect([true, undefined, null].map(showValue)).toEqual(["true", "undefined", "null"]);
      expect(showValue([1, 2])).toBe("an array of length 2");
      expect(showValue({ a: 1 })).toBe("object");
      expect(showValue(() => 1)).toBe("function");
    },
  );

  it("typeName(v) names undefined as nothing and arrays as array", () => {
    expect([undefined, null, [1], "x", 2, Infinity].map(typeName)).toEqual([
      "nothing",
      "null",
      "array",
      "string",
      "number",
      "Infinity",
    ]);
  });
});

describe("Issues", () => {
  it("issues.list() returns the issues in the order added, array paths joined with dots", () => {
    const issues = new Issues();
    expect(issues.ok).toBe(true);
    issues.add(["regions", "DE", "taxRate"], "must be in [0, 1), got 1.4");
    issues.add("options.bounds.x[3]", "must be a number");
    issues.add(["policies", 2, "from"], "is required");
    issues.add([], "expected an object, got array");
    expect(issues.ok).toBe(false);
    expect(issues.list()).toEqual([
      { path: "regions.DE.taxRate", message: "must be in [0, 1), got 1.4" },
      { path: "options.bounds.x[3]", message: "must be a number" },
      { path: "policies.2.from", message: "is required" },
      { path: "", message: "expected an object, got array" },
    ]);
  });

  it(
    "issues.inFieldOrder(input) sorts by the fields as written, " +
      "a missing field with its parent, ties in the order added",
    () => {
      const input = { b: { y: 1, x: 2 }, a: [0, 1] };
      const issues = new Issues();
      issues.add(["a", 1], "a1");
      issues.add("b.x", "bx");
      issues.add(["b", "missing"], "b missing");
      issues.add(["b", "y"], "by");
      issues.add(["nowhere", "deep"], "root");
      issues.add("b.x", "bx again");
      expect(issues.inFieldOrder(input).map((i) => i.message)).toEqual([
        "root",
        "b missing",
        "by",
        "bx",
        "bx again",
        "a1",
      ]);
      expect(issues.list().map((i) => i.message)).toEqual(["a1", "bx", "b missing", "by", "root", "bx again"]);
    },
  );

  it("issues.addThrown(e) adds a ValidationError's issues and rethrows any other error", () => {
    const issues = new Issues();
    issues.addThrown(new ValidationError([{ path: "policies.0.expression", message: "unknown name q" }]));
    expect(issues.list()).toEqual([{ path: "policies.0.expression", message: "unknown name q" }]);
    const bug = new TypeError("a bug");
    expect(() => issues.addThrown(bug)).toThrow(bug);
    expect(issues.list()).toHaveLength(1);
  });

  it(
    "issues.throwIfAny() does nothing while empty and otherwise " +
      "throws every issue with the context and the described paths",
    () => {
      const issues = new Issues("scenario is invalid", (path) =>
        path.replace(/^policies\.6/, "policies.6 (visaRegime)"),
      );
      expect(() => issues.throwIfAny()).not.toThrow();
      issues.add(["policies", 6, "until"], "ends (2026) before it starts (2027)");
      issues.addAll([{ path: "years", message: "must be >= 1, got 0" }]);
      let thrown: unknown;
      try {
        issues.throwIfAny();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      const error = thrown as ValidationError;
      expect(error.message).toBe(
        "scenario is invalid:\n  - policies.6 (visaRegime).until: ends " +
          "(2026) before it starts (2027)\n  - years: must be >= 1, got 0",
      );
      expect(error.issues).toEqual([
        { path: "policies.6.until", message: "ends (2026) before it starts (2027)" },
        { path: "years", message: "must be >= 1, got 0" },
      ]);
    },
  );

  it("new Issues() throws with the context of a plain ValidationError", () => {
    const issues = new Issues();
    issues.add("replicate", "must be a whole number >= 0, got -1");
    expect(() => issues.throwIfAny()).toThrow(
      new ValidationError([{ path: "replicate", message: "must be a whole number >= 0, got -1" }]).message,
    );
  });

  it(
    "Issues.single(path, message, context) returns one issue " +
      "as a ValidationError with that context, a key path dotted",
    () => {
      const error = Issues.single(["policies", 3, "expression"], "expression is empty", "invalid expression");
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues).toEqual([{ path: "policies.3.expression", message: "expression is empty" }]);
      expect(error.message).toBe("invalid expression:\n  - policies.3.expression: expression is empty");
      expect(Issues.single("x", "bad").message).toBe("invalid input:\n  - x: bad");
    },
  );

  it(
    "issues.count counts the issues added and issues.error() " + "returns them as one ValidationError without throwing",
    () => {
      const issues = new Issues("not a usable checkpoint");
      expect(issues.count).toBe(0);
      issues.add(["header", "state", "t"], "must be a period");
      issues.add("header.state.history", "must hold 2 period records");
      expect(issues.count).toBe(2);
      const error = issues.error();
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues.map((i) => i.path)).toEqual(["header.state.t", "header.state.history"]);
      expect(error.message.split("\n")[0]).toBe("not a usable checkpoint:");
    },
  );
});
