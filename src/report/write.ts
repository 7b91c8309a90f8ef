import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, parse, sep } from 'node:path';

/** The file operations an atomic write needs (injectable, so tests can simulate a full disk). */
export interface AtomicIo {
  mkdir(path: string): void;
  write(path: string, content: string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

/**
 * Creates missing folders one level at a time. Node's `mkdir({ recursive: true })` never returns for some
 * paths (under /proc, for one); this loop is bounded by the path's depth and fails with the real error.
 */
export function ensureDirectory(path: string): void {
  const { root } = parse(path);
  let current = root;
  for (const part of path.slice(root.length).split(sep).filter(Boolean)) {
    current = join(current, part);
    if (!existsSync(current)) mkdirSync(current);
  }
}

const nodeIo: AtomicIo = {
  mkdir: ensureDirectory,
  write: (path, content) => writeFileSync(path, content),
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { force: true }),
};

/** Temporary files not yet renamed: removed if the process exits or is interrupted first. */
const pending = new Set<string>();
let hooked = false;

function removePending(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

/** On exit, or on a signal (then re-raised so the process still ends as the signal says), no temporary file stays. */
function hookInterrupts(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', removePending);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removePending();
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Why `path` must not be replaced: it exists and is not a regular file (a device such as /dev/null, a FIFO, a
 * socket, a directory). A rename over it would swap a device node for a regular file.
 */
export function unwritableTarget(path: string): string | undefined {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined;
  }
  if (stats.isFile() || stats.isSymbolicLink()) return undefined;
  const kind =
    stats.isCharacterDevice() || stats.isBlockDevice()
      ? 'a device'
      : stats.isFIFO()
        ? 'a named pipe'
        : stats.isSocket()
          ? 'a socket'
          : stats.isDirectory()
            ? 'a directory'
            : 'not a regular file';
  return `${path} is ${kind}; a report is written only to a regular file (or a new path)`;
}

/**
 * Writes a report atomically: a temporary file beside the target, then a rename, so that a reader never
 * sees a truncated report (even when the disk fills mid-write). A target that is not a regular file is refused.
 */
export function writeFileAtomic(path: string, content: string, io: AtomicIo = nodeIo): void {
  const refused = unwritableTarget(path);
  if (refused) throw new Error(refused);
  io.mkdir(dirname(path));
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  hookInterrupts();
  pending.add(temporary);
  try {
    io.write(temporary, content);
    io.rename(temporary, path);
  } catch (error) {
    io.remove(temporary);
    throw error;
  } finally {
    pending.delete(temporary);
  }
}
