/**
 * A close is never lost and never posted twice, whatever moment the process dies at. A real
 * server process closes a session linked to a (fake) ConnectWise ticket and is killed with
 * SIGKILL while the delivery is in flight: once before anything reached the PSA, once after
 * the note landed but before its answer came back. Started again on the same data, it
 * delivers each close exactly once.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeConnectWise } from '../psa-fakes/fake-connectwise.ts';
import type { FakePsa, FakeRequest } from '../psa-fakes/fake-psa-server.ts';
import {
  createServerDatabase,
  requestJson,
  signUp,
  startServerProcess,
  type ServerProcess,
} from './server-process.ts';

const psaEnv = {
  PSA_TIMEOUT_MS: '5000',
  PSA_MAX_RETRIES: '0',
  PSA_DELIVERY_BACKOFF_MS: '100',
  PSA_DELIVERY_LEASE_MS: '1500',
  PSA_QUEUE_POLL_SECONDS: '0.5',
};

interface Backend {
  env: Record<string, string>;
  dataDir: string;
  dispose(): Promise<void>;
}

async function backendFor(kind: 'pglite' | 'postgres'): Promise<Backend> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-psa-crash-'));
  if (kind === 'pglite') {
    const template = inject('templateDatabase');
    if (existsSync(template)) cpSync(template, path.join(dir, 'pglite'), { recursive: true });
    return {
      env: { DATA_DIR: dir },
      dataDir: dir,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = await createServerDatabase(
    process.env.TEST_DATABASE_URL!,
    inject('templateDatabase'),
    'psacrash',
  );
  return {
    env: { DATABASE_URL: database.url, DATA_DIR: dir },
    dataDir: dir,
    dispose: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const isNoteRead = (r: FakeRequest) => r.method === 'GET' && r.path.endsWith('/service/tickets/5010/notes');
const isNotePost = (r: FakeRequest) => r.method === 'POST' && r.path.endsWith('/service/tickets/5011/notes');

function arrival(fake: FakePsa, match: (r: FakeRequest) => boolean) {
  return new Promise<void>((resolve) => {
    fake.server.onRequest = (request) => {
      if (match(request)) resolve();
    };
  });
}

async function waitDelivered(base: string, token: string, sessionId: string) {
  const started = Date.now();
  for (;;) {
    const response = await requestJson(base, 'GET', `/api/v1/ai-sessions/${sessionId}/psa-delivery`, {
      token,
    });
    if (response.body?.status !== 'pending') return response.body;
    if (Date.now() - started > 20_000) throw new Error(`still pending: ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const kinds = process.env.TEST_DATABASE_URL ? (['postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('PSA delivery survives kill -9 (%s)', (kind) => {
  let fake: FakePsa;
  let backend: Backend;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    fake = await startFakeConnectWise();
    backend = await backendFor(kind);
  });
  afterAll(async () => {
    for (const server of servers) await server.crash();
    await fake.close();
    await backend.dispose();
  });

  it('delivers each close exactly once after a crash before the PSA call and after the note landed', async () => {
    const start = async () => {
      const server = await startServerProcess({ ...backend.env, ...psaEnv });
      servers.push(server);
      return server;
    };
    let server = await start();
    const { token } = await signUp(server.base, 'psacrash');
    const connected = await requestJson(server.base, 'PUT', '/api/v1/integrations/psa', {
      token,
      body: fake.connection({ resolved_status_id: '5' }),
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(200);
    if (kind === 'pglite') {
      // No SECRET_KEY: the key was generated under DATA_DIR, readable by the server's user only.
      expect(statSync(path.join(backend.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    }
    const open = async (ticket: string) => {
      const created = await requestJson(server.base, 'POST', '/api/v1/ai-sessions', {
        token,
        body: { intake_type: 'ticket', psa_ticket_id: ticket },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };
    const first = await open('5010');
    const second = await open('5011');

    // 1. Killed after the close committed, while the delivery's first PSA read hangs.
    fake.server.delay = { ms: 30_000, match: isNoteRead };
    const reading = arrival(fake, isNoteRead);
    const closed = await requestJson(
      server.base,
      'POST',
      `/api/v1/ai-sessions/${first}/resolution-note/post`,
      { token, body: { markdown: '# First fix' } },
    );
    expect(closed.body.outcome).toBe('resolved');
    await reading;
    await server.crash();
    fake.server.delay = null;
    server = await start();
    const firstDelivery = await waitDelivered(server.base, token, first);
    expect(firstDelivery).toMatchObject({ status: 'delivered', status_transition: { verified: true } });
    expect(fake.world.notes.filter((n) => n.ticketId === 5010)).toHaveLength(1);

    // 2. Killed after the PSA stored the note but before its answer arrived.
    fake.server.delayAnswer = { ms: 30_000, match: isNotePost };
    const posting = arrival(fake, isNotePost);
    await requestJson(server.base, 'POST', `/api/v1/ai-sessions/${second}/resolution-note/post`, {
      token,
      body: { markdown: '# Second fix' },
    });
    await posting;
    await server.crash();
    fake.server.delayAnswer = null;
    expect(fake.world.notes.filter((n) => n.ticketId === 5011)).toHaveLength(1);
    server = await start();
    const secondDelivery = await waitDelivered(server.base, token, second);
    expect(secondDelivery.status).toBe('delivered');
    const notes = fake.world.notes.filter((n) => n.ticketId === 5011);
    expect(notes).toHaveLength(1);
    expect(secondDelivery.note_id).toBe(String(notes[0]!.id));
    const audit = await requestJson(server.base, 'GET', `/api/v1/ai-sessions/${second}/audit`, { token });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('psa.note.found');
    await server.stop();
  }, 120_000);
});
