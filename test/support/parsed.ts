// LaTeX parsed for a test: a chain, its one expression, or its one symbol. Each fails the test, with
// the input in the message, when the text does not parse or is not what the test needs.
import * as assert from 'node:assert/strict';
import type { Chain, Node, SymNode } from '../../src/engine/parse/ast';
import { parseChain } from '../../src/engine/parse/parser';

/** The chain of `latex` (`a = b = c`, or one expression). */
export function chainOf(latex: string): Chain {
  const parsed = parseChain(latex);
  if (!parsed.ok) assert.fail(`${latex}: ${parsed.error.message}`);
  return parsed.chain;
}

/** The one expression of `latex` (fails on a relation). */
export function expressionOf(latex: string): Node {
  const { members } = chainOf(latex);
  assert.equal(members.length, 1, `${latex} is not one expression`);
  return members[0];
}

/** The one symbol of `latex` (`\hat y`, `C_i`, `W^{(2)}`). */
export function symbolOf(latex: string): SymNode {
  const node = expressionOf(latex);
  assert.equal(node.kind, 'sym', `${latex} is not a symbol`);
  return node as SymNode;
}
