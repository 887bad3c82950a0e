/**
 * Lists the longest functions of the packages' sources: every function declaration, method,
 * constructor, accessor, function expression and arrow function, measured in lines from its
 * first line to its last (a nested function counts within its parent and again on its own).
 * Long functions are where a reader loses the thread; this finds them.
 *
 *   pnpm function-lengths               # the 20 longest in packages/{name}/src
 *   pnpm function-lengths --top 40      # more rows
 *   pnpm function-lengths --over 100    # every function longer than 100 lines
 *   pnpm function-lengths --over 100 packages/core/src   # one folder only
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

interface Measured {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly lines: number;
}

const args = process.argv.slice(2);
const option = (flag: string): number | undefined => {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`function-lengths: ${flag} takes a whole number`);
  args.splice(at, 2);
  return value;
};
const over = option("--over");
const top = option("--top") ?? 20;
const roots = args.length > 0 ? args : readdirSync("packages").map((name) => join("packages", name, "src"));

function sourceFiles(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** A function's name as a reader would look for it: `Class.method`, `name`, or `(arrow)` with its holder. */
function nameOf(node: ts.FunctionLikeDeclaration): string {
  const own = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
  const parent = node.parent;
  const holder =
    ts.isClassLike(parent) && parent.name
      ? `${parent.name.text}.`
      : ts.isObjectLiteralExpression(parent) && ts.isVariableDeclaration(parent.parent)
        ? `${parent.parent.name.getText()}.`
        : "";
  if (ts.isConstructorDeclaration(node)) return `${holder}constructor`;
  if (own) return `${holder}${own}`;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return `${holder}${parent.name.getText()}`;
  }
  return "(anonymous)";
}

function measure(file: string): Measured[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Measured[] = [];
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const first = lineOf(fn.getStart(source));
      found.push({ file, line: first, name: nameOf(fn), lines: lineOf(fn.end) - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const all = roots
  .flatMap(sourceFiles)
  .flatMap(measure)
  .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
const shown = over === undefined ? all.slice(0, top) : all.filter((f) => f.lines > over);
for (const f of shown) {
  console.log(`${String(f.lines).padStart(5)}  ${f.name}  ${relative(process.cwd(), f.file)}:${f.line}`);
}
const longer = (n: number) => all.filter((f) => f.lines > n).length;
console.log(
  `function-lengths: ${all.length} functions; ${longer(100)} ` +
    `over 100 lines, ${longer(60)} over 60 (${roots.join(", ")})`,
);
