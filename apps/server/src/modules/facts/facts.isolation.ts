import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';
import { ownerSession } from '../../../test/session-helpers.ts';

async function ownerFact(world: IsolationWorld) {
  const id = await ownerSession(world);
  const fact = await world.app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${id}/facts`,
    headers: world.owner.headers,
    payload: { text: 'Drive maps fine over VPN' },
  });
  if (fact.statusCode !== 201) throw new Error(`fact create failed: ${fact.body}`);
  const facts = `/api/v1/ai-sessions/${id}/facts`;
  return { facts, fact: `${facts}/${fact.json().id as string}` };
}

export const factsIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{id}/facts',
    prepare: async (world) => ({ url: (await ownerFact(world)).facts }),
  },
  {
    method: 'POST',
    route: '/api/v1/ai-sessions/{id}/facts',
    prepare: async (world) => ({
      url: `/api/v1/ai-sessions/${await ownerSession(world)}/facts`,
      body: { text: 'Planted by someone else' },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/ai-sessions/{id}/facts/{fid}',
    prepare: async (world) => ({
      url: (await ownerFact(world)).fact,
      body: { text: 'Rewritten by someone else' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/ai-sessions/{id}/facts/{fid}',
    prepare: async (world) => ({ url: (await ownerFact(world)).fact }),
  },
];
