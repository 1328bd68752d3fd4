import { Writable } from 'node:stream';
import { pino } from 'pino';
import { expect } from 'vitest';
import type { SignedUp } from '../../../test/fixtures.ts';
import type { FakePsa } from '../../../test/psa-fakes/fake-psa-server.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { loadConfig, type Config } from '../../env.ts';
import { PsaDeliveryRunner } from './psa-delivery-runner.ts';

/** Small timeouts and backoffs so outage tests take a second, not minutes. */
export function psaTestConfig(fake?: FakePsa): Partial<Config> {
  const base = loadConfig({
    NODE_ENV: 'test',
    PSA_TIMEOUT_MS: '500',
    PSA_MAX_RETRIES: '0',
    PSA_BACKOFF_MS: '5',
    PSA_DELIVERY_BACKOFF_MS: '50',
    PSA_DELIVERY_MAX_ATTEMPTS: '4',
    PSA_DELIVERY_LEASE_MS: '2000',
    PSA_QUEUE_POLL_SECONDS: '0.5',
    ...(fake?.providerConfig?.autotaskZoneLookupUrl
      ? { PSA_AUTOTASK_ZONE_LOOKUP_URL: fake.providerConfig.autotaskZoneLookupUrl }
      : {}),
  });
  return { psa: { ...base.psa, allowedHosts: ['127.0.0.1', 'localhost'] } };
}

/** A test app whose every log line is kept, so a test can scan them for secrets. */
export async function createPsaTestApp(fake?: FakePsa, { runner = true } = {}) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const t = await createTestApp({ config: psaTestConfig(fake), log: pino({ level: 'debug' }, sink) });
  let deliveries: PsaDeliveryRunner | null = null;
  if (runner) {
    deliveries = new PsaDeliveryRunner(
      { config: t.ctx.config, database: t.database, log: t.ctx.log },
      { sweepMs: 500 },
    );
    await deliveries.start();
    t.ctx.psaDeliveries = deliveries;
  }
  return {
    t,
    logLines: lines,
    runner: deliveries,
    async close() {
      await deliveries?.stop();
      await t.close();
    },
  };
}

export async function connectPsa(
  t: TestApp,
  owner: SignedUp,
  fake: FakePsa,
  overrides: Record<string, unknown> = {},
) {
  const response = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/integrations/psa',
    headers: owner.headers,
    payload: fake.connection(overrides),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export async function sessionFromTicket(t: TestApp, user: SignedUp, ticketId: string) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: user.headers,
    payload: { intake_type: 'ticket', psa_ticket_id: ticketId },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  // Let the first assistant reply finish so the close is not racing it.
  await t.app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${id}/stream`, headers: user.headers });
  return created.json();
}

/** Polls the delivery until it leaves `pending` (or `until` says so). */
export async function waitForDelivery(
  t: TestApp,
  user: SignedUp,
  sessionId: string,
  until: (delivery: Record<string, unknown>) => boolean = (d) => d.status !== 'pending',
  timeoutMs = 15_000,
) {
  const started = Date.now();
  for (;;) {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${sessionId}/psa-delivery`,
      headers: user.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const delivery = response.json();
    if (until(delivery)) return delivery;
    if (Date.now() - started > timeoutMs) throw new Error(`delivery still ${JSON.stringify(delivery)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every text value of every table, for "the secret is not in the database" scans. */
export async function databaseText(t: TestApp) {
  const tables = await t.database.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`,
  );
  let all = '';
  for (const { tablename } of tables) {
    const rows = await t.database.query(`SELECT * FROM "${tablename}"`);
    all += JSON.stringify(rows);
  }
  return all;
}

/**
 * Resolves the session while the PSA loses its first answer to a matching request: the request
 * lands but times out (the delay is past PSA_TIMEOUT_MS), so the next attempt must find what
 * the first one posted. Returns the delivery once it is delivered.
 */
export async function resolveLosingFirstAnswer(
  t: TestApp,
  user: SignedUp,
  fake: FakePsa,
  sessionId: string,
  lost: RegExp,
  markdown?: string,
) {
  fake.server.delayAnswer = { ms: 800, match: (r) => r.method === 'POST' && lost.test(r.path) };
  const closed = await t.app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${sessionId}/resolution-note/post`,
    headers: user.headers,
    payload: markdown === undefined ? {} : { markdown },
  });
  expect(closed.statusCode, closed.body).toBe(200);
  await waitForDelivery(t, user, sessionId, (d) => (d.attempts as number) >= 1 && d.last_error !== null);
  fake.server.delayAnswer = null;
  const delivery = await waitForDelivery(t, user, sessionId);
  expect(delivery.status, JSON.stringify(delivery)).toBe('delivered');
  return delivery;
}
