import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../atomicWrite";
import type { Report } from "./report";
import { renderReportHtml } from "./renderReportHtml";

/** The files {@link writeReport} wrote, as paths. */
export interface WrittenReport {
  /** `<dir>/report.html`. */
  readonly html: string;
  /** One SVG file per section, in section order. */
  readonly charts: readonly string[];
}

/**
 * Writes a report into a folder: each section's chart as its own SVG file (named after the
 * section, e.g. `01-talent-stock.svg`, or the section's `file`), then `report.html`, which
 * inlines the same charts and links to the files. Every file is written atomically (a temporary
 * name, then a rename), and report.html comes last, so a report.html on disk always belongs to a
 * complete set of charts. The folder is created if missing; files of the same names are replaced.
 *
 * @param dir - The output folder.
 * @param report - The report, e.g. from {@link reportFromResult}.
 * @returns The paths written.
 * @throws ValidationError for an invalid report (see {@link renderReportHtml}), before anything is
 *   written; the file-system error otherwise.
 * @example
 * ```ts
 * const report = await reportFromResult(replicate(scenario, { replications: 10, seed: 1 }));
 * const { html } = await writeReport("out/report", report);
 * ```
 */
export async function writeReport(dir: string, report: Report): Promise<WrittenReport> {
  renderReportHtml(report); // validates the whole report before the first file is written
  const taken = new Set<string>();
  const sections = report.sections.map((s, k) => {
    const stem =
      (s.file ?? `${String(k + 1).padStart(2, "0")}-${s.title}`)
        .replace(/\.svg$/i, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 60)
        .replace(/-+$/, "") || `chart-${k + 1}`;
    let file = `${stem}.svg`;
    for (let n = 2; taken.has(file); n++) file = `${stem}-${n}.svg`;
    taken.add(file);
    return { ...s, file };
  });
  await mkdir(dir, { recursive: true });
  const charts: string[] = [];
  for (const s of sections) {
    const path = join(dir, s.file);
    await writeFileAtomic(path, s.svg.trim() + "\n");
    charts.push(path);
  }
  const html = join(dir, "report.html");
  await writeFileAtomic(html, renderReportHtml({ ...report, sections }));
  return { html, charts };
}
