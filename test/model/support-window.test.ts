import { describe, expect, it } from 'vitest';
import { SUPPORT_WINDOW } from '../../src/model/security-policy-text.js';

/** Whether a sentence defines support by rule, as support-policy reads it. */
const definesSupport = (sentence: string): boolean => new RegExp(SUPPORT_WINDOW.source, 'i').test(sentence);

describe('SUPPORT_WINDOW', () => {
  // urllib3 .github/SECURITY.md:22-24; a dot inside "2.x" or "e.g.," ends no sentence.
  it.each([
    'Only the main branch (the 2.x release line) receives updates, including security fixes.',
    'Older release lines (e.g., 1.x) are not maintained.',
    'Security updates are applied only to the latest release.',
  ])('reads a rule: %s', (sentence) => {
    expect(definesSupport(sentence)).toBe(true);
  });
  // Sentences about something else that share the words.
  it.each([
    'Older versions of Node.js are not supported.',
    'Only the main branch runs the full CI matrix, and each release gets a signed tag.',
  ])('reads no rule: %s', (sentence) => {
    expect(definesSupport(sentence)).toBe(false);
  });
});
