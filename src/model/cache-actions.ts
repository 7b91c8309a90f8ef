/**
 * The actions that use the Actions cache, and how each one's cache is switched, from each action's documented
 * inputs. One table for the rules that ask whether a step restores a cache (cache-poisoning) and the index's reach
 * of a job (job-reach.ts).
 */
import { actionName, input, inputValue, remoteAction, usesAction } from './steps.js';
import type { Region } from './types.js';
import { majorVersion, usesVersion } from './uses.js';
import type { AnalysedFile, Step } from './workflow.js';

interface CacheAction {
  name: RegExp;
  /** Inputs that turn the cache on: present and not `''`/`false` means on, present and off means off. */
  enable?: string[];
  /** Inputs that turn the cache off when `true`. */
  disable?: string[];
  /** Caching when no input says otherwise: always, or from this major version on. */
  defaultOn?: true | number;
  /** An input without which the cache is never used (setup-buildx caches only a pinned `version`). */
  requires?: string;
}

/** Actions that restore a cache, with how their cache is switched (from each action's documented inputs). */
const CACHE_ACTIONS: CacheAction[] = [
  { name: /^actions\/cache(\/restore)?$/, disable: ['lookup-only'], defaultOn: true },
  { name: /^swatinem\/rust-cache$/, disable: ['lookup-only'], defaultOn: true },
  // setup-node v5+ caches the package manager named in package.json unless told not to.
  { name: /^actions\/setup-node$/, enable: ['cache', 'package-manager-cache'], defaultOn: 5 },
  { name: /^actions\/setup-(python|java|dotnet)$/, enable: ['cache'] },
  { name: /^actions\/setup-go$/, enable: ['cache'], defaultOn: 4 },
  // setup-uv v6+ defaults `enable-cache` to `auto` (on for GitHub-hosted runners).
  { name: /^astral-sh\/setup-uv$/, enable: ['enable-cache'], defaultOn: 6 },
  { name: /^(gradle\/actions\/setup-gradle|gradle\/gradle-build-action)$/, disable: ['cache-disabled'], defaultOn: true },
  { name: /^pnpm\/action-setup$/, enable: ['cache'] },
  { name: /^ruby\/setup-ruby$/, enable: ['bundler-cache'] },
  { name: /^oven-sh\/setup-bun$/, disable: ['no-cache'], defaultOn: true },
  { name: /^mozilla-actions\/sccache-action$/, defaultOn: true },
  { name: /^pyo3\/maturin-action$/, enable: ['sccache'] },
  { name: /^docker\/setup-buildx-action$/, enable: ['cache-binary'], requires: 'version' },
  { name: /^ramsey\/composer-install$/, disable: ['ignore-cache'], defaultOn: true },
  { name: /^jdx\/mise-action$/, enable: ['cache'], defaultOn: true },
];

/** The cache action an action name is, if any. */
function cacheAction(name: string): CacheAction | undefined {
  return CACHE_ACTIONS.find((entry) => entry.name.test(name));
}

function isOff(value: string): boolean {
  return value === '' || value === 'false';
}

/** YAML 1.1-style truthy strings that actions' boolean inputs accept. */
function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['true', 'yes', 'on', '1'].includes(value.toLowerCase());
}

/**
 * Judges an input's or condition's text on the path the caller cares about: false when it is surely falsy there,
 * true when surely truthy, undefined when unknown. Without one, only literal values count.
 */
export type Judge = (text: string) => boolean | undefined;

const LITERAL_ONLY: Judge = () => undefined;

/** Where a step uses a cache (its `uses:` or the input that turns caching on), or undefined. */
export function cacheRegion(file: AnalysedFile, step: Step, judge: Judge = LITERAL_ONLY): Region | undefined {
  const ref = remoteAction(step);
  if (!ref || !step.uses) return undefined;
  if (step.if && judge(step.if.value) === false) return undefined;
  const known = cacheAction(actionName(ref));
  if (known) {
    if ((known.disable ?? []).some((key) => isTrue(inputValue(step, key)) || judge(inputValue(step, key) ?? '') === true)) return undefined;
    if (known.requires && inputValue(step, known.requires) === undefined) return undefined;
    const toggles = (known.enable ?? [])
      .map((key) => ({ key, value: inputValue(step, key) }))
      .filter((toggle) => toggle.value !== undefined);
    const on = toggles.find((toggle) => !isOff(toggle.value ?? '') && judge(toggle.value ?? '') !== false);
    if (on) return input(step, on.key)?.keyRegion ?? step.uses.region;
    if (toggles.length > 0) return undefined;
    if (known.defaultOn === true) return step.uses.region;
    if (known.defaultOn === undefined) return undefined;
    const major = majorVersion(usesVersion(file.file, step.uses, ref));
    return major === undefined || major >= known.defaultOn ? step.uses.region : undefined;
  }
  if (usesAction(step, 'docker/build-push-action')) {
    const cacheFrom = input(step, 'cache-from');
    if (cacheFrom?.scalar && /type=gha/.test(cacheFrom.scalar.value)) return cacheFrom.keyRegion;
  }
  return undefined;
}
