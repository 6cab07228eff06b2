// What Insert Model Directive offers: the models and the activation functions σ that the
// extension's own manifest lists as the values of `derivcheck.defaultModel` and
// `derivcheck.defaultSigma` (scripts/sync-manifest.ts writes them from the engine's registries, a
// unit test holds them equal), so a model or σ added to a registry appears here with no change.
import * as vscode from 'vscode';

/** Each directive key the command writes, and the setting whose enum lists its values. */
const DIRECTIVE_SETTINGS = {
  model: 'derivcheck.defaultModel',
  sigma: 'derivcheck.defaultSigma',
} as const;
type DirectiveKey = keyof typeof DIRECTIVE_SETTINGS;

/** A key without a `key=` in the command's argument. */
const DEFAULT_KEY: DirectiveKey = 'model';

/** The quick pick's group heading of each key. */
const GROUP_LABELS: Readonly<Record<DirectiveKey, string>> = {
  model: 'model',
  sigma: 'activation function σ',
};

export interface DirectiveChoice {
  readonly key: DirectiveKey;
  readonly value: string;
  readonly description: string;
}

/** The choices of every key, in the manifest's order: the models, then the σ. */
export function directiveChoices(packageJSON: unknown): DirectiveChoice[] {
  return (Object.keys(DIRECTIVE_SETTINGS) as DirectiveKey[]).flatMap((key) => {
    const setting = DIRECTIVE_SETTINGS[key];
    const property = (packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } } | undefined)?.contributes
      ?.configuration?.properties?.[setting] as { enum?: unknown; enumDescriptions?: unknown } | undefined;
    const values = property?.enum;
    const descriptions = property?.enumDescriptions;
    if (!isStrings(values) || !isStrings(descriptions) || values.length !== descriptions.length) {
      throw new Error(`the extension's package.json has no enum with enumDescriptions for ${setting}`);
    }
    return values.map((value, i) => ({ key, value, description: descriptions[i] }));
  });
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * The choice a command argument names: `ridge` or `model=ridge` (a model), `sigma=gelu` (σ).
 * Throws, naming the choices, for anything else.
 */
export function parseDirective(argument: string, choices: readonly DirectiveChoice[]): DirectiveChoice {
  const [, key = DEFAULT_KEY, value] = /^(?:([^=]*)=)?(.*)$/s.exec(argument.trim()) ?? [];
  const ofKey = choices.filter((c) => c.key === key);
  if (ofKey.length === 0) {
    throw new Error(`unknown directive '${argument}' (expected a model name, model=<name> or sigma=<name>)`);
  }
  const choice = ofKey.find((c) => c.value === value);
  if (!choice) throw new Error(`unknown ${key} '${value}' (expected one of ${ofKey.map((c) => c.value).join(', ')})`);
  return choice;
}

/** The directive's text, without the comment around it: `derivcheck: sigma=gelu`. */
export function directiveText(choice: DirectiveChoice): string {
  return `derivcheck: ${choice.key}=${choice.value}`;
}

/** The quick pick: each key's choices under a separator naming the key. */
export async function pickDirective(choices: readonly DirectiveChoice[]): Promise<DirectiveChoice | undefined> {
  type Item = vscode.QuickPickItem & { readonly choice?: DirectiveChoice };
  const items: Item[] = [];
  for (const choice of choices) {
    if (items.at(-1)?.choice?.key !== choice.key) items.push({ label: GROUP_LABELS[choice.key], kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: choice.value, description: choice.description, choice });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Derivation Checker: directive for the following derivations',
    placeHolder: 'a model, or the activation function σ',
  });
  return picked?.choice;
}
