import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';

async function ownerTemplate({ app, owner }: IsolationWorld) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/script-templates',
    headers: owner.headers,
    payload: {
      name: 'Private greeting',
      language: 'bash',
      body: 'echo {{message}}',
      parameters_schema: [{ name: 'message', label: 'Message', type: 'string', required: true }],
    },
  });
  if (response.statusCode !== 201) throw new Error(`template create failed: ${response.body}`);
  return response.json().id as string;
}

export const scriptTemplatesIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/script-templates/{id}',
    prepare: async (world) => ({ url: `/api/v1/script-templates/${await ownerTemplate(world)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/script-templates/{id}',
    prepare: async (world) => ({
      url: `/api/v1/script-templates/${await ownerTemplate(world)}`,
      body: { name: 'Mine' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/script-templates/{id}',
    prepare: async (world) => ({ url: `/api/v1/script-templates/${await ownerTemplate(world)}` }),
  },
  {
    method: 'POST',
    route: '/api/v1/script-templates/{id}/render',
    prepare: async (world) => ({
      url: `/api/v1/script-templates/${await ownerTemplate(world)}/render`,
      body: { parameters: { message: 'hi' } },
    }),
  },
];
