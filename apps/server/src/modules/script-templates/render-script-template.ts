import { AppError } from '@flowpilot/core/app-error';
import { renderTemplate, type RenderResult } from '@flowpilot/core/script-render';
import type { Db, Tx } from '@flowpilot/db/database';
import { getVisibleTemplate } from './get-script-template.ts';
import type { VisibleTemplate } from './script-templates.repository.ts';

/** Renders or throws 422 listing every bad parameter; the result is never empty-with-errors. */
export function renderOrThrow(template: VisibleTemplate, parameters: Record<string, unknown>): RenderResult {
  const result = renderTemplate(
    { language: template.language, body: template.body, parameters_schema: template.parametersSchema },
    parameters,
  );
  // Too large is about the whole script, not one field: its sentence is the problem's detail.
  const tooLarge = result.errors.find((error) => error.field === 'script');
  if (tooLarge) throw new AppError('validation_failed', tooLarge.message);
  if (result.errors.length > 0) {
    throw new AppError('validation_failed', 'Some parameter values are not valid for this template.', {
      errors: result.errors,
    });
  }
  return result;
}

/** Preview: renders without storing anything (no generation record, no counters). */
export async function renderScriptTemplate(
  db: Db | Tx,
  caller: { accountId: string },
  id: string,
  parameters: Record<string, unknown>,
) {
  return renderOrThrow(await getVisibleTemplate(db, caller, id), parameters);
}
