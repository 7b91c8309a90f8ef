import { describe, expect, it } from 'vitest';
import { analyseScript } from '../../../src/model/shell/analyse.js';
import { downloadedFile, executedFile, findRemoteRuns } from '../../../src/model/shell/downloads.js';
import type { ScriptSite } from '../../../src/model/shell/scripts.js';

function site(script: string, group = 'job'): ScriptSite {
  const analysis = analyseScript(script, 'bash');
  return {
    kind: 'run',
    path: 'x.yml',
    script,
    analysis,
    confidence: 'high',
    locate: () => ({ path: 'x.yml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }),
    group,
    label: 'step',
  };
}

const kinds = (...scripts: string[]): string[] =>
  findRemoteRuns(scripts.map((s) => site(s))).map((run) => `${run.kind}:${run.host ?? run.file}`);

describe('remote code runs', () => {
  it('links a download to its later execution across steps, unless a check comes in between', () => {
    const download = 'curl -fsSLo get_helm.sh https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3';
    expect(kinds(download, 'bash get_helm.sh')).toEqual(['later:raw.githubusercontent.com']);
    expect(kinds(download, 'echo "abc  get_helm.sh" | sha256sum -c -', 'bash get_helm.sh')).toEqual([]);
    expect(kinds(download, 'shasum -a 256 -c get_helm.sh.sha256 && bash get_helm.sh')).toEqual([]);
    expect(kinds(download, 'sha256sum get_helm.sh > get_helm.sh.sha256', 'bash get_helm.sh')).toEqual(['later:raw.githubusercontent.com']);
  });

  it('does not link scripts of different jobs', () => {
    const runs = findRemoteRuns([site('wget https://e.com/install.sh', 'a'), site('sh install.sh', 'b')]);
    expect(runs).toEqual([]);
  });

  it('reads output files and executed files from the usual flag shapes', () => {
    const command = (script: string) => analyseScript(script, 'bash').commands[0];
    expect(downloadedFile(command('curl -sSLo /tmp/x.sh https://e.com/a'))).toBe('/tmp/x.sh');
    expect(downloadedFile(command('curl -LO https://e.com/dl/install.sh'))).toBe('install.sh');
    expect(downloadedFile(command('wget -qO- https://e.com/a'))).toBeUndefined();
    expect(downloadedFile(command('wget -P bin https://e.com/tool.sh'))).toBe('bin/tool.sh');
    expect(executedFile(command('sudo ./install.sh --prefix /usr'))).toBe('install.sh');
    expect(executedFile(command('python3 get-pip.py'))).toBe('get-pip.py');
    expect(executedFile(command('bash -c "echo hi"'))).toBeUndefined();
  });
});
