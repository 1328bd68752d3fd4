import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@flowpilot/db/database';
import { migrateUp } from '@flowpilot/db/migrate';
import { migrations } from '@flowpilot/db/migrations';

/**
 * Prepares one migrated database that every test file clones: PGlite's initdb takes
 * seconds, copying a data directory (or CREATE DATABASE … TEMPLATE on a server) does not.
 */
export default async function setup(project: TestProject) {
  const fingerprint = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `flowpilot_tpl_${fingerprint}`;
    const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.length === 0) {
      await admin.execScript(`CREATE DATABASE ${template}`);
      const target = new URL(url);
      target.pathname = `/${template}`;
      const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 1 });
      await migrateUp(database);
      await database.close();
    }
    await admin.close();
    project.provide('templateDatabase', template);
    return;
  }
  const root = path.join(os.tmpdir(), 'flowpilot-test');
  const templateDir = path.join(root, `template-${fingerprint}`);
  if (!existsSync(templateDir)) {
    mkdirSync(root, { recursive: true });
    const building = `${templateDir}.${process.pid}`;
    const database = await openDatabase({ dataDir: building });
    await migrateUp(database);
    await database.close();
    rmSync(templateDir, { recursive: true, force: true });
    renameSync(building, templateDir);
  }
  project.provide('templateDatabase', templateDir);
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
