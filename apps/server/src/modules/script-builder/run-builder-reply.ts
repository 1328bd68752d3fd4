import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { ChatMessage } from '@flowpilot/assistant/chat-model';
import type { TScriptBuilderStreamEvent } from '@flowpilot/contracts/script-builder';
import { scriptBuilderMessages } from '@flowpilot/db/schema-builder';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { describeReplyFailure, StreamingReplyText } from '../chat/stream-reply-text.ts';
import { findActiveFix } from '../session-core/fixes.repository.ts';
import { builderModel } from './builder-model.ts';
import { buildBuilderContext } from './build-builder-context.ts';
import { latestScriptFrom } from './latest-script.ts';
import {
  getOwnedBuilderSession,
  listBuilderMessages,
  lockOwnedBuilderSession,
  toBuilderMessageDto,
  toBuilderSessionDto,
  updateBuilderSession,
} from './script-builder.repository.ts';

export interface BuilderReplyInput {
  ctx: AppContext;
  caller: Caller;
  sessionId: string;
  messageId: string;
  log: FastifyBaseLogger;
}

/**
 * Streams one Script Builder reply. When it completes, its last fenced code block becomes the
 * session's latest script (in the same transaction as the message). A failure marks the reply
 * failed and leaves the latest script exactly as it was.
 */
export async function runBuilderReply(
  input: BuilderReplyInput,
  send: (event: TScriptBuilderStreamEvent) => void,
  signal: AbortSignal,
) {
  const { ctx, caller, sessionId, messageId, log } = input;
  const db = ctx.database.db;
  const reply = new StreamingReplyText(
    (content) =>
      db.update(scriptBuilderMessages).set({ content }).where(eq(scriptBuilderMessages.id, messageId)),
    log,
  );

  send({ event: 'start', data: { assistant_message_id: messageId } });
  try {
    const session = await getOwnedBuilderSession(db, caller, sessionId);
    const rows = await listBuilderMessages(db, sessionId);
    const history = rows.filter((row) => row.id !== messageId && row.status === 'complete');
    const request = history.filter((row) => row.role === 'user').at(-1)?.content ?? '';
    const fix = session.aiSessionId ? await findActiveFix(db, session.aiSessionId) : undefined;
    const built = await buildBuilderContext(ctx, caller, session, fix, history);
    const context = fix ? `${fix.title}\n${fix.description}` : undefined;
    const model = builderModel(ctx, caller.accountId, session, context);
    // The offline composer reads the pilot's fix as data (`context`) and only the builder's own
    // turns as requests: the intake's words would outrank what the engineer asked the builder for.
    const messages: ChatMessage[] =
      model.backend === 'offline'
        ? built.messages.filter((message) => message.part !== 'state' && message.part !== 'intake')
        : built.messages;

    await reply.consume(
      model.stream({ system: built.system, messages, signal }),
      (text) => send({ event: 'delta', data: { text } }),
      signal,
    );

    const { raw, usage } = reply;
    const extracted = latestScriptFrom(raw, request, session.language);
    const result = await db.transaction(async (tx) => {
      const locked = await lockOwnedBuilderSession(tx, caller, sessionId);
      const [message] = await tx
        .update(scriptBuilderMessages)
        .set({
          content: raw,
          status: 'complete',
          ...usage,
          context: built.report
            ? {
                ...built.report,
                cache_read_tokens: reply.cacheTokens.read,
                cache_write_tokens: reply.cacheTokens.write,
              }
            : null,
        })
        .where(eq(scriptBuilderMessages.id, messageId))
        .returning();
      const updated = await updateBuilderSession(
        tx,
        locked.id,
        extracted ? { latestScript: extracted.script, latestScriptFilename: extracted.filename } : {},
      );
      return { message: message!, session: updated };
    });

    if (extracted) {
      send({
        event: 'script',
        data: { latest_script: extracted.script, latest_script_filename: extracted.filename },
      });
    }
    send({
      event: 'done',
      data: {
        assistant_message: toBuilderMessageDto(result.message),
        session: toBuilderSessionDto(result.session),
      },
    });
  } catch (error) {
    await reply.settled();
    const failure = describeReplyFailure(
      error,
      signal,
      {
        kept: 'Your message and your script are saved',
        interrupted: 'The reply was interrupted (the server restarted). Send your message again.',
      },
      log,
      messageId,
    );
    await db
      .update(scriptBuilderMessages)
      .set({ content: reply.raw, status: 'failed', error: failure, ...reply.usage })
      .where(eq(scriptBuilderMessages.id, messageId))
      .catch((persistError) => log.error({ err: persistError }, 'could not mark the reply failed'));
    send({ event: 'error', data: { ...failure, message_id: messageId } });
  }
}
