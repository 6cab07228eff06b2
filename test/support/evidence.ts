import * as assert from 'node:assert/strict';
import type { DiagnosisKind, Evidence, Finding } from '../../src/engine';

/** A mismatch's evidence, narrowed to its diagnosis (which must be `kind`). */
export function evidenceOf<K extends DiagnosisKind>(finding: Finding, kind: K): Evidence & { readonly diagnosis: K } {
  assert.equal(finding.evidence.diagnosis, kind, `${finding.text}: ${finding.message}`);
  return finding.evidence as Evidence & { readonly diagnosis: K };
}
