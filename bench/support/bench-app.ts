import { pino } from 'pino';
import type { ChatModel } from '@flowpilot/assistant/chat-model';
import { openDatabase, type Database } from '@flowpilot/db/database';
import { migrateUp } from '@flowpilot/db/migrate';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/env.ts';
import { GenerationHub } from '../../apps/server/src/modules/chat/generation-hub.ts';
import { MemoryPreviewCache } from '../../apps/server/src/modules/session-closing/preview-cache.ts';

/** The real app on an in-memory PGlite, listening on a random loopback port. */
export async function startBenchApp(
  model: ChatModel,
  /** Extra routes for comparison baselines, added before the app starts listening. */
  extend?: (app: Awaited<ReturnType<typeof buildApp>>, database: Database) => void,
) {
  const database = await openDatabase({});
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
      await database.close();
    },
  };
}
