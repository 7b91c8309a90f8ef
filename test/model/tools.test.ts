import { describe, expect, it } from 'vitest';
import { buildAction, buildWorkflow } from '../../src/model/workflow.js';
import { parseYaml } from '../../src/model/yaml.js';
import { sourceText } from '../../src/model/source.js';
import { FUZZ_RUNNERS, SAST_TOOLS, SECRET_SCANNERS, TEST_RUNNERS, VULNERABILITY_SCANNERS } from '../../src/model/tool-catalogue.js';
import { CallGraph } from '../../src/model/crossfile.js';
import { indexToolSites, searchTools } from '../../src/model/tools/find.js';
import { commandHits, describeUse, distinctUses, onPullRequests, onPush, type ToolSpec } from '../../src/model/tools.js';
import type { ActionModel, WorkflowModel } from '../../src/model/workflow.js';

function workflow(path: string, text: string) {
  return buildWorkflow(path, parseYaml(sourceText(path, text)));
}

function action(path: string, text: string) {
  return buildAction(path, parseYaml(sourceText(path, text)));
}

/** What `AuditIndex.findTools` answers, for a few files. */
function findTools(source: { workflows: WorkflowModel[]; actions: ActionModel[] }, specs: readonly ToolSpec[]) {
  return searchTools(indexToolSites([...source.workflows, ...source.actions], new CallGraph(source)), specs);
}

function names(specs: readonly ToolSpec[], script: string): string[] {
  return specs.flatMap((spec) => commandHits(spec, script).map((hit) => `${spec.name}: ${hit.text}`));
}

describe('commandHits', () => {
  it('names the test command and its offsets in the script', () => {
    const script = 'npm ci\nnpm run test:unit -- --coverage\n';
    const npm = TEST_RUNNERS.find((spec) => spec.name === 'npm test') as ToolSpec;
    expect(commandHits(npm, script)).toEqual([{ text: 'npm run test:unit', start: 7, end: 24 }]);
  });

  it('recognises the common test runners', () => {
    const script = [
      'go test -race ./...',
      'cargo nextest run --workspace',
      'python -m pytest -q',
      './gradlew check --no-daemon',
      'mvn -B verify',
      'make -j4 test',
      'dotnet test --no-build',
      'bundle exec rspec',
    ].join('\n');
    expect(names(TEST_RUNNERS, script)).toEqual([
      'pytest: python -m pytest',
      'go test: go test',
      'cargo test: cargo nextest run',
      'Maven: mvn -B verify',
      'Gradle: ./gradlew check',
      'make test: make -j4 test',
      'dotnet test: dotnet test',
      'RSpec / Rake: bundle exec rspec',
    ]);
  });

  it('skips comments, echo lines, skipped tests and longer words', () => {
    const script = ['# npm test', 'echo "run go test later"', 'mvn -B -DskipTests install', 'mytrivy image x', 'gotest ./...'].join('\n');
    expect(names(TEST_RUNNERS, script)).toEqual([]);
    expect(names(VULNERABILITY_SCANNERS, script)).toEqual([]);
  });

  it('recognises a project fuzz entry point', () => {
    expect(names(FUZZ_RUNNERS, 'npm run fuzz\ntox -e fuzz --result-json out\ngo test -run=x -fuzz=FuzzParse ./parser')).toEqual([
      'Go native fuzzing: go test -run=x -fuzz=FuzzParse',
      'fuzz script: npm run fuzz',
      'fuzz script: tox -e fuzz',
    ]);
  });

  it('does not take an install line or a path argument for a test run', () => {
    expect(names(TEST_RUNNERS, 'gem install rake rspec\npip install pytest pytest-cov\n--build-tags e2e ./test')).toEqual([]);
    expect(names(TEST_RUNNERS, 'pip install -e . && pytest\n./scripts/test.sh --ci')).toEqual([
      'pytest: pytest',
      'test script: ./scripts/test.sh',
    ]);
  });

  it('counts a scanner where it runs, not where it is installed', () => {
    const script = 'go install github.com/securego/gosec/v2/cmd/gosec@latest\ngosec -fmt sarif ./...';
    expect(names(SAST_TOOLS, script)).toEqual(['gosec: gosec']);
  });

  it('finds scanners run from their Docker images', () => {
    const script =
      'docker run --rm -v "$PWD:/src" aquasec/trivy:0.50.0 fs /src\ndocker run -v $PWD:/path zricethezav/gitleaks:latest detect --source=/path';
    expect(names(VULNERABILITY_SCANNERS, script)).toEqual(['Trivy: aquasec/trivy:0.50.0']);
    expect(names(SECRET_SCANNERS, script)).toEqual(['Gitleaks: zricethezav/gitleaks:latest']);
  });
});

describe('effectiveTriggers', () => {
  it('gives reusable workflows and composite actions the triggers of their local callers, transitively', () => {
    const ci = workflow('.github/workflows/ci.yml', 'on: [push, pull_request]\njobs:\n  call:\n    uses: ./.github/workflows/_build.yml\n');
    const build = workflow(
      '.github/workflows/_build.yml',
      'on:\n  workflow_call:\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n',
    );
    const nightly = workflow(
      '.github/workflows/nightly.yml',
      "on:\n  schedule:\n    - cron: '0 0 * * *'\njobs:\n  call:\n    uses: ./.github/workflows/_build.yml\n",
    );
    const setup = action(
      '.github/actions/setup/action.yml',
      'name: setup\nruns:\n  using: composite\n  steps:\n    - run: make test\n      shell: bash\n',
    );
    const source = { workflows: [ci, build, nightly], actions: [setup] };
    const graph = new CallGraph(source);
    expect([...graph.effectiveTriggers(build)].sort()).toEqual(['pull_request', 'push', 'schedule']);
    expect([...graph.effectiveTriggers(setup)].sort()).toEqual(['pull_request', 'push', 'schedule']);
    const [use] = findTools(source, TEST_RUNNERS);
    expect(use.events).toEqual(['pull_request', 'push', 'schedule']);
    expect(use.calledFrom).toEqual(['.github/workflows/ci.yml', '.github/workflows/nightly.yml']);
  });

  it('terminates on a cycle of local calls', () => {
    const a = workflow('.github/workflows/a.yml', 'on: [workflow_call, push]\njobs:\n  j:\n    uses: ./.github/workflows/b.yml\n');
    const b = workflow('.github/workflows/b.yml', 'on: [workflow_call]\njobs:\n  j:\n    uses: ./.github/workflows/a.yml\n');
    expect([...new CallGraph({ workflows: [a, b], actions: [] }).effectiveTriggers(b)]).toEqual(['push']);
  });
});

describe('findTools', () => {
  const codeql = workflow(
    '.github/workflows/codeql.yml',
    [
      'on:',
      '  pull_request:',
      '  push:',
      '    branches: [main]',
      'jobs:',
      '  analyze:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: github/codeql-action/init@v3',
      '      - uses: github/codeql-action/analyze@v3',
      '      - uses: github/codeql-action/upload-sarif@v3',
      '',
    ].join('\n'),
  );

  it('matches action prefixes on whole path segments and locates the uses:', () => {
    const uses = findTools({ workflows: [codeql], actions: [] }, SAST_TOOLS);
    expect(uses.map((use) => `${use.detail}@${use.location.startLine}:${use.location.startColumn}`)).toEqual([
      'github/codeql-action/init@9:15',
      'github/codeql-action/analyze@10:15',
    ]);
    expect(uses.every(onPullRequests)).toBe(true);
    expect(uses.every(onPush)).toBe(true);
    expect(distinctUses(uses)).toHaveLength(1);
    expect(describeUse(uses[0])).toBe(
      'CodeQL (`github/codeql-action/init`) in .github/workflows/codeql.yml, job analyze, on pull_request, push',
    );
  });

  it("screens scripts with shared guards factored out, without guarding a pattern's other branches", () => {
    // `fuzz` keeps its guard, `deploy-now` has none: a screen that wrongly guarded the second branch would drop it.
    const specs: readonly ToolSpec[] = [
      { name: 'guarded', commands: [/(?<![\w-])(fuzz\s+run)\b/] },
      { name: 'mixed', commands: [/(?<![\w-])(ship\s+it)|(xdeploy-now)/] },
    ];
    const ci = workflow(
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make xfuzz run\n      - run: ./axdeploy-now\n      - run: fuzz run --max-time 60\n',
    );
    const uses = findTools({ workflows: [ci], actions: [] }, specs);
    expect(uses.map((use) => `${use.spec.name}: ${use.detail}@${use.location.startLine}`)).toEqual([
      'mixed: xdeploy-now@7',
      'guarded: fuzz run@8',
    ]);
  });

  it('reports a reusable workflow nothing local calls as called from elsewhere', () => {
    const reusable = workflow(
      '.github/workflows/scan.yml',
      'on:\n  workflow_call:\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gitleaks detect --no-banner\n',
    );
    const [use] = findTools({ workflows: [reusable], actions: [] }, SECRET_SCANNERS);
    expect(use.events).toEqual([]);
    expect(describeUse(use)).toContain('only when another repository calls this reusable workflow');
  });

  it('scans command-like with: inputs of wrapper actions', () => {
    const retry = workflow(
      '.github/workflows/ci.yml',
      'on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: nick-fields/retry@v3\n        with:\n          timeout_minutes: 10\n          command: npm test\n',
    );
    const uses = findTools({ workflows: [retry], actions: [] }, TEST_RUNNERS);
    expect(uses.map((use) => `${use.detail}@${use.location.startLine}:${use.location.startColumn}`)).toEqual(['npm test@9:20']);
  });
});
