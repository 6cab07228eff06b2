import type { Block, CheckReport, Finding } from '../engine';
import type { Summary } from '../protocol/protocol';
import { summarize } from '../protocol/summary';

/** A finding with its place in the report: the id the code lens, code actions and panel share. */
export interface Claim {
  /** `${blockIndex}:${stepIndex}` (protocol ReportClaim.id). */
  readonly id: string;
  readonly blockIndex: number;
  readonly stepIndex: number;
  readonly block: Block;
  readonly finding: Finding;
}

/** Looks claims up by id, by finding and by document offset, for one check's report. */
export class ClaimIndex {
  private readonly byFinding = new Map<Finding, Claim>();
  private readonly byId = new Map<string, Claim>();

  constructor(readonly report: CheckReport) {
    report.blocks.forEach((block, blockIndex) =>
      block.findings.forEach((finding, stepIndex) => {
        const claim = { id: `${blockIndex}:${stepIndex}`, blockIndex, stepIndex, block, finding };
        this.byFinding.set(finding, claim);
        this.byId.set(claim.id, claim);
      }),
    );
  }

  ofFinding(finding: Finding): Claim | undefined {
    return this.byFinding.get(finding);
  }

  withId(id: string): Claim | undefined {
    return this.byId.get(id);
  }

  /** The block whose range holds `offset`. */
  blockAt(offset: number): Block | undefined {
    return this.report.blocks.find((b) => b.range.start <= offset && offset < b.range.end);
  }

  /**
   * The innermost finding whose range holds `offset` (an end offset counts: the cursor after `…x$`);
   * else, inside math that did not parse, its finding: that one marks only where the parse failed,
   * but the whole math is what it is about.
   */
  findingAt(offset: number): Finding | undefined {
    let best: Finding | undefined;
    for (const f of this.report.findings) {
      if (f.range.start > offset || offset > f.range.end) continue;
      if (!best || f.range.end - f.range.start < best.range.end - best.range.start) best = f;
    }
    return best ?? this.blockAt(offset)?.findings.find((f) => f.verdict === 'unparsed');
  }

  summary(): Summary {
    return summarize(this.report.findings);
  }
}
