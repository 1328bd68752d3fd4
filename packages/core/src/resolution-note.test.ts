import { describe, it, expect } from 'vitest';
import { composeResolutionNote } from './resolution-note';
import { withImplicitResolution, type SessionSnapshot, type SnapshotFix } from './session-snapshot';

const applied = new Date('2026-03-02T14:05:09Z');
const verified = new Date('2026-03-02T14:30:00Z');

const fixture = (overrides: Partial<SnapshotFix> = {}): SnapshotFix => ({
  title: 'Clear the print queue',
  description: 'Stop the spooler, delete stuck jobs, start it again.',
  status: 'proposed',
  confidence_pct: 80,
  applied_at: null,
  verified_at: null,
  partial_notes: null,
  failure_reason: null,
  superseded_at: null,
  script_parameters: { computer: 'FIN-PC-07', admin_password: '••••' },
  ...overrides,
});

const snapshotWith = (
  activeFix: SnapshotFix | null,
  extra: Partial<SessionSnapshot> = {},
): SessionSnapshot => ({
  title: 'Printing stuck on\nFIN-PC-07',
  intake_text: 'User reports nothing prints since this morning.\nQueue shows 14 jobs.',
  ticket_ref: 'T-1042',
  client_name: 'Acme Ltd',
  asset_name: 'FIN-PC-07',
  issue_category: null,
  triage_hypothesis: 'A corrupt job is blocking the spooler.',
  facts: [
    { kind: 'diagnostic_check', text: 'Spooler service is running' },
    { kind: 'engineer_note', text: 'Other users on the floor print fine' },
  ],
  questions: [],
  actions: [],
  fixes: activeFix ? [activeFix] : [],
  active_fix: activeFix,
  ...extra,
});

describe('composeResolutionNote', () => {
  it('worked', () => {
    expect(
      composeResolutionNote(
        snapshotWith(fixture({ status: 'applied_success', applied_at: applied, verified_at: verified })),
      ),
    ).toMatchInlineSnapshot(`
      "# Resolution: Printing stuck on FIN-PC-07

      **Ticket:** T-1042 · **Client:** Acme Ltd · **Asset:** FIN-PC-07

      ## Problem

      User reports nothing prints since this morning.
      Queue shows 14 jobs.

      ## What we confirmed

      - Spooler service is running
      - Other users on the floor print fine

      ## Root cause

      A corrupt job is blocking the spooler.

      ## Resolution

      Resolved by **Clear the print queue**: applied 2026-03-02 14:05 UTC, verified working 2026-03-02 14:30 UTC.

      Stop the spooler, delete stuck jobs, start it again.

      Script parameters: \`computer\` = \`FIN-PC-07\`, \`admin_password\` = \`••••\`
      "
    `);
  });

  it('proposed, not applied', () => {
    expect(composeResolutionNote(snapshotWith(fixture()))).toMatchInlineSnapshot(`
      "# Resolution: Printing stuck on FIN-PC-07

      **Ticket:** T-1042 · **Client:** Acme Ltd · **Asset:** FIN-PC-07

      ## Problem

      User reports nothing prints since this morning.
      Queue shows 14 jobs.

      ## What we confirmed

      - Spooler service is running
      - Other users on the floor print fine

      ## Root cause

      A corrupt job is blocking the spooler. (not yet confirmed)

      ## Resolution

      Resolution not yet applied — fix proposed at 80% confidence: **Clear the print queue**.

      Stop the spooler, delete stuck jobs, start it again.

      Script parameters: \`computer\` = \`FIN-PC-07\`, \`admin_password\` = \`••••\`
      "
    `);
  });

  it('verifying', () => {
    expect(composeResolutionNote(snapshotWith(fixture({ applied_at: applied })))).toMatchInlineSnapshot(`
      "# Resolution: Printing stuck on FIN-PC-07

      **Ticket:** T-1042 · **Client:** Acme Ltd · **Asset:** FIN-PC-07

      ## Problem

      User reports nothing prints since this morning.
      Queue shows 14 jobs.

      ## What we confirmed

      - Spooler service is running
      - Other users on the floor print fine

      ## Root cause

      A corrupt job is blocking the spooler. (not yet confirmed)

      ## Resolution

      Applied **Clear the print queue** on 2026-03-02 14:05 UTC; not yet verified (proposed at 80% confidence).

      Stop the spooler, delete stuck jobs, start it again.

      Script parameters: \`computer\` = \`FIN-PC-07\`, \`admin_password\` = \`••••\`
      "
    `);
  });

  it('partial', () => {
    expect(
      composeResolutionNote(
        snapshotWith(
          fixture({
            status: 'applied_partial',
            applied_at: applied,
            partial_notes: 'Two jobs could not be deleted',
          }),
        ),
      ),
    ).toMatchInlineSnapshot(`
      "# Resolution: Printing stuck on FIN-PC-07

      **Ticket:** T-1042 · **Client:** Acme Ltd · **Asset:** FIN-PC-07

      ## Problem

      User reports nothing prints since this morning.
      Queue shows 14 jobs.

      ## What we confirmed

      - Spooler service is running
      - Other users on the floor print fine

      ## Root cause

      A corrupt job is blocking the spooler. (not yet confirmed)

      ## Resolution

      Partially applied: **Clear the print queue** on 2026-03-02 14:05 UTC.

      Notes: Two jobs could not be deleted

      Stop the spooler, delete stuck jobs, start it again.

      Script parameters: \`computer\` = \`FIN-PC-07\`, \`admin_password\` = \`••••\`
      "
    `);
  });

  it("didn't work, after an earlier failed fix", () => {
    const earlier = fixture({
      title: 'Restart the spooler',
      status: 'applied_failed',
      applied_at: applied,
      verified_at: verified,
      failure_reason: 'Jobs came back',
      superseded_at: verified,
      script_parameters: null,
    });
    const active = fixture({
      status: 'applied_failed',
      applied_at: verified,
      verified_at: verified,
      failure_reason: 'Access denied',
    });
    expect(composeResolutionNote(snapshotWith(active, { fixes: [earlier, active] }))).toMatchInlineSnapshot(`
      "# Resolution: Printing stuck on FIN-PC-07

      **Ticket:** T-1042 · **Client:** Acme Ltd · **Asset:** FIN-PC-07

      ## Problem

      User reports nothing prints since this morning.
      Queue shows 14 jobs.

      ## What we confirmed

      - Spooler service is running
      - Other users on the floor print fine

      ## Root cause

      A corrupt job is blocking the spooler. (not yet confirmed)

      ## Resolution

      No working fix yet — **Clear the print queue** was applied on 2026-03-02 14:30 UTC but did not resolve the issue: Access denied

      Stop the spooler, delete stuck jobs, start it again.

      Script parameters: \`computer\` = \`FIN-PC-07\`, \`admin_password\` = \`••••\`

      Tried before:
      - Restart the spooler — didn't work: Jobs came back
      "
    `);
  });

  it('no facts, no fix, no hypothesis, no metadata', () => {
    expect(
      composeResolutionNote(
        snapshotWith(null, {
          facts: [],
          triage_hypothesis: null,
          ticket_ref: null,
          client_name: null,
          asset_name: ' ',
          intake_text: '  ',
        }),
      ),
    ).toMatchInlineSnapshot(`
      "# Resolution: Printing stuck on FIN-PC-07

      ## What we confirmed

      Nothing confirmed yet.

      ## Root cause

      Not determined.

      ## Resolution

      No fix was proposed in this session.
      "
    `);
  });

  it('dismissed fix and no active one', () => {
    const dismissed = fixture({ status: 'dismissed', superseded_at: applied });
    const note = composeResolutionNote(snapshotWith(null, { fixes: [dismissed] }));
    expect(note).toContain('## Resolution\n\nNo fix is currently active.\n');
    expect(note).not.toContain('Tried before');
  });

  it('is deterministic and never says a fix worked before the engineer did', () => {
    const verifying = snapshotWith(fixture({ applied_at: applied }));
    expect(composeResolutionNote(verifying)).toBe(composeResolutionNote(structuredClone(verifying)));
    for (const status of ['proposed', 'applied_partial', 'applied_failed'] as const) {
      const note = composeResolutionNote(snapshotWith(fixture({ status, applied_at: applied })));
      expect(note).not.toMatch(/Resolved by/);
      expect(note).toContain('(not yet confirmed)');
    }
  });
});

describe('withImplicitResolution', () => {
  it('describes a Verifying fix as worked, and leaves any other state alone', () => {
    const verifying = snapshotWith(fixture({ status: 'proposed', applied_at: applied, verified_at: null }));
    const note = composeResolutionNote(withImplicitResolution(verifying));
    expect(note).toContain('Resolved by');
    expect(note).not.toMatch(/not yet/i);
    const proposed = snapshotWith(fixture({ status: 'proposed', applied_at: null, verified_at: null }));
    expect(withImplicitResolution(proposed)).toBe(proposed);
  });
});

/*
 * Sessions as the offline engine and real models leave them: the fix description carries the
 * steps, a "Root cause:" paragraph and the reasoning; a confirmed fix adds "Root cause: …" and
 * "Resolved by: …" facts. A note read by the customer's engineer says each of these once.
 */
const outlookSteps =
  'Close Outlook, remove the cached MicrosoftOffice credentials from Credential Manager and the Office identity cache for the signed-in user, then start Outlook and sign in once with modern authentication.';
const outlookCause =
  'Outlook holds a stale or corrupt cached credential/token after a password or MFA change, so every background connection fails authentication and Windows asks again.';
const outlookReasoning =
  '*For:* Does the sign-in box come back even after the correct password is entered? — “The sign-in box keeps coming back, even with the correct password”.';
const outlookIntake =
  'Outlook keeps prompting for a password on the accounting laptop since Monday morning after the user changed her password';

const outlookFix = (overrides: Partial<SnapshotFix> = {}) =>
  fixture({
    title: 'Clear cached Office credentials and identities',
    description: `${outlookSteps}\n\nRoot cause: ${outlookCause}\n\n${outlookReasoning}`,
    confidence_pct: 58,
    script_parameters: null,
    ...overrides,
  });

const outlookSession = (fix: SnapshotFix, extra: Partial<SessionSnapshot> = {}): SessionSnapshot =>
  snapshotWith(fix, {
    title: `T-2211: ${outlookIntake}`,
    intake_text: outlookIntake,
    ticket_ref: 'T-2211',
    client_name: 'Acme',
    asset_name: null,
    triage_hypothesis: null,
    facts: [
      { kind: 'ai_promoted', text: 'Outlook on the web works with the same credentials' },
      {
        kind: 'question',
        text: 'Does the sign-in box come back even after the correct password is entered? — Yes, every few minutes',
      },
    ],
    ...extra,
  });

const confirmedByChat = [
  { kind: 'ai_promoted' as const, text: 'Outlook on the web works with the same credentials' },
  { kind: 'ai_promoted' as const, text: `Root cause: ${outlookCause}` },
  { kind: 'ai_promoted' as const, text: 'Resolved by: Clear cached Office credentials and identities' },
];

const section = (note: string, heading: string) =>
  note.split(`\n## ${heading}\n\n`)[1]?.split('\n## ')[0]?.trim() ?? null;
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('composeResolutionNote says each thing once', () => {
  const cases: {
    name: string;
    snapshot: SessionSnapshot;
    rootCause: string;
    steps: string;
    /** How the Resolution section opens: the outcome, or for an unverified fix its confidence. */
    resolution: string;
  }[] = [
    {
      name: 'fix confirmed in chat, then marked worked on the banner',
      snapshot: outlookSession(
        outlookFix({ status: 'applied_success', applied_at: applied, verified_at: verified }),
        {
          facts: confirmedByChat,
        },
      ),
      rootCause: outlookCause,
      steps: outlookSteps,
      resolution:
        'Resolved by **Clear cached Office credentials and identities**: applied 2026-03-02 14:05 UTC, verified working 2026-03-02 14:30 UTC.',
    },
    {
      name: 'resolved while Verifying (implicit signal), no root-cause fact',
      snapshot: withImplicitResolution(outlookSession(outlookFix({ applied_at: applied }))),
      rootCause: outlookCause,
      steps: outlookSteps,
      resolution:
        'Resolved by **Clear cached Office credentials and identities**: applied 2026-03-02 14:05 UTC, confirmed working.',
    },
    {
      name: "the engineer's own hypothesis wins over the model's cause",
      snapshot: outlookSession(
        outlookFix({ status: 'applied_success', applied_at: applied, verified_at: verified }),
        {
          triage_hypothesis: 'Stale token after the password change on Monday.',
          facts: confirmedByChat,
        },
      ),
      rootCause: 'Stale token after the password change on Monday.',
      steps: outlookSteps,
      resolution: 'Resolved by **Clear cached Office credentials and identities**: applied',
    },
    {
      name: 'proposed, not applied: the cause is not yet confirmed and the confidence is the proposal’s',
      snapshot: outlookSession(outlookFix()),
      rootCause: `${outlookCause} (not yet confirmed)`,
      steps: outlookSteps,
      resolution:
        'Resolution not yet applied — fix proposed at 58% confidence: **Clear cached Office credentials and identities**.',
    },
    {
      name: 'a real model writes the cause as a bold label inside the steps paragraph',
      snapshot: outlookSession(
        outlookFix({
          status: 'applied_success',
          applied_at: applied,
          verified_at: verified,
          description: `${outlookSteps}\n**Root cause:** ${outlookCause}`,
        }),
      ),
      rootCause: outlookCause,
      steps: outlookSteps,
      resolution: 'Resolved by **Clear cached Office credentials and identities**: applied',
    },
    {
      name: 'partially worked: the outcome, not a confidence',
      snapshot: outlookSession(
        outlookFix({ status: 'applied_partial', applied_at: applied, partial_notes: 'Teams still prompts' }),
      ),
      rootCause: `${outlookCause} (not yet confirmed)`,
      steps: outlookSteps,
      resolution:
        'Partially applied: **Clear cached Office credentials and identities** on 2026-03-02 14:05 UTC.',
    },
  ];

  it.each(cases)('$name', ({ snapshot, rootCause, steps, resolution }) => {
    const note = composeResolutionNote(snapshot);
    // The title whole, without the ticket number the metadata line already gives.
    expect(note.split('\n')[0]).toBe(`# Resolution: ${outlookIntake}`);
    expect(note).not.toContain('…');
    expect(note).toContain('**Ticket:** T-2211');
    // The intake is the title here: it is not repeated as a Problem section.
    expect(occurrences(note, outlookIntake)).toBe(1);
    // Root cause once, under its heading, and nothing else there.
    expect(section(note, 'Root cause')).toBe(rootCause);
    expect(occurrences(note, rootCause.replace(' (not yet confirmed)', ''))).toBe(1);
    expect(note).not.toMatch(/^- Root cause:/m);
    // The steps once, under Resolution; the model's reasoning stays out of the customer's note.
    expect(occurrences(note, steps)).toBe(1);
    expect(section(note, 'Resolution')).toContain(steps);
    expect(note).not.toContain('*For:*');
    expect(section(note, 'Resolution')!.startsWith(resolution)).toBe(true);
    // The fix is named once as the resolution, not again as a fact.
    expect(occurrences(note, 'Clear cached Office credentials and identities')).toBe(1);
    expect(section(note, 'What we confirmed')).toContain(
      'Outlook on the web works with the same credentials',
    );
    // A verified fix shows its outcome; only an unverified one carries the proposal's confidence.
    if (snapshot.active_fix?.status !== 'proposed') expect(note).not.toMatch(/\d+% confidence/);
  });

  it('keeps a Problem section when the intake says more than the title', () => {
    const note = composeResolutionNote(
      outlookSession(outlookFix(), { intake_text: `${outlookIntake}\nOWA works fine.` }),
    );
    expect(section(note, 'Problem')).toBe(`${outlookIntake}\nOWA works fine.`);
  });

  it('a failed fix keeps its steps but does not lend its cause to the Root cause section', () => {
    const note = composeResolutionNote(
      outlookSession(
        outlookFix({ status: 'applied_failed', applied_at: applied, failure_reason: 'Still prompts' }),
      ),
    );
    expect(section(note, 'Root cause')).toBe('Not determined.');
    expect(occurrences(note, outlookSteps)).toBe(1);
    expect(note).not.toContain(outlookCause);
    expect(note).not.toMatch(/\d+% confidence/);
  });
});
