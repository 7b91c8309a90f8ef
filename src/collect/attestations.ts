/**
 * Human attestations from `.github/ssc-attestation.yml`. (Stub until the repository-evidence work lands.)
 */
import type { Snapshot } from './snapshot.js';
import type { Attestation } from '../score/score.js';

export function readAttestations(_snapshot: Snapshot): Attestation[] {
  return [];
}
