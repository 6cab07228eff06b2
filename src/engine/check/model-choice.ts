// Which model an equation is read in: the one a directive (or the options) names, else the one
// auto-detection finds for it (check/detect.ts), with the whole-document pass that knows each
// section's model and the definitions that form the document's own model. The choice holds for an
// aligned derivation's later rows, and sticks from one equation to the next until a heading.
import type { Chain, Node, SymNode } from '../parse/ast';
import type { ParsedSegment } from '../parse/equations';
import type { Directive, Heading } from '../extract/types';
import type { MathSpan } from '../source/span';
import type { Model } from '../semantics/model';
import { hasDerivative, symbolUses } from '../models/symbol-uses';
import { some } from '../semantics/walk';
import { BUILTIN_MODELS, MODELS } from '../models/registry';
import { builtinCandidate, chainUses, choose, definedCandidate, fitOf, planSteps, strongest, type Candidate, type DocumentPlan, type Fit, type PlannedEquation, type PlannedEvidence } from './detect';
import { parseDirective, type Settings } from './directives';
import { differsAt, holdsAt } from './holds';
import type { DefinitionBook } from './book';
import type { DocumentSettings } from './document-settings';
import type { SamplePoints } from './sample-points';
import { equationEvidence, isSignature, SECTION_SIGNATURE_SIZE, type ModelEvidence } from './model-evidence';
import { Sections } from './sections';
import type { SourceRange } from '../source/location';

/** A built-in model applies in a range of the document, for a reason. */
interface Applicability {
  readonly range: SourceRange;
  readonly evidence: ModelEvidence;
}

export class ModelChoice {
  /** The model of the equation being checked: the one a directive names, else auto-detected per equation. */
  current: Model | null | undefined;
  /** The model the last decided equation was read in (a tie keeps it); a heading or a model directive resets it. */
  sticky: string | undefined;
  /** The whole-document pass of auto-detection (undefined when it failed: detection then goes equation by equation). */
  plan: DocumentPlan | undefined;
  /** Where each built-in model applies in auto mode, and why: the sections of the equations that tie them to it. */
  private applicability: Applicability[] = [];
  private sections: Sections | undefined;
  /** Why the model of the equation being checked was chosen, when detection chose it. */
  detectedBecause: ModelEvidence | undefined;
  /** What the document's derivatives are taken by (`∂x̂_i/∂μ` gives μ), from the document pass. */
  private derivativeVariables: SymNode[] = [];

  constructor(
    private readonly settings: DocumentSettings,
    private readonly book: DefinitionBook,
    private readonly points: SamplePoints,
  ) {}

  /** The model claims are read in now. */
  get model(): Model | null {
    if (this.current !== undefined) return this.current;
    return this.settings.values.model === 'auto' ? null : this.named(this.settings.values.model);
  }

  /** A directive named a model: the next equation starts afresh. */
  reset(): void {
    this.sticky = undefined;
    this.current = undefined;
  }

  private named(name: string): Model | null {
    if (name === 'none') return null;
    if (name === 'custom') return this.book.custom(this.settings.ownShapes);
    return MODELS[name] ?? null;
  }

  /** The whole-document pass of auto-detection: the document's own model's definitions, and each section's model. */
  *planDocument(spans: readonly MathSpan[], parsedSpans: readonly ParsedSegment[][], directives: readonly Directive[], headings: readonly Heading[]): Generator<number, DocumentPlan> {
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
    this.sections = new Sections(headings);
    this.derivativeVariables = equations.flatMap(({ chain }) => chain.members.flatMap(derivativeVariables));
    const steps = planSteps(equations, this.sections, BUILTIN_MODELS, declared);
    let step = steps.next();
    for (; !step.done; step = steps.next()) yield 0;
    // The document's own definition of a model's quantity (`\hat y_i = \frac{e^{z_i}}{\sum_j e^{z_j}}`, a
    // softmax) names the model's symbols but is no evidence that its section is about the model.
    const chains = new Map(equations.map((e) => [e.offset, e.chain]));
    const evidence = step.value.evidence.filter((e) => !e.signature || !this.redefinesNode(e.model, chains.get(e.offset)));
    this.applicability = this.findApplicability(evidence, this.sections);
    return step.value;
  }

  /** Where each built-in model applies: the sections with an equation that ties them to it, or with enough of its notation between them. */
  private findApplicability(evidence: readonly PlannedEvidence[], sections: Sections): Applicability[] {
    const found: Applicability[] = [];
    const covered = (model: string, offset: number) => found.some((a) => a.evidence.model === model && within(a.range, offset));
    const pooled = new Map<string, { range: SourceRange; offset: number; symbols: Map<string, string> }>();
    for (const { model, offset, distinctive, signature } of evidence) {
      if (covered(model.name, offset)) continue;
      const range = sections.around(offset);
      if (signature) {
        found.push({ range, evidence: { model: model.name, offset, because: signature } });
        continue;
      }
      const key = `${model.name}@${range.start}`;
      const pool = pooled.get(key) ?? { range, offset, symbols: new Map<string, string>() };
      for (const [k, written] of distinctive) if (!pool.symbols.has(k)) pool.symbols.set(k, written);
      pooled.set(key, pool);
      if (isSignature(model, pool.symbols.keys(), SECTION_SIGNATURE_SIZE) && !covered(model.name, offset)) {
        found.push({ range, evidence: { model: model.name, offset: pool.offset, because: `${[...pool.symbols.values()].join(', ')} in this section` } });
      }
    }
    return found;
  }

  /** Whether the document takes a derivative by one of `model`'s quantities `keys` anywhere (∂x̂_i/∂μ_B for mu). */
  takesDerivativeBy(model: Model, keys: readonly string[]): boolean {
    return this.derivativeVariables.some((sym) => {
      const key = model.resolveSymbol(sym);
      return key !== undefined && keys.includes(key);
    });
  }

  /** Whether a value stated at `stated` still holds at `offset`: within its section (`β = 0.75` of one section is not the next one's β). */
  valueHolds(stated: number, offset: number): boolean {
    const problem = this.sections?.around(stated);
    return problem === undefined || within(problem, offset);
  }

  /**
   * Whether a definition made at `stated` still holds at `offset`: within the problem it belongs to
   * (sections.ts problemAround: a slide, or the section above its own with its sibling parts), or the
   * whole document when its heading has none above.
   */
  definitionHolds(stated: number, offset: number): boolean {
    const problem = this.sections?.problemAround(stated);
    return problem === undefined || within(problem, offset);
  }

  /** Whether `earlier` is in the section `offset` is in (by the headings; true when the document pass has not run). */
  inOneSection(offset: number, earlier: number): boolean {
    const section = this.sections?.around(offset);
    return section === undefined || within(section, earlier);
  }

  /**
   * The built-in models that apply at `offset` in auto mode, each with its evidence: found in the
   * equation's section; or, for a derivative in a model's own symbols, in another part of the same
   * problem (a sibling section under the same heading).
   */
  private applicableAt(offset: number, chain: Chain, read: (model: Model) => Candidate): { model: Model; evidence: ModelEvidence }[] {
    const problem = this.sections?.parentAround(offset);
    const applies = (model: Model): ModelEvidence | undefined => {
      const own = this.applicability.find((a) => a.evidence.model === model.name && within(a.range, offset));
      if (own) return own.evidence;
      // Without the document pass, the equation's own evidence is all there is.
      if (!this.plan) {
        const candidate = read(model);
        const signature = equationEvidence(model, (sym) => candidate.read(sym) !== 'unknown', chain, chainUses(chain))?.signature;
        return signature ? { model: model.name, offset, because: signature } : undefined;
      }
      const sibling = this.applicability.find((a) => a.evidence.model === model.name && within(problem, a.evidence.offset));
      const candidate = read(model);
      const inModel = chain.members.some(hasDerivative) && chainUses(chain).every(({ sym }) => candidate.read(sym) !== 'unknown');
      return sibling && inModel ? sibling.evidence : undefined;
    };
    return BUILTIN_MODELS.flatMap((model) => {
      const evidence = applies(model);
      return evidence ? [{ model, evidence }] : [];
    });
  }

  /** The model for an equation: the one a directive names, else the best reader of its symbols. */
  select(chain: Chain, offset: number): Model | null {
    const shapes = this.settings.values.shapes;
    this.detectedBecause = undefined;
    if (this.settings.values.model !== 'auto') return this.named(this.settings.values.model);
    const custom = this.book.hasOwnModel(shapes) ? this.book.custom(this.settings.ownShapes) : undefined;
    const shadowed = (sym: SymNode) => custom?.isDefinition(sym) ?? false;
    const reader = (model: Model) => builtinCandidate(model.name, model, shadowed, (sym) => this.book.definedIn(model.name, sym));
    const applicable = this.applicableAt(offset, chain, reader);
    const options: { candidate: Candidate; model: Model; evidence?: ModelEvidence }[] = applicable.map(({ model, evidence }) => ({ candidate: reader(model), model, evidence }));
    if (custom) options.push({ candidate: definedCandidate(custom, (sym) => this.book.definedIn(custom.name, sym)), model: custom });
    // No built-in model is what this part of the document is about: free variables (or the document's own model).
    if (options.length === 0) return null;
    // What the document defined without any model (f(x) = x²) reads the same in every model.
    const shared = (sym: SymNode) => this.book.definedIn('', sym);
    const candidates = options.map(({ candidate }): Candidate => ({ ...candidate, read: (sym) => (shared(sym) ? 'neutral' : candidate.read(sym)) }));
    const fits = candidates.map((c) => fitOf(c, chain));
    const restates = this.restatements(chain, offset, options.map((o) => o.model), fits);
    const { id, sticks } = choose(candidates, fits, { sticky: this.sticky, section: this.plan?.sectionScores(offset), restates, fallback: options[0].candidate.id });
    if (sticks) this.sticky = id;
    const chosen = options.find((o) => o.candidate.id === id)!;
    this.detectedBecause = chosen.evidence;
    return chosen.model;
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

  /**
   * `node = body` for a quantity the model computes, where the body is no built-in model's and uses
   * few of its quantities: the document's own definition (a student's slip in the model's own formula,
   * `\hat y = C\sigma(Ax) + d`, keeps most of them, and `\hat x_i = x_i - \mu` is another model's: both
   * stay claims).
   */
  private redefinesNode(model: Model, chain: Chain | undefined): boolean {
    if (!chain || chain.leadingOp || chain.members.length !== 2 || chain.ops[0] !== '=') return false;
    const [left, right] = chain.members;
    if (left.kind !== 'sym' || hasDerivative(right)) return false;
    const key = model.resolveSymbol(left);
    if (key === undefined || model.nodes.get(key)?.compute === undefined) return false;
    const quantities = new Set(symbolUses(right).map(({ sym }) => model.resolveSymbol(sym)).filter((k) => k !== undefined));
    if (quantities.size >= OWN_FORMULA_QUANTITIES) return false;
    if (BUILTIN_MODELS.some((other) => other !== model && other.resolveSymbol(left) !== undefined && this.holdsIn(other, left, right))) return false;
    const scope = this.book.scopeFor(model, this.settings);
    // Only a body that can be evaluated and differs (so it does not hold in this model either): one the checker cannot read says nothing.
    return differsAt(left, right, scope, this.points.of(scope), this.settings.values.tol);
  }

  /** True when `left = right` holds at every sample point of the model (false when it cannot be evaluated). */
  private holdsIn(model: Model, left: Node, right: Node): boolean {
    const scope = this.book.scopeFor(model, this.settings);
    return holdsAt(left, right, scope, this.points.of(scope), this.settings.values.tol);
  }
}

/** A formula for a model's quantity with this many of its quantities is the model's own, perhaps with a slip. */
const OWN_FORMULA_QUANTITIES = 3;

/** The symbols a node's derivatives are taken by: `\frac{\partial \hat x_i}{\partial \sigma_B^2}` gives σ_B². */
function derivativeVariables(node: Node): SymNode[] {
  const found: SymNode[] = [];
  some(node, (n) => {
    if (n.kind === 'deriv') for (const { sym } of symbolUses(n.wrt)) found.push(sym);
    return false;
  });
  return found;
}

/** Whether `at` lies in `range` (none: no). */
function within(range: SourceRange | undefined, at: number): boolean {
  return range !== undefined && range.start <= at && at < range.end;
}
