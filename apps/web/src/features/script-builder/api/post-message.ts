import { streamEvents, type ServerSentEvent } from '../../../lib/sse-client';
import type { BuilderStreamEvent } from '../types';

const KNOWN_EVENTS = new Set<BuilderStreamEvent['event']>([
  'user_message',
  'start',
  'delta',
  'script',
  'done',
  'error',
]);

/** A raw SSE block as a typed builder event; unknown events and unparsable data are skipped. */
export function toBuilderStreamEvent(raw: ServerSentEvent): BuilderStreamEvent | null {
  if (!KNOWN_EVENTS.has(raw.event as BuilderStreamEvent['event'])) return null;
  try {
    return { event: raw.event, data: JSON.parse(raw.data) as unknown } as BuilderStreamEvent;
  } catch {
    return null;
  }
}

export interface BuilderStreamHandlers {
  signal: AbortSignal;
  onEvent: (event: BuilderStreamEvent) => void;
}

/** Sends the engineer's request and streams the builder's reply; its last code block becomes the script. */
export const postBuilderMessageStream = (
  sessionId: string,
  content: string,
  { signal, onEvent }: BuilderStreamHandlers,
) =>
  streamEvents(`/script-builder/sessions/${encodeURIComponent(sessionId)}/messages`, {
    method: 'POST',
    body: { content },
    signal,
    onEvent: (raw) => {
      const event = toBuilderStreamEvent(raw);
      if (event) onEvent(event);
    },
  });
