// A chain `a = b = c` as the steps it claims: each relation between two members is a link, checked
// right against left; an aligned row that starts with a relation continues from the previous row.
import type { Chain, Node, RelOp } from '../parse/ast';
import type { SourceRange } from '../source/location';
import type { Model } from '../semantics/model';
import { describe } from '../semantics/describe';

/** A member of a chain ready to be a step's side, with where it sits in the document. */
export interface Member {
  readonly node: Node;
  /** Span-local range. */
  readonly loc: SourceRange;
}

export interface Link {
  readonly left: Member;
  readonly right: Member;
  readonly op: RelOp;
  readonly opLoc: SourceRange;
  /** True when `left` is the previous row's last member (an aligned continuation). */
  readonly fromPrevious: boolean;
}

export function memberOf(node: Node): Member {
  return { node, loc: node.loc };
}

/** The links of a chain; `previous` is the last member of the row an aligned continuation goes on from. */
export function chainLinks(chain: Chain, previous: Member | undefined): Link[] {
  const links: Link[] = [];
  if (previous && chain.leadingOp && chain.members.length > 0) {
    links.push({ left: previous, right: memberOf(chain.members[0]), op: chain.leadingOp, opLoc: chain.leadingOpLoc ?? chain.members[0].loc, fromPrevious: true });
  }
  for (let i = 0; i + 1 < chain.members.length; i++) {
    links.push({ left: memberOf(chain.members[i]), right: memberOf(chain.members[i + 1]), op: chain.ops[i], opLoc: chain.opLocs[i], fromPrevious: false });
  }
  return links;
}

/** `n = d` between two of the model's size names states a case (the sizes are sampled), not a claim. */
export function isSizeCondition(link: Link, model: Model | null): boolean {
  const size = (node: Node) => node.kind === 'sym' && !node.sub && !node.accent && !node.star && !node.primes && (node.name === model?.defaultDim || (model?.sizeNames?.includes(node.name) ?? false));
  return link.op === '=' && size(link.left.node) && size(link.right.node);
}

/** What the head of a chain means, when it names a derivative or an update: "∂L/∂A_i". */
export function headTarget(node: Node, op: RelOp): string | undefined {
  if (node.kind === 'deriv' || op === 'update') return describe(node);
  if (node.kind === 'sym' || (node.kind === 'pow' && node.base.kind === 'sym')) {
    const text = describe(node);
    return /t\s*\+\s*1/.test(text) ? text : undefined;
  }
  return undefined;
}
