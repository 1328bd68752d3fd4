import { scriptFilename } from '@flowpilot/assistant/offline/script-composer';
import { extractCodeBlocks } from '@flowpilot/assistant/prompts';
import type { ScriptLanguage } from '@flowpilot/core/script-template';
import { MAX_SCRIPT_LENGTH } from '@flowpilot/contracts/script-builder';

const languageNames: Record<string, ScriptLanguage> = {
  powershell: 'powershell',
  ps1: 'powershell',
  ps: 'powershell',
  pwsh: 'powershell',
  posh: 'powershell',
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  python: 'python',
  python3: 'python',
  py: 'python',
};
const extensions: Record<ScriptLanguage, string> = { powershell: 'ps1', bash: 'sh', python: 'py' };

/** A model-chosen name is only a suggestion: no folders, no odd characters, a proper extension. */
export function safeFilename(raw: string | undefined, language: ScriptLanguage): string | null {
  if (!raw) return null;
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]/g, '')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
  if (!cleaned || !/[A-Za-z0-9]/.test(cleaned)) return null;
  return /\.[A-Za-z0-9]{1,5}$/.test(cleaned) ? cleaned : `${cleaned}.${extensions[language]}`;
}

/**
 * The script a Script Builder reply carries: its LAST fenced code block (an explanation may
 * show snippets first). The file name comes from the block's info string, or is derived from
 * the request in the language's convention. Null when the reply has no (usable) block.
 */
export function latestScriptFrom(reply: string, request: string, sessionLanguage: ScriptLanguage) {
  const block = extractCodeBlocks(reply)
    .filter((candidate) => candidate.code.trim().length > 0)
    .at(-1);
  if (!block || block.code.length > MAX_SCRIPT_LENGTH) return null;
  const language = languageNames[block.language?.toLowerCase() ?? ''] ?? sessionLanguage;
  return {
    script: block.code,
    filename: safeFilename(block.filename, language) ?? scriptFilename(request, language),
    language,
  };
}
