import type { App } from '../../app.ts';
import type { SignedUp } from '../../../test/fixtures.ts';

/**
 * The real path to a draft: `who` opens a session (from a ticket), proposes a fix with a
 * drafted script and chooses "Run now, templatize after".
 */
export async function draftThroughDecision(
  app: App,
  who: SignedUp,
  options: { script?: string; language?: string; name?: string; ticketRef?: string; title?: string } = {},
) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: who.headers,
    payload: {
      intake_type: 'ticket',
      intake_content: {
        text: 'Mapped drive S: missing after login',
        ticket_ref: options.ticketRef ?? 'INC-4242',
      },
      title: options.title ?? 'S: drive missing',
    },
  });
  if (created.statusCode !== 201) throw new Error(`session create failed: ${created.body}`);
  const sessionId = created.json().id as string;
  // Let the first reply finish so nothing moves afterwards.
  await app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${sessionId}/stream`, headers: who.headers });
  const fix = await app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${sessionId}/suggested-fixes`,
    headers: who.headers,
    payload: {
      title: 'Re-map the S: drive',
      ai_drafted_script: options.script ?? 'net use S: \\\\fs01\\shared /persistent:yes',
      script_language: options.language ?? 'powershell',
    },
  });
  if (fix.statusCode !== 201) throw new Error(`fix failed: ${fix.body}`);
  const fixId = fix.json().id as string;
  const decision = await app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${sessionId}/suggested-fixes/${fixId}/decision`,
    headers: who.headers,
    payload: { decision: 'draft_template', template_name: options.name ?? 'Map the shared drive' },
  });
  const draftId = decision.json().draft_template_id as string | null;
  if (decision.statusCode !== 200 || !draftId) throw new Error(`draft decision failed: ${decision.body}`);
  return { sessionId, fixId, draftId };
}
