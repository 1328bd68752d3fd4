import { streamEvents } from '../../../lib/sse-client';
import type { StreamEvent } from '../types';
import { toStreamEvent } from './stream-event';

export interface StreamHandlers {
  signal: AbortSignal;
  onEvent: (event: StreamEvent) => void;
}

/**
 * Sends the engineer's message (with the uploads that go with it) and streams the assistant's
 * reply (SSE). 409 while a reply is running.
 */
export const postMessageStream = (
  sessionId: string,
  content: string,
  { signal, onEvent }: StreamHandlers,
  attachmentIds: readonly string[] = [],
) =>
  streamEvents(`/ai-sessions/${encodeURIComponent(sessionId)}/messages`, {
    method: 'POST',
    body: attachmentIds.length > 0 ? { content, attachment_ids: attachmentIds } : { content },
    signal,
    onEvent: (raw) => {
      const event = toStreamEvent(raw);
      if (event) onEvent(event);
    },
  });
