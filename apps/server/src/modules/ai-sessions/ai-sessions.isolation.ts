import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';

/** A session owned by the world's owner, with its first reply finished so nothing moves afterwards. */
export async function ownerSession({ app, owner }: IsolationWorld) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: owner.headers,
    payload: {
      intake_type: 'ticket',
      intake_content: { text: 'Mapped drive missing after login', ticket_ref: 'INC-1' },
    },
  });
  if (created.statusCode !== 201) throw new Error(`session create failed: ${created.body}`);
  const id = created.json().id as string;
  await app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${id}/stream`, headers: owner.headers });
  return id;
}

export const aiSessionsIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{id}',
    prepare: async (world) => ({ url: `/api/v1/ai-sessions/${await ownerSession(world)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/ai-sessions/{id}/triage',
    prepare: async (world) => ({
      url: `/api/v1/ai-sessions/${await ownerSession(world)}/triage`,
      body: { client_name: 'Contoso', status: 'paused' },
    }),
  },
];
