import type { Tx } from '@flowpilot/db/database';
import { scriptTemplatesRepository } from './script-templates.repository.ts';

export type TemplateOutcome = 'applied_success' | 'applied_failed' | 'applied_partial';

const counterFor = {
  applied_success: 'successCount',
  applied_failed: 'failureCount',
  applied_partial: 'partialCount',
} as const;

/**
 * Counts a fix outcome against the template the fix used. Call it inside the outcome's
 * transaction. Scoped to the caller's account: a built-in's counters are kept per account,
 * and another account's template (or a deleted/unknown id) is silently not counted.
 */
export async function recordTemplateOutcome(
  tx: Tx,
  caller: { accountId: string },
  templateId: string,
  outcome: TemplateOutcome,
) {
  const repository = scriptTemplatesRepository(tx, caller.accountId);
  const template = await repository.findVisible(templateId);
  if (!template) return false;
  await repository.increment(template, counterFor[outcome]);
  return true;
}
