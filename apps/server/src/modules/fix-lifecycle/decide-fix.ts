import { AppError } from '@flowpilot/core/app-error';
import { fixEventForDecision } from '@flowpilot/core/fix-lifecycle';
import type { TFixDecisionRequest } from '@flowpilot/contracts/suggested-fixes';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { createDraftTemplate } from '../draft-templates/create-draft-template.ts';
import { changeFix } from './change-fix.ts';

/** The InlineNoTemplateDialog's choice for a fix with a drafted script. */
export async function decideFix(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  fixId: string,
  input: TFixDecisionRequest,
) {
  return changeFix(ctx, caller, sessionId, fixId, {
    event: fixEventForDecision(input.decision, input.edited_script),
    action: `fix.decision.${input.decision}`,
    ...(input.parameters_used ? { extra: { aiDraftedParameters: input.parameters_used } } : {}),
    // "Run now, templatize after": the script joins the owners' review queue in the same transaction.
    after:
      input.decision === 'draft_template'
        ? async (tx, fix) => {
            if (!fix.aiDraftedScript) {
              throw new AppError('conflict', 'This fix has no drafted script to turn into a template.');
            }
            const draft = await createDraftTemplate(tx, caller, {
              aiSessionId: sessionId,
              fixId: fix.id,
              body: fix.aiDraftedScript,
              language: fix.scriptLanguage ?? 'powershell',
              proposedName: input.template_name ?? fix.title,
            });
            return { draftTemplateId: draft.id };
          }
        : undefined,
  });
}
