/**
 * dependency-update-tool: a draft `.github/dependabot.yml` covering every ecosystem the repository uses, with a cooldown.
 * Posture fixes create a missing file as a draft for a person to complete (its first line says so); an existing
 * file is never rewritten.
 */
import { DEPENDABOT_PATHS, RENOVATE_PATHS } from '../model/dependabot.js';
import type { Ecosystem } from '../model/ecosystems.js';
import { anyExists, fingerprintsOf, fix, type FixContext, type Fixer } from './patch.js';

const COOLDOWN_DAYS = 7;

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '/' : `/${path.slice(0, slash)}`;
}

/** Each ecosystem the index found, with every directory that holds one of its manifests. */
function ecosystemDirectories(context: FixContext): [Ecosystem, string[]][] {
  const result = new Map<Ecosystem, Set<string>>();
  for (const ecosystem of context.index.ecosystems.keys()) result.set(ecosystem, new Set(ecosystem === 'github-actions' ? ['/'] : []));
  for (const manifest of context.index.manifests) result.get(manifest.ecosystem)?.add(directoryOf(manifest.path));
  for (const [ecosystem, path] of context.index.ecosystems)
    if (result.get(ecosystem)?.size === 0) result.get(ecosystem)?.add(directoryOf(path));
  return [...result]
    .map(([ecosystem, dirs]): [Ecosystem, string[]] => [ecosystem, [...dirs].sort()])
    .sort(([a], [b]) => a.localeCompare(b));
}

export function dependabotDraft(ecosystems: readonly [string, readonly string[]][]): string {
  const entries = ecosystems.map(([ecosystem, dirs]) => {
    const where =
      dirs.length === 1 ? `    directory: "${dirs[0]}"\n` : `    directories:\n${dirs.map((dir) => `      - "${dir}"\n`).join('')}`;
    return `  - package-ecosystem: ${ecosystem}\n${where}    schedule:\n      interval: weekly\n    cooldown:\n      default-days: ${COOLDOWN_DAYS}\n`;
  });
  return `# DRAFT written by \`ssc-audit fix\`: check the directories and the schedule, then delete this line.\nversion: 2\nupdates:\n${entries.join('')}`;
}

export const dependencyUpdateToolFixer: Fixer = {
  ruleId: 'dependency-update-tool',
  fixes(context) {
    const ecosystems = ecosystemDirectories(context);
    if (anyExists(context, [...DEPENDABOT_PATHS, ...RENOVATE_PATHS]) || ecosystems.length === 0) return [];
    const path = '.github/dependabot.yml';
    return [
      fix({
        ruleId: 'dependency-update-tool',
        path,
        safety: 'safe',
        creates: true,
        description: `create a draft ${path} for ${ecosystems.map(([name]) => name).join(', ')} with a ${COOLDOWN_DAYS}-day cooldown`,
        patches: [{ path, start: 0, end: 0, replacement: dependabotDraft(ecosystems) }],
        resolves: fingerprintsOf(context, 'dependency-update-tool', 'no-update-tool'),
      }),
    ];
  },
};
