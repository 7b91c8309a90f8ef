import { describe, expect, it } from 'vitest';
import { analyseScript, maskExpressions, PARSER_LIMIT } from '../../../src/model/shell/analyse.js';
import { scanScript } from '../../../src/model/shell/fallback.js';
import { parseSh } from '../../../src/model/shell/sh.js';

const names = (script: string, dialect: Parameters<typeof analyseScript>[1] = 'bash'): string[] =>
  analyseScript(script, dialect).commands.map((c) => [c.name, ...c.args.map((a) => a.value)].join(' '));

describe('sh parsing with mvdan/sh', () => {
  it('finds commands with their arguments, quotes removed and wrappers stripped', () => {
    expect(names('sudo -E apt-get install -y "jq"\nenv FOO=1 npm ci && echo ok')).toEqual(['apt-get install -y jq', 'npm ci', 'echo ok']);
  });

  it('finds pipes, with every source on the left and the first command on the right', () => {
    // The assignment keeps the script from the line reader's plain grammar, so the parser reads it.
    const analysis = analyseScript('VERSION=1.2\ncurl -fsSL https://get.example.com | sudo bash -s -- --yes', 'bash');
    expect(analysis.parsed).toBe(true);
    expect(analysis.pipelines).toHaveLength(1);
    expect(analysis.pipelines[0].sources.map((c) => c.base)).toEqual(['curl']);
    expect(analysis.pipelines[0].sink.base).toBe('bash');
  });

  it('finds process and command substitutions with the command that hosts them', () => {
    const analysis = analyseScript('bash <(wget -qO- https://example.com/i.sh)\nsh -c "$(curl -fsSL https://example.com/x)"', 'bash');
    const kinds = analysis.substitutions.map((s) => [s.kind, s.host?.base, s.commands.map((c) => c.base).join(',')]);
    expect(kinds).toEqual([
      ['process', 'bash', 'wget'],
      ['command', 'sh', 'curl'],
    ]);
    expect(analysis.commands.find((c) => c.base === 'wget')?.substitution).toBe('process');
  });

  it('finds writes to the environment files at exact offsets, constant or not', () => {
    const script =
      'echo "A=1" >> $GITHUB_ENV\necho "B=${{ github.head_ref }}" >> "$GITHUB_ENV"\necho "$HOME/bin" | tee -a ${GITHUB_PATH}\necho "x=y" >> $GITHUB_OUTPUT';
    const writes = analyseScript(script, 'bash').envWrites;
    expect(writes.map((w) => [w.file, w.constant, script.slice(w.start, w.end)])).toEqual([
      ['GITHUB_ENV', true, 'echo "A=1" >> $GITHUB_ENV'],
      ['GITHUB_ENV', false, 'echo "B=${{ github.head_ref }}" >> "$GITHUB_ENV"'],
      ['GITHUB_PATH', false, 'echo "$HOME/bin" | tee -a ${GITHUB_PATH}'],
      ['GITHUB_OUTPUT', true, 'echo "x=y" >> $GITHUB_OUTPUT'],
    ]);
  });

  it('masks ${{ }} with a same-length placeholder so offsets stay exact', () => {
    const script = 'echo ${{ inputs.name }} && curl ${{ env.URL }}/x';
    const masked = maskExpressions(script);
    expect(masked.text).toHaveLength(script.length);
    expect(masked.placeholders.map((p) => script.slice(p.start, p.end))).toEqual(['${{ inputs.name }}', '${{ env.URL }}']);
    const curl = analyseScript(script, 'bash').commands[1];
    expect(script.slice(curl.start, curl.end)).toBe('curl ${{ env.URL }}/x');
  });

  it('maps UTF-8 byte offsets back to string offsets', () => {
    const script = 'echo "héllo ✓ 😀"\ncurl -o x https://e.com/x';
    const curl = analyseScript(script, 'bash').commands.find((c) => c.base === 'curl');
    expect(curl && script.slice(curl.start, curl.end)).toBe('curl -o x https://e.com/x');
  });

  it('never throws: a script that does not parse falls back to the line reader with lowered confidence', () => {
    const script = 'if [ -z "$X" ]; then\n  curl -sL https://e.com/x | sh\n';
    expect(parseSh(script).ok).toBe(false);
    const analysis = analyseScript(script, 'bash');
    expect(analysis.parsed).toBe(false);
    expect(analysis.parseError).toMatch(/line/);
    expect(analysis.confidence).toBe('medium');
    expect(analysis.pipelines.map((p) => [p.sources[0].base, p.sink.base])).toEqual([['curl', 'sh']]);
  });
});

describe('cost bounds', () => {
  it('reads scripts longer than the parser limit line by line, with lowered confidence', () => {
    const script = `${'echo padding line\n'.repeat(PARSER_LIMIT / 10)}curl -fsSL https://e.com/i.sh | sh\n`;
    const analysis = analyseScript(script, 'bash');
    expect(analysis.parsed).toBe(false);
    expect(analysis.parseError).toContain('longer than');
    expect(analysis.confidence).toBe('medium');
    expect(analysis.pipelines.map((p) => p.sink.base)).toEqual(['sh']);
  });

  it('leaves scripts that mention nothing of interest to the line reader, at full confidence', () => {
    const analysis = analyseScript('make build\n./run-tests --fast', 'bash');
    expect(analysis.parsed).toBe(false);
    expect(analysis.parseError).toBeUndefined();
    expect(analysis.confidence).toBe('high');
    expect(analysis.commands.map((c) => c.name)).toEqual(['make', './run-tests']);
  });

  it('leaves a pipe between plain commands to the line reader, which reads the pipelines as the parser does', () => {
    const script = 'git log --oneline | head -n 5 | grep -v WIP';
    const analysis = analyseScript(script, 'bash');
    expect(analysis.parsed).toBe(false);
    expect(analysis.confidence).toBe('high');
    const shape = (pipelines: typeof analysis.pipelines) =>
      [...pipelines].sort((a, b) => a.end - b.end).map((p) => [p.start, p.end, p.sources.map((source) => source.base), p.sink.base]);
    const parsed = parseSh(script);
    expect(parsed.ok && shape(parsed.value.pipelines)).toEqual(shape(analysis.pipelines));
    expect(shape(analysis.pipelines).map(([, , sources, sink]) => [sources, sink])).toEqual([
      [['git'], 'head'],
      [['git', 'head'], 'grep'],
    ]);
  });
});

describe('the line-based reader', () => {
  it('reads separators, redirections, heredocs and comments', () => {
    const parsed = scanScript('cat <<EOF >> $GITHUB_ENV\nA=$(curl x)\nEOF\nmake install # curl | sh\na | b | c', 'posix');
    expect(parsed.commands.map((c) => c.base)).toEqual(['cat', 'make', 'a', 'b', 'c']);
    expect(parsed.redirects.map((r) => [r.op, r.target.value, r.command?.base])).toEqual([
      ['<<', 'EOF', 'cat'],
      ['>>', '$GITHUB_ENV', 'cat'],
    ]);
    expect(parsed.pipelines.map((p) => [p.sources.map((c) => c.base).join(','), p.sink.base])).toEqual([
      ['a', 'b'],
      ['a,b', 'c'],
    ]);
  });
});

describe('PowerShell', () => {
  it('recognises iwr | iex, Invoke-Expression, $env:GITHUB_ENV writes and choco', () => {
    const script = [
      'iwr -useb https://get.scoop.sh | iex',
      "Invoke-Expression (New-Object Net.WebClient).DownloadString('https://e.com/i.ps1')",
      '"FOO=bar" | Out-File -FilePath $env:GITHUB_ENV -Append',
      'Add-Content -Path $env:GITHUB_PATH -Value "C:\\tools"',
      'choco install -y nodejs',
    ].join('\n');
    const analysis = analyseScript(script, 'pwsh');
    expect(analysis.commands.map((c) => c.base)).toEqual([
      'iwr',
      'iex',
      'invoke-expression',
      'new-object',
      'foo=bar',
      'out-file',
      'add-content',
      'choco',
    ]);
    expect(analysis.pipelines.map((p) => [p.sources[0].base, p.sink.base])).toEqual([
      ['iwr', 'iex'],
      ['foo=bar', 'out-file'],
    ]);
    expect(analysis.envWrites.map((w) => w.file)).toEqual(['GITHUB_ENV', 'GITHUB_PATH']);
  });
});
