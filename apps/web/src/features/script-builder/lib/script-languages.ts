import type { ScriptLanguage } from '../types';

export const scriptLanguages: readonly ScriptLanguage[] = ['powershell', 'bash', 'python'];

export const languageLabels: Record<ScriptLanguage, string> = {
  powershell: 'PowerShell',
  bash: 'Bash',
  python: 'Python',
};

export const languageExtensions: Record<ScriptLanguage, string> = {
  powershell: '.ps1',
  bash: '.sh',
  python: '.py',
};

/** The file to save as when the builder has not named one: the title as a slug, or `script`. */
export function fallbackFilename(title: string, language: ScriptLanguage): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'script'}${languageExtensions[language]}`;
}
