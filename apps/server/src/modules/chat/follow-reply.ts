import { setTimeout as sleep } from 'node:timers/promises';
import { createMarkerParser } from '@flowpilot/core/markers';
import type { TStreamEvent } from '@flowpilot/contracts/messages';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { getOwnedSession, toSessionDto } from '../session-core/sessions.repository.ts';
import { expireStaleReplies, maxReplyMs } from './expire-stale-replies.ts';
import type { GenerationRelay, RelayedEvent } from './generation-relay.ts';
import { findMessage, findStreamingMessage, toMessageDto, type MessageRow } from './messages.repository.ts';

const POLL_MS = 300;
/** While relayed events skip ahead of what was shown, the row is read this often until it covers the gap. */
const CATCH_UP_MS = 100;
/** Relayed events can be lost (Redis dropped): after this long without one, the row is read anyway. */
const QUIET_MS = 1_000;
/** A row found finished waits this long for the relayed outcome, which also carries task_lane, fix, confidence. */
const OUTCOME_GRACE_MS = 250;

type Send = (event: TStreamEvent) => void;

/**
 * Relays a session's reply in progress until it ends. Live in this process: every event.
 * Generated elsewhere, with a relay (Redis): every event too, reconciled with the persisted
 * text. Without one (or with Redis down): the persisted text, polled, then the outcome.
 */
export async function followReply(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  send: Send,
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
  const relay = ctx.generations.relay;
  if (relay && (await followRelayed(ctx, caller, sessionId, relay, send, isClosed))) return;
  await pollReply(ctx, caller, sessionId, send, isClosed);
}

/** The reply's outcome as stored, once its row is complete or failed. */
async function sendStoredOutcome(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  message: MessageRow,
  send: Send,
) {
  if (message.status === 'complete') {
    const session = await getOwnedSession(ctx.database.db, caller, sessionId);
    send({
      event: 'done',
      data: { assistant_message: toMessageDto(message), session: toSessionDto(session) },
    });
    return;
  }
  const error = message.error ?? {
    code: 'generation_failed',
    detail: 'The reply failed.',
    retryable: true,
  };
  send({ event: 'error', data: { ...error, message_id: message.id } });
}

/** Nobody is generating it any more (its process died): settles it so the session is usable again. */
async function expireIfAbandoned(ctx: AppContext, sessionId: string, message: MessageRow) {
  const maxMs = maxReplyMs(ctx.config.llm.timeoutMs);
  if (Date.now() - message.createdAt.getTime() <= maxMs) return false;
  await expireStaleReplies(ctx.database.db, maxMs, sessionId);
  return true;
}

/** Generated elsewhere and no relay: the persisted text, polled, then the outcome. */
async function pollReply(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  send: Send,
  isClosed?: () => boolean,
) {
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
    if (message.status !== 'streaming') {
      await sendStoredOutcome(ctx, caller, sessionId, message, send);
      return;
    }
    if (await expireIfAbandoned(ctx, sessionId, message)) continue;
    if (isClosed?.()) return;
    await sleep(POLL_MS);
  }
}

/**
 * The prose the generating process has sent as deltas for a stored raw text: the streaming
 * parser's output (chunk boundaries do not change it), plus its held-back tail once complete.
 * Unlike a message's `content` it is not trimmed, so its length is an offset into the deltas.
 */
export function streamedProse(message: Pick<MessageRow, 'content' | 'status'>) {
  const parser = createMarkerParser();
  const prose = parser.push(message.content).prose;
  return message.status === 'complete' ? prose + parser.end().prose : prose;
}

/**
 * Follows a reply generated in another process through the relay. Subscribes first, then
 * reads the row, so nothing published afterwards is missed; each relayed delta carries the
 * prose offset it starts at, so text already shown is dropped, and a gap (events published
 * before the subscription, or lost) is filled from the row before the events queued behind it
 * go out. The row is also read when the relay goes quiet, so a lost `done` or a dead generator
 * still ends the stream. False (nothing sent) when the relay cannot subscribe.
 */
async function followRelayed(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  relay: GenerationRelay,
  send: Send,
  isClosed?: () => boolean,
) {
  const db = ctx.database.db;
  const queue: RelayedEvent[] = [];
  let wake: (() => void) | undefined;
  let lastHeard = Date.now();
  let unsubscribe: () => void;
  try {
    unsubscribe = await relay.subscribe(sessionId, (relayed) => {
      queue.push(relayed);
      lastHeard = Date.now();
      wake?.();
    });
  } catch (error) {
    ctx.log.debug({ err: error }, 'reply relay unavailable; polling the reply');
    return false;
  }
  const waitForEvent = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      wake = done;
    });

  try {
    const streaming = await findStreamingMessage(db, sessionId);
    if (!streaming) return true;
    const messageId = streaming.id;
    send({ event: 'start', data: { assistant_message_id: messageId } });
    let shown = '';

    /** Sends the queued events that carry on from what was shown; true once the reply ended. */
    const drain = () => {
      while (queue.length > 0) {
        const { messageId: id, offset, event } = queue[0]!;
        if (id !== messageId) {
          queue.shift();
          continue;
        }
        if (offset > shown.length) return false;
        queue.shift();
        if (event.event === 'start') continue;
        if (event.event === 'delta') {
          const text = event.data.text.slice(shown.length - offset);
          if (text) {
            shown += text;
            send({ event: 'delta', data: { text } });
          }
          continue;
        }
        send(event);
        if (event.event === 'done' || event.event === 'error') return true;
      }
      return false;
    };

    let lastRead = 0;
    for (;;) {
      if (drain()) return true;
      // When to read the row: at once the first time, soon while a gap waits on it, else when quiet.
      const gap = queue.length > 0;
      const due =
        lastRead === 0
          ? 0
          : gap
            ? lastRead + CATCH_UP_MS
            : Math.max(lastRead, lastHeard) + (relay.connected ? QUIET_MS : POLL_MS);
      if (Date.now() < due) {
        if (isClosed?.()) return true;
        await waitForEvent(due - Date.now());
        continue;
      }
      lastRead = Date.now();
      const message = await findMessage(db, sessionId, messageId);
      if (!message) return true;
      const prose = streamedProse(message);
      if (prose.length > shown.length && prose.startsWith(shown)) {
        send({ event: 'delta', data: { text: prose.slice(shown.length) } });
        shown = prose;
      }
      if (message.status !== 'streaming') {
        const deadline = Date.now() + OUTCOME_GRACE_MS;
        for (;;) {
          if (drain()) return true;
          if (Date.now() >= deadline) break;
          await waitForEvent(deadline - Date.now());
        }
        await sendStoredOutcome(ctx, caller, sessionId, message, send);
        return true;
      }
      if (await expireIfAbandoned(ctx, sessionId, message)) lastRead = 0;
      else if (isClosed?.()) return true;
    }
  } finally {
    unsubscribe();
  }
}
