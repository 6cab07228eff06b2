// The import rules of .dependency-cruiser.cjs (npm run lint:deps, part of npm test) catch what they
// are for: run on a small tree that breaks each of them, they name every break.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../support/paths';


/** Violations found by the project's rules in a tree of `files`, as `rule: from → to`. */
function violations(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-deps-'));
  try {
    copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'preserve', moduleResolution: 'bundler', strict: true } }));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    let output: string;
    try {
      output = execFileSync(process.execPath, [join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    const result = JSON.parse(output) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the import rules', () => {
  it('pass a tree that keeps them', () => {
    assert.deepEqual(violations({
      'src/engine/source/location.ts': 'export const x = 1;\n',
      'src/engine/parse/parser.ts': "import { x } from '../source/location';\nexport const y = x;\n",
      'src/engine/check/document.ts': "import { y } from '../parse/parser';\nexport const z = y;\n",
      'src/client/extension.ts': "import * as vscode from 'vscode';\nimport { k } from '../engine/extract/kinds';\nexport const w = [vscode, k];\n",
      'src/engine/extract/kinds.ts': 'export const k = 1;\n',
    }), []);
  });

  it('name an upward import, a cycle, vscode outside the client and the engine inside the client', () => {
    const found = violations({
      'src/engine/parse/parser.ts': "import { z } from '../check/document';\nexport const y = z;\n",
      'src/engine/check/document.ts': 'export const z = 1;\n',
      'src/engine/source/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/engine/source/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'src/server/server.ts': "import * as vscode from 'vscode';\nexport const s = vscode;\n",
      'src/client/extension.ts': "import { z } from '../engine/check/document';\nexport const c = z;\n",
    });
    const rules = new Set(found.map((v) => v.slice(0, v.indexOf(':'))));
    assert.deepEqual([...rules].sort(), ['client-reads-only-protocol-and-data', 'engine-parse-imports-down', 'no-circular', 'vscode-only-in-the-client'], found.join('\n'));
    assert.ok(found.includes('engine-parse-imports-down: src/engine/parse/parser.ts → src/engine/check/document.ts'), found.join('\n'));
  });
});
