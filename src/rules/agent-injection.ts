import {
  accessPath,
  capabilityOf,
  conditionExpressions,
  flowingAccesses,
  regionOfSpan,
  scopeOf,
  walk,
  type ExprNode,
  type ParseResult,
} from '../model/expression/index.js';
import { inputValue, remoteAction, secretNames, stepSecrets, writeScopes } from '../model/steps.js';
import type { Severity } from '../model/types.js';
import { at, type ExpressionRef, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import { defineRule } from './types.js';

/** Events whose payload carries text that people without write access write. */
const UNTRUSTED_EVENTS = [
  'issues',
  'issue_comment',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'discussion',
  'discussion_comment',
];

/** Events where the sender is not necessarily the author of the item the agent works on. */
const THREAD_EVENTS = new Set(['issue_comment', 'pull_request_review', 'pull_request_review_comment', 'discussion_comment']);

/** Per event, the payload paths the sender wrote: an actor gate vouches for these, not for the rest of the thread. */
const SENDER_TEXT: Record<string, readonly string[]> = {
  issues: ['github.event.issue.'],
  issue_comment: ['github.event.comment.'],
  pull_request_target: ['github.event.pull_request.'],
  pull_request_review: ['github.event.review.'],
  pull_request_review_comment: ['github.event.comment.'],
  discussion: ['github.event.discussion.'],
  discussion_comment: ['github.event.comment.'],
};

interface AgentSpec {
  label: string;
  /** Inputs whose text becomes the agent's instructions or command line. */
  prompts: readonly string[];
  /** The action fetches the triggering issue or PR, with its comments, into the prompt. */
  readsThread: (step: Step) => boolean;
  /** The built-in check that the triggering actor has write access, unless an input bypasses it; the bypass named. */
  builtInGate: (step: Step) => { active: boolean; bypass?: string } | undefined;
}

const CLAUDE_PROMPTS = [
  'prompt',
  'direct_prompt',
  'override_prompt',
  'custom_instructions',
  'system_prompt',
  'append_system_prompt',
  'claude_args',
  'allowed_tools',
];

/**
 * Agent actions, from their action.yml and READMEs. claude-code-action and codex-action refuse actors without
 * write access unless told otherwise; claude-code-base-action and run-gemini-cli check nobody.
 */
const AGENTS: Readonly<Record<string, AgentSpec>> = {
  'anthropics/claude-code-action': {
    label: 'anthropics/claude-code-action',
    prompts: CLAUDE_PROMPTS,
    // Without `prompt:` it runs in tag mode and loads the issue or PR and its comments itself.
    readsThread: (step) => !inputValue(step, 'prompt') && !inputValue(step, 'direct_prompt') && !inputValue(step, 'override_prompt'),
    builtInGate: (step) => {
      const users = inputValue(step, 'allowed_non_write_users');
      if (users) return { active: false, bypass: `allowed_non_write_users: "${users}"` };
      if (inputValue(step, 'allowed_bots') === '*') return { active: false, bypass: 'allowed_bots: "*"' };
      return { active: true };
    },
  },
  'anthropics/claude-code-base-action': {
    label: 'anthropics/claude-code-base-action',
    prompts: CLAUDE_PROMPTS,
    readsThread: () => false,
    builtInGate: () => undefined,
  },
  'openai/codex-action': {
    label: 'openai/codex-action',
    prompts: ['prompt', 'codex-args'],
    readsThread: () => false,
    builtInGate: (step) => {
      const users = inputValue(step, 'allow-users');
      return users ? { active: false, bypass: `allow-users: "${users}"` } : { active: true };
    },
  },
  'google-github-actions/run-gemini-cli': {
    label: 'google-github-actions/run-gemini-cli',
    prompts: ['prompt', 'settings'],
    readsThread: () => false,
    builtInGate: () => undefined,
  },
};

function agentOf(step: Step): AgentSpec | undefined {
  const ref = remoteAction(step);
  return ref ? AGENTS[ref.name] : undefined;
}

type GateKind = 'actor' | 'vetted' | 'event';

/** Paths read anywhere in a condition node. */
function pathsIn(node: ExprNode): string[] {
  const paths: string[] = [];
  walk(node, (child) => {
    const path = accessPath(child);
    if (path !== undefined) paths.push(path);
  });
  return paths;
}

const TRUSTED_EVENT_NAMES = /^(push|schedule|workflow_dispatch|workflow_call|workflow_run|release|merge_group|pull_request)$/;

/** What one comparison or call of a condition guarantees about who triggered the run. */
function atomGate(node: ExprNode): GateKind | undefined {
  const equality = (node.kind === 'binary' && node.op === '==') || (node.kind === 'call' && /^(contains|startswith)$/i.test(node.name));
  const paths = pathsIn(node);
  if (paths.some((path) => path.endsWith('.author_association')) && node.kind !== 'not') return 'actor';
  if (!equality) return undefined;
  if (paths.some((path) => /^github\.(actor|triggering_actor|event\.sender\.login)$/.test(path))) return 'actor';
  // Labels and labelling need triage access: a maintainer has looked at the item.
  if (paths.some((path) => path === 'github.event.label.name' || /\.labels\.\*\.name$/.test(path))) return 'vetted';
  if (paths.some((path) => /\.head\.repo\.(fork|full_name)$/.test(path))) return 'vetted';
  if (node.kind === 'binary' && paths.includes('github.event_name')) {
    const literal = [node.left, node.right].find((side) => side.kind === 'literal');
    if (literal?.kind === 'literal' && typeof literal.value === 'string' && TRUSTED_EVENT_NAMES.test(literal.value)) return 'event';
  }
  return undefined;
}

/** The weakest gate over every way the condition can be true; undefined when one way is ungated. */
function gateOf(node: ExprNode): GateKind | undefined {
  if (node.kind === 'logical') {
    const left = gateOf(node.left);
    const right = gateOf(node.right);
    if (node.op === '&&') return strongest(left, right);
    return left && right ? weakest(left, right) : undefined;
  }
  return atomGate(node);
}

const GATE_RANK: Record<GateKind, number> = { actor: 0, vetted: 1, event: 2 };
function strongest(a: GateKind | undefined, b: GateKind | undefined): GateKind | undefined {
  if (!a) return b;
  if (!b) return a;
  return GATE_RANK[a] >= GATE_RANK[b] ? a : b;
}
function weakest(a: GateKind, b: GateKind): GateKind {
  return GATE_RANK[a] <= GATE_RANK[b] ? a : b;
}

/** The events a condition lets through when it tests `github.event_name`; undefined when it does not restrict them. */
function eventsAllowed(node: ExprNode): Set<string> | undefined {
  if (node.kind === 'logical') {
    const left = eventsAllowed(node.left);
    const right = eventsAllowed(node.right);
    if (node.op === '&&') return left && right ? new Set([...left].filter((event) => right.has(event))) : (left ?? right);
    return left && right ? new Set([...left, ...right]) : undefined;
  }
  if (node.kind !== 'binary' || node.op !== '==') return undefined;
  const literal = [node.left, node.right].find((side) => side.kind === 'literal');
  const other = literal === node.left ? node.right : node.left;
  return literal?.kind === 'literal' && typeof literal.value === 'string' && accessPath(other) === 'github.event_name'
    ? new Set([literal.value])
    : undefined;
}

/** The untrusted events the job and step conditions let reach the agent. */
function reachingEvents(model: WorkflowModel, job: Job, step: Step, parse: (body: string) => ParseResult): string[] {
  let events = untrustedEvents(model);
  for (const field of [job.if, step.if]) {
    if (!field) continue;
    for (const condition of conditionExpressions(model.file, field, parse)) {
      const allowed = eventsAllowed(condition.node);
      if (allowed) events = events.filter((event) => allowed.has(event));
    }
  }
  return events;
}

function conditionGate(model: WorkflowModel, job: Job, step: Step, parse: (body: string) => ParseResult): GateKind | undefined {
  let gate: GateKind | undefined;
  for (const field of [job.if, step.if]) {
    if (!field) continue;
    for (const condition of conditionExpressions(model.file, field, parse)) gate = strongest(gate, gateOf(condition.node));
  }
  return gate;
}

interface Source {
  /** What the agent is fed, for the message. */
  text: string;
  /** The path of the text in the event payload, when known. */
  path?: string;
  node?: { ref: ExpressionRef; span: { start: number; end: number } };
}

/** Attacker-written event text expanded into the agent's prompt inputs. */
function promptSources(model: WorkflowModel, job: Job, step: Step, agent: AgentSpec, parse: (body: string) => ParseResult): Source[] {
  const scope = scopeOf(model, job, step, parse);
  const sources: Source[] = [];
  for (const entry of step.with) {
    if (!agent.prompts.includes(entry.key.toLowerCase()) || !entry.scalar) continue;
    for (const ref of entry.scalar.expressions) {
      const parsed = parse(ref.body);
      if (!parsed.ok) continue;
      for (const access of flowingAccesses(parsed.node)) {
        const taint = capabilityOf(access.path, scope);
        const origin = taint?.origin ?? taint?.path;
        if (taint?.capability !== 'arbitrary' || !taint.certain || !origin?.startsWith('github.')) continue;
        sources.push({ text: `\`${origin}\` in its \`${entry.key}:\` input`, path: origin, node: { ref, span: access.node.span } });
      }
    }
  }
  return sources;
}

interface Powers {
  list: string[];
  /** A shell, or a token that can change code, workflows or releases. */
  strong: boolean;
}

function claudeTools(step: Step): { shell: boolean; narrow: boolean } {
  const text = `${inputValue(step, 'claude_args') ?? ''} ${inputValue(step, 'allowed_tools') ?? ''} ${inputValue(step, 'settings') ?? ''}`;
  if (/--dangerously-skip-permissions|bypassPermissions/.test(text)) return { shell: true, narrow: false };
  if (/\bBash(?!\()|\bBash\((?:\*|:\*)\)/.test(text)) return { shell: true, narrow: false };
  return { shell: false, narrow: /\bBash\(/.test(text) };
}

function shellPower(step: Step, agent: AgentSpec): string | undefined {
  switch (agent.label) {
    case 'openai/codex-action': {
      const sandbox = inputValue(step, 'sandbox') ?? 'workspace-write';
      const safety = inputValue(step, 'safety-strategy') ?? 'drop-sudo';
      if (sandbox === 'danger-full-access' || safety === 'unsafe')
        return `unsandboxed shell commands (\`sandbox: ${sandbox}\`, \`safety-strategy: ${safety}\`)`;
      return undefined;
    }
    case 'google-github-actions/run-gemini-cli': {
      const settings = inputValue(step, 'settings') ?? '';
      return /run_shell_command|"yolo"|--yolo/.test(settings) ? 'shell commands (`run_shell_command` in its settings)' : undefined;
    }
    default: {
      const tools = claudeTools(step);
      return tools.shell ? 'any shell command (Bash allowed)' : undefined;
    }
  }
}

/** Write scopes that only let the agent talk (comments, labels): spam, not code or releases. */
const CONVERSATION_SCOPES = new Set(['issues', 'pull-requests', 'discussions']);

function tokenPower(model: WorkflowModel, job: Job, step: Step, agent: AgentSpec): { text: string; strong: boolean } | undefined {
  const given = inputValue(step, 'github_token');
  if (given && secretNames(given).length > 0) return { text: `a personal token (\`${given}\`)`, strong: true };
  if (agent.label === 'anthropics/claude-code-action' && !given)
    return { text: 'the Claude GitHub App token (contents, issues and pull requests: write)', strong: true };
  const permissions = job.permissions ?? model.permissions;
  if (!permissions) return { text: "the default GITHUB_TOKEN, write-all unless the repository's default is read", strong: true };
  const writes = writeScopes(permissions).filter((scope) => scope.scope !== 'id-token');
  if (writes.length === 0) return undefined;
  return {
    text: `a GITHUB_TOKEN with ${writes.map((scope) => `${scope.scope}: write`).join(', ')}`,
    strong: writes.some((scope) => !CONVERSATION_SCOPES.has(scope.scope)),
  };
}

function powersOf(model: WorkflowModel, job: Job, step: Step, agent: AgentSpec): Powers {
  const list: string[] = [];
  const shell = shellPower(step, agent);
  if (shell) list.push(shell);
  const token = tokenPower(model, job, step, agent);
  if (token) list.push(token.text);
  const secrets = [...new Set([...stepSecrets(step), ...job.env.flatMap((entry) => secretNames(entry.scalar?.value ?? ''))])];
  if (secrets.length > 0) list.push(`secrets ${secrets.map((name) => `\`${name}\``).join(', ')}`);
  return { list, strong: shell !== undefined || token?.strong === true };
}

function untrustedEvents(model: WorkflowModel): string[] {
  return model.triggers.map((trigger) => trigger.event).filter((event) => UNTRUSTED_EVENTS.includes(event));
}

function senderWrote(path: string, events: string[]): boolean {
  return events.every((event) => (SENDER_TEXT[event] ?? []).some((prefix) => path.startsWith(prefix)));
}

const SEVERITY: Record<'anyone' | 'thread', { strong: Severity; weak: Severity }> = {
  // Anyone with an account writes the text: prompt injection runs with the agent's powers.
  anyone: { strong: 'high', weak: 'medium' },
  // A write-access actor started the run, but the agent also reads text that others wrote in the thread.
  thread: { strong: 'medium', weak: 'low' },
};

export default defineRule(
  {
    id: 'agent-injection',
    title: 'Coding agent reads text that outsiders write',
    description:
      'A coding agent (claude-code-action, codex-action, run-gemini-cli) that is started by issue, comment or pull_request_target events, or given their text in its prompt, follows instructions hidden in that text. With a write token, secrets or a shell, prompt injection becomes code execution in the repository.',
    severity: 'high',
    confidence: 'medium',
    remediation:
      'Gate the job on the author (`author_association` in OWNER/MEMBER/COLLABORATOR) or a maintainer-set label, keep the agent job read-only with no shell tools and no secrets beyond its API key, and apply its output in a separate job that validates it.',
    needs: ['workflows'],
    since: '1.1',
  },
  {
    create(context) {
      let agents = 0;
      let reported = 0;
      return {
        step({ file, job, step }) {
          if (file.kind !== 'workflow' || !job) return;
          const agent = agentOf(step);
          if (!agent) return;
          agents += 1;
          const events = reachingEvents(file, job, step, context.index.expression);
          if (events.length === 0) return;
          const gate = conditionGate(file, job, step, context.index.expression);
          if (gate === 'vetted' || gate === 'event') return;
          const builtIn = agent.builtInGate(step);
          const actorGated = gate === 'actor' || builtIn?.active === true;
          let sources = promptSources(file, job, step, agent, context.index.expression);
          if (actorGated) sources = sources.filter((source) => !source.path || !senderWrote(source.path, events));
          const threadEvents = events.filter((event) => THREAD_EVENTS.has(event));
          const readsThread = agent.readsThread(step);
          if (readsThread && (!actorGated || threadEvents.length > 0)) {
            sources.push({
              text: actorGated
                ? `the issue or PR thread it loads itself (on \`${threadEvents.join('`, `')}\`, text by people other than the actor)`
                : 'the issue or PR thread it loads itself',
            });
          }
          if (!actorGated && sources.length === 0)
            sources.push({
              text: `the \`${events.join('`, `')}\` ${events.length > 1 ? 'events' : 'event'} it is started by, whose issue, PR or comment text anyone can write`,
            });
          if (sources.length === 0) return;
          const exposure = actorGated ? 'thread' : 'anyone';
          const powers = powersOf(file, job, step, agent);
          const severity = SEVERITY[exposure][powers.strong ? 'strong' : 'weak'];
          const who = actorGated
            ? `${gate === 'actor' ? 'the job is gated on the actor' : `${agent.label} checks that the actor has write access`}, but `
            : builtIn?.bypass
              ? `\`${builtIn.bypass}\` turns off its write-access check, so `
              : 'no gate checks who wrote it, so ';
          const first = sources[0];
          const region = first.node ? regionOfSpan(file.file.source, first.node.ref, first.node.span) : (step.uses?.region ?? step.region);
          const powerText =
            powers.list.length > 0
              ? `It runs with ${powers.list.join('; ')}.`
              : 'It runs with no write token, shell or extra secret found.';
          context.report({
            message: `${agent.label} in job ${job.id} is fed ${sources.map((source) => source.text).join(' and ')}; ${who}prompt injection there steers the agent. ${powerText} Gate the job on the author or a maintainer-set label, or drop the agent's write token and shell tools.`,
            location: at(file, region),
            severity,
            confidence: first.node ? 'high' : 'medium',
            subject: agent.label,
            job: job.id,
            step: step.key,
          });
          reported += 1;
        },
        end() {
          if (agents === 0)
            context.notApplicable('no coding-agent action (claude-code-action, codex-action, run-gemini-cli) in any workflow');
          else if (reported === 0)
            context.evidence({
              message: `${agents} coding-agent steps checked: none is fed text from untrusted issue, comment or pull_request_target events without a gate`,
            });
        },
      };
    },
  },
);
