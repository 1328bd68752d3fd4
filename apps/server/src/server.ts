import path from 'node:path';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import { DataDirInUseError } from '@flowpilot/db/data-dir-lock';
import { openDatabase } from '@flowpilot/db/database';
import { migrateUp } from '@flowpilot/db/migrate';
import { buildApp } from './app.ts';
import { loadConfig } from './env.ts';
import { GenerationHub } from './modules/chat/generation-hub.ts';
import { createGenerationRelay } from './modules/chat/generation-relay.ts';
import { createPreviewCache } from './modules/session-closing/preview-cache.ts';
import { createEscalationFeed } from './modules/escalations/escalation-feed.ts';
import { expireStaleReplies, maxReplyMs } from './modules/chat/expire-stale-replies.ts';
import { seedBuiltinTemplates } from './modules/script-templates/seed-builtin-templates.ts';
import { createPlaybookCatalog } from './modules/knowledge/playbook-catalog.ts';
import { refreshKnowledgeStatistics } from './modules/knowledge/refresh-knowledge-statistics.ts';
import { seedBuiltinPlaybooks } from './modules/knowledge/seed-builtin-playbooks.ts';
import { OcrQueue } from './modules/attachments/ocr-queue.ts';
import { PsaDeliveryRunner } from './modules/psa/psa-delivery-runner.ts';
import { expireUnusedAttachments } from './modules/attachments/expire-unused-attachments.ts';

const startedAt = performance.now();
let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const webDist = config.webDist ?? path.resolve(here, '../../web/dist');

const log = pino({
  level: config.logLevel,
  redact: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    '*.password',
    '*.apiKey',
  ],
});

let database;
try {
  database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
  });
} catch (error) {
  // Another process holds the embedded database: say so plainly instead of a stack trace.
  if (!(error instanceof DataDirInUseError)) throw error;
  console.error(`${error.message} (DATA_DIR=${config.dataDir})`);
  process.exit(1);
}
await migrateUp(database);
await seedBuiltinTemplates(database);
await seedBuiltinPlaybooks(database);
// Replies left "streaming" by a process that died. PGlite has one process, so every such reply
// is orphaned; on a shared server only those older than any live reply could be.
await expireStaleReplies(database.db, database.kind === 'pglite' ? 0 : maxReplyMs(config.llm.timeoutMs));
const model = createChatModel({
  provider: config.llm.provider,
  model: config.llm.model,
  baseUrl: config.llm.baseUrl,
  apiKey: config.llm.apiKey,
  timeoutMs: config.llm.timeoutMs,
  maxRetries: config.llm.maxRetries,
  vision: config.llm.vision,
});

const previewCache = createPreviewCache({ redisUrl: config.redisUrl, log });

// Reply events published for followers in other processes (none without Redis: they poll the row).
const replyRelay = createGenerationRelay({ redisUrl: config.redisUrl, log });

// Rate-limit counters shared by every process on the same Redis; connects on the first request.
const rateLimitRedis = config.redisUrl
  ? new Redis(config.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      // While Redis is unreachable a request waits at most this long for its counter.
      commandTimeout: 250,
      connectionName: 'flowpilot-rate-limit',
    })
  : undefined;
let rateLimitRedisUp = true;
rateLimitRedis?.on('error', (error) => {
  if (rateLimitRedisUp) log.warn({ err: error }, 'rate-limit Redis unavailable; limits are not enforced');
  rateLimitRedisUp = false;
});
rateLimitRedis?.on('ready', () => {
  rateLimitRedisUp = true;
});

// PSA notes of closed sessions: the outbox in the database, carried out by a pg-boss queue.
const psaDeliveries = new PsaDeliveryRunner(
  { config, database, log },
  { pollSeconds: config.psa.queuePollSeconds },
);

const app = await buildApp(
  {
    config: { ...config, webDist },
    database,
    model,
    generations: new GenerationHub(replyRelay),
    previewCache,
    ocr: new OcrQueue(),
    psaDeliveries,
    knowledge: createPlaybookCatalog({ redisUrl: config.redisUrl, log }),
    escalationFeed: createEscalationFeed({ redisUrl: config.redisUrl, log }),
    log,
  },
  { rateLimitRedis },
);

// Housekeeping: unused uploads expire after a day. Idempotent, so each process may run it.
const housekeeping = async () => {
  try {
    const { deleted } = await expireUnusedAttachments(database.db);
    if (deleted > 0) log.info({ deleted }, 'expired unused attachments');
  } catch (error) {
    log.warn({ err: error }, 'attachment housekeeping failed; it runs again within the hour');
  }
  await refreshKnowledgeStatistics(database).catch((error: unknown) => {
    log.warn(
      { err: error },
      'could not refresh the similar-session statistics; it runs again within the hour',
    );
  });
};
await housekeeping();
const housekeepingTimer = setInterval(() => void housekeeping(), 60 * 60 * 1000);
housekeepingTimer.unref();

// On SIGTERM/SIGINT stop accepting, let in-flight requests finish, then close the database.
closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  clearInterval(housekeepingTimer);
  await app.close();
  await psaDeliveries.stop();
  await previewCache.close();
  await replyRelay?.close();
  rateLimitRedis?.disconnect();
  await database.close();
});

await psaDeliveries.start();
await app.listen({ host: config.host, port: config.port });
app.log.info(
  {
    db: database.kind,
    llm: `${model.backend}/${model.model}`,
    ready_ms: Math.round(performance.now() - startedAt),
  },
  `FlowPilot ready on http://localhost:${config.port}`,
);
