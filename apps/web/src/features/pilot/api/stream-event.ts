import type { ServerSentEvent } from '../../../lib/sse-client';
import type { StreamEvent } from '../types';

const KNOWN_EVENTS = new Set<StreamEvent['event']>([
  'start',
  'user_message',
  'delta',
  'task_lane',
  'fact',
  'fix',
  'confidence',
  'done',
  'error',
]);

/** A raw SSE block as a typed turn event; unknown events and unparsable data are skipped. */
export function toStreamEvent(raw: ServerSentEvent): StreamEvent | null {
  if (!KNOWN_EVENTS.has(raw.event as StreamEvent['event'])) return null;
  try {
    return { event: raw.event, data: JSON.parse(raw.data) as unknown } as StreamEvent;
  } catch {
    return null;
  }
}
