/**
 * `if:` conditions that keep outsiders out of a privileged job or step: a condition that holds only when the
 * pull request comes from the repository itself, when a named person or a member acts, or when a maintainer
 * has set a label. Used by the privileged-trigger rules, which stay silent where such a gate stands.
 */
import { contextPath, type BinaryOperator, type ExprNode } from './ast.js';
import { parseExpression, type ParseResult } from './parser.js';
import { MAINTAINER_ONLY_TRIGGERS } from '../triggers.js';

/** What gates a condition, as a clause for evidence messages: `the label 'safe to test' is set`. */
export interface Gate {
  what: string;
}

/** Repositories of the code under review: equal to `github.repository` only for a branch of the repository itself. */
const HEAD_REPOSITORY = new Set([
  'github.event.pull_request.head.repo.full_name',
  'github.event.workflow_run.head_repository.full_name',
  'github.event.workflow_run.head_repository.id',
]);
const FORK_FLAG = new Set(['github.event.pull_request.head.repo.fork', 'github.event.workflow_run.head_repository.fork']);
const ACTORS = new Set([
  'github.actor',
  'github.triggering_actor',
  'github.event.sender.login',
  'github.event.comment.user.login',
  'github.event.pull_request.user.login',
]);
/** Associations that need write access to the repository or membership of its organisation. */
const TRUSTED_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
const ASSOCIATIONS = new Set([
  'github.event.comment.author_association',
  'github.event.review.author_association',
  'github.event.pull_request.author_association',
  'github.event.issue.author_association',
]);
/** Labels only people with triage access can set. */
const LABEL_NAMES = new Set(['github.event.label.name']);
const LABEL_LISTS = new Set(['github.event.pull_request.labels.*.name', 'github.event.issue.labels.*.name']);

/**
 * An element of the pull requests a `workflow_run` names (`pull_requests[0]`). GitHub lists there only pull requests
 * whose head branch is in this repository and leaves the array empty for pull requests from forks (actions/runner#3444,
 * github/docs#22501), so a condition that needs an element excludes forks. A test of the whole array
 * (`pull_requests != null`) does not: an empty array is not null.
 */
const RUN_PULL_REQUEST_ELEMENT = /^github\.event\.workflow_run\.pull_requests\.\d+(\.|$)/;
const SAME_REPOSITORY_PULL_REQUEST: Gate = {
  what: 'github.event.workflow_run.pull_requests is not empty (GitHub leaves it empty for pull requests from forks)',
};

function underRunPullRequest(path: string | undefined): boolean {
  return path !== undefined && RUN_PULL_REQUEST_ELEMENT.test(path);
}

/** Whether GitHub's loose `==` finds null equal to a literal: both sides become numbers, and null becomes 0. */
function equalsNull(value: string | number | boolean | null): boolean {
  if (value === null || value === false || value === 0) return true;
  return typeof value === 'string' && Number(value.trim() === '' ? 0 : value) === 0;
}

/**
 * A comparison that is false when a value under `workflow_run.pull_requests[0]` is null (the array is empty):
 * `!= null`, `== 'x'` with a literal null cannot equal, `> n` with n ≥ 0. `pull_requests[0].head.repo.fork != true`
 * is not one: null != true holds.
 */
function needsRunPullRequest(
  op: BinaryOperator,
  path: string | undefined,
  value: string | number | boolean | null | undefined,
  pathLeft: boolean,
): boolean {
  if (!underRunPullRequest(path) || value === undefined) return false;
  if (op === '!=') return value === null;
  if (op === '==') return !equalsNull(value);
  const greater = pathLeft ? op : op === '<' ? '>' : op === '<=' ? '>=' : undefined;
  if (typeof value !== 'number') return false;
  return (greater === '>' && value >= 0) || (greater === '>=' && value > 0);
}

function literal(node: ExprNode): string | number | boolean | null | undefined {
  return node.kind === 'literal' ? node.value : undefined;
}

/** `fromJSON('["a", "b"]')` as its strings, or a bare string literal as one element. */
function literalList(node: ExprNode): string[] | undefined {
  if (node.kind === 'call' && node.name.toLowerCase() === 'fromjson' && node.args.length === 1) {
    const text = literal(node.args[0]);
    if (typeof text !== 'string') return undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A bot login can be made to act on an outsider's behalf (zizmor's bot-conditions): never a gate. */
function isPersonLogin(login: string): boolean {
  return login !== '' && !/\[bot\]$|-bot$|^dependabot|^renovate|^github-actions/i.test(login);
}

function equalityGate(path: string, value: string | number | boolean | null, op: '==' | '!='): Gate | undefined {
  if (op === '==' && ACTORS.has(path) && typeof value === 'string' && isPersonLogin(value)) return { what: `${path} is '${value}'` };
  if (op === '==' && ASSOCIATIONS.has(path) && typeof value === 'string' && TRUSTED_ASSOCIATIONS.has(value.toUpperCase()))
    return { what: `${path} is '${value}'` };
  if (op === '==' && LABEL_NAMES.has(path) && typeof value === 'string' && value !== '') return { what: `the label '${value}' is set` };
  if (FORK_FLAG.has(path) && ((op === '==' && value === false) || (op === '!=' && value === true))) return { what: `${path} is false` };
  return undefined;
}

/**
 * `github.event_name == 'workflow_dispatch'`: true only under an event that needs write access, so as one side of
 * `||` it lets no outsider through (`github.event_name == 'workflow_dispatch' || head.repo.full_name == …`).
 */
function maintainerEventOnly(node: ExprNode): Gate | undefined {
  if (node.kind !== 'binary' || node.op !== '==') return undefined;
  const [path, value] =
    contextPath(node.left) !== undefined ? [contextPath(node.left), literal(node.right)] : [contextPath(node.right), literal(node.left)];
  return path === 'github.event_name' && typeof value === 'string' && MAINTAINER_ONLY_TRIGGERS.has(value)
    ? { what: `the event is ${value}` }
    : undefined;
}

function gateOfNode(node: ExprNode): Gate | undefined {
  const byEvent = maintainerEventOnly(node);
  if (byEvent) return byEvent;
  // A bare `github.event.workflow_run.pull_requests[0]` (or a property of it) is truthy only when the array is not empty.
  if (underRunPullRequest(contextPath(node))) return SAME_REPOSITORY_PULL_REQUEST;
  switch (node.kind) {
    case 'logical': {
      const left = gateOfNode(node.left);
      const right = gateOfNode(node.right);
      // `a && b` holds only when both do: one gate is enough. `a || b` needs a gate on both sides.
      if (node.op === '&&') return left ?? right;
      return left && right ? { what: `${left.what}, or ${right.what}` } : undefined;
    }
    case 'not': {
      const path = contextPath(node.operand);
      return path !== undefined && FORK_FLAG.has(path) ? { what: `${path} is false` } : undefined;
    }
    case 'binary': {
      const left = contextPath(node.left);
      const right = contextPath(node.right);
      if (needsRunPullRequest(node.op, left, literal(node.right), true) || needsRunPullRequest(node.op, right, literal(node.left), false))
        return SAME_REPOSITORY_PULL_REQUEST;
      if (node.op !== '==' && node.op !== '!=') return undefined;
      if (
        node.op === '==' &&
        ((left && HEAD_REPOSITORY.has(left) && right === 'github.repository') ||
          (right && HEAD_REPOSITORY.has(right) && left === 'github.repository'))
      ) {
        return { what: `${left} == ${right}` };
      }
      if (
        node.op === '==' &&
        ((left && HEAD_REPOSITORY.has(left) && right === 'github.repository_id') ||
          (right && HEAD_REPOSITORY.has(right) && left === 'github.repository_id'))
      ) {
        return { what: `${left} == ${right}` };
      }
      const [path, value] = left !== undefined ? [left, literal(node.right)] : [right, literal(node.left)];
      return path !== undefined && value !== undefined ? equalityGate(path, value, node.op) : undefined;
    }
    case 'call': {
      if (node.name.toLowerCase() !== 'contains' || node.args.length !== 2) return undefined;
      const [haystack, needle] = node.args;
      const needlePath = contextPath(needle);
      const list = literalList(haystack);
      if (list && needlePath && ACTORS.has(needlePath) && list.length > 0 && list.every(isPersonLogin))
        return { what: `${needlePath} is one of ${list.join(', ')}` };
      if (
        list &&
        needlePath &&
        ASSOCIATIONS.has(needlePath) &&
        list.length > 0 &&
        list.every((value) => TRUSTED_ASSOCIATIONS.has(value.toUpperCase()))
      )
        return { what: `${needlePath} is one of ${list.join(', ')}` };
      const haystackPath = contextPath(haystack);
      const label = literal(needle);
      if (haystackPath && LABEL_LISTS.has(haystackPath) && typeof label === 'string' && label !== '')
        return { what: `the label '${label}' is set` };
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The gate an `if:` condition (bare or `${{ }}`-wrapped) sets against outsiders, or undefined when it sets none
 * or cannot be parsed. A gate must hold for the condition to be true: a conjunct, or a gate on both sides of `||`.
 */
export function outsiderGate(condition: string | undefined, parse: (body: string) => ParseResult = parseExpression): Gate | undefined {
  if (condition === undefined) return undefined;
  const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  if (!whole && condition.includes('${{')) return undefined;
  const parsed = parse((whole ? whole[1] : condition).trim());
  return parsed.ok ? gateOfNode(parsed.node) : undefined;
}
