import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '@flowpilot/core/app-error';
import { aiSessionMessages } from '@flowpilot/db/schema-sessions';
import { mapDbError } from '@flowpilot/db/db-errors';
import type { Db, Tx } from '@flowpilot/db/database';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import type { SessionRow } from '../session-core/sessions.repository.ts';
import { expireStaleReplies, maxReplyMs } from './expire-stale-replies.ts';
import { runGeneration } from './run-generation.ts';

const REPLY_IN_PROGRESS = 'The assistant is still answering. Wait for the reply (or stop it) first.';

/**
 * Inserts the placeholder for a reply; the partial unique index allows one streaming reply
 * per session. A reply left "streaming" by a process that died is settled first (only
 * looked for when the insert finds one, so the usual path is one statement).
 */
export async function insertReplyPlaceholder(
  db: Db | Tx,
  ctx: AppContext,
  accountId: string,
  sessionId: string,
) {
  const insert = () =>
    db
      .insert(aiSessionMessages)
      .values({
        accountId,
        aiSessionId: sessionId,
        role: 'assistant',
        status: 'streaming',
        modelBackend: ctx.model.backend,
        modelName: ctx.model.model,
      })
      .onConflictDoNothing()
      .returning()
      .catch((error) => mapDbError(error));
  const [row] = await insert();
  if (row) return row;
  const expired = await expireStaleReplies(db, maxReplyMs(ctx.config.llm.timeoutMs), sessionId);
  const [retried] = expired ? await insert() : [];
  if (!retried) throw new AppError('conflict', REPLY_IN_PROGRESS);
  return retried;
}

/** Starts generating into an existing placeholder; runs on even if every client leaves. */
export function launchGeneration(
  ctx: AppContext,
  caller: Caller,
  session: SessionRow,
  messageId: string,
  log: FastifyBaseLogger,
) {
  return ctx.generations.start(session.id, messageId, (emit, signal) =>
    runGeneration({ ctx, caller, session, messageId, log }, emit, signal),
  );
}

/**
 * Starts the assistant's reply to the session's latest user message in the background
 * (used right after a session is created, so the first questions arrive unprompted).
 */
export async function startReply(
  ctx: AppContext,
  caller: Caller,
  session: SessionRow,
  log?: FastifyBaseLogger,
) {
  const placeholder = await insertReplyPlaceholder(ctx.database.db, ctx, caller.accountId, session.id);
  void launchGeneration(ctx, caller, session, placeholder.id, log ?? ctx.log);
  return { assistantMessageId: placeholder.id };
}
