import { eq } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import { aiSessionMessages } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import {
  assertSessionWritable,
  lockOwnedSession,
  lockOwnedSessionForMessage,
} from '../session-core/sessions.repository.ts';
import { attachToSession, toAttachmentDto } from '../attachments/attachments.repository.ts';
import { findMessage, listMessages } from './messages.repository.ts';
import { insertReplyPlaceholder } from './start-reply.ts';

/**
 * Saves the engineer's message, joins its attachments to it and inserts a placeholder for the
 * reply, in one transaction; the caller then launches the reply (see chat.routes.ts). The
 * user's text is stored verbatim and never parsed for markers.
 */
export async function postMessage(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  content: string,
  attachmentIds: readonly string[] = [],
) {
  // Four statements in all without attachments: the time to first token starts with them.
  const { session, userMessage, placeholder, attached } = await ctx.database.db.transaction(async (tx) => {
    const session = await lockOwnedSessionForMessage(tx, caller, sessionId);
    assertSessionWritable(session);
    const [userMessage] = await tx
      .insert(aiSessionMessages)
      .values({ accountId: caller.accountId, aiSessionId: sessionId, role: 'user', content })
      .returning();
    const attached = await attachToSession(tx, caller, attachmentIds, {
      aiSessionId: sessionId,
      messageId: userMessage!.id,
    });
    const placeholder = await insertReplyPlaceholder(tx, ctx, caller.accountId, sessionId);
    return { session, userMessage: userMessage!, placeholder, attached };
  });
  return {
    session,
    userMessage,
    // Those sent again stay with their first message; this one shows the ones it brought.
    attachments: attached.filter((row) => row.messageId === userMessage.id).map(toAttachmentDto),
    assistantMessageId: placeholder.id,
  };
}

/** Generates again for a failed reply (the latest message of the session). */
export async function retryReply(ctx: AppContext, caller: Caller, sessionId: string, messageId: string) {
  const session = await ctx.database.db.transaction(async (tx) => {
    const session = await lockOwnedSession(tx, caller, sessionId);
    assertSessionWritable(session);
    const message = await findMessage(tx, sessionId, messageId);
    if (!message || message.role !== 'assistant')
      throw new AppError('not_found', 'No such reply in this session.');
    if (message.status !== 'failed') throw new AppError('conflict', 'Only a failed reply can be retried.');
    const all = await listMessages(tx, sessionId);
    if (all.at(-1)?.id !== messageId) throw new AppError('conflict', 'Only the latest reply can be retried.');
    await tx
      .update(aiSessionMessages)
      .set({
        status: 'streaming',
        content: '',
        error: null,
        completedAt: null,
        modelBackend: ctx.model.backend,
        modelName: ctx.model.model,
      })
      .where(eq(aiSessionMessages.id, messageId));
    return session;
  });
  return { session, assistantMessageId: messageId };
}
