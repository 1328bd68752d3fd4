import type { TScriptGeneration } from '@flowpilot/contracts/script-templates';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@flowpilot/db/database';
import { scriptGenerations } from '@flowpilot/db/schema-scripts';

export type ScriptGenerationRow = typeof scriptGenerations.$inferSelect;

/** Stores a generation of one account. Pass only redacted parameters and the redacted script. */
export async function insertScriptGeneration(
  tx: Tx,
  caller: { accountId: string; userId: string },
  values: Pick<ScriptGenerationRow, 'templateId' | 'aiSessionId' | 'fixId' | 'parameters' | 'renderedScript'>,
) {
  const [row] = await tx
    .insert(scriptGenerations)
    .values({ ...values, accountId: caller.accountId, userId: caller.userId })
    .returning();
  return row!;
}

/** Whether this fix already got a script from this template (the session index finds it). */
export async function fixHasGenerationFrom(
  tx: Tx,
  caller: { accountId: string },
  ids: { aiSessionId: string; fixId: string; templateId: string },
) {
  const [row] = await tx
    .select({ id: scriptGenerations.id })
    .from(scriptGenerations)
    .where(
      and(
        eq(scriptGenerations.accountId, caller.accountId),
        eq(scriptGenerations.aiSessionId, ids.aiSessionId),
        eq(scriptGenerations.fixId, ids.fixId),
        eq(scriptGenerations.templateId, ids.templateId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The stored record plus the real script, which exists only in this one response. */
export function toScriptGenerationDto(row: ScriptGenerationRow, script: string): TScriptGeneration {
  return {
    id: row.id,
    template_id: row.templateId,
    script,
    redacted_script: row.renderedScript,
    parameters: row.parameters,
    ai_session_id: row.aiSessionId,
    fix_id: row.fixId,
    created_at: row.createdAt.toISOString(),
  };
}
