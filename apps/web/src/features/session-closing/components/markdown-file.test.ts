import { describe, expect, it } from 'vitest';
import { markdownFilename } from './markdown-file';

describe('markdownFilename', () => {
  it('turns the session title into a safe file name for the kind', () => {
    expect(markdownFilename('Outlook keeps prompting — ACME/PC-042', 'resolution_note')).toBe(
      'outlook-keeps-prompting-acme-pc-042-resolution-note.md',
    );
    expect(markdownFilename('Café Wi-Fi drops', 'escalation_package')).toBe(
      'cafe-wi-fi-drops-escalation-package.md',
    );
  });

  it('never yields an empty or hidden name', () => {
    expect(markdownFilename('', 'resolution_note')).toBe('session-resolution-note.md');
    expect(markdownFilename('../../..', 'escalation_package')).toBe('session-escalation-package.md');
  });

  it('keeps long titles short', () => {
    const name = markdownFilename('x'.repeat(300), 'resolution_note');
    expect(name.length).toBeLessThanOrEqual(60 + '-resolution-note.md'.length);
  });
});
