import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';

/** A data directory of its own: a copy of the migrated template when there is one (PGlite runs). */
function scratchDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-lock-'));
  const template = inject('templateDatabase');
  const dataDir = path.join(dir, 'pglite');
  if (existsSync(template)) cpSync(template, dataDir, { recursive: true });
  return { dir, dataDir };
}

describe('PGlite data directory lock', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('refuses a second open of the same directory, naming it and the pid that holds it', async () => {
    const { dir, dataDir } = scratchDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await openDatabase({ dataDir });
    cleanup.push(() => first.close());
    await first.execScript('CREATE TABLE lock_probe (n int); INSERT INTO lock_probe VALUES (1)');

    let second: Database | undefined;
    const attempt = openDatabase({ dataDir }).then((database) => (second = database));
    await expect(attempt).rejects.toMatchObject({
      name: 'DataDirInUseError',
      dataDir,
      holderPid: process.pid,
    });
    await expect(attempt).rejects.toThrow(
      `The database directory ${dataDir} is already open in another process (pid ${process.pid})`,
    );
    if (second) await second.close();

    // The holder is untouched and keeps its data.
    expect(await first.query('SELECT n FROM lock_probe')).toEqual([{ n: 1 }]);
  });

  it('frees the directory when the holder closes it', async () => {
    const { dir, dataDir } = scratchDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await openDatabase({ dataDir });
    await first.execScript('CREATE TABLE lock_probe (n int); INSERT INTO lock_probe VALUES (7)');
    await first.close();

    const again = await openDatabase({ dataDir });
    cleanup.push(() => again.close());
    expect(await again.query('SELECT n FROM lock_probe')).toEqual([{ n: 7 }]);
  });
});

// Provided by apps/server/test/global-setup.ts (the migrated PGlite template directory).
declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
