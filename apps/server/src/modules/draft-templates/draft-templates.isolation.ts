import type { IsolationCase } from '../../../test/isolation.ts';
import { draftThroughDecision } from './draft-test-helpers.ts';

export const draftTemplatesIsolationCases: IsolationCase[] = [
  {
    method: 'POST',
    route: '/api/v1/draft-templates/{id}/accept',
    prepare: async ({ app, owner }) => ({
      url: `/api/v1/draft-templates/${(await draftThroughDecision(app, owner)).draftId}/accept`,
      body: { name: 'Stolen template' },
    }),
  },
  {
    method: 'POST',
    route: '/api/v1/draft-templates/{id}/reject',
    prepare: async ({ app, owner }) => ({
      url: `/api/v1/draft-templates/${(await draftThroughDecision(app, owner)).draftId}/reject`,
    }),
  },
];
