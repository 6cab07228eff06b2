import type { Node, RelOp } from '../parse/ast';
import { stepToLatex, toLatex } from '../parse/to-latex';
import type { SourceRange } from '../source/location';
import type { MathSpan } from '../source/span';
import { toDocumentRange } from '../source/span';
import type { SamplePoint } from '../semantics/model';
import * as T from '../evaluate/tensor';
import { Compiler } from '../semantics/compile';
import { describe, describeLatex, formatNumber } from '../semantics/describe';
import { formatTensor } from './diagnose';
import { Env } from '../semantics/env';
import { compileStep, indexAssignments, type CompiledStep } from './evaluate-step';
import type { ClaimHandle, Inspection, NamedValue, SideValues, Sweep } from './handle';
import { symbolKey, type Scope } from '../semantics/scope';
import { children } from '../semantics/walk';
import type { Evidence } from './evidence';
import { expectedForm } from './expected-form';

export interface HandleContext {
  readonly span: MathSpan;
  readonly expected: Node;
  readonly claimed: Node;
  readonly op: RelOp;
  /** The scope as it was at this step (definitions copied). */
  readonly scope: Scope;
  readonly hoverPoint: SamplePoint;
  /** Pinned indices (`derivcheck: at i=2`). */
  readonly pinnedIndices: Readonly<Record<string, number>>;
  /** The sample points and tolerance the step was checked at, and what was found: an expected form must hold there. */
  readonly points: readonly SamplePoint[];
  readonly tol: number;
  readonly evidence: Evidence;
}

const SWEEP_HALF_WIDTH = 3;

/** Hover and report access to one step; compiles lazily, on first use. */
export class StepHandle implements ClaimHandle {
  private compiled: CompiledStep | null | undefined;
  /** The expected right side, once built. */
  private expected: { readonly latex: string | undefined } | undefined;

  // Every field is computed when asked: a check makes a handle per step, and only editors ask.
  constructor(private readonly context: HandleContext) {}

  get leftLatex(): string {
    return this.context.span.text.slice(this.context.expected.loc.start, this.context.expected.loc.end);
  }

  get rightLatex(): string {
    return this.context.span.text.slice(this.context.claimed.loc.start, this.context.claimed.loc.end);
  }

  get rightRange(): SourceRange {
    return toDocumentRange(this.context.span, this.context.claimed.loc);
  }

  get latex(): string {
    return stepToLatex(this.context.expected, this.context.op, this.context.claimed);
  }

  get targetLatex(): string {
    return toLatex(this.context.expected);
  }

  get leftText(): string {
    return describe(this.context.expected);
  }

  get rightText(): string {
    return describe(this.context.claimed);
  }

  private step(): CompiledStep | undefined {
    if (this.compiled === undefined) {
      try {
        this.compiled = compileStep(this.context.expected, this.context.claimed, this.context.scope);
      } catch {
        this.compiled = null;
      }
    }
    return this.compiled ?? undefined;
  }

  /** An environment at the hover point, free indices bound to pinned values or the first binding. */
  private env(step: CompiledStep | undefined): Env {
    const { scope, hoverPoint, pinnedIndices } = this.context;
    const first = step ? (indexAssignments(step, scope, hoverPoint)[0] ?? new Map()) : new Map<string, number>();
    for (const [name, value] of Object.entries(pinnedIndices)) if (first.has(name)) first.set(name, value);
    return new Env(scope.model, hoverPoint, first);
  }

  sides(): SideValues | undefined {
    const step = this.step();
    if (!step) return undefined;
    try {
      const env = this.env(step);
      const left = step.expected(env);
      const right = step.claimed(env);
      return { left: formatTensor(left), right: formatTensor(right), values: this.pointValues(step, env) };
    } catch {
      return undefined;
    }
  }

  private pointValues(step: CompiledStep, env: Env): NamedValue[] {
    const values: NamedValue[] = [];
    if (!step.pure) for (const [name, size] of Object.entries(env.point.dims)) values.push({ name, value: String(size) });
    for (const [name, value] of env.indices) values.push({ name, value: String(value) });
    const mentions = new Map([...step.expectedInfo.mentions, ...step.claimedInfo.mentions]);
    for (const mention of mentions.values()) {
      try {
        const value = mention.read(env);
        if (value !== undefined && Number.isFinite(value)) values.push({ name: mention.text, value: formatNumber(value) });
      } catch {
        // Not readable at this point: left out.
      }
    }
    return values;
  }

  inspect(offset: number): Inspection | undefined {
    const local = this.localOffset(offset);
    if (local === undefined) return undefined;
    const step = this.step();
    const chain = [...innermostChain(this.context.expected, local), ...innermostChain(this.context.claimed, local)];
    // From the innermost node outwards: the first one that evaluates is what the cursor is on.
    for (const node of chain.reverse()) {
      try {
        const compiled = new Compiler(this.context.scope, step?.pure ?? false).compile(node);
        const value = compiled.run(this.env(step));
        return {
          range: toDocumentRange(this.context.span, node.loc),
          text: describe(node),
          value: formatTensor(value),
          definition: this.definitionOf(node),
        };
      } catch {
        continue;
      }
    }
    return undefined;
  }

  private definitionOf(node: Node): string | undefined {
    const { scope } = this.context;
    if (node.kind === 'sym') {
      const user = scope.definitions.get(symbolKey(node));
      if (user) return describeLatex(user.source) ?? user.source;
      const key = scope.model?.resolveSymbol(node);
      if (key) return scope.model!.nodes.get(key)?.definition;
    }
    if (node.kind === 'call' && node.fn === 'sigma') return `σ is ${scope.sigmas.map((s) => s.display).join(' or ')}`;
    return undefined;
  }

  private localOffset(offset: number): number | undefined {
    const offsets = this.context.span.offsets;
    for (let i = 0; i < this.context.span.text.length; i++) if (offsets[i] === offset) return i;
    return undefined;
  }

  sweep(count = 41): Sweep | undefined {
    const step = this.step();
    if (!step) return undefined;
    const variable = this.sweepVariable(step);
    if (!variable) return undefined;
    const base = this.env(step);
    const center = variable.key.startsWith('node:') ? base.node(variable.key.slice(5)).v[0] : base.point.free(variable.key.slice(4));
    const xs: number[] = [];
    const claimed: (number | null)[] = [];
    const expected: (number | null)[] = [];
    for (let i = 0; i < count; i++) {
      const x = center - SWEEP_HALF_WIDTH + (2 * SWEEP_HALF_WIDTH * i) / (count - 1);
      const env = this.env(step).withOverrides(new Map([[variable.key, T.scalar(x)]]));
      xs.push(x);
      claimed.push(scalarOrNull(() => step.claimed(env)));
      expected.push(scalarOrNull(() => step.expected(env)));
    }
    if (claimed.every((v) => v === null) || expected.every((v) => v === null)) return undefined;
    return { variable: variable.text, xs, claimed, expected };
  }

  /** A scalar input the claim mentions: a free variable, else x, else another scalar leaf. */
  private sweepVariable(step: CompiledStep): { key: string; text: string } | undefined {
    const { scope } = this.context;
    const candidates: { key: string; text: string }[] = [];
    const visit = (node: Node) => {
      // Label subscripts name scalars too (y_{true}); index subscripts pick entries, which do not sweep.
      if (node.kind === 'sym' && node.sub?.kind !== 'indices') {
        const modelKey = step.pure ? undefined : scope.model?.resolveSymbol(node);
        const leaf = modelKey ? this.context.hoverPoint.leaves.get(modelKey) : undefined;
        if (step.pure && !scope.definitions.has(symbolKey(node))) candidates.push({ key: `var:${symbolKey(node)}`, text: describe(node) });
        else if (modelKey && leaf?.isScalar) candidates.push({ key: `node:${modelKey}`, text: describe(node) });
      }
      children(node).forEach(visit);
    };
    visit(this.context.expected);
    visit(this.context.claimed);
    const first = (env: Env) => step.claimed(env).isScalar && step.expected(env).isScalar;
    try {
      if (!first(this.env(step))) return undefined;
    } catch {
      return undefined;
    }
    return candidates.find((c) => c.key === 'node:x') ?? candidates.find((c) => c.key.startsWith('var:')) ?? candidates[0];
  }

  expectedLatex(): string | undefined {
    const { expected, claimed, scope, points, tol, evidence } = this.context;
    if (evidence.diagnosis === undefined) return undefined;
    // A chain with its missing link: decided by form, there are no numbers to test it at.
    if (evidence.diagnosis === 'broken-chain') return evidence.expectedLatex;
    this.expected ??= { latex: expectedForm({ expected, claimed, scope, points, tol, evidence }) };
    return this.expected.latex;
  }
}

function scalarOrNull(run: () => T.Tensor): number | null {
  try {
    const value = run();
    return value.isScalar && Number.isFinite(value.v[0]) ? value.v[0] : null;
  } catch {
    return null;
  }
}

/** The nodes from `root` down to the innermost one containing the span-local offset. */
function innermostChain(root: Node, offset: number): Node[] {
  const chain: Node[] = [];
  let node: Node | undefined = root;
  while (node && node.loc.start <= offset && offset < node.loc.end) {
    chain.push(node);
    node = children(node).find((c) => c.loc.start <= offset && offset < c.loc.end);
  }
  return chain;
}
