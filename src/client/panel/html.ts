import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The folders the webview may load from (and nothing else). */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c] ?? '');
}

/**
 * The panel's page: a strict CSP (nothing by default; nonce'd script and stylesheets, KaTeX's fonts
 * from the extension; no images, frames, connections, forms or <base>: document content is
 * untrusted), KaTeX's stylesheet and ours, and the script that builds everything else.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const n = nonce();
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `script-src 'nonce-${n}'`,
    `font-src ${webview.cspSource}`,
    // Directives that do not fall back to default-src.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${n}" href="${asset('dist', 'katex', 'katex.min.css')}">
<link rel="stylesheet" nonce="${n}" href="${asset('media', 'report.css')}">
<title>Derivations</title>
</head>
<body data-derivcheck-report="">
<main id="root" aria-live="polite"><p class="empty">Loading the report…</p></main>
<script nonce="${n}" src="${asset('dist', 'report.js')}"></script>
</body>
</html>`;
}
