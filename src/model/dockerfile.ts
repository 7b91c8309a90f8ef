/**
 * Dockerfiles: `FROM` with global `ARG` defaults substituted and stage aliases followed, and `RUN` bodies
 * located so that the shell model can analyse them and findings point into the Dockerfile.
 */
import { regionAt, type SourceText } from './source.js';
import type { Region } from './types.js';

export interface ImageRef {
  /** The repository part (`ghcr.io/owner/image`). */
  name: string;
  tag?: string;
  /** `sha256:…` when pinned by digest. */
  digest?: string;
}

export interface DockerFrom {
  /** The image as written. */
  raw: string;
  /** With `ARG` defaults substituted. */
  image: string;
  region: Region;
  /** `AS name` of this stage. */
  stage?: string;
  /** The earlier stage this `FROM` builds on, when it names one. */
  stageRef?: string;
  scratch: boolean;
  /** A `$VAR` that has no default was left in the image. */
  unresolved: boolean;
}

export interface DockerRun {
  /** The shell script of the instruction (continuations kept, so offsets stay exact). */
  script: string;
  /** Offset of `script` in the Dockerfile. */
  offset: number;
  /** False for the JSON exec form: offsets inside the script are approximate. */
  exact: boolean;
  region: Region;
}

export interface DockerfileModel {
  path: string;
  source: SourceText;
  froms: DockerFrom[];
  runs: DockerRun[];
}

const DOCKERFILE_PATH = /(^|\/)(Dockerfile[^/]*|[^/]*\.dockerfile|Containerfile[^/]*)$/i;

export function isDockerfilePath(path: string): boolean {
  return DOCKERFILE_PATH.test(path) && !/\.(md|txt|sh|ya?ml|json)$/i.test(path);
}

/** Splits `image[:tag][@digest]`; a `:` before the last `/` is a registry port, not a tag. */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at === -1 ? undefined : ref.slice(at + 1);
  const rest = at === -1 ? ref : ref.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  return { name: tag === undefined ? rest : rest.slice(0, colon), tag, digest };
}

export function isDigestPinned(ref: string): boolean {
  return /@sha256:[0-9a-f]{64}$/i.test(ref.trim());
}

interface Instruction {
  keyword: string;
  /** Offset of the first character after the keyword and its spaces. */
  bodyStart: number;
  body: string;
  start: number;
}

/** Logical instructions: continuation lines joined (offsets kept), comment lines skipped, heredocs read. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const lineStart = offset;
    offset += line.length + 1;
    const match = /^(\s*)([A-Za-z]+)(\s+|$)/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const bodyStart = lineStart + match[0].length;
    let end = lineStart + line.length;
    let continued = line.endsWith('\\');
    while (continued && index + 1 < lines.length) {
      index += 1;
      const next = lines[index];
      end = offset + next.length;
      offset += next.length + 1;
      if (next.trimStart().startsWith('#') || next.trim() === '') continue;
      continued = next.endsWith('\\');
    }
    const heredoc = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(text.slice(bodyStart, end));
    if (heredoc) {
      while (index + 1 < lines.length) {
        index += 1;
        const next = lines[index];
        end = offset + next.length;
        offset += next.length + 1;
        if (next.trim() === heredoc[1]) break;
      }
    }
    result.push({ keyword: match[2].toUpperCase(), bodyStart, body: text.slice(bodyStart, end), start: lineStart + match[1].length });
  }
  return result;
}

function substitute(value: string, args: Map<string, string>): { value: string; unresolved: boolean } {
  let unresolved = false;
  const replaced = value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_match, braced: string | undefined, operator: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const known = args.get(name);
      if (operator === '-') return known && known !== '' ? known : (word ?? '');
      if (operator === '+') return known ? (word ?? '') : '';
      if (known === undefined) unresolved = true;
      return known ?? '';
    },
  );
  return { value: replaced, unresolved };
}

function unquoteValue(value: string): string {
  const trimmed = value.trim();
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

export function parseDockerfile(source: SourceText): DockerfileModel {
  const text = source.text;
  const froms: DockerFrom[] = [];
  const runs: DockerRun[] = [];
  const globalArgs = new Map<string, string>();
  const stages = new Set<string>();
  for (const instruction of instructions(text)) {
    if (instruction.keyword === 'ARG' && froms.length === 0) {
      for (const declaration of instruction.body.replace(/\\\n/g, ' ').trim().split(/\s+/)) {
        const eq = declaration.indexOf('=');
        if (eq > 0) globalArgs.set(declaration.slice(0, eq), unquoteValue(declaration.slice(eq + 1)));
        // `ARG NAME` without a default: only a --build-arg gives it a value, so it stays unknown.
      }
    } else if (instruction.keyword === 'FROM') {
      froms.push(readFrom(source, instruction, globalArgs, stages));
    } else if (instruction.keyword === 'RUN') {
      runs.push(readRun(source, instruction));
    }
  }
  return { path: source.path, source, froms, runs };
}

function readFrom(source: SourceText, instruction: Instruction, args: Map<string, string>, stages: Set<string>): DockerFrom {
  const words = [...instruction.body.matchAll(/\S+/g)];
  const imageWord = words.find((word) => !word[0].startsWith('--'));
  const raw = imageWord?.[0] ?? '';
  const start = instruction.bodyStart + (imageWord?.index ?? 0);
  const alias = words.findIndex((word) => word[0].toLowerCase() === 'as');
  const stage = alias !== -1 ? words[alias + 1]?.[0] : undefined;
  const substituted = substitute(raw, args);
  const image = substituted.value;
  const stageRef = stages.has(image.toLowerCase()) ? image : undefined;
  if (stage) stages.add(stage.toLowerCase());
  return {
    raw,
    image,
    region: regionAt(source, start, start + raw.length),
    stage,
    stageRef,
    scratch: image.toLowerCase() === 'scratch',
    unresolved: substituted.unresolved,
  };
}

function readRun(source: SourceText, instruction: Instruction): DockerRun {
  let body = instruction.body;
  let offset = instruction.bodyStart;
  const leadingFlag = /^--\S+(?:[ \t]+|\\\n)+/;
  for (let flag = leadingFlag.exec(body); flag; flag = leadingFlag.exec(body)) {
    body = body.slice(flag[0].length);
    offset += flag[0].length;
  }
  const region = regionAt(source, instruction.start, instruction.bodyStart + instruction.body.length);
  const heredoc = /^<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?[^\n]*\n/.exec(body);
  if (heredoc) {
    const close = body.lastIndexOf(`\n${heredoc[1]}`);
    return {
      script: body.slice(heredoc[0].length, close === -1 ? undefined : close + 1),
      offset: offset + heredoc[0].length,
      exact: true,
      region,
    };
  }
  if (body.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(body.replace(/\\\n/g, ' '));
      if (Array.isArray(parsed) && parsed.every((part) => typeof part === 'string')) {
        const parts = parsed as string[];
        const script = /^(\/bin\/)?(ba)?sh$/.test(parts[0] ?? '') && parts[1] === '-c' ? parts.slice(2).join(' ') : parts.join(' ');
        return { script, offset: instruction.start, exact: false, region };
      }
    } catch {
      // Not JSON: Docker runs it in the shell form.
    }
  }
  return { script: body, offset, exact: true, region };
}
