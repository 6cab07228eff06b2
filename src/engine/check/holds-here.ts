// Whether an equation holds where a claim is checked now (holds.ts), for the parts of a document
// check that have its context: its scope, its sample points and its tolerance.
import type { Node } from '../parse/ast';
import type { CheckContext } from './context';
import { holdsAt } from './holds';

/** `holdsAt` in the context's current scope, at its sample points, to its tolerance. */
export function holdsHere(ctx: CheckContext, left: Node, right: Node): boolean {
  const scope = ctx.scope();
  return holdsAt(left, right, scope, ctx.points.of(scope), ctx.settings.values.tol);
}
