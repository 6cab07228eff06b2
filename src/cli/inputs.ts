// What `derivcheck check <paths…>` reads: files, directories (walked), globs and `-` (stdin), each
// read safely: never a FIFO or device (a read could block forever), never a file above the size
// limit (stat before reading), never a binary file; invalid UTF-8 is read with U+FFFD and said so,
// and UTF-16 with a byte order mark is decoded as such.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { KIND_EXTENSIONS } from '../engine/extract/kinds';
import { LineMap } from '../engine/source/location';
import { BYTES_PER_MB, describeSize } from '../protocol/protocol';

/** A path to read, as the user will see it in messages and output. */
export interface Input {
  readonly path: string;
  /** Standard input (`-`), shown as `<stdin>`. */
  readonly stdin?: boolean;
}

/** An input that could not be read or checked, and why (one line). */
export interface Skipped {
  readonly path: string;
  readonly reason: string;
}

export const STDIN_PATH = '<stdin>';

/** Directories a walk never enters: dependencies and VCS data (hidden directories are skipped too). */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * Expands the command line's paths, in order, each file once: a file as given, a directory into
 * its checkable files (sorted), a glob into its matches (sorted), `-` into stdin. A path that names
 * no file becomes a Skipped entry in its place.
 */
export function expandPaths(paths: readonly string[]): (Input | Skipped)[] {
  const entries: (Input | Skipped)[] = [];
  const seen = new Set<string>();
  const add = (input: Input) => {
    if (seen.has(input.path)) return;
    seen.add(input.path);
    entries.push(input);
  };
  const skip = (entry: Skipped) => entries.push(entry);
  for (const path of paths) {
    if (path === '-') {
      add({ path: STDIN_PATH, stdin: true });
      continue;
    }
    let stats: Stats | undefined;
    let statError: NodeJS.ErrnoException | undefined;
    try {
      stats = statSync(path);
    } catch (error) {
      statError = error as NodeJS.ErrnoException;
    }
    if (stats?.isDirectory()) {
      const files = walkDirectory(path);
      if (files.length === 0) skip({ path, reason: 'no Markdown, LaTeX, notebook or code files in this directory (see --help for the extensions)' });
      for (const file of files) add({ path: file });
    } else if (stats || statError?.code !== 'ENOENT' || !isDynamicPattern(toGlobPattern(path))) {
      // An existing file (even one whose name looks like a glob), or a path whose stat failed for
      // another reason: reading it reports the error.
      add({ path });
    } else {
      const pattern = toGlobPattern(path);
      const matches = globSync(pattern, {
        onlyFiles: true,
        expandDirectories: false,
        followSymbolicLinks: false, // as in a directory walk: a link to a parent would repeat everything
        absolute: isAbsolute(path), // matches are shown as the pattern was written
      })
        // tinyglobby's `ignore` is relative to the cwd, so it misses absolute patterns: filter here,
        // unless the pattern names such a directory itself.
        .filter((match) => match.split(/[\\/]/).every((part) => !SKIPPED_DIRECTORIES.has(part) || pattern.split('/').includes(part)))
        .sort();
      if (matches.length === 0) skip({ path, reason: 'no files match this pattern' });
      for (const file of matches) add({ path: file });
    }
  }
  return entries;
}

/** Globs use `/`; on Windows a user writes `notes\*.md`, where `\` is a separator, not an escape. */
function toGlobPattern(path: string): string {
  return process.platform === 'win32' ? path.replace(/\\/g, '/') : path;
}

/**
 * The checkable files under a directory, sorted. Hidden directories, node_modules and .git are
 * skipped, and symbolic links are not followed (as `grep -r`): a link to a parent would loop.
 */
function walkDirectory(root: string): string[] {
  return globSync(`**/*.{${KIND_EXTENSIONS.join(',')}}`, {
    cwd: root,
    onlyFiles: true,
    caseSensitiveMatch: false, // `HW.MD` too
    followSymbolicLinks: false,
    ignore: [...SKIPPED_DIRECTORIES].map((name) => `**/${name}/**`),
  })
    .map((file) => join(root, file))
    .sort();
}

export type ReadResult =
  | { readonly ok: true; readonly text: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** How many leading bytes are searched for a NUL to tell a binary file (as git and grep do). */
const BINARY_PROBE_BYTES = 8192;

/** Reads one input within the size limit, decoded as UTF-8; never throws. */
export function readInput(input: Input, maxSizeMB: number): ReadResult {
  const maxBytes = maxSizeMB * BYTES_PER_MB;
  let bytes: Buffer;
  try {
    if (input.stdin) {
      bytes = readFileSync(0);
    } else {
      const stats = statSync(input.path);
      if (stats.isDirectory()) return { ok: false, reason: 'is a directory' };
      if (!stats.isFile()) return { ok: false, reason: 'skipped: not a regular file (a pipe, socket or device)' };
      if (stats.size > maxBytes) return { ok: false, reason: tooLarge(stats.size, maxSizeMB) };
      bytes = readFileSync(input.path);
    }
  } catch (error) {
    return { ok: false, reason: ioReason(error as NodeJS.ErrnoException) };
  }
  // Stdin's size is known only once read; a file may also have grown since its stat.
  if (bytes.length > maxBytes) return { ok: false, reason: tooLarge(bytes.length, maxSizeMB) };
  // Before the NUL probe: UTF-16 text is full of NULs. Windows editors write it with a BOM.
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) return decodeUtf16(bytes, utf16);
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { ok: false, reason: 'skipped: binary file' };
  return decodeUtf8(bytes);
}

function tooLarge(bytes: number, maxSizeMB: number): string {
  return `skipped: ${describeSize(bytes)} is above the ${maxSizeMB} MB limit (--max-size)`;
}

function ioReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    case 'ENOTDIR':
      return 'no such file (a part of the path is not a directory)';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.code ? `cannot read it (${error.code}: ${error.message})` : `cannot read it: ${error.message}`;
  }
}

/** The byte order a UTF-16 byte order mark gives (FF FE little-endian, FE FF big-endian), if the file starts with one. */
function utf16ByteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 without its byte order mark. A lone surrogate or an odd last byte becomes U+FFFD, with
 * a warning where the first one is (a U+FFFD written in the file is counted too: UTF-16 cannot tell).
 */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): { ok: true; text: string; warnings: string[] } {
  const text = new TextDecoder(encoding).decode(bytes);
  const warnings = [`read as ${encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} (byte order mark)`];
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) {
    const { line, column } = new LineMap(text).position(replaced);
    warnings.push(`invalid UTF-16 at line ${line}, column ${column}, read with U+FFFD`);
  }
  return { ok: true, text, warnings };
}

/**
 * UTF-8 without its byte order mark (editors do not count it, so line:column match theirs). Invalid
 * bytes become U+FFFD, with a warning naming the first one.
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string; warnings: string[] } {
  const text = new TextDecoder('utf-8').decode(bytes);
  const invalid = firstInvalidByte(bytes, text);
  if (invalid === undefined) return { ok: true, text, warnings: [] };
  return { ok: true, text, warnings: [`invalid UTF-8 at byte ${invalid.byte} (line ${invalid.line}, column ${invalid.column}), read with U+FFFD`] };
}

/**
 * The byte offset (0-based, counting a BOM) of the first byte sequence that is not UTF-8, with its
 * line and column in the decoded text. The decoder says only *that* it replaced something, so each
 * U+FFFD of the text is matched to the bytes it came from: everything before the first replacement
 * is valid, and a U+FFFD written in the file is the three bytes EF BF BD.
 */
function firstInvalidByte(bytes: Uint8Array, text: string): { byte: number; line: number; column: number } | undefined {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let byte = bom;
  let from = 0;
  for (let index = text.indexOf('\uFFFD'); index >= 0; index = text.indexOf('\uFFFD', index + 1)) {
    byte += Buffer.byteLength(text.slice(from, index), 'utf8');
    if (!(bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd)) {
      return { byte, ...new LineMap(text).position(index) };
    }
    byte += 3;
    from = index + 1;
  }
  return undefined;
}
