import type { FastifyBaseLogger } from 'fastify';
import type { TScriptBuilderStreamEvent } from '@flowpilot/contracts/script-builder';
import { mapDbError } from '@flowpilot/db/db-errors';
import { scriptBuilderMessages } from '@flowpilot/db/schema-builder';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { runBuilderReply } from './run-builder-reply.ts';
import { lockOwnedBuilderSession, updateBuilderSession } from './script-builder.repository.ts';

const replyInProgress = {
  ux_script_builder_messages_streaming:
    'The assistant is still writing the last reply. Wait for it to finish first.',
};

const clip = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * Saves the engineer's message and a placeholder for the reply in one transaction (one reply
 * at a time per session, by a partial unique index). An untitled session takes its first
 * request as its title.
 */
export async function postBuilderMessage(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  content: string,
) {
  return ctx.database.db.transaction(async (tx) => {
    const session = await lockOwnedBuilderSession(tx, caller, sessionId);
    const [userMessage] = await tx
      .insert(scriptBuilderMessages)
      .values({ accountId: caller.accountId, sessionId, role: 'user', content })
      .returning();
    const [placeholder] = await tx
      .insert(scriptBuilderMessages)
      .values({ accountId: caller.accountId, sessionId, role: 'assistant', status: 'streaming' })
      .returning()
      .catch((error) => mapDbError(error, replyInProgress));
    await updateBuilderSession(tx, sessionId, session.title ? {} : { title: clip(content, 80) });
    return { userMessage: userMessage!, assistantMessageId: placeholder!.id };
  });
}

/**
 * Generates the reply in the background of the request: it keeps running (and is saved) if
 * the client goes away, and the server drains it on shutdown like a pilot reply.
 */
export function launchBuilderReply(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  messageId: string,
  log: FastifyBaseLogger,
  send: (event: TScriptBuilderStreamEvent) => void,
) {
  return ctx.generations.start(`script-builder:${sessionId}`, messageId, (_emit, signal) =>
    runBuilderReply({ ctx, caller, sessionId, messageId, log }, send, signal),
  );
}
