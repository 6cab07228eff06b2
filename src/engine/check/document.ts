import type { MathSpan, Directive } from '../extract/types';
import { toDocumentRange } from '../extract/types';
import { LineMap, type SourceRange } from '../source/location';
import type { Chain, Node, ParseResult, RelOp } from '../parse/ast';
import { parseChain } from '../parse/parser';
import { segmentMath, type Segment } from '../parse/segment';
import { nextContentLine } from '../extract/markdown';
import { Random } from '../evaluate/random';
import { GENERIC_INSTANCES, NAMED_NONLINEARITIES, type Nonlinearity } from '../evaluate/sigma';
import type { Model, SamplePoint } from '../models/model';
import { MODELS } from '../models/registry';
import type { CheckOptions, Finding } from './finding';
import type { ClaimHandle, NamedValue } from './handle';
import { StepHandle } from './claim-handle';
import { normalizeLatex } from './cache';
import { formatTensor } from './diagnose';
import { fromValues } from '../evaluate/tensor';
import { parseDirective, type Settings } from './directives';
import { describe } from './describe';
import type { Scope, UserDefinition } from './scope';
import { checkStep, type StepRequest } from './step';
import { defineSymbol, definitionCandidate, isDefined, refersTo } from './definitions';

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
  private readonly definitions = new Map<string, UserDefinition>();
  private sigmaOverride: Nonlinearity | undefined;
  /** σ named by a directive or an option: a later `σ(z) = …` is then a claim, not a definition. */
  private sigmaFromDirective: boolean;
  private readonly pointCache = new Map<string, SamplePoint[]>();
  private readonly hoverPoints = new Map<string, SamplePoint>();
  private readonly ignoredLines = new Set<number>();
  /** Values and indices pinned for hovers by `derivcheck: at …`. */
  private pins: Record<string, number> = {};
  readonly blocks: { range: SourceRange; findings: Finding[] }[] = [];
  readonly handles = new Map<Finding, ClaimHandle>();

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
    };
    this.sigmaFromDirective = options.sigma !== undefined;
  }

  run(spans: readonly MathSpan[], directives: readonly Directive[]): Finding[] {
    let next = 0;
    for (const span of spans) {
      while (next < directives.length && directives[next].loc.start < span.outer.start) this.applyDirective(directives[next++]);
      if (this.ignoredLines.has(this.lineMap.position(span.outer.start).line)) continue;
      const before = this.findings.length;
      try {
        this.checkSpan(span);
      } catch (error) {
        // One bad span must not cost the rest of the document its checks.
        const message = error instanceof Error ? error.message : String(error);
        this.findings.push({ verdict: 'unsupported', range: span.outer, text: this.text.slice(span.outer.start, span.outer.end), message: `internal error while checking this math: ${message}`, evidence: { internalError: message, stack: error instanceof Error ? error.stack : undefined } });
      }
      if (this.findings.length > before) this.blocks.push({ range: span.outer, findings: this.findings.slice(before) });
    }
    while (next < directives.length) this.applyDirective(directives[next++]);
    return this.findings;
  }

  private applyDirective(directive: Directive): void {
    for (const effect of parseDirective(directive.text)) {
      if (effect.kind === 'settings') {
        effect.apply(this.settings);
        if (/\bsigma=/.test(directive.text)) {
          this.sigmaOverride = undefined;
          this.sigmaFromDirective = true;
        }
      } else if (effect.kind === 'pins') {
        this.pins = { ...this.pins, ...effect.pins };
      } else if (effect.kind === 'ignore-next-line') {
        this.ignoredLines.add(nextContentLine(this.lineMap, directive.endLine));
      } else {
        this.findings.push({ verdict: 'unparsed', range: directive.loc, text: this.text.slice(directive.loc.start, directive.loc.end), message: effect.message, evidence: { directive: directive.text } });
      }
    }
  }

  private get model(): Model | null {
    const name = this.settings.model;
    if (name === 'none') return null;
    if (name === 'auto') return MODELS.mlp;
    return MODELS[name] ?? null;
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
      definitions: this.definitions,
    };
  }

  private points(scope: Scope): SamplePoint[] {
    const key = JSON.stringify([scope.model?.name, this.settings.dims, this.settings.seed, this.settings.samples, scope.sigmas.map((s) => s.name)]);
    let points = this.pointCache.get(key);
    if (!points) {
      const rng = new Random(this.settings.seed * 7919 + 17);
      const sampling = { seed: this.settings.seed, count: this.settings.samples, dims: this.settings.dims, sigmas: scope.sigmas };
      const model = scope.model ?? MODELS.mlp;
      points = Array.from({ length: this.settings.samples }, (_, i) => model.samplePoint(rng, i, sampling));
      this.pointCache.set(key, points);
    }
    return points;
  }

  /** The point hovers use: seeded by the hover seed, with `derivcheck: at …` pins applied. */
  private hoverPoint(scope: Scope): SamplePoint {
    const key = JSON.stringify([scope.model?.name, this.settings.dims, this.settings.seed, this.pins, this.options.hoverSeed, scope.sigmas.map((s) => s.name)]);
    let point = this.hoverPoints.get(key);
    if (!point) this.hoverPoints.set(key, (point = this.drawHoverPoint(scope)));
    return point;
  }

  private drawHoverPoint(scope: Scope): SamplePoint {
    const model = scope.model ?? MODELS.mlp;
    const dims = { ...this.settings.dims };
    const leafPins = new Map<string, number>();
    for (const [name, value] of Object.entries(this.pins)) {
      if (name === model.defaultDim) dims[name] = value;
      const parsed = parseChain(name);
      const node = parsed.ok && parsed.chain.members.length === 1 ? parsed.chain.members[0] : undefined;
      const key = node?.kind === 'sym' ? model.resolveSymbol(node) : undefined;
      if (key) leafPins.set(key, value);
    }
    const seed = this.options.hoverSeed ?? this.settings.seed;
    const sampling = { seed, count: 1, dims, sigmas: scope.sigmas };
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
    values.push({ name: 'σ', value: point.sigma.display });
    return values;
  }

  private checkSpan(span: MathSpan): void {
    const parsedSegments = this.options.cache ? this.options.cache.parsed(span.text, parseSpan) : parseSpan(span.text);
    let previous: Member | undefined;
    let target: string | undefined;
    for (const { segment, parsed } of parsedSegments) {
      if (!parsed) {
        previous = undefined;
        continue;
      }
      if (!parsed.ok) {
        // A construct the parser recognises but the checker cannot evaluate is unsupported, not malformed.
        const recognised = parsed.error.unsupported === true;
        this.findings.push({
          verdict: recognised ? 'unsupported' : 'unparsed',
          range: toDocumentRange(span, parsed.error.loc),
          text: span.text.slice(segment.start, segment.end),
          message: recognised ? `not checked: ${parsed.error.message}` : `could not parse this math: ${parsed.error.message}`,
          evidence: { reason: parsed.error.message },
        });
        previous = undefined;
        continue;
      }
      const chain = parsed.chain;
      const continues = chain.leadingOp !== undefined && previous !== undefined;
      if (!continues) target = undefined;
      const links = chainLinks(chain, continues ? previous : undefined);
      let first = !continues;
      for (const link of links) {
        if (first && this.tryDefinition(link, span)) {
          first = false;
          continue;
        }
        first = false;
        target ??= headTarget(link.left.node, link.op);
        const rangeStart = link.fromPrevious ? link.opLoc.start : link.left.loc.start;
        const local = { start: rangeStart, end: link.right.loc.end };
        this.checkLink(link, span, local, target);
      }
      previous = chain.members.length > 0 ? memberOf(chain.members[chain.members.length - 1]) : undefined;
    }
  }

  private tryDefinition(link: Link, span: MathSpan): boolean {
    if (link.op === 'approx') return false;
    const candidate = definitionCandidate(link.left.node);
    if (!candidate || refersTo(link.right.node, candidate)) return false;
    const scope = this.scope();
    if (isDefined(candidate, scope, this.points(scope)[0])) return false;
    const range = toDocumentRange(span, { start: link.left.loc.start, end: link.right.loc.end });
    const outcome = defineSymbol(candidate, link.right.node, scope, range, this.text.slice(range.start, range.end));
    if (outcome.kind === 'sigma') this.sigmaOverride = outcome.sigma;
    else if (outcome.kind === 'definition') this.definitions.set(outcome.definition.key, outcome.definition);
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
    const request: StepRequest = {
      expected: link.left.node,
      claimed: link.right.node,
      op: link.op,
      scope,
      points: this.points(scope),
      tol: this.settings.tol,
      target,
      symbolicTimeoutMs: this.options.symbolicTimeoutMs ?? 300,
    };
    const outcome = this.options.cache
      ? this.options.cache.lookup(this.cacheKey(link, span, scope, target), () => checkStep(request))
      : checkStep(request);
    const related = [...this.relatedDefinitions(link)];
    const finding: Finding = {
      verdict: outcome.verdict,
      range,
      text: this.text.slice(range.start, range.end),
      ...(target ? { target } : {}),
      message: outcome.message,
      evidence: outcome.evidence,
      ...(related.length ? { related } : {}),
    };
    this.findings.push(finding);
    const snapshot: Scope = { ...scope, definitions: new Map(scope.definitions) };
    const indexPins = Object.fromEntries(Object.entries(this.pins).filter(([name]) => /^[a-z]$/.test(name) && name !== scope.model?.defaultDim));
    this.handles.set(finding, new StepHandle({ span, expected: link.left.node, claimed: link.right.node, scope: snapshot, hoverPoint: this.hoverPoint(scope), pinnedIndices: indexPins }));
  }

  /** The step's text and everything it is checked against: model, σ, settings, definitions so far. */
  private cacheKey(link: Link, span: MathSpan, scope: Scope, target: string | undefined): string {
    const source = (m: Member) => normalizeLatex(span.text.slice(m.loc.start, m.loc.end));
    const definitions = [...scope.definitions.values()].map((d) => `${d.key}:=${normalizeLatex(d.source)}`).join(';');
    const context = JSON.stringify([scope.model?.name, scope.sigmas.map((s) => s.name), scope.sigmaChosen, this.settings, this.options.symbolicTimeoutMs ?? 300, target]);
    return `${link.op}|${source(link.left)}|${source(link.right)}|${context}|${definitions}`;
  }

  /** Definitions the step uses, so editors can point at them. */
  private *relatedDefinitions(link: Link): Iterable<{ range: SourceRange; message: string }> {
    const text = `${describe(link.left.node)} ${describe(link.right.node)}`;
    for (const definition of this.definitions.values()) {
      if (text.includes(definition.display)) yield { range: definition.range, message: `${definition.display} is defined here` };
    }
  }
}

interface Link {
  readonly left: Member;
  readonly right: Member;
  readonly op: RelOp;
  readonly opLoc: SourceRange;
  /** True when `left` is the previous row's last member (an aligned continuation). */
  readonly fromPrevious: boolean;
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

/** The equations of a span, segmented and parsed (ASTs are immutable, so the result is cacheable). */
export function parseSpan(text: string): ParsedSegment[] {
  const { masked, segments } = segmentMath(text);
  return segments.map((segment) => {
    const end = equationEnd(masked.slice(segment.start, segment.end));
    return { segment, parsed: end === undefined ? undefined : parseChain(masked, segment.start, segment.start + end) };
  });
}

export interface ParsedSegment {
  readonly segment: Segment;
  /** Undefined for a segment that holds no equation (prose math). */
  readonly parsed: ParseResult | undefined;
}

const EQUATION = /=|\\approx|≈|\\leftarrow|\\gets|\\coloneqq/g;
const NON_EQUATION = /\\(?:in|notin|subset|subseteq|supset|mapsto|to|sim|propto|leq?|geq?|neq?|ll|gg|perp|forall|exists)(?![a-zA-Z])|[<>≤≥∈]/;
const INDICATOR = /\\math(?:bb|bf)\s*\{?\s*1\s*\}?\s*(?:_\s*)?(?:\\left)?\s*(\[[^\]]*\]|\\\{.*?\\\}|\([^)]*\)|\{[^}]*\})/g;

/**
 * Where the equation in a segment ends, or undefined when it holds none. Only equations are claims:
 * `x \in \mathbb{R}`, `z > 0` and bare expressions are prose; in `… = 2 > 0` the equation ends
 * before the inequality.
 */
function equationEnd(source: string): number | undefined {
  const blank = (m: string) => ' '.repeat(m.length);
  const plain = source.replace(INDICATOR, blank).replace(/\\(?:left|right)(?![a-zA-Z])/g, blank);
  const relations = [...plain.matchAll(EQUATION)];
  if (relations.length === 0) return undefined;
  const other = NON_EQUATION.exec(plain);
  if (!other) return source.length;
  const lastEquation = relations[relations.length - 1].index!;
  return other.index > lastEquation ? other.index : undefined;
}

