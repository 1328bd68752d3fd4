import type { TTriagePatch } from '@flowpilot/contracts/ai-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import {
  assertSessionWritable,
  lockOwnedSession,
  updateSessionTriage,
  type SessionRow,
  type TriageChanges,
} from '../session-core/sessions.repository.ts';
import { getSessionDetail } from './get-session-detail.ts';
import { withoutNul } from './intake-text.ts';

const fields = {
  client_name: 'clientName',
  asset_name: 'assetName',
  issue_category: 'issueCategory',
  triage_hypothesis: 'triageHypothesis',
  title: 'title',
  status: 'status',
} as const satisfies Record<keyof TTriagePatch, keyof TriageChanges>;

/** An emptied field means "not known": stored as null, not as an empty string. */
const cleaned = (value: string | null) => {
  if (value === null) return null;
  const text = withoutNul(value).trim();
  return text === '' ? null : text;
};

/**
 * Updates the triage fields. They describe the session for the list and search, not what a
 * note records as done, so state_version stays put (SPEC §2 lists the bumping writes).
 */
export async function updateTriage(ctx: AppContext, caller: Caller, sessionId: string, patch: TTriagePatch) {
  await ctx.database.db.transaction(async (tx) => {
    const session = await lockOwnedSession(tx, caller, sessionId);
    assertSessionWritable(session);
    const changes: TriageChanges = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(fields) as [keyof TTriagePatch, keyof TriageChanges][]) {
      const raw = patch[field];
      if (raw === undefined) continue;
      const value = field === 'status' ? raw : cleaned(raw);
      // A title can't be emptied; the contract already refuses that, NULs aside.
      if (field === 'title' && value === null) continue;
      if (value === session[column as keyof SessionRow]) continue;
      Object.assign(changes, { [column]: value });
      before[field] = session[column as keyof SessionRow];
      after[field] = value;
    }
    if (Object.keys(changes).length === 0) return;
    await updateSessionTriage(tx, session.id, changes);
    await recordAuditEvent(tx, caller, {
      action: 'session.triage_updated',
      subjectType: 'ai_session',
      subjectId: session.id,
      aiSessionId: session.id,
      before,
      after,
    });
  });
  return getSessionDetail(ctx.database.db, caller, sessionId);
}
