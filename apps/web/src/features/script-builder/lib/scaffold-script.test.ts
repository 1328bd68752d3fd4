import { describe, expect, it } from 'vitest';
import { fallbackFilename } from './script-languages';
import { hasOwnWork, scaffoldScript } from './scaffold-script';

describe('scaffoldScript', () => {
  it('puts the fix title and description in comments of the language', () => {
    const fix = { title: 'Restart the spooler', description: 'Stop it.\n\nStart it again.' };
    expect(scaffoldScript('powershell', fix)).toBe(
      '# Fix: Restart the spooler\n#\n# Stop it.\n#\n# Start it again.\n\n',
    );
    expect(scaffoldScript('bash', fix).split('\n')[0]).toBe('#!/usr/bin/env bash');
    expect(scaffoldScript('python', fix).split('\n')[1]).toBe('# Fix: Restart the spooler');
  });

  it('counts only changes beyond the scaffold as the engineer’s work', () => {
    const scaffold = scaffoldScript('bash', { title: 'T', description: '' });
    expect(hasOwnWork(scaffold, scaffold)).toBe(false);
    expect(hasOwnWork(`${scaffold}echo hi\n`, scaffold)).toBe(true);
  });
});

describe('fallbackFilename', () => {
  it('slugs the title and adds the extension', () => {
    expect(fallbackFilename('Restart the Print Spooler on PC-042!', 'powershell')).toBe(
      'restart-the-print-spooler-on-pc-042.ps1',
    );
    expect(fallbackFilename('', 'python')).toBe('script.py');
  });
});
