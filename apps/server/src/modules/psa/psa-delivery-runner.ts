import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '@flowpilot/db/database';
import type { Config } from '../../env.ts';
import { attemptDelivery } from './deliver-psa-note.ts';
import { pendingDeliveries } from './psa.repository.ts';

const QUEUE = 'psa-delivery';

/** What the closing code needs: a nudge after its transaction committed. */
export interface PsaDeliveryQueue {
  enqueue(deliveryId: string, startAfter?: Date): Promise<void>;
}

/**
 * pg-boss over the app's own database (PGlite or PostgreSQL, through one small adapter). The
 * outbox row is the truth; a job only says "look at this delivery, from then on". A job lost
 * in a crash is recreated by the sweep at start and every `sweepMs`, and a duplicate job is
 * harmless: the row's lease lets one attempt through at a time (ADR 016).
 */
export class PsaDeliveryRunner implements PsaDeliveryQueue {
  private boss: PgBoss | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: { config: Config; database: Database; log: FastifyBaseLogger },
    private readonly options: { pollSeconds?: number; sweepMs?: number } = {},
  ) {}

  async start() {
    const { database } = this.deps;
    const boss = new PgBoss({
      db: {
        async executeSql(text: string, values: unknown[]) {
          if (values && values.length > 0) return { rows: await database.query(text, values) };
          try {
            return { rows: await database.query(text) };
          } catch (error) {
            // PGlite's extended protocol takes one statement; pg-boss sends a few scripts.
            if (!/multiple commands|cannot insert multiple/i.test((error as Error).message)) throw error;
            await database.execScript(text);
            return { rows: [] };
          }
        },
      },
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: 60,
    });
    boss.on('error', (error) => this.deps.log.warn({ err: error }, 'PSA delivery queue error'));
    await installedOnce(database, async () => {
      await boss.start();
      await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 3, retryDelay: 5, expireInSeconds: 900 });
    });
    await boss.work<{ delivery_id: string }>(
      QUEUE,
      {
        pollingIntervalSeconds: this.options.pollSeconds ?? this.deps.config.psa.queuePollSeconds,
        batchSize: 1,
      },
      async ([job]) => {
        if (job) await this.track(this.run(job.data.delivery_id));
      },
    );
    this.boss = boss;
    await this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepMs ?? 60_000);
    this.sweepTimer.unref();
  }

  private track<T>(promise: Promise<T>) {
    this.inFlight.add(promise);
    return promise.finally(() => this.inFlight.delete(promise));
  }

  private async run(deliveryId: string) {
    const result = await attemptDelivery(this.deps, deliveryId);
    if (result.outcome === 'retry') await this.enqueue(deliveryId, result.at);
  }

  async enqueue(deliveryId: string, startAfter?: Date) {
    if (!this.boss) return;
    await this.boss.send(QUEUE, { delivery_id: deliveryId }, startAfter ? { startAfter } : {});
  }

  /** Re-queues every pending delivery at the time it is due (after a crash, a lost job, a restart). */
  async sweep() {
    try {
      for (const row of await pendingDeliveries(this.deps.database.db)) {
        const due = Math.max(row.nextAttemptAt?.getTime() ?? 0, row.lockedUntil?.getTime() ?? 0, Date.now());
        await this.enqueue(row.id, new Date(due));
      }
    } catch (error) {
      this.deps.log.warn({ err: error }, 'PSA delivery sweep failed; it runs again shortly');
    }
  }

  async stop() {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, close: false, wait: true, timeout: 5_000 });
    await Promise.allSettled([...this.inFlight]);
  }
}

/** Any fixed 64-bit key; PostgreSQL advisory locks are per database. */
const INSTALL_LOCK_KEY = 7_340_216_915;

/**
 * Two processes starting together on a fresh PostgreSQL database both find pg-boss missing and
 * both run its install script; its own transaction lock does not stop `CREATE SCHEMA IF NOT
 * EXISTS` from failing with a unique violation on pg_namespace (seen in CI). A session lock
 * held on a connection of its own makes the second process wait, then find pg-boss installed.
 * PGlite is one process with one connection (the data-dir lock, ADR 010): nothing to race.
 */
async function installedOnce(database: Database, install: () => Promise<void>) {
  if (database.kind !== 'postgres') return install();
  return database.withConnection(async (connection) => {
    await connection.query('SELECT pg_advisory_lock($1)', [INSTALL_LOCK_KEY]);
    try {
      await install();
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [INSTALL_LOCK_KEY]);
    }
  });
}
