import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';
import { ownerSession } from '../../../test/session-helpers.ts';

/** A session of the owner with an active engineer fix, so there is something to leak. */
async function sessionWithFix(world: IsolationWorld) {
  const id = await ownerSession(world);
  const fix = await world.app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${id}/suggested-fixes`,
    headers: world.owner.headers,
    payload: {
      title: 'Re-map the drive by GPO',
      description: 'Drive maps preference item',
      confidence_pct: 70,
    },
  });
  if (fix.statusCode !== 201) throw new Error(`fix create failed: ${fix.body}`);
  return `/api/v1/ai-sessions/${id}/suggested-fixes`;
}

export const suggestedFixesIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{sid}/suggested-fixes',
    prepare: async (world) => ({ url: await sessionWithFix(world) }),
  },
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{sid}/suggested-fixes/active',
    prepare: async (world) => ({ url: `${await sessionWithFix(world)}/active` }),
  },
  {
    method: 'POST',
    route: '/api/v1/ai-sessions/{sid}/suggested-fixes',
    prepare: async (world) => ({
      url: await sessionWithFix(world),
      body: { title: 'Planted fix', description: 'from another account' },
    }),
  },
];
