import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { htmlPage } from '../page';

/** The folders the webview may load from (and nothing else). */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c] ?? '');
}

/**
 * The panel's page (the shell of ../page.ts): nonce'd script and stylesheets, KaTeX's fonts from
 * the extension, nothing else (no images, frames or connections: document content is untrusted),
 * KaTeX's stylesheet and ours, and the script that builds everything else.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const n = nonce();
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return htmlPage({
    title: 'Derivations',
    allow: [`style-src ${webview.cspSource} 'nonce-${n}'`, `script-src 'nonce-${n}'`, `font-src ${webview.cspSource}`],
    nonce: n,
    stylesheets: [{ href: asset('dist', 'katex', 'katex.min.css') }, { href: asset('media', 'report.css') }],
    bodyAttributes: { 'data-derivcheck-report': '' },
    body: '<main id="root" aria-live="polite"><p class="empty">Loading the report…</p></main>',
    scripts: [asset('dist', 'report.js')],
  });
}
