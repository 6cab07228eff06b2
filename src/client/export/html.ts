import katex from 'katex';
import type { Report } from '../../protocol/protocol';
import { reportView } from '../../../media/view';
import { escapeHtml, KATEX_OPTIONS, toHtml } from '../../../media/view-node';
import { htmlPage } from '../page';

/** The theme variables report.css uses, with fixed values for a file opened outside VS Code. */
const THEME = `
:root {
  color-scheme: light dark;
  --vscode-foreground: #1f1f1f; --vscode-editor-background: #ffffff;
  --vscode-descriptionForeground: #616161; --vscode-widget-border: #e0e0e0; --vscode-panel-border: #e0e0e0;
  --vscode-editorWidget-background: #f8f8f8; --vscode-list-hoverBackground: #f8f8f8; --vscode-focusBorder: #0090f1;
  --vscode-testing-iconPassed: #388a34; --vscode-editorError-foreground: #e51400; --vscode-errorForeground: #e51400;
  --vscode-editorWarning-foreground: #bf8803; --vscode-charts-blue: #1a85ff; --vscode-charts-red: #e51400;
  --vscode-charts-green: #388a34; --vscode-textPreformat-foreground: #a31515;
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif; --vscode-font-size: 14px;
  --vscode-editor-font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f;
    --vscode-descriptionForeground: #9d9d9d; --vscode-widget-border: #3c3c3c; --vscode-panel-border: #3c3c3c;
    --vscode-editorWidget-background: #252526; --vscode-list-hoverBackground: #2a2d2e;
    --vscode-testing-iconPassed: #73c991; --vscode-editorError-foreground: #f14c4c; --vscode-errorForeground: #f14c4c;
    --vscode-editorWarning-foreground: #cca700; --vscode-charts-blue: #3794ff; --vscode-charts-red: #f14c4c;
    --vscode-charts-green: #89d185; --vscode-textPreformat-foreground: #d7ba7d;
  }
}
body { max-width: 60em; margin: 0 auto; }
.claim { cursor: default; }
footer { margin-top: 2em; font-size: 0.85em; color: var(--vscode-descriptionForeground); }
`;

export interface HtmlAssets {
  /** KaTeX's stylesheet with its fonts inlined as data: URIs. */
  readonly katexCss: string;
  /** media/report.css. */
  readonly reportCss: string;
}

/**
 * A self-contained HTML report (the shell of ../page.ts): the panel's view, math rendered by KaTeX
 * here on the host, inline SVG plots and inline CSS (fonts included). No script; the CSP forbids
 * loading anything.
 */
export function reportHtml(report: Report, documentName: string, assets: HtmlAssets, generator: string): string {
  const body = toHtml(reportView(report, { documentName, interactive: false }), (latex, display) =>
    katex.renderToString(latex, { ...KATEX_OPTIONS, displayMode: display }),
  );
  return htmlPage({
    title: `Derivations: ${documentName}`,
    allow: ["style-src 'unsafe-inline'", 'font-src data:', 'img-src data:'],
    meta: { generator },
    stylesheets: [{ css: assets.katexCss }, { css: `${THEME}\n${assets.reportCss}` }],
    body:
      `<main>${body}</main>\n` +
      `<footer>Checked by ${escapeHtml(generator)} on ${escapeHtml(new Date().toISOString().slice(0, 10))}.</footer>`,
  });
}

/** Replaces KaTeX's `url(fonts/X.woff2)` references with data: URIs. */
export function inlineFonts(css: string, readFont: (name: string) => Promise<Uint8Array | undefined>): Promise<string> {
  const names = [...new Set([...css.matchAll(/url\(fonts\/([\w-]+\.woff2)\)/g)].map((m) => m[1]))];
  return Promise.all(names.map(async (name) => [name, await readFont(name)] as const)).then((fonts) => {
    let result = css;
    for (const [name, data] of fonts) {
      if (!data) continue;
      result = result.split(`url(fonts/${name})`).join(`url(data:font/woff2;base64,${Buffer.from(data).toString('base64')})`);
    }
    return result;
  });
}
