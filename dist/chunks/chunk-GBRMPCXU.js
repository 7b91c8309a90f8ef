#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);

// src/collect/github/endpoints.ts
var NEEDS = {
  metadata: "a token that can see the repository (Metadata: read)",
  administration: "a fine-grained token or GitHub App with Administration: read (admin access to the repository)",
  secretScanning: "a fine-grained token or GitHub App with Secret scanning alerts: read",
  codeScanning: "a token with Code scanning alerts: read (`security-events: read` for GITHUB_TOKEN)",
  dependabot: "a token with Dependabot alerts: read (`security-events: read` for GITHUB_TOKEN)",
  webhooks: "a fine-grained token or GitHub App with Webhooks: read (admin access)",
  orgOwner: "a token of an organization owner (read:org for a classic token, or Organization administration: read)",
  push: "a token with push access to the repository",
  environmentSecrets: "a fine-grained token or GitHub App with Environments: read (write access to the repository; GITHUB_TOKEN cannot list secrets)",
  repositorySecrets: "a fine-grained token or GitHub App with Secrets: read (write access to the repository; GITHUB_TOKEN cannot list secrets)",
  attestations: "a token that can see the repository (Attestations: read for a fine-grained token or GitHub App)"
};
var DISABLED_SECRET_SCANNING = /secret scanning is disabled|secret scanning is not enabled/i;
var ENDPOINTS = {
  repository: {
    route: "GET /repos/{owner}/{repo}",
    needs: NEEDS.metadata,
    statuses: { 200: [{ kind: "known" }] }
  },
  branchRules: {
    route: "GET /repos/{owner}/{repo}/rules/branches/{branch}",
    needs: NEEDS.metadata,
    statuses: { 200: [{ kind: "known" }] }
  },
  rulesets: {
    route: "GET /repos/{owner}/{repo}/rulesets",
    needs: NEEDS.metadata,
    statuses: { 200: [{ kind: "known" }] }
  },
  ruleset: {
    route: "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}",
    needs: NEEDS.metadata,
    statuses: { 200: [{ kind: "known" }] }
  },
  classicProtection: {
    route: "GET /repos/{owner}/{repo}/branches/{branch}/protection",
    needs: NEEDS.administration,
    // "Branch not protected" is only ever said to a token allowed to read protection: it is a fact.
    statuses: { 200: [{ kind: "known" }], 404: [{ kind: "off", when: /branch not protected/i }] }
  },
  workflowPermissions: {
    route: "GET /repos/{owner}/{repo}/actions/permissions/workflow",
    needs: NEEDS.administration,
    statuses: { 200: [{ kind: "known" }] }
  },
  actionsPermissions: {
    route: "GET /repos/{owner}/{repo}/actions/permissions",
    needs: NEEDS.administration,
    statuses: { 200: [{ kind: "known" }] }
  },
  selectedActions: {
    route: "GET /repos/{owner}/{repo}/actions/permissions/selected-actions",
    needs: NEEDS.administration,
    statuses: { 200: [{ kind: "known" }], 409: [{ kind: "unknown", reason: 'the allowed-actions policy is not "selected"' }] }
  },
  forkPrApproval: {
    route: "GET /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval",
    needs: NEEDS.administration,
    statuses: { 200: [{ kind: "known" }] }
  },
  actionsRetention: {
    route: "GET /repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention",
    needs: NEEDS.administration,
    statuses: { 200: [{ kind: "known" }] }
  },
  privateVulnerabilityReporting: {
    route: "GET /repos/{owner}/{repo}/private-vulnerability-reporting",
    needs: NEEDS.administration,
    statuses: { 200: [{ kind: "known" }] }
  },
  secretScanningAlerts: {
    route: "GET /repos/{owner}/{repo}/secret-scanning/alerts",
    needs: NEEDS.secretScanning,
    statuses: { 200: [{ kind: "known" }], 404: [{ kind: "off", when: DISABLED_SECRET_SCANNING }] }
  },
  codeScanningAlerts: {
    route: "GET /repos/{owner}/{repo}/code-scanning/alerts",
    needs: NEEDS.codeScanning,
    statuses: {
      200: [{ kind: "known" }],
      // Documented: "no analysis found" when code scanning never ran; GHAS-less private repositories answer 403.
      404: [{ kind: "off", when: /no analysis found/i }],
      403: [{ kind: "off", when: /advanced security must be enabled|code scanning is not enabled/i }]
    }
  },
  releases: {
    route: "GET /repos/{owner}/{repo}/releases",
    needs: NEEDS.metadata,
    statuses: { 200: [{ kind: "known" }] }
  },
  securityAdvisories: {
    route: "GET /repos/{owner}/{repo}/security-advisories",
    needs: NEEDS.metadata,
    statuses: { 200: [{ kind: "known" }] }
  },
  environments: {
    route: "GET /repos/{owner}/{repo}/environments",
    needs: NEEDS.metadata,
    statuses: { 200: [{ kind: "known" }] }
  },
  webhooks: {
    route: "GET /repos/{owner}/{repo}/hooks",
    needs: NEEDS.webhooks,
    statuses: { 200: [{ kind: "known" }] }
  },
  deployKeys: {
    route: "GET /repos/{owner}/{repo}/keys",
    needs: NEEDS.administration,
    statuses: { 200: [{ kind: "known" }] }
  },
  immutableReleases: {
    route: "GET /repos/{owner}/{repo}/immutable-releases",
    needs: NEEDS.administration,
    // Documented: 404 when immutable releases are off, but also to tokens without admin read: only trusted for admins.
    statuses: { 200: [{ kind: "known" }], 404: [{ kind: "off", adminOnly: true }] }
  },
  environmentSecrets: {
    route: "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets",
    needs: NEEDS.environmentSecrets,
    statuses: { 200: [{ kind: "known" }] }
  },
  repositorySecrets: {
    route: "GET /repos/{owner}/{repo}/actions/secrets",
    needs: NEEDS.repositorySecrets,
    statuses: { 200: [{ kind: "known" }] }
  },
  attestations: {
    route: "GET /repos/{owner}/{repo}/attestations/{subject_digest}",
    needs: NEEDS.attestations,
    // Only 200 is documented (an empty list means no attestation). A 404 is not documented for this endpoint,
    // so it is not read as "no attestation": it stays unknown, saying so.
    statuses: {
      200: [{ kind: "known" }],
      404: [
        {
          kind: "unknown",
          reason: "GitHub answered 404, which this endpoint does not document (no attestation, or none visible to this token)"
        }
      ]
    }
  }
};
function interpret(spec, status, message, data, context) {
  for (const meaning of spec.statuses[status] ?? []) {
    if (meaning.when && !meaning.when.test(message)) continue;
    if (meaning.kind === "known") return { kind: "known", data };
    if (meaning.kind === "off") {
      if (meaning.adminOnly && context.admin !== true) return { kind: "unknown", reason: `needs ${spec.needs}` };
      if (status === 404 && !meaning.when && context.enterpriseVersion)
        return { kind: "unknown", reason: `not available on this server (GitHub Enterprise Server ${context.enterpriseVersion}), or off` };
      return { kind: "off", message };
    }
    return { kind: "unknown", reason: meaning.reason };
  }
  if (status >= 200 && status < 300) return { kind: "known", data };
  return { kind: "unknown", reason: genericReason(spec, status, message, context) };
}
function genericReason(spec, status, message, context) {
  if (context.unreachable) return `offline: the GitHub API is unreachable (${context.unreachable})`;
  if (context.exhausted) return `rate limited: ${context.exhausted}`;
  if (status === 599) return message || "the GitHub API could not be reached";
  if (status === 401) return "the token was rejected (401 Bad credentials): give a valid token";
  if (status === 404 && context.enterpriseVersion)
    return `not available on this server (GitHub Enterprise Server ${context.enterpriseVersion}), or ${spec.needs}`;
  if (status === 403 || status === 404) return `needs ${spec.needs}`;
  if (status === 429) return "rate limited: GitHub answered 429";
  if (status >= 500) return `GitHub answered ${status} for ${spec.route.replace(/^GET /, "")}; run again later`;
  return `GitHub answered ${status}${message ? ` (${message})` : ""}`;
}

export {
  NEEDS,
  ENDPOINTS,
  interpret
};
