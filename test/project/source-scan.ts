// Reads every TypeScript file under src/ with the TypeScript parser (not a regex, so comments and
// strings never count) and reports the uses a security audit cares about: code evaluation,
// network access, file writes and document edits. no-eval.test.ts and no-network.test.ts check each
// use against a list of audited exceptions (SECURITY.md explains them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const SRC = path.resolve(__dirname, '..', '..', 'src');

export type Kind = 'eval' | 'network' | 'write' | 'edit';

export interface Use {
  /** Path relative to src/, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly kind: Kind;
  /** What was found, e.g. `eval()`, `new Function`, `import 'node:http'`, `writeFile()`. */
  readonly what: string;
}

const NETWORK_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'cluster', 'inspector', 'undici', 'ws']);
const CODE_MODULES = new Set(['vm']);
const NETWORK_GLOBALS = new Set(['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'Request', 'navigator.sendBeacon']);
/** fs (node and vscode.workspace.fs) calls that create, change or delete files. */
const WRITE_CALLS = new Set([
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'writeSync', 'writev', 'writevSync',
  'mkdir', 'mkdirSync', 'mkdtemp', 'mkdtempSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'unlink', 'unlinkSync',
  'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'truncate', 'truncateSync', 'ftruncate',
  'symlink', 'symlinkSync', 'linkSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'utimes', 'utimesSync', 'createDirectory',
]);
/** Names that write only when called on a file system (`fs.`, `workspace.fs.`), not on a Map. */
const FS_ONLY_WRITE_CALLS = new Set(['delete', 'copy', 'link', 'open', 'openSync', 'write']);
const FILE_SYSTEM = /(^|\.)(fs|fsp|promises)$|^require\('(node:)?fs(\/promises)?'\)$/;
/** Calls that change an open document or save it. */
const EDIT_CALLS = new Set(['applyEdit', 'edit', 'save', 'saveAll', 'insertSnippet']);

/** Constructors that compile a string: `new Function(text)`, `Function(text)`. */
const CODE_CONSTRUCTORS = new Set(['Function', 'AsyncFunction', 'GeneratorFunction', 'AsyncGeneratorFunction']);

/** `Function` as a type, or on the right of instanceof: no code is made there. */
function isTypeOrInstanceof(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isTypeReferenceNode(parent) || ts.isExpressionWithTypeArguments(parent) || ts.isTypeQueryNode(parent)) return true;
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && parent.right === node;
}

function moduleName(specifier: string): string {
  return specifier.replace(/^node:/, '').split('/')[0];
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Every audited kind of use in `text` (one TypeScript file). */
export function scanSource(file: string, text: string): Use[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const uses: Use[] = [];
  const add = (node: ts.Node, kind: Kind, what: string) =>
    uses.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, kind, what });
  const importOf = (node: ts.Node, specifier: string) => {
    const name = moduleName(specifier);
    if (NETWORK_MODULES.has(name)) add(node, 'network', `import '${specifier}'`);
    if (CODE_MODULES.has(name)) add(node, 'eval', `import '${specifier}'`);
  };
  const calleeName = (callee: ts.Expression): string | undefined => {
    if (ts.isIdentifier(callee)) return callee.text;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
    if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression.text;
    return undefined;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      importOf(node, node.moduleSpecifier.text);
      const named = node.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) {
          const imported = (element.propertyName ?? element.name).text;
          if (WRITE_CALLS.has(imported) && /^(node:)?fs(\/promises)?$/.test(node.moduleSpecifier.text)) add(element, 'write', `import { ${imported} }`);
        }
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      importOf(node, node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = calleeName(callee);
      const args = node.arguments ?? ts.factory.createNodeArray();
      const isNew = ts.isNewExpression(node);
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        const [first] = args;
        if (first && ts.isStringLiteralLike(first)) importOf(node, first.text);
        else add(node, 'eval', `${callee.getText(source)}() of a computed module name`);
      } else if (name === 'constructor' && ts.isPropertyAccessExpression(callee)) add(node, 'eval', `${callee.getText(source)}()`);
      else if (name === 'buildFunction') add(node, 'eval', 'buildFunction()');
      else if ((name === 'setTimeout' || name === 'setInterval') && args[0] && ts.isStringLiteralLike(args[0])) add(node, 'eval', `${name}(string)`);
      else if (name !== undefined && NETWORK_GLOBALS.has(name) && (ts.isIdentifier(callee) || callee.getText(source) === `globalThis.${name}`)) {
        add(node, 'network', `${isNew ? 'new ' : ''}${name}()`);
      } else if (name === 'sendBeacon') add(node, 'network', 'sendBeacon()');
      else if (name !== undefined && WRITE_CALLS.has(name) && ts.isPropertyAccessExpression(callee)) add(node, 'write', `${callee.getText(source)}()`);
      else if (name !== undefined && FS_ONLY_WRITE_CALLS.has(name) && ts.isPropertyAccessExpression(callee) && FILE_SYSTEM.test(callee.expression.getText(source))) {
        add(node, 'write', `${callee.getText(source)}()`);
      }
      else if (name === 'update' && ts.isPropertyAccessExpression(callee) && /config/i.test(callee.expression.getText(source))) {
        add(node, 'write', `${callee.getText(source)}() (settings)`);
      } else if (name !== undefined && EDIT_CALLS.has(name) && ts.isPropertyAccessExpression(callee)) add(node, 'edit', `${callee.getText(source)}()`);
      // Worker threads may run a string as code with { eval: true }.
      if (name === 'Worker' && isNew) {
        for (const arg of args) {
          if (ts.isObjectLiteralExpression(arg) && arg.properties.some((p) => p.name?.getText(source) === 'eval')) add(node, 'eval', 'new Worker({ eval })');
        }
      }
    } else if (ts.isIdentifier(node) && node.text === 'eval') {
      // Any reference, not only a call: `const run = eval` or `(0, eval)(text)` evaluate too.
      add(node, 'eval', ts.isCallExpression(node.parent) && node.parent.expression === node ? 'eval()' : `eval (${node.parent.getText(source).slice(0, 40)})`);
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && (node.argumentExpression.text === 'eval' || CODE_CONSTRUCTORS.has(node.argumentExpression.text))) {
      add(node, 'eval', node.getText(source).slice(0, 40));
    } else if (ts.isIdentifier(node) && CODE_CONSTRUCTORS.has(node.text) && !isTypeOrInstanceof(node)) {
      add(node, 'eval', `${node.text} (${node.parent.getText(source).slice(0, 40)})`);
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'build' && /(^|\.)Build$/.test(node.expression.getText(source))) {
      add(node, 'eval', `${node.getText(source)} (nerdamer's code generator)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** Every audited use under src/. */
export function scanSrc(): Use[] {
  return sourceFiles(SRC).flatMap((file) => scanSource(path.relative(SRC, file).split(path.sep).join('/'), fs.readFileSync(file, 'utf8')));
}

/** An audited exception: a use in `file` whose description matches `what`, and why it is safe. */
export interface Exception {
  readonly file: string;
  readonly kind: Kind;
  readonly what: RegExp;
  readonly why: string;
}

/** The uses no exception covers, and the exceptions that cover nothing any more (a stale audit). */
export function audit(uses: readonly Use[], exceptions: readonly Exception[], kinds: readonly Kind[]): { unaudited: Use[]; stale: Exception[] } {
  const relevant = uses.filter((u) => kinds.includes(u.kind));
  const covers = (e: Exception, u: Use) => e.file === u.file && e.kind === u.kind && e.what.test(u.what);
  return {
    unaudited: relevant.filter((u) => !exceptions.some((e) => covers(e, u))),
    stale: exceptions.filter((e) => kinds.includes(e.kind) && !relevant.some((u) => covers(e, u))),
  };
}

export function describeUse(u: Use): string {
  return `src/${u.file}:${u.line} ${u.kind}: ${u.what}`;
}
