import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { describeModelError } from '@flowpilot/assistant/describe-model-error';
import { isModelError, type ChatMessage } from '@flowpilot/assistant/chat-model';
import type { TScriptBuilderStreamEvent } from '@flowpilot/contracts/script-builder';
import { scriptBuilderMessages } from '@flowpilot/db/schema-builder';
import type { MessageError } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { findActiveFix } from '../suggested-fixes/fixes.repository.ts';
import { builderModel } from './builder-model.ts';
import { buildBuilderSystemPrompt } from './builder-system-prompt.ts';
import { latestScriptFrom } from './latest-script.ts';
import {
  getOwnedBuilderSession,
  listBuilderMessages,
  lockOwnedBuilderSession,
  toBuilderMessageDto,
  toBuilderSessionDto,
  updateBuilderSession,
} from './script-builder.repository.ts';

/** Messages the model sees: the latest twenty, the request being answered included. */
export const CONTEXT_MESSAGES = 20;
const PERSIST_EVERY_MS = 400;

export interface BuilderReplyInput {
  ctx: AppContext;
  caller: Caller;
  sessionId: string;
  messageId: string;
  log: FastifyBaseLogger;
}

const describeFailure = (error: unknown): MessageError =>
  describeModelError(error, 'Your message and your script are saved');

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
  let raw = '';
  let usage = { inputTokens: 0, outputTokens: 0 };
  let lastPersist = Date.now();
  let persisting: Promise<unknown> = Promise.resolve();
  const persistProgress = () => {
    const content = raw;
    persisting = persisting
      .then(() =>
        db.update(scriptBuilderMessages).set({ content }).where(eq(scriptBuilderMessages.id, messageId)),
      )
      .catch((error) => log.warn({ err: error }, 'could not persist streaming progress'));
  };

  send({ event: 'start', data: { assistant_message_id: messageId } });
  try {
    const session = await getOwnedBuilderSession(db, caller, sessionId);
    const rows = await listBuilderMessages(db, sessionId);
    const history = rows
      .filter((row) => row.id !== messageId && row.status === 'complete')
      .slice(-CONTEXT_MESSAGES);
    const messages: ChatMessage[] = history.map((row) => ({ role: row.role, content: row.content }));
    const request = history.filter((row) => row.role === 'user').at(-1)?.content ?? '';
    const fix = session.aiSessionId ? await findActiveFix(db, session.aiSessionId) : undefined;
    const context = fix ? `${fix.title}\n${fix.description}` : undefined;
    const model = builderModel(ctx, caller.accountId, session, context);

    for await (const chunk of model.stream({
      system: buildBuilderSystemPrompt(session, fix),
      messages,
      signal,
    })) {
      if (chunk.type === 'usage') {
        usage = { inputTokens: chunk.inputTokens, outputTokens: chunk.outputTokens };
        continue;
      }
      // PostgreSQL text cannot hold NUL; one stray byte from a model must not wedge the reply in "streaming".
      const text = chunk.text.replaceAll('\u0000', '');
      raw += text;
      send({ event: 'delta', data: { text } });
      if (Date.now() - lastPersist >= PERSIST_EVERY_MS) {
        lastPersist = Date.now();
        persistProgress();
      }
    }
    if (signal.aborted) throw signal.reason ?? new Error('aborted');
    await persisting;

    const extracted = latestScriptFrom(raw, request, session.language);
    const result = await db.transaction(async (tx) => {
      const locked = await lockOwnedBuilderSession(tx, caller, sessionId);
      const [message] = await tx
        .update(scriptBuilderMessages)
        .set({ content: raw, status: 'complete', ...usage })
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
    await persisting;
    const failure: MessageError =
      signal.aborted && !isModelError(error)
        ? {
            code: 'interrupted',
            detail: 'The reply was interrupted (the server restarted). Send your message again.',
            retryable: true,
          }
        : describeFailure(error);
    if (isModelError(error))
      log.warn({ kind: error.kind, status: error.status, message_id: messageId }, 'model call failed');
    else log.error({ err: error, message_id: messageId }, 'script builder reply failed');
    await db
      .update(scriptBuilderMessages)
      .set({ content: raw, status: 'failed', error: failure, ...usage })
      .where(eq(scriptBuilderMessages.id, messageId))
      .catch((persistError) => log.error({ err: persistError }, 'could not mark the reply failed'));
    send({ event: 'error', data: { ...failure, message_id: messageId } });
  }
}
