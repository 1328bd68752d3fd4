import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';

/** A standalone session of the world's owner, with one finished turn. */
async function ownerBuilderSession({ app, owner }: IsolationWorld) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/script-builder/sessions',
    headers: owner.headers,
    payload: { language: 'powershell', initial_script: 'Get-Service Spooler' },
  });
  if (created.statusCode !== 201) throw new Error(`builder session create failed: ${created.body}`);
  const id = created.json().id as string;
  const turn = await app.inject({
    method: 'POST',
    url: `/api/v1/script-builder/sessions/${id}/messages`,
    headers: owner.headers,
    payload: { content: 'restart the print spooler' },
  });
  if (turn.statusCode !== 200) throw new Error(`builder message failed: ${turn.body}`);
  return id;
}

export const scriptBuilderIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/script-builder/sessions/{id}',
    prepare: async (world) => ({
      url: `/api/v1/script-builder/sessions/${await ownerBuilderSession(world)}`,
    }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/script-builder/sessions/{id}',
    prepare: async (world) => ({
      url: `/api/v1/script-builder/sessions/${await ownerBuilderSession(world)}`,
      body: { latest_script: 'Remove-Item C:\\ -Recurse', title: 'Taken over' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/script-builder/sessions/{id}',
    prepare: async (world) => ({
      url: `/api/v1/script-builder/sessions/${await ownerBuilderSession(world)}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/script-builder/sessions/{id}/messages',
    prepare: async (world) => ({
      url: `/api/v1/script-builder/sessions/${await ownerBuilderSession(world)}/messages`,
    }),
  },
  {
    method: 'POST',
    route: '/api/v1/script-builder/sessions/{id}/messages',
    prepare: async (world) => ({
      url: `/api/v1/script-builder/sessions/${await ownerBuilderSession(world)}/messages`,
      body: { content: 'clear the teams cache' },
    }),
  },
];
