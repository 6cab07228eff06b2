import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.[cm]?[jt]s$/.test(name)) out.push(path);
  }
  return out;
}

describe('layering', () => {
  for (const layer of ['src/engine', 'src/cli', 'src/server']) {
    it(`${layer} never imports vscode, so it runs without an editor`, () => {
      const offenders = sources(join(ROOT, layer)).filter((file) => IMPORTS_VSCODE.test(readFileSync(file, 'utf8')));
      assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
    });
  }

  it('the check itself notices an import of vscode', () => {
    assert.ok(IMPORTS_VSCODE.test("import * as vscode from 'vscode';"));
    assert.ok(IMPORTS_VSCODE.test("const vscode = require('vscode');"));
  });
});
