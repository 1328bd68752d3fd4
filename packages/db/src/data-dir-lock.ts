import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// A CommonJS native addon without type declarations; only tryLock is used.
const nativeFs = createRequire(import.meta.url)('fs-native-extensions') as {
  tryLock(fd: number): boolean;
};

/** The file inside the data directory whose lock marks it as open; it holds the holder's pid. */
export const LOCK_FILE = 'flowpilot.lock';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `The database directory ${dataDir} is already open in another process` +
        `${holderPid === undefined ? '' : ` (pid ${holderPid})`}. ` +
        'Only one process may use it at a time: stop that process, or give this one its own data directory.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes an exclusive OS lock on `<dataDir>/flowpilot.lock` for as long as this process keeps it
 * (see docs/decisions/010-data-directory-lock.md). The kernel drops the lock when the file is
 * closed or the process dies, however it dies, so a kill -9 never leaves the directory stuck.
 * On Linux it is an open-file-description lock: a second open in the same process is refused too.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const fd = openSync(lockPath, constants.O_RDWR | constants.O_CREAT, 0o644);
  let granted: boolean;
  try {
    granted = nativeFs.tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!granted) {
    closeSync(fd);
    throw new DataDirInUseError(dataDir, readHolderPid(lockPath));
  }
  // The pid is only for the message a second process prints; the lock itself is what counts.
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`, 0);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      // Closing the descriptor releases the lock. The file stays: unlinking it would let a
      // process that opened the old file and one that creates a new one both hold "the" lock.
      closeSync(fd);
    },
  };
}

function readHolderPid(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    // The holder may not have written its pid yet.
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
