import type { IsolationCase } from '../../../test/isolation.ts';
import { labelPrinterPlaybook, pendingProposals, resolveWithWorkedFix } from './knowledge-test-helpers.ts';

async function ownPlaybook(world: Parameters<IsolationCase['prepare']>[0]) {
  const created = await world.app.inject({
    method: 'POST',
    url: '/api/v1/playbooks',
    headers: world.owner.headers,
    payload: labelPrinterPlaybook,
  });
  return created.json().id as string;
}

async function pendingProposal(world: Parameters<IsolationCase['prepare']>[0]) {
  const { resolve } = await resolveWithWorkedFix(
    world.app,
    world.owner,
    'The barcode scanner beeps twice and types nothing.',
  );
  const resolved = await resolve();
  if (resolved.statusCode !== 200) throw new Error(`resolve: ${resolved.statusCode} ${resolved.body}`);
  return (await pendingProposals(world.app, world.owner)).items[0]!.id;
}

export const knowledgeIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/playbooks/{id}',
    prepare: async (world) => ({ url: `/api/v1/playbooks/${await ownPlaybook(world)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/playbooks/{id}',
    prepare: async (world) => ({
      url: `/api/v1/playbooks/${await ownPlaybook(world)}`,
      body: { title: 'Stolen playbook title' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/playbooks/{id}',
    prepare: async (world) => ({ url: `/api/v1/playbooks/${await ownPlaybook(world)}` }),
  },
  {
    method: 'POST',
    route: '/api/v1/knowledge-proposals/{id}/accept',
    prepare: async (world) => ({ url: `/api/v1/knowledge-proposals/${await pendingProposal(world)}/accept` }),
  },
  {
    method: 'POST',
    route: '/api/v1/knowledge-proposals/{id}/reject',
    prepare: async (world) => ({ url: `/api/v1/knowledge-proposals/${await pendingProposal(world)}/reject` }),
  },
];

knowledgeIsolationCases.push({
  method: 'GET',
  route: '/api/v1/ai-sessions/{id}/similar',
  prepare: async (world) => {
    const { sessionId } = await resolveWithWorkedFix(
      world.app,
      world.owner,
      'The barcode scanner beeps twice.',
    );
    return { url: `/api/v1/ai-sessions/${sessionId}/similar` };
  },
});
