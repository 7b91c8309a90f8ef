/**
 * The colour of each claim and principle status, shared by the repository and organisation HTML reports so that a
 * status reads the same in both.
 */
import type { ClaimStatus } from '../score/score.js';

export const STATUS_COLOR: Record<ClaimStatus, string> = {
  met: '#1a7f37',
  'partially-met': '#bf8700',
  'not-met': '#cf222e',
  unknown: '#8250df',
  'needs-attestation': '#0969da',
  'not-applicable': '#8c959f',
};
