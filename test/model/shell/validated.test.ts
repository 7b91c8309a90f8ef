import { describe, expect, it } from 'vitest';
import { newlineFreePattern, regexValidations, validatedAt } from '../../../src/model/shell/validated.js';

describe('newlineFreePattern', () => {
  it('accepts anchored patterns of positive classes and literals', () => {
    expect(newlineFreePattern('^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$')).toBe(true);
    expect(newlineFreePattern('^v[0-9]+\\.[0-9]+\\.[0-9]+$')).toBe(true);
    expect(newlineFreePattern('^[[:alnum:]_-]+$')).toBe(true);
    expect(newlineFreePattern('^(release|hotfix)/[a-z0-9.-]+$')).toBe(true);
  });

  it('rejects what can match a newline or is not anchored at both ends', () => {
    expect(newlineFreePattern('^release/.+$')).toBe(false);
    expect(newlineFreePattern('^[^;]+$')).toBe(false);
    expect(newlineFreePattern('^[[:space:]a-z]+$')).toBe(false);
    expect(newlineFreePattern('^\\S+$')).toBe(false);
    expect(newlineFreePattern('^[a-z]+')).toBe(false);
    expect(newlineFreePattern('^a$|^b')).toBe(false);
    expect(newlineFreePattern('"^[a-z]+$"')).toBe(false);
  });
});

describe('regexValidations', () => {
  it('finds a negated test in an || chain that exits, a `! [[ ]]` test and a `|| exit`', () => {
    const script = [
      'if [[ -z "$A" || ! "$A" =~ ^[a-z]+$ ]]; then',
      '  exit 1',
      'fi',
      'if ! [[ "${B}" =~ ^[0-9]+$ ]]; then echo no; exit 2; fi',
      '[[ "$C" =~ ^[a-z]+$ ]] || { echo bad >&2; exit 1; }',
      'if [[ -n "$D" && ! "$D" =~ ^[a-z]+$ ]]; then exit 1; fi',
      'if [[ ! "$E" =~ ^[a-z]+$ ]]; then echo warn; fi',
    ].join('\n');
    expect(regexValidations(script).map((check) => check.variable)).toEqual(['A', 'B', 'C']);
  });

  it('holds only until the variable is assigned again', () => {
    const script = '[[ "$A" =~ ^[a-z]+$ ]] || exit 1\necho "X=$A" >> "$GITHUB_ENV"\nA="$RAW"\necho "Y=$A" >> "$GITHUB_ENV"\n';
    const checks = regexValidations(script);
    expect(validatedAt(script, checks, 'A', script.indexOf('echo "X'))).toBeDefined();
    expect(validatedAt(script, checks, 'A', script.indexOf('echo "Y'))).toBeUndefined();
  });
});
