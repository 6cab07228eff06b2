// @ts-check
// A loopback HTTP endpoint through which the in-host suite asks the launcher (which drives the
// workbench page with Playwright) to look at the DOM: the report webview lives in nested iframes
// of the workbench page, out of the extension host's reach. The launcher passes the address to
// the extension host in DERIVCHECK_WORKBENCH_BRIDGE; suite/workbench.ts is the client.
//
//   POST /webview/evaluate {expression, waitFor?, timeoutMs?} -> {result}   (in the report webview;
//                          expression: a function's source, called there; its result must be JSON)
//   POST /webview/click    {selector, timeoutMs?}              -> {}
//   POST /page/evaluate    {expression, waitFor?, timeoutMs?}  -> {result}   (in the workbench page)
//   POST /page/waitFor     {expression, timeoutMs?}            -> {}         (until it returns truthy there)
//   POST /screenshot       {name, waitFor?, webview?, timeoutMs?} -> {path}  (PNG in the artifacts folder)
//
// Every wait is bounded and waits on a DOM condition (Playwright's waitForSelector), never a timer.
'use strict';

const http = require('node:http');
const path = require('node:path');

/** The marker the report webview's <body> carries (see src/client/panel/html.ts). */
const REPORT_WEBVIEW = 'body[data-derivcheck-report]';
const DEFAULT_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

/** The request's `expression` is a function's source: call it (an async one's promise is awaited). */
function invoke(expression) {
  return `(${expression})()`;
}

/**
 * @param {{ page: () => import('playwright-core').Page | undefined, artifacts: string, log: (m: string) => void }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function startBridge({ page, artifacts, log }) {
  /** The frame whose document is the report webview (waits until one exists). */
  async function reportFrame(timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = page();
      if (!current) throw new Error('no workbench page');
      for (const frame of current.frames()) {
        if (frame.isDetached()) continue;
        const hit = await frame.$(REPORT_WEBVIEW).catch(() => null);
        if (hit) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no report webview (${REPORT_WEBVIEW}) appeared within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, POLL_MS)); // frames appear without an event we can await
    }
  }

  /** Retries once when the webview reloads under us (its frame is replaced). */
  async function inReportFrame(timeoutMs, fn) {
    try {
      return await fn(await reportFrame(timeoutMs));
    } catch (err) {
      if (!/detached|Execution context was destroyed/i.test(String(err))) throw err;
      return fn(await reportFrame(timeoutMs));
    }
  }

  /** The page element (an <iframe>) that holds a frame: the screenshot target of a webview. */
  async function hostElement(frame) {
    let top = frame;
    while (top.parentFrame() && top.parentFrame() !== page()?.mainFrame()) top = /** @type {any} */ (top.parentFrame());
    return top.frameElement();
  }

  const handlers = {
    '/webview/evaluate': async ({ expression, waitFor, timeoutMs = DEFAULT_TIMEOUT_MS }) =>
      inReportFrame(timeoutMs, async (frame) => {
        if (waitFor) await frame.waitForSelector(waitFor, { timeout: timeoutMs, state: 'attached' });
        return { result: await frame.evaluate(invoke(expression)) };
      }),
    '/webview/click': async ({ selector, timeoutMs = DEFAULT_TIMEOUT_MS }) =>
      inReportFrame(timeoutMs, async (frame) => {
        await frame.click(selector, { timeout: timeoutMs });
        return {};
      }),
    '/page/evaluate': async ({ expression, waitFor, timeoutMs = DEFAULT_TIMEOUT_MS }) => {
      const current = page();
      if (!current) throw new Error('no workbench page');
      if (waitFor) await current.waitForSelector(waitFor, { timeout: timeoutMs, state: 'visible' });
      return { result: await current.evaluate(invoke(expression)) };
    },
    '/page/waitFor': async ({ expression, timeoutMs = DEFAULT_TIMEOUT_MS }) => {
      const current = page();
      if (!current) throw new Error('no workbench page');
      // Not page.waitForFunction: it takes a returned promise for a truthy answer.
      const deadline = Date.now() + timeoutMs;
      while (!(await current.evaluate(invoke(expression)))) {
        if (Date.now() > deadline) throw new Error(`still false after ${timeoutMs} ms: ${expression.slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      return {};
    },
    '/screenshot': async ({ name, waitFor, webview = false, timeoutMs = DEFAULT_TIMEOUT_MS }) => {
      const current = page();
      if (!current) throw new Error('no workbench page');
      if (!/^[\w.-]+\.png$/.test(name)) throw new Error(`bad screenshot name ${JSON.stringify(name)}`);
      const file = path.join(artifacts, name);
      if (webview) {
        const element = await inReportFrame(timeoutMs, async (frame) => {
          if (waitFor) await frame.waitForSelector(waitFor, { timeout: timeoutMs, state: 'visible' });
          return hostElement(frame);
        });
        await element.screenshot({ path: file });
      } else {
        if (waitFor) await current.waitForSelector(waitFor, { timeout: timeoutMs, state: 'visible' });
        await current.screenshot({ path: file });
      }
      return { path: file };
    },
  };

  const server = http.createServer((request, response) => {
    const handler = request.method === 'POST' ? handlers[request.url ?? ''] : undefined;
    const reply = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (!handler) return reply(404, { error: `no such endpoint: ${request.method} ${request.url}` });
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', async () => {
      try {
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        reply(200, await handler(body));
      } catch (err) {
        log(`bridge ${request.url}: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
        reply(500, { error: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

module.exports = { startBridge };
