/**
 * The words of the evidence pack, claim by claim, for the UK Code: what the automated evidence argues
 * when it is present, and what a person must still attest whatever the tool found. Keyed by framework id,
 * then claim id; other frameworks fall back to generic sentences.
 */
export interface ClaimWording {
  /** Completes "The evidence supports the claim because …" when the cited rules pass (one sentence, no full stop). */
  argues: string;
  /** What a person must still attest, as a clause ("that …"). */
  attest: string;
}

const UK_SSCOP: Record<string, ClaimWording> = {
  '1.1.1': { argues: 'a document in the repository names the secure development framework the project follows', attest: 'that the team follows the named framework, and that it covers threat modelling, secure coding, requirements capture, roles, testing, data and configuration management' },
  '1.1.2': { argues: 'a person has attested it', attest: 'that developers are trained in the framework and the tools (training records)' },
  '1.1.3': { argues: 'automated updates cover the build tooling and the actions the workflows use, and no archived action is in use', attest: 'that tools outside the repository (build servers, developer tooling) are maintained and updated too' },
  '1.1.4': { argues: 'lockfiles pin every dependency under version control and the default branch is protected', attest: 'that configuration held outside the repository (infrastructure, settings) is identified and version-controlled too' },
  '1.1.5': { argues: 'a person has attested it', attest: 'that requirements, security requirements included, are captured and recorded (issue templates, ADRs, specifications)' },
  '1.1.6': { argues: 'a person has attested it', attest: 'that the software is designed for user need' },
  '1.2.1': { argues: 'an SBOM, or a CI step that generates one, identifies the third-party components', attest: 'that the SBOM covers every component that ships, build tools included, and can be shared with customers' },
  '1.2.2': { argues: 'actions, images and downloads are pinned by digest and lockfiles carry integrity data, so every build verifies what it fetches', attest: 'that components fetched outside these workflows are verified as well' },
  '1.2.3': { argues: 'a dependency-review step vets new dependencies on pull requests before they are merged', attest: 'that each new component is assessed (security, licence, maintenance, provenance) before its first release' },
  '1.2.4': { argues: 'dependency updates wait out a cooldown and pass the same checks as any other change', attest: 'that component updates are tested before release' },
  '1.2.5': { argues: 'automated update tooling and vulnerability alerts drive updates to third-party components', attest: 'that update pull requests are reviewed and merged promptly' },
  '1.3.1': { argues: 'static analysis and fuzzing run in CI as part of the testing process', attest: 'that a test plan exists and covers all requirements and third-party components' },
  '1.3.2': { argues: 'CI runs the test suite on pull requests and pushes, and the checks are required before merging', attest: 'that tests that are not automated here run before each release' },
  '1.3.3': { argues: 'a person has attested it', attest: 'that defects found in testing are tracked and addressed' },
  '1.4.1': { argues: 'a threat model is kept with the code', attest: 'that threat modelling informed the design and is kept up to date' },
  '1.4.2': { argues: 'a person has attested it', attest: 'that multi-factor authentication is enforced for privileged users of the software itself' },
  '1.4.3': { argues: 'no hard-coded credentials were found in the repository', attest: 'that the software ships with no default or persistent passwords' },
  '1.4.4': { argues: 'workflows do not interpolate untrusted input into scripts and static analysis looks for injection flaws', attest: 'that the software validates the data it takes in' },
  '1.4.5': { argues: 'secret scanning runs and no credentials are committed', attest: 'that sensitive data the software handles is stored securely (standard cryptography, encryption at rest)' },
  '2.1.1': { argues: 'CODEOWNERS and the actions policy define who owns, and may change, each part of the build', attest: 'that roles and what each may access are defined for the whole build environment' },
  '2.1.2': { argues: 'a person has attested it', attest: 'that users of the build environment re-authenticate regularly (SSO session policy, token expiry)' },
  '2.1.3': { argues: 'workflow tokens are scoped per job to least privilege and secrets are passed only where needed', attest: "that people's credentials are bound to their roles" },
  '2.1.4': { argues: 'workflows keep credentials out of the workspace, the logs and untrusted code', attest: 'that credentials used outside GitHub Actions are held in a secrets store' },
  '2.1.5': { argues: 'the organisation requires two-factor authentication', attest: 'that every part of the build environment, not only GitHub, requires multi-factor authentication' },
  '2.1.6': { argues: 'the administrators and collaborators were listed for review', attest: 'that access is reviewed regularly and people who no longer need it are removed' },
  '2.2.1': { argues: 'a person has attested it', attest: 'that access and changes to the build environment are logged (for example the organisation audit log)' },
  '2.2.2': { argues: 'branch protection, code owners, signed commits and hardened workflows restrict who can change the build', attest: 'that build infrastructure outside the repository is restricted to authorised personnel too' },
  '2.2.3': { argues: 'a person has attested it', attest: 'that logs are auditable and retained for an agreed period' },
  '2.2.4': { argues: 'a person has attested it', attest: 'that the confidentiality and integrity of logs is protected' },
  '3.1.1': { argues: 'releases are signed or carry build provenance that customers can verify', attest: 'that customers are told how to verify what they install' },
  '3.1.2': { argues: 'releases are published from CI over trusted channels (HTTPS, trusted publishing)', attest: 'that every channel the software is distributed through is trusted' },
  '3.2.1': { argues: 'a published security policy says how vulnerability reports are handled and how soon reporters hear back', attest: 'that reports are handled internally as the policy says' },
  '3.2.2': { argues: 'the security policy names a private reporting channel, or GitHub private vulnerability reporting is on', attest: 'that the channel is monitored' },
  '3.3.1': { argues: 'dependency review, vulnerability scanning and alerts keep knowledge of public vulnerabilities current', attest: 'that alerts are triaged and acted on' },
  '3.3.2': { argues: 'a person has attested it', attest: 'that a vulnerability management plan assesses and prioritises responses (with severity targets)' },
  '3.4.1': { argues: 'a person has attested it', attest: 'that internal security teams are informed of vulnerabilities' },
  '3.4.2': { argues: 'security advisories are published for fixed vulnerabilities', attest: 'that affected customers are informed directly where they need to be' },
  '3.5.1': { argues: 'releases are regular and users are told how to apply security updates', attest: 'that security fixes are released as soon as is practicable' },
  '3.5.2': { argues: 'a person has attested it', attest: 'that security updates are tested and secure by default' },
  '4.1.1': { argues: 'the support policy publishes which versions are supported and until when', attest: 'that end-of-support dates are published for every component customers run' },
  '4.1.2': { argues: 'the support policy and the release history show how often updates come and how to apply them', attest: 'that the update-frequency policy reaches customers' },
  '4.1.3': { argues: 'upgrade documentation, or a changelog that marks security fixes, tells users how to apply updates', attest: 'that user documentation covers using the software securely' },
  '4.2.1': { argues: "the support policy commits to at least 12 months' notice before support ends", attest: 'that customers were given that notice in practice' },
  '4.3.1': { argues: 'an incident response or communication plan is published', attest: 'that the plan is current and has been exercised' },
  '4.3.2': { argues: 'a person has attested it', attest: 'that customers are informed of relevant incidents in a timely manner' },
};

const WORDINGS: Record<string, Record<string, ClaimWording>> = { 'uk-sscop': UK_SSCOP };

export function claimWording(frameworkId: string, claimId: string, claimTitle: string): ClaimWording {
  return (
    WORDINGS[frameworkId]?.[claimId] ?? {
      argues: 'the rules that evidence it passed',
      attest: `that the practice behind "${claimTitle.replace(/\.$/, '')}" is followed beyond what the repository shows`,
    }
  );
}
