import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { ChatModel } from '@flowpilot/assistant/chat-model';
import { openDatabase, type Database } from '@flowpilot/db/database';
import { buildApp, type App, type BuildAppOptions } from '../src/app.ts';
import type { AppContext } from '../src/app-context.ts';
import { loadConfig, type Config } from '../src/env.ts';
import { scriptedModel } from './scripted-model.ts';
import { GenerationHub } from '../src/modules/chat/generation-hub.ts';
import { MemoryPreviewCache } from '../src/modules/session-closing/preview-cache.ts';
import { OcrQueue } from '../src/modules/attachments/ocr-queue.ts';
import { seedBuiltinTemplates } from '../src/modules/script-templates/seed-builtin-templates.ts';
import { PlaybookCatalog } from '../src/modules/knowledge/playbook-catalog.ts';
import { seedBuiltinPlaybooks } from '../src/modules/knowledge/seed-builtin-playbooks.ts';
import { pino } from 'pino';

/** AES-256 key for PSA credentials in tests (64 hex digits). */
export const TEST_SECRET_KEY = '7f'.repeat(32);

export interface TestApp {
  app: App;
  ctx: AppContext;
  database: Database;
  /** Empties every table (between tests) without paying for a new database. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

async function cloneTemplate(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const template = inject('templateDatabase');
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `flowpilot_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await admin.execScript(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 10 });
    return {
      database,
      dispose: async () => {
        await database.close();
        await admin.execScript(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-test-db-'));
  cpSync(template, dir, { recursive: true });
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    dispose: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createTestApp(
  overrides: {
    config?: Partial<Config>;
    model?: ChatModel;
    log?: AppContext['log'];
    /** E.g. a hub with a relay, to stand for one of several processes. */
    generations?: GenerationHub;
    /** E.g. a catalog invalidated through Redis, to stand for one of several processes. */
    knowledge?: PlaybookCatalog;
    /** E.g. a Redis client for the shared rate-limit store. */
    buildOptions?: BuildAppOptions;
  } = {},
): Promise<TestApp> {
  const { database, dispose } = await cloneTemplate();
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const config: Config = {
    ...base,
    // Tests sign up many accounts from one address; the limiter has its own tests.
    authRateLimitPerMinute: 10_000,
    aiRateLimitPerMinute: 10_000,
    // A fixed key: no test writes a key file into the repository's data directory.
    secretKey: TEST_SECRET_KEY,
    // PSA requests in tests only ever reach the fake PSAs on this machine.
    psa: { ...base.psa, allowedHosts: ['127.0.0.1', 'localhost'] },
    webDist: undefined,
    ...overrides.config,
  };
  const ctx: AppContext = {
    config,
    database,
    model: overrides.model ?? scriptedModel(),
    generations: overrides.generations ?? new GenerationHub(),
    previewCache: new MemoryPreviewCache(),
    ocr: new OcrQueue(),
    knowledge: overrides.knowledge ?? new PlaybookCatalog(),
    log: overrides.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  };
  const app = await buildApp(ctx, overrides.buildOptions);
  await app.ready();
  // As at boot: the built-in templates exist before any request (and again after each reset).
  await seedBuiltinTemplates(database);
  await seedBuiltinPlaybooks(database);
  const tables = await database.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  const truncate = `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`;
  return {
    app,
    ctx,
    database,
    async reset() {
      await ctx.generations.drain(10_000);
      await database.execScript(truncate);
      await seedBuiltinTemplates(database);
      await seedBuiltinPlaybooks(database);
    },
    async close() {
      await app.close();
      await dispose();
    },
  };
}
