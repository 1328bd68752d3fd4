import type { ClosingKind } from '../types';

const kindSlugs: Record<ClosingKind, string> = {
  resolution_note: 'resolution-note',
  escalation_package: 'escalation-package',
};

/**
 * "Outlook keeps prompting — ACME/PC-042" → `outlook-keeps-prompting-acme-pc-042-resolution-note.md`:
 * ASCII, lower case, safe on every file system, never empty, not absurdly long.
 */
export function markdownFilename(title: string, kind: ClosingKind): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${slug ? `${slug}-` : 'session-'}${kindSlugs[kind]}.md`;
}

/** Saves text as a Markdown file through the browser's download (nothing is uploaded). */
export function downloadMarkdown(filename: string, markdown: string): void {
  const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
