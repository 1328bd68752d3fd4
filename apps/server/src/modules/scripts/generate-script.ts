import { eq } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import { isTerminalFixStatus } from '@flowpilot/core/fix-lifecycle';
import { redactParameters } from '@flowpilot/core/script-render';
import type { TGenerateScriptRequest } from '@flowpilot/contracts/script-templates';
import type { Tx } from '@flowpilot/db/database';
import { sessionSuggestedFixes } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import {
  assertSessionWritable,
  bumpStateVersion,
  lockOwnedSession,
} from '../session-core/sessions.repository.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { findSessionFix } from '../session-core/fixes.repository.ts';
import { getVisibleTemplate } from '../script-templates/get-script-template.ts';
import { renderOrThrow } from '../script-templates/render-script-template.ts';
import { scriptTemplatesRepository } from '../script-templates/script-templates.repository.ts';
import {
  fixHasGenerationFrom,
  insertScriptGeneration,
  toScriptGenerationDto,
} from './script-generations.repository.ts';

/** Links the template to the session's active fix; the caller holds the session lock. */
async function linkTemplateToFix(tx: Tx, sessionId: string, fixId: string, templateId: string) {
  const fix = await findSessionFix(tx, sessionId, fixId);
  if (!fix) throw new AppError('not_found', 'No such suggested fix in this session.');
  if (fix.supersededAt)
    throw new AppError('conflict', 'This fix was superseded; generate for the active fix.');
  if (isTerminalFixStatus(fix.status)) {
    throw new AppError(
      'conflict',
      `This fix is already closed (${fix.status}); its script can no longer change.`,
    );
  }
  await tx
    .update(sessionSuggestedFixes)
    .set({ scriptTemplateId: templateId, updatedAt: new Date() })
    .where(eq(sessionSuggestedFixes.id, fix.id));
  await bumpStateVersion(tx, sessionId);
}

/**
 * Renders a template for real. Only the redacted script and parameters are stored (and
 * audited); the real script goes back in this response alone. With a session and fix, the
 * fix now names the template and the session's state_version moves by exactly one.
 */
export async function generateScript(ctx: AppContext, caller: Caller, input: TGenerateScriptRequest) {
  if (input.fix_id && !input.ai_session_id) {
    throw new AppError('bad_request', 'fix_id needs the ai_session_id of the session the fix belongs to.', {
      errors: [
        { field: 'body.ai_session_id', message: 'is required when fix_id is given' },
        { field: 'body.fix_id', message: 'needs ai_session_id' },
      ],
    });
  }
  return ctx.database.db.transaction(async (tx) => {
    // Lock first: concurrent generations for one session queue here instead of racing the bump.
    if (input.ai_session_id) {
      const session = await lockOwnedSession(tx, caller, input.ai_session_id);
      assertSessionWritable(session);
    }
    const template = await getVisibleTemplate(tx, caller, input.template_id);
    const rendered = renderOrThrow(template, input.parameters);
    const redactedParameters = redactParameters(template.parametersSchema, input.parameters);

    // A use is one fix getting a script from the template, not one Generate click: tweaking
    // the values and generating again for the same fix counts nothing more (ADR 007). A
    // generation outside a session's fix is a use of its own. The session lock makes the
    // check and the count one step.
    let firstForFix = true;
    if (input.ai_session_id && input.fix_id) {
      await linkTemplateToFix(tx, input.ai_session_id, input.fix_id, template.id);
      firstForFix = !(await fixHasGenerationFrom(tx, caller, {
        aiSessionId: input.ai_session_id,
        fixId: input.fix_id,
        templateId: template.id,
      }));
    }
    const generation = await insertScriptGeneration(tx, caller, {
      templateId: template.id,
      aiSessionId: input.ai_session_id ?? null,
      fixId: input.fix_id ?? null,
      parameters: redactedParameters,
      renderedScript: rendered.redacted_script,
    });
    if (firstForFix) await scriptTemplatesRepository(tx, caller.accountId).increment(template, 'usageCount');
    await recordAuditEvent(tx, caller, {
      action: 'script.generated',
      subjectType: 'script_generation',
      subjectId: generation.id,
      aiSessionId: input.ai_session_id ?? null,
      after: {
        template_id: template.id,
        template_name: template.name,
        fix_id: input.fix_id ?? null,
        parameters: redactedParameters,
      },
    });
    return toScriptGenerationDto(generation, rendered.script);
  });
}
