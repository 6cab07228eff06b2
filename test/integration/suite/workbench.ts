// The in-host side of the workbench bridge (../workbench-bridge.js): asks the launcher, which
// drives the workbench page with Playwright, to evaluate in or click into the report webview and
// to take screenshots. Only the code-server launcher provides it (DERIVCHECK_WORKBENCH_BRIDGE).
const BRIDGE = process.env.DERIVCHECK_WORKBENCH_BRIDGE;

export const hasWorkbenchBridge = BRIDGE !== undefined && BRIDGE !== '';

async function call<T>(endpoint: string, body: unknown): Promise<T> {
  if (!BRIDGE) throw new Error('no workbench bridge (DERIVCHECK_WORKBENCH_BRIDGE is unset)');
  const response = await fetch(`${BRIDGE}${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`workbench bridge ${endpoint}: ${answer.error ?? response.status}`);
  return answer;
}

/**
 * Calls the function whose source is `expression` (e.g. an arrow function, kept as a string since the
 * suite is compiled without DOM types) in the report webview, after waiting for `waitFor` to match there.
 */
export async function inWebview<T>(expression: string, waitFor?: string): Promise<T> {
  return (await call<{ result: T }>('/webview/evaluate', { expression, waitFor })).result;
}

/** A real (Playwright) mouse click on the webview element matching `selector`. */
export async function clickInWebview(selector: string): Promise<void> {
  await call('/webview/click', { selector });
}

/** Calls the function whose source is `expression` in the workbench page, after waiting for `waitFor` to be visible there. */
export async function inWorkbench<T>(expression: string, waitFor?: string): Promise<T> {
  return (await call<{ result: T }>('/page/evaluate', { expression, waitFor })).result;
}

/** Waits until the function whose source is `expression` returns a truthy value (or a promise of one) in the workbench page. */
export async function untilInWorkbench(expression: string, timeoutMs?: number): Promise<void> {
  await call('/page/waitFor', { expression, timeoutMs });
}

/** Saves a PNG under test-artifacts/integration/screenshots/: the whole workbench, or the webview only. */
export async function screenshot(name: string, options: { waitFor?: string; webview?: boolean } = {}): Promise<string> {
  return (await call<{ path: string }>('/screenshot', { name, ...options })).path;
}
