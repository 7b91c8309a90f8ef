/**
 * Whether a GoReleaser run publishes only pre-release channels: its configuration disables the GitHub release,
 * names no other publisher, and every container image it pushes carries only channel tags (osv-scanner's
 * `.goreleaser-nightly.yml` pushes `ghcr.io/google/osv-scanner:nightly` with `release: disable: true`).
 */
import type { Snapshot } from './snapshot.js';
import type { ToolUse } from './tools.js';
import { parseYaml, toPlain, view } from './yaml.js';

/**
 * Tags of a pre-release channel (`:canary`, `:nightly`, `:edge`, `:dev`, `:snapshot`, `:main`): users opt in to
 * them, and the next build replaces them.
 */
export const PRE_RELEASE_TAG = /^(canary|nightly|edge|dev|develop|snapshot|unstable|main|master|head)([-.][\w.-]*)?$/i;
const CHANNEL_WORD = /^(canary|nightly|edge|dev|develop|snapshot|unstable|main|master|head)$/i;

/** Where GoReleaser looks when `--config` is not given (goreleaser.com/customization). */
const DEFAULT_CONFIGS = ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'];

/** Sections that publish somewhere other than the GitHub release and the container registries. */
const OTHER_PUBLISHERS = [
  'blobs',
  'uploads',
  'artifactories',
  'brews',
  'homebrew_casks',
  'scoops',
  'winget',
  'aurs',
  'aur_sources',
  'nix',
  'krews',
  'snapcrafts',
  'publishers',
  'chocolateys',
  'npms',
  'furies',
  'gemfury',
  'cloudsmiths',
];

/**
 * Whether an image reference's tag names a channel: the whole literal tag (`nightly`, `edge-amd64`), or, in a
 * templated tag, one literal `-`/`.`-separated part (`nightly-{{ .ShortCommit }}`, `{{ .Version }}-nightly`).
 */
export function channelTag(reference: string): boolean {
  const literal = reference.replace(/\{\{.*?\}\}/g, '\u0000');
  const name = literal.slice(literal.lastIndexOf('/') + 1);
  if (!name.includes(':')) return false;
  const tag = name.slice(name.indexOf(':') + 1);
  if (!tag.includes('\u0000')) return PRE_RELEASE_TAG.test(tag);
  return tag.split(/[-.+_]/).some((part) => CHANNEL_WORD.test(part));
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  return list(value).filter((item): item is string => typeof item === 'string');
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Every image reference a configuration pushes, with the tag; undefined when one is built in a way not read here. */
function imageReferences(config: Record<string, unknown>): string[] | undefined {
  const references: string[] = [];
  for (const docker of list(config.dockers)) references.push(...strings(record(docker).image_templates));
  for (const manifest of list(config.docker_manifests)) {
    const name = record(manifest).name_template;
    if (typeof name !== 'string') return undefined;
    references.push(name);
  }
  for (const docker of list(config.dockers_v2)) {
    const images = strings(record(docker).images);
    const tags = strings(record(docker).tags);
    if (images.length === 0 || tags.length === 0) return undefined;
    references.push(...images.flatMap((image) => tags.map((tag) => `${image}:${tag}`)));
  }
  for (const ko of list(config.kos)) {
    const tags = strings(record(ko).tags);
    if (tags.length === 0) return undefined;
    references.push(...tags.map((tag) => `ko:${tag}`));
  }
  return references;
}

/** The configuration file a GoReleaser step reads: its `--config` / `-f`, under the action's `workdir`. */
function configPaths(use: ToolUse): string[] | undefined {
  const step = use.step;
  const value = (key: string): string | undefined => step?.with.find((entry) => entry.key === key)?.scalar?.value.trim();
  const args = use.via === 'action' ? (value('args') ?? '') : use.detail;
  const workdir = use.via === 'action' ? value('workdir') : undefined;
  if (args.includes('${{') || workdir?.includes('${{')) return undefined;
  const given = /(?:^|\s)(?:--config|-f)(?:=|\s+)(["']?)([^\s"']+)\1/.exec(args)?.[2];
  if (given?.includes('$')) return undefined;
  const base = workdir && workdir !== '.' ? `${workdir.replace(/^\.\//, '').replace(/\/+$/, '')}/` : '';
  return (given ? [given] : DEFAULT_CONFIGS).map((path) => `${base}${path.replace(/^\.\//, '')}`);
}

export interface GoreleaserChannel {
  /** The configuration file read. */
  config: string;
  /** The image references it pushes, every one a channel tag, when that is all it publishes; else undefined. */
  images?: string[];
}

/**
 * The configuration a GoReleaser step reads (found in the snapshot), with the channel images it publishes when
 * that is all it publishes: `release: disable: true`, no other publisher section, and every image reference a
 * channel tag. Undefined when the step is not GoReleaser or its configuration was not read.
 */
export function goreleaserChannel(use: ToolUse, snapshot: Pick<Snapshot, 'files'>): GoreleaserChannel | undefined {
  if (use.spec.name !== 'GoReleaser') return undefined;
  const paths = configPaths(use);
  const source = paths?.map((path) => snapshot.files.texts.get(path)).find((text) => text !== undefined);
  if (!source) return undefined;
  const file = parseYaml(source);
  const read = { config: source.path };
  if (file.errors.length > 0) return read;
  const config = record(toPlain(file, view(file, file.doc.contents)));
  const disabled = record(config.release).disable;
  if (disabled !== true && disabled !== 'true') return read;
  if (OTHER_PUBLISHERS.some((key) => config[key] !== undefined && config[key] !== null)) return read;
  const images = imageReferences(config);
  return images && images.length > 0 && images.every(channelTag) ? { ...read, images } : read;
}
