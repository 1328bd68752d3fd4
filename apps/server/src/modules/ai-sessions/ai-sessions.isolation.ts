import type { IsolationCase } from '../../../test/isolation.ts';
import { ownerSession } from '../../../test/session-helpers.ts';

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
