// The baseline of the whole-process bench: a process that only reads and YAML-parses the files the audit parses
// (workflows and local actions), with the same parser and options, and exits. Usage: node bench/bare-parse.mjs DIR.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';

/** Workflows (.github/workflows/*.yml|yaml) and local actions (.github/actions/<name>/action.yml|yaml). */
export function parsedFiles(dir) {
  const list = (path) => {
    try {
      return readdirSync(path, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const workflows = join(dir, '.github', 'workflows');
  const actions = join(dir, '.github', 'actions');
  return [
    ...list(workflows)
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => join(workflows, entry.name)),
    ...list(actions)
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) =>
        list(join(actions, entry.name))
          .filter((file) => /^action\.ya?ml$/.test(file.name))
          .map((file) => join(actions, entry.name, file.name)),
      ),
  ];
}

if (process.argv[2]) {
  let documents = 0;
  for (const file of parsedFiles(process.argv[2])) {
    parseDocument(readFileSync(file, 'utf8'), { lineCounter: new LineCounter() });
    documents++;
  }
  process.stdout.write(`${documents}\n`);
}
