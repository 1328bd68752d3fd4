import { streamEvents } from '../../../lib/sse-client';
import type { StreamEvent } from '../types';
import { toStreamEvent } from './stream-event';

export interface StreamHandlers {
  signal: AbortSignal;
  onEvent: (event: StreamEvent) => void;
}

/** Sends the engineer's message and streams the assistant's reply (SSE). 409 while a reply is running. */
export const postMessageStream = (sessionId: string, content: string, { signal, onEvent }: StreamHandlers) =>
  streamEvents(`/ai-sessions/${encodeURIComponent(sessionId)}/messages`, {
    method: 'POST',
    body: { content },
    signal,
    onEvent: (raw) => {
      const event = toStreamEvent(raw);
      if (event) onEvent(event);
    },
  });
