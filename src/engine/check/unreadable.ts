// Symbols given a new value in math that could not be read (`p = \lfloor k/2 \rfloor = n`, an unknown
// command, after `p = 1` of an example): what the text now says p is, the checker does not know, and
// a later claim about p would be checked with p's old value. Such a claim is not decided, with the
// reason. Only a symbol the document had given a value or a definition counts: one it never had is
// a free variable anyway, and a model's quantity or a constant keeps its meaning.
import type { Node, SymNode } from '../parse/ast';
import { parseChain } from '../parse/parser';
import { symbolUses } from '../models/symbol-uses';
import { describeSym } from '../semantics/describe';
import { symbolKey } from '../semantics/scope';
import { some } from '../semantics/walk';

interface Unreadable {
  readonly name: string;
  readonly offset: number;
  /** σ, the activation: which one the text means holds for the whole document, not only for its section. */
  readonly documentWide: boolean;
}

export class UnreadableValues {
  private readonly byKey = new Map<string, Unreadable>();

  /** `text`, math that could not be read, at `offset`: the symbol it gives a new value, if `defined` says it had one. */
  record(text: string, offset: number, defined: (sym: SymNode) => boolean): void {
    const sym = assignedSymbol(text);
    if (sym && defined(sym)) this.byKey.set(symbolKey(sym), { name: describeSym(sym), offset, documentWide: sym.name === 'sigma' && !sym.sub });
  }

  /** The symbol is given again where it can be read. */
  readable(sym: SymNode): void {
    this.byKey.delete(symbolKey(sym));
  }

  /**
   * The first symbol of `sides`, or of the definitions they use (`bodyOf`), last given in unreadable
   * math that still holds there (`holds(offset)`).
   */
  blocking(sides: readonly Node[], holds: (offset: number) => boolean, bodyOf: (sym: SymNode) => Node | undefined): Unreadable | undefined {
    if (this.byKey.size === 0) return undefined;
    const seen = new Set<string>();
    const pending = [...sides];
    for (let side = pending.pop(); side; side = pending.pop()) {
      for (const sym of [...symbolUses(side).map((use) => use.sym), ...functionsCalled(side)]) {
        const key = symbolKey(sym);
        if (seen.has(key)) continue;
        seen.add(key);
        const found = this.byKey.get(key);
        if (found && (found.documentWide || holds(found.offset))) return found;
        const body = bodyOf(sym);
        if (body) pending.push(body);
      }
    }
    return undefined;
  }
}

/** The functions `node` calls (`σ` of `σ(z_1 − z_2)`), as symbols. */
function functionsCalled(node: Node): SymNode[] {
  const out: SymNode[] = [];
  some(node, (n) => {
    if (n.kind === 'call') out.push({ kind: 'sym', name: n.fn, loc: n.fnLoc });
    return false;
  });
  return out;
}

/** `p` of `p = …`: the left side of the first `=` when it is one plain symbol; `σ` of `σ(z) = …`, a function. */
function assignedSymbol(text: string): SymNode | undefined {
  const equals = text.indexOf('=');
  if (equals <= 0) return undefined;
  const parsed = parseChain(text.slice(0, equals));
  if (!parsed.ok || parsed.chain.members.length !== 1) return undefined;
  const left = parsed.chain.members[0];
  if (left.kind === 'sym' && !left.sub) return left;
  // `\sigma(z) = \max(0, z) = \begin{cases}…`: the function σ, given a new formula.
  if (left.kind === 'call' && left.args.every((a) => a.kind === 'sym')) return { kind: 'sym', name: left.fn, loc: left.fnLoc };
  return undefined;
}
