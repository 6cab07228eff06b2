// Derivatives in a direction, as code comments write them (JAX's JVP rules): `d/db M^{-1} b = M^{-1} b_dot`
// says that the derivative of M⁻¹b along the tangent ḃ is M⁻¹ḃ. The tangent is `b_dot` or `\dot b`,
// named after the variable. Read so, the left side is the derivative applied to the tangent.
import type { Node, SymNode } from '../parse/ast';
import { some } from '../semantics/walk';

/** `\dot b` or `b_dot`, the tangent of `variable`, as written on the right (undefined when it is not). */
function tangentOf(variable: SymNode, right: Node): SymNode | undefined {
  let found: SymNode | undefined;
  some(right, (n) => {
    const tangent = n.kind === 'sym' && n.name === variable.name && ((n.accent === 'dot' && !variable.accent) || (n.sub?.kind === 'label' && n.sub.text === 'dot'));
    if (tangent) found = n;
    return tangent;
  });
  return found;
}

/** The left side read in the direction the right side names: `(d/db F) · ḃ`; the left side as it is otherwise. */
export function inDirection(left: Node, right: Node): Node {
  if (left.kind !== 'deriv' || left.wrt.kind !== 'sym' || left.order !== 1) return left;
  const tangent = tangentOf(left.wrt, right);
  return tangent ? { kind: 'bin', op: 'juxt', left, right: tangent, loc: left.loc } : left;
}
