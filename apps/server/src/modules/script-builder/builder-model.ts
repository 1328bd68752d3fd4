import { and, desc, isNull, or, eq } from 'drizzle-orm';
import type { ChatModel } from '@flowpilot/assistant/chat-model';
import {
  createOfflineScriptComposer,
  packTemplates,
  type ComposerTemplate,
} from '@flowpilot/assistant/offline/script-composer';
import type { Db } from '@flowpilot/db/database';
import { scriptTemplates } from '@flowpilot/db/schema-scripts';
import type { AppContext } from '../../app-context.ts';
import type { BuilderSessionRow } from './script-builder.repository.ts';

/** Enough of a library to choose from; the most recently touched first. */
const LIBRARY_LIMIT = 2000;

/**
 * The account's live templates plus the built-ins. Built-ins come from the database once
 * seeded there, and from the playbook pack otherwise, so the composer always has them.
 */
export async function loadComposerTemplates(db: Db, accountId: string): Promise<ComposerTemplate[]> {
  const rows = await db
    .select({
      id: scriptTemplates.id,
      slug: scriptTemplates.slug,
      name: scriptTemplates.name,
      description: scriptTemplates.description,
      language: scriptTemplates.language,
      category: scriptTemplates.category,
      body: scriptTemplates.body,
      parameters_schema: scriptTemplates.parametersSchema,
      is_builtin: scriptTemplates.isBuiltin,
    })
    .from(scriptTemplates)
    .where(
      and(
        or(eq(scriptTemplates.accountId, accountId), eq(scriptTemplates.isBuiltin, true)),
        isNull(scriptTemplates.deletedAt),
      ),
    )
    .orderBy(desc(scriptTemplates.updatedAt))
    .limit(LIBRARY_LIMIT);
  const seeded = new Set(rows.filter((row) => row.is_builtin).map((row) => row.slug));
  return [...rows, ...packTemplates().filter((template) => !seeded.has(template.slug))];
}

/**
 * The model behind a builder reply. Offline, the template composer answers instead of the
 * playbook engine (which troubleshoots, it does not write scripts); it is a ChatModel too,
 * so streaming and persistence are the same code path.
 */
export function builderModel(
  ctx: AppContext,
  accountId: string,
  session: BuilderSessionRow,
  context: string | undefined,
): ChatModel {
  if (ctx.model.backend !== 'offline') return ctx.model;
  return createOfflineScriptComposer({
    language: session.language,
    templates: () => loadComposerTemplates(ctx.database.db, accountId),
    context,
    // Replies name the button the engineer sees on this surface (see script-preview / script-builder-tab).
    editorButton: session.origin === 'pilot_inline' ? 'Write it myself' : 'Edit',
  });
}
