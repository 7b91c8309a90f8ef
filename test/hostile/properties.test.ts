/**
 * Property-based tests: generated workflows, expressions and shell scripts. The parsers never throw, every
 * finding lies inside its file, the same input gives the same report, and adding an unrelated file loses nothing.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../../src/model/snapshot.js';
import { NO_GIT } from '../../src/model/snapshot.js';
import { OFFLINE } from '../../src/model/facts.js';
import { analyseFiles } from '../../src/collect/snapshot.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { evaluate } from '../../src/engine/run.js';
import { parseExpression } from '../../src/model/expression/parser.js';
import { analyseScript } from '../../src/model/shell/analyse.js';
import { sourceText } from '../../src/model/source.js';
import type { Finding } from '../../src/model/types.js';
import { buildWorkflow } from '../../src/model/workflow.js';
import { parseYaml } from '../../src/model/yaml.js';
import { RULES } from '../../src/rules/index.js';
import { TODAY } from '../helpers.js';

function memorySnapshot(files: Record<string, string>): Snapshot {
  const repo: RepoFiles = { entries: new Map(), texts: new Map(), heads: new Map(), skipped: [] };
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    repo.entries.set(path, { path, size: text.length, symlink: false });
    repo.texts.set(path, sourceText(path, text));
  }
  return { root: '/memory', files: repo, ...analyseFiles(repo), skipped: [], git: NO_GIT, github: OFFLINE, today: TODAY } as Snapshot;
}

function findingsOf(files: Record<string, string>): Finding[] {
  return evaluate(memorySnapshot(files), RULES, structuredClone(DEFAULT_CONFIG), { today: TODAY }).findings;
}

const contexts = fc.constantFrom(
  'github.event.issue.title',
  'github.head_ref',
  'github.sha',
  'inputs.name',
  'secrets.TOKEN',
  'matrix.os',
  'env.FOO',
  'github.event.pull_request.head.sha',
  'steps.x.outputs.y',
);
const expression = fc.oneof(
  contexts,
  fc.tuple(contexts, contexts).map(([a, b]) => `${a} == ${b}`),
  fc.tuple(contexts, fc.string({ maxLength: 8 })).map(([a, s]) => `contains(${a}, '${s.replace(/'/g, "''")}')`),
  fc.tuple(contexts, contexts).map(([a, b]) => `${a} && 'x' || ${b}`),
  fc.constant('toJSON(secrets)'),
  fc.constant('format('),
);
const shellFragment = fc.oneof(
  fc.constantFrom(
    'npm ci',
    'npm install left-pad',
    'pip install requests',
    'curl -fsSL https://x.example/i.sh | sh',
    'wget -O a.sh https://x.example/a.sh',
    'bash a.sh',
    'sha256sum -c a.sh.sha256',
    'echo "x=1" >> "$GITHUB_ENV"',
    'cat <<EOF\nhello\nEOF',
    'if [ -f x ]; then echo y; fi',
    '((( broken',
    'make test',
  ),
  expression.map((e) => `echo "\${{ ${e} }}"`),
);
const script = fc.array(shellFragment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('\n'));
const uses = fc.constantFrom(
  'actions/checkout@v4',
  'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
  'docker://alpine:3',
  './.github/actions/local',
  'actions/upload-artifact@v4',
  'bad',
);
const step = fc.oneof(
  fc.record({ run: script }),
  fc.record({
    uses,
    with: fc.option(
      fc.dictionary(
        fc.constantFrom('persist-credentials', 'ref', 'script', 'token'),
        fc.oneof(
          fc.constant('false'),
          expression.map((e) => `\${{ ${e} }}`),
        ),
      ),
      { nil: undefined },
    ),
  }),
);
const workflow = fc
  .record({
    on: fc.constantFrom('push', ['pull_request', 'push'], 'pull_request_target', { workflow_run: { workflows: ['CI'] } }, 'issue_comment'),
    permissions: fc.option(fc.constantFrom('write-all', 'read-all', { contents: 'write' }, {}), { nil: undefined }),
    jobs: fc.dictionary(
      fc.constantFrom('build', 'test', 'release', 'lint'),
      fc.record({
        'runs-on': fc.constantFrom('ubuntu-latest', 'windows-latest', '${{ matrix.os }}', 'self-hosted'),
        steps: fc.array(step, { minLength: 1, maxLength: 5 }),
      }),
      { minKeys: 1, maxKeys: 3 },
    ),
  })
  .map((value) => stringify(JSON.parse(JSON.stringify(value)) as unknown));

const HELLO =
  'name: Hello\non: workflow_dispatch\npermissions: {}\njobs:\n  hello:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hello\n';

function inside(files: Record<string, string>, finding: Finding): boolean {
  const text = files[finding.location.path];
  if (text === undefined) return true; // settings findings sit on a file that may not exist in memory
  const lines = sourceText(finding.location.path, text).text.split('\n');
  const { startLine, startColumn, endLine, endColumn } = finding.location;
  if (startLine < 1 || endLine < startLine || endLine > Math.max(1, lines.length)) return false;
  return (
    startColumn >= 1 &&
    startColumn <= (lines[startLine - 1]?.length ?? 0) + 1 &&
    endColumn >= 1 &&
    endColumn <= (lines[endLine - 1]?.length ?? 0) + 1
  );
}

describe('parsers never throw', () => {
  it('YAML and the workflow model, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const file = parseYaml(sourceText('w.yml', text));
        if (file.errors.length === 0) buildWorkflow('w.yml', file);
      }),
      { numRuns: 300 },
    );
  });

  it('expressions, on arbitrary and generated text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), expression), (text) => void parseExpression(text)),
      { numRuns: 500 },
    );
  });

  it('shell scripts, as bash and as PowerShell', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), script), (text) => {
        analyseScript(text, 'bash');
        analyseScript(text, 'pwsh');
      }),
      { numRuns: 200 },
    );
  });
});

describe('audit invariants on generated workflows', () => {
  it('puts every finding inside its file, gives the same report twice, and loses nothing when unrelated files are added', () => {
    fc.assert(
      fc.property(workflow, fc.constantFrom('docs/notes.md', 'src/index.ts', 'assets/logo.txt'), (first, unrelatedPath) => {
        const files = { '.github/workflows/generated.yml': first };
        const findings = findingsOf(files);
        for (const finding of findings) expect(inside(files, finding), JSON.stringify(finding.location)).toBe(true);
        const again = findingsOf(files);
        expect(again.map((f) => `${f.fingerprint}@${f.location.startLine}:${f.location.startColumn}`)).toEqual(
          findings.map((f) => `${f.fingerprint}@${f.location.startLine}:${f.location.startColumn}`),
        );
        // Unrelated: files no rule reads as evidence, and a workflow that only says hello.
        const more = findingsOf({ ...files, [unrelatedPath]: 'hello\n', '.github/workflows/hello.yml': HELLO });
        const kept = new Set(more.map((f) => f.fingerprint));
        const lost = findings.filter((f) => f.location.path === '.github/workflows/generated.yml' && !kept.has(f.fingerprint));
        expect(lost.map((f) => f.ruleId)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
