import { expect, test, type Page } from '@playwright/test';
import { newTestAccount } from './fixtures/accounts';
import { driveOutlookToFix, OUTLOOK_FIX_TITLE } from './fixtures/pilot';
import { ActivityTimeline } from './pages/activity-timeline';
import { ClosedSessionBanner } from './pages/closed-session-banner';
import { ClosingPreviewDialog } from './pages/closing-preview-dialog';
import { EscalateInterceptDialog } from './pages/escalate-intercept-dialog';
import { FixBanner } from './pages/fix-banner';
import { PilotListPage } from './pages/pilot-list-page';
import { PilotSessionPage } from './pages/pilot-session-page';
import { SignupPage } from './pages/signup-page';

/*
 * Closing a session (SPEC §5): Resolve and Escalate open an editable preview; escalating while
 * the fix's outcome is open asks first (EscalateInterceptDialog) and records the answer, so
 * the package already says it; posting makes the session read-only. Offline engine throughout.
 */

const FIX_TITLE = OUTLOOK_FIX_TITLE;

async function signUp(page: Page, label: string) {
  const signup = new SignupPage(page);
  await signup.goto();
  await signup.createAccount(newTestAccount(label));
  await expect(page).toHaveURL(/\/pilot$/);
}

const sessionIdOf = (page: Page) => /\/pilot\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';

/** Declares the run through the API (the page's own cookie), as "I ran this" does: Verifying. */
async function markActiveFixRun(page: Page) {
  const sessionId = sessionIdOf(page);
  const session = await page.request.get(`/api/v1/ai-sessions/${sessionId}`);
  expect(session.status()).toBe(200);
  const { active_fix } = (await session.json()) as { active_fix: { id: string } | null };
  expect(active_fix).not.toBeNull();
  const applied = await page.request.post(
    `/api/v1/ai-sessions/${sessionId}/suggested-fixes/${active_fix!.id}/apply`,
    { headers: { 'x-flowpilot-csrf': '1' } },
  );
  expect(applied.status(), await applied.text()).toBe(200);
  await page.reload();
  await expect(new FixBanner(page).state('Verifying')).toBeVisible();
}

/** Set E2E_SCREENSHOTS to a directory to keep pictures of the closing surfaces for review. */
async function snapshot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

const VIEWPORT = { width: 1400, height: 900 };

test.beforeEach(async ({ page }) => {
  await page.setViewportSize(VIEWPORT);
});

/**
 * A closed session is read back, not written to: no composer and no fix card, and the
 * transcript (which ends with the posted note) gets most of the screen.
 */
async function expectTranscriptHasTheRoom(page: Page) {
  const chat = new PilotSessionPage(page);
  await expect(chat.message).toHaveCount(0);
  await expect(chat.fixProposal).toHaveCount(0);
  await expect(page.getByText('Apply opens it in the task lane')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Script Builder' })).toHaveCount(0);
  const box = await chat.conversation.boundingBox();
  expect(box, 'the transcript is on screen').not.toBeNull();
  expect(box!.height).toBeGreaterThan(VIEWPORT.height * 0.6);
}

test('escalating while Verifying asks how the fix went; "partial" is recorded and the package says so', async ({
  page,
}) => {
  const chat = new PilotSessionPage(page);
  const fixBanner = new FixBanner(page);
  const intercept = new EscalateInterceptDialog(page);
  const preview = new ClosingPreviewDialog(page, 'Escalation package');
  const closed = new ClosedSessionBanner(page);
  const activity = new ActivityTimeline(page);
  await signUp(page, 'closing-escalate');
  await driveOutlookToFix(page);
  await markActiveFixRun(page);

  // A real modal: named, aria-modal, the first choice focused; Escape returns to Escalate.
  await chat.escalateButton.click();
  await expect(intercept.dialog).toBeVisible();
  await expect(intercept.dialog).toHaveAttribute('aria-modal', 'true');
  await expect(intercept.didntWork).toBeFocused();
  await expect(intercept.partial).toBeVisible();
  await expect(intercept.workedOtherReason).toBeVisible();
  await expect(intercept.neverApplied).toBeVisible();
  // Focus stays inside: Shift+Tab from the first choice wraps to the last control.
  await page.keyboard.press('Shift+Tab');
  await expect(intercept.dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(intercept.didntWork).toBeFocused();
  await snapshot(page, 'intercept-dialog');
  await page.keyboard.press('Escape');
  await expect(intercept.dialog).toBeHidden();
  await expect(chat.escalateButton).toBeFocused();
  await expect(fixBanner.state('Verifying')).toBeVisible();

  // "Partial" is recorded at once; the package is composed after it.
  await chat.escalateButton.click();
  await intercept.partial.click();
  await expect(intercept.dialog).toBeHidden();
  await expect(preview.dialog).toBeVisible();
  await expect(preview.markdown).toHaveValue(/# Escalation: /);
  await expect(preview.markdown).toHaveValue(new RegExp(`\\*\\*${FIX_TITLE}\\*\\* — partially applied`));
  await expect(fixBanner.state('Partial')).toBeVisible();

  await preview.previewTab.click();
  await expect(preview.rendered).toBeVisible();
  await expect(preview.rendered.getByRole('heading', { name: "What we've tried" })).toBeVisible();
  await expect(preview.rendered).toContainText(`${FIX_TITLE} — partially applied`);
  await snapshot(page, 'escalation-preview');
  await preview.editTab.click();

  // An edit is posted as written.
  await preview.markdown.press('ControlOrMeta+End');
  await preview.markdown.pressSequentially('\nHanded to tier 2: the mailbox profile still needs rebuilding.');
  await preview.post.click();

  await expect(preview.dialog).toBeHidden();
  await expect(closed.region).toBeVisible();
  await expect(closed.heading).toHaveText(/^Escalated on .+ · read-only$/);
  await expect(closed.heading).toBeFocused();
  await expect(closed.note).toContainText(`${FIX_TITLE} — partially applied`);
  await expect(closed.note).toContainText('Handed to tier 2: the mailbox profile still needs rebuilding.');
  await expect(closed.region).toContainText(`${FIX_TITLE} — Partial`);
  await expectTranscriptHasTheRoom(page);
  await expect(chat.resolveButton).toHaveCount(0);
  await expect(chat.escalateButton).toHaveCount(0);
  await snapshot(page, 'escalated-read-only');

  await activity.open();
  await expect(activity.events.filter({ hasText: `Fix proposed: ${FIX_TITLE}` })).toHaveCount(1);
  await expect(activity.events.filter({ hasText: 'Marked as applied' })).toHaveCount(1);
  await expect(activity.events.filter({ hasText: 'Outcome: partial' })).toHaveCount(1);
  await expect(activity.events.last()).toContainText('Session escalated (package edited before posting)');

  // It stays that way, and the list says so.
  await page.reload();
  await expect(closed.note).toContainText('Handed to tier 2');
  const list = new PilotListPage(page);
  await list.goto();
  await expect(list.sessions.getByRole('listitem').first()).toContainText('Escalated');
});

test('resolving while Verifying records the fix as worked and shows the posted note read-only', async ({
  page,
}) => {
  const chat = new PilotSessionPage(page);
  const fixBanner = new FixBanner(page);
  const preview = new ClosingPreviewDialog(page, 'Resolution note');
  const closed = new ClosedSessionBanner(page);
  const activity = new ActivityTimeline(page);
  await signUp(page, 'closing-resolve');
  await driveOutlookToFix(page);
  await markActiveFixRun(page);

  await chat.resolveButton.click();
  await expect(preview.dialog).toBeVisible();
  await expect(preview.dialog).toHaveAttribute('aria-modal', 'true');
  await expect(preview.markdown).toHaveValue(/# Resolution: /);
  await expect(preview.markdown).toBeFocused();
  // Resolving is the implicit "it worked": the panel says so before anything is posted.
  await expect(
    preview.dialog.getByRole('status').filter({ hasText: 'Resolving records it as worked' }),
  ).toBeVisible();

  const download = page.waitForEvent('download');
  await preview.download.click();
  expect((await download).suggestedFilename()).toMatch(/^outlook-keeps-prompting-.*resolution-note\.md$/);

  // Escape closes and gives focus back to Resolve; nothing was recorded.
  await page.keyboard.press('Escape');
  await expect(preview.dialog).toBeHidden();
  await expect(chat.resolveButton).toBeFocused();
  await expect(fixBanner.state('Verifying')).toBeVisible();

  await chat.resolveButton.click();
  await expect(preview.markdown).toHaveValue(/# Resolution: /);
  await snapshot(page, 'resolution-preview');
  await preview.post.click();

  await expect(preview.dialog).toBeHidden();
  await expect(closed.heading).toHaveText(/^Resolved on .+ · read-only$/);
  await expect(closed.note).toContainText(`Resolved by ${FIX_TITLE}`);
  await expect(closed.note.getByRole('heading', { name: 'Root cause' })).toBeVisible();
  await expect(closed.copy).toBeVisible();
  await expect(closed.download).toBeVisible();
  await expect(closed.region).toContainText(`${FIX_TITLE} — Worked`);
  await expectTranscriptHasTheRoom(page);
  await expect(chat.resolveButton).toHaveCount(0);
  await snapshot(page, 'resolved-read-only');

  // "Read the note" takes the engineer to it; a reopened session starts there too.
  await closed.readNote.click();
  await expect(closed.note).toBeFocused();
  await expect(closed.note).toBeInViewport();
  await page.reload();
  await expect(closed.note).toBeVisible();
  await expectTranscriptHasTheRoom(page);
  // Its beginning is in view, not its last lines.
  const conversation = (await chat.conversation.boundingBox())!;
  const noteTop = (await closed.note.boundingBox())!.y;
  expect(noteTop).toBeGreaterThanOrEqual(conversation.y - 1);
  expect(noteTop).toBeLessThan(conversation.y + conversation.height / 2);
  await snapshot(page, 'resolved-reopened');

  await activity.open();
  await expect(activity.events.filter({ hasText: 'Outcome: worked (recorded by resolving)' })).toHaveCount(1);
  await expect(activity.events.last()).toContainText('Session resolved');
  await activity.events.last().scrollIntoViewIfNeeded();
  await snapshot(page, 'activity');

  // The server refuses a second close; the page already shows why.
  const again = await page.request.post(`/api/v1/ai-sessions/${sessionIdOf(page)}/escalation-package/post`, {
    headers: { 'x-flowpilot-csrf': '1' },
    data: {},
  });
  expect(again.status()).toBe(409);
});

test('a session resolved with a fix that had no script reads as a record: transcript, summary, note', async ({
  page,
}) => {
  const chat = new PilotSessionPage(page);
  const closed = new ClosedSessionBanner(page);
  const list = new PilotListPage(page);
  await signUp(page, 'closing-no-script');
  await list.startSession({ description: 'Outlook keeps prompting for a password' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  // An engineer's fix with no script: an open session offers the Script Builder tab for it.
  const fix = await page.request.post(`/api/v1/ai-sessions/${sessionIdOf(page)}/suggested-fixes`, {
    headers: { 'x-flowpilot-csrf': '1' },
    data: { title: 'Rebuild the Outlook profile', description: 'A new mail profile.', confidence_pct: 58 },
  });
  expect(fix.status(), await fix.text()).toBe(201);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Script Builder' })).toBeVisible();

  await chat.resolveButton.click();
  const preview = new ClosingPreviewDialog(page, 'Resolution note');
  await expect(preview.markdown).toHaveValue(/# Resolution: /);
  await preview.post.click();
  await expect(chat.resolveButton).toHaveCount(0);
  await expectTranscriptHasTheRoom(page);
  await expect(closed.heading).toBeFocused();
  await expect(closed.region).toContainText('Rebuild the Outlook profile');
  await expect(closed.note).toContainText('Rebuild the Outlook profile');

  await page.reload();
  await expectTranscriptHasTheRoom(page);
  await snapshot(page, 'resolved-no-script');
});
