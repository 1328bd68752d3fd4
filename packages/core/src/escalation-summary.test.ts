import { describe, expect, it } from 'vitest';
import { escalationSummary } from './escalation-summary.ts';

describe('escalationSummary', () => {
  it('joins the problem and the hypothesis, without markdown', () => {
    const markdown = [
      '# Escalation: Outlook keeps asking for a password',
      '## Problem',
      'Outlook prompts for credentials **every hour** on FIN-PC-07.',
      "## What we've confirmed",
      '- MFA is enrolled',
      '## Current hypothesis',
      'A stale token in the credential manager.',
    ].join('\n\n');
    expect(escalationSummary(markdown)).toBe(
      'Outlook prompts for credentials every hour on FIN-PC-07. — A stale token in the credential manager.',
    );
  });
  it('falls back to the first paragraph of an edited package and clips long text', () => {
    expect(escalationSummary('Please look at the VPN.\n\nThanks')).toBe('Please look at the VPN.');
    expect(
      escalationSummary('# Escalation: VPN drops\n\n## Current hypothesis\n\nNo working hypothesis yet.'),
    ).toBe('VPN drops');
    expect(escalationSummary(`## Problem\n\n${'x'.repeat(900)}`)).toHaveLength(400);
    expect(escalationSummary(null)).toBe('');
  });
});
