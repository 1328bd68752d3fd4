import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';
import { ownerSession } from '../../../test/session-helpers.ts';

/** A session of the world's owner, escalated (waiting in the account's queue). */
export async function ownerEscalatedSession(world: IsolationWorld) {
  const id = await ownerSession(world);
  const escalated = await world.app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${id}/escalation-package/post`,
    headers: world.owner.headers,
    payload: { intercept_choice: 'never_applied' },
  });
  if (escalated.statusCode !== 200) throw new Error(`escalate failed: ${escalated.body}`);
  return id;
}

export const escalationsIsolationCases: IsolationCase[] = [
  {
    method: 'POST',
    route: '/api/v1/escalations/{session_id}/claim',
    prepare: async (world) => ({ url: `/api/v1/escalations/${await ownerEscalatedSession(world)}/claim` }),
  },
];
