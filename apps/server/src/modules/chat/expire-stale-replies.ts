import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '@flowpilot/db/database';
import { aiSessionMessages, type MessageError } from '@flowpilot/db/schema-sessions';

const interrupted: MessageError = {
  code: 'interrupted',
  detail: 'The reply was interrupted (the server stopped while answering). Your message is saved; retry.',
  retryable: true,
};

/**
 * A reply left "streaming" by a process that died would block its session for good (one
 * reply in flight per session). Replies older than the longest a generation may take are
 * marked failed and retryable. `sessionId` limits it to one session; without it, all.
 */
export async function expireStaleReplies(db: Db | Tx, olderThanMs: number, sessionId?: string) {
  const cutoff = new Date(Date.now() - olderThanMs);
  const rows = await db
    .update(aiSessionMessages)
    .set({ status: 'failed', error: interrupted, completedAt: sql`now()` })
    .where(
      and(
        eq(aiSessionMessages.status, 'streaming'),
        lt(aiSessionMessages.createdAt, cutoff),
        sessionId ? eq(aiSessionMessages.aiSessionId, sessionId) : undefined,
      ),
    )
    .returning({ id: aiSessionMessages.id });
  return rows.length;
}

/** The longest a reply can legitimately stream: the model's budget plus time to apply the turn. */
export const maxReplyMs = (llmTimeoutMs: number) => llmTimeoutMs + 30_000;
