import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { defaultContextTokensByProvider } from '@flowpilot/assistant/model-config';
import { buildSessionContext } from '@flowpilot/assistant/session-context/build-session-context';
import { loadTokenCounter } from '@flowpilot/assistant/session-context/token-counter';
import { confidenceTier } from '@flowpilot/core/confidence';
import { createMarkerParser, summarizeMarkers, type Marker } from '@flowpilot/core/markers';
import type { TContextSent, TStreamEvent } from '@flowpilot/contracts/messages';
import { aiSessionMessages } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { lockOwnedSession, toSessionDto, type SessionRow } from '../session-core/sessions.repository.ts';
import { toFixDto } from '../session-core/fixes.repository.ts';
import { awaitExtractions } from '../attachments/await-extractions.ts';
import { applyTurnMarkers } from './apply-turn-markers.ts';
import { buildPilotSystemPrompt } from './pilot-system-prompt.ts';
import { gatherSessionContext } from './gather-session-context.ts';
import { toMessageDto } from './messages.repository.ts';
import { describeReplyFailure, StreamingReplyText } from './stream-reply-text.ts';

export interface GenerationInput {
  ctx: AppContext;
  caller: Caller;
  /** The session as the turn's transaction left it: the system prompt is built from it. */
  session: SessionRow;
  messageId: string;
  log: FastifyBaseLogger;
}

/** The model input of this turn: the session's state and conversation within the budget (SPEC §7.1). */
export async function buildTurnContext(ctx: AppContext, session: SessionRow, replyMessageId?: string) {
  const [counter, input] = await Promise.all([
    loadTokenCounter(),
    gatherSessionContext(ctx.database.db, session, {
      replyMessageId,
      images: ctx.model.acceptsImages === true,
    }),
  ]);
  return buildSessionContext(input, {
    system: buildPilotSystemPrompt(),
    budgetTokens: contextBudget(ctx),
    counter,
  });
}

export const contextBudget = (ctx: AppContext) =>
  ctx.config.llm.contextTokens ?? defaultContextTokensByProvider[ctx.model.backend];

/**
 * Streams one assistant reply: prose goes out as it arrives, markers are collected and
 * applied only when the model finished cleanly, in one transaction with the state bump.
 * A failure keeps the user's message, marks the reply failed, and applies nothing.
 */
export async function runGeneration(
  input: GenerationInput,
  emit: (event: TStreamEvent) => void,
  signal: AbortSignal,
) {
  const { ctx, caller, messageId, log } = input;
  const sessionId = input.session.id;
  const db = ctx.database.db;
  let invalidMarkers = 0;
  const markers: Marker[] = [];
  const parser = createMarkerParser({
    onInvalid: (info) => {
      invalidMarkers++;
      log.warn(
        { marker: info.name, reason: info.reason, message_id: messageId },
        'dropped a malformed marker',
      );
    },
  });
  const reply = new StreamingReplyText(
    (content) => db.update(aiSessionMessages).set({ content }).where(eq(aiSessionMessages.id, messageId)),
    log,
  );

  emit({ event: 'start', data: { assistant_message_id: messageId } });
  try {
    // A screenshot sent with the message is answered with its text, not before it is read.
    await awaitExtractions(db, caller.accountId, sessionId, { signal });
    const built = await buildTurnContext(ctx, input.session, messageId);
    const contextSent = (): TContextSent => ({
      ...built.report,
      cache_read_tokens: reply.cacheTokens.read,
      cache_write_tokens: reply.cacheTokens.write,
    });
    // Only the offline engine reads playbooks; a connected model is given similar sessions instead.
    const playbooks =
      ctx.model.backend === 'offline'
        ? (await ctx.knowledge.forAccount(db, input.session.accountId)).set
        : undefined;
    const stream = ctx.model.stream({
      system: built.system,
      messages: built.messages,
      session: built.session,
      ...(playbooks ? { playbooks } : {}),
      signal,
    });
    await reply.consume(
      stream,
      (text) => {
        const out = parser.push(text);
        markers.push(...out.markers);
        if (out.prose) emit({ event: 'delta', data: { text: out.prose } });
      },
      signal,
    );
    const tail = parser.end();
    markers.push(...tail.markers);
    if (tail.prose) emit({ event: 'delta', data: { text: tail.prose } });

    const result = await db.transaction(async (tx) => {
      const locked = await lockOwnedSession(tx, caller, sessionId);
      // A session closed while the reply streamed keeps its final state; the prose is still kept.
      const writable = locked.status !== 'resolved' && locked.status !== 'escalated';
      const applied = writable
        ? await applyTurnMarkers(tx, caller, locked, summarizeMarkers(markers), {
            onUnknownTemplate: (templateId) =>
              log.warn(
                { script_template_id: templateId, message_id: messageId },
                'the model cited a template that is not in the account library; the fix is kept without it',
              ),
          })
        : null;
      const [message] = await tx
        .update(aiSessionMessages)
        .set({
          content: reply.raw,
          status: 'complete',
          completedAt: new Date(),
          ...reply.usage,
          context: contextSent(),
          changes: {
            task_lane: applied?.taskLaneChanged ?? false,
            facts_added: applied?.factsAdded ?? 0,
            fix_id: applied?.fix?.id ?? null,
            outcome_proposal: applied?.outcomeProposal ?? false,
            confidence: applied?.confidence ?? null,
            invalid_markers: invalidMarkers,
          },
        })
        .where(eq(aiSessionMessages.id, messageId))
        .returning();
      return { applied, message: message!, session: applied?.session ?? locked };
    });

    if (result.applied?.taskLaneChanged) emit({ event: 'task_lane', data: result.session.taskLane });
    if (result.applied?.fix) emit({ event: 'fix', data: toFixDto(result.applied.fix) });
    if (result.applied?.confidence !== null && result.applied?.confidence !== undefined) {
      const score = result.session.confidenceScore;
      emit({ event: 'confidence', data: { score, tier: confidenceTier(score) } });
    }
    emit({
      event: 'done',
      data: { assistant_message: toMessageDto(result.message), session: toSessionDto(result.session) },
    });
  } catch (error) {
    await reply.settled();
    const failure = describeReplyFailure(
      error,
      signal,
      {
        kept: 'Your message is saved',
        interrupted: 'The reply was interrupted (the server restarted). Your message is saved; retry.',
      },
      log,
      messageId,
    );
    const markFailed = (content: string) =>
      db
        .update(aiSessionMessages)
        .set({ content, status: 'failed', error: failure, completedAt: new Date(), ...reply.usage })
        .where(eq(aiSessionMessages.id, messageId));
    // If the text itself is what the database refused, drop it: a reply must never stay "streaming".
    await markFailed(reply.raw)
      .catch(() => markFailed(''))
      .catch((persistError) => log.error({ err: persistError }, 'could not mark the reply failed'));
    emit({ event: 'error', data: { ...failure, message_id: messageId } });
  }
}
