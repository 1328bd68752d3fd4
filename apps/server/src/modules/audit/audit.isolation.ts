import type { IsolationCase } from '../../../test/isolation.ts';
import { ownerSession } from '../../../test/session-helpers.ts';

export const auditIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{sid}/audit',
    prepare: async (world) => {
      const sid = await ownerSession(world);
      // Something to leak: the owner's note is in the trail.
      await world.app.inject({
        method: 'POST',
        url: `/api/v1/ai-sessions/${sid}/facts`,
        headers: world.owner.headers,
        payload: { text: 'Confidential detail' },
      });
      return { url: `/api/v1/ai-sessions/${sid}/audit` };
    },
  },
];
