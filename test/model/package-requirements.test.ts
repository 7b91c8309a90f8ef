import { describe, expect, it } from 'vitest';
import { packageRequirements } from '../../src/model/package-requirements.js';
import { sourceText } from '../../src/model/source.js';

const files = (entries: Record<string, string>) => ({
  texts: new Map(Object.entries(entries).map(([path, text]) => [path, sourceText(path, text)])),
});

describe('packageRequirements', () => {
  it.each([
    ['in the argument', 'setup(install_requires=read_lines("requirements.txt"))\n'],
    ['through a variable', 'reqs = open("requirements.txt").read().splitlines()\nsetup(name="x", install_requires=reqs)\n'],
  ])('reads a requirements.txt setup.py passes to install_requires %s', (_how, setupPy) => {
    expect(packageRequirements(files({ 'setup.py': setupPy, 'requirements.txt': 'requests>=2\n' }), 'requirements.txt')).toBe(
      'setup.py reads it into install_requires',
    );
  });
  it('does not read a requirements file setup.py gives to extras_require as the package list', () => {
    const setupPy =
      'setup(\n    install_requires=["requests"],\n    extras_require={"dev": open("requirements-dev.txt").read().splitlines()},\n)\n';
    expect(packageRequirements(files({ 'setup.py': setupPy, 'requirements-dev.txt': 'pytest\n' }), 'requirements-dev.txt')).toBeUndefined();
  });
});
