import { describe, expect, it } from 'vitest';
import { outsiderGate } from '../../../src/model/expression/index.js';

// GitHub leaves workflow_run.pull_requests empty for pull requests from forks (actions/runner#3444): a condition that
// needs an element of it keeps forks out; one that a null element satisfies does not.
describe('outsiderGate: workflow_run.pull_requests', () => {
  it.each([
    // django/django coverage_comment.yml
    "github.event.workflow_run.event == 'pull_request' &&\n  github.repository == 'django/django' &&\n  github.event.workflow_run.pull_requests[0] != null\n",
    '${{ github.event.workflow_run.pull_requests[0] }}',
    'github.event.workflow_run.pull_requests[0].number > 0',
    '0 < github.event.workflow_run.pull_requests[0].number',
    "github.event.workflow_run.pull_requests[0].head.ref == 'main'",
    'null != github.event.workflow_run.pull_requests[1]',
  ])('%s keeps forks out', (condition) => {
    expect(outsiderGate(condition)?.what).toContain('pull_requests is not empty');
  });

  it.each([
    'github.event.workflow_run.pull_requests != null',
    'github.event.workflow_run.pull_requests[0].head.repo.fork != true',
    "github.event.workflow_run.pull_requests[0].number == ''",
    'github.event.workflow_run.pull_requests[0].number == 0',
    'github.event.workflow_run.pull_requests[0] == null',
    '!github.event.workflow_run.pull_requests[0]',
    'github.event.workflow_run.pull_requests[0].number >= 0',
    "github.event.workflow_run.pull_requests[0] != null || github.event.workflow_run.event == 'pull_request'",
  ])('%s lets forks through', (condition) => {
    expect(outsiderGate(condition)).toBeUndefined();
  });
});
