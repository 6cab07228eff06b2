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

/**
 * KaTeX's strict mode for document math. Unicode in math (ŷ, σ, −, ∂) is how students write in
 * plain notation, so those two codes are ignored; HTML extensions (\htmlId, \htmlClass, …) are
 * errors, shown as their source; every other deviation from LaTeX is a console warning,
 * since turning a student's whole claim red over a style nit would hide their math.
 */
export function katexStrict(errorCode: string): 'ignore' | 'warn' | 'error' {
  if (errorCode === 'unicodeTextInMathMode' || errorCode === 'unknownSymbol') return 'ignore';
  if (errorCode === 'htmlExtension') return 'error';
  return 'warn';
}

/**
 * KaTeX's options everywhere (panel and Export Report): document math is untrusted, so no `trust`
 * (no \href, \url, \includegraphics, \html* output), strict mode as above, and limits
 * against macro bombs (`maxExpand`) and huge boxes (`maxSize`, in ems); errors render in place.
 */
export const KATEX_OPTIONS = {
  trust: false,
  strict: katexStrict,
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
