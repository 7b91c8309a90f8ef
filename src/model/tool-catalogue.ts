/**
 * The tools the evidence rules recognise, as data for `AuditIndex.findTools` (src/model/tools/find.ts). Each list
 * is a constant: the index searches it once per audit, and keeps the answer by the list's identity.
 * Command patterns start with the `(?<![\w-])` guard so that a longer word (`mytrivy`) never matches,
 * and group 1 is the text the evidence names.
 */
import type { ToolSpec } from './tools.js';

const G = String.raw`(?<![\w.-])`;

/**
 * A line that installs a tool (`pip install pip-audit`, `go install …/gosec@latest`) shows that it is
 * fetched, not that it runs: scanners are only counted on the lines that run them.
 */
const INSTALL_LINE =
  /(?<![\w-])(?:pip3?|pipx|uv\s+(?:pip|tool)|npm|yarn|pnpm|brew|apt(?:-get)?|go|cargo|gem|dnf|yum|apk|choco|dotnet\s+tool)\s+(?:install|add|i)\b|curl\b|wget\b/;

/** A `cargo deny check` naming only other checks (`bans licenses sources`): no vulnerability advisories. */
export const CARGO_DENY_WITHOUT_ADVISORIES =
  /^(?!.*(?<![\w-])(?:advisories|all)(?![\w-]))(?!.*\$\{\{).*\bcheck\s+(?:-\S+\s+)*(?:bans|licenses|sources)\b/;

function runsOnly(specs: ToolSpec[]): readonly ToolSpec[] {
  return withUnless(INSTALL_LINE, specs);
}

/** Gives every spec that has no `unless` of its own the given one. */
function withUnless(unless: RegExp, specs: ToolSpec[]): readonly ToolSpec[] {
  return specs.map((spec) => ({ ...spec, unless: spec.unless ?? unless }));
}

function cmd(source: string, flags = ''): RegExp {
  return new RegExp(`${G}(${source})(?![\\w-])`, flags);
}

/** Scanners that check dependencies (or images) against vulnerability databases. */
export const VULNERABILITY_SCANNERS: readonly ToolSpec[] = runsOnly([
  { name: 'GitHub dependency review', actions: ['actions/dependency-review-action'], reusable: /dependency[-_]review/i },
  {
    name: 'OSV-Scanner',
    actions: ['google/osv-scanner-action', 'google/osv-scanner'],
    images: ['ghcr.io/google/osv-scanner', 'osv-scanner'],
    commands: [cmd(String.raw`osv-scanner(?:\s+(?:scan|--\S+|-\S+|source|image))*`)],
    reusable: /osv-scanner/i,
  },
  {
    name: 'Trivy',
    // Wrappers whose README gives a Trivy scan as their purpose: trivy-issue-action runs aquasecurity/trivy-action
    // (`scan-type: fs`) and files issues from the result; gitrivy and ghaction-container-scan scan images.
    actions: [
      'aquasecurity/trivy-action',
      'aquasecurity/setup-trivy',
      'knqyf263/trivy-issue-action',
      'lazy-actions/gitrivy',
      'homoluctus/gitrivy',
      'crazy-max/ghaction-container-scan',
    ],
    images: ['aquasec/trivy'],
    commands: [
      cmd(
        String.raw`trivy\s+(?:(?:--\S+|-\S+)\s+)*(?:fs|filesystem|image|i|repo|repository|rootfs|sbom|k8s|kubernetes)|aquasec\/trivy(?::[\w.-]+)?`,
      ),
    ],
    reusable: /trivy/i,
  },
  {
    name: 'Grype',
    actions: ['anchore/scan-action'],
    images: ['anchore/grype'],
    commands: [cmd(String.raw`grype|anchore\/grype(?::[\w.-]+)?`)],
  },
  {
    name: 'Snyk',
    actions: ['snyk/actions'],
    images: ['snyk/snyk'],
    commands: [cmd(String.raw`snyk\s+(?:container\s+)?(?:test|monitor)`)],
    reusable: /snyk/i,
  },
  { name: 'npm audit', commands: [cmd(String.raw`(?:npm|pnpm|bun)\s+audit|yarn\s+(?:npm\s+)?audit`)] },
  { name: 'pip-audit', actions: ['pypa/gh-action-pip-audit'], commands: [cmd('pip-audit')] },
  { name: 'Safety', actions: ['pyupio/safety-action'], commands: [cmd(String.raw`safety\s+(?:check|scan)`)] },
  { name: 'cargo-audit', actions: ['rustsec/audit-check', 'actions-rs/audit-check'], commands: [cmd(String.raw`cargo\s+audit`)] },
  // cargo-deny checks advisories only when asked for all checks (`check` alone) or for `advisories`.
  {
    name: 'cargo-deny',
    actions: ['embarkstudios/cargo-deny-action'],
    commands: [cmd(String.raw`cargo\s+deny\s+(?:(?:--?\S+)\s+)*check(?:\s+(?:advisories|all))?`)],
    unless: new RegExp(`${INSTALL_LINE.source}|${CARGO_DENY_WITHOUT_ADVISORIES.source}`),
  },
  { name: 'govulncheck', actions: ['golang/govulncheck-action'], commands: [cmd('govulncheck')] },
  { name: 'bundler-audit', commands: [cmd(String.raw`bundle(?:r)?[-\s]audit`)] },
  { name: 'composer audit', commands: [cmd(String.raw`composer\s+audit`)] },
  { name: 'dotnet vulnerable packages', commands: [cmd(String.raw`dotnet\s+list\s+(?:\S+\s+)?package\s+--vulnerable`)] },
  {
    name: 'OWASP Dependency-Check',
    actions: ['dependency-check/dependency-check_action'],
    commands: [
      cmd(String.raw`dependency-check(?:\.sh)?|dependency-check:(?:check|aggregate)|dependencyCheckAnalyze|dependencyCheckAggregate`),
    ],
  },
  {
    name: 'Docker Scout',
    actions: ['docker/scout-action'],
    commands: [cmd(String.raw`docker\s+scout\s+(?:cves|quickview|recommendations)`)],
  },
  { name: 'Nancy', actions: ['sonatype-nexus-community/nancy-github-action'], commands: [cmd(String.raw`nancy\s+sleuth`)] },
  { name: 'mix deps.audit', commands: [cmd(String.raw`mix\s+(?:deps\.audit|hex\.audit)`)] },
]);

/** The tools the issue names for vetting new dependencies in pull requests; the others count at medium confidence. */
export const DEPENDENCY_REVIEW_PRIMARY = new Set(['GitHub dependency review', 'OSV-Scanner', 'Trivy', 'Grype', 'Snyk']);

/**
 * Static analysis of source code for security defects. Workflow linters (zizmor, actionlint) are left out:
 * they analyse the CI configuration, not the project's code.
 */
export const SAST_TOOLS: readonly ToolSpec[] = runsOnly([
  {
    name: 'CodeQL',
    actions: ['github/codeql-action/analyze', 'github/codeql-action/init'],
    commands: [cmd(String.raw`codeql\s+database\s+analyze`)],
    reusable: /codeql/i,
  },
  {
    name: 'Semgrep',
    actions: ['returntocorp/semgrep-action', 'semgrep/semgrep-action'],
    images: ['returntocorp/semgrep', 'semgrep/semgrep'],
    commands: [cmd(String.raw`semgrep(?:\s+(?:ci|scan|--config\S*))?`)],
    reusable: /semgrep/i,
  },
  {
    name: 'SonarCloud / SonarQube',
    actions: [
      'sonarsource/sonarcloud-github-action',
      'sonarsource/sonarqube-scan-action',
      'sonarsource/sonarcloud-github-c-action',
      'sonarsource/sonarqube-github-c-action',
    ],
    commands: [
      cmd(String.raw`sonar-scanner|pysonar(?:-scanner)?|dotnet[\s-]sonarscanner|\S*sonar:sonar|(?:\.\/)?gradlew?\b[^\n]*?\ssonar(?:qube)?`),
    ],
    reusable: /sonar/i,
  },
  { name: 'gosec', actions: ['securego/gosec'], commands: [cmd('gosec')] },
  {
    name: 'Bandit',
    actions: ['pycqa/bandit-action', 'mdegis/bandit-action', 'jpetrucciani/bandit-check'],
    commands: [cmd(String.raw`bandit\s+(?:-\S+\s+)*\S+`)],
  },
  { name: 'Brakeman', actions: ['devmasx/brakeman-linter-action', 'artplan1/brakeman-action'], commands: [cmd('brakeman')] },
  { name: 'Snyk Code', commands: [cmd(String.raw`snyk\s+code\s+test`)] },
  { name: 'Bearer', actions: ['bearer/bearer-action'], commands: [cmd(String.raw`bearer\s+scan`)] },
  { name: 'DevSkim', actions: ['microsoft/devskim-action'], commands: [cmd(String.raw`devskim\s+analyze`)] },
  { name: 'njsscan', actions: ['ajinabraham/njsscan-action'], commands: [cmd('njsscan')] },
  { name: 'Flawfinder', actions: ['david-a-wheeler/flawfinder'], commands: [cmd('flawfinder')] },
  { name: 'Psalm taint analysis', commands: [cmd(String.raw`psalm\b[^\n]*--taint-analysis`)] },
]);

/** Lint commands that run an ESLint configuration (security plugins are found in package.json). */
export const ESLINT_RUN: ToolSpec = {
  name: 'ESLint',
  commands: [cmd(String.raw`(?:npx\s+|pnpm\s+(?:exec\s+)?|yarn\s+)?eslint|(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?lint(?::[\w:-]+)?`)],
};
/** As a list, one object for every search: tool detection remembers its work per list. */
export const ESLINT_RUNS: readonly ToolSpec[] = [ESLINT_RUN];

/** ESLint plugins whose rules look for security defects. */
export const ESLINT_SECURITY_PLUGINS = [
  'eslint-plugin-security',
  'eslint-plugin-no-unsanitized',
  '@microsoft/eslint-plugin-sdl',
  'eslint-plugin-xss',
  'eslint-plugin-security-node',
];

/** A line that only installs packages (`pip install pytest`, `gem install rspec`) and runs nothing after them. */
const INSTALL_ONLY_LINE =
  /^\s*(?:sudo\s+)?(?:python3?\s+-m\s+)?(?:pip3?|pipx|uv\s+pip|npm|yarn|pnpm|gem|apt(?:-get)?|brew|go|cargo)\s+(?:install|add|i)\b(?!.*(?:&&|\|\||;))/;

/** Commands that run a test suite. */
export const TEST_RUNNERS: readonly ToolSpec[] = withUnless(INSTALL_ONLY_LINE, [
  {
    name: 'npm test',
    commands: [
      cmd(
        String.raw`npm\s+(?:(?:-w|--workspace)\s+\S+\s+|--workspaces?\s+|--if-present\s+)*(?:run(?:-script)?\s+(?:--if-present\s+)?)?(?:test|t|tst)(?:[:-][\w:-]+)?`,
      ),
      cmd(String.raw`yarn\s+(?:workspace\s+\S+\s+|workspaces\s+(?:foreach\s+(?:-\S+\s+)*)?run\s+|run\s+)?test(?:[:-][\w:-]+)?`),
      cmd(String.raw`pnpm\s+(?:(?:-r|--recursive|--filter\s+\S+|-F\s+\S+|--if-present)\s+)*(?:run\s+)?test(?:[:-][\w:-]+)?`),
      cmd(String.raw`bun\s+(?:run\s+)?test`),
    ],
  },
  {
    name: 'JavaScript test runner',
    commands: [
      cmd(
        String.raw`(?:npx\s+|pnpm\s+(?:exec\s+)?|yarn\s+|bunx\s+)(?:jest|vitest|mocha|ava|tap|playwright\s+test|cypress\s+run|karma\s+start|nyc\s+\S+)|^\s*(?:jest|vitest(?:\s+run)?|mocha)`,
      ),
    ],
  },
  { name: 'deno test', commands: [cmd(String.raw`deno\s+test`)] },
  {
    name: 'pytest',
    commands: [
      cmd(String.raw`(?:python3?(?:\.\d+)?\s+-m\s+)?(?:pytest|py\.test)|python3?(?:\.\d+)?\s+-m\s+unittest|python3?\s+setup\.py\s+test`),
    ],
  },
  {
    name: 'tox / nox',
    actions: ['fedora-python/tox-github-action'],
    commands: [cmd(String.raw`(?:tox|nox)(?:\s+(?:-e|-s|--session|run)\s*\S+)?`)],
  },
  { name: 'hatch test', commands: [cmd(String.raw`hatch\s+(?:test|run\s+\S*test\S*)`)] },
  { name: 'go test', commands: [cmd(String.raw`go\s+test|gotestsum|ginkgo(?:\s+-r)?`)] },
  { name: 'cargo test', commands: [cmd(String.raw`cargo\s+(?:\+\S+\s+)?(?:test|nextest\s+run|nextest)|cross\s+test`)] },
  {
    name: 'Maven',
    commands: [cmd(String.raw`(?:\.\/)?mvnw?(?:\.cmd)?\b[^\n#]*?\s(?:test|verify|install)`)],
    unless: /-DskipTests|-Dmaven\.test\.skip=true/,
  },
  {
    name: 'Gradle',
    commands: [cmd(String.raw`(?:\.\/)?gradlew?(?:\.bat)?\b[^\n#]*?\s(?::?[\w-]+:)*(?:test|check|build)`)],
    unless: /\s-x\s+:?test\b/,
  },
  // A make target is a test run when its name says so: `make test`, `make unit-test`, `make test-integration`, `make check`.
  {
    name: 'make test',
    commands: [cmd(String.raw`make(?:\s+-C\s+\S+|\s+-\S+)*(?:\s+[A-Z_]+=\S+)*\s+(?:(?:[a-z0-9]+[-_.])*tests?(?:[-_.][a-z0-9]+)*|check)`)],
  },
  // Task runners' targets named for tests: `task test`, `just test-unit`, `mage test:unit`.
  {
    name: 'task runner test',
    commands: [cmd(String.raw`(?:task|just|mage)(?:\s+-\S+)*\s+(?:[a-z0-9]+[-_:.])*tests?(?:[-_:.][a-z0-9]+)*`)],
  },
  { name: 'CTest / Meson', commands: [cmd(String.raw`ctest|meson\s+test|ninja\s+(?:-C\s+\S+\s+)?test`)] },
  { name: 'dotnet test', commands: [cmd(String.raw`dotnet\s+test`)] },
  {
    name: 'RSpec / Rake',
    commands: [
      cmd(
        String.raw`bundle\s+exec\s+(?:rspec|rake(?:\s+(?:test|spec))?|rails\s+test)|^\s*(?:rspec|rake\s+(?:test|spec)|(?:bin\/)?rails\s+test)`,
      ),
    ],
  },
  { name: 'PHPUnit', commands: [cmd(String.raw`(?:vendor\/bin\/)?(?:phpunit|pest)|composer\s+(?:run(?:-script)?\s+)?test`)] },
  { name: 'mix test', commands: [cmd(String.raw`mix\s+test`)] },
  { name: 'swift test', commands: [cmd(String.raw`swift\s+test|xcodebuild\b[^\n]*\stest`)] },
  { name: 'Bazel test', commands: [cmd(String.raw`(?:bazel|bazelisk)\s+(?:--\S+\s+)*test`)] },
  { name: 'Dart / Flutter test', commands: [cmd(String.raw`(?:flutter|dart)\s+test`)] },
  { name: 'Haskell / JVM test', commands: [cmd(String.raw`(?:stack|cabal)\s+test|sbt\b[^\n]*\stest|lein\s+test|zig\s+build\s+test`)] },
  {
    name: 'test step',
    stepName:
      /^(?:run\s+)?(?:the\s+)?(?:unit\s+|integration\s+|all\s+)?tests?(?:\s+suite)?\b|\b(?:run|running|execute)\s+(?:the\s+)?(?:unit\s+|integration\s+)?tests?\b/i,
  },
  // Only in command position (line start or after a shell separator), so that `args: ./test` or a config path is not a test run.
  {
    name: 'test script',
    commands: [
      /(?:^|&&|\|\||;)\s*((?:\.\/)?(?:scripts?|tools|ci|hack|bin|build)\/[\w./-]*test[\w.-]*|\.\/(?:run[-_])?tests?(?:\.sh|\.py)?)(?![\w-])/,
    ],
  },
]);

/** Secret scanners. */
export const SECRET_SCANNERS: readonly ToolSpec[] = runsOnly([
  {
    name: 'Gitleaks',
    actions: ['gitleaks/gitleaks-action', 'zricethezav/gitleaks-action'],
    images: ['zricethezav/gitleaks', 'ghcr.io/gitleaks/gitleaks', 'gitleaks/gitleaks'],
    commands: [cmd(String.raw`gitleaks\s+(?:detect|protect|git|dir|directory|stdin)|(?:zricethezav|gitleaks)\/gitleaks(?::[\w.-]+)?`)],
    reusable: /gitleaks/i,
  },
  {
    name: 'TruffleHog',
    actions: ['trufflesecurity/trufflehog', 'edplato/trufflehog-actions-scan'],
    images: ['trufflesecurity/trufflehog'],
    commands: [
      cmd(
        String.raw`trufflehog3?\s+(?:(?:--\S+|-\S+)\s+)*(?:git|github|filesystem|docker|s3|gitlab)?|trufflesecurity\/trufflehog(?::[\w.-]+)?`,
      ),
    ],
    reusable: /trufflehog/i,
  },
  {
    name: 'ggshield',
    actions: ['gitguardian/ggshield-action', 'gitguardian/ggshield/actions'],
    images: ['gitguardian/ggshield'],
    commands: [cmd(String.raw`ggshield\s+secret\s+scan`)],
  },
  {
    name: 'detect-secrets',
    actions: ['reviewdog/action-detect-secrets'],
    commands: [cmd(String.raw`detect-secrets(?:-hook)?(?:\s+(?:scan|audit))?`)],
  },
  { name: 'secretlint', commands: [cmd('secretlint')] },
  { name: 'Nosey Parker / Kingfisher', commands: [cmd(String.raw`noseyparker\s+scan|kingfisher\s+scan`)] },
]);

/** Hook ids in `.pre-commit-config.yaml` that scan for secrets. */
export const SECRET_SCANNING_HOOKS = new Set([
  'gitleaks',
  'gitleaks-docker',
  'gitleaks-system',
  'trufflehog',
  'detect-secrets',
  'ggshield',
  'secretlint',
  'ripsecrets',
  'talisman-commit',
]);

/** Running pre-commit (or prek) in CI, which runs every hook of `.pre-commit-config.yaml`. */
export const PRE_COMMIT_RUN: ToolSpec = {
  name: 'pre-commit',
  actions: ['pre-commit/action', 'pre-commit-ci/lite-action'],
  commands: [cmd(String.raw`(?:pre-commit|prek)\s+run`)],
};
export const PRE_COMMIT_RUNS: readonly ToolSpec[] = [PRE_COMMIT_RUN];

/** Fuzzing in workflows. Fuzz targets in files are found by the `fuzzing` rule. */
export const FUZZ_RUNNERS: readonly ToolSpec[] = [
  { name: 'OSS-Fuzz CIFuzz', actions: ['google/oss-fuzz'] },
  { name: 'ClusterFuzzLite', actions: ['google/clusterfuzzlite/actions'] },
  { name: 'Go native fuzzing', commands: [cmd(String.raw`go\s+test\b[^\n]*\s-fuzz(?:=|\s)\S+`)] },
  { name: 'cargo-fuzz', commands: [cmd(String.raw`cargo\s+(?:\+\S+\s+)?fuzz\s+(?:run|build)`)] },
  { name: 'Jazzer / CI Fuzz', actions: ['codeintelligencetesting/github-actions'], commands: [cmd(String.raw`cifuzz\s+run|jazzer`)] },
  // A project's own fuzz entry point (`npm run fuzz`, `tox -e fuzz`, `make fuzz`) or a step named for fuzzing.
  {
    name: 'fuzz script',
    commands: [
      cmd(
        String.raw`(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?fuzz[\w:-]*|tox\s+(?:run\s+)?-e\s+fuzz[\w-]*|nox\s+-s\s+fuzz[\w-]*|make\s+fuzz[\w-]*`,
      ),
    ],
    stepName: /\bfuzz(?:ing|er|ers)?\b/i,
  },
];
