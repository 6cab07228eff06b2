/** How deep a chain of `cause`s the log follows. */
const MAX_CAUSES = 5;

/** Where unexpected errors go: the connection's console (VS Code shows it in the output channel). */
export interface Logger {
  error(message: string): void;
  info(message: string): void;
}

/** An error with its stack and its chain of causes, for the log (never for a pop-up). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < MAX_CAUSES; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}

/** Runs `f`; a throw becomes undefined (optional data such as the expected formula must not cost the rest). */
export function tryOrUndefined<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
