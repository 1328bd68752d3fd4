import { setTimeout as sleep } from 'node:timers/promises';
import type { TStreamEvent } from '@flowpilot/contracts/messages';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { getOwnedSession, toSessionDto } from '../ai-sessions/ai-sessions.repository.ts';
import { expireStaleReplies, maxReplyMs } from './expire-stale-replies.ts';
import { findMessage, findStreamingMessage, toMessageDto } from './messages.repository.ts';

const POLL_MS = 300;

/**
 * Relays a session's reply in progress until it ends. Live in this process: every event.
 * Generated elsewhere (another process): the persisted text, polled, then the outcome.
 */
export async function followReply(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  send: (event: TStreamEvent) => void,
  /** Stops polling once the client has gone. */
  isClosed?: () => boolean,
) {
  const live = ctx.generations.subscribe(sessionId, send);
  if (live) {
    try {
      await live.finished;
    } finally {
      live.unsubscribe();
    }
    return;
  }
  const streaming = await findStreamingMessage(ctx.database.db, sessionId);
  if (!streaming) return;
  send({ event: 'start', data: { assistant_message_id: streaming.id } });
  let shown = '';
  for (;;) {
    const message = await findMessage(ctx.database.db, sessionId, streaming.id);
    if (!message) return;
    const dto = toMessageDto(message);
    if (dto.content.startsWith(shown) && dto.content.length > shown.length) {
      send({ event: 'delta', data: { text: dto.content.slice(shown.length) } });
      shown = dto.content;
    }
    if (message.status === 'complete') {
      const session = await getOwnedSession(ctx.database.db, caller, sessionId);
      send({ event: 'done', data: { assistant_message: dto, session: toSessionDto(session) } });
      return;
    }
    if (message.status === 'failed') {
      const error = message.error ?? {
        code: 'generation_failed',
        detail: 'The reply failed.',
        retryable: true,
      };
      send({ event: 'error', data: { ...error, message_id: message.id } });
      return;
    }
    // Nobody is generating it any more (its process died): settle it so the session is usable again.
    if (Date.now() - message.createdAt.getTime() > maxReplyMs(ctx.config.llm.timeoutMs)) {
      await expireStaleReplies(ctx.database.db, maxReplyMs(ctx.config.llm.timeoutMs), sessionId);
      continue;
    }
    if (isClosed?.()) return;
    await sleep(POLL_MS);
  }
}
