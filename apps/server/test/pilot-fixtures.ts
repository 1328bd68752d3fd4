import { aiSessions, sessionSuggestedFixes } from '@flowpilot/db/schema-sessions';
import type { TestApp } from './test-app.ts';
import type { SignedUp } from './fixtures.ts';

/** Inserts a session owned by `owner` directly, for tests that start from a given state. */
export async function insertSession(
  t: TestApp,
  owner: SignedUp,
  values: Partial<typeof aiSessions.$inferInsert> = {},
) {
  const [row] = await t.database.db
    .insert(aiSessions)
    .values({
      accountId: owner.accountId,
      userId: owner.userId,
      intakeType: 'free_text',
      intakeContent: { text: 'Outlook keeps prompting for a password' },
      title: 'Outlook keeps prompting for a password',
      taskLane: { questions: [], actions: [] },
      ...values,
    })
    .returning();
  return row!;
}

export async function insertFix(
  t: TestApp,
  session: { id: string; accountId: string },
  values: Partial<typeof sessionSuggestedFixes.$inferInsert> = {},
) {
  const [row] = await t.database.db
    .insert(sessionSuggestedFixes)
    .values({
      accountId: session.accountId,
      aiSessionId: session.id,
      title: 'Rebuild the Outlook profile',
      description: 'Create a new mail profile and set it as default.',
      confidencePct: 80,
      source: 'ai',
      aiDraftedScript: 'Write-Host "hello"',
      scriptLanguage: 'powershell',
      ...values,
    })
    .returning();
  return row!;
}
