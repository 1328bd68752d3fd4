import { expect } from 'vitest';
import type { TestApp } from '../../../test/test-app.ts';
import type { SignedUp } from '../../../test/fixtures.ts';

/** A playbook about a problem the bundled pack does not know. */
export const labelPrinterPlaybook = {
  title: 'Zebra label printer feeds blank labels',
  category: 'Printing',
  symptoms: [
    'zebra label printer prints blank labels',
    'thermal labels come out empty',
    'shipping labels feed through with nothing printed',
  ],
  keywords: ['zebra', 'thermal', 'label'],
  questions: [],
  checks: [
    {
      id: 'printer-status',
      title: 'Printer status',
      command: 'Get-Printer -Name Zebra*',
      language: 'powershell',
    },
  ],
  root_cause: 'The media type is set to thermal transfer while direct thermal labels are loaded.',
  fix: {
    title: 'Switch the Zebra media type to direct thermal',
    description: 'In the driver preferences set Media Type to Direct Thermal and run a calibration.',
  },
} as const;

export async function startSession(t: TestApp, user: SignedUp, text: string) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: user.headers,
    payload: { intake_type: 'free_text', intake_content: { text } },
  });
  expect(created.statusCode).toBe(201);
  await t.ctx.generations.drain(10_000);
  return created.json().id as string;
}

export async function sendMessage(t: TestApp, user: SignedUp, id: string, content: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${id}/messages`,
    headers: user.headers,
    payload: { content },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

export async function activeFixTitle(t: TestApp, user: SignedUp, id: string): Promise<string | null> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/ai-sessions/${id}/suggested-fixes/active`,
    headers: user.headers,
  });
  return response.statusCode === 200 ? (response.json().title as string) : null;
}

type Api = TestApp['app'];

/** An engineer's own fix, declared worked, then Resolve: the flywheel's input, through the API. */
export async function resolveWithWorkedFix(
  app: Api,
  user: SignedUp,
  text: string,
  fix: { title: string; description: string; script_template_id?: string } = {
    title: 'Re-pair the scanner in HID keyboard mode',
    description:
      'Scan the "USB HID keyboard" configuration barcode from the quick-start guide, then re-pair the scanner with its cradle.',
  },
  /**
   * Waits for the intake's reply, whose own fix would otherwise race the engineer's (and whose
   * writes would land in the middle of a caller's before/after comparison). By default, follows
   * the reply's stream to its end.
   */
  settle: (sessionId: string) => Promise<unknown> = (sessionId) =>
    app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${sessionId}/stream`, headers: user.headers }),
) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: user.headers,
    payload: { intake_type: 'free_text', intake_content: { text, ticket_ref: 'T-4711' } },
  });
  if (created.statusCode !== 201) throw new Error(`session: ${created.statusCode} ${created.body}`);
  const sessionId = created.json().id as string;
  await settle(sessionId);
  const proposed = await app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${sessionId}/suggested-fixes`,
    headers: user.headers,
    payload: fix,
  });
  if (proposed.statusCode !== 201) throw new Error(`fix: ${proposed.statusCode} ${proposed.body}`);
  const fixId = proposed.json().id as string;
  const outcome = await app.inject({
    method: 'PATCH',
    url: `/api/v1/ai-sessions/${sessionId}/suggested-fixes/${fixId}/outcome`,
    headers: user.headers,
    payload: { outcome: 'applied_success' },
  });
  if (outcome.statusCode !== 200) throw new Error(`outcome: ${outcome.statusCode} ${outcome.body}`);
  return { sessionId, fixId, resolve: () => resolveSession(app, user, sessionId) };
}

export function resolveSession(app: Api, user: SignedUp, sessionId: string) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${sessionId}/resolution-note/post`,
    headers: user.headers,
    payload: {},
  });
}

export async function pendingProposals(app: Api, owner: SignedUp) {
  const response = await app.inject({
    method: 'GET',
    url: '/api/v1/knowledge-proposals?status=pending',
    headers: owner.headers,
  });
  if (response.statusCode !== 200) throw new Error(`proposals: ${response.statusCode} ${response.body}`);
  return response.json() as {
    items: { id: string; kind: string; proposed: { slug: string } | null }[];
    pending_count: number;
  };
}

/** The active fix's title after at most `followUps` generic replies asking for it. */
export async function fixWithin(t: TestApp, user: SignedUp, id: string, followUps = 2) {
  let title = await activeFixTitle(t, user, id);
  for (const reply of ['Any idea what to do?', 'What is the fix?'].slice(0, followUps)) {
    if (title) break;
    await sendMessage(t, user, id, reply);
    title = await activeFixTitle(t, user, id);
  }
  return title;
}
