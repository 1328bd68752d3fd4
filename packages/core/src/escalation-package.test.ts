import { describe, it, expect } from 'vitest';
import { composeEscalationPackage } from './escalation-package';
import type { SessionSnapshot, SnapshotFix } from './session-snapshot';

const t1 = new Date('2026-03-02T14:05:09Z');
const t2 = new Date('2026-03-02T15:10:00Z');

const fix = (overrides: Partial<SnapshotFix> = {}): SnapshotFix => ({
  title: 'Rebuild the Outlook profile',
  description: 'Create a new mail profile and set it as default.',
  status: 'proposed',
  confidence_pct: 70,
  applied_at: null,
  verified_at: null,
  partial_notes: null,
  failure_reason: null,
  superseded_at: null,
  script_parameters: null,
  ...overrides,
});

const snapshot = (fixes: SnapshotFix[], extra: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  title: 'Outlook keeps asking for password',
  intake_text: 'Outlook prompts for credentials every few minutes.',
  ticket_ref: 'INC-2211',
  client_name: 'Northwind',
  asset_name: null,
  issue_category: 'Email',
  triage_hypothesis: 'Stale cached credentials after the password change.',
  facts: [
    { kind: 'question', text: 'Password was changed yesterday' },
    { kind: 'ai_promoted', text: 'OWA works in the browser' },
  ],
  questions: [
    { text: 'Is MFA enabled for the user?', state: 'open' },
    { text: 'Does it happen on other devices?', state: 'answered', answer: 'No' },
  ],
  actions: [
    { title: 'Clear Credential Manager entries', state: 'done', result: 'Removed 3 entries' },
    { title: 'Check modern auth registry keys', state: 'open' },
  ],
  fixes,
  active_fix: fixes.find((f) => f.superseded_at === null) ?? null,
  ...extra,
});

const failed = fix({
  title: 'Clear cached credentials',
  status: 'applied_failed',
  applied_at: t1,
  verified_at: t1,
  failure_reason: 'Prompt returned after 10 minutes',
  superseded_at: t2,
  script_parameters: { user: 'jdoe', password: '••••' },
});

describe('composeEscalationPackage', () => {
  it('after a failed fix, with the next one proposed', () => {
    expect(composeEscalationPackage(snapshot([failed, fix()]))).toMatchInlineSnapshot(`
      "# Escalation: Outlook keeps asking for password

      **Ticket:** INC-2211 · **Client:** Northwind · **Category:** Email

      ## Problem

      Outlook prompts for credentials every few minutes.

      ## What we've confirmed

      - Password was changed yesterday
      - OWA works in the browser

      ## What we've tried

      - **Clear cached credentials** — didn't work (applied 2026-03-02 14:05 UTC): Prompt returned after 10 minutes
        Script parameters: \`user\` = \`jdoe\`, \`password\` = \`••••\`

      Checks run:
      - Clear Credential Manager entries — Removed 3 entries

      ## Current hypothesis

      Stale cached credentials after the password change.

      Proposed fix, not yet applied: **Rebuild the Outlook profile** (proposed at 70% confidence) — Create a new mail profile and set it as default.

      ## Suggested next steps

      - Apply the proposed fix **Rebuild the Outlook profile**.
      - Answer: Is MFA enabled for the user?
      - Run check: Check modern auth registry keys
      "
    `);
  });

  it('while the fix is verifying', () => {
    expect(composeEscalationPackage(snapshot([failed, fix({ applied_at: t2 })]))).toMatchInlineSnapshot(`
      "# Escalation: Outlook keeps asking for password

      **Ticket:** INC-2211 · **Client:** Northwind · **Category:** Email

      ## Problem

      Outlook prompts for credentials every few minutes.

      ## What we've confirmed

      - Password was changed yesterday
      - OWA works in the browser

      ## What we've tried

      - **Clear cached credentials** — didn't work (applied 2026-03-02 14:05 UTC): Prompt returned after 10 minutes
        Script parameters: \`user\` = \`jdoe\`, \`password\` = \`••••\`
      - **Rebuild the Outlook profile** — applied 2026-03-02 15:10 UTC, outcome not verified yet

      Checks run:
      - Clear Credential Manager entries — Removed 3 entries

      ## Current hypothesis

      Stale cached credentials after the password change.

      ## Suggested next steps

      - Confirm whether **Rebuild the Outlook profile** worked.
      - Answer: Is MFA enabled for the user?
      - Run check: Check modern auth registry keys
      "
    `);
  });

  it('partial', () => {
    expect(
      composeEscalationPackage(
        snapshot([
          fix({
            status: 'applied_partial',
            applied_at: t2,
            partial_notes: 'Profile created, not yet default',
          }),
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "# Escalation: Outlook keeps asking for password

      **Ticket:** INC-2211 · **Client:** Northwind · **Category:** Email

      ## Problem

      Outlook prompts for credentials every few minutes.

      ## What we've confirmed

      - Password was changed yesterday
      - OWA works in the browser

      ## What we've tried

      - **Rebuild the Outlook profile** — partially applied (applied 2026-03-02 15:10 UTC): Profile created, not yet default

      Checks run:
      - Clear Credential Manager entries — Removed 3 entries

      ## Current hypothesis

      Stale cached credentials after the password change.

      ## Suggested next steps

      - Finish applying **Rebuild the Outlook profile** (Profile created, not yet default).
      - Answer: Is MFA enabled for the user?
      - Run check: Check modern auth registry keys
      "
    `);
  });

  it('worked, escalating for another reason; a dismissed fix is listed as not applied', () => {
    const dismissed = fix({ title: 'Reinstall Office', status: 'dismissed', superseded_at: t1 });
    expect(
      composeEscalationPackage(
        snapshot([dismissed, fix({ status: 'applied_success', applied_at: t2, verified_at: t2 })]),
      ),
    ).toMatchInlineSnapshot(`
      "# Escalation: Outlook keeps asking for password

      **Ticket:** INC-2211 · **Client:** Northwind · **Category:** Email

      ## Problem

      Outlook prompts for credentials every few minutes.

      ## What we've confirmed

      - Password was changed yesterday
      - OWA works in the browser

      ## What we've tried

      - **Reinstall Office** — considered and dismissed, not applied
      - **Rebuild the Outlook profile** — worked (applied 2026-03-02 15:10 UTC)

      Checks run:
      - Clear Credential Manager entries — Removed 3 entries

      ## Current hypothesis

      Stale cached credentials after the password change.

      ## Suggested next steps

      - Answer: Is MFA enabled for the user?
      - Run check: Check modern auth registry keys
      "
    `);
  });

  it('the active fix failed; multi-line facts stay inside their bullet', () => {
    const active = fix({ status: 'applied_failed', applied_at: t2, verified_at: t2, failure_reason: null });
    const text = composeEscalationPackage(
      snapshot([active], {
        facts: [{ kind: 'engineer_note', text: 'Event log shows:\n  Error 0x80070005\nat 09:14' }],
      }),
    );
    expect(text).toContain('- Event log shows:\n    Error 0x80070005\n  at 09:14\n');
    expect(text).toContain(
      "- **Rebuild the Outlook profile** — didn't work (applied 2026-03-02 15:10 UTC); no reason recorded\n",
    );
    expect(text).toContain('- Find out why **Rebuild the Outlook profile** failed.\n');
    expect(text).not.toContain('Proposed fix, not yet applied');
  });

  it('an empty session', () => {
    expect(
      composeEscalationPackage(
        snapshot([], {
          facts: [],
          questions: [],
          actions: [],
          triage_hypothesis: null,
          ticket_ref: null,
          client_name: null,
          issue_category: null,
        }),
      ),
    ).toMatchInlineSnapshot(`
      "# Escalation: Outlook keeps asking for password

      ## Problem

      Outlook prompts for credentials every few minutes.

      ## What we've confirmed

      Nothing confirmed yet.

      ## What we've tried

      No fix has been applied yet.

      ## Current hypothesis

      No working hypothesis yet.

      ## Suggested next steps

      - Review the session transcript and continue the diagnosis.
      "
    `);
  });
});

describe('composeEscalationPackage says each thing once', () => {
  const steps = 'Close Outlook, clear the MicrosoftOffice entries in Credential Manager, sign in again.';
  const cause = 'Outlook holds a stale cached token after the password change.';
  const reasoning = '*For:* the prompts started right after the password change.';
  const described = (overrides: Partial<SnapshotFix> = {}) =>
    fix({
      title: 'Clear cached Office credentials',
      description: `${steps}\n\nRoot cause: ${cause}\n\n${reasoning}`,
      ...overrides,
    });
  const occurrences = (text: string, part: string) => text.split(part).length - 1;
  const section = (text: string, heading: string) =>
    text.split(`\n## ${heading}\n\n`)[1]?.split('\n## ')[0]?.trim() ?? '';

  it.each([
    {
      name: 'a proposed fix: the cause once as the hypothesis, the steps and reasoning once',
      fixes: [described()],
      facts: [{ kind: 'ai_promoted' as const, text: 'OWA works in the browser' }],
      hypothesis: `${cause}\n\nProposed fix, not yet applied: **Clear cached Office credentials** (proposed at 70% confidence) — ${steps}\n\n${reasoning}`,
    },
    {
      name: 'a fix confirmed in chat: its "Root cause" and "Resolved by" facts are not listed again',
      fixes: [described({ status: 'applied_success', applied_at: t2, verified_at: t2 })],
      facts: [
        { kind: 'ai_promoted' as const, text: 'OWA works in the browser' },
        { kind: 'ai_promoted' as const, text: `Root cause: ${cause}` },
        { kind: 'ai_promoted' as const, text: 'Resolved by: Clear cached Office credentials' },
      ],
      hypothesis: cause,
    },
  ])('$name', ({ fixes, facts, hypothesis }) => {
    const text = composeEscalationPackage(
      snapshot(fixes, {
        facts,
        triage_hypothesis: null,
        title: 'INC-2211: Outlook keeps asking for password',
      }),
    );
    expect(text.split('\n')[0]).toBe('# Escalation: Outlook keeps asking for password');
    expect(section(text, 'Current hypothesis')).toBe(hypothesis);
    expect(occurrences(text, cause)).toBe(1);
    // Named once for what it is (tried, or proposed); "Suggested next steps" may name it again.
    expect(occurrences(text.split('## Suggested next steps')[0]!, 'Clear cached Office credentials')).toBe(1);
    expect(section(text, "What we've confirmed")).toBe('- OWA works in the browser');
    expect(text).not.toMatch(/\(\d+% confidence\)/);
  });
});
