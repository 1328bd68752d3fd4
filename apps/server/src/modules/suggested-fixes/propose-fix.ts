import { AppError } from '@flowpilot/core/app-error';
import type { TCreateFixRequest } from '@flowpilot/contracts/suggested-fixes';
import { mapDbError } from '@flowpilot/db/db-errors';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import {
  assertSessionWritable,
  bumpStateVersion,
  lockOwnedSession,
} from '../session-core/sessions.repository.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { scriptTemplatesRepository } from '../script-templates/script-templates.repository.ts';
import { replaceActiveFix, toFixDto } from '../session-core/fixes.repository.ts';

export const DEFAULT_ENGINEER_CONFIDENCE = 50;

const withoutNul = (text: string) => text.replaceAll('\u0000', '');

/** Whole percent in 0..100; an engineer who gives none is "fairly sure". */
export const fixConfidence = (pct: number | undefined) =>
  pct === undefined || Number.isNaN(pct)
    ? DEFAULT_ENGINEER_CONFIDENCE
    : Math.min(100, Math.max(0, Math.round(pct)));

/** A drafted script is useless without knowing how to run it. */
function assertScriptLanguage(input: TCreateFixRequest) {
  if (input.ai_drafted_script !== undefined && input.script_language === undefined) {
    throw new AppError(
      'bad_request',
      'ai_drafted_script needs script_language (powershell, bash or python).',
      {
        errors: [
          { field: 'body.script_language', message: 'is required when ai_drafted_script is given' },
          { field: 'body.ai_drafted_script', message: 'needs script_language' },
        ],
      },
    );
  }
}

/**
 * The engineer proposes a fix. It becomes the session's active fix; the previous one is
 * superseded through the lifecycle. One transaction, one state_version bump.
 */
export async function proposeFix(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  input: TCreateFixRequest,
) {
  assertScriptLanguage(input);
  const title = withoutNul(input.title).trim();
  if (!title) {
    throw new AppError('validation_failed', 'The fix needs a title.', {
      errors: [{ field: 'body.title', message: 'must not be empty' }],
    });
  }
  const script = input.ai_drafted_script === undefined ? null : withoutNul(input.ai_drafted_script);
  if (script !== null && !script.trim()) {
    throw new AppError('validation_failed', 'The drafted script is empty.', {
      errors: [{ field: 'body.ai_drafted_script', message: 'must not be empty' }],
    });
  }
  const fix = await ctx.database.db
    .transaction(async (tx) => {
      const session = await lockOwnedSession(tx, caller, sessionId);
      assertSessionWritable(session);
      if (
        input.script_template_id &&
        !(await scriptTemplatesRepository(tx, caller.accountId).findVisible(input.script_template_id))
      ) {
        throw new AppError('validation_failed', 'No such script template in your library.', {
          errors: [{ field: 'body.script_template_id', message: 'no such template' }],
        });
      }
      const { fix, previous } = await replaceActiveFix(tx, {
        accountId: session.accountId,
        aiSessionId: session.id,
        title,
        description: withoutNul(input.description).trim(),
        confidencePct: fixConfidence(input.confidence_pct),
        scriptTemplateId: input.script_template_id ?? null,
        scriptLanguage: input.script_language ?? null,
        aiDraftedScript: script,
        source: 'engineer',
        createdByUserId: caller.userId,
      });
      if (previous) {
        await recordAuditEvent(tx, caller, {
          action: 'fix.superseded',
          subjectType: 'suggested_fix',
          subjectId: previous.id,
          aiSessionId: session.id,
          before: { status: previous.status },
          after: { superseded_by: fix.id },
        });
      }
      await recordAuditEvent(tx, caller, {
        action: 'fix.proposed',
        subjectType: 'suggested_fix',
        subjectId: fix.id,
        aiSessionId: session.id,
        after: {
          title: fix.title,
          confidence_pct: fix.confidencePct,
          source: 'engineer',
          script_template_id: fix.scriptTemplateId,
          script_language: fix.scriptLanguage,
        },
      });
      await bumpStateVersion(tx, session.id);
      return fix;
    })
    .catch((error) => mapDbError(error));
  return toFixDto(fix);
}
