import { pino } from 'pino';
import type { ChatModel } from '@flowpilot/assistant/chat-model';
import { openDatabase, type Database } from '@flowpilot/db/database';
import { migrateUp } from '@flowpilot/db/migrate';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/env.ts';
import { GenerationHub } from '../../apps/server/src/modules/chat/generation-hub.ts';
import { MemoryPreviewCache } from '../../apps/server/src/modules/session-closing/preview-cache.ts';
import { OcrQueue } from '../../apps/server/src/modules/attachments/ocr-queue.ts';
import { PlaybookCatalog } from '../../apps/server/src/modules/knowledge/playbook-catalog.ts';

/**
 * A fresh database for one benchmark: in-memory PGlite, or a new database on the server
 * named by BENCH_DATABASE_URL (dropped afterwards).
 */
export async function openBenchDatabase(
  poolSize = 20,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    return { database, dispose: () => database.close() };
  }
  const name = `flowpilot_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
  await admin.execScript(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize });
  return {
    database,
    dispose: async () => {
      await database.close();
      await admin.execScript(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** The real app on a fresh database (see openBenchDatabase), listening on a random loopback port. */
export async function startBenchApp(
  model: ChatModel,
  /** Extra routes for comparison baselines, added before the app starts listening. */
  extend?: (app: Awaited<ReturnType<typeof buildApp>>, database: Database) => void,
) {
  const { database, dispose } = await openBenchDatabase();
  await migrateUp(database);
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    authRateLimitPerMinute: 1_000_000,
    aiRateLimitPerMinute: 1_000_000,
    webDist: undefined,
  };
  const app = await buildApp({
    config,
    database,
    model,
    generations: new GenerationHub(),
    previewCache: new MemoryPreviewCache(),
    ocr: new OcrQueue(),
    knowledge: new PlaybookCatalog(),
    log: pino({ level: 'silent' }),
  });
  extend?.(app, database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'bench@example.test',
      password: 'correct horse battery',
      name: 'Bench',
      account_name: 'Bench',
    }),
  });
  const token = (await signup.json()).access_token as string;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    app,
    base,
    headers,
    database,
    async close() {
      await app.close();
      await dispose();
    },
  };
}
