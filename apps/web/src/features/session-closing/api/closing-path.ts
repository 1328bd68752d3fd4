import type { ClosingKind } from '../types';

const segments: Record<ClosingKind, string> = {
  resolution_note: 'resolution-note',
  escalation_package: 'escalation-package',
};

/** `/ai-sessions/{sid}/resolution-note` or `/ai-sessions/{sid}/escalation-package`. */
export const closingPath = (sessionId: string, kind: ClosingKind) =>
  `/ai-sessions/${encodeURIComponent(sessionId)}/${segments[kind]}`;
