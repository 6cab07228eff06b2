// package.json holds what VS Code must know before the extension runs: when to activate, the
// languages checked by default, the models and σ the settings may name. Those lists come from the
// engine's registries (document kinds, models, activation functions); this script writes them into
// package.json, and test/manifest.test.ts fails when package.json differs from what it would write.
//
//   npm run sync-manifest    rewrite package.json's generated fields from the registries
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKED_LANGUAGE_IDS, DOCUMENT_KINDS } from '../src/engine/extract/kinds';
import { MODEL_CHOICES } from '../src/engine/models/registry';
import { SIGMA_CHOICES } from '../src/engine/evaluate/activations';
import { DEFAULT_SETTINGS } from '../src/protocol/protocol';

export const MANIFEST_PATH = join(__dirname, '..', 'package.json');

/** The report panel's webview (client/panel/reportPanel.ts REPORT_VIEW_TYPE): restored after a reload. */
const REPORT_PANEL_ACTIVATION = 'onWebviewPanel:derivcheck.report';

type Json = Record<string, any>;

/** `manifest` with its generated fields as the registries say; everything else is kept as it is. */
export function syncedManifest(manifest: Json): Json {
  const copy: Json = JSON.parse(JSON.stringify(manifest));
  copy.activationEvents = [
    ...CHECKED_LANGUAGE_IDS.map((id) => `onLanguage:${id}`),
    ...DOCUMENT_KINDS.flatMap((k) => ('notebookType' in k ? [`onNotebook:${k.notebookType}`] : [])),
    REPORT_PANEL_ACTIVATION,
  ];
  const properties: Json = copy.contributes.configuration.properties;
  properties['derivcheck.languages'].default = [...DEFAULT_SETTINGS.languages];
  const choices = (list: readonly { name: string; description: string }[], fallback: string) => ({
    enum: list.map((c) => c.name),
    enumDescriptions: list.map((c) => sentence(c.description)),
    default: fallback,
  });
  Object.assign(properties['derivcheck.defaultModel'], choices(MODEL_CHOICES, DEFAULT_SETTINGS.defaultModel));
  // Where the property is new, the choices' placeholders keep the usual order of its keys.
  const sigma = properties['derivcheck.defaultSigma'] ?? {
    type: 'string',
    enum: [],
    enumDescriptions: [],
    default: '',
    scope: 'resource',
    description: "The activation function σ of documents without a `derivcheck: sigma=…` directive (a definition such as `σ(z) = \\tanh(z)` in the document chooses σ too). The CLI's `--sigma` takes the same names.",
  };
  const ordered = insertAfter(properties, 'derivcheck.defaultModel', 'derivcheck.defaultSigma', { ...sigma, ...choices(SIGMA_CHOICES, DEFAULT_SETTINGS.defaultSigma) });
  // The settings page lists them in package.json's order (by name otherwise: Claim Budget Ms first),
  // and writes their descriptions as Markdown (a plain description shows its backticks).
  Object.values(ordered).forEach((property: Json, index) => {
    property.order = index;
    if (property.description !== undefined) {
      property.markdownDescription = property.description;
      delete property.description;
    }
  });
  copy.contributes.configuration.properties = ordered;
  // The report button, in the title bar of every document kind checked and of notebooks.
  const shownIn = CHECKED_LANGUAGE_IDS.map((id) => id.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
  copy.contributes.menus['editor/title'] = [{ command: 'derivcheck.showReport', when: `editorLangId =~ /^(${shownIn})$/`, group: 'navigation' }];
  copy.contributes.menus['notebook/toolbar'] = DOCUMENT_KINDS.flatMap((k) =>
    'notebookType' in k ? [{ command: 'derivcheck.showReport', when: `notebookType == ${k.notebookType}`, group: 'navigation' }] : [],
  );
  return copy;
}

/** A description as a settings page shows it: a capital (not σ → Σ) and a full stop. */
function sentence(text: string): string {
  const capital = /^[a-z]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** `object` with `key` set to `value`: where it was, or else right after `after`. */
function insertAfter(object: Json, after: string, key: string, value: unknown): Json {
  if (key in object) return { ...object, [key]: value };
  const out: Json = {};
  for (const [k, v] of Object.entries(object)) {
    out[k] = v;
    if (k === after) out[key] = value;
  }
  return out;
}

export function manifestText(manifest: Json): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (require.main === module) {
  const current = readFileSync(MANIFEST_PATH, 'utf8');
  const synced = manifestText(syncedManifest(JSON.parse(current)));
  if (synced === current) {
    console.log('package.json is in step with the registries');
  } else {
    writeFileSync(MANIFEST_PATH, synced);
    console.log('package.json: generated fields rewritten from the registries (activation events, languages, models, σ)');
  }
}
