import type { SignedUp } from '../../../test/fixtures.ts';
import type { TestApp } from '../../../test/test-app.ts';

/** Creates a template through the API as `who` and returns the response body. */
export async function createTemplate(t: TestApp, who: SignedUp, overrides: Record<string, unknown> = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/script-templates',
    headers: who.headers,
    payload: {
      name: 'Say hello',
      description: 'Prints a greeting',
      language: 'bash',
      category: 'Testing',
      body: 'echo {{message}}',
      parameters_schema: [{ name: 'message', label: 'Message', type: 'string', required: true }],
      ...overrides,
    },
  });
  if (response.statusCode !== 201)
    throw new Error(`template create failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; name: string } & Record<string, unknown>;
}

/** The engineer proposes a fix in their session; it becomes the active fix. */
export async function proposeFix(t: TestApp, who: SignedUp, sessionId: string, fix: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${sessionId}/suggested-fixes`,
    headers: who.headers,
    payload: fix,
  });
  if (response.statusCode !== 201)
    throw new Error(`fix propose failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; script_template_id: string | null } & Record<string, unknown>;
}
