import { ValidationError, type Issue } from "@talentflow/core";
import { formatNumber } from "../table";
import type { Report, ReportTable } from "./report";

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1d1f23;font:15px/1.5 Helvetica,Arial,sans-serif}
main{max-width:1000px;margin:0 auto;padding:28px 20px 48px}
header h1{margin:0 0 4px;font-size:26px}
header p{margin:0;color:#555}
nav{margin:18px 0 8px;font-size:14px}
nav a{color:#0b5cad;margin-right:14px;text-decoration:none;white-space:nowrap}
section{background:#fff;border:1px solid #dfe2e6;border-radius:6px;padding:18px 20px;margin:18px 0}
section h2{margin:0 0 10px;font-size:18px}
figure{margin:0;overflow-x:auto}
figure svg{max-width:100%;height:auto;display:block}
figcaption{color:#444;font-size:14px;margin-top:8px}
figcaption a{color:#0b5cad}
table{border-collapse:collapse;margin-top:14px;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid #e6e8eb;text-align:right}
th{font-weight:600;border-bottom:2px solid #c9cdd2}
th:first-child,td:first-child,th.text,td.text{text-align:left}
footer{color:#777;font-size:12px;margin-top:28px}
`;

/**
 * Renders a report as one self-contained HTML page: the charts inline as SVG, the styles inline,
 * no script and no link to anything on the network, so `report.html` opens from disk, offline, in
 * any browser, and prints. Text is HTML-escaped; each section's `svg` is inserted as it is (it
 * must be an SVG document such as the chart functions return).
 *
 * @param report - The title, an optional subtitle and the sections in order.
 * @returns The HTML text.
 * @throws ValidationError naming the field: a missing title, no sections, a section whose `svg`
 *   is not an SVG document, a table row whose length differs from the columns.
 * @example
 * ```ts
 * const html = renderReportHtml({
 *   title: "Baseline, 10 replications",
 *   sections: [{ title: "Talent stock", svg: await stockChart(points), caption: "Mean and 95% interval." }],
 * });
 * ```
 */
export function renderReportHtml(report: Report): string {
  checkReport(report);
  const ids = report.sections.map(
    (s, k) =>
      `s${k + 1}-${s.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 40)}`,
  );
  const nav =
    report.sections.length > 1
      ? `<nav>${report.sections.map((s, k) => `<a href="#${ids[k]}">${escapeHtml(s.title)}</a>`).join("")}</nav>`
      : "";
  const sections = report.sections.map((s, k) => {
    const link = s.file ? ` <a href="${escapeHtml(encodeURI(s.file))}">SVG</a>` : "";
    const caption = s.caption || link ? `<figcaption>${escapeHtml(s.caption ?? "")}${link}</figcaption>` : "";
    return `<section id="${ids[k]}">
<h2>${escapeHtml(s.title)}</h2>
<figure>
${s.svg.trim()}
${caption}
</figure>
${s.table ? renderTable(s.table) : ""}
</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(report.title)}</h1>
${report.subtitle ? `<p>${escapeHtml(report.subtitle)}</p>` : ""}
</header>
${nav}
${sections.join("\n")}
<footer>Made with TalentFlow. Charts are SVG; every chart is also saved as its own file beside this page.</footer>
</main>
</body>
</html>
`;
}

function renderTable(table: ReportTable): string {
  // A column of words reads best left-aligned, a column of numbers right-aligned.
  const isText = table.columns.map((_, k) =>
    table.rows.some((row) => typeof row[k] === "string" && !NUMERIC.test(row[k] as string)),
  );
  const cls = (k: number) => (isText[k] ? ' class="text"' : "");
  const head = `<tr>${table.columns.map((c, k) => `<th${cls(k)}>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row
          .map(
            (cell, k) => `<td${cls(k)}>` + `${escapeHtml(typeof cell === "number" ? formatNumber(cell) : cell)}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("\n");
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function checkReport(report: Report): void {
  const issues: Issue[] = [];
  if (report === null || typeof report !== "object")
    throw new ValidationError(
      [{ path: "report", message: "must be { title, sections }" }],
      "renderReportHtml: invalid report",
    );
  if (typeof report.title !== "string" || report.title.trim() === "")
    issues.push({ path: "report.title", message: "must be a non-empty string" });
  if (report.subtitle !== undefined && typeof report.subtitle !== "string")
    issues.push({ path: "report.subtitle", message: "must be a string" });
  if (!Array.isArray(report.sections) || report.sections.length === 0) {
    issues.push({ path: "report.sections", message: "must be a non-empty array of { title, svg }" });
  } else {
    report.sections.forEach((s, k) => {
      const at = `report.sections.${k}`;
      if (s === null || typeof s !== "object")
        return void issues.push({ path: at, message: "must be { title, svg, caption?, table? }" });
      if (typeof s.title !== "string" || s.title.trim() === "")
        issues.push({ path: `${at}.title`, message: "must be a non-empty string" });
      if (typeof s.svg !== "string" || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(s.svg) || !/<\/svg>\s*$/.test(s.svg)) {
        issues.push({
          path: `${at}.svg`,
          message: "must be an SVG document (<svg ...>...</svg>), as the chart functions return",
        });
      }
      if (s.caption !== undefined && typeof s.caption !== "string")
        issues.push({ path: `${at}.caption`, message: "must be a string" });
      if (s.table !== undefined) {
        const t = s.table;
        if (!Array.isArray(t?.columns) || !Array.isArray(t?.rows))
          issues.push({ path: `${at}.table`, message: "must be { columns, rows }" });
        else
          t.rows.forEach((row: unknown, r: number) => {
            if (!Array.isArray(row) || row.length !== t.columns.length) {
              issues.push({
                path: `${at}.table.rows.${r}`,
                message:
                  `must have ${t.columns.length} cells, one per column, ` +
                  `got ${Array.isArray(row) ? row.length : typeof row}`,
              });
            }
          });
      }
    });
  }
  if (issues.length > 0) throw new ValidationError(issues, "renderReportHtml: invalid report");
}

/** Text that reads as a number or a numeric range: "+1,234", "0.52%", "3.1×", "12 – 15", "-1 to +2". */
const NUMERIC = /^[-+−–]?[\d.,]+[%×]?(\s*(–|to)\s*[-+−]?[\d.,]+[%×]?)?$/;

/** Escapes text for HTML element content and double-quoted attributes. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
