import { VERSION } from '../version.js';

const args = process.argv.slice(2);
const only = args.length === 1 ? args[0] : undefined;
// `--version` and `--help` answer before the pipeline is loaded (its rules, YAML and shell parsers): start-up
// stays fast. Any other use, including these flags beside others, goes through main's argument parsing.
if (only === '--version' || only === '-v') {
  process.stdout.write(`${VERSION}\n`);
} else if (only === '--help' || only === '-h') {
  const { HELP } = await import('./help.js');
  process.stdout.write(HELP);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
  });
}
