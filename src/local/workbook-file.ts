/**
 * The file under a local workbook: its lock, its fingerprint and its atomic replacement.
 *
 * - The lock is a file beside the workbook's real path (`<file>.lock`), made by hard-linking a
 *   complete temporary file, so that it is never seen empty. It records the process id, when that
 *   process started, the host and when it was taken. A lock whose process no longer runs on this
 *   host (or whose id now belongs to a later process) is taken over at once; one that cannot be
 *   read (or was taken on another host) is taken over after ten minutes.
 * - A fingerprint (size, modification time, SHA-256) is taken when the file is read; the file is
 *   replaced only when its content is still the one read, so no other program's save is lost.
 * - The new content is written to a temporary file beside the real file (links are followed), with
 *   the old file's permissions, synced, then renamed over it. A read-only file is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Lang } from '../core/labels';
import { LocalError } from './messages';

/** A lock that cannot be checked (unreadable, or from another host) is stale after this long. */
export const LOCK_STALE_MS = 10 * 60_000;

/** The real path of a file: symbolic links followed, even to a target that does not exist yet. */
export function realFilePath(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return realpathSync(current);
    } catch {
      try {
        current = resolve(dirname(current), readlinkSync(current));
      } catch {
        return current;
      }
    }
  }
  return current;
}

/** What a file held when it was read; null for a file that did not exist. */
export interface Fingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** The bytes of a file and their fingerprint, or null when there is no such file. */
export function readWithFingerprint(path: string): { bytes: Buffer; fingerprint: Fingerprint } | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return null;
  const bytes = readFileSync(path);
  return { bytes, fingerprint: fingerprintOf(bytes, stat.mtimeMs) };
}

/** The fingerprint of bytes a file holds (as just written or read). */
export function fingerprintOf(bytes: Uint8Array, mtimeMs: number): Fingerprint {
  return { size: bytes.length, mtimeMs, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Whether two fingerprints are of the same content (a touched but unchanged file is the same). */
export function sameContent(a: Fingerprint | null, b: Fingerprint | null): boolean {
  return a === null || b === null ? a === b : a.size === b.size && a.sha256 === b.sha256;
}

/** Whether a process runs on this machine (a process of another user counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started (Linux: clock ticks since boot, `/proc/<pid>/stat` field 22), or null
 * where that cannot be read: it tells a process from a later one that got the same id.
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

interface LockRecord {
  pid: number;
  host: string;
  since: string;
  token: string;
  /** When the process started (see processStart); absent where it cannot be read. */
  started?: string;
}

function parseLock(text: string): LockRecord | null {
  try {
    const record = JSON.parse(text) as Partial<LockRecord>;
    return typeof record.pid === 'number' &&
      typeof record.host === 'string' &&
      typeof record.since === 'string' &&
      typeof record.token === 'string'
      ? (record as LockRecord)
      : null;
  } catch {
    return null;
  }
}

function unique(): string {
  return randomBytes(6).toString('hex');
}

/** Our temporary files beside a file: `<file>.segmento-<pid>-<random>.tmp` (and older `<file>.<pid>.tmp`). */
const TEMPORARY = /^\.(?:lock\.)?(?:segmento-)?(\d+)(?:-[0-9a-z]+)?\.tmp$/;

function temporaryPath(path: string): string {
  return `${path}.segmento-${process.pid}-${unique()}.tmp`;
}

/**
 * Removes the temporary files that a run killed before its rename left beside the file: those of
 * processes that no longer run (and none of a process still running).
 */
export function removeStaleTemporaries(path: string): string[] {
  const name = basename(path);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dirname(path));
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (!entry.startsWith(name)) continue;
    const pid = TEMPORARY.exec(entry.slice(name.length))?.[1];
    if (pid === undefined || processAlive(Number(pid))) continue;
    rmSync(join(dirname(path), entry), { force: true });
    removed.push(entry);
  }
  return removed;
}

/** Who holds a lock, for a person's message. */
export interface LockHolder {
  lockPath: string;
  record: LockRecord | null;
  since: Date;
}

/** How long a wait for the lock lasts before it is said (one given up sooner goes unsaid). */
const WAIT_SAID_AFTER_MS = 200;

/** A lock on one file, re-entrant within the object that holds it. */
export class FileLock {
  readonly lockPath: string;
  private depth = 0;
  private token = '';

  constructor(
    readonly filePath: string,
    private readonly lang: Lang,
    private readonly notify: (message: string) => void,
  ) {
    this.lockPath = `${filePath}.lock`;
  }

  get held(): boolean {
    return this.depth > 0;
  }

  /** One attempt: true when taken (or already held here), else who holds it. */
  tryTake(): true | LockHolder {
    if (this.depth > 0) {
      this.depth++;
      return true;
    }
    const started = processStart(process.pid);
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = unique();
      const record: LockRecord = {
        pid: process.pid,
        host: hostname(),
        since: new Date().toISOString(),
        token,
        ...(started === null ? {} : { started }),
      };
      const temporary = `${this.lockPath}.${process.pid}-${token}.tmp`;
      writeFileSync(temporary, JSON.stringify(record));
      try {
        linkSync(temporary, this.lockPath);
        this.token = token;
        this.depth = 1;
        removeStaleTemporaries(this.filePath);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        rmSync(temporary, { force: true });
      }
      const holder = this.holder();
      if (holder === null) continue;
      if (!this.isStale(holder)) return holder;
      this.removeStale(holder);
    }
    return this.holder() ?? { lockPath: this.lockPath, record: null, since: new Date() };
  }

  release(): void {
    if (this.depth === 0) return;
    if (--this.depth > 0) return;
    try {
      if (parseLock(readFileSync(this.lockPath, 'utf8'))?.token === this.token) rmSync(this.lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** Polls until taken or `waitMs` has passed (blocking: for the port's synchronous lock). */
  takeBlocking(waitMs: number, pollMs: number): true | LockHolder {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const taken = this.tryTake();
      const left = deadline - Date.now();
      if (taken === true || left <= 0) return taken;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(pollMs, left));
    }
  }

  /**
   * Polls until taken or `waitMs` has passed, letting other work run in between; says once that it
   * waits, and for whom, when the wait may be long (a second or more) and has lasted
   * `WAIT_SAID_AFTER_MS`. Stops waiting as soon as `giveUp` says so (the holder is then given, as
   * after the wait).
   */
  async take(waitMs: number, pollMs: number, giveUp?: () => boolean): Promise<true | LockHolder> {
    const deadline = Date.now() + waitMs;
    let told = waitMs < 1_000;
    for (;;) {
      const taken = this.tryTake();
      const left = deadline - Date.now();
      if (taken === true || left <= 0 || giveUp?.()) return taken;
      if (!told && waitMs - left >= WAIT_SAID_AFTER_MS) {
        told = true;
        const pid = taken.record?.pid ?? '?';
        const seconds = Math.ceil(waitMs / 1000);
        this.notify(new LocalError('lock.waiting', { path: this.filePath, pid, seconds }, this.lang).message);
      }
      await new Promise((done) => setTimeout(done, Math.min(pollMs, left)));
    }
  }

  /** The message for a person when the lock is held by another run. */
  busyError(holder: LockHolder): LocalError {
    const { record } = holder;
    const common = { path: this.filePath, lock: holder.lockPath, since: holder.since.toISOString() };
    return record
      ? new LocalError('lock.held', { ...common, pid: record.pid, host: record.host }, this.lang)
      : new LocalError('lock.heldUnknown', common, this.lang);
  }

  private holder(): LockHolder | null {
    try {
      const stat = statSync(this.lockPath);
      const record = parseLock(readFileSync(this.lockPath, 'utf8'));
      return { lockPath: this.lockPath, record, since: record ? new Date(record.since) : stat.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Stale when its process is gone, or its id now belongs to a process started later. */
  private isStale({ record }: LockHolder): boolean {
    if (record && record.host === hostname()) {
      if (!processAlive(record.pid)) return true;
      const started = record.started === undefined ? null : processStart(record.pid);
      return started !== null && started !== record.started;
    }
    const stat = statSync(this.lockPath, { throwIfNoEntry: false });
    return stat !== undefined && Date.now() - stat.mtimeMs >= LOCK_STALE_MS;
  }

  /**
   * Moves a stale lock aside, then checks it was the one judged stale: another run may have taken
   * it over in between, and its lock is then put back.
   */
  private removeStale(holder: LockHolder): void {
    const aside = `${this.lockPath}.${process.pid}-${unique()}.tmp`;
    try {
      renameSync(this.lockPath, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = parseLock(readFileSync(aside, 'utf8'));
    if (moved && moved.token !== holder.record?.token) {
      try {
        linkSync(aside, this.lockPath);
      } catch {
        // A third run took the lock meanwhile: it holds it now.
      }
    } else if (holder.record) {
      this.notify(
        new LocalError('lock.takenOver', { lock: this.lockPath, pid: holder.record.pid }, this.lang).message,
      );
    }
    rmSync(aside, { force: true });
  }
}

/**
 * Refuses a target that is a directory or read-only (no write permission for anyone: root could
 * still write it, a person asked for it not to be); gives its state, undefined when it does not exist.
 */
export function assertReplaceable(realPath: string, lang: Lang): Stats | undefined {
  const stat = statSync(realPath, { throwIfNoEntry: false });
  if (stat && !stat.isFile()) throw new LocalError('file.notFile', { path: realPath }, lang);
  if (stat && (stat.mode & 0o222) === 0) throw new LocalError('file.readOnly', { path: realPath }, lang);
  return stat;
}

/**
 * Replaces the file at `realPath` with `bytes`, only if it still holds what was read (`expected`,
 * null for no file): a temporary file beside it with the same permissions and owner is written
 * and synced first; then the file's content is compared with `expected` and, right before the
 * rename, its size and time with those just compared, so another program's save is never
 * overwritten (LocalError `file.changed`, naming `shownPath`). Refuses a read-only file or a
 * directory. Gives the fingerprint of what it wrote.
 */
export function replaceFile(
  realPath: string,
  bytes: Uint8Array,
  lang: Lang,
  expected: Fingerprint | null,
  shownPath = realPath,
): Fingerprint {
  const stat = assertReplaceable(realPath, lang);
  const temporary = temporaryPath(realPath);
  try {
    // A new file gets the usual permissions (umask applied); an existing one keeps its own.
    const fd = openSync(temporary, 'wx', stat ? 0o600 : 0o666);
    try {
      for (let offset = 0; offset < bytes.length;)
        offset += writeSync(fd, bytes, offset, bytes.length - offset);
      if (stat) {
        try {
          fchownSync(fd, stat.uid, stat.gid);
        } catch {
          // Without privileges the owner cannot be given away; the mode below still holds.
        }
        fchmodSync(fd, stat.mode & 0o7777);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const now = readWithFingerprint(realPath)?.fingerprint ?? null;
    const last = statSync(realPath, { throwIfNoEntry: false });
    const moved = now === null ? last !== undefined : last?.mtimeMs !== now.mtimeMs || last.size !== now.size;
    if (!sameContent(now, expected) || moved) throw new LocalError('file.changed', { path: shownPath }, lang);
    renameSync(temporary, realPath);
    syncDirectory(dirname(realPath));
    return fingerprintOf(bytes, statSync(realPath).mtimeMs);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function syncDirectory(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Not every file system syncs a directory; the rename itself is atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
