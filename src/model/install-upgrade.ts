/**
 * Install documentation that tells users how to upgrade (claim 4.1.3): an Upgrade column beside install commands
 * (cli/cli's README), an "Upgrade:" label before a command (its docs/install_linux.md), an Upgrade heading in an
 * install page, or an unlabelled package-manager upgrade of a named package. update-guidance reads it.
 */
import { lineSpan, parseMarkdown, plainText, type MarkdownDoc } from './markdown.js';
import type { SourceText } from './source.js';
import type { Evidence } from './types.js';

/** Install documentation: the README, and docs pages named for installing (cli/cli `docs/install_linux.md`). */
const INSTALL_DOC = /^readme(\.[a-z]+)?$|^docs?\/(.*\/)?[^/]*install[^/]*\.(md|markdown)$/i;
/** A label or table column for the upgrade step: "Upgrade:", "To upgrade, run:", "Upgrading can be done by … an upgrade:". */
const UPGRADE_LABEL = /^(to\s+)?(upgrad(e|ing)|updat(e|ing))\b[^.:]{0,100}:$/i;
const UPGRADE_COLUMN = /^(upgrad(e|ing)|updat(e|ing))\s*:?$/i;
/**
 * Upgrading the tools of a developer setup, or a setting, not the project: "To update the snapshots, run:",
 * `pip install -U pip`, "Update your configuration file with your API token:".
 */
const DEVELOPER_UPGRADE =
  /\b(pip|setuptools|wheel|npm|yarn|pnpm|node|rustup|toolchains?|dependenc(y|ies)|deps|snapshots?|docs|documentation|lock\s*files?|lockfiles?|go\.mod|submodules?|golden|fixtures?|tests?|translations?|config(uration)?|settings|tokens?|credentials|environment|variables?)\b/i;
/**
 * A command that upgrades an installed package, unlabelled: package managers' upgrade verbs with a package named.
 * Not commands that also install (`go install …@latest`, a bare `cargo install`), nor upgrading the system
 * (`apt-get upgrade` in a Dockerfile example) or the installer itself (`pip install -U pip`).
 */
const UPGRADE_COMMAND =
  /\b(brew|port|choco|winget|flox|mas)\s+upgrade\s+(--id\s+)?[\w@./-]|\bscoop\s+update\s+\w|\bconda\s+update\s+(?!conda\b)\w|\bapt(-get)?\s+install\s+--only-upgrade\b|\b(dnf|yum|zypper)\s+(update|upgrade)\s+\w|\bnpm\s+(update|upgrade)\s+(-g|--global)\s+\w/;
/**
 * Install commands with a flag that also upgrades: they count only where the text beside them says so (cbindgen:
 * "--force just makes it update to the latest cbindgen if it's already installed"); pydantic's "Install using
 * `pip install -U pydantic`" tells users how to install, not how to apply updates.
 */
const INSTALL_OR_UPGRADE_COMMAND =
  /\bcargo\s+install\s+(--force|-f)\b|\bpip3?\s+install\s+(--upgrade|-U)\s+(?!pip\b|setuptools\b|wheel\b|-)\w/;
const SAYS_UPGRADE = /\b(upgrad|updat)\w*|\blatest\b/i;
const CODE_SPAN = /`([^`]+)`/g;

/** The first command in the lines after `line` (1-based), across blank lines: a fenced block's first line or inline code. */
function commandAfter(doc: MarkdownDoc, line: number): { text: string; line: number } | undefined {
  let inFence = false;
  for (let at = line; at < Math.min(doc.lines.length, line + 12); at += 1) {
    const raw = doc.lines[at].trim();
    if (raw === '') continue;
    if (/^(```|~~~)/.test(raw)) {
      if (inFence) return undefined;
      inFence = true;
      continue;
    }
    if (inFence) return { text: raw, line: at + 1 };
    const code = /`([^`]+)`/.exec(raw);
    return code ? { text: code[1], line: at + 1 } : undefined;
  }
  return undefined;
}

/**
 * Install documentation that tells users how to upgrade: an Upgrade column beside the install commands (cli/cli
 * README.md "| Install: | Upgrade: |" with `brew upgrade gh`), an "Upgrade:" label before a command (cli/cli
 * docs/install_linux.md), a heading for it in an install page, or a package manager's upgrade command. "Upgrade"
 * said in passing, or a developer's tool upgrade, is not.
 */
export function installUpgrade(texts: readonly SourceText[]): Evidence | undefined {
  for (const text of texts.filter((t) => INSTALL_DOC.test(t.path)).slice(0, 8)) {
    const doc = parseMarkdown(text);
    for (const table of doc.tables) {
      const column = table.headers.findIndex((header) => UPGRADE_COLUMN.test(header.replace(/[*_`]/g, '').trim()));
      // Cells are plain text: the raw row shows the command in code.
      const row =
        column < 0
          ? undefined
          : table.rows.find((candidate) => (candidate.cells[column] ?? '').trim() !== '' && doc.lines[candidate.line - 1].includes('`'));
      if (row)
        return {
          message: `${text.path} gives an upgrade command beside the install command (\`${(row.cells[column] ?? '').trim().slice(0, 80)}\`)`,
          location: lineSpan(doc, row.line),
        };
    }
    for (let at = 0; at < doc.prose.length; at += 1) {
      const label = doc.prose[at].replace(/[*_]/g, '').trim();
      if (!UPGRADE_LABEL.test(label) || DEVELOPER_UPGRADE.test(label)) continue;
      const command = commandAfter(doc, at + 1);
      if (command)
        return {
          message: `${text.path} tells users how to upgrade ("${label.slice(0, 100)}" \`${command.text.slice(0, 80)}\`)`,
          location: lineSpan(doc, at + 1),
        };
    }
    if (!/^readme/i.test(text.path)) {
      const heading = doc.headings.find(
        (h) => /^(upgrad(e|es|ing)|updat(e|es|ing))\b/i.test(h.text.trim()) && !DEVELOPER_UPGRADE.test(h.text),
      );
      if (heading) return { message: `${text.path} has an upgrade section ("${heading.text}")`, location: lineSpan(doc, heading.line) };
    }
    for (let at = 0; at < doc.lines.length; at += 1) {
      const line = doc.lines[at];
      const inProse = doc.prose[at] === line;
      // In prose only inline code is a command; a fenced block's lines are commands whole.
      const candidates = inProse ? [...line.matchAll(CODE_SPAN)].map((match) => match[1]) : doc.prose[at].trim() === '' ? [line] : [];
      const beside = (): string =>
        doc.prose
          .slice(Math.max(0, at - 3), at + 4)
          .map((text) => plainText(text.replace(CODE_SPAN, ' ')))
          .join(' ');
      const command = candidates.find(
        (candidate) => UPGRADE_COMMAND.test(candidate) || (INSTALL_OR_UPGRADE_COMMAND.test(candidate) && SAYS_UPGRADE.test(beside())),
      );
      if (command)
        return {
          message: `${text.path} gives the command to upgrade (\`${command.trim().slice(0, 80)}\`)`,
          location: lineSpan(doc, at + 1),
        };
    }
  }
  return undefined;
}
