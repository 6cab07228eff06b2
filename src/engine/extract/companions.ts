// The local files a LaTeX document loads for its macros: `\usepackage{defs}` (defs.sty),
// `\input{macros}` and `\include{notation}` (.tex). Students and courses keep their notation in such
// a file; without it `\vw`, `\norm` and `\dotp` would be unknown. The engine reads no files: callers
// (the CLI, the language server) read these names beside the document and pass the text on.
import { commentedOut } from './latex-macros';

/** `\usepackage[opts]{a,b}`, `\RequirePackage{a}`, `\input{x}`, `\include{x}`, `\input x`. */
const LOADS = /\\(usepackage|RequirePackage|input|include)\s*(?:\[[^\]]*\])?\s*(?:\{([^}]*)\}|([A-Za-z0-9_./-]+))/g;

/** The paths, relative to the document's folder, of the files it loads that may be local. */
export function companionNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(LOADS)) {
    if (commentedOut(text, match.index!)) continue;
    const package_ = match[1] === 'usepackage' || match[1] === 'RequirePackage';
    for (const raw of (match[2] ?? match[3]).split(',')) {
      const name = raw.trim();
      if (!name || /^[/~]|\.\./.test(name)) continue;
      const file = package_ ? `${name}.sty` : /\.[A-Za-z]+$/.test(name) ? name : `${name}.tex`;
      if (!names.includes(file)) names.push(file);
    }
  }
  return names;
}
