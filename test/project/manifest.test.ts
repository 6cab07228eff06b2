// package.json against the registries it is generated from (scripts/sync-manifest.ts).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MANIFEST_PATH, manifestText, syncedManifest } from '../../scripts/sync-manifest';
import { DOCUMENT_KINDS } from '../../src/engine/extract/kinds';
import { MODEL_CHOICES } from '../../src/engine/models/registry';
import { SIGMA_CHOICES } from '../../src/engine/evaluate/activations';

const text = readFileSync(MANIFEST_PATH, 'utf8');
const manifest = JSON.parse(text);
const properties = manifest.contributes.configuration.properties;

describe('package.json, generated from the registries', () => {
  it('is what `npm run sync-manifest` writes', () => {
    assert.equal(text, manifestText(syncedManifest(manifest)), 'package.json differs from the registries: run npm run sync-manifest');
  });

  it('activates on, and checks by default, every language id of every document kind', () => {
    const ids = DOCUMENT_KINDS.flatMap((k) => k.languageIds);
    assert.ok(ids.includes('javascriptreact') && ids.includes('latex-expl3'));
    for (const id of ids) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), `activates on ${id}`);
      assert.ok(properties['derivcheck.languages'].default.includes(id), `checks ${id} by default`);
    }
    assert.equal(properties['derivcheck.languages'].default.length, ids.length);
    assert.ok(manifest.activationEvents.includes('onNotebook:jupyter-notebook'));
    assert.ok(!manifest.activationEvents.includes('*'));
  });

  it('lists the settings in its own order, Run first, with Markdown descriptions, under the title Derivation Checker', () => {
    assert.equal(manifest.contributes.configuration.title, 'Derivation Checker');
    const entries = Object.entries(properties) as [string, { order: number; markdownDescription?: string; description?: string }][];
    assert.equal(entries[0][0], 'derivcheck.run');
    assert.deepEqual(entries.map(([, p]) => p.order), entries.map((_, i) => i));
    for (const [key, property] of entries) assert.ok(property.markdownDescription && property.description === undefined, key);
    assert.deepEqual(properties['derivcheck.codeLens'].enum, ['all', 'problems', 'off']);
    assert.equal(properties['derivcheck.codeLens'].default, 'problems');
  });

  it('puts the report button in the title bar of every document kind checked, and of notebooks', () => {
    const [title] = manifest.contributes.menus['editor/title'];
    const languages = new RegExp(/^editorLangId =~ \/(.*)\/$/.exec(title.when)![1]);
    for (const id of DOCUMENT_KINDS.flatMap((k) => k.languageIds)) assert.ok(languages.test(id), id);
    assert.ok(!languages.test('plaintext') && !languages.test('json'));
    assert.deepEqual(manifest.contributes.menus['notebook/toolbar'].map((m: { when: string }) => m.when), ['notebookType == jupyter-notebook']);
  });

  it('offers exactly the models of the registry, described, with auto first and custom and none last', () => {
    const setting = properties['derivcheck.defaultModel'];
    assert.deepEqual(setting.enum, MODEL_CHOICES.map((c) => c.name));
    assert.deepEqual(setting.enum.slice(0, 2), ['auto', 'mlp']);
    assert.deepEqual(setting.enum.slice(-2), ['custom', 'none']);
    assert.ok(setting.enum.includes('ridge') && setting.enum.includes('batchnorm') && setting.enum.includes('batchnorm-mean'));
    assert.equal(setting.enumDescriptions.length, setting.enum.length);
    assert.equal(setting.default, 'auto');
  });

  it('offers exactly the activation functions of the registry and generic for derivcheck.defaultSigma', () => {
    const setting = properties['derivcheck.defaultSigma'];
    assert.deepEqual(setting.enum, SIGMA_CHOICES.map((c) => c.name));
    for (const name of ['sigmoid', 'tanh', 'relu', 'softplus', 'gelu', 'generic']) assert.ok(setting.enum.includes(name), name);
    assert.equal(setting.enumDescriptions.length, setting.enum.length);
    assert.ok(setting.enumDescriptions.every((d: string) => /^[^a-z].*\.$/.test(d)), 'each description is a sentence');
    assert.equal(setting.default, 'sigmoid');
  });
});
