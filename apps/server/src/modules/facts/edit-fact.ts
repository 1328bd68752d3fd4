import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { factText, getEditableFact, writeFacts } from './fact-write.ts';
import { toFactDto, updateFactText } from './facts.repository.ts';

/** Rewrites an engineer note or an AI-promoted fact. */
export async function editFact(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  factId: string,
  text: string,
) {
  const cleaned = factText(text);
  const fact = await writeFacts(ctx, caller, sessionId, async (tx, session) => {
    const before = await getEditableFact(tx, session.id, factId);
    const row = await updateFactText(tx, before.id, cleaned);
    await recordAuditEvent(tx, caller, {
      action: 'fact.updated',
      subjectType: 'session_fact',
      subjectId: row.id,
      aiSessionId: session.id,
      before: { text: before.text },
      after: { text: row.text },
    });
    return row;
  });
  return toFactDto(fact);
}
