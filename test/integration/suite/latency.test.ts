// Measures edit → updated diagnostics in the real VS Code on a 2,000-line document (reported, not
// asserted: speed is a benchmark figure; the test asserts that every edit's diagnostics arrive).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, fixtureUri } from './helpers';

const EDITS = 20;
const WRONG = '2(y - \\hat y)';
const RIGHT = '-2(y - \\hat y)';

function document2000Lines(): string {
  const block = [
    '## A step',
    '',
    'Some prose around the derivation, with **bold** text and `code`.',
    '',
    '$$',
    `\\frac{\\partial L}{\\partial d} = ${RIGHT}`,
    '$$',
    '',
    "and inline $\\frac{\\partial L}{\\partial b_i} = -2(y - \\hat y)C_i\\sigma'(z_i)$ too.",
    '',
  ];
  const lines: string[] = [];
  while (lines.length < 2000) lines.push(...block);
  return lines.join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

suite('edit → diagnostics latency (2,000-line Markdown document)', () => {
  test(`measures ${EDITS} edits`, async function () {
    this.timeout(180_000);
    await activeApi();
    const uri = fixtureUri('latency.generated.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(document2000Lines()));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const debounceMs = vscode.workspace.getConfiguration('derivcheck').get<number>('debounceMs', 300);
    const mismatches = () => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'mismatch').length;
    const changed = (want: number) =>
      new Promise<void>((resolve) => {
        const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
          if (event.uris.some((u) => u.toString() === uri.toString()) && mismatches() === want) {
            subscription.dispose();
            resolve();
          }
        });
        if (mismatches() === want) {
          subscription.dispose();
          resolve();
        }
      });
    await changed(0);
    const claimLines = document
      .getText()
      .split('\n')
      .flatMap((line, index) => (line.startsWith('\\frac{\\partial L}{\\partial d}') ? [index] : []));
    assert.ok(claimLines.length >= 200, `${claimLines.length} display claims`);
    const samples: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const line = claimLines[(i * 37) % claimLines.length];
      const text = document.lineAt(line).text;
      const broken = text.endsWith(` ${RIGHT}`);
      const edit = new vscode.WorkspaceEdit();
      const start = text.lastIndexOf(broken ? RIGHT : WRONG);
      edit.replace(uri, new vscode.Range(line, start, line, text.length), broken ? WRONG : RIGHT);
      const want = mismatches() + (broken ? 1 : -1);
      const arrived = changed(want);
      const started = performance.now();
      assert.ok(await vscode.workspace.applyEdit(edit));
      await arrived;
      samples.push(performance.now() - started);
    }
    const afterDebounce = samples.map((s) => s - debounceMs).sort((a, b) => a - b);
    const result = {
      lines: document.lineCount,
      edits: EDITS,
      debounceMs,
      p50AfterDebounceMs: Math.round(percentile(afterDebounce, 50)),
      p95AfterDebounceMs: Math.round(percentile(afterDebounce, 95)),
      maxAfterDebounceMs: Math.round(afterDebounce[afterDebounce.length - 1]),
    };
    console.log(`latency: ${JSON.stringify(result)}`);
    const artifacts = path.resolve(__dirname, '..', '..', '..', 'test-artifacts');
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'latency.json'), `${JSON.stringify(result, null, 2)}\n`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
});
