import type { SignedUp } from './fixtures.ts';
import type { IsolationWorld } from './isolation.ts';
import type { TestApp } from './test-app.ts';

/** Opens a session through the API and waits for the assistant's first reply to finish. */
export async function openSession(
  t: TestApp,
  who: SignedUp,
  intake: Record<string, unknown> = { text: 'Outlook keeps prompting for a password' },
  extra: Record<string, unknown> = {},
) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: who.headers,
    payload: { intake_type: 'free_text', intake_content: intake, ...extra },
  });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  await t.ctx.generations.drain(10_000);
  return response.json() as { id: string; title: string; state_version: number } & Record<string, unknown>;
}

export async function stateVersion(t: TestApp, sessionId: string) {
  const [row] = await t.database.query<{ state_version: number }>(
    'SELECT state_version FROM ai_sessions WHERE id = $1',
    [sessionId],
  );
  return row!.state_version;
}

/** Puts a session in a state no API call in this module can reach (resolve/escalate live elsewhere). */
export async function setSessionStatus(t: TestApp, sessionId: string, status: string) {
  await t.database.query('UPDATE ai_sessions SET status = $1 WHERE id = $2', [status, sessionId]);
}

/** A session of the isolation world's owner, with its first reply finished. */
export async function ownerSession({ app, owner }: IsolationWorld) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: owner.headers,
    payload: {
      intake_type: 'ticket',
      intake_content: { text: 'Mapped drive missing after login', ticket_ref: 'INC-1' },
    },
  });
  if (created.statusCode !== 201) throw new Error(`session create failed: ${created.body}`);
  const id = created.json().id as string;
  await app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${id}/stream`, headers: owner.headers });
  return id;
}
