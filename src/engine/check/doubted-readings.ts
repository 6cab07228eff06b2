// Never cry wolf: a reading of a document's symbols under which its claims fail more often than they
// hold is more likely a misreading than a page of mistakes. Published notes that use a symbol in
// another sense (a softmax written as ŷ, primed parameters k' = k, a list of cases k = 0, 1, 2) fail
// many times over, each time with a bare "the two sides differ" or "the shapes differ". A student's
// slips are mostly ones the diagnosis can name (a sign, a factor 2, a missing term): a claim that is
// the model's value up to such a slip speaks for the reading, as a verified claim does.
//
// So when detection chose the reading (no directive named the model: a built-in model, the
// document's own, or free variables), and in one document two or more of its claims disagree for no
// named slip (a misfit that guessed shapes left undecided counts too) while fewer claims speak for
// the reading, its unexplained mismatches become `unsupported` with the reason; what the check found
// stays in the evidence.
import type { DiagnosisKind } from './diagnosis';
import type { Evidence } from './evidence';
import type { Finding } from './finding';

/** This many claims disagreeing under one detected reading (unexplained mismatches, and misfits not decided for guessed shapes), with fewer claims speaking for it, put it in doubt. */
const DOUBT_AT = 2;

/** A claim the check found different, but not decided because its shapes were only guessed: the reading fails there too. */
const HEDGED = 'shapes uncertain';

/** Diagnoses that name no slip: what a misreading gives as readily as a mistake does. */
const UNEXPLAINED: ReadonlySet<DiagnosisKind> = new Set<DiagnosisKind>(['differ', 'shape', 'constant', 'value', 'singular']);

/** The unexplained mismatches of the readings in doubt, each with its `unsupported` replacement. */
export function doubtedReadings(findings: readonly Finding[]): Map<Finding, Finding> {
  const readings = new Map<string, { unexplained: Finding[]; hedged: number; speaking: number; anchored: boolean }>();
  for (const finding of findings) {
    const reading = detectedReading(finding.evidence);
    // Arithmetic (`2 \times 3 = 7`) reads no symbol: it says nothing of the reading, and nothing makes it doubtful.
    if (reading === undefined || finding.evidence.arithmetic) continue;
    const tally = readings.get(reading) ?? { unexplained: [], hedged: 0, speaking: 0, anchored: false };
    readings.set(reading, tally);
    if (finding.verdict === 'mismatch') {
      if (isUnexplained(finding.evidence)) tally.unexplained.push(finding);
      else tally.speaking++;
    } else if (finding.evidence.reason === HEDGED) {
      tally.hedged++;
    } else if (finding.verdict === 'verified' && agreesWithReading(reading, finding)) {
      tally.speaking++;
      // The document's own statement of a model's quantity, verified: its symbols are the model's.
      if (reading !== 'none' && finding.target === undefined) tally.anchored = true;
    }
  }
  const replaced = new Map<Finding, Finding>();
  for (const [reading, { unexplained, hedged, speaking, anchored }] of readings) {
    const disagreeing = unexplained.length + hedged;
    if (anchored || unexplained.length === 0 || disagreeing < DOUBT_AT || disagreeing <= speaking) continue;
    for (const finding of unexplained) replaced.set(finding, doubted(finding, reading, disagreeing, speaking));
  }
  return replaced;
}

/** A mismatch whose diagnosis names no slip (a transposed result is one). */
function isUnexplained(evidence: Evidence): boolean {
  if (evidence.diagnosis === 'shape' && evidence.transposed) return false;
  return evidence.diagnosis === undefined || UNEXPLAINED.has(evidence.diagnosis);
}

/** The reading a claim was decided in, when detection chose it (no directive named the model). */
function detectedReading(evidence: Evidence): string | undefined {
  if (evidence.named || evidence.model === undefined) return undefined;
  return evidence.model;
}

/**
 * Whether a verified claim speaks for the reading: under a built-in model, one about its quantities
 * (an identity in free variables, `-\log(0.659) \approx 0.417`, would hold under any reading).
 */
function agreesWithReading(reading: string, finding: Finding): boolean {
  return reading === 'none' || finding.evidence.identity !== true;
}

function doubted(finding: Finding, reading: string, disagreeing: number, agreeing: number): Finding {
  const read = reading === 'none' ? 'with its symbols as free variables' : reading === 'custom' ? 'with the definitions the checker took from the document' : `in the ${reading} model`;
  const agree = agreeing === 0 ? 'none agrees' : agreeing === 1 ? 'only 1 agrees' : `only ${agreeing} agree`;
  const message =
    `not decided: read ${read}, ${disagreeing} claims of this document disagree for no nameable slip and ${agree}, ` +
    `so the symbols may not mean here what the checker reads them as (\`derivcheck: model=${reading}\` confirms the reading); ` +
    `as read, ${finding.message}`;
  const { model, detectedFrom } = finding.evidence;
  return { ...finding, verdict: 'unsupported', message, evidence: { reason: 'doubted reading', checked: finding.evidence, model, ...(detectedFrom ? { detectedFrom } : {}) } };
}
