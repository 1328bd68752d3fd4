import { streamEvents } from '../../../lib/sse-client';
import type { StreamHandlers } from './post-message';
import { toStreamEvent } from './stream-event';

/** Generates a failed reply again, streamed like a new one. */
export const retryMessageStream = (
  sessionId: string,
  messageId: string,
  { signal, onEvent }: StreamHandlers,
) =>
  streamEvents(
    `/ai-sessions/${encodeURIComponent(sessionId)}/messages/${encodeURIComponent(messageId)}/retry`,
    {
      method: 'POST',
      signal,
      onEvent: (raw) => {
        const event = toStreamEvent(raw);
        if (event) onEvent(event);
      },
    },
  );
