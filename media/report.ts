// The report panel's script (bundled to dist/report.js, target web). It builds the DOM from the
// host's report with createElement/textContent; KaTeX renders the math (with DOM APIs, so its
// inline styles pass the CSP). All messages follow HostToWebview/WebviewToHost.
import katex from 'katex';
import type { HostToWebview, PanelState, Range, Report, WebviewToHost } from '../src/protocol/protocol';
import { COPY_LABEL, FILTERS, reportView, type Filter } from './view';
import { KATEX_OPTIONS, type ViewNode } from './view-node';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SVG_NS = 'http://www.w3.org/2000/svg';
const root = document.getElementById('root') as HTMLElement;
/** The ranges of the rendered claims, by id (the DOM holds only the id). */
let ranges = new Map<string, { uri: string; range: Range }>();

function toDom(node: ViewNode): Node {
  if (node.tag === '#text') return document.createTextNode(node.text ?? '');
  const element = node.svg ? document.createElementNS(SVG_NS, node.tag) : document.createElement(node.tag);
  for (const [key, value] of Object.entries(node.attrs ?? {})) element.setAttribute(key, value);
  if (node.math) {
    renderMath(element as HTMLElement, node.math.latex, node.math.display);
  } else {
    for (const child of node.children ?? []) element.appendChild(toDom(child));
    if (node.text !== undefined) element.appendChild(document.createTextNode(node.text));
  }
  return element;
}

function renderMath(element: HTMLElement, latex: string, display: boolean): void {
  try {
    // Errors are thrown and shown here: KaTeX's own error span sets a style attribute, which the
    // CSP (no 'unsafe-inline') blocks and reports as a violation.
    katex.render(latex, element, { ...KATEX_OPTIONS, displayMode: display, throwOnError: true });
  } catch (error) {
    element.replaceChildren();
    element.textContent = latex;
    element.classList.add('math-error');
    element.title = error instanceof Error ? error.message : String(error);
  }
}

function documentName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name) || uri;
  } catch {
    return name || uri; // a malformed %-escape: show the name as it is rather than no report
  }
}

function render(report: Report | null, focus: string | undefined): void {
  ranges = new Map();
  for (const block of report?.blocks ?? []) for (const claim of block.claims) ranges.set(claim.id, { uri: block.cell?.uri ?? report!.uri, range: claim.range });
  const view = reportView(report, { documentName: report ? documentName(report.uri) : '', interactive: true });
  root.replaceChildren(toDom(view));
  applyFilter(filter);
  document.title = report ? `Derivations: ${documentName(report.uri)}` : 'Derivations';
  if (report) vscode.setState({ uri: report.uri });
  if (focus) focusClaim(focus);
  vscode.postMessage({ type: 'rendered', uri: report?.uri ?? null, version: report?.version ?? -1, claims: ranges.size });
}

/** The rows shown: kept across the live re-renders of the report. */
let filter: Filter = 'all';

function applyFilter(value: Filter): void {
  filter = value;
  root.querySelector<HTMLElement>('.report')?.setAttribute('data-filter', value);
  for (const button of root.querySelectorAll<HTMLElement>('button.filter')) button.setAttribute('aria-pressed', String(button.dataset.filter === value));
}

function focusClaim(claimId: string): void {
  for (const old of root.querySelectorAll('.claim.focused')) old.classList.remove('focused');
  const row = root.querySelector<HTMLElement>(`.claim[data-claim-id="${CSS.escape(claimId)}"]`);
  if (!row) return;
  row.classList.add('focused');
  // Scrolled to and highlighted, not focused: the editor keeps the keyboard.
  row.scrollIntoView({ block: 'center' });
}

function reveal(row: HTMLElement): void {
  const id = row.dataset.claimId;
  const target = id !== undefined ? ranges.get(id) : undefined;
  if (!target) return;
  for (const old of root.querySelectorAll('.claim.focused')) old.classList.remove('focused');
  row.classList.add('focused');
  vscode.postMessage({ type: 'reveal', uri: target.uri, range: target.range });
}

// One delegated listener for the rows and the copy buttons (no inline handlers).
root.addEventListener('click', (event) => {
  const target = event.target as Element;
  const chosen = target.closest<HTMLElement>('button.filter');
  if (chosen) {
    const value = FILTERS.find((f) => f.value === chosen.dataset.filter)?.value;
    if (value) applyFilter(value);
    return;
  }
  const copy = target.closest<HTMLElement>('button.copy');
  if (copy) {
    vscode.postMessage({ type: 'copy', text: copy.dataset.latex ?? '' });
    return;
  }
  if (window.getSelection()?.toString()) return; // selecting text to copy is not a click on the row
  const row = target.closest<HTMLElement>('.claim');
  if (row) reveal(row);
});
root.addEventListener('keydown', (event) => {
  const row = (event.target as Element).closest<HTMLElement>('.claim');
  if (row && event.target === row && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    reveal(row);
  }
});

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'report':
      render(message.report, message.focus);
      break;
    case 'focus':
      focusClaim(message.claimId);
      break;
    case 'copied':
      confirmCopied(message.text);
      break;
  }
});

/** How long a copy button reads "Copied" before it reads "Copy LaTeX" again. */
const COPIED_MS = 2000;

function confirmCopied(text: string): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button.copy')) {
    if (button.dataset.latex !== text) continue;
    button.textContent = 'Copied';
    button.classList.add('copied');
    setTimeout(() => {
      button.textContent = COPY_LABEL;
      button.classList.remove('copied');
    }, COPIED_MS);
  }
}

vscode.postMessage({ type: 'ready' });
