// The report panel treats document content as untrusted (issue 6). Payloads go into claims, a
// directive, a heading, a link and the file name of a real document, and into every string field
// of a hostile report sent through the webview's message channel; then the webview's DOM (through
// the workbench bridge) must show them as text: no payload script ran, no element or link they
// ask for exists, and nothing even tried to load (no CSP violation).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, nextEvent, openFixture, type DerivcheckApi } from './helpers';
import { hasWorkbenchBridge, inWebview } from './workbench';

/** What every payload tries to do when it runs: set the title, a global, and talk to the host. */
const RUN = `document.title='PWNED';window.__derivcheckPwned=1;window.postMessage('pwned','*')`;
const IMG = `<img src=x onerror="${RUN}">`;
const SCRIPT = `</script><script>${RUN}</script>`;
const SVG = `"><svg onload="${RUN}">`;
const TEMPLATE = `{{constructor.constructor('${RUN.replace(/'/g, '"')}')()}}`;
const JS_URL = `javascript:${RUN}`;

/** A file name can carry markup (not `/`): the panel's heading shows it. */
const FILE_NAME = `xss <img src=x onerror=document.title='PWNED'> "><svg onload=document.title='PWNED'>.md`;

/**
 * The engine rejects most markup (an equation with `<` or `>` is not a claim; unknown commands are
 * unparsed), but `\text{…}` in a subscript reaches KaTeX as an unsupported claim: that is where
 * `\href`, `\url`, `\includegraphics` and `\htmlId` get rendered.
 */
const DOCUMENT = String.raw`# Payloads ${IMG} ${SCRIPT}

<!-- derivcheck: model=mlp -->
<!-- derivcheck: samples=${IMG} -->

A link: [${JS_URL}](${JS_URL}) and ${SVG}

$$
\frac{\partial L}{\partial d} = y_{\text{\href{${JS_URL}}{pred}}} - y_{true}
$$

$$
\frac{\partial L}{\partial d} = y_{\mathrm{\url{${JS_URL}}}} - y_{true}
$$

$$
\frac{\partial L}{\partial d} = y_{\text{\includegraphics{x.png}}} - y_{true}
$$

$$
\frac{\partial L}{\partial d} = y_{\text{\htmlId{pwned}{x}}} - y_{true}
$$

$$
\frac{\partial L}{\partial d} = y_{\text{${TEMPLATE}}} - y_{true}
$$

$$
\frac{\partial L}{\partial d} = 2(y_{pred} - y_{true} \href{${JS_URL}}{x}
$$

$$
\frac{\partial L}{\partial d} = y_{pred} - y_{true}
$$
`;

/**
 * Math that KaTeX would turn into links, images, ids, styles or data attributes if it trusted its
 * input, one kind per field (the \html* commands are strict-mode errors, which would fail a whole
 * expression and hide the others).
 */
const HOSTILE_TEX = {
  text: String.raw`\frac{\partial L}{\partial d} = \href{${JS_URL}}{x} + \text{${IMG}${SCRIPT}${SVG}}`,
  left: String.raw`\url{${JS_URL}} + \includegraphics{x.png}`,
  right: String.raw`\htmlId{pwned}{x} + \htmlData{onload=${RUN}}{x} + \htmlStyle{background:url(x.png)}{x}`,
  expected: String.raw`\href{${JS_URL}}{\includegraphics[width=1em]{https://example.com/x.png}}`,
};
const HOSTILE_TEXT = `${IMG} ${SCRIPT} ${SVG} ${TEMPLATE} ${JS_URL}`;
/** A URI whose name is markup and a malformed %-escape. */
const HOSTILE_URI = `untitled:/%zz${encodeURIComponent(IMG)}`;

/** The report a compromised server could send: every string field carries the payloads. */
function hostileReport(): unknown {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
  const sweep = { variable: HOSTILE_TEXT, xs: [0, 1, 2], claimed: [0, 1, 2], expected: [0, 2, 4] };
  const claim = (id: string, verdict: string) => ({
    id: `${id}${SVG}`,
    range,
    text: HOSTILE_TEX.text,
    latex: `${HOSTILE_TEX.left} = ${HOSTILE_TEX.right}`,
    verdict,
    target: HOSTILE_TEXT,
    message: HOSTILE_TEXT,
    expectedLatex: HOSTILE_TEX.expected,
    counterexample: { values: [{ name: HOSTILE_TEXT, value: HOSTILE_TEXT }], claimed: HOSTILE_TEXT, expected: HOSTILE_TEXT },
    points: 3,
    maxError: 1,
    sweep,
  });
  return {
    type: 'report',
    focus: `0:0${SVG}`,
    report: {
      uri: HOSTILE_URI,
      version: 1,
      blocks: [
        {
          index: 0,
          range,
          claims: [claim('0:0', 'mismatch'), claim('0:1', 'unparsed'), claim('0:2', 'unsupported'), claim('0:3', 'verified'), { ...claim('0:4', 'mismatch'), latex: HOSTILE_TEX.text }, { ...claim('0:5', 'unsupported'), latex: undefined }],
        },
      ],
      summary: { verified: 1, mismatch: 2, unparsed: 1, unsupported: 2 },
      samplePoint: [{ name: HOSTILE_TEXT, value: HOSTILE_TEXT }],
    },
  };
}

interface DomAudit {
  title: string;
  pwned: unknown;
  hostMessages: unknown[];
  violations: string[];
  /** Elements with an on* attribute, anywhere. */
  handlers: string[];
  /** img, iframe, object, embed, a, form, base, …, and anything with a URL attribute, in the report. */
  forbidden: string[];
  /** svg elements that are neither our plots nor KaTeX's own drawings. */
  strangeSvgs: string[];
  scripts: string[];
  scriptsInReport: number;
  links: string[];
  ids: string[];
  text: string;
  claims: number;
}

/** Runs in the webview. */
const AUDIT = `() => {
  const root = document.getElementById('root');
  const describe = (e) => e.outerHTML.slice(0, 160);
  return {
    title: document.title,
    pwned: window.__derivcheckPwned ?? null,
    hostMessages: window.__derivcheckMessages ?? [],
    violations: window.__derivcheckViolations ?? [],
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + ' ' + a.name)),
    forbidden: [...root.querySelectorAll(
      'img, image, picture, video, audio, source, track, iframe, frame, object, embed, applet, a, area, form, input, base, link, meta, script, style, ' +
      'foreignObject, use, animate, set, [href], [src], [srcdoc], [action], [formaction], [data], [poster], [background]'
    )].map(describe)
      .concat([...root.querySelectorAll('[style]')].filter((e) => /url\\(|expression\\(|javascript:/i.test(e.getAttribute('style'))).map(describe)),
    strangeSvgs: [...document.querySelectorAll('svg')].filter((s) => !s.matches('svg.plot') && !s.closest('.katex-html')).map(describe),
    scripts: [...document.scripts].map((s) => (s.nonce ? 'nonce ' : 'no nonce ') + (s.getAttribute('src') ?? 'inline ' + s.textContent.slice(0, 80))),
    scriptsInReport: root.querySelectorAll('script').length,
    links: [...document.querySelectorAll('link')].map((l) => l.rel + ' ' + (l.nonce ? 'nonce' : 'no nonce')),
    ids: [...root.querySelectorAll('[id]')].map((e) => e.id),
    text: root.textContent,
    claims: root.querySelectorAll('.claim').length,
  };
}`;

/** Installs the observers the audit reads: CSP violations, and messages a payload might post. */
const OBSERVE = `() => {
  window.__derivcheckViolations = [];
  window.__derivcheckMessages = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__derivcheckViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.addEventListener('message', (e) => { if (e.data === 'pwned') window.__derivcheckMessages.push(e.data); });
  return true;
}`;

function assertSafe(audit: DomAudit, what: string): void {
  assert.equal(audit.pwned, null, `${what}: no payload script ran (window.__derivcheckPwned)`);
  assert.notEqual(audit.title, 'PWNED', `${what}: no payload script ran (document.title)`);
  assert.deepEqual(audit.hostMessages, [], `${what}: no payload posted a message`);
  assert.deepEqual(audit.handlers, [], `${what}: no element has an event handler attribute`);
  assert.deepEqual(audit.forbidden, [], `${what}: no image, frame, object, link, form or URL attribute in the report`);
  assert.deepEqual(audit.strangeSvgs, [], `${what}: no svg but the plots and KaTeX's`);
  assert.deepEqual(audit.ids.filter((id) => id !== 'root'), [], `${what}: no element ids from \\htmlId`);
  // Ours (by nonce) and the one VS Code injects into every webview (acquireVsCodeApi), nothing else.
  const ours = audit.scripts.filter((s) => /^nonce .*\/dist\/report\.js$/.test(s));
  const vscodeShim = audit.scripts.filter((s) => /^no nonce inline\s+globalThis\.acquireVsCodeApi/.test(s));
  assert.equal(ours.length, 1, `${what}: the panel's script, with its nonce: ${audit.scripts.join(' | ')}`);
  assert.equal(audit.scripts.length, ours.length + vscodeShim.length, `${what}: no other script: ${audit.scripts.join(' | ')}`);
  assert.equal(audit.scriptsInReport, 0, `${what}: no script inside the report`);
  assert.deepEqual(audit.links, ['stylesheet nonce', 'stylesheet nonce'], `${what}: only KaTeX's stylesheet and ours`);
  assert.deepEqual(audit.violations, [], `${what}: nothing tried to load or run against the CSP`);
}

suite('security: the report panel shows document content as text', function () {
  let api: DerivcheckApi;
  let folder: string;
  let uri: vscode.Uri;

  suiteSetup(async function () {
    if (!hasWorkbenchBridge) this.skip(); // the desktop launcher has no Playwright page
    await closeAllEditors();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'derivcheck-xss-'));
    uri = vscode.Uri.file(path.join(folder, FILE_NAME));
    fs.writeFileSync(uri.fsPath, DOCUMENT);
    await openFixture('report.md');
    api = await activeApi();
  });

  suiteTeardown(async () => {
    if (!hasWorkbenchBridge) return;
    await closeAllEditors();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('the CSP: nothing by default, a nonce for the script and the stylesheets, no inline code', async () => {
    const shown = nextEvent(api.panel.onDidRender, (r) => r.uri?.endsWith('report.md') === true, 'the panel to render report.md');
    await vscode.commands.executeCommand('derivcheck.showReport');
    await shown;
    const csp = await inWebview<string>(
      `() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')`,
      '.claim',
    );
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.match(directives.get('script-src')?.join(' ') ?? '', /^'nonce-[\w-]{16,}'$/, 'scripts only by nonce');
    assert.ok(directives.get('style-src')?.some((v) => /^'nonce-/.test(v)), 'stylesheets by nonce');
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.deepEqual(directives.get('form-action'), ["'none'"]);
    for (const name of ['img-src', 'connect-src', 'frame-src', 'child-src', 'object-src', 'media-src', 'worker-src']) {
      assert.ok(!directives.has(name), `no ${name}: it falls back to default-src 'none'`);
    }
    for (const [name, values] of directives) {
      assert.ok(!values.some((v) => /unsafe-|data:|^\*$/.test(v)), `${name} allows nothing inline, no eval, no data: URIs: ${values.join(' ')}`);
    }
  });

  test('payloads in claims, a directive, a heading, a link and the file name: shown as text, nothing runs', async () => {
    // Observers first (the panel is open on report.md), then the panel follows the payload document.
    await inWebview(OBSERVE, '.claim');
    const rendered = nextEvent(api.panel.onDidRender, (r) => r.uri === uri.toString() && r.claims > 0, 'the panel to render the payload document');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One, preview: false });
    const { claims } = await rendered;
    assert.equal(claims, 7, 'every math block is a claim in the report');
    const audit = await inWebview<DomAudit>(AUDIT, '.claim');
    assert.equal(audit.claims, 7);
    assertSafe(audit, 'payload document');
    // The payloads are there, as text.
    assert.ok(audit.text.includes(`<img src=x onerror=document.title='PWNED'>`), 'the file name with its <img> shows as text');
    assert.ok(audit.text.includes(`"><svg onload=document.title='PWNED'>`), 'the file name with its <svg> shows as text');
    assert.ok(audit.text.includes(`\\href{${JS_URL}}`), 'the \\href payload shows as text');
    assert.ok(audit.text.includes(`\\url{${JS_URL}}`), 'the \\url payload shows as text');
    assert.ok(audit.text.includes(TEMPLATE), 'the template payload shows as text, unevaluated');
  });

  test('a hostile report through the message channel: every field shown as text, nothing runs', async () => {
    await inWebview(OBSERVE, '.claim');
    const rendered = nextEvent(api.panel.onDidRender, (r) => r.uri === HOSTILE_URI, 'the webview to render the hostile report');
    await inWebview(`() => { window.postMessage(${JSON.stringify(hostileReport())}, '*'); return true; }`);
    const { claims } = await rendered;
    assert.equal(claims, 6);
    const audit = await inWebview<DomAudit>(AUDIT, '.claim');
    assertSafe(audit, 'hostile report');
    for (const payload of [IMG, SCRIPT, SVG, TEMPLATE, JS_URL]) assert.ok(audit.text.includes(payload), `shown as text: ${payload}`);
    assert.ok(audit.text.includes('Derivations in %zz'), 'a malformed %-escape in the URI still renders, with the name as it is');
    // Back to a real report, so that the panel's saved state is a real document again.
    const back = nextEvent(api.panel.onDidRender, (r) => r.uri === uri.toString(), 'the panel back on the payload document');
    await vscode.commands.executeCommand('derivcheck.showReport', uri.toString());
    await back;
  });
});
