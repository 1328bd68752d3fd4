import type { TUpdateScriptTemplateRequest } from '@flowpilot/contracts/script-templates';
import { mapDbError } from '@flowpilot/db/db-errors';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { assertValidDefinition } from './create-script-template.ts';
import { getEditableTemplate } from './get-script-template.ts';
import {
  scriptTemplatesRepository,
  templateNameTakenMessages,
  toScriptTemplateDto,
  type TemplateChanges,
} from './script-templates.repository.ts';

export async function updateScriptTemplate(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: TUpdateScriptTemplateRequest,
) {
  const after = await ctx.database.db
    .transaction(async (tx) => {
      const before = await getEditableTemplate(tx, caller, id);
      const changes: TemplateChanges = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.category !== undefined ? { category: input.category } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.parameters_schema !== undefined ? { parametersSchema: input.parameters_schema } : {}),
      };
      // Body, language and parameters are checked together: a change to one can break the others.
      assertValidDefinition({
        language: changes.language ?? before.language,
        body: changes.body ?? before.body,
        parameters_schema: changes.parametersSchema ?? before.parametersSchema,
      });
      const updated = await scriptTemplatesRepository(tx, caller.accountId).update(id, changes);
      const changed = Object.keys(changes) as (keyof TemplateChanges)[];
      await recordAuditEvent(tx, caller, {
        action: 'script_template.updated',
        subjectType: 'script_template',
        subjectId: id,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, updated![key]])),
      });
      return updated!;
    })
    .catch((error) => mapDbError(error, templateNameTakenMessages));
  return toScriptTemplateDto(after);
}
