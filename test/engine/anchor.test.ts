import { describe, expect, it } from 'vitest';
import { anchorLocation } from '../../src/engine/run.js';
import { fixturePath, snapshotOf } from '../helpers.js';

const webapp = snapshotOf(fixturePath('repos', 'webapp'));

describe('anchorLocation', () => {
  it('keeps a finding on the file its rule named when that file exists', () => {
    const location = { path: 'SECURITY.md', startLine: 3, startColumn: 1, endLine: 3, endColumn: 5 };
    expect(anchorLocation(location, webapp, 'security-policy')).toEqual(location);
  });

  it('moves a finding about no existing file to line 1 of an existing file, README.md first', () => {
    const repository = { path: '.', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
    // The webapp fixture has no README.md: the next anchor that exists is SECURITY.md.
    expect(anchorLocation(repository, webapp, 'signed-commits')).toEqual({
      path: 'SECURITY.md',
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 2,
      anchor: true,
    });
    const withReadme = {
      ...webapp,
      files: {
        ...webapp.files,
        entries: new Map([...webapp.files.entries, ['README.md', { path: 'README.md', size: 1, symlink: false }]]),
      },
    };
    expect(anchorLocation({ ...repository, path: '.github/settings' }, withReadme, 'branch-protection').path).toBe('README.md');
  });

  it('leaves engine findings about skipped paths where they are', () => {
    const skipped = { path: '.github/workflows/huge.yml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
    expect(anchorLocation(skipped, webapp, 'audit-limit')).toEqual(skipped);
  });
});
