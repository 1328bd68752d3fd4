import type { IsolationCase } from '../../../test/isolation.ts';

export const usersIsolationCases: IsolationCase[] = [
  {
    method: 'PATCH',
    route: '/api/v1/users/{id}',
    prepare: async ({ owner }) => ({ url: `/api/v1/users/${owner.userId}`, body: { name: 'Renamed' } }),
  },
];
