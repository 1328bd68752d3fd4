import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';
import { startFakeConnectWise } from '../../../test/psa-fakes/fake-connectwise.ts';
import type { FakePsa } from '../../../test/psa-fakes/fake-psa-server.ts';

let shared: Promise<FakePsa> | null = null;
/** One fake ConnectWise for every isolation case, left to the test process's exit. */
function fakePsa() {
  shared ??= startFakeConnectWise().then((fake) => {
    fake.server.unref();
    return fake;
  });
  return shared;
}

/** The owner's account connected to the fake PSA, and a session started from its ticket and resolved. */
async function closedLinkedSession({ app, owner }: IsolationWorld) {
  const fake = await fakePsa();
  const put = await app.inject({
    method: 'PUT',
    url: '/api/v1/integrations/psa',
    headers: owner.headers,
    payload: fake.connection(),
  });
  if (put.statusCode !== 200) throw new Error(`connect failed: ${put.body}`);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: owner.headers,
    payload: { intake_type: 'ticket', psa_ticket_id: fake.ticketId },
  });
  if (created.statusCode !== 201) throw new Error(`session create failed: ${created.body}`);
  const id = created.json().id as string;
  await app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${id}/stream`, headers: owner.headers });
  const resolved = await app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${id}/resolution-note/post`,
    headers: owner.headers,
    payload: { markdown: '# Fixed' },
  });
  if (resolved.statusCode !== 200) throw new Error(`resolve failed: ${resolved.body}`);
  return id;
}

export const psaIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/integrations/psa/tickets/{ticket_id}',
    prepare: async (world) => {
      await closedLinkedSession(world);
      return { url: `/api/v1/integrations/psa/tickets/${(await fakePsa()).ticketId}` };
    },
  },
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{id}/psa-ticket',
    prepare: async (world) => ({ url: `/api/v1/ai-sessions/${await closedLinkedSession(world)}/psa-ticket` }),
  },
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{id}/psa-delivery',
    prepare: async (world) => ({
      url: `/api/v1/ai-sessions/${await closedLinkedSession(world)}/psa-delivery`,
    }),
  },
  {
    method: 'POST',
    route: '/api/v1/ai-sessions/{id}/psa-delivery/retry',
    prepare: async (world) => ({
      url: `/api/v1/ai-sessions/${await closedLinkedSession(world)}/psa-delivery/retry`,
    }),
  },
];
