import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { streamEvents } from '../../../lib/sse-client';
import { sessionKeys } from '../../session-core/query-keys';
import { escalationKeys } from '../api/query-keys';

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/** The session an event names (its `data` is JSON), or null. */
function sessionIdOf(data: string): string | null {
  try {
    const parsed: unknown = JSON.parse(data);
    const id = (parsed as { session_id?: unknown } | null)?.session_id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** One connection for the whole app, however many components follow the queue (badge and page). */
let followers = 0;
let stop: (() => void) | null = null;

function open(queryClient: QueryClient) {
  const controller = new AbortController();
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: escalationKeys.all });
  const connect = () => {
    void streamEvents('/escalations/stream', {
      signal: controller.signal,
      onEvent: (event) => {
        // `ready` after a (re)connect: events may have been missed meanwhile, so read the list.
        if (event.event === 'ready') attempt = 0;
        if (['ready', 'escalation_created', 'escalation_claimed'].includes(event.event)) refresh();
        // Whoever has the claimed session open (the escalating engineer, say) sees the pickup live.
        const claimed = event.event === 'escalation_claimed' ? sessionIdOf(event.data) : null;
        if (claimed) void queryClient.invalidateQueries({ queryKey: sessionKeys.session(claimed) });
      },
    })
      .catch(() => {})
      .finally(() => {
        if (controller.signal.aborted) return;
        timer = setTimeout(connect, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
        attempt += 1;
      });
  };
  connect();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}

/**
 * Keeps the queue live: `GET /escalations/stream` while anything follows it, and every event
 * makes the list read again (new items appear without a reload). Reconnects with backoff.
 */
export function useEscalationStream({ enabled }: { enabled: boolean }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    followers += 1;
    if (followers === 1) stop = open(queryClient);
    return () => {
      followers -= 1;
      if (followers === 0) {
        stop?.();
        stop = null;
      }
    };
  }, [enabled, queryClient]);
}
