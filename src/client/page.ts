// The one HTML shell of the report: the panel's webview page (src/client/panel/html.ts) and the
// exported file (src/client/export/html.ts) differ only in what they load and what their body
// holds. The shell owns what both must keep (SECURITY.md): a Content-Security-Policy that starts
// from `default-src 'none'` and closes `base-uri` and `form-action`, which do not fall back to it;
// every script by nonce; the title and every other attribute escaped.
import { escapeHtml } from '../../media/view-node';

/** A stylesheet: linked (the panel's, from the extension) or inline (the export's, self-contained). */
export type Stylesheet = { readonly href: string } | { readonly css: string };

export interface Page {
  readonly title: string;
  /**
   * What the page may load, as CSP directives (`style-src …`, `font-src …`); everything else
   * stays 'none'. The shell adds `default-src 'none'`, `base-uri 'none'` and `form-action 'none'`.
   */
  readonly allow: readonly string[];
  /** `<meta name content>` pairs (the export's generator). */
  readonly meta?: Readonly<Record<string, string>>;
  readonly stylesheets: readonly Stylesheet[];
  readonly bodyAttributes?: Readonly<Record<string, string>>;
  /** The body's markup, built by the caller with every document string escaped. */
  readonly body: string;
  /** Scripts by URL (the panel's); they need the nonce. */
  readonly scripts?: readonly string[];
  /** Put on every linked stylesheet and script (the CSP in `allow` names it). */
  readonly nonce?: string;
}

export function htmlPage(page: Page): string {
  const scripts = page.scripts ?? [];
  if (scripts.length > 0 && !page.nonce) throw new Error('a page with scripts needs a nonce');
  const nonce = page.nonce ? ` nonce="${escapeHtml(page.nonce)}"` : '';
  const attributes = (record: Readonly<Record<string, string>> = {}) =>
    Object.entries(record)
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join('');
  // Our own directives (and VS Code's webview source): quoted sources stay as written.
  const csp = ["default-src 'none'", ...page.allow, "base-uri 'none'", "form-action 'none'"].join('; ');
  if (csp.includes('"')) throw new Error(`a CSP directive with a double quote: ${csp}`);
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ...Object.entries(page.meta ?? {}).map(([name, content]) => `<meta${attributes({ name, content })}>`),
    ...page.stylesheets.map((s) => ('href' in s ? `<link rel="stylesheet"${nonce} href="${escapeHtml(s.href)}">` : `<style>${s.css}</style>`)),
    `<title>${escapeHtml(page.title)}</title>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
${head.join('\n')}
</head>
<body${attributes(page.bodyAttributes)}>
${page.body}
${scripts.map((src) => `<script${nonce} src="${escapeHtml(src)}"></script>\n`).join('')}</body>
</html>
`;
}
