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
  nodeBundle('./src/client/extension.ts', 'extension.js'),
  nodeBundle('./src/cli/main.ts', 'cli.js'),
  nodeBundle('./src/engine/symbolic/worker.ts', 'symbolic-worker.js'),
];
