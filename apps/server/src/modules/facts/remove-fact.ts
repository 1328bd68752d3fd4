import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { getEditableFact, writeFacts } from './fact-write.ts';
import { softDeleteFact } from './facts.repository.ts';

/** Removes a fact from "What we know"; the row stays (soft delete) for the audit trail. */
export async function removeFact(ctx: AppContext, caller: Caller, sessionId: string, factId: string) {
  await writeFacts(ctx, caller, sessionId, async (tx, session) => {
    const fact = await getEditableFact(tx, session.id, factId);
    await softDeleteFact(tx, fact.id);
    await recordAuditEvent(tx, caller, {
      action: 'fact.removed',
      subjectType: 'session_fact',
      subjectId: fact.id,
      aiSessionId: session.id,
      before: { kind: fact.kind, text: fact.text },
    });
  });
}
