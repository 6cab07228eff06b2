// Cascades in chains (issue 13, section 6): when a step of a derivation is wrong, the next step that
// comes back to a right value (it equals the derivation's left side) does not follow from the wrong
// one, but it is no second mistake. Only the first wrong step is a mismatch; the next says where the
// error is. A later step that follows from the wrong one but still differs from the left side
// inherits the error: it is not verified.
import { describe } from '../semantics/describe';
import type { CheckContext } from './context';
import type { Finding } from './finding';
import { holdsHere } from './holds-here';
import type { Link, Member } from './links';

/**
 * The finding of `link`, a mismatch right after a mismatch in the derivation headed by `head`, as the
 * cascade it is when its right side equals the head, or the last step before the error (`lastGood`,
 * where the head cannot be evaluated: `m = \frac{f(x+h) - f(x)}{h}` of an f the text never defines);
 * the finding itself otherwise.
 */
export function asCascade(ctx: CheckContext, finding: Finding, link: Link, head: Member, lastGood?: Member): Finding {
  if (finding.verdict !== 'mismatch' || link.left.node === head.node) return finding;
  if (holdsHere(ctx, head.node, link.right.node)) return retold(finding, `does not follow from the step before, but equals ${describe(head.node)}: the error is in the step before`, 'cascade');
  if (!lastGood || lastGood.node === link.left.node || !holdsHere(ctx, lastGood.node, link.right.node)) return finding;
  return retold(finding, `does not follow from the step before, but equals ${describe(lastGood.node)}, the step before it: the error is in the step before`, 'cascade');
}

/**
 * The finding of `link`, verified from the step before in a derivation headed by `head` that went
 * wrong earlier, as the inherited error it is when its right side still differs from the head.
 */
export function asInherited(ctx: CheckContext, finding: Finding, link: Link, head: Member): Finding {
  if (finding.verdict !== 'verified' || link.left.node === head.node || holdsHere(ctx, head.node, link.right.node)) return finding;
  return retold(finding, `follows from the step before, but an earlier step is wrong, so this still differs from ${describe(head.node)}`, 'inherited');
}

/**
 * The finding of `link`, a mismatch with the row before when nothing established that row: its own
 * claim was not decided (`RSS(β) = Σ(y_i − f(x_i))` of an RSS the text never defines) and no step
 * before it verified or defined it. The two rows differ, but which of them slipped is not known
 * (the row before may be the one missing a square), so the step is not decided; `before` is the row
 * before's own finding. A step verified only with stand-ins for undefined functions is not decided
 * either, nor one that agrees with a row found to differ from its own row before.
 */
export function asUnanchored(finding: Finding, link: Link, before: Finding | undefined): Finding {
  const why = before ? (before.evidence.reason ?? before.message) : 'it is no claim the checker read';
  // Verified with stand-ins for undefined functions, the step holds for any f; but the row it follows
  // from holds for the f meant only if something established it (it may have lost a sign already).
  if (finding.verdict === 'verified' && finding.evidence.standIns) {
    return retold(finding, `not decided: this row follows from ${describe(link.left.node)}, the row before, for any ${finding.evidence.standIns.join(' and ')}, but the row before could not be checked itself (${why})`, 'unanchored');
  }
  // The row before differs from its own row before, and which slipped is not known: agreeing with it proves nothing of the derivation.
  if (finding.verdict === 'verified' && before?.evidence.reason === 'unanchored' && !before.evidence.checked?.standIns) {
    return retold(finding, `not decided: this row follows from ${describe(link.left.node)}, the row before, but that row differs from the one before it, and which of them slipped is not known`, 'unanchored');
  }
  if (finding.verdict !== 'mismatch') return finding;
  return retold(finding, `not decided: this row differs from ${describe(link.left.node)}, the row before, but the row before could not be checked itself (${why}), so which of the two slipped is not known`, 'unanchored');
}

/** The step as the derivation around it shows it: not checked, saying why, with what its check found. */
function retold(finding: Finding, message: string, reason: string): Finding {
  return { ...finding, verdict: 'unsupported', message, evidence: { reason, checked: finding.evidence } };
}
