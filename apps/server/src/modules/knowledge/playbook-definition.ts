import { AppError } from '@flowpilot/core/app-error';
import { playbookProblems, ZPlaybook, type Playbook } from '@flowpilot/core/playbook';
import type { TPlaybookDefinitionInput } from '@flowpilot/contracts/playbooks';
import type { Db, Tx } from '@flowpilot/db/database';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import { playbooksRepository } from './playbooks.repository.ts';

/** A kebab-case slug from a title, short enough that task-lane ids (`slug.question`) stay in bounds. */
export function slugFromTitle(title: string, suffix?: string): string {
  const base =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, suffix ? 40 : 50)
      .replace(/-+$/g, '') || 'playbook';
  return suffix ? `${base}-${suffix}` : base;
}

const builtinSlugs = new Set(loadPlaybookPack().map((playbook) => playbook.slug));
export const isBuiltinSlug = (slug: string) => builtinSlugs.has(slug);

/**
 * The whole playbook an account stores, checked as the engine will read it: the shared schema,
 * the cross-field rules, and a template link the account can see. Problems are 422s naming
 * the field, so a form can show them where they belong.
 */
export async function assertValidPlaybook(
  db: Db | Tx,
  accountId: string,
  definition: TPlaybookDefinitionInput & { slug: string },
): Promise<Playbook> {
  const parsed = ZPlaybook.safeParse(definition);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The playbook is not valid.', {
      errors: parsed.error.issues.map((issue) => ({
        field: `body.${issue.path.join('.')}`,
        message: issue.message,
      })),
    });
  }
  const problems = playbookProblems(parsed.data);
  if (problems.length > 0) {
    throw new AppError('validation_failed', `The playbook is not valid: ${problems.join('; ')}.`, {
      errors: problems.map((message) => ({ field: 'body', message })),
    });
  }
  const templateId = parsed.data.template_id;
  if (templateId && !(await playbooksRepository(db, accountId).templateName(templateId))) {
    throw new AppError('validation_failed', 'The linked script template is not in your library.', {
      errors: [{ field: 'body.template_id', message: 'no such template in your library' }],
    });
  }
  return parsed.data;
}
