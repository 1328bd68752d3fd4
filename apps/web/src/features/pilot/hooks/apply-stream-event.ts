import type { QueryClient } from '@tanstack/react-query';
import { pilotKeys } from '../api/query-keys';
import type { ConfidenceTier, FactList, Message, MessageList, SessionDetail, StreamEvent } from '../types';

/** Replaces the message with the same id, or appends it. */
export function upsertMessage(list: MessageList | undefined, message: Message): MessageList | undefined {
  if (!list) return list;
  const index = list.items.findIndex((item) => item.id === message.id);
  if (index === -1) return { items: [...list.items, message] };
  const items = [...list.items];
  items[index] = message;
  return { items };
}

const TIERS = new Set<string>(['discovery', 'exploring', 'guided']);

/**
 * Writes what a streamed turn changed into the query cache as it happens, so the task lane,
 * the fix banner and the confidence move with the reply. `done`/`error` are followed by a
 * refetch (see useReplyStream); this only keeps the screen live in between.
 */
export function applyStreamEvent(queryClient: QueryClient, sessionId: string, event: StreamEvent): void {
  const updateSession = (update: (session: SessionDetail) => SessionDetail) =>
    queryClient.setQueryData<SessionDetail>(pilotKeys.session(sessionId), (session) =>
      session ? update(session) : session,
    );

  switch (event.event) {
    case 'user_message':
      queryClient.setQueryData<MessageList>(pilotKeys.messages(sessionId), (list) =>
        upsertMessage(list, event.data),
      );
      return;
    case 'task_lane':
      updateSession((session) => ({ ...session, task_lane: event.data }));
      return;
    case 'fix': {
      const fix = event.data;
      updateSession((session) => {
        if (fix.superseded_at === null) return { ...session, active_fix: fix };
        return session.active_fix?.id === fix.id ? { ...session, active_fix: null } : session;
      });
      return;
    }
    case 'confidence': {
      const { score, tier } = event.data;
      updateSession((session) => ({
        ...session,
        confidence_score: score,
        confidence_tier: TIERS.has(tier) ? (tier as ConfidenceTier) : session.confidence_tier,
      }));
      return;
    }
    case 'fact':
      queryClient.setQueryData<FactList>(pilotKeys.facts(sessionId), (list) =>
        list && !list.items.some((fact) => fact.id === event.data.id)
          ? { items: [...list.items, event.data] }
          : list,
      );
      return;
    case 'done':
      queryClient.setQueryData<MessageList>(pilotKeys.messages(sessionId), (list) =>
        upsertMessage(list, event.data.assistant_message),
      );
      updateSession((session) => ({ ...session, ...event.data.session, streaming_message_id: null }));
      return;
    default:
      return;
  }
}
