/**
 * The explorer's HTML shell and style sheet. The page loads one classic script (`explorer.js`,
 * not a module: module scripts do not load from `file://`), which draws the controls from their
 * definitions and carries the worker's code.
 * @internal
 * @module
 */

/** File names of the site. */
export const EXPLORER_FILES = { html: "index.html", css: "explorer.css", js: "explorer.js" } as const;

/** index.html: the page's frame; the script fills the form and the results. */
export function explorerHtml(version: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="TalentFlow ${escapeHtml(version)}">
<title>TalentFlow scenario explorer</title>
<link rel="stylesheet" href="${EXPLORER_FILES.css}">
</head>
<body>
<header>
  <h1>TalentFlow scenario explorer</h1>
  <p>Change a policy, press <strong>Run</strong>, and watch where AI workers go. The model runs in this page:
  the scenario against the baseline on paired replications (the same random numbers for both), with 95% intervals.
  Nothing is sent anywhere.</p>
</header>
<main>
  <form id="controls" novalidate aria-label="Scenario and policies"></form>
  <div id="output">
    <div id="run-bar">
      <label for="progress">Progress</label>
      <progress id="progress" max="1" value="0"></progress>
      <p id="status" role="status" aria-live="polite">Ready.</p>
    </div>
    <p id="summary" aria-live="polite"></p>
    <div id="sections"></div>
    <section id="scenario-file" aria-labelledby="yaml-title">
      <h2 id="yaml-title">The scenario as a file</h2>
      <p>The same scenario for <code>talentflow run</code> or <code>talentflow compare</code>; with the same seed
      they give the same numbers as this page. The address of this page holds the scenario too: share it to share
      the view.</p>
      <p><button type="button" id="download">Download as YAML</button>
      <button type="button" id="copy-link">Copy link to this view</button></p>
      <pre id="yaml" tabindex="0" aria-label="Scenario file (YAML)"></pre>
    </section>
  </div>
</main>
<noscript><p>The explorer runs the model in the page and needs JavaScript.</p></noscript>
<script src="${EXPLORER_FILES.js}"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/** explorer.css: a two-column layout (controls, results) that folds to one on narrow screens. */
export const EXPLORER_CSS = `:root { font-family: Helvetica, Arial, sans-serif; color: #222; line-height: 1.4; }
body { margin: 0; background: #fafafa; }
header { padding: 1rem 1.5rem 0.5rem; background: white; border-bottom: 1px solid #ddd; }
header h1 { margin: 0 0 0.3rem; font-size: 1.5rem; }
header p { margin: 0 0 0.5rem; max-width: 60rem; }
main { display: grid; grid-template-columns: minmax(18rem, 26rem) 1fr; gap: 1.5rem; padding: 1rem 1.5rem; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
form fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 0 0 0.8rem; padding: 0.4rem 0.8rem 0.6rem;
  background: white; }
legend { font-weight: bold; padding: 0 0.3rem; }
.group-help, .help { display: block; color: #555; font-size: 0.85rem; margin: 0.1rem 0 0.3rem; }
.control { margin: 0.45rem 0; }
.control label { display: block; font-size: 0.92rem; }
.control.toggle label { display: inline; }
.control input[type="number"], .control select { width: 100%; box-sizing: border-box; padding: 0.3rem;
  font-size: 0.95rem; border: 1px solid #999; border-radius: 4px; }
.control input[aria-invalid="true"] { border: 2px solid #b00020; background: #fff5f5; }
.control input:disabled { background: #eee; color: #777; }
.error { color: #b00020; font-size: 0.85rem; display: block; }
.error:empty { display: none; }
:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
#buttons { position: sticky; bottom: 0; background: #fafafa; padding: 0.5rem 0; display: flex; gap: 0.5rem;
  flex-wrap: wrap; }
button { font-size: 1rem; padding: 0.4rem 1rem; border-radius: 4px; border: 1px solid #0072B2;
  background: white; color: #0072B2; cursor: pointer; }
button[type="submit"] { background: #0072B2; color: white; }
button:disabled { opacity: 0.5; cursor: not-allowed; }
#form-error { color: #b00020; }
#run-bar { display: flex; align-items: center; gap: 0.8rem; flex-wrap: wrap; }
#run-bar progress { width: 16rem; height: 1rem; }
#status { margin: 0; }
#summary { font-size: 1.1rem; background: white; border-left: 4px solid #0072B2; padding: 0.6rem 0.9rem; }
#summary:empty { display: none; }
#sections section, #scenario-file { background: white; border: 1px solid #ddd; border-radius: 6px;
  padding: 0.6rem 1rem; margin: 0 0 1rem; }
#sections h2, #scenario-file h2 { font-size: 1.15rem; margin: 0.2rem 0 0.5rem; }
figure { margin: 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9rem; margin-top: 0.3rem; }
table { border-collapse: collapse; margin-top: 0.6rem; font-size: 0.9rem; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #e3e3e3; text-align: right; }
th:first-child, td:first-child { text-align: left; }
pre { background: #f4f4f4; padding: 0.6rem; overflow: auto; max-height: 24rem; font-size: 0.85rem; }
`;
