import { describe, it, expect } from "vitest";
import { compileExpression } from "../../src/policies/expression/_expression";
import { ValidationError } from "../../src/errors";

const PATH = "policies.3.expression";

/** Compiles `source` expecting a refusal; returns the ValidationError after checking the path. */
function refusal(source: string, options: { variables?: readonly string[]; maxLength?: number } = {}): ValidationError {
  let caught: unknown;
  try {
    compileExpression(source, { path: PATH, ...options });
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${JSON.stringify(source)} to be refused`).toBeInstanceOf(ValidationError);
  const error = caught as ValidationError;
  expect(error.issues.length).toBeGreaterThan(0);
  expect(error.issues[0].path).toBe(PATH);
  expect(error.message).toContain(PATH);
  return error;
}

/** Evaluates `fn` expecting a plain Error (not a ValidationError); returns it. */
/** The one issue of the ValidationError that `fn` throws, as `{ message: "path: message" }`. */
function evaluationError(fn: () => unknown): { message: string; cause: unknown } {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  const issues = (caught as ValidationError).issues;
  expect(issues).toHaveLength(1);
  return { message: `${issues[0].path}: ${issues[0].message}`, cause: (caught as Error).cause };
}

const scope = { year: 2030, t: 5, base: 3 };
const evaluate = (source: string, values: Record<string, number> = scope): number =>
  compileExpression(source, { path: PATH }).evaluate(values);

describe("compileExpression: values", () => {
  it("compileExpression evaluates base * 2 with base 3 to exactly 6", () => {
    expect(evaluate("base * 2")).toBe(6);
  });

  it("compileExpression evaluates the issue's growth example exactly", () => {
    const growth = "base * (1 + 0.05 * max(0, year - 2027))";
    // Same IEEE arithmetic as JavaScript: 100 * 1.1 is 110.00000000000001 in both.
    expect(evaluate(growth, { year: 2029, t: 0, base: 100 })).toBe(100 * (1 + 0.05 * Math.max(0, 2029 - 2027)));
    expect(evaluate(growth, { year: 2029, t: 0, base: 100 })).toBeCloseTo(110, 12);
    expect(evaluate(growth, { year: 2020, t: 0, base: 100 })).toBe(100);
    expect(evaluate(growth, { year: 2031, t: 0, base: 200 })).toBe(240);
  });

  it("compileExpression follows the usual precedence of + - * / ^ and unary minus", () => {
    expect(evaluate("1 + 2 * 3")).toBe(7);
    expect(evaluate("(1 + 2) * 3")).toBe(9);
    expect(evaluate("2 ^ 3 ^ 2")).toBe(512);
    expect(evaluate("-base ^ 2")).toBe(-9);
    expect(evaluate("+base - -1")).toBe(4);
    expect(evaluate("t / 2")).toBe(2.5);
    expect(evaluate("7 mod 3 + 7 % 4")).toBe(4);
    expect(evaluate("2 t")).toBe(10);
  });

  it("compileExpression supports each allowed math function", () => {
    expect(evaluate("abs(-2.5)")).toBe(2.5);
    expect(evaluate("sqrt(16)")).toBe(4);
    expect(evaluate("cbrt(-27)")).toBe(-3);
    expect(evaluate("exp(0)")).toBe(1);
    expect(evaluate("log(1)")).toBe(0);
    expect(evaluate("log(8, 2)")).toBe(3);
    expect(evaluate("log10(1000)")).toBe(3);
    expect(evaluate("log2(1024)")).toBe(10);
    expect(evaluate("min(4, base, 7)")).toBe(3);
    expect(evaluate("max(4, base, 7)")).toBe(7);
    expect(evaluate("floor(2.7)")).toBe(2);
    expect(evaluate("ceil(2.1)")).toBe(3);
    expect(evaluate("round(2.5)")).toBe(3);
    expect(evaluate("round(2.345, 2)")).toBe(2.35);
    expect(evaluate("sign(-4)")).toBe(-1);
    expect(evaluate("pow(2, 10)")).toBe(1024);
    expect(evaluate("sin(0) + cos(0) + tan(0) + tanh(0)")).toBe(1);
    expect(evaluate("exp(1)")).toBeCloseTo(Math.E, 15);
  });

  it("compileExpression knows the constants pi and e", () => {
    expect(evaluate("pi")).toBe(Math.PI);
    expect(evaluate("e")).toBe(Math.E);
  });

  it("compileExpression supports comparisons, and/or/not and the conditional operator", () => {
    const step = "year >= 2028 ? base * 1.1 : base";
    expect(evaluate(step, { year: 2027.5, t: 0, base: 10 })).toBe(10);
    expect(evaluate(step, { year: 2028, t: 0, base: 10 })).toBe(11);
    expect(evaluate("year > 2025 and year < 2035 ? 1 : 0")).toBe(1);
    expect(evaluate("not (t == 5) or base != 3 ? 1 : 0")).toBe(0);
    expect(evaluate("2025 < year < 2035 ? 1 : 0")).toBe(1);
  });

  it("compileExpression clamps with min and max", () => {
    const clamp = "min(1, max(0, base / 10))";
    expect(evaluate(clamp, { year: 0, t: 0, base: -5 })).toBe(0);
    expect(evaluate(clamp, { year: 0, t: 0, base: 5 })).toBe(0.5);
    expect(evaluate(clamp, { year: 0, t: 0, base: 50 })).toBe(1);
  });

  it("evaluate on one compiled expression gives the right value for each of several scopes", () => {
    const compiled = compileExpression("base + 0.5 * t + (year - 2025)", { path: PATH });
    expect(compiled.source).toBe("base + 0.5 * t + (year - 2025)");
    expect(compiled.evaluate({ year: 2025, t: 0, base: 1 })).toBe(1);
    expect(compiled.evaluate({ year: 2026, t: 2, base: 1 })).toBe(3);
    expect(compiled.evaluate({ year: 2025.5, t: 1, base: -1 })).toBe(0);
    for (let t = 0; t < 50; t++) {
      expect(compiled.evaluate({ year: 2025 + t / 4, t, base: 10 })).toBe(10 + 0.5 * t + t / 4);
    }
  });

  it("evaluate ignores scope keys the expression does not use, even ones named like functions", () => {
    const compiled = compileExpression("abs(base)", { path: PATH });
    expect(compiled.evaluate({ year: 2030, t: 1, base: -2, abs: 99, pi: 4 } as Record<string, number>)).toBe(2);
  });

  it("compileExpression accepts custom variables instead of year, t and base", () => {
    const compiled = compileExpression("x ^ 2 + y", { path: PATH, variables: ["x", "y"] });
    expect(compiled.evaluate({ x: 3, y: 1 })).toBe(10);
    expect(refusal("year + 1", { variables: ["x"] }).issues[0].message).toMatch(
      /unknown name "year".*allowed variables are x\b/,
    );
  });

  it("compileExpression accepts comments and surrounding whitespace", () => {
    expect(evaluate("  base * 2  # doubled")).toBe(6);
  });
});

describe("compileExpression: refusals", () => {
  it("compileExpression refuses import with an error naming the path", () => {
    const error = refusal("import({}, {})");
    expect(error.issues[0].message).toMatch(/function "import" is not allowed: only arithmetic and math functions/);
  });

  it.each([
    "createUnit",
    "evaluate",
    "parse",
    "simplify",
    "derivative",
    "compile",
    "chain",
    "typed",
    "config",
    "resolve",
    "reviver",
    "help",
  ])("compileExpression refuses the mathjs function %s by name", (name) => {
    const error = refusal(`${name}("x")`);
    expect(error.issues[0].message).toMatch(new RegExp(`function "${name}" is not allowed`));
  });

  it('compileExpression refuses evaluate("1"), createUnit("x") and a bare reference to import', () => {
    expect(refusal('evaluate("1")').issues[0].message).toMatch(/function "evaluate" is not allowed/);
    expect(refusal('createUnit("x")').issues[0].message).toMatch(/function "createUnit" is not allowed/);
    expect(refusal("import").issues[0].message).toMatch(/function "import" is not allowed/);
    expect(refusal("config").issues[0].message).toMatch(/function "config" is not allowed/);
  });

  it("compileExpression refuses function definitions", () => {
    expect(refusal("f(x) = x").issues[0].message).toMatch(/function definitions are not allowed/);
  });

  it("compileExpression refuses variable assignments", () => {
    expect(refusal("a = 1").issues[0].message).toMatch(/variable assignments are not allowed/);
    expect(refusal("base = 1").issues[0].message).toMatch(/variable assignments are not allowed/);
  });

  it("compileExpression refuses property access and indexing", () => {
    expect(refusal("x.y").issues[0].message).toMatch(/property access and indexing are not allowed/);
    expect(refusal("base.constructor").issues[0].message).toMatch(/property access/);
    expect(refusal('base["constructor"]').issues[0].message).toMatch(/property access/);
    expect(refusal("base[1]").issues[0].message).toMatch(/indexing/);
    expect(refusal("[].map").issues[0].message).toMatch(/property access/);
  });

  it("compileExpression refuses arrays and matrices", () => {
    expect(refusal("[1, 2]").issues[0].message).toMatch(/matrices and arrays are not allowed/);
    expect(refusal("max([1, 2])").issues[0].message).toMatch(/matrices and arrays are not allowed/);
  });

  it("compileExpression refuses ranges such as 1:3", () => {
    expect(refusal("1:3").issues[0].message).toMatch(/ranges are not allowed.*matrix/);
  });

  it("compileExpression refuses objects such as {a: 1}", () => {
    expect(refusal("{a: 1}").issues[0].message).toMatch(/objects are not allowed/);
  });

  it("compileExpression refuses multiple statements", () => {
    expect(refusal("1; 2").issues[0].message).toMatch(/multiple statements are not allowed/);
    expect(refusal("base\nbase * 2").issues[0].message).toMatch(/multiple statements are not allowed/);
  });

  it("compileExpression refuses method calls such as x.y(1) and cos.constructor(...)(1)", () => {
    expect(refusal("base.toFixed(2)").issues[0].message).toMatch(/method calls and property access are not allowed/);
    // mathjs reads `a.b(c)(1)` as the method call `a.b(c)` times `(1)`: the method call is refused.
    expect(refusal('cos.constructor("return process")(1)').issues[0].message).toMatch(
      /method calls and property access are not allowed.*only named math functions may be called/,
    );
    // `(abs)(base)` is implicit multiplication of `abs` by `base`: a function used as a value is refused.
    expect(refusal("(abs)(base)").issues[0].message).toMatch(/function "abs" must be called with arguments/);
  });

  it("compileExpression refuses cos(1)(2), which mathjs reads as cos(1) * 2, naming the expression", () => {
    const error = refusal("cos(1)(2)");
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].message).toBe(
      'implicit multiplication after a function call is not allowed in "cos(1)(2)": ' +
        "cos(1) followed by (2) would be read as cos(1) * (2); write the * explicitly",
    );
  });

  it.each([
    "max(1, t)(t + 1)",
    "2 cos(1)(2)",
    "2 ^ cos(1)(2)",
    "-cos(1)(2)",
    "cos(1) t",
    "abs(t) abs(t)",
    "1 + (t ? 1 : cos(t)(2))",
  ])("compileExpression refuses implicit multiplication right after a call in %s", (source) => {
    expect(refusal(source).issues[0].message).toMatch(
      /^implicit multiplication after a function call is not allowed in /,
    );
  });

  it("compileExpression still reads 2 t, 2 pi, 2(t + 1), (t + 1)(2) and cos(1)^2 (3) as products", () => {
    expect(evaluate("2 t")).toBe(10);
    expect(evaluate("2 pi")).toBe(2 * Math.PI);
    expect(evaluate("2(t + 1)")).toBe(12);
    expect(evaluate("(t + 1)(2)")).toBe(12);
    expect(evaluate("cos(0)^2 (3)")).toBe(3);
    expect(evaluate("cos(0) * (2)")).toBe(2);
  });

  it("compileExpression refuses the cos.constructor escape trick", () => {
    // mathjs 15 already rejects the empty call as a syntax error; with an argument it is refused
    // as a call of a non-symbol callee (previous test). Either way nothing is evaluated.
    const error = refusal('cos.constructor("return process")()');
    expect(error.issues[0].message).toMatch(/syntax error|not allowed/);
    expect(refusal('[].map.constructor("return process")(1)').issues[0].message).toMatch(/not allowed/);
    expect(refusal('"".constructor').issues[0].message).toMatch(/property access/);
  });

  it("compileExpression refuses string, boolean, null and undefined constants", () => {
    expect(refusal('"abc"').issues[0].message).toMatch(/string constant "abc" is not allowed: only finite numbers/);
    expect(refusal("'abc' + 1").issues[0].message).toMatch(/string constant "abc" is not allowed/);
    expect(refusal("true").issues[0].message).toMatch(/boolean constant true is not allowed/);
    expect(refusal("null").issues[0].message).toMatch(/constant null is not allowed/);
    expect(refusal("undefined").issues[0].message).toMatch(/constant undefined is not allowed/);
  });

  it("compileExpression refuses non-finite constants", () => {
    expect(refusal("Infinity").issues[0].message).toMatch(/constant Infinity is not allowed: constants must be finite/);
    expect(refusal("NaN").issues[0].message).toMatch(/constant NaN is not allowed/);
    expect(refusal("1e999").issues[0].message).toMatch(/constant Infinity is not allowed/);
  });

  it("compileExpression refuses operators other than arithmetic, comparison and logic", () => {
    expect(refusal("3!").issues[0].message).toMatch(/operator "!" \(factorial\) is not allowed/);
    expect(refusal("base & 1").issues[0].message).toMatch(/operator "&" \(bitAnd\) is not allowed/);
    expect(refusal("base << 1").issues[0].message).toMatch(/operator "<<" \(leftShift\) is not allowed/);
    expect(refusal("base'").issues[0].message).toMatch(/\(ctranspose\) is not allowed/);
    expect(refusal("base .* 2").issues[0].message).toMatch(/\(dotMultiply\) is not allowed/);
    expect(refusal("base to cm").issues[0].message).toMatch(/\(to\) is not allowed/);
  });

  it("compileExpression refuses unknown variables with an error listing the allowed names", () => {
    const error = refusal("base * growth");
    expect(error.issues[0].message).toContain(
      'unknown name "growth": the allowed variables are year, t, base; the constants pi, e; ' +
        "and the functions abs, sqrt",
    );
  });

  it("compileExpression refuses unknown functions and calls of variables", () => {
    expect(refusal("gamma(base)").issues[0].message).toMatch(
      /unknown function "gamma": the allowed functions are abs, sqrt, cbrt/,
    );
    expect(refusal("base(2)").issues[0].message).toMatch(/"base" is not a function/);
    expect(refusal("abs").issues[0].message).toMatch(/function "abs" must be called with arguments/);
  });

  it("compileExpression refuses a wrong number of function arguments", () => {
    expect(refusal("log(1, 2, 3)").issues[0].message).toMatch(/function "log" takes 1 or 2 arguments, got 3/);
    expect(refusal("pow(2)").issues[0].message).toMatch(/function "pow" takes 2 arguments, got 1/);
    expect(refusal("abs(1, 2)").issues[0].message).toMatch(/function "abs" takes 1 argument, got 2/);
    expect(refusal("max()").issues[0].message).toMatch(/function "max" takes at least 1 argument/);
  });

  it("compileExpression refuses an optional call such as abs?.(base)", () => {
    expect(refusal("abs?.(base)").issues[0].message).toMatch(/optional call .* is not allowed/);
  });

  it("compileExpression lists every refused construct, not only the first", () => {
    const error = refusal('import({}, {}) + foo + "s"');
    expect(error.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/function "import" is not allowed/),
      expect.stringMatching(/unknown name "foo"/),
      expect.stringMatching(/string constant "s" is not allowed/),
    ]);
    expect(error.issues.every((i) => i.path === PATH)).toBe(true);
  });

  it("compileExpression refuses an expression longer than the bound", () => {
    const long = "base" + " + 1".repeat(125); // 4 + 500 = 504 characters
    expect(refusal(long).issues[0].message).toBe("expression is 504 characters long, the limit is 500");
    expect(refusal("base + 1", { maxLength: 5 }).issues[0].message).toBe(
      "expression is 8 characters long, the limit is 5",
    );
    expect(compileExpression("base + 1", { path: PATH, maxLength: 8 }).evaluate(scope)).toBe(4);
    expect(compileExpression("1" + " ".repeat(499), { path: PATH }).evaluate(scope)).toBe(1);
  });

  it("compileExpression refuses an empty expression", () => {
    expect(refusal("").issues[0].message).toBe("expression is empty");
    expect(refusal("   \n ").issues[0].message).toBe("expression is empty");
    expect(refusal("# only a comment").issues[0].message).toMatch(/expression is empty/);
  });

  it("compileExpression refuses a non-string expression", () => {
    expect(refusal(42 as unknown as string).issues[0].message).toBe("expression must be a string, got number");
  });

  it("compileExpression wraps mathjs syntax errors and keeps the character position", () => {
    expect(refusal("2 +").issues[0].message).toMatch(/^syntax error: .*\(char 4\)/);
    expect(refusal("base * (1 + 2").issues[0].message).toMatch(/^syntax error: .*\(char \d+\)/);
  });

  it("compileExpression rejects invalid options as programming errors", () => {
    expect(() => compileExpression("x", { path: PATH, variables: ["pi"] })).toThrow(TypeError);
    expect(() => compileExpression("x", { path: PATH, variables: ["constructor"] })).toThrow(TypeError);
    expect(() => compileExpression("x", { path: PATH, variables: ["a-b"] })).toThrow(TypeError);
    expect(() => compileExpression("x", { path: PATH, maxLength: 0 })).toThrow(RangeError);
  });
});

describe("CompiledExpression.evaluate: non-finite results", () => {
  it("evaluate throws on an infinite result, naming the path, the expression and the scope values", () => {
    const compiled = compileExpression("base / (year - 2027)", { path: PATH });
    expect(compiled.evaluate({ year: 2028, t: 3, base: 1 })).toBe(1);
    const error = evaluationError(() => compiled.evaluate({ year: 2027, t: 3, base: 1 }));
    expect(error.message).toBe(
      'policies.3.expression: expression "base / (year - 2027)" with year ' +
        "= 2027, t = 3, base = 1: the result is Infinity, not a finite number",
    );
  });

  it("evaluate throws on NaN, e.g. the square root of a negative base (numbers only, no complex)", () => {
    const error = evaluationError(() => evaluate("sqrt(base)", { year: 2030, t: 0, base: -1 }));
    expect(error.message).toMatch(
      /^policies\.3\.expression: expression "sqrt\(base\)" with year = 2030, t = 0, base = -1: the result is NaN/,
    );
    expect(evaluationError(() => evaluate("log(base - 3)")).message).toMatch(/the result is -Infinity/);
    expect(evaluationError(() => evaluate("0 * (1 / (base - 3))")).message).toMatch(/the result is NaN/);
  });

  it("evaluate throws when the result is a boolean instead of a number", () => {
    expect(evaluationError(() => evaluate("year > 2027")).message).toMatch(
      /the result is boolean true, not a finite number/,
    );
  });

  it("evaluate throws when a variable the expression uses is missing from the scope", () => {
    const compiled = compileExpression("base * 2", { path: PATH });
    const error = evaluationError(() => compiled.evaluate({ year: 2030, t: 1 }));
    expect(error.message).toMatch(
      new RegExp(
        String.raw`^policies\.3\.expression: expression "base \* 2" with year = 2030, t = 1, base = missing: ` +
          "variable base must be a number, got missing",
      ),
    );
    // A variable the expression does not use may be absent.
    expect(compileExpression("t + 1", { path: PATH }).evaluate({ t: 1 })).toBe(2);
  });

  it("evaluate wraps mathjs runtime errors with the path, the expression and the scope", () => {
    const error = evaluationError(() => evaluate("round(base, 0.5)"));
    expect(error.message).toMatch(
      new RegExp(
        String.raw`^policies\.3\.expression: expression "round\(base, 0\.5\)" with year = 2030, t = 5, base = 3: ` +
          "evaluation failed: ",
      ),
    );
    expect(error.cause).toBeInstanceOf(Error);
  });
});
