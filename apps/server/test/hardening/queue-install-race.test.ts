/**
 * Processes that start together on a fresh PostgreSQL database each find the PSA delivery
 * queue (pg-boss) not yet installed and each install it. CI saw the second install fail with a
 * unique violation on pg_namespace and the process exit before listening (under the full suite's
 * load; this test did not reproduce it alone). Every one must start.
 */
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '@flowpilot/db/database';
import { loadConfig } from '../../src/env.ts';
import { PsaDeliveryRunner } from '../../src/modules/psa/psa-delivery-runner.ts';
import { createServerDatabase } from './server-process.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const STARTERS = 6;
const ROUNDS = 3;

describe.skipIf(!databaseUrl)('the PSA delivery queue on a fresh PostgreSQL database', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`starts in ${STARTERS} processes at once, ${ROUNDS} times over`, async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const log = pino({ level: 'silent' });
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = await createServerDatabase(databaseUrl!, inject('templateDatabase'), 'queue');
      cleanups.push(fresh.drop);
      const databases: Database[] = await Promise.all(
        Array.from({ length: STARTERS }, () => openDatabase({ databaseUrl: fresh.url, poolSize: 3 })),
      );
      const runners = databases.map((database) => new PsaDeliveryRunner({ config, database, log }));
      const started = await Promise.allSettled(runners.map((runner) => runner.start()));
      await Promise.all(runners.map((runner) => runner.stop()));
      await Promise.all(databases.map((database) => database.close()));
      const failures = started.flatMap((result) =>
        result.status === 'rejected' ? [String((result.reason as Error).message)] : [],
      );
      expect(failures, `round ${round + 1}`).toEqual([]);
    }
  }, 60_000);
});
