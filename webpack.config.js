// @ts-check
'use strict';
const path = require('path');
const TerserPlugin = require('terser-webpack-plugin');

/** Shared settings: Node target, TypeScript via ts-loader (transpile only; `npm run typecheck` checks types). */
/** @returns {import('webpack').Configuration} */
function nodeBundle(entry, filename, extra = {}) {
  return {
    target: 'node20',
    entry,
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename,
      libraryTarget: 'commonjs2',
    },
    resolve: { extensions: ['.ts', '.js', '.mjs'] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true } } }],
    },
    devtool: 'nosources-source-map',
    externals: { vscode: 'commonjs vscode' },
    // esbuild minifies in seconds where terser takes a minute on nerdamer.
    optimization: { minimizer: [new TerserPlugin({ minify: TerserPlugin.esbuildMinify })] },
    ...extra,
  };
}

module.exports = [
  clientBundle(),
  nodeBundle('./src/cli/main.ts', 'cli.js'),
  nodeBundle('./src/engine/symbolic/worker.ts', 'symbolic-worker.js'),
  // The language server extracts LaTeX and code documents on this worker thread (src/server/extractor.ts).
  nodeBundle('./src/server/extract-worker.ts', 'extract-worker.js'),
  reportWebviewBundle(),
  // The language server: the VS Code client launches dist/server.js; `derivcheck lsp --stdio` runs the same code from cli.js.
  nodeBundle('./src/server/main.ts', 'server.js'),
];

/**
 * The extension (dist/extension.js). It loads two parts on demand (dynamic imports), each a chunk of
 * its own that activating the extension does not read: dist/extension-languageclient.js
 * (src/client/server.ts) and dist/extension-export-html.js, KaTeX included (src/client/commands.ts).
 * .vscodeignore ships them. No separate vendors chunk: each on-demand chunk holds its dependencies.
 * @returns {import('webpack').Configuration}
 */
function clientBundle() {
  const base = nodeBundle('./src/client/extension.ts', 'extension.js');
  return {
    ...base,
    output: { ...base.output, chunkFilename: 'extension-[name].js' },
    optimization: { ...base.optimization, splitChunks: false },
  };
}

/**
 * The report panel's script (a browser bundle, type-checked with media/tsconfig.json) plus KaTeX's
 * stylesheet and fonts in dist/katex/. No eval-based source maps: the webview's CSP forbids eval.
 * @returns {import('webpack').Configuration}
 */
function reportWebviewBundle() {
  const { KatexAssetsPlugin } = require('./scripts/katex-assets-plugin');
  return {
    name: 'report-webview',
    target: 'web',
    entry: './media/report.ts',
    output: { path: path.resolve(__dirname, 'dist'), filename: 'report.js' },
    resolve: { extensions: ['.ts', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { configFile: path.resolve(__dirname, 'media', 'tsconfig.json'), onlyCompileBundledFiles: true } },
        },
      ],
    },
    devtool: false,
    performance: { hints: false },
    optimization: { minimizer: [new TerserPlugin({ minify: TerserPlugin.esbuildMinify })] },
    plugins: [new KatexAssetsPlugin()],
  };
}
