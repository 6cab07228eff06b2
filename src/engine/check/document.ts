import type { MathSpan, Directive } from '../extract/types';
import { toDocumentRange } from '../extract/types';
import { LineMap, type SourceRange } from '../source/location';
import type { Chain, Node, RelOp, SymNode } from '../parse/ast';
import { parseChain } from '../parse/parser';
import type { Segment } from '../parse/segment';
import { parseSpan, type ParsedSegment } from '../parse/equations';
import { nextContentLine } from '../extract/markdown';
import { Random } from '../evaluate/random';
import { GENERIC_INSTANCES, NAMED_NONLINEARITIES, type Nonlinearity } from '../evaluate/sigma';
import type { Model, SamplePoint } from '../semantics/model';
import { MODELS } from '../models/registry';
import type { Finding } from './finding';
import type { CheckOptions } from './options';
import type { ClaimHandle, NamedValue } from './handle';
import { StepHandle } from './claim-handle';
import { CheckCache, normalizeLatex } from './cache';
import { formatTensor } from './diagnose';
import { fromValues } from '../evaluate/tensor';
import { parseDirective, type Settings } from './directives';
import { describe } from '../semantics/describe';
import type { Scope, UserDefinition } from '../semantics/scope';
import { checkStep } from './step';
import type { StepOutcome, StepRequest } from './step-io';
import { readingPoint } from './readings';
import { defineSymbol, definitionCandidate, isDefined, refersTo } from './definitions';
import { applyGiven, givenSizes, givenValues, ungivenDataReason, type GivenState } from './given';
import { DefinedModel, definitionCycle, hasDerivative, subscriptName, undeclaredMatrixUses, type CustomDefinition } from '../models/defined';
import { builtinCandidate, choose, definedCandidate, familyIndex, fitOf, planSteps, quantityKey, strongest, type Candidate, type DocumentPlan, type Fit, type PlannedEquation } from './detect';
import { compileStep, sampleStep } from './evaluate-step';
import { releaseNodeValues } from '../semantics/env';
import { familyKey, symbolKey } from '../semantics/scope';
import { ShapeError } from '../evaluate/tensor';
import { EvaluationError } from '../semantics/rules';
import { some } from '../semantics/walk';
import { DEFAULT_SYMBOLIC_BUDGET_MS, type SymbolicBudget } from './symbolic-form';
import { checkDeadline, withinBudget } from '../semantics/deadline';

/** CheckOptions.claimBudgetMs by default: a normal claim takes 2–10 ms. */
export const DEFAULT_CLAIM_BUDGET_MS = 200;

/** A member of a chain ready to be a step's side, with where it sits in the document. */
interface Member {
  readonly node: Node;
  /** Span-local range. */
  readonly loc: SourceRange;
}

/**
 * Checks the math of one document, span by span, in order: directives and definitions apply from
 * where they appear on.
 */
export class DocumentChecker {
  readonly findings: Finding[] = [];
  private readonly settings: Settings;
  /** Definitions by the model they were made under ('' for those that use no model: f(x) = x², u = a + b). */
  private readonly contexts = new Map<string, Map<string, UserDefinition>>();
  /** The model of the equation being checked: the one a directive names, else auto-detected per equation. */
  private current: Model | null | undefined;
  /** The model the last decided equation was read in (a tie keeps it); a heading or a model directive resets it. */
  private sticky: string | undefined;
  /** Definitions that are nodes of the document's own model, in order. */
  private readonly customDefinitions: CustomDefinition[] = [];
  private customModel: DefinedModel | undefined;
  private plan: DocumentPlan | undefined;
  private sigmaOverride: Nonlinearity | undefined;
  /** σ named by a directive or an option: a later `σ(z) = …` is then a claim, not a definition. */
  private sigmaFromDirective: boolean;
  private readonly pointCache = new Map<string, SamplePoint[]>();
  private readonly hoverPoints = new Map<string, SamplePoint>();
  private readonly ignoredLines = new Set<number>();
  /** Values and indices pinned for hovers by `derivcheck: at …`. */
  private pins: Record<string, number> = {};
  /** Leaf values the document stated (`x = (1, 7, 7, 9)`), by model name: every sample point uses them. */
  private readonly given = new Map<string, GivenState>();
  readonly blocks: { range: SourceRange; findings: Finding[] }[] = [];
  readonly handles = new Map<Finding, ClaimHandle>();
  /**
   * The time each claim's check took in ms (CheckOptions.claimBudgetMs measures the same), kept
   * beside the findings so that findings stay the same from one check to the next.
   */
  readonly elapsed = new Map<Finding, number>();
  /**
   * Parses and step outcomes by text and context: the caller's (kept across edits), else one for this
   * check, so a step written again in the same context (a repeated chain, the same answer in another
   * solution) is decided once.
   */
  private cache: CheckCache;
  /** Prover time this check may still spend: symbolic proofs are extra evidence and must not dominate. */
  private readonly symbolicBudget: SymbolicBudget;
  /** Time one claim may take (Infinity: no limit). */
  private readonly claimBudgetMs: number;

  constructor(
    readonly text: string,
    readonly options: CheckOptions,
    private readonly lineMap: LineMap = new LineMap(text),
  ) {
    this.settings = {
      model: options.model ?? 'auto',
      sigma: options.sigma ?? 'sigmoid',
      dims: {},
      seed: options.seed ?? 1,
      samples: Math.max(1, options.samples ?? 16),
      tol: options.tol ?? 1e-9,
      shapes: {},
    };
    this.sigmaFromDirective = options.sigma !== undefined;
    this.cache = options.cache ?? new CheckCache();
    const budget = Math.max(0, options.symbolicBudgetMs ?? DEFAULT_SYMBOLIC_BUDGET_MS);
    this.symbolicBudget = { remainingMs: budget, totalMs: budget };
    const claimBudget = options.claimBudgetMs ?? DEFAULT_CLAIM_BUDGET_MS;
    this.claimBudgetMs = claimBudget > 0 && Number.isFinite(claimBudget) ? claimBudget : Infinity;
  }

  /** `headings`: where Markdown headings start; each one resets the sticky choice of model. */
  run(spans: readonly MathSpan[], directives: readonly Directive[], headings: readonly SourceRange[] = []): Finding[] {
    const steps = this.steps(spans, directives, headings);
    while (!steps.next().done);
    return this.findings;
  }

  /**
   * `run` a piece at a time, for callers that must not block (the language server): after parsing
   * each span, after the document pass and after checking each span, yields the document offset
   * before which every finding is final (0 until checking starts; the text's length at the end).
   */
  *steps(spans: readonly MathSpan[], directives: readonly Directive[], headings: readonly SourceRange[] = []): Generator<number, Finding[]> {
    const parsedSpans: ParsedSegment[][] = [];
    for (const span of spans) {
      parsedSpans.push(this.parsedOf(span));
      yield 0;
    }
    const headingStarts = headings.map((h) => h.start).sort((a, b) => a - b);
    try {
      this.plan = yield* this.planOf(spans, parsedSpans, directives, headingStarts);
    } catch {
      // Without the document pass, detection still works equation by equation.
      this.plan = undefined;
    }
    yield 0;
    let next = 0;
    let nextHeading = 0;
    for (const [index, span] of spans.entries()) {
      while (next < directives.length && directives[next].loc.start < span.outer.start) this.applyDirective(directives[next++]);
      while (nextHeading < headingStarts.length && headingStarts[nextHeading] <= span.outer.start) {
        nextHeading++;
        this.sticky = undefined;
      }
      if (this.ignoredLines.has(this.lineMap.position(span.outer.start).line)) continue;
      const before = this.findings.length;
      try {
        this.checkSpan(span, parsedSpans[index]);
      } catch (error) {
        // One bad span must not cost the rest of the document its checks (claims are guarded one by one; this is the rest).
        this.findings.push(this.internalError(error, span.outer));
      }
      if (this.findings.length > before) this.blocks.push({ range: span.outer, findings: this.findings.slice(before) });
      // A directive before the next span reports its problems when that span is reached.
      if (index + 1 < spans.length) yield Math.min(spans[index + 1].outer.start, directives[next]?.loc.start ?? Infinity);
    }
    while (next < directives.length) this.applyDirective(directives[next++]);
    this.release();
    return this.findings;
  }

  /**
   * Checking is over: let go of what only checking needs (the sample points with the node values
   * computed at them, this check's own cache), since a report's handles keep the checker alive.
   */
  private release(): void {
    for (const points of this.pointCache.values()) for (const point of points) releaseNodeValues(point);
    this.pointCache.clear();
    if (this.cache !== this.options.cache) this.cache = new CheckCache();
  }

  private parsedOf(span: MathSpan): ParsedSegment[] {
    return this.cache.parsed(span.text, parseSpan);
  }

  /** The whole-document pass of auto-detection: the document's own model's definitions, and each section's model. */
  private *planOf(spans: readonly MathSpan[], parsedSpans: readonly ParsedSegment[][], directives: readonly Directive[], headings: readonly number[]): Generator<number, DocumentPlan> {
    const declared = new Map<string, number>();
    for (const directive of directives) {
      const scratch: Settings = { ...this.settings, dims: {}, shapes: {} };
      for (const effect of parseDirective(directive.text)) if (effect.kind === 'settings') effect.apply(scratch);
      for (const key of Object.keys(scratch.shapes ?? {})) if (!declared.has(key)) declared.set(key, directive.loc.start);
    }
    const equations: PlannedEquation[] = [];
    spans.forEach((span, i) => {
      for (const { segment, parsed } of parsedSpans[i]) if (parsed?.ok) equations.push({ chain: parsed.chain, offset: span.offsets[segment.start] ?? span.outer.start });
    });
    const steps = planSteps(equations, headings, Object.entries(MODELS), declared);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      yield 0;
    }
  }

  private applyDirective(directive: Directive): void {
    for (const effect of parseDirective(directive.text)) {
      if (effect.kind === 'settings') {
        effect.apply(this.settings);
        if (/\bmodel=/.test(directive.text)) {
          this.sticky = undefined;
          this.current = undefined;
        }
        if (/(?:^|\s)shapes(?:\s|$)/.test(directive.text)) this.customModel = undefined;
        // Naming a model starts a new problem: values given for it earlier no longer hold.
        if (/\bmodel=/.test(directive.text)) this.given.delete(this.settings.model);
        if (/\bsigma=/.test(directive.text)) {
          this.sigmaOverride = undefined;
          this.sigmaFromDirective = true;
        }
      } else if (effect.kind === 'pins') {
        this.pins = { ...this.pins, ...effect.pins };
      } else if (effect.kind === 'ignore-next-line') {
        this.ignoredLines.add(nextContentLine(this.lineMap, directive.endLine));
      } else {
        const range = this.wordRange(directive, effect.word);
        this.findings.push({ verdict: 'unparsed', range, text: this.text.slice(range.start, range.end), message: effect.message, evidence: { directive: directive.text } });
      }
    }
  }

  /** Where a word of a directive is in the document (the whole directive when it cannot be found). */
  private wordRange(directive: Directive, word: string | undefined): SourceRange {
    const at = word ? this.text.slice(directive.loc.start, directive.loc.end).indexOf(word) : -1;
    return at < 0 ? directive.loc : { start: directive.loc.start + at, end: directive.loc.start + at + word!.length };
  }

  private get model(): Model | null {
    if (this.current !== undefined) return this.current;
    return this.namedModel(this.settings.model === 'auto' ? 'mlp' : this.settings.model);
  }

  private namedModel(name: string): Model | null {
    if (name === 'none') return null;
    if (name === 'custom') return this.custom();
    return MODELS[name] ?? null;
  }

  /** The document's own model as defined so far (rebuilt after each new definition or shape). */
  private custom(): DefinedModel {
    const definitions = this.visibleDefinitions('custom');
    if (!this.customModel || this.customModel.context.definitions.size !== definitions.size) {
      this.customModel = new DefinedModel([...this.customDefinitions], { ...this.settings.shapes }, { definitions });
    }
    return this.customModel;
  }

  private context(id: string): Map<string, UserDefinition> {
    let context = this.contexts.get(id);
    if (!context) this.contexts.set(id, (context = new Map()));
    return context;
  }

  /** Definitions visible under a model: those that use no model, and those made under it. */
  private visibleDefinitions(id: string | undefined): Map<string, UserDefinition> {
    return new Map([...this.context(''), ...(id ? this.context(id) : [])]);
  }

  private definedIn(id: string, sym: SymNode): boolean {
    const context = this.context(id);
    const key = symbolKey(sym);
    const count = sym.sub?.kind === 'indices' ? sym.sub.items.length : 0;
    return context.has(key) || (count > 0 && context.has(familyKey(key, count)));
  }

  /** The model for an equation: the one a directive names, else the best reader of its symbols. */
  private selectModel(chain: Chain, offset: number): Model | null {
    if (this.settings.model !== 'auto') return this.namedModel(this.settings.model);
    const custom = this.customDefinitions.length > 0 || Object.keys(this.settings.shapes ?? {}).length > 0 ? this.custom() : undefined;
    const shadowed = (sym: SymNode) => custom?.isDefinition(sym) ?? false;
    const options: { candidate: Candidate; model: Model }[] = Object.values(MODELS).map((model) => ({
      candidate: builtinCandidate(model.name, model, shadowed, (sym) => this.definedIn(model.name, sym)),
      model,
    }));
    if (custom) options.push({ candidate: definedCandidate(custom, (sym) => this.definedIn(custom.name, sym)), model: custom });
    if (options.length === 0) return null;
    // What the document defined without any model (f(x) = x²) reads the same in every model.
    const shared = (sym: SymNode) => this.definedIn('', sym);
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
    const scope: Scope = { model, sigmas: this.sigmas, sigmaChosen: this.sigmaOverride !== undefined || this.sigmaFromDirective, definitions: this.visibleDefinitions(model.name) };
    try {
      const step = compileStep(left, right, scope);
      const records = sampleStep(step, scope, this.points(scope), { rtol: this.settings.tol, atol: 1e-12 });
      return records.length > 0 && records.every((r) => r.agrees);
    } catch {
      return false;
    }
  }

  private get sigmas(): readonly Nonlinearity[] {
    if (this.sigmaOverride) return [this.sigmaOverride];
    if (this.settings.sigma === 'generic') return GENERIC_INSTANCES;
    return [NAMED_NONLINEARITIES[this.settings.sigma] ?? NAMED_NONLINEARITIES.sigmoid];
  }

  scope(): Scope {
    return {
      model: this.model,
      sigmas: this.sigmas,
      sigmaChosen: this.sigmaOverride !== undefined || this.sigmaFromDirective,
      definitions: this.visibleDefinitions(this.model?.name),
    };
  }

  private points(scope: Scope): SamplePoint[] {
    const key = JSON.stringify([modelId(scope.model), this.settings.dims, this.settings.seed, this.settings.samples, scope.sigmas.map((s) => s.name), this.givenFor(scope.model)]);
    let points = this.pointCache.get(key);
    if (!points) {
      const rng = new Random(this.settings.seed * 7919 + 17);
      const sampling = { seed: this.settings.seed, count: this.settings.samples, dims: this.dimsFor(scope.model), sigmas: scope.sigmas, given: this.givenFor(scope.model) };
      const model = scope.model ?? MODELS.mlp;
      // Drawing a point can be costly (ridge solves for its minimizer): part of the claim's budget.
      points = Array.from({ length: this.settings.samples }, (_, i) => (checkDeadline(), model.samplePoint(rng, i, sampling)));
      this.pointCache.set(key, points);
    }
    return points;
  }

  /** The point hovers use: seeded by the hover seed, with `derivcheck: at …` pins applied. */
  private hoverPoint(scope: Scope): SamplePoint {
    const key = JSON.stringify([modelId(scope.model), this.settings.dims, this.settings.seed, this.pins, this.options.hoverSeed, scope.sigmas.map((s) => s.name), this.givenFor(scope.model)]);
    let point = this.hoverPoints.get(key);
    if (!point) this.hoverPoints.set(key, (point = this.drawHoverPoint(scope)));
    return point;
  }

  private drawHoverPoint(scope: Scope): SamplePoint {
    const model = scope.model ?? MODELS.mlp;
    const dims = this.dimsFor(model);
    const leafPins = new Map<string, number>();
    for (const [name, value] of Object.entries(this.pins)) {
      if (name === model.defaultDim) dims[name] = value;
      const parsed = parseChain(name);
      const node = parsed.ok && parsed.chain.members.length === 1 ? parsed.chain.members[0] : undefined;
      const key = node?.kind === 'sym' ? model.resolveSymbol(node) : undefined;
      if (key) leafPins.set(key, value);
    }
    const seed = this.options.hoverSeed ?? this.settings.seed;
    const sampling = { seed, count: 1, dims, sigmas: scope.sigmas, given: this.givenFor(model) };
    const point = model.samplePoint(new Random(seed * 104729 + 3), 0, sampling);
    const leaves = new Map(point.leaves);
    for (const [key, value] of leafPins) if (leaves.get(key)?.isScalar) leaves.set(key, fromValues(1, 1, [value]));
    return { ...point, leaves, free: (name) => this.pins[name] ?? point.free(name) };
  }

  /** The hover point's values, for display. */
  hoverPointValues(): NamedValue[] {
    const point = this.hoverPoint(this.scope());
    const values: NamedValue[] = Object.entries(point.dims).map(([name, size]) => ({ name, value: String(size) }));
    for (const [key, value] of point.leaves) {
      const display = this.model?.nodes.get(key)?.display ?? key;
      values.push({ name: display, value: formatTensor(value) });
    }
    // Where σ is a quantity of the model (batchnorm's standard deviation), it is not a nonlinearity.
    const loc = { start: 0, end: 0 };
    const indexedSigma: SymNode = { kind: 'sym', name: 'sigma', sub: { kind: 'indices', items: [{ kind: 'sym', name: 'i', loc }], loc }, loc };
    // …and where σ_i is (ridge's singular values).
    const sigmaIsQuantity = this.model?.resolveSymbol({ kind: 'sym', name: 'sigma', loc }) !== undefined || this.model?.resolveSymbol(indexedSigma) !== undefined;
    if (!sigmaIsQuantity) values.push({ name: 'σ', value: point.sigma.display });
    return values;
  }

  private checkSpan(span: MathSpan, parsedSegments: readonly ParsedSegment[]): void {
    let previous: Member | undefined;
    let target: string | undefined;
    // Before `verdictsFrom`, claims only take effect: a step's verdict changes nothing after it.
    const verdicts = span.outer.end >= (this.options.verdictsFrom ?? 0);
    for (const { segment, parsed } of parsedSegments) {
      if (!parsed) {
        this.tryStatedBatch(span, segment);
        previous = undefined;
        continue;
      }
      if (!parsed.ok) {
        // A construct the parser recognises but the checker cannot evaluate is unsupported, not malformed.
        const recognised = parsed.error.unsupported === true;
        this.findings.push({
          verdict: recognised ? 'unsupported' : 'unparsed',
          range: toDocumentRange(span, parsed.error.loc),
          // What the student wrote (a translated plain-notation span's text is LaTeX).
          text: sliceDocument(this.text, toDocumentRange(span, segment)),
          message: recognised ? `not checked: ${parsed.error.message}` : `could not parse this math: ${parsed.error.message}`,
          evidence: { reason: parsed.error.message },
        });
        previous = undefined;
        continue;
      }
      const chain = parsed.chain;
      const continues = chain.leadingOp !== undefined && previous !== undefined;
      if (!continues) target = undefined;
      // The model choice is part of the first claim's budget.
      let startedAt = performance.now();
      // An aligned row that continues a derivation stays in its model.
      if (!continues) {
        const chosen = this.claim(toDocumentRange(span, chain.loc), () => undefined, startedAt, () => {
          this.current = this.selectModel(chain, span.offsets[segment.start] ?? span.outer.start);
        });
        if (!chosen) {
          previous = undefined;
          continue;
        }
      }
      const links = chainLinks(chain, continues ? previous : undefined);
      let first = !continues;
      for (const link of links) {
        if (isSizeCondition(link, this.model)) {
          first = false;
          continue;
        }
        const rangeStart = link.fromPrevious ? link.opLoc.start : link.left.loc.start;
        const local = { start: rangeStart, end: link.right.loc.end };
        const isFirst = first;
        first = false;
        this.claim(toDocumentRange(span, local), () => target ?? headTarget(link.left.node, link.op), startedAt, () => {
          if (isFirst && this.tryDefinition(link, span)) return;
          target ??= headTarget(link.left.node, link.op);
          if (verdicts) this.checkLink(link, span, local, target);
        });
        startedAt = performance.now();
      }
      previous = chain.members.length > 0 ? memberOf(chain.members[chain.members.length - 1]) : undefined;
    }
  }

  /**
   * Checks one claim (a step, or a definition) within the claim budget, from `startedAt`: its
   * findings get the time it took. A spent budget or an unexpected exception replaces them with one
   * finding on the claim; the caller goes on with the next claim. `target` is only read for that
   * finding (describing the claim's head costs more than re-checking an unchanged step). False when
   * the check did not complete.
   */
  private claim(range: SourceRange, target: () => string | undefined, startedAt: number, check: () => void): boolean {
    const before = this.findings.length;
    const result = withinBudget(this.claimBudgetMs, check, startedAt);
    const elapsedMs = Math.round(result.elapsedMs * 100) / 100;
    if (!result.ok) {
      for (const partial of this.findings.splice(before)) this.handles.delete(partial);
      this.findings.push(this.failedClaim(result.error, result.overBudget, range, target()));
    }
    for (let i = before; i < this.findings.length; i++) this.elapsed.set(this.findings[i], elapsedMs);
    return result.ok;
  }

  /** The finding of a claim whose check ran out of time or threw. */
  private failedClaim(error: unknown, overBudget: boolean, range: SourceRange, target: string | undefined): Finding {
    if (!overBudget) return { ...this.internalError(error, range), ...(target ? { target } : {}) };
    const message = `too complex to check in time (over ${this.claimBudgetMs} ms)`;
    return {
      verdict: 'unsupported',
      code: 'too-complex',
      range,
      text: this.text.slice(range.start, range.end),
      ...(target ? { target } : {}),
      message,
      evidence: { reason: 'too complex to check in time', budgetMs: this.claimBudgetMs },
    };
  }

  /** An unexpected exception as a finding on what was being checked; the cause goes to the caller's hook. */
  private internalError(error: unknown, range: SourceRange): Finding {
    const cause = error instanceof Error ? error.message : String(error);
    try {
      this.options.onInternalError?.(error, range);
    } catch {
      // A failing logger must not stop the check.
    }
    return {
      verdict: 'unsupported',
      code: 'internal-error',
      range,
      text: this.text.slice(range.start, range.end),
      message: `internal error while checking this claim: ${cause}`,
      evidence: { internalError: cause, stack: error instanceof Error ? error.stack : undefined },
    };
  }

  /** Size pins: the directive's, over sizes the document stated (`$n = 5$`). */
  private dimsFor(model: Model | null): Record<string, number> {
    return { ...givenSizes(model ? this.given.get(model.name) : undefined), ...this.settings.dims };
  }

  /**
   * A set of numbers standing alone (`the batch $\{1, 7, 7, 9\}$`) is the batch, read as `\mathcal{B} = \{1, 7, 7, 9\}`
   * in the model that statement would go to (the batch of a model that takes a set as its input).
   */
  private tryStatedBatch(span: MathSpan, segment: Segment): void {
    const source = span.text.slice(segment.start, segment.end);
    if (!/^\s*\\\{[\s\S]*\\\}\s*$/.test(source)) return;
    const parsed = parseChain(span.text, segment.start, segment.end);
    const set = parsed.ok && parsed.chain.members.length === 1 && !parsed.chain.leadingOp ? parsed.chain.members[0] : undefined;
    if (set?.kind !== 'tuple' || set.delim !== '{' || set.rows.length < 2 || !set.rows.every((row) => row.length === 1 && row[0].kind === 'num')) return;
    const batch: SymNode = { kind: 'sym', name: 'B', font: 'mathcal', loc: { start: set.loc.start, end: set.loc.start } };
    const chain: Chain = { members: [batch, set], ops: ['='], opLocs: [batch.loc], loc: set.loc };
    this.current = this.selectModel(chain, span.offsets[segment.start] ?? span.outer.start);
    const link: Link = { left: memberOf(batch), right: memberOf(set), op: '=', opLoc: batch.loc, fromPrevious: false };
    this.tryGiven(link);
  }

  /**
   * A number claimed about data the document never gave (`\mu = 6` with no batch stated) differs from
   * random data, but that is no mistake of the student's: unsupported, saying what to give.
   */
  private withoutGivenData(outcome: StepOutcome, link: Link, model: Model | null): StepOutcome {
    const diagnosis = outcome.evidence.diagnosis;
    if (outcome.verdict !== 'mismatch' || (diagnosis !== 'constant' && diagnosis !== 'shape')) return outcome;
    const reason = ungivenDataReason(model, model ? this.given.get(model.name) : undefined, link.left.node, link.right.node);
    return reason ? { verdict: 'unsupported', message: reason, evidence: { reason: 'data not given', checked: outcome.evidence } } : outcome;
  }

  /** Values given for the model's leaves so far (undefined when none). */
  private givenFor(model: Model | null): Readonly<Record<string, readonly number[]>> | undefined {
    const state = model ? this.given.get(model.name) : undefined;
    return state ? givenValues(state) : undefined;
  }

  /** `x = (1, 7, 7, 9)`, `\gamma = 1`: a value the document gives a leaf of the model, not a claim about it. */
  private tryGiven(link: Link): boolean {
    const model = this.model;
    if (!model?.givable) return false;
    const next = applyGiven(link.left.node, link.right.node, model, this.given.get(model.name) ?? {});
    if (!next) return false;
    this.given.set(model.name, next);
    return true;
  }

  private tryDefinition(link: Link, span: MathSpan): boolean {
    if (link.op === 'approx') return false;
    if (this.tryCustomDefinition(link, span)) return true;
    if (this.tryGiven(link)) return true;
    const candidate = definitionCandidate(link.left.node);
    if (!candidate || refersTo(link.right.node, candidate)) return false;
    const scope = this.scope();
    if (isDefined(candidate, scope, this.points(scope)[0])) return false;
    const range = toDocumentRange(span, { start: link.left.loc.start, end: link.right.loc.end });
    const outcome = defineSymbol(candidate, link.right.node, scope, range, this.text.slice(range.start, range.end));
    if (outcome.kind === 'sigma') this.sigmaOverride = outcome.sigma;
    else if (outcome.kind === 'definition') {
      this.context(outcome.definition.modelBound ? (scope.model?.name ?? '') : '').set(outcome.definition.key, outcome.definition);
      if (scope.model === this.customModel || !outcome.definition.modelBound) this.customModel = undefined;
    }
    else if (outcome.kind === 'error') {
      this.findings.push({ verdict: 'unsupported', range, text: this.text.slice(range.start, range.end), message: outcome.message, evidence: {} });
    }
    return true;
  }

  private checkLink(link: Link, span: MathSpan, local: SourceRange, target: string | undefined): void {
    const range = toDocumentRange(span, local);
    const line = this.lineMap.position(range.start).line;
    if (this.ignoredLines.has(line)) return;
    const scope = this.scope();
    const undeclared = scope.model instanceof DefinedModel ? this.undeclaredShapes(link, scope.model) : undefined;
    if (undeclared) {
      this.findings.push({ verdict: 'unsupported', range, text: this.text.slice(range.start, range.end), ...(target ? { target } : {}), message: undeclared, evidence: { reason: 'shape not declared', model: scope.model!.name } });
      return;
    }
    const request: StepRequest = {
      expected: link.left.node,
      claimed: link.right.node,
      op: link.op,
      scope,
      points: this.points(scope),
      tol: this.settings.tol,
      target,
      symbolicTimeoutMs: this.options.symbolicTimeoutMs ?? 300,
      symbolicBudget: this.symbolicBudget,
    };
    const checked = this.cache.lookup(this.cacheKey(link, span, scope, target), () => checkStep(request));
    const outcome = this.withoutGivenData(checked, link, scope.model);
    const related = [...this.relatedDefinitions(link)];
    const finding: Finding = {
      verdict: outcome.verdict,
      range,
      text: this.text.slice(range.start, range.end),
      ...(target ? { target } : {}),
      message: withNote(outcome.message, this.shapelessNote(link, scope.model, outcome.evidence)),
      evidence: { ...outcome.evidence, model: scope.model?.name ?? 'none' },
      ...(related.length ? { related } : {}),
    };
    this.findings.push(finding);
    const snapshot: Scope = { ...scope, definitions: new Map(scope.definitions) };
    const indexPins = Object.fromEntries(Object.entries(this.pins).filter(([name]) => /^[a-z]$/.test(name) && name !== scope.model?.defaultDim));
    // A step decided under a convention (the full SVD) or at the optimum is shown there.
    const hoverPoint = readingPoint(scope.model, outcome.evidence, this.hoverPoint(scope));
    this.handles.set(finding, new StepHandle({ span, expected: link.left.node, claimed: link.right.node, scope: snapshot, hoverPoint, pinnedIndices: indexPins }));
  }

  /** The step's text and everything it is checked against: model, σ, settings, definitions so far. */
  private cacheKey(link: Link, span: MathSpan, scope: Scope, target: string | undefined): string {
    const source = (m: Member) => normalizeLatex(span.text.slice(m.loc.start, m.loc.end));
    const definitions = [...scope.definitions.values()].map((d) => `${d.key}:=${normalizeLatex(d.source)}`).join(';');
    const context = JSON.stringify([modelId(scope.model), scope.sigmas.map((s) => s.name), scope.sigmaChosen, this.settings, this.options.symbolicTimeoutMs ?? 300, target, this.givenFor(scope.model)]);
    return `${link.op}|${source(link.left)}|${source(link.right)}|${context}|${definitions}`;
  }

  /** Definitions the step uses, so editors can point at them. */
  private *relatedDefinitions(link: Link): Iterable<{ range: SourceRange; message: string }> {
    const definitions = this.scope().definitions;
    // Describing both sides costs more than the rest of a re-check of an unchanged step: only when needed.
    const text = definitions.size > 0 ? `${describe(link.left.node)} ${describe(link.right.node)}` : '';
    for (const definition of definitions.values()) {
      if (text.includes(definition.display)) yield { range: definition.range, message: `${definition.display} is defined here` };
    }
    if (this.model instanceof DefinedModel) {
      const used = new Set<string>();
      some(link.left.node, (n) => (n.kind === 'sym' && used.add(quantityKey(n)), false));
      some(link.right.node, (n) => (n.kind === 'sym' && used.add(quantityKey(n)), false));
      for (const definition of this.customDefinitions) {
        if (used.has(definition.key)) yield { range: definition.range, message: `${this.model.nodes.get(definition.key)?.display ?? definition.key} is defined here` };
      }
    }
  }

  /**
   * `X = body` as a node of the document's own model: under `model=custom` every plain definition
   * of the forward pass; in auto mode those the document pass found (their bodies use symbols no
   * built-in model knows, or declared shapes). A definition that cannot be evaluated is reported where
   * it is written; a restatement of a node is a claim.
   */
  private tryCustomDefinition(link: Link, span: MathSpan): boolean {
    const mode = this.settings.model;
    if ((mode !== 'custom' && mode !== 'auto') || link.fromPrevious) return false;
    const left = link.left.node;
    if (left.kind !== 'sym' || left.primes) return false;
    const numbered = subscriptName(left);
    const indexVar = numbered ? undefined : familyIndex(left);
    if (left.sub?.kind === 'indices' && !numbered && !indexVar) return false;
    const key = numbered ?? symbolKey(left);
    if (mode === 'auto' && !this.plan?.customKeys.has(key)) return false;
    const body = link.right.node;
    if (hasDerivative(body) || some(body, (n) => n.kind === 'sym' && (quantityKey(n) === key || symbolKey(n) === key))) return false;
    if (this.customDefinitions.some((d) => d.key === key) || this.context('custom').has(key) || this.context('').has(key)) return false;
    const range = toDocumentRange(span, { start: left.loc.start, end: body.loc.end });
    const source = this.text.slice(range.start, range.end);
    const cycle = definitionCycle(key, body, this.customDefinitions);
    if (cycle) {
      // Kept out of the model: the definitions before it stay consistent.
      const through = cycle.map((k) => this.custom().nodes.get(k)?.display ?? k).join(', ');
      this.findings.push({ verdict: 'unsupported', range, text: source, message: `${describe(left)} is defined in terms of itself (through ${through}), so this definition is not used`, evidence: { reason: 'cyclic definition', model: 'custom' } });
      return true;
    }
    // A family ŷ_i = … is the node ŷ; its symbol is written without the index.
    let definition: CustomDefinition = indexVar ? { key, sym: { ...left, sub: undefined }, body, source, range, indexVar } : { key, sym: left, body, source, range };
    this.customDefinitions.push(definition);
    this.customModel = undefined;
    let model = this.custom();
    const undeclared = undeclaredMatrixUses(body, model);
    if (undeclared.length > 0) {
      const message = undeclaredMessage(undeclared, describe(left));
      definition = { ...definition, broken: `no shape is declared for ${undeclared.map((s) => describe(s)).join(', ')}` };
      this.customDefinitions[this.customDefinitions.length - 1] = definition;
      this.customModel = undefined;
      model = this.custom();
      this.findings.push({ verdict: 'unsupported', range, text: source, message, evidence: { reason: 'shape not declared', model: model.name } });
    } else {
      const problem = this.definitionProblem(model, key);
      if (problem) this.findings.push({ ...problem, range, text: source, evidence: { ...problem.evidence, model: model.name } });
    }
    if (mode === 'auto') this.sticky = model.name;
    this.current = model;
    return true;
  }

  /** Evaluates a new node of the document's model at one point: a shape error or an unknown symbol is reported at its definition. */
  private definitionProblem(model: DefinedModel, key: string): Pick<Finding, 'verdict' | 'message' | 'evidence'> | undefined {
    const point = this.points({ ...this.scope(), model })[0];
    try {
      model.evaluateNode(key, point);
      return undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const display = model.nodes.get(key)?.display ?? key;
      // A definition it builds on is broken: that one was reported where it is written.
      if (error instanceof EvaluationError && message.startsWith('the definition of ')) return undefined;
      if (error instanceof ShapeError) {
        const shapes = leafShapesIn(model, key, point);
        return { verdict: 'mismatch', message: `the shapes in the definition of ${display} do not fit: ${message}${shapes ? ` (${shapes})` : ''}`, evidence: { diagnosis: 'shape' } };
      }
      return { verdict: 'unsupported', message: `cannot use the definition of ${display}: ${message}`, evidence: { reason: message } };
    }
  }

  /** A shape mismatch of a derivative with respect to a leaf read as a scalar for want of a declared shape: say so. */
  private shapelessNote(link: Link, model: Model | null, evidence: Record<string, unknown>): string {
    if (!(model instanceof DefinedModel) || evidence.diagnosis !== 'shape') return '';
    const names = new Set<string>();
    for (const node of [link.left.node, link.right.node]) {
      some(node, (n) => {
        const key = n.kind === 'deriv' && n.wrt.kind === 'sym' ? model.resolveSymbol(n.wrt) : undefined;
        if (key && model.isUndeclaredScalar(key)) names.add(model.nodes.get(key)?.display ?? key);
        return false;
      });
    }
    if (names.size === 0) return '';
    const list = [...names].join(', ');
    return `no shape is declared for ${list}, so ${names.size > 1 ? 'they are' : 'it is'} read as ${names.size > 1 ? 'scalars' : 'a scalar'}`;
  }

  /** A claim in the document's model that treats a shapeless leaf as a matrix or vector cannot be decided. */
  private undeclaredShapes(link: Link, model: DefinedModel): string | undefined {
    const found = [...undeclaredMatrixUses(link.left.node, model), ...undeclaredMatrixUses(link.right.node, model)];
    const unique = [...new Map(found.map((s) => [describe(s), s])).values()];
    return unique.length > 0 ? undeclaredMessage(unique) : undefined;
  }
}

/** The model's identity for caches: the document's own model changes with each definition. */
function modelId(model: Model | null): string | undefined {
  return model instanceof DefinedModel ? model.fingerprint : model?.name;
}

/** A note after a message's summary, before its example. */
function withNote(message: string, note: string): string {
  if (!note) return message;
  const example = message.indexOf('; e.g. ');
  return example < 0 ? `${message} (${note})` : `${message.slice(0, example)} (${note})${message.slice(example)}`;
}

function undeclaredMessage(symbols: readonly Node[], defining?: string): string {
  const names = symbols.map((s) => describe(s));
  const example = names.map((n, i) => `${n.replace(/[^A-Za-z0-9_]/g, '') || 'v'}=${i === 0 ? 3 : 2}`).join(' ');
  const where = defining ? `the definition of ${defining}` : 'this step';
  const many = names.length > 1;
  return `not checked: ${where} treats ${names.join(', ')} as ${many ? 'vectors or matrices' : 'a vector or matrix'} (transposed, ⊙ or a norm), but no shape is declared, so ${many ? 'they would be scalars' : 'it would be a scalar'}; declare ${many ? 'their shapes' : 'its shape'}, e.g. <!-- derivcheck: shapes ${example} -->`;
}

/** `W is 3×2, x is 2×1`: the shapes of the leaves a definition uses, at a point. */
function leafShapesIn(model: DefinedModel, key: string, point: SamplePoint): string {
  const definition = model.definitionOf.get(key);
  if (!definition) return '';
  const seen = new Set<string>();
  const parts: string[] = [];
  some(definition.body, (n) => {
    if (n.kind !== 'sym') return false;
    const leafKey = model.resolveSymbol(n);
    const value = leafKey ? point.leaves.get(leafKey) : undefined;
    if (leafKey && value && !seen.has(leafKey)) {
      seen.add(leafKey);
      parts.push(`${model.nodes.get(leafKey)?.display ?? leafKey} is ${value.shapeText()}`);
    }
    return false;
  });
  return parts.join(', ');
}

interface Link {
  readonly left: Member;
  readonly right: Member;
  readonly op: RelOp;
  readonly opLoc: SourceRange;
  /** True when `left` is the previous row's last member (an aligned continuation). */
  readonly fromPrevious: boolean;
}

/** `n = d` between two of the model's size names states a case (the sizes are sampled), not a claim. */
function isSizeCondition(link: Link, model: Model | null): boolean {
  const size = (node: Node) => node.kind === 'sym' && !node.sub && !node.accent && !node.star && !node.primes && (node.name === model?.defaultDim || (model?.sizeNames?.includes(node.name) ?? false));
  return link.op === '=' && size(link.left.node) && size(link.right.node);
}

function memberOf(node: Node): Member {
  return { node, loc: node.loc };
}

function chainLinks(chain: Chain, previous: Member | undefined): Link[] {
  const links: Link[] = [];
  if (previous && chain.leadingOp && chain.members.length > 0) {
    links.push({ left: previous, right: memberOf(chain.members[0]), op: chain.leadingOp, opLoc: chain.leadingOpLoc ?? chain.members[0].loc, fromPrevious: true });
  }
  for (let i = 0; i + 1 < chain.members.length; i++) {
    links.push({ left: memberOf(chain.members[i]), right: memberOf(chain.members[i + 1]), op: chain.ops[i], opLoc: chain.opLocs[i], fromPrevious: false });
  }
  return links;
}

/** What the head of a chain means, when it names a derivative or an update: "∂L/∂A_i". */
function headTarget(node: Node, op: RelOp): string | undefined {
  if (node.kind === 'deriv' || op === 'update') return describe(node);
  if (node.kind === 'sym' || (node.kind === 'pow' && node.base.kind === 'sym')) {
    const text = describe(node);
    return /t\s*\+\s*1/.test(text) ? text : undefined;
  }
  return undefined;
}

function sliceDocument(text: string, range: SourceRange): string {
  return text.slice(range.start, range.end);
}
