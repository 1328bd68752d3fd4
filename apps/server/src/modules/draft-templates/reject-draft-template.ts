import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { draftTemplatesRepository, toDraftTemplateDto } from './draft-templates.repository.ts';
import { lockPendingDraft } from './review-draft.ts';

export async function rejectDraftTemplate(ctx: AppContext, caller: Caller, id: string) {
  return ctx.database.db.transaction(async (tx) => {
    const draft = await lockPendingDraft(tx, caller.accountId, id);
    const drafts = draftTemplatesRepository(tx, caller.accountId);
    await drafts.review(id, {
      status: 'rejected',
      reviewedByUserId: caller.userId,
      reviewedAt: new Date(),
      promotedTemplateId: null,
    });
    await recordAuditEvent(tx, caller, {
      action: 'draft_template.rejected',
      subjectType: 'draft_template',
      subjectId: id,
      aiSessionId: draft.aiSessionId,
      before: { status: 'pending' },
      after: { status: 'rejected' },
    });
    return { draft: toDraftTemplateDto((await drafts.getView(id))!) };
  });
}
