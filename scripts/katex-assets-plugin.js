// @ts-check
'use strict';
// Webpack plugin: emits KaTeX's stylesheet and fonts into dist/katex/ for the report webview.
// Only the woff2 fonts are shipped (every browser VS Code runs in reads woff2), so the stylesheet's
// @font-face rules are rewritten to name only those.
const fs = require('node:fs');
const path = require('node:path');

const KATEX_DIST = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');

/** `src:url(fonts/X.woff2) format("woff2"),url(fonts/X.woff) format("woff"),…` → the woff2 part only. */
function woff2Only(css) {
  return css.replace(/src:([^;}]*)/g, (whole, sources) => {
    const woff2 = sources.split(',').find((s) => /\.woff2\)/.test(s));
    return woff2 ? `src:${woff2.trim()}` : whole;
  });
}

class KatexAssetsPlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap(KatexAssetsPlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: KatexAssetsPlugin.name, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const cssFile = path.join(KATEX_DIST, 'katex.min.css');
          compilation.fileDependencies.add(cssFile);
          compilation.emitAsset('katex/katex.min.css', new RawSource(woff2Only(fs.readFileSync(cssFile, 'utf8'))));
          for (const font of fs.readdirSync(path.join(KATEX_DIST, 'fonts')).filter((f) => f.endsWith('.woff2'))) {
            compilation.emitAsset(`katex/fonts/${font}`, new RawSource(fs.readFileSync(path.join(KATEX_DIST, 'fonts', font))));
          }
        },
      );
    });
  }
}

module.exports = { KatexAssetsPlugin, woff2Only };
