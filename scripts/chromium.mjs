// Headless Chromium for the HTML report test and scripts/screenshot.mjs. The browser comes through `npm ci`:
// @sparticuz/chromium ships a Chromium build inside the package, so a fresh machine needs no system browser.
// CHROME_PATH, then a working `chromium` on the PATH, override it.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { chromium } from 'playwright-core';

/**
 * Flags for Chromium run as root on a machine with a closed network: without the background-networking ones it
 * keeps trying to reach Google's hosts. Playwright adds --headless and a fresh --user-data-dir per launch.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_CHROMIUMS = ['chromium', 'chromium-browser'];

/** Where the shell would find `name`: the first match on the PATH, as `command -v` says. */
function onPath(name) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((path) => existsSync(path));
}

/** A system Chromium that really starts: on a fresh machine `chromium` may be a stub that exits 127. */
function systemChromium() {
  return SYSTEM_CHROMIUMS.map(onPath).find(
    (path) => path !== undefined && spawnSync(path, ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0,
  );
}

/**
 * The package's Chromium, decompressed once per package version into node_modules/.cache. Written under a
 * temporary name and renamed, so a test and a script starting together never run a half-written binary.
 */
async function bundledChromium() {
  const packageDir = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..');
  const compressed = join(packageDir, 'bin', 'chromium.br');
  if (!existsSync(compressed))
    throw new Error(`${compressed} is missing: run npm ci (it installs @sparticuz/chromium), or set CHROME_PATH.`);
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const cache = join(packageDir, '..', '..', '.cache', 'ssc-audit', `chromium-${version}`);
  const executable = join(cache, 'chromium');
  if (existsSync(executable)) return executable;
  mkdirSync(cache, { recursive: true });
  const partial = `${executable}.${process.pid}.partial`;
  await pipeline(createReadStream(compressed), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }));
  renameSync(partial, executable);
  return executable;
}

/** Which Chromium to run: CHROME_PATH, else a working system `chromium`, else the one npm ci installed. */
export async function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist: unset it to use the Chromium that npm ci installs.`);
    return fromEnv;
  }
  return systemChromium() ?? (await bundledChromium());
}

/** Starts headless Chromium with the flags above. */
export async function launchChromium() {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
}
