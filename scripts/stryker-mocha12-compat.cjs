// Lets @stryker-mutator/mocha-runner 9.x load mocha 12. The runner require()s mocha's CLI helpers by
// extensionless path (`<mocha>/lib/cli/run-helpers`, `.../options`, `.../collect-files`); mocha 12
// ships them as `.cjs`, which require() does not try. This resolves those paths to the `.cjs` files.
// Loaded in Stryker's main process (imported by stryker.config.mjs) and in its test-runner and checker
// processes (testRunnerNodeArgs, checkerNodeArgs). Not needed with mocha 11. mocha-runner 10.1.1 still
// require()s `lib/cli/run-helpers` without an extension, so check before dropping this after an upgrade.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const CLI_HELPER = /[\\/]mocha[\\/]lib[\\/]cli[\\/][\w-]+$/;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (path.isAbsolute(request) && CLI_HELPER.test(request)) {
    try {
      return resolve.call(this, request, parent, ...rest);
    } catch {
      return resolve.call(this, `${request}.cjs`, parent, ...rest);
    }
  }
  return resolve.call(this, request, parent, ...rest);
};
