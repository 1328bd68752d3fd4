import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';

async function ownerSession({ app, owner }: IsolationWorld) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: owner.headers,
    payload: { intake_type: 'free_text', intake_content: { text: 'Printer offline on floor 2' } },
  });
  const id = created.json().id as string;
  // Let the first reply finish so the session is quiet before the intruder calls.
  await app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${id}/stream`, headers: owner.headers });
  return id;
}

export const chatIsolationCases: IsolationCase[] = [
  {
    method: 'POST',
    route: '/api/v1/ai-sessions/{id}/messages',
    prepare: async (world) => ({
      url: `/api/v1/ai-sessions/${await ownerSession(world)}/messages`,
      body: { content: 'hello' },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{id}/messages',
    prepare: async (world) => ({ url: `/api/v1/ai-sessions/${await ownerSession(world)}/messages` }),
  },
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{id}/leaning',
    prepare: async (world) => ({ url: `/api/v1/ai-sessions/${await ownerSession(world)}/leaning` }),
  },
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{id}/stream',
    prepare: async (world) => ({ url: `/api/v1/ai-sessions/${await ownerSession(world)}/stream` }),
  },
  {
    method: 'POST',
    route: '/api/v1/ai-sessions/{id}/messages/{mid}/retry',
    prepare: async (world) => {
      const id = await ownerSession(world);
      const messages = await world.app.inject({
        method: 'GET',
        url: `/api/v1/ai-sessions/${id}/messages`,
        headers: world.owner.headers,
      });
      const last = messages.json().items.at(-1);
      return { url: `/api/v1/ai-sessions/${id}/messages/${last.id}/retry` };
    },
  },
];
