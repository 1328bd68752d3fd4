import { pilotSystemPrompt } from '@flowpilot/assistant/prompts';
import type { SessionRow } from '../ai-sessions/ai-sessions.repository.ts';

/** The assistant's standing instructions plus this session's triage context. */
export function buildPilotSystemPrompt(session: SessionRow): string {
  const context = [
    `Session: ${session.title}`,
    session.clientName ? `Client: ${session.clientName}` : null,
    session.assetName ? `Asset: ${session.assetName}` : null,
    session.issueCategory ? `Category: ${session.issueCategory}` : null,
    session.triageHypothesis ? `Engineer's hypothesis: ${session.triageHypothesis}` : null,
  ].filter(Boolean);
  return `${pilotSystemPrompt}\n\n## This session\n${context.join('\n')}`;
}
