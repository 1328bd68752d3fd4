import { streamEvents } from '../../../lib/sse-client';
import type { StreamHandlers } from './post-message';
import { toStreamEvent } from './stream-event';

/**
 * Follows the reply being generated: `start`, the prose so far as one `delta`, then live events
 * until `done` or `error`. Ends at once when nothing is generating.
 */
export const resumeStream = (sessionId: string, { signal, onEvent }: StreamHandlers) =>
  streamEvents(`/ai-sessions/${encodeURIComponent(sessionId)}/stream`, {
    signal,
    onEvent: (raw) => {
      const event = toStreamEvent(raw);
      if (event) onEvent(event);
    },
  });
