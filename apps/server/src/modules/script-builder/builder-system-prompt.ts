import { scriptBuilderSystemPrompt } from '@flowpilot/assistant/prompts';
import type { FixRow } from '../suggested-fixes/fixes.repository.ts';
import type { BuilderSessionRow } from './script-builder.repository.ts';

/**
 * The language's standing instructions, then what this session is about: the pilot fix an
 * inline builder serves, and the current script (the engineer may have edited it by hand).
 */
export function buildBuilderSystemPrompt(session: BuilderSessionRow, fix: FixRow | undefined): string {
  const parts = [scriptBuilderSystemPrompt(session.language)];
  if (fix) {
    parts.push(
      `## The fix this script is for\nTitle: ${fix.title}\n${fix.description ? `Description: ${fix.description}` : ''}`.trim(),
    );
  }
  if (session.latestScript) {
    parts.push(
      `## The current script (${session.latestScriptFilename ?? 'unnamed'}; the technician may have edited it — build on this version)\n\`\`\`${session.language}\n${session.latestScript}\n\`\`\``,
    );
  }
  return parts.join('\n\n');
}
