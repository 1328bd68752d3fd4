import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { factText, writeFacts } from './fact-write.ts';
import { insertFact, toFactDto } from './facts.repository.ts';

/** Adds an engineer's note to "What we know". */
export async function addFact(ctx: AppContext, caller: Caller, sessionId: string, text: string) {
  const cleaned = factText(text);
  const fact = await writeFacts(ctx, caller, sessionId, async (tx, session) => {
    const row = await insertFact(tx, {
      accountId: session.accountId,
      aiSessionId: session.id,
      kind: 'engineer_note',
      text: cleaned,
      createdByUserId: caller.userId,
    });
    await recordAuditEvent(tx, caller, {
      action: 'fact.added',
      subjectType: 'session_fact',
      subjectId: row.id,
      aiSessionId: session.id,
      after: { kind: row.kind, text: row.text },
    });
    return row;
  });
  return toFactDto(fact);
}
