import { and, eq } from 'drizzle-orm';
import { findPlaceholders } from '@flowpilot/core/script-render';
import type { TemplateParameter } from '@flowpilot/core/script-template';
import type { TAcceptDraftRequest } from '@flowpilot/contracts/script-templates';
import { mapDbError } from '@flowpilot/db/db-errors';
import { users } from '@flowpilot/db/schema-accounts';
import { aiSessions } from '@flowpilot/db/schema-sessions';
import type { Tx } from '@flowpilot/db/database';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { assertValidDefinition } from '../script-templates/create-script-template.ts';
import {
  scriptTemplatesRepository,
  templateNameTakenMessages,
  toScriptTemplateDto,
} from '../script-templates/script-templates.repository.ts';
import { draftTemplatesRepository, toDraftTemplateDto } from './draft-templates.repository.ts';
import { lockPendingDraft } from './review-draft.ts';

/** A placeholder the owner added while editing becomes a required text parameter. */
function completeSchema(body: string, declared: TemplateParameter[]): TemplateParameter[] {
  const names = new Set(declared.map((parameter) => parameter.name));
  const added = findPlaceholders(body)
    .filter((name) => !names.has(name))
    .map((name): TemplateParameter => ({
      name,
      label: name.replaceAll('_', ' '),
      type: 'string',
      required: true,
      sensitive: false,
    }));
  return [...declared, ...added];
}

/** Where the draft came from, read inside the account (the reviewer is not the session's owner). */
async function provenance(tx: Tx, accountId: string, sessionId: string, authorId: string | null) {
  const [session] = await tx
    .select({ title: aiSessions.title, intake: aiSessions.intakeContent, category: aiSessions.issueCategory })
    .from(aiSessions)
    .where(and(eq(aiSessions.accountId, accountId), eq(aiSessions.id, sessionId)))
    .limit(1);
  const [author] = authorId
    ? await tx
        .select({ name: users.name })
        .from(users)
        .where(and(eq(users.accountId, accountId), eq(users.id, authorId)))
        .limit(1)
    : [];
  return { session, authorName: author?.name ?? 'a former user' };
}

/**
 * Owner promotes a pending draft into the library (optionally edited), keeping where it came
 * from: the session, its engineer and the ticket. Deciding twice is 409.
 */
export async function acceptDraftTemplate(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: TAcceptDraftRequest,
) {
  return ctx.database.db
    .transaction(async (tx) => {
      const draft = await lockPendingDraft(tx, caller.accountId, id);
      const { session, authorName } = await provenance(
        tx,
        caller.accountId,
        draft.aiSessionId,
        draft.createdByUserId,
      );
      const body = input.edited_body ?? draft.body;
      const definition = {
        language: draft.language,
        body,
        parameters_schema: completeSchema(body, draft.parameters),
      };
      assertValidDefinition(definition);

      const template = await scriptTemplatesRepository(tx, caller.accountId).insert({
        name: input.name ?? draft.proposedName,
        description: `From session ${session?.title ?? '(removed)'} by ${authorName}`.slice(0, 2000),
        language: draft.language,
        category: input.category ?? session?.category?.slice(0, 100) ?? 'General',
        body,
        parametersSchema: definition.parameters_schema,
        sourceSessionId: draft.aiSessionId,
        sourceUserId: draft.createdByUserId,
        sourceTicketRef: session?.intake.ticket_ref || null,
        createdByUserId: caller.userId,
      });
      const drafts = draftTemplatesRepository(tx, caller.accountId);
      await drafts.review(id, {
        status: 'accepted',
        reviewedByUserId: caller.userId,
        reviewedAt: new Date(),
        promotedTemplateId: template.id,
      });
      await recordAuditEvent(tx, caller, {
        action: 'draft_template.accepted',
        subjectType: 'draft_template',
        subjectId: id,
        aiSessionId: draft.aiSessionId,
        before: { status: 'pending' },
        after: {
          status: 'accepted',
          template_id: template.id,
          name: template.name,
          edited: input.edited_body !== undefined,
        },
      });
      return {
        draft: toDraftTemplateDto((await drafts.getView(id))!),
        template: toScriptTemplateDto(template),
      };
    })
    .catch((error) => mapDbError(error, templateNameTakenMessages));
}
