import { and, asc, eq } from 'drizzle-orm';
import { parseMarkers } from '@flowpilot/core/markers';
import type { TAttachment } from '@flowpilot/contracts/attachments';
import type { TMessage } from '@flowpilot/contracts/messages';
import type { Db, Tx } from '@flowpilot/db/database';
import { aiSessionMessages } from '@flowpilot/db/schema-sessions';

export type MessageRow = typeof aiSessionMessages.$inferSelect;

/** Messages are reached only through a session the caller owns (checked by the caller). */
export function listMessages(db: Db | Tx, sessionId: string) {
  return db
    .select()
    .from(aiSessionMessages)
    .where(eq(aiSessionMessages.aiSessionId, sessionId))
    .orderBy(asc(aiSessionMessages.seq));
}

export async function findMessage(db: Db | Tx, sessionId: string, messageId: string) {
  const [row] = await db
    .select()
    .from(aiSessionMessages)
    .where(and(eq(aiSessionMessages.aiSessionId, sessionId), eq(aiSessionMessages.id, messageId)))
    .limit(1);
  return row;
}

export async function findStreamingMessage(db: Db | Tx, sessionId: string) {
  const [row] = await db
    .select({ id: aiSessionMessages.id })
    .from(aiSessionMessages)
    .where(and(eq(aiSessionMessages.aiSessionId, sessionId), eq(aiSessionMessages.status, 'streaming')))
    .limit(1);
  return row;
}

/**
 * The stored transcript keeps the raw model text; what clients read is the prose.
 * User text is shown verbatim: markers only ever mean something in assistant output.
 */
export function toMessageDto(row: MessageRow, attachments: readonly TAttachment[] = []): TMessage {
  const content = row.role === 'assistant' ? parseMarkers(row.content).prose.trim() : row.content;
  return {
    id: row.id,
    role: row.role,
    kind: row.kind,
    content,
    status: row.status,
    error: row.error,
    changes: (row.changes as TMessage['changes']) ?? null,
    model: row.modelBackend ? `${row.modelBackend}/${row.modelName}` : null,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    context: (row.context as TMessage['context']) ?? null,
    attachments: [...attachments],
    created_at: row.createdAt.toISOString(),
  };
}
