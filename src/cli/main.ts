import { parseArgs } from 'node:util';
import { checkDocument, NotebookError, type CheckOptions } from '../engine';
import { DOCUMENT_KINDS, kindById, kindOfExtension, kindOfLanguageId, kindOfPath, type DocumentKindId } from '../engine/extract/kinds';
import { readCompanions } from '../server/companions';
import { expandPaths, readInput, type Skipped } from './inputs';
import { toJson, toText, type FileResult } from './format';
import { DEFAULT_SETTINGS } from '../protocol/protocol';
import { prestartProver, shutdownProver } from '../engine/symbolic/prover';
import { MODEL_CHOICES } from '../engine/models/registry';
import { SIGMA_CHOICES } from '../engine/evaluate/activations';
import { CHECK_DEFAULTS } from '../engine/check/defaults';
import { startServer } from '../server/server';

/** `main`'s result when the language server runs on: the process lives until the client says exit. */
const SERVING = 'serving';

const USAGE = `Usage: derivcheck check <paths…> [options]
       derivcheck lsp --stdio

${wrap(`Checks the derivations in ${documentKindsText()} against the course's models; other files are read as Markdown. \`lsp\` runs the language server (diagnostics, hovers, code lenses) for editors, over stdio.`)}

Paths: files; directories (every file of the kinds above, recursively, skipping hidden
directories, node_modules and .git); globs, quoted so the shell leaves them ('notes/**/*.md');
and - for standard input.

Options:
  --format text|json   output format (default: text)
  --seed N             seed for the random sample points (default: ${CHECK_DEFAULTS.seed})
  --samples N          number of sample points (default: ${CHECK_DEFAULTS.samples})
  --model NAME         ${names(MODEL_CHOICES)}
                       (default: ${CHECK_DEFAULTS.model}; a directive in the file wins)
  --sigma NAME         ${names(SIGMA_CHOICES)}
                       (default: ${CHECK_DEFAULTS.sigma}; a directive in the file wins)
  --verbose            also list verified claims
  --max-size MB        skip files larger than this (default: ${DEFAULT_SETTINGS.maxFileSizeMB})
  --claim-budget MS    time one claim may take before it is reported unsupported,
                       "too complex to check in time" (default: ${CHECK_DEFAULTS.claimBudgetMs}; 0: no limit)
  --language ID        what standard input holds: markdown, latex, python, …, or
                       ipynb (default: markdown)
  -h, --help           show this help

Exit code: 0 no mismatches, 1 some mismatch, 2 usage error or an input that could not be
read or checked (each said on stderr; the other inputs are still checked).`;

class UsageError extends Error {}

function main(argv: string[]): number | typeof SERVING {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === 'lsp') {
    // vscode-languageserver reads the transport (--stdio, --node-ipc, --socket=N) from process.argv.
    if (!rest.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) throw new UsageError('lsp needs a transport: --stdio');
    startServer();
    return SERVING;
  }
  if (command !== 'check') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      seed: { type: 'string' },
      samples: { type: 'string' },
      model: { type: 'string' },
      sigma: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'max-size': { type: 'string' },
      'claim-budget': { type: 'string' },
      language: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
  if (positionals.length === 0) throw new UsageError('no files given');
  const maxSizeMB = maxSizeOption(values['max-size']);
  const stdinKind = stdinKindOption(values.language);
  const options: CheckOptions = {
    seed: integerOption('seed', values.seed),
    samples: integerOption('samples', values.samples),
    model: choiceOption('model', MODEL_CHOICES, values.model),
    sigma: choiceOption('sigma', SIGMA_CHOICES, values.sigma),
    claimBudgetMs: integerOption('claim-budget', values['claim-budget']),
  };

  // The symbolic worker loads nerdamer while the numeric checks run.
  prestartProver();
  const started = performance.now();
  const results: FileResult[] = [];
  const skipped: Skipped[] = [];
  const fail = (entry: Skipped) => {
    skipped.push(entry);
    process.stderr.write(`derivcheck: ${entry.path}: ${entry.reason}\n`);
  };
  for (const input of expandPaths(positionals)) {
    if ('reason' in input) {
      fail(input);
      continue;
    }
    const read = readInput(input, maxSizeMB);
    if (!read.ok) {
      fail({ path: input.path, reason: read.reason });
      continue;
    }
    for (const warning of read.warnings) process.stderr.write(`derivcheck: ${input.path}: ${warning}\n`);
    let result: FileResult;
    try {
      const kind = input.stdin ? stdinKind : kindOfPath(input.path);
      const companions = !input.stdin && kindById(kind).extractor === 'latex' ? readCompanions(input.path, read.text) : [];
      result = checkFile(input.path, read.text, kind, companions.length > 0 ? { ...options, companions } : options);
    } catch (error) {
      // A notebook that is not one is the file's fault; anything else is ours, and must not cost the other files.
      fail({ path: input.path, reason: error instanceof NotebookError ? error.message : `internal error: ${(error as Error)?.stack ?? String(error)}`.split('\n')[0] });
      continue;
    }
    results.push({ ...result, warnings: read.warnings });
    // An internal error is the tool's fault, not the student's: say so where graders look.
    for (const finding of result.findings) {
      if (finding.evidence.internalError === undefined) continue;
      const { line, column } = result.locate(finding.range.start);
      process.stderr.write(`derivcheck: internal error at ${input.path}:${line}:${column}: ${String(finding.evidence.internalError)}\n`);
    }
  }
  const elapsedMs = performance.now() - started;
  if (values.format === 'json') process.stdout.write(`${toJson(results, skipped)}\n`);
  else process.stdout.write(`${toText(results, { verbose: values.verbose, color: process.stdout.isTTY && !process.env.NO_COLOR, elapsedMs, skipped: skipped.length })}\n`);
  if (skipped.length > 0) return 2;
  return results.some((r) => r.findings.some((f) => f.verdict === 'mismatch')) ? 1 : 0;
}

/** Markdown, LaTeX, code and notebooks, each by its kind; findings are located by line (in a notebook, by cell and line). */
function checkFile(path: string, text: string, kind: DocumentKindId, options: CheckOptions): FileResult {
  const report = checkDocument(text, kind, options);
  return { path, findings: report.findings, locate: (offset) => report.locate(offset) };
}

/** `Markdown (.md), LaTeX (.tex), Jupyter notebooks (.ipynb, Markdown cells) and the comments of code (.py .js …)`. */
function documentKindsText(): string {
  const own = DOCUMENT_KINDS.filter((k) => k.extractor !== 'comments').map((k) => `${k.name}${k.extractor === 'notebook' ? 's' : ''} (.${k.extensions[0]}${k.extractor === 'notebook' ? ', Markdown cells' : ''})`);
  const code = DOCUMENT_KINDS.filter((k) => k.extractor === 'comments').map((k) => `.${k.extensions[0]}`);
  return `${own.join(', ')} and the comments of code (${code.join(' ')})`;
}

/** Greedy line wrapping for the help text. */
function wrap(text: string, width = 95): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

/** `--language`: a kind (`markdown`, `latex`, `python`, …, `notebook`), a language id, or an extension (`md`, `tex`, `py`, `ipynb`). */
function stdinKindOption(value: string | undefined): DocumentKindId {
  if (value === undefined) return 'markdown';
  const id = value.toLowerCase();
  if (id === 'jupyter') return 'notebook';
  const kind = DOCUMENT_KINDS.find((k) => k.id === id)?.id ?? kindOfLanguageId(id) ?? kindOfExtension(id);
  if (!kind) {
    const names = DOCUMENT_KINDS.filter((k) => k.extractor !== 'notebook').map((k) => k.id);
    throw new UsageError(`--language must be ${names.join(', ')} or ipynb (or a file extension such as tex or py), not '${value}'`);
  }
  return kind;
}

/** `auto|mlp|…`: the names of a registry's choices. */
function names(choices: readonly { readonly name: string }[]): string {
  return choices.map((c) => c.name).join('|');
}

/** `--model`, `--sigma`: one of a registry's choices. */
function choiceOption(name: string, choices: readonly { readonly name: string }[], value: string | undefined): string | undefined {
  if (value === undefined || choices.some((c) => c.name === value)) return value;
  throw new UsageError(`--${name} must be ${names(choices)}, not '${value}'`);
}

function maxSizeOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SETTINGS.maxFileSizeMB;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`--max-size must be a positive number of megabytes, not '${value}'`);
  return n;
}

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, not '${value}'`);
  return n;
}

let code: number | typeof SERVING;
try {
  code = main(process.argv.slice(2));
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`derivcheck: ${(error as Error).message}\n${usage ? "Run 'derivcheck --help' for usage.\n" : ''}`);
  code = 2;
}
if (code !== SERVING) {
  shutdownProver();
  process.exitCode = code;
}
