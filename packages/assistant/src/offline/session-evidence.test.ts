import { describe, expect, it } from 'vitest';
import { readSessionEvidence } from './session-evidence.ts';

describe('readSessionEvidence: the environment', () => {
  it.each([
    ['a cmdlet in a note', ['Print jobs are stuck', 'Get-Service Spooler: Status Stopped']],
    ['a cmdlet in pasted output', ['Nothing prints\n\nPS C:\\> Get-Printer | Format-Table Name']],
    ['the word', ['Windows 11 laptop cannot print']],
  ])('reads Windows from %s', (_label, messages) => {
    expect(readSessionEvidence(messages).os).toBe('windows');
  });

  it('reads Linux from systemctl, and nothing from hyphenated words that are not cmdlets', () => {
    expect(readSessionEvidence(['systemctl status nginx shows failed']).os).toBe('linux');
    expect(readSessionEvidence(['The Wi-Fi drops and the e-mail client hangs']).os).toBeUndefined();
  });
});

describe('readSessionEvidence: corrections', () => {
  it('drops what came before "scratch that" and keeps what came after', () => {
    const evidence = readSessionEvidence([
      'Outlook keeps prompting for a password',
      'Scratch that: there is no password box, Outlook hangs on Loading Profile',
    ]);
    expect(evidence.retrievalText).not.toMatch(/prompting/);
    expect(evidence.retrievalText).toMatch(/Loading Profile/);
    // A reply that only mentions the phrase later in a sentence is not a retraction.
    const kept = readSessionEvidence([
      'Outlook keeps prompting for a password',
      'I told her to scratch that idea',
    ]);
    expect(kept.retrievalText).toMatch(/prompting/);
  });
});

describe('readSessionEvidence: scope', () => {
  it('"not everyone" is still several people, unless the sentence narrows it', () => {
    const some = readSessionEvidence([
      'Network problem in accounts',
      'not everyone, but anyone who rebooted lost it',
    ]);
    expect(some.signals.has('scope:many-users')).toBe(true);
    const one = readSessionEvidence(['Network problem in accounts', 'not everyone, just her']);
    expect(one.signals.has('scope:one-user')).toBe(true);
    expect(one.signals.has('scope:many-users')).toBe(false);
  });
});
