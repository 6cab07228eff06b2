// Which model an equation is read in: the one a directive (or the options) names, else the one
// auto-detection finds for it (check/detect.ts), with the whole-document pass that knows each
// section's model and the definitions that form the document's own model. The choice holds for an
// aligned derivation's later rows, and sticks from one equation to the next until a heading.
import type { Chain, Node, SymNode } from '../parse/ast';
import type { ParsedSegment } from '../parse/equations';
import type { Directive } from '../extract/types';
import type { MathSpan } from '../source/span';
import type { Model } from '../semantics/model';
import { hasDerivative } from '../models/symbol-uses';
import { BUILTIN_MODELS, MODELS } from '../models/registry';
import { builtinCandidate, choose, definedCandidate, fitOf, planSteps, strongest, type Candidate, type DocumentPlan, type Fit, type PlannedEquation } from './detect';
import { parseDirective, type Settings } from './directives';
import { compileStep, sampleStep } from './evaluate-step';
import type { DefinitionBook } from './book';
import type { DocumentSettings } from './document-settings';
import type { SamplePoints } from './sample-points';

export class ModelChoice {
  /** The model of the equation being checked: the one a directive names, else auto-detected per equation. */
  current: Model | null | undefined;
  /** The model the last decided equation was read in (a tie keeps it); a heading or a model directive resets it. */
  sticky: string | undefined;
  /** The whole-document pass of auto-detection (undefined when it failed: detection then goes equation by equation). */
  plan: DocumentPlan | undefined;

  constructor(
    private readonly settings: DocumentSettings,
    private readonly book: DefinitionBook,
    private readonly points: SamplePoints,
  ) {}

  /** The model claims are read in now. */
  get model(): Model | null {
    if (this.current !== undefined) return this.current;
    return this.named(this.settings.values.model === 'auto' ? 'mlp' : this.settings.values.model);
  }

  /** A directive named a model: the next equation starts afresh. */
  reset(): void {
    this.sticky = undefined;
    this.current = undefined;
  }

  private named(name: string): Model | null {
    if (name === 'none') return null;
    if (name === 'custom') return this.book.custom(this.settings.values.shapes);
    return MODELS[name] ?? null;
  }

  /** The whole-document pass of auto-detection: the document's own model's definitions, and each section's model. */
  *planDocument(spans: readonly MathSpan[], parsedSpans: readonly ParsedSegment[][], directives: readonly Directive[], headings: readonly number[]): Generator<number, DocumentPlan> {
    const declared = new Map<string, number>();
    for (const directive of directives) {
      const scratch: Settings = { ...this.settings.values, dims: {}, shapes: {} };
      for (const effect of parseDirective(directive.text)) if (effect.kind === 'settings') effect.apply(scratch);
      for (const key of Object.keys(scratch.shapes ?? {})) if (!declared.has(key)) declared.set(key, directive.loc.start);
    }
    const equations: PlannedEquation[] = [];
    spans.forEach((span, i) => {
      for (const { segment, parsed } of parsedSpans[i]) if (parsed?.ok) equations.push({ chain: parsed.chain, offset: span.offsets[segment.start] ?? span.outer.start });
    });
    const steps = planSteps(equations, headings, BUILTIN_MODELS, declared);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      yield 0;
    }
  }

  /** The model for an equation: the one a directive names, else the best reader of its symbols. */
  select(chain: Chain, offset: number): Model | null {
    const shapes = this.settings.values.shapes;
    if (this.settings.values.model !== 'auto') return this.named(this.settings.values.model);
    const custom = this.book.hasOwnModel(shapes) ? this.book.custom(shapes) : undefined;
    const shadowed = (sym: SymNode) => custom?.isDefinition(sym) ?? false;
    const options: { candidate: Candidate; model: Model }[] = BUILTIN_MODELS.map((model) => ({
      candidate: builtinCandidate(model.name, model, shadowed, (sym) => this.book.definedIn(model.name, sym)),
      model,
    }));
    if (custom) options.push({ candidate: definedCandidate(custom, (sym) => this.book.definedIn(custom.name, sym)), model: custom });
    if (options.length === 0) return null;
    // What the document defined without any model (f(x) = x²) reads the same in every model.
    const shared = (sym: SymNode) => this.book.definedIn('', sym);
    const candidates = options.map(({ candidate }): Candidate => ({ ...candidate, read: (sym) => (shared(sym) ? 'neutral' : candidate.read(sym)) }));
    const fits = candidates.map((c) => fitOf(c, chain));
    const restates = this.restatements(chain, offset, options.map((o) => o.model), fits);
    const { id, sticks } = choose(candidates, fits, { sticky: this.sticky, section: this.plan?.sectionScores(offset), restates, fallback: 'mlp' });
    if (sticks) this.sticky = id;
    return options.find((o) => o.candidate.id === id)!.model;
  }

  /**
   * `\hat x_i = x_i - \mu` restates a quantity that several models tied on symbols each define: whether
   * it holds in each, so that a document moving on to another model's definition (Problem 4 after
   * Problem 3, without a heading) follows it. Not when the next equation that its symbols decide
   * goes back to the current model: then the restatement is a slip within it.
   */
  private restatements(chain: Chain, offset: number, models: readonly Model[], fits: readonly Fit[]): Map<string, boolean> | undefined {
    const [left, right] = chain.members;
    if (chain.leadingOp || !left || !right || chain.ops[0] !== '=' || left.kind !== 'sym' || hasDerivative(right)) return undefined;
    const restating = strongest(fits)
      .map((i) => models[i])
      .filter((model) => {
        const key = model.resolveSymbol(left);
        return key !== undefined && model.nodes.get(key)?.compute !== undefined;
      });
    if (restating.length < 2) return undefined;
    if (this.sticky !== undefined && this.plan?.nextDecisive(offset) === this.sticky) return undefined;
    return new Map(restating.map((model) => [model.name, this.holdsIn(model, left, right)]));
  }

  /** True when `left = right` holds at every sample point of the model (false when it cannot be evaluated). */
  private holdsIn(model: Model, left: Node, right: Node): boolean {
    const scope = this.book.scopeFor(model, this.settings);
    try {
      const step = compileStep(left, right, scope);
      const records = sampleStep(step, scope, this.points.of(scope), { rtol: this.settings.values.tol, atol: 1e-12 });
      return records.length > 0 && records.every((r) => r.agrees);
    } catch {
      return false;
    }
  }
}
