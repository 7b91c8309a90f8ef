import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Writes a report atomically: a temporary file beside the target, then a rename, so that a reader never
 * sees a truncated report (even when the disk fills mid-write).
 */
export function writeFileAtomic(path: string, content: string, io: AtomicIo = nodeIo): void {
  io.mkdir(dirname(path));
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    io.write(temporary, content);
    io.rename(temporary, path);
  } catch (error) {
    io.remove(temporary);
    throw error;
  }
}
