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

        Resolved by **Clear the print queue** (80% confidence), applied 2026-03-02 14:05 UTC, verified 2026-03-02 14:30 UTC.

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

      Resolution not yet applied — fix proposed: **Clear the print queue** (80% confidence).

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

      Applied **Clear the print queue** (80% confidence) on 2026-03-02 14:05 UTC; not yet verified.

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

      Partially applied: **Clear the print queue** (80% confidence) on 2026-03-02 14:05 UTC.

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

      No working fix yet — **Clear the print queue** (80% confidence) was applied on 2026-03-02 14:30 UTC but did not resolve the issue: Access denied

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

      ## Problem

      Printing stuck on FIN-PC-07

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
