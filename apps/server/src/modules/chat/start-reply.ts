import type { FastifyBaseLogger } from 'fastify';
import { aiSessionMessages } from '@flowpilot/db/schema-sessions';
import { mapDbError } from '@flowpilot/db/db-errors';
import type { Db, Tx } from '@flowpilot/db/database';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { runGeneration } from './run-generation.ts';

export const replyInProgressMessages = {
  ux_ai_session_messages_streaming:
    'The assistant is still answering. Wait for the reply (or stop it) first.',
};

/** Inserts the placeholder for a reply; the partial unique index allows one per session. */
export async function insertReplyPlaceholder(
  db: Db | Tx,
  ctx: AppContext,
  accountId: string,
  sessionId: string,
) {
  const [row] = await db
    .insert(aiSessionMessages)
    .values({
      accountId,
      aiSessionId: sessionId,
      role: 'assistant',
      status: 'streaming',
      modelBackend: ctx.model.backend,
      modelName: ctx.model.model,
    })
    .returning()
    .catch((error) => mapDbError(error, replyInProgressMessages));
  return row!;
}

/** Starts generating into an existing placeholder; runs on even if every client leaves. */
export function launchGeneration(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  messageId: string,
  log: FastifyBaseLogger,
) {
  return ctx.generations.start(sessionId, messageId, (emit, signal) =>
    runGeneration({ ctx, caller, sessionId, messageId, log }, emit, signal),
  );
}

/**
 * Starts the assistant's reply to the session's latest user message in the background
 * (used right after a session is created, so the first questions arrive unprompted).
 */
export async function startReply(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  log?: FastifyBaseLogger,
) {
  const placeholder = await insertReplyPlaceholder(ctx.database.db, ctx, caller.accountId, sessionId);
  void launchGeneration(ctx, caller, sessionId, placeholder.id, log ?? ctx.log);
  return { assistantMessageId: placeholder.id };
}
