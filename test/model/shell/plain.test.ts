import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyseScript, maskExpressions } from '../../../src/model/shell/analyse.js';
import { scanScript } from '../../../src/model/shell/fallback.js';
import { isPlainScript } from '../../../src/model/shell/plain.js';
import { parseSh, type ParsedSh } from '../../../src/model/shell/sh.js';

/** Everything the rules read of a reading, as one comparable value. */
function shape(parsed: ParsedSh): unknown {
  const command = (c: ParsedSh['commands'][number] | undefined) =>
    c && [c.start, c.end, c.name, c.base, c.substitution, c.args.map((a) => [a.start, a.end, a.text, a.value])];
  return {
    commands: parsed.commands.map(command),
    pipelines: parsed.pipelines.map((p) => [p.start, p.end, p.sources.map(command), command(p.sink)]),
    substitutions: parsed.substitutions.map((s) => [s.start, s.end, s.kind, s.commands.map(command), command(s.host)]),
    redirects: parsed.redirects.map((r) => [r.start, r.end, r.op, r.target.text, r.target.value, command(r.command)]),
  };
}

function expectSameAsParser(script: string): void {
  const parsed = parseSh(script);
  expect(parsed.ok, script).toBe(true);
  if (parsed.ok) expect(shape(scanScript(script, 'posix')), script).toEqual(shape(parsed.value));
}

// Shapes from real workflows: pip and apt installs, continuation lines, pipes into tee, environment-file writes.
const PLAIN = [
  'python -m pip install --upgrade pip wheel\npip install --upgrade --upgrade-strategy only-if-needed pytest\npip install .\n',
  'sudo apt-get update\nsudo apt-get install -y --no-install-recommends \\\n  libssl-dev \\\n  pkg-config\n',
  'echo "$HOME/.cargo/bin" >> "$GITHUB_PATH"\necho "version=${VERSION#v}" >> $GITHUB_OUTPUT',
  'echo \'Acquire::Retries "3";\' | sudo tee /etc/apt/apt.conf.d/80-retries',
  'npm ci && npm test -- --coverage 2>&1; go test ./... &\nwait',
  'curl -fsSL https://example.com/install.sh | bash -s -- --yes  # pinned elsewhere',
  'cargo install cargo-deny --locked --version "${DENY_VERSION:-0.14.3}"\necho "✅ done" 😀',
  '[ -f requirements.txt ] || exit 0\ncd ~/src && make -j"${JOBS}" install',
];

// Each holds one construct the line reader reads differently from the parser, or that the parser rejects.
const NOT_PLAIN = [
  'echo "sha=$(git rev-parse HEAD)" >> $GITHUB_OUTPUT',
  'echo "sha=`git rev-parse HEAD`"',
  'cat <<EOF > $GITHUB_ENV\nA=1\nEOF',
  'if [ -f x ]; then curl -O https://example.com/x; fi',
  'for f in *.whl; do pip install "$f"; done',
  '[[ -n "$X" ]] && pip install x',
  'export PATH="$HOME/bin:$PATH"\npip install x',
  'VERSION=1.2\npip install "x==$VERSION"',
  'DISPLAY=:10 npm test',
  'time npm test',
  '! npm test',
  '(cd docs && npm ci)',
  '{ echo a; echo b; } >> $GITHUB_ENV',
  'ls | grep x | sort',
  'echo a | tee -a $GITHUB_ENV > /dev/null',
  'env | grep ^GITHUB_',
  '>out.txt npm ls',
  "'' npm test",
  "'do' npm test",
  'npm test # a note \\\nnpm run lint',
  "sed -e 's/a/b/'0< x.txt",
  'echo $X{Y}> x.txt',
  'echo "a \\\n b" | tee x',
  'echo $e#x | sh',
  "echo 'a'#x | sh",
  'echo ${X:-a b} | sh',
  'echo "unclosed | sh',
  '&& npm test',
  'npm test |',
  'npm test |\n  tee out.txt',
  'npm test ;; npm run',
  'p[1] npm test',
];

describe('plain scripts (read line by line, exactly as the parser would)', () => {
  it('admits simple commands, pipes, lists and redirections', () => {
    for (const script of PLAIN) expect(isPlainScript(script), script).toBe(true);
  });

  it('refuses every construct the two readers see differently', () => {
    for (const script of NOT_PLAIN) expect(isPlainScript(script), script).toBe(false);
  });

  it('gives the parser’s commands, pipes, substitutions and redirections for every plain script', () => {
    for (const script of PLAIN) expectSameAsParser(script);
  });

  it('is read by the line reader at high confidence, with the same environment-file writes as the parser', () => {
    const script = 'echo "$HOME/bin" | tee -a ${GITHUB_PATH}\necho "A=1" >> $GITHUB_ENV';
    const analysis = analyseScript(script, 'bash');
    expect(analysis.parsed).toBe(false);
    expect(analysis.confidence).toBe('high');
    expect(analysis.envWrites.map((w) => [w.file, w.constant, script.slice(w.start, w.end)])).toEqual([
      ['GITHUB_PATH', false, 'echo "$HOME/bin" | tee -a ${GITHUB_PATH}'],
      ['GITHUB_ENV', true, 'echo "A=1" >> $GITHUB_ENV'],
    ]);
  });

  it('agrees with the parser on every plain `run:` script of the real workflows in test/corpus', () => {
    const corpus = join(import.meta.dirname, '../../corpus');
    let plain = 0;
    for (const repository of readdirSync(corpus)) {
      const workflows = join(corpus, repository, '.github/workflows');
      if (!existsSync(workflows)) continue;
      for (const name of readdirSync(workflows).filter((file) => /\.ya?ml$/.test(file))) {
        let jobs: Record<string, { steps?: { run?: unknown }[] }> | undefined;
        try {
          jobs = (parse(readFileSync(join(workflows, name), 'utf8')) as { jobs?: typeof jobs })?.jobs;
        } catch {
          continue; // a workflow the corpus keeps broken on purpose
        }
        for (const job of Object.values(jobs ?? {})) {
          for (const step of job?.steps ?? []) {
            if (typeof step?.run !== 'string') continue;
            const masked = maskExpressions(step.run).text;
            if (!isPlainScript(masked)) continue;
            plain += 1;
            expectSameAsParser(masked);
          }
        }
      }
    }
    expect(plain).toBeGreaterThan(100);
  });
});
