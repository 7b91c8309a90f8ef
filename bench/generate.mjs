// Generates repositories of realistic workflows for benchmarks (deterministic: a seeded PRNG).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

const TEMPLATES = [
  (i, pick) => `name: CI ${i}
on:
  push:
    branches: [main, 'release/**']
  pull_request:
permissions:
  contents: read
concurrency:
  group: ci-\${{ github.ref }}
  cancel-in-progress: true
jobs:
  test:
    runs-on: \${{ matrix.os }}
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, windows-latest, macos-latest]
        node: [18, 20, 22]
    steps:
      - uses: actions/checkout@${pick(['v4', `${SHA} # v4.2.2`])}
        with:
          persist-credentials: false
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
          cache: npm
      - run: npm ci
      - run: npm test -- --coverage
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: coverage-\${{ matrix.os }}-\${{ matrix.node }}
          path: coverage/
`,
  (i) => `name: Release ${i}
on:
  push:
    tags: ['v*']
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: write
      id-token: write
      attestations: write
    steps:
      - uses: actions/checkout@${SHA} # v4.2.2
      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - name: Build
        run: |
          go build -trimpath -o dist/app ./cmd/app
          sha256sum dist/app > dist/SHA256SUMS
      - uses: actions/attest-build-provenance@v1
        with:
          subject-path: dist/app
      - name: Publish
        env:
          GH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
        run: gh release upload "\${{ github.ref_name }}" dist/*
`,
  (i) => `name: Triage ${i}
on:
  issues:
    types: [opened, edited]
  issue_comment:
    types: [created]
permissions:
  issues: write
jobs:
  triage:
    if: github.event.issue.pull_request == null
    runs-on: ubuntu-latest
    steps:
      - name: Greet
        run: |
          echo "Thanks for opening: \${{ github.event.issue.title }}"
          echo "Comment: \${{ github.event.comment.body }}" >> "$GITHUB_STEP_SUMMARY"
      - uses: actions/github-script@v7
        with:
          script: |
            const title = "\${{ github.event.issue.title }}";
            await github.rest.issues.addLabels({ ...context.repo, issue_number: context.issue.number, labels: ['triage'] });
`,
  (i) => `name: Docker ${i}
on:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      tag:
        description: Image tag
        required: true
        type: string
jobs:
  image:
    runs-on: ubuntu-latest
    container: node:20
    services:
      redis:
        image: redis:7
        ports: ['6379:6379']
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-buildx-action@v3
      - uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: \${{ github.actor }}
          password: \${{ secrets.GITHUB_TOKEN }}
      - run: |
          curl -fsSL https://get.example.com/install.sh | bash
          pip install requests
          docker build -t ghcr.io/acme/app:\${{ inputs.tag }} .
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: ghcr.io/acme/app:latest
`,
  (i) => `name: PR target ${i}
on:
  pull_request_target:
    types: [opened, synchronize]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: npm install && npm run build
      - uses: ./.github/actions/setup-env
        with:
          token: \${{ secrets.DEPLOY_TOKEN }}
`,
  (i) => `name: CodeQL ${i}
on:
  push:
    branches: [main]
  pull_request:
  schedule:
    - cron: '30 1 * * 0'
permissions:
  contents: read
jobs:
  analyze:
    runs-on: ubuntu-latest
    permissions:
      security-events: write
    strategy:
      matrix:
        language: [javascript-typescript, python]
    steps:
      - uses: actions/checkout@${SHA} # v4.2.2
        with:
          persist-credentials: false
      - uses: github/codeql-action/init@v3
        with:
          languages: \${{ matrix.language }}
      - uses: github/codeql-action/analyze@v3
`,
];

export function workflowText(i, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  return TEMPLATES[i % TEMPLATES.length](i, pick);
}

export function compositeAction(i) {
  return `name: Setup env ${i}
description: Prepare the toolchain
inputs:
  token:
    description: A token
    required: false
runs:
  using: composite
  steps:
    - uses: actions/setup-python@v5
      with:
        python-version: '3.12'
    - shell: bash
      run: |
        echo "setting up for \${{ inputs.token != '' }}"
        pip install -r requirements.txt
`;
}

/**
 * Writes a repository: `workflows` workflow files, `actions` composite actions, and `filler` plain files spread
 * over nested folders (to make the walk realistic).
 */
export function generateRepository(root, { workflows, actions = 0, filler = 0, seed = 42 }) {
  const random = prng(seed);
  const wfDir = join(root, '.github', 'workflows');
  mkdirSync(wfDir, { recursive: true });
  for (let i = 0; i < workflows; i++) writeFileSync(join(wfDir, `wf-${String(i).padStart(5, '0')}.yml`), workflowText(i, random));
  for (let i = 0; i < actions; i++) {
    const dir = join(root, '.github', 'actions', `setup-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'action.yml'), compositeAction(i));
  }
  for (let i = 0; i < filler; i++) {
    const dir = join(root, 'packages', `pkg-${i % 200}`, 'src', `mod-${Math.floor(i / 200) % 25}`);
    if (i % 200 === 0 || i < 200 * 25) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file-${i}.ts`), `export const value${i} = ${i};\n`);
  }
  writeFileSync(join(root, 'SECURITY.md'), '# Security\n\nReport to security@example.com. We respond within 5 days.\n');
  writeFileSync(join(root, 'package.json'), '{"name":"bench","version":"1.0.0"}\n');
}

/**
 * One workflow file of at most `bytes` bytes (and within a job of it): many jobs with long run scripts. Never
 * over: a file over the per-file size limit is skipped unread, and the benchmark would measure nothing.
 */
export function bigWorkflow(bytes) {
  const parts = ['name: Big\non: [push, pull_request]\npermissions:\n  contents: read\njobs:\n'];
  let size = parts[0].length;
  for (let job = 0; ; job++) {
    const lines = [
      `  job${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${SHA} # v4\n        with:\n          persist-credentials: false\n      - run: |\n`,
    ];
    for (let l = 0; l < 200; l++) lines.push(`          echo "line ${l} of job ${job} \${{ github.sha }}" && make target-${l}\n`);
    const text = lines.join('');
    if (size + text.length > bytes) break;
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}
