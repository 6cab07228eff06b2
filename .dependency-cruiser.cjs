// The import rules of src/ (npm test runs them: `npm run lint:deps`). Imports go down the layers and
// never in a circle. The engine's layers, lowest first:
//   source, platform  ->  parse  ->  notation  ->  extract      (reading documents)
//   evaluate  ->  semantics  ->  models                         (what math means)
//   symbolic                                                     (the prover)
//   check  ->  pipeline  ->  index.ts                            (checking documents)
// Above the engine: protocol (types and the engine's data-only tables), then server, client, cli;
// media (the webview) reads the protocol only. `vscode` is imported in src/client only.

/** An engine layer may import only the layers listed for it (and itself). */
const ENGINE_LAYERS = {
  source: [],
  platform: [],
  parse: ['source'],
  notation: ['parse', 'source'],
  extract: ['notation', 'parse', 'source'],
  evaluate: ['source'],
  semantics: ['evaluate', 'parse', 'source'],
  models: ['semantics', 'evaluate', 'parse', 'source'],
  symbolic: ['platform', 'source'],
  check: ['models', 'semantics', 'symbolic', 'evaluate', 'extract', 'notation', 'parse', 'source'],
  pipeline: ['check', 'models', 'semantics', 'symbolic', 'evaluate', 'extract', 'notation', 'parse', 'source'],
};

/** Engine files with no imports of the engine's code that the protocol, the client and the webview may read. */
const DATA_ONLY = ['extract/kinds\\.ts', 'check/defaults\\.ts', 'check/verdict\\.ts', 'check/diagnosis\\.ts'];
const dataOnly = `^src/engine/(${DATA_ONLY.join('|')})$`;

const layerRules = Object.entries(ENGINE_LAYERS).map(([layer, below]) => ({
  name: `engine-${layer}-imports-down`,
  comment: `src/engine/${layer} may import only ${below.length ? below.join(', ') : 'nothing else of the engine'}`,
  severity: 'error',
  from: { path: `^src/engine/${layer}/` },
  to: { path: '^src/', pathNot: [`^src/engine/(${[layer, ...below].join('|')})/`] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles anywhere in src/ (type-only imports included)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'engine-root-is-the-top',
      comment: 'nothing in the engine imports its public API (index.ts); it imports nothing above the engine',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: ['^src/engine/index\\.ts$', '^src/(server|client|cli|protocol)/', '^media/'] },
    },
    {
      name: 'vscode-only-in-the-client',
      comment: 'the engine, the language server and the CLI run without VS Code',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/client/' },
      // `vscode` resolves to the @types/vscode declarations (the module itself exists only in the extension host).
      to: { path: ['^vscode$', 'node_modules/@types/vscode/'] },
    },
    {
      name: 'language-client-only-in-the-client',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/client/' },
      to: { path: 'node_modules/vscode-languageclient/' },
    },
    {
      name: 'language-server-only-in-the-server',
      comment: 'the CLI starts the server through src/server; nothing else speaks LSP',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/' },
      to: { path: 'node_modules/vscode-languageserver/' },
    },
    {
      name: 'protocol-reads-only-data-of-the-engine',
      comment: 'the protocol is plain data shared with the client and the webview: only the engine\'s data-only tables and types',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { path: '^src/', pathNot: ['^src/protocol/', dataOnly] },
    },
    {
      name: 'client-reads-only-protocol-and-data',
      comment: 'the extension stays small: the engine runs in the language server, not in the client',
      severity: 'error',
      from: { path: '^src/client/' },
      to: { path: '^src/', pathNot: ['^src/client/', '^src/protocol/', dataOnly] },
    },
    {
      name: 'server-below-client-and-cli',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/(client|cli)/' },
    },
    {
      name: 'cli-not-the-client',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/client/' },
    },
    {
      name: 'webview-reads-only-the-protocol',
      severity: 'error',
      from: { path: '^media/' },
      to: { path: '^src/', pathNot: ['^src/protocol/', dataOnly] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a cycle through types is still a cycle between ideas.
    tsPreCompilationDeps: true,
  },
};
