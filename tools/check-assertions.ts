/**
 * Lists non-null assertions (`x!`) that assert nothing: the value's type already excludes
 * `null` and `undefined`, so the `!` only hides what a reader should see. With
 * `noUncheckedIndexedAccess` off, `array[i]!` is the common case. Exits 1 when any is found.
 *
 *   pnpm lint:assertions          # list them; exit 1 if any
 *   pnpm lint:assertions --fix    # remove them
 */
import { readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";

const configPath = ts.findConfigFile(process.cwd(), ts.sys.fileExists, "tsconfig.json");
if (!configPath) throw new Error("check-assertions: no tsconfig.json found from the working directory");
const config = ts.getParsedCommandLineOfConfigFile(
  configPath,
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
if (!config) throw new Error(`check-assertions: cannot read ${configPath}`);
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const OPEN = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess;

const fix = process.argv.includes("--fix");
const found: string[] = [];
/** Per file, the offsets of the `!` characters to remove with --fix. */
const bangs = new Map<string, number[]>();
for (const file of program.getSourceFiles()) {
  if (file.isDeclarationFile || file.fileName.includes("/node_modules/")) continue;
  const visit = (node: ts.Node): void => {
    if (ts.isNonNullExpression(node)) {
      const type = checker.getTypeAtLocation(node.expression);
      const open = type.flags & OPEN || (type.isUnion() && type.types.some((t) => t.flags & OPEN));
      if (!open && checker.getNonNullableType(type) === type) {
        const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
        const text = node.getText(file);
        const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
        const list = bangs.get(file.fileName) ?? [];
        list.push(node.getEnd() - 1);
        bangs.set(file.fileName, list);
        found.push(
          `${file.fileName}:${line + 1}:${character + 1}: \`${shown}\` ` +
            `asserts non-null on ${checker.typeToString(type)}`,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}
if (fix) {
  for (const [fileName, offsets] of bangs) {
    let text = readFileSync(fileName, "utf8");
    for (const at of offsets.sort((a, b) => b - a)) {
      if (text[at] !== "!") throw new Error(`check-assertions: expected "!" at ${fileName}:${at}`);
      text = text.slice(0, at) + text.slice(at + 1);
    }
    writeFileSync(fileName, text);
  }
  console.log(`check-assertions: removed ${found.length} non-null assertions that asserted nothing`);
  process.exit(0);
}
for (const line of found) console.error(line);
console.log(`check-assertions: ${found.length} non-null assertion${found.length === 1 ? "" : "s"} that assert nothing`);
process.exit(found.length > 0 ? 1 : 0);
