import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cellAt, checkDocument, checkText, languageOfPath, LineMap, NotebookError, readNotebook, type CheckOptions } from '../engine';
import { toJson, toText, type FileResult } from './format';
import { prestartProver, shutdownProver } from '../engine/symbolic/prover';
import { startServer } from '../server/server';

/** `main`'s result when the language server runs on: the process lives until the client says exit. */
const SERVING = 'serving';

const USAGE = `Usage: derivcheck check <files…> [options]
       derivcheck lsp --stdio

Checks the derivations in Markdown (.md), LaTeX (.tex), Jupyter notebooks (.ipynb, Markdown
cells) and the comments of code (.py .js .ts .c .cpp .java .jl .r .m) against the course's
models; other files are read as Markdown. \`lsp\` runs the language server (diagnostics, hovers,
code lenses) for editors, over stdio.

Options:
  --format text|json   output format (default: text)
  --seed N             seed for the random sample points (default: 1)
  --samples N          number of sample points (default: 16)
  --model NAME         auto|mlp|ridge|batchnorm|batchnorm-mean|custom|none
                       (default: auto; a directive in the file wins)
  --sigma NAME         sigmoid|tanh|relu|generic (default: sigmoid)
  --verbose            also list verified claims
  -h, --help           show this help

Exit code: 0 no mismatches, 1 some mismatch, 2 usage or I/O error.`;

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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
  if (positionals.length === 0) throw new UsageError('no files given');
  const options: CheckOptions = {
    seed: integerOption('seed', values.seed),
    samples: integerOption('samples', values.samples),
    model: values.model,
    sigma: values.sigma,
  };

  // The symbolic worker loads nerdamer while the numeric checks run.
  prestartProver();
  const started = performance.now();
  const results: FileResult[] = [];
  let ioError = false;
  for (const path of positionals) {
    let text: string;
    try {
      if (statSync(path).isDirectory()) throw new Error('is a directory');
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      process.stderr.write(`derivcheck: ${path}: ${reason}\n`);
      ioError = true;
      continue;
    }
    let result: FileResult;
    try {
      result = checkFile(path, text, options);
    } catch (error) {
      if (!(error instanceof NotebookError)) throw error;
      process.stderr.write(`derivcheck: ${path}: ${error.message}\n`);
      ioError = true;
      continue;
    }
    results.push(result);
    // An internal error is the tool's fault, not the student's: say so where graders look.
    for (const finding of result.findings) {
      if (finding.evidence.internalError === undefined) continue;
      const { line, column } = result.locate(finding.range.start);
      process.stderr.write(`derivcheck: internal error at ${path}:${line}:${column}: ${String(finding.evidence.internalError)}\n`);
    }
  }
  const elapsedMs = performance.now() - started;
  if (values.format === 'json') process.stdout.write(`${toJson(results)}\n`);
  else process.stdout.write(`${toText(results, { verbose: values.verbose, color: process.stdout.isTTY && !process.env.NO_COLOR, elapsedMs })}\n`);
  if (ioError) return 2;
  return results.some((r) => r.findings.some((f) => f.verdict === 'mismatch')) ? 1 : 0;
}

/**
 * Markdown, LaTeX and code files by their extension (other files are read as Markdown); notebooks
 * by their Markdown cells, located by cell and line.
 */
function checkFile(path: string, text: string, options: CheckOptions): FileResult {
  if (!path.toLowerCase().endsWith('.ipynb')) {
    const report = checkDocument(text, languageOfPath(path), options);
    return { path, findings: report.findings, locate: (offset) => report.lineMap.position(offset) };
  }
  const notebook = readNotebook(text);
  const report = checkText(notebook.text, options);
  const cellMaps = new Map<number, LineMap>();
  return {
    path,
    findings: report.findings,
    locate: (offset) => {
      const cell = cellAt(notebook, offset);
      if (!cell) return report.lineMap.position(offset);
      const bounds = notebook.cells.find((c) => c.index === cell.index)!;
      let lineMap = cellMaps.get(cell.index);
      if (!lineMap) cellMaps.set(cell.index, (lineMap = new LineMap(notebook.text.slice(bounds.start, bounds.end))));
      return { ...lineMap.position(cell.offset), cell: cell.index };
    },
  };
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
