/**
 * A tiny element tree, built by pure functions (view.ts, plot.ts) and turned either into DOM nodes
 * in the webview (report.ts) or into an HTML string on the host (Export Report). Text is always
 * text: the DOM builder uses textContent, the string builder escapes it. Math nodes hold LaTeX that
 * KaTeX renders (KaTeX's output is the only markup that is not built here).
 */
export interface ViewNode {
  readonly tag: string;
  /** SVG elements need the SVG namespace in the DOM. */
  readonly svg?: boolean;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly children?: readonly ViewNode[];
  readonly text?: string;
  /** Rendered by KaTeX into this element. */
  readonly math?: { readonly latex: string; readonly display: boolean };
}

export function h(
  tag: string,
  attrs: Readonly<Record<string, string | undefined>> = {},
  ...children: (ViewNode | string | undefined | false)[]
): ViewNode {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) clean[key] = value;
  const nodes = children
    .filter((c): c is ViewNode | string => c !== undefined && c !== false)
    .map((c) => (typeof c === 'string' ? { tag: '#text', text: c } : c));
  return { tag, attrs: clean, children: nodes };
}

export function svg(tag: string, attrs: Readonly<Record<string, string>> = {}, ...children: (ViewNode | string)[]): ViewNode {
  return { ...h(tag, attrs, ...children), svg: true };
}

export function math(latex: string, display: boolean, className: string): ViewNode {
  return { tag: 'div', attrs: { class: className }, math: { latex, display } };
}

/** KaTeX's options everywhere: no trust, no macro bombs, errors rendered in place. */
export const KATEX_OPTIONS = {
  trust: false,
  strict: 'ignore',
  throwOnError: false,
  maxExpand: 1000,
  maxSize: 10,
  output: 'htmlAndMathml',
} as const;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Serializes a tree to HTML; `renderMath` turns LaTeX into markup (KaTeX's renderToString). */
export function toHtml(node: ViewNode, renderMath: (latex: string, display: boolean) => string): string {
  if (node.tag === '#text') return escapeHtml(node.text ?? '');
  const attrs = Object.entries(node.attrs ?? {})
    .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
    .join('');
  const inner = node.math
    ? renderMath(node.math.latex, node.math.display)
    : (node.children ?? []).map((c) => toHtml(c, renderMath)).join('') + (node.text !== undefined ? escapeHtml(node.text) : '');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
