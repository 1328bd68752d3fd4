import { z } from 'zod';
import { AppError } from '@flowpilot/core/app-error';
import { ZTemplateParameter, type ScriptLanguage } from '@flowpilot/core/script-template';
import { MAX_SCRIPT_LENGTH } from '@flowpilot/contracts/script-templates';
import type { Tx } from '@flowpilot/db/database';
import { mapDbError } from '@flowpilot/db/db-errors';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { draftTemplatesRepository, toDraftTemplateDto } from './draft-templates.repository.ts';

export interface NewDraftTemplate {
  aiSessionId: string;
  fixId: string | null;
  body: string;
  language: ScriptLanguage;
  proposedName: string;
  /**
   * Proposed parameter *schema* (TemplateParameter[]). Anything else — notably a map of the
   * values the engineer ran with, which may hold secrets — is dropped, never stored.
   */
  parameters?: unknown;
}

const alreadyQueued = (name?: string) =>
  new AppError(
    'conflict',
    `This fix already has a draft template waiting for review${name ? ` ("${name}")` : ''}. ` +
      'An owner can accept or reject it under Scripts → Draft review; after that you can queue another.',
  );

const ZParameterList = z.array(ZTemplateParameter).max(50);

/**
 * Queues a script for owner review ("Run now, templatize after"). Call it inside the
 * fix-decision transaction, after checking that the session and fix belong to the caller.
 */
export async function createDraftTemplate(
  tx: Tx,
  caller: { accountId: string; userId: string },
  draft: NewDraftTemplate,
) {
  if (draft.body.trim().length === 0 || draft.body.length > MAX_SCRIPT_LENGTH) {
    throw new AppError('validation_failed', 'A draft template needs a script of 1 to 50,000 characters.', {
      errors: [{ field: 'edited_script', message: 'must be 1 to 50,000 characters' }],
    });
  }
  const repository = draftTemplatesRepository(tx, caller.accountId);
  // A repeat (a double click, a retry, a second tab) must not queue a copy for the owners to
  // review. Refused rather than answered with the existing draft: the repeat may carry another
  // name or script, which would otherwise be dropped without a word. The caller holds the
  // session lock, so two repeats cannot both pass; the unique index backs this up.
  const pending = draft.fixId ? await repository.findPendingForFix(draft.fixId) : undefined;
  if (pending) throw alreadyQueued(pending.proposedName);
  const parsed = ZParameterList.safeParse(draft.parameters ?? []);
  const row = await repository
    .insert({
      aiSessionId: draft.aiSessionId,
      fixId: draft.fixId,
      createdByUserId: caller.userId,
      proposedName: draft.proposedName.trim().slice(0, 200) || 'Untitled script',
      language: draft.language,
      body: draft.body,
      parameters: parsed.success ? parsed.data : [],
    })
    .catch((error) => mapDbError(error, { ux_draft_templates_pending_fix: alreadyQueued().message }));
  await recordAuditEvent(tx, caller, {
    action: 'draft_template.created',
    subjectType: 'draft_template',
    subjectId: row.id,
    aiSessionId: draft.aiSessionId,
    after: { proposed_name: row.proposedName, language: row.language, fix_id: row.fixId },
  });
  const view = await repository.getView(row.id);
  return toDraftTemplateDto(view!);
}
