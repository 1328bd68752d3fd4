import { expect, test } from '@playwright/test';
import { newTestAccount } from './fixtures/accounts';
import { PilotListPage } from './pages/pilot-list-page';
import { PilotSessionPage } from './pages/pilot-session-page';
import { SignupPage } from './pages/signup-page';

/*
 * Driven against the offline engine, which is deterministic: the answers below are the ones
 * its Outlook playbook understands (see packages/assistant/src/offline).
 */

test('an engineer works an Outlook password problem until a fix is proposed', async ({ page }) => {
  const signup = new SignupPage(page);
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);

  await signup.goto();
  await signup.createAccount(newTestAccount('pilot'));
  await expect(page).toHaveURL(/\/pilot$/);

  await list.startSession({ description: 'Outlook keeps prompting for a password' });
  await expect(page).toHaveURL(/\/pilot\/[0-9a-f-]{36}$/);
  await expect(chat.resolveButton).toBeVisible();
  await expect(chat.escalateButton).toBeVisible();

  // The first reply streams in on its own (resumed from GET …/stream) and asks questions.
  await expect(chat.conversation).toContainText('Does the sign-in box come back', { timeout: 20_000 });
  await expect(chat.questions.getByRole('listitem')).toHaveCount(3);
  await expect(chat.questions).toContainText('Did it start after a recent password change');
  await expect(chat.checks.getByRole('button', { name: 'Copy' }).first()).toBeVisible();
  await expect(chat.fixProposal).toHaveCount(0);

  await chat.send('The sign-in box keeps coming back, even with the correct password');
  // Focus stays in the composer, and the answer is recorded in the task lane.
  await expect(chat.message).toBeFocused();
  await expect(chat.message).toHaveValue('');
  await expect(chat.conversation).toContainText('Do Teams and OneDrive on the same PC stay signed in');
  await expect(chat.questions.getByRole('listitem').filter({ hasText: 'Answered' })).toHaveCount(1);
  await expect(chat.whatWeKnow).toContainText('Outlook re-prompts for credentials');
  await chat.waitForReplyToFinish();

  await chat.send('It started after a password change; OWA works in the browser');
  await expect(chat.fixProposal).toBeVisible();
  await expect(chat.fixProposal).toContainText('Clear cached Office credentials and identities');
  await expect(chat.fixProposal).toContainText(/\d+%/);
  await expect(chat.fixProposal).toContainText('Proposed');
  await chat.waitForReplyToFinish();

  // The banner collapses and expands; the transcript survives a reload.
  const details = chat.fixProposal.getByRole('button', { name: 'Fix details' });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await expect(chat.fixProposal).toContainText('Credential Manager');
  await page.reload();
  await expect(chat.fixProposal).toContainText('Clear cached Office credentials and identities');
  await expect(chat.conversation).toContainText('It started after a password change');

  // The session is listed with its title, status and confidence.
  await page.goto('/pilot');
  await expect(list.sessions.getByRole('listitem')).toHaveCount(1);
  await expect(list.sessions).toContainText('Active');
  await expect(list.sessions).toContainText('Guided');
});

test('a ticket with script tags and a javascript: link renders inert', async ({ page }) => {
  const signup = new SignupPage(page);
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await signup.goto();
  await signup.createAccount(newTestAccount('xss'));
  await expect(page).toHaveURL(/\/pilot$/);

  const hostile =
    'Printer offline <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> see [click](javascript:alert(1))';
  await list.startSession({ ticketRef: 'INC-<b>1</b>', client: 'Contoso', description: hostile });
  await expect(page).toHaveURL(/\/pilot\/[0-9a-f-]{36}$/);

  // Markup shows as text; the javascript: link keeps its words but is not a link.
  await expect(chat.conversation).toContainText('<script>window.__pwned=1</script>');
  await expect(chat.conversation).toContainText('see click');
  await expect(chat.conversation.getByRole('link', { name: 'click' })).toHaveCount(0);
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();

  await chat.send('More detail: <script>window.__pwned=3</script> and [here](javascript:alert(2))');
  await expect(chat.conversation).toContainText('window.__pwned=3');
  await expect(chat.assistantMessages).toHaveCount(2);
  await chat.waitForReplyToFinish();

  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(page.locator('main script, main img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
