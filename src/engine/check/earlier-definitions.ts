// `\phi'(x) = \phi(x)(1 - \phi(x))` under "the derivative of the sigmoid", after the text defined φ
// as the sigmoid, then as tanh for the next activation: a name the text defined anew may still mean
// its earlier definition where the prose says so. A claim that fails with the latest definition but
// holds with the one it replaced is not decided.
import type { Node } from '../parse/ast';
import { symbolKey, type UserDefinition } from '../semantics/scope';
import { some } from '../semantics/walk';
import type { StepOutcome, StepRequest } from './step-io';

/** How many earlier definitions of one name are tried, latest first. */
const MAX_EARLIER = 4;

/** The definitions a side uses by name (a symbol or a function) that replaced an earlier one. */
function replacingDefinitions(nodes: readonly Node[], definitions: ReadonlyMap<string, UserDefinition>): UserDefinition[] {
  const found = new Set<UserDefinition>();
  for (const node of nodes) {
    some(node, (n) => {
      const definition = n.kind === 'call' ? definitions.get(n.fn) : n.kind === 'sym' ? definitions.get(symbolKey(n)) : undefined;
      if (definition?.replaces) found.add(definition);
      return false;
    });
  }
  return [...found];
}

/** The outcome as not decided when a name's earlier definition makes it hold; else as it is. */
export function asEarlierDefinition(outcome: StepOutcome, request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  if (outcome.verdict !== 'mismatch') return outcome;
  for (const latest of replacingDefinitions([request.expected, request.claimed], request.scope.definitions)) {
    let tried = 0;
    for (let earlier = latest.replaces; earlier && tried < MAX_EARLIER; earlier = earlier.replaces, tried++) {
      const definitions = new Map(request.scope.definitions);
      definitions.set(latest.key, earlier);
      const reread = check({ ...request, scope: { ...request.scope, definitions } });
      if (reread.verdict !== 'verified') continue;
      const message = `not decided: ${latest.display} was defined anew above (${latest.source}), and this holds with an earlier definition (${earlier.source}), which the text may still mean here`;
      return { verdict: 'unsupported', message, evidence: { reason: 'earlier definition', checked: outcome.evidence } };
    }
  }
  return outcome;
}
