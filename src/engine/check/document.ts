// The walk over a document's math: span by span, in order, each equation's steps are checked
// (claim-step.ts) or taken as statements (statements.ts); directives and headings apply from where
// they appear on. The parts it walks with (settings, book, model choice, sample points, claim guard)
// live in files of their own and never import this one.
import { sameExpression } from './same-expression';
import type { Directive, Extraction, ExtractionProblem } from '../extract/types';
import type { MathSpan } from '../source/span';
import { toDocumentRange, toSpanRange } from '../source/span';
import { renderableLatex } from '../parse/to-latex';
import { nextContentLine } from '../extract/markdown';
import { LineMap, type LineColumn, type SourceRange } from '../source/location';
import { placesIn } from '../parse/errors';
import { lastAtOrBefore } from '../source/ordered';
import type { ParsedSegment } from '../parse/equations';
import { parseSpan } from '../parse/equations';
import { definitionOf, type Scope } from '../semantics/scope';
import type { Model } from '../semantics/model';
import type { Finding } from './finding';
import type { ClaimHandle, NamedValue } from './handle';
import { CHECK_DEFAULTS } from './defaults';
import type { CheckOptions } from './options';
import type { CheckContext } from './context';
import { CheckCache } from './cache';
import { parseDirective } from './directives';
import type { SymbolicBudget } from './symbolic-form';
import { DefinitionBook } from './book';
import { DocumentSettings } from './document-settings';
import { ModelChoice } from './model-choice';
import { SamplePoints } from './sample-points';
import { ClaimGuard } from './claim-guard';
import { chainLinks, headTarget, isSizeCondition, memberOf, type Member } from './links';
import { definesKnownFunction, namesActivation, namesValue, tryDefinition, tryRestatement, tryStatedBatch, writtenAsOneFunction } from './statements';
import { mentionsComputed, tryNonIdentity } from './non-identities';
import { checkLink } from './claim-step';
import { ModelDefinitions } from './model-restatements';
import { asOwnDefinition, asOwnFunction } from './own-definitions';
import { withExtractionProblems } from './extraction-problems';
import { asCascade, asInherited, asUnanchored } from './cascade';
import { isCase, isPremise, NamedPremises, premiseCue, rowCue, type PremiseCue } from './premises';
import { declarationsIn, type Declaration } from './declarations';
import { statedLabels, statedPositive, valueSetsIn, type ValueSet } from './value-sets';
import { freshName } from './fresh-names';
import { limitVariables } from './limits';
import { sizeAliases } from './size-aliases';
import { UnreadableValues } from './unreadable';
import { doubtedReadings } from './doubted-readings';
import { defineSymbol, definitionCandidate } from './definitions';
import { parseExpression } from '../parse/parser';
import { seeEquation, solutionOf, type EquationSeen } from './solving-steps';
import { describe } from '../semantics/describe';

/** How far before and after a span the prose that sends one of its variables to a limit ("since h → 0") is looked for. */
const LIMIT_PROSE = 200;

/** A math block (a `$…$`, `$$…$$` or fenced block) and the findings of its steps, in order. */
export interface Block {
  readonly range: SourceRange;
  readonly findings: readonly Finding[];
  /** The title of the heading it is under (`Problem 1 (b)`), when there is one. */
  readonly heading?: string;
}

/**
 * Checks the math of one document, span by span, in order: directives and definitions apply from
 * where they appear on.
 */
export class DocumentChecker implements CheckContext {
  readonly findings: Finding[] = [];
  readonly blocks: { range: SourceRange; findings: Finding[]; heading?: string }[] = [];
  readonly handles = new Map<Finding, ClaimHandle>();
  /** The time each claim's check took in ms, beside the findings (which stay the same from one check to the next). */
  readonly elapsed = new Map<Finding, number>();
  readonly output = { findings: this.findings, handles: this.handles, elapsed: this.elapsed };
  readonly settings: DocumentSettings;
  readonly book = new DefinitionBook();
  /** The equations the text has named premises (a differential equation, an initial condition). */
  private readonly premises = new NamedPremises();
  readonly unreadable = new UnreadableValues();
  /** The built-in models' formulas the text wrote as its own definitions (model-restatements.ts). */
  private readonly modelDefinitions = new ModelDefinitions();
  /** Their checks and those of steps that name a value (statements.ts namesValue), verified and not reported: they still speak for the reading (doubted-readings.ts). */
  private readonly definitionsChecked: Finding[] = [];
  /** The document's names for a built-in model's sizes under the declarations in force, by model (size-aliases.ts). */
  private readonly aliases = new Map<string, ReadonlyMap<string, string> | undefined>();
  /** The shapes the text has declared so far, in order. */
  private readonly declarations: Declaration[] = [];
  /** The value sets the text has declared so far, in order. */
  private readonly valueSets: ValueSet[] = [];
  readonly points: SamplePoints;
  readonly choice: ModelChoice;
  readonly symbolicBudget: SymbolicBudget;
  private readonly guard: ClaimGuard;
  /**
   * Parses and step outcomes by text and context: the caller's (kept across edits), else one for this
   * check, so a step written again in the same context (a repeated chain, the same answer in another
   * solution) is decided once.
   */
  cache: CheckCache;
  /** What the extractor could not read: reported as `unparsed` findings among the others. */
  private problems: readonly ExtractionProblem[] = [];
  /** The spans being checked, for the LaTeX of a finding (latexOf). */
  private spans: readonly MathSpan[] = [];
  /** The equation last written, for the one after it (solving-steps.ts). */
  private lastEquation?: EquationSeen;

  constructor(
    readonly text: string,
    readonly options: CheckOptions,
    readonly lineMap: LineMap = new LineMap(text),
    /** Where an offset is as the user sees it (a notebook's: within its cell). */
    private readonly locate: (offset: number) => LineColumn = (offset) => lineMap.position(offset),
  ) {
    this.settings = new DocumentSettings(options);
    this.points = new SamplePoints(this.settings, this.book, options.hoverSeed);
    this.choice = new ModelChoice(this.settings, this.book, this.points);
    this.guard = new ClaimGuard(text, options, this.output);
    this.cache = options.cache ?? new CheckCache();
    const budget = Math.max(0, options.symbolicBudgetMs ?? CHECK_DEFAULTS.symbolicBudgetMs);
    this.symbolicBudget = { remainingMs: budget, totalMs: budget };
  }

  /** Checks everything an extractor found; the findings are those of `report()`. */
  run(extraction: Extraction): Finding[] {
    const steps = this.steps(extraction);
    while (!steps.next().done);
    return this.reported();
  }

  /** The findings so far, with the extraction's problems among them in document order. */
  reported(): Finding[] {
    return this.problems.length > 0 ? withExtractionProblems(this.findings, this.problems, this.text) : this.findings.slice();
  }

  /**
   * `run` a piece at a time, for callers that must not block (the language server): after parsing
   * each span, after the document pass and after checking each span, yields the document offset
   * before which every finding is final (0 until checking starts; the text's length at the end), but
   * for the doubted readings' pass at the end (doubted-readings.ts), which may still undo a mismatch.
   */
  *steps({ spans, directives, headings = [], problems = [] }: Extraction): Generator<number, void> {
    // `derivcheck: ignore-file` (an exported report): nothing in the file is checked.
    if (directives.some((d) => parseDirective(d.text).some((e) => e.kind === 'ignore-file'))) return;
    this.problems = problems;
    this.spans = spans;
    const parsedSpans: ParsedSegment[][] = [];
    for (const span of spans) {
      parsedSpans.push(this.cache.parsed(span.text, parseSpan));
      yield 0;
    }
    const headingStarts = headings.map((h) => h.start).sort((a, b) => a - b);
    const titled = headings.filter((h) => h.title !== undefined).sort((a, b) => a.start - b.start);
    /** The title of the last titled heading before `offset`. */
    const titleAt = (offset: number) => titled[lastAtOrBefore(titled, offset, (h) => h.start)]?.title;
    try {
      this.choice.plan = yield* this.choice.planDocument(spans, parsedSpans, directives, headings);
    } catch {
      // Without the document pass, detection still works equation by equation.
      this.choice.plan = undefined;
    }
    yield 0;
    let next = 0;
    let nextHeading = 0;
    for (const [index, span] of spans.entries()) {
      while (next < directives.length && directives[next].loc.start < span.outer.start) this.applyDirective(directives[next++]);
      while (nextHeading < headingStarts.length && headingStarts[nextHeading] <= span.outer.start) {
        nextHeading++;
        this.choice.sticky = undefined;
        this.premises.forget();
      }
      if (this.settings.ignoredLines.has(this.lineMap.position(span.outer.start).line)) continue;
      const before = this.findings.length;
      try {
        this.checkSpan(span, parsedSpans[index], () => premiseCue(this.text, spans, index));
      } catch (error) {
        // One bad span must not cost the rest of the document its checks (claims are guarded one by one; this is the rest).
        this.findings.push(this.guard.internalError(error, span.outer));
      }
      if (this.findings.length > before) {
        const heading = titleAt(span.outer.start);
        this.blocks.push({ range: span.outer, findings: this.findings.slice(before), ...(heading ? { heading } : {}) });
      }
      // A directive before the next span reports its problems when that span is reached.
      if (index + 1 < spans.length) yield Math.min(spans[index + 1].outer.start, directives[next]?.loc.start ?? Infinity);
    }
    while (next < directives.length) this.applyDirective(directives[next++]);
    this.doubtReadings();
    this.release();
  }

  /**
   * The document is checked: a detected reading under which more claims disagree for no nameable slip
   * than speak for it is in doubt (doubted-readings.ts). Not in a check that skips the verdicts before `verdictsFrom`, which cannot
   * count them (a hover's own check; the document's check decides).
   */
  private doubtReadings(): void {
    if ((this.options.verdictsFrom ?? 0) > 0) return;
    const replaced = doubtedReadings([...this.findings, ...this.definitionsChecked]);
    if (replaced.size === 0) return;
    for (const [finding, replacement] of replaced) this.replaceFinding(finding, replacement);
    for (const block of this.blocks) block.findings = block.findings.map((finding) => replaced.get(finding) ?? finding);
  }

  /**
   * Checking is over: let go of what only checking needs (the sample points with the node values
   * computed at them, this check's own cache), since a report's handles keep the checker alive.
   */
  private release(): void {
    this.points.release();
    if (this.cache !== this.options.cache) this.cache = new CheckCache();
  }

  private applyDirective(directive: Directive): void {
    const settings = this.settings;
    for (const effect of parseDirective(directive.text)) {
      if (effect.kind === 'settings') {
        effect.apply(settings.values);
        if (/\bmodel=/.test(directive.text)) this.choice.reset();
        if (/(?:^|\s)shapes(?:\s|$)/.test(directive.text)) this.book.dropCustomModel();
        // Naming a model starts a new problem: values given for it earlier no longer hold.
        if (/\bmodel=/.test(directive.text)) this.book.forgetGiven(settings.values.model);
        if (/\bsigma=/.test(directive.text)) {
          settings.sigmaOverride = undefined;
          settings.sigmaFromDirective = true;
        }
      } else if (effect.kind === 'let') {
        this.bind(directive, effect.name, effect.body);
      } else if (effect.kind === 'pins') {
        settings.pins = { ...settings.pins, ...effect.pins };
      } else if (effect.kind === 'ignore-next-line') {
        settings.ignoredLines.add(nextContentLine(this.lineMap, directive.endLine));
      } else if (effect.kind === 'error') {
        const range = wordRange(this.text, directive, effect.word);
        this.findings.push({ verdict: 'unparsed', range, text: this.text.slice(range.start, range.end), message: effect.message, evidence: { directive: directive.text } });
      }
    }
  }

  /** `derivcheck: let f = L`: f means the expression from here on, as if the document had defined it. */
  private bind(directive: Directive, name: string, body: string): void {
    const written = parseExpression(name);
    const candidate = written && definitionCandidate(written);
    const expression = parseExpression(body);
    if (!candidate || !expression) {
      const message = !candidate ? `derivcheck directive: let: '${name}' is not a name to define (write f, \\ell, g(x) or W_1)` : `derivcheck directive: let: cannot read '${body}' as one expression`;
      const range = wordRange(this.text, directive, name);
      this.findings.push({ verdict: 'unparsed', range, text: this.text.slice(range.start, range.end), message, evidence: { directive: directive.text } });
      return;
    }
    // Bound to the model only through a quantity it computes (`let J = L`), not its inputs (`let f = x^2`).
    const current = this.scope();
    const scope = mentionsComputed(expression, current) ? current : { ...current, model: null };
    const outcome = defineSymbol(candidate, expression, scope, directive.loc, body);
    // Visible under every model: the binding is the document's, and its body is read in each claim's model.
    if (outcome.kind === 'definition') this.book.context('').set(outcome.definition.key, outcome.definition);
    else if (outcome.kind === 'sigma') this.settings.sigmaOverride = outcome.sigma;
  }

  /** A parse error's message with the places it names in `span` as the line and column the user sees. */
  private placed(message: string, span: MathSpan): string {
    return placesIn(message, (offset) => {
      const { line, column } = this.locate(toDocumentRange(span, { start: offset, end: offset + 1 }).start);
      return `line ${line}, column ${column}`;
    });
  }

  /**
   * The math of `finding` as LaTeX that KaTeX renders, written again from its parse: read from its span's
   * text, which is LaTeX whatever the document wrote (a code comment's `sigmoid(z)` is translated there).
   */
  latexOf(finding: Finding): string | undefined {
    // The spans are in document order: the last that starts at or before the finding.
    const candidate = this.spans[lastAtOrBefore(this.spans, finding.range.start, (s) => s.outer.start)];
    const span = candidate && finding.range.end <= candidate.outer.end ? candidate : undefined;
    const local = span && toSpanRange(span, finding.range);
    return span && local ? renderableLatex(span.text.slice(local.start, local.end)) : undefined;
  }

  /** Takes back `finding`, the last one: the step it was about claims nothing (model-restatements.ts). */
  private dropFinding(finding: Finding): void {
    this.findings.splice(this.findings.lastIndexOf(finding), 1);
    this.handles.delete(finding);
    this.elapsed.delete(finding);
  }

  /** Puts `replacement` where `finding` was, with its handle. */
  private replaceFinding(finding: Finding, replacement: Finding): void {
    if (replacement === finding) return;
    this.findings[this.findings.lastIndexOf(finding)] = replacement;
    const handle = this.handles.get(finding);
    if (handle) {
      this.handles.delete(finding);
      this.handles.set(replacement, handle);
    }
    const elapsed = this.elapsed.get(finding);
    if (elapsed !== undefined) this.elapsed.set(replacement, elapsed);
  }

  get model(): Model | null {
    return this.choice.model;
  }

  scope(): Scope {
    const scope = this.book.scopeFor(this.model, this.settings);
    const model = this.model;
    const declared = this.settings.values.declared;
    if (!model || model.name === 'custom' || !declared || Object.keys(declared).length === 0) return scope;
    if (!this.aliases.has(model.name)) this.aliases.set(model.name, sizeAliases(model, declared));
    const aliases = this.aliases.get(model.name);
    return aliases ? { ...scope, sizeAliases: aliases } : scope;
  }

  /** The hover point's values, for display. */
  hoverPointValues(): NamedValue[] {
    return this.points.hoverValues(this.scope());
  }

  /** The shapes and value sets the text declares (declarations.ts, value-sets.ts), in force where `span` is: those of its part of the document. */
  private declare(span: MathSpan): void {
    const at = (offset: number) => span.offsets[offset] ?? span.outer.start;
    const lead = this.text.slice(Math.max(0, span.outer.start - 60), span.outer.start);
    const stated = [...valueSetsIn(span.text, at), statedPositive(lead, span.text, span.outer.start), statedLabels(lead, span.text, span.outer.start)].filter((v) => v !== undefined);
    this.valueSets.push(...stated);
    // The values stated now replace a number given the symbol before (`$y = 0$` in a remark, then "the labels are ±1").
    for (const { key } of stated) if (this.book.context('').get(key)?.body.kind === 'num') this.book.context('').delete(key);
    // "Let $x$ term be a constant, $a$": a name introduced afresh, which no longer means what it was set to before.
    const fresh = freshName(lead, span.text);
    if (fresh) this.book.context('').delete(fresh);
    // A limit holds for the math it is said of: the paragraph of prose just before this span and the one just after.
    const before = this.text.slice(Math.max(0, span.outer.start - LIMIT_PROSE), span.outer.start).trimEnd().split(/\n\s*\n/).pop() ?? '';
    const after = this.text.slice(span.outer.end, span.outer.end + LIMIT_PROSE).trimStart().split(/\n\s*\n/)[0];
    const limits = limitVariables(`${before} ${after}`, span.text);
    this.settings.values.limits = limits.length > 0 ? limits : undefined;
    if (this.valueSets.length > 0) {
      const sets = this.inForce(this.valueSets, span.outer.start, (v) => v.values);
      this.settings.values.valueSets = Object.keys(sets).length > 0 ? sets : undefined;
    }
    const declaring = declarationsIn(span.text, at);
    // "Let $a \in \mathbb{R}^n$" after a function `a(x) = kx + b`: the letter is a vector now, not that function.
    for (const { key } of declaring) if (this.book.context('').get(key)?.params.length) this.book.context('').delete(key);
    this.declarations.push(...declaring);
    if (this.declarations.length === 0) return;
    const declared = this.inForce(this.declarations, span.outer.start, (d) => d.shape);
    if (JSON.stringify(declared) === JSON.stringify(this.settings.values.declared ?? {})) return;
    this.settings.values.declared = declared;
    this.aliases.clear();
    this.book.dropCustomModel();
  }

  /** What the text declared (in order) that still holds at `at`, by key: a later declaration of a key wins. */
  private inForce<T extends { readonly key: string; readonly offset: number }, V>(declared: readonly T[], at: number, value: (item: T) => V): Record<string, V> {
    return Object.fromEntries(declared.filter((d) => this.choice.definitionHolds(d.offset, at)).map((d) => [d.key, value(d)]));
  }

  /** A premise (premises.ts) is not checked: it says so, with the words that make it one. */
  private reportPremise(range: SourceRange, words: string): void {
    const message = `not checked: the text states this as a condition or an assumption ("${words}"), not as a step`;
    this.findings.push({ verdict: 'unsupported', range, text: this.text.slice(range.start, range.end), message, evidence: { reason: 'premise' } });
  }

  /** `premise` says which words of the prose make the span's equations premises (premises.ts), if any. */
  private checkSpan(span: MathSpan, parsedSegments: readonly ParsedSegment[], premise: () => PremiseCue | undefined): void {
    const at = span.outer.start;
    this.declare(span);
    this.book.forgetOutside((d) => this.choice.valueHolds(d.range.start, at), (d) => this.choice.definitionHolds(d.range.start, at));
    let previous: Member | undefined;
    // The derivation's left side, and whether its last step was a mismatch (cascade.ts).
    let head: Member | undefined;
    // The right side of the derivation's last step not known to be wrong: where a repaired slip comes back to.
    let lastGood: Member | undefined;
    let previousWrong = false;
    // Whether a step of the derivation was wrong and no later one came back to its left side.
    let erred = false;
    // Whether a step of the derivation was verified, defined or stated (the rows after it are compared with something established),
    // and the finding of the derivation's last step.
    let anchored = false;
    let lastFinding: Finding | undefined;
    // The finding of the last row that could not be read: a row that goes on from it (`= …`) starts from
    // something nobody established.
    let unreadRow: Finding | undefined;
    let target: string | undefined;
    let cue: PremiseCue | undefined | null = null;
    // Before `verdictsFrom`, claims only take effect: a step's verdict changes nothing after it.
    const verdicts = span.outer.end >= (this.options.verdictsFrom ?? 0);
    for (const { segment, parsed } of parsedSegments) {
      // `\text{filters} &&= 6`: the words opening the row are its left side, so the row goes on from nothing.
      if (segment.labelled) previous = undefined;
      if (!parsed) {
        tryStatedBatch(this, span, segment);
        previous = undefined;
        continue;
      }
      if (!parsed.ok) {
        // A construct the parser recognises but the checker cannot evaluate is unsupported, not malformed.
        const recognised = parsed.error.unsupported === true;
        const reason = this.placed(parsed.error.message, span);
        const whole = toDocumentRange(span, segment);
        // The document's own symbols: its definitions and values, and its own model's quantities (a built-in model's keep their meaning).
        // σ always has a meaning (the activation, sigmoid unless the text says otherwise).
        this.unreadable.record(span.text.slice(segment.start, segment.end), whole.start, (sym) => {
          const scope = this.scope();
          return sym.name === 'sigma' || definitionOf(scope, sym) !== undefined || (scope.model?.bodyOf !== undefined && scope.model.resolveSymbol(sym) !== undefined);
        });
        this.findings.push({
          verdict: recognised ? 'unsupported' : 'unparsed',
          range: toDocumentRange(span, parsed.error.loc),
          // What the student wrote (a translated plain-notation span's text is LaTeX).
          text: this.text.slice(whole.start, whole.end),
          message: recognised ? `not checked: ${reason}` : `could not parse this math: ${reason}`,
          evidence: { reason },
        });
        unreadRow = this.findings[this.findings.length - 1];
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
        const chosen = this.guard.claim(toDocumentRange(span, chain.loc), () => undefined, startedAt, () => {
          this.choice.current = this.choice.select(chain, span.offsets[segment.start] ?? span.outer.start);
        });
        if (!chosen) {
          previous = undefined;
          continue;
        }
      }
      let first = !continues;
      if (!continues) {
        head = chain.members.length > 0 ? memberOf(chain.members[0]) : undefined;
        lastGood = undefined;
        previousWrong = false;
        erred = false;
        anchored = false;
        // `= …` right after a row that could not be read: what it equals is not known.
        lastFinding = chain.leadingOp !== undefined && unreadRow ? { ...unreadRow, evidence: { reason: `it goes on from a row that could not be read: ${unreadRow.evidence.reason ?? unreadRow.message}` } } : undefined;
      }
      unreadRow = undefined;
      for (const link of chainLinks(chain, continues ? previous : undefined)) {
        if (isSizeCondition(link, this.model)) {
          first = false;
          continue;
        }
        const rangeStart = link.fromPrevious ? link.opLoc.start : link.left.loc.start;
        const local = { start: rangeStart, end: link.right.loc.end };
        const isFirst = first;
        first = false;
        this.guard.claim(toDocumentRange(span, local), () => target ?? headTarget(link.left.node, link.op), startedAt, () => {
          const alone = isFirst && chain.members.length === 2;
          const range = toDocumentRange(span, local);
          // Only a new statement can go on solving the equation before; a chain's later step rewrites its own.
          const opens = isFirst && !link.fromPrevious;
          const before = opens ? this.lastEquation : undefined;
          const scope = this.scope();
          this.lastEquation = seeEquation(this.text, link, range, scope, before, opens);
          // "a saddle point at $v = 0$" after `3v^2 = 0`: its solution, which gives v no value.
          const solved = isFirst && scope.model === null ? solutionOf(this.text, before, range, link, scope) : undefined;
          if (solved !== undefined) {
            if (verdicts) this.findings.push({ verdict: 'unsupported', range, text: this.text.slice(range.start, range.end), message: `not checked: a solution of ${solved}, the equation just before; it gives ${describe(link.left.node)} no value`, evidence: { reason: 'solving' } });
            return;
          }
          if (cue === null) cue = continues ? undefined : premise();
          // "If $\sigma(z) = z$, …": a case, which defines nothing for the text after it.
          if (isFirst && cue && isCase(cue)) {
            this.premises.remember(link, cue);
            if (verdicts) this.reportPremise(range, cue.words);
            anchored = true;
            return;
          }
          if (isFirst && (tryDefinition(this, link, span) || tryRestatement(this, link) || tryNonIdentity(this, link, span, alone))) {
            const left = link.left.node;
            if (left.kind === 'sym') this.unreadable.readable(left);
            else if (left.kind === 'call') this.unreadable.readable({ kind: 'sym', name: left.fn, loc: left.fnLoc });
            anchored = true;
            return;
          }
          // `\hat p_i = \sigma(z_i) = \frac{1}{1 + e^{-z_i}}`: a name, the function, then the function's own
          // formula; or the formula, then the function it is (`p = \frac{1}{1 + e^{-z}} = \sigma(z)`).
          if (!isFirst && !link.fromPrevious && link.op === '=' && (definesKnownFunction(this, link.left.node, link.right.node) || namesActivation(this, link.left.node, link.right.node))) return;
          // `s_0 = z = h_T` after `h_T = z`: a definition written again the other way round, inside a chain.
          if (!isFirst && !link.fromPrevious && tryRestatement(this, link)) return;
          // A row that repeats the one before (`&= \frac{\partial}{\partial s} f(s)` twice): nothing to check.
          if (!isFirst && verdicts && sameExpression(link.left.node, link.right.node)) {
            this.findings.push({ verdict: 'unsupported', range, text: this.text.slice(range.start, range.end), message: 'not checked: this row repeats the row before, so it claims nothing new', evidence: { reason: 'notation' } });
            return;
          }
          // `f(\mathbf w) = f(x, y) = x^2 + y^2 + xy`: one function written with two argument lists, then defined.
          if (!isFirst && !link.fromPrevious && writtenAsOneFunction(chain, link) && tryDefinition(this, link, span)) return;
          if (cue === null) cue = continues ? undefined : premise();
          const onRow = isFirst ? rowCue(span.text, segment.start) : undefined;
          const stated = onRow ? onRow.words : cue && isPremise(link, cue) ? cue.words : this.premises.named(link);
          if (stated !== undefined) {
            if (cue) this.premises.remember(link, cue);
            if (verdicts) this.reportPremise(toDocumentRange(span, local), stated);
            anchored = true;
            return;
          }
          target ??= headTarget(link.left.node, link.op);
          // Before `verdictsFrom` too: which formula a text wrote first decides what a later one is.
          const defines = isFirst && this.modelDefinitions.defines(this, link, toDocumentRange(span, local).start);
          const names = isFirst && namesValue(link, cue?.words);
          if (!verdicts) return;
          const count = this.findings.length;
          checkLink(this, link, span, local, target, before);
          const finding = this.findings.length > count ? this.findings[this.findings.length - 1] : undefined;
          if (!finding) return;
          if ((defines || names) && finding.verdict === 'verified') {
            this.dropFinding(finding);
            this.definitionsChecked.push(finding);
            lastGood = link.right;
            anchored = true;
            return;
          }
          const own = defines ? asOwnDefinition(this, link, finding) : isFirst ? asOwnFunction(this, link, finding) : undefined;
          if (own) {
            this.replaceFinding(finding, own);
            anchored = true;
            return;
          }
          const rowBefore = lastFinding;
          const unestablished = !isFirst && !anchored;
          const undecidedBefore = unestablished && rowBefore !== undefined && (rowBefore.verdict === 'unsupported' || rowBefore.verdict === 'unparsed');
          // Stand-ins for undefined functions need the row before established, even one never read as a claim.
          const standInsUnanchored = unestablished && finding.evidence.standIns !== undefined;
          if (finding.verdict === 'verified' && !standInsUnanchored) anchored = true;
          const wrong = finding.verdict === 'mismatch';
          const settled = undecidedBefore || standInsUnanchored ? asUnanchored(finding, link, rowBefore) : !head || !erred ? finding : previousWrong && wrong ? asCascade(this, finding, link, head, lastGood) : asInherited(this, finding, link, head);
          if (settled !== finding) this.replaceFinding(finding, settled);
          lastFinding = settled;
          if (!wrong && settled.evidence.reason !== 'inherited') lastGood = link.right;
          // A cascade comes back to the left side: the derivation is right again from there.
          erred = settled.evidence.reason === 'cascade' ? false : erred || wrong;
          previousWrong = wrong;
        });
        startedAt = performance.now();
      }
      // `… \quad \because z_i = …`: the reason beside a row; the next row goes on from the row's claim.
      if (!segment.aside) previous = chain.members.length > 0 ? memberOf(chain.members[chain.members.length - 1]) : undefined;
    }
  }
}

/** Where a word of a directive is in the document (the whole directive when it cannot be found). */
function wordRange(text: string, directive: Directive, word: string | undefined): SourceRange {
  const at = word ? text.slice(directive.loc.start, directive.loc.end).indexOf(word) : -1;
  return at < 0 ? directive.loc : { start: directive.loc.start + at, end: directive.loc.start + at + word!.length };
}
