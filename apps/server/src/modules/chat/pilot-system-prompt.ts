import { pilotSystemPrompt } from '@flowpilot/assistant/prompts';

/**
 * The assistant's standing instructions, the same bytes for every session and turn so a
 * provider's prompt cache serves them. Everything about this session (intake, triage, state,
 * templates) comes in the messages, built by the session-context builder.
 */
export function buildPilotSystemPrompt(): string {
  return pilotSystemPrompt;
}
