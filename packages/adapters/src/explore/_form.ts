/// <reference lib="dom" />
/**
 * The explorer's form: draws every control from its definition (a label for each, its help and
 * its error tied to it with aria-describedby, in the order of the definitions, which is the tab
 * order), reads the values back, and shows the validator's issues at their controls.
 * @internal
 * @module
 */
import { CONTROL_GROUPS, PRESETS, RUN_CONTROLS, type Control } from "./_controls";
import { parseNumber, type ControlIssue, type ControlValue, type ExplorerState } from "./_explorerState";

const inputId = (id: string) => `c-${id}`;
const helpId = (id: string) => `h-${id}`;
const errorId = (id: string) => `e-${id}`;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function controlRow(c: Control): HTMLElement {
  const row = element("div", { class: `control ${c.kind}` });
  const input = element("input", {
    id: inputId(c.id),
    name: c.id,
    "aria-describedby": `${helpId(c.id)} ${errorId(c.id)}`,
  });
  const label = element("label", { for: inputId(c.id) }, c.label);
  if (c.kind === "toggle") {
    input.type = "checkbox";
    row.append(input, document.createTextNode(" "), label);
  } else {
    input.type = "number";
    input.inputMode = "decimal";
    input.min = String(c.min);
    if (c.max !== undefined) input.max = String(c.max);
    input.step = String(c.step);
    row.append(label, input);
  }
  row.append(element("small", { id: helpId(c.id), class: "help" }, c.help));
  row.append(element("span", { id: errorId(c.id), class: "error" }));
  return row;
}

/** Draws the form into `form`: the preset, the run settings, each group, the buttons. */
export function drawForm(form: HTMLFormElement): void {
  const scenario = element("fieldset");
  scenario.append(element("legend", {}, "Scenario"));
  const row = element("div", { class: "control" });
  const select = element("select", { id: "preset", name: "preset", "aria-describedby": "h-preset" });
  for (const [name, p] of Object.entries(PRESETS)) select.append(element("option", { value: name }, p.label));
  row.append(element("label", { for: "preset" }, "Built-in scenario to start from"), select);
  row.append(
    element("small", { id: "h-preset", class: "help" }, "Sets the policies below as in the built-in scenario."),
  );
  scenario.append(row);
  form.append(scenario);

  const run = element("fieldset");
  run.append(element("legend", {}, "Run"));
  for (const c of RUN_CONTROLS) run.append(controlRow(c));
  form.append(run);

  for (const group of CONTROL_GROUPS) {
    const set = element("fieldset", { id: `g-${group.id}` });
    set.append(element("legend", {}, group.legend), element("p", { class: "group-help" }, group.help));
    for (const c of group.controls) set.append(controlRow(c));
    form.append(set);
  }

  const buttons = element("div", { id: "buttons" });
  buttons.append(
    element("button", { type: "submit", id: "run" }, "Run"),
    element("button", { type: "button", id: "cancel", disabled: "" }, "Cancel"),
    element("button", { type: "button", id: "reset" }, "Reset to the built-in scenario"),
  );
  form.append(buttons, element("p", { id: "form-error", role: "alert" }));
}

function input(id: string): HTMLInputElement {
  return document.getElementById(inputId(id)) as HTMLInputElement;
}

/** Puts a state into the form (and disables the fields of policies switched off). */
export function writeForm(state: ExplorerState): void {
  (document.getElementById("preset") as HTMLSelectElement).value = state.preset;
  for (const c of [...RUN_CONTROLS, ...CONTROL_GROUPS.flatMap((g) => g.controls)]) {
    const value = state.values[c.id];
    if (c.kind === "toggle") input(c.id).checked = value === true;
    else input(c.id).value = String(value);
  }
  syncDisabled();
}

/** The fields of a policy group are disabled while its switch is off. */
export function syncDisabled(): void {
  for (const group of CONTROL_GROUPS) {
    if (!group.policy) continue;
    const on = input(`${group.id}.on`).checked;
    for (const c of group.controls) if (c.kind === "number") input(c.id).disabled = !on;
  }
}

/** The state the form holds. */
export function readForm(): ExplorerState {
  const values: Record<string, ControlValue> = {};
  for (const c of [...RUN_CONTROLS, ...CONTROL_GROUPS.flatMap((g) => g.controls)]) {
    const field = input(c.id);
    values[c.id] = c.kind === "toggle" ? field.checked : parseNumber(field.value);
  }
  return { preset: (document.getElementById("preset") as HTMLSelectElement).value, values };
}

/** Shows each issue at its control (aria-invalid, the message in its error line); others below the buttons. */
export function showIssues(issues: readonly ControlIssue[]): void {
  const byControl = new Map<string, string[]>();
  const general: string[] = [];
  for (const i of issues) {
    if (i.control === undefined) general.push(`${i.path}: ${i.message}`);
    else byControl.set(i.control, [...(byControl.get(i.control) ?? []), i.message]);
  }
  for (const c of [...RUN_CONTROLS, ...CONTROL_GROUPS.flatMap((g) => g.controls)]) {
    const messages = [...new Set(byControl.get(c.id) ?? [])];
    const field = input(c.id);
    if (messages.length > 0) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    (document.getElementById(errorId(c.id)) as HTMLElement).textContent = messages.join("; ");
  }
  (document.getElementById("form-error") as HTMLElement).textContent =
    issues.length === 0
      ? ""
      : `Fix the ${issues.length === 1 ? "value marked" : "values marked"} above to run.` +
        (general.length > 0 ? ` ${general.join("; ")}` : "");
}
