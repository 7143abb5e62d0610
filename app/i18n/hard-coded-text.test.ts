// Every word a page shows goes through the catalogues (ADR 0006), or an English page shows Italian. A cheap guard
// over the routes' and components' markup (review of the English interface, 07/12/2026): no JSX text and no
// user-facing attribute (aria-label, title, alt, placeholder…) written as a literal with words in it. Names of Forma
// itself and symbols are allowed; class names, ids and test ids are not words people read.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it as test } from "vitest";

const ROOTS = ["app/routes", "app/components", "app/root.tsx"];
const READ_ATTRIBUTES =
  /^(aria-label|aria-description|aria-roledescription|aria-valuetext|title|alt|placeholder|label|summary|caption)$/;
/** What may be written as it is: the service's name, the shape of a certificate code (the same in both languages). */
const ALLOWED = new Set(["Forma", "FRM-XXXX-XXXX-XXXX"]);

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)));
}

/** A literal a person reads: at least one word of two letters, not an allowed name. */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text) && !ALLOWED.has(text.trim());

export function hardCodedTexts(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) found.push(`${where(node)} text «${node.text.trim()}»`);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.test(node.name.getText(file)) && node.initializer) {
      const value = ts.isStringLiteral(node.initializer)
        ? node.initializer.text
        : ts.isJsxExpression(node.initializer) &&
            node.initializer.expression &&
            (ts.isStringLiteral(node.initializer.expression) ||
              ts.isNoSubstitutionTemplateLiteral(node.initializer.expression))
          ? node.initializer.expression.text
          : null;
      // A component's `label`/`title` prop may take a message key ("auth.field.password"): a key is no sentence.
      if (value !== null && hasWords(value) && !/^[a-z][\w-]*(\.[\w-]+)+$/i.test(value))
        found.push(`${where(node)} ${node.name.getText(file)}="${value}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("text written into the markup instead of the catalogues", () => {
  test("the guard sees what it guards against", () => {
    const sample = `export const A = () => (
      <nav aria-label="Navigazione">
        <p>Iscriviti</p> <img alt="Logo della scuola" /> <button title={"Salva"} /> <Field label="auth.field.password" />
        <p className="mb-2" id="x">{t("ok")}</p> <span>Forma</span> <span> · </span>
      </nav>
    );`;
    expect(hardCodedTexts("sample.tsx", sample).map((f) => f.replace(/^sample\.tsx:\d+ /, ""))).toEqual([
      'aria-label="Navigazione"',
      "text «Iscriviti»",
      'alt="Logo della scuola"',
      'title="Salva"',
    ]);
  });

  test("no route or component writes words a person reads outside the catalogues", () => {
    const files = ROOTS.flatMap(sourceFiles).filter((f) => f.endsWith(".tsx") && !/\.test\.tsx$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => hardCodedTexts(f, readFileSync(f, "utf8")))).toEqual([]);
  });
});
