import { describe, expect, it } from 'vitest';
import { resolveShell, dialectOfShell } from '../../../src/model/shell/resolve.js';
import { parseYaml } from '../../../src/model/yaml.js';
import { sourceText } from '../../../src/model/source.js';
import { buildWorkflow } from '../../../src/model/workflow.js';

function shells(yaml: string): string[] {
  const workflow = buildWorkflow('.github/workflows/x.yml', parseYaml(sourceText('.github/workflows/x.yml', yaml)));
  return workflow.jobs.flatMap((job) =>
    job.steps.map((step) => {
      const shell = resolveShell(workflow, job, step);
      return `${job.id}/${step.index}:${shell.dialect}:${shell.confidence}:${shell.source}`;
    }),
  );
}

describe('shell resolution', () => {
  it('takes the step shell, then job and workflow defaults, then the runner OS', () => {
    const yaml = `
on: push
defaults:
  run:
    shell: bash --noprofile --norc -eo pipefail {0}
jobs:
  win:
    runs-on: windows-latest
    defaults:
      run:
        shell: pwsh
    steps:
      - run: echo 1
      - run: echo 2
        shell: cmd
  linux:
    runs-on: ubuntu-latest
    steps:
      - run: echo 3
`;
    expect(shells(yaml)).toEqual(['win/0:pwsh:high:job', 'win/1:cmd:high:step', 'linux/0:bash:high:workflow']);
  });

  it('defaults to PowerShell on Windows and to bash elsewhere, with lowered confidence when the OS is unknown', () => {
    const yaml = `
on: push
jobs:
  win:
    runs-on: [self-hosted, windows, x64]
    steps: [{ run: dir }]
  mac:
    runs-on: macos-14
    steps: [{ run: ls }]
  matrix:
    runs-on: \${{ matrix.os }}
    steps: [{ run: ls }]
  custom:
    runs-on: { group: builders, labels: [big-runner] }
    steps: [{ run: ls }]
`;
    expect(shells(yaml)).toEqual([
      'win/0:pwsh:high:runner',
      'mac/0:bash:high:runner',
      'matrix/0:bash:medium:runner',
      'custom/0:bash:medium:runner',
    ]);
  });

  it('reads shell names with paths and arguments', () => {
    expect(['/bin/bash -e {0}', 'python {0}', 'powershell -command "& \'{0}\'"', 'perl {0}', 'sh'].map(dialectOfShell)).toEqual([
      'bash',
      'python',
      'powershell',
      'other',
      'sh',
    ]);
  });
});
