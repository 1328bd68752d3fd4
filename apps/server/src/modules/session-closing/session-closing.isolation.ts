import type { IsolationCase } from '../../../test/isolation.ts';
import { ownerSession } from '../../../test/session-helpers.ts';

const route = (suffix: string) => `/api/v1/ai-sessions/{sid}/${suffix}`;

export const sessionClosingIsolationCases: IsolationCase[] = [
  ...(['resolution-note', 'escalation-package'] as const).map((kind): IsolationCase => ({
    method: 'POST',
    route: route(`${kind}/preview`),
    prepare: async (world) => ({
      url: `/api/v1/ai-sessions/${await ownerSession(world)}/${kind}/preview`,
      body: {},
    }),
  })),
  {
    method: 'POST',
    route: route('resolution-note/post'),
    prepare: async (world) => ({
      url: `/api/v1/ai-sessions/${await ownerSession(world)}/resolution-note/post`,
      body: { markdown: '# Fixed' },
    }),
  },
  {
    method: 'POST',
    route: route('escalation-package/post'),
    prepare: async (world) => ({
      url: `/api/v1/ai-sessions/${await ownerSession(world)}/escalation-package/post`,
      body: { intercept_choice: 'never_applied' },
    }),
  },
];
