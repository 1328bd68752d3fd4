import type { ScriptLanguage } from '../types';

const shebangs: Record<ScriptLanguage, string | null> = {
  powershell: null,
  bash: '#!/usr/bin/env bash',
  python: '#!/usr/bin/env python3',
};

const asComment = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `# ${line.trimEnd()}` : '#'));

/**
 * The starting buffer of "Write it myself": what the fix is meant to do, as comments in the
 * script's own language (all three use `#`), so the engineer writes against the description.
 */
export function scaffoldScript(
  language: ScriptLanguage,
  fix: { title: string; description: string },
): string {
  const lines: string[] = [];
  const shebang = shebangs[language];
  if (shebang) lines.push(shebang);
  lines.push(`# Fix: ${fix.title.trim() || 'Suggested fix'}`);
  if (fix.description.trim()) lines.push('#', ...asComment(fix.description));
  lines.push('', '');
  return lines.join('\n');
}

/** True when the buffer holds more than the scaffold: something the engineer would lose. */
export const hasOwnWork = (buffer: string, scaffold: string) =>
  buffer.trim() !== scaffold.trim() && buffer.trim() !== '';
