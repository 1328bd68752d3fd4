import { AppError } from '@flowpilot/core/app-error';
import { validateTemplateDefinition } from '@flowpilot/core/script-render';
import type { TCreateScriptTemplateRequest } from '@flowpilot/contracts/script-templates';
import { mapDbError } from '@flowpilot/db/db-errors';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import {
  scriptTemplatesRepository,
  templateNameTakenMessages,
  toScriptTemplateDto,
} from './script-templates.repository.ts';

export function assertValidDefinition(definition: Parameters<typeof validateTemplateDefinition>[0]) {
  const errors = validateTemplateDefinition(definition);
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'The template cannot be saved as it is; see errors.', { errors });
  }
}

export async function createScriptTemplate(
  ctx: AppContext,
  caller: Caller,
  input: TCreateScriptTemplateRequest,
) {
  assertValidDefinition(input);
  const row = await ctx.database.db
    .transaction(async (tx) => {
      const created = await scriptTemplatesRepository(tx, caller.accountId).insert({
        name: input.name,
        description: input.description,
        language: input.language,
        category: input.category,
        body: input.body,
        parametersSchema: input.parameters_schema,
        createdByUserId: caller.userId,
      });
      await recordAuditEvent(tx, caller, {
        action: 'script_template.created',
        subjectType: 'script_template',
        subjectId: created.id,
        after: { name: created.name, language: created.language, category: created.category },
      });
      return created;
    })
    .catch((error) => mapDbError(error, templateNameTakenMessages));
  return toScriptTemplateDto(row);
}
