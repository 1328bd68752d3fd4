import { expect, test } from '@playwright/test';
import { activeFix, driveOutlookToFix, proposeFix, sessionIdOf, signUp } from './fixtures/pilot';
import { FixBanner } from './pages/fix-banner';
import { NoTemplateDialog } from './pages/no-template-dialog';
import { PilotListPage } from './pages/pilot-list-page';
import { PilotSessionPage } from './pages/pilot-session-page';
import { ScriptsPage } from './pages/scripts-page';
import { TemplateMatchPanel } from './pages/template-match-panel';

/*
 * The fix lifecycle from the banner (seed plan, manual QA scenarios 1 and 2): Apply only opens
 * the script surface; the run is declared by "I ran this" or a "Run now" card, and only then
 * does the banner say Verifying. Driven against the deterministic offline engine.
 */

test('template path: Apply opens the template panel, I ran this starts Verifying, It worked records it', async ({
  page,
}) => {
  const banner = new FixBanner(page);
  const panel = new TemplateMatchPanel(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await signUp(page, 'fix-template');

  await driveOutlookToFix(page);
  await expect(banner.state('Proposed')).toBeVisible();

  // Apply routes to the panel and records nothing: still Proposed, even after a reload.
  await banner.apply.click();
  await expect(panel.panel).toBeVisible();
  await expect(panel.panel).toContainText('Reset Outlook cached credentials');
  await expect(panel.panel).toContainText('PowerShell');
  await expect(banner.state('Proposed')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Typed parameters: booleans are checkboxes with their defaults.
  await expect(panel.parameter('Close Outlook if it is running')).toBeHidden();
  await panel.editParameters.click();
  await expect(panel.editParameters).toHaveAttribute('aria-expanded', 'true');
  const closeOutlook = panel.parameter('Close Outlook if it is running');
  await expect(closeOutlook).toBeChecked();
  await closeOutlook.uncheck();

  // Generate shows the script (values quoted by the server); it is not a run either.
  await panel.generate.click();
  await expect(panel.script).toContainText('$CloseOutlook = [System.Convert]::ToBoolean($false)');
  await expect(panel.copy).toBeVisible();
  await expect(banner.state('Proposed')).toBeVisible();
  expect((await activeFix(page)).applied_at).toBeNull();

  await panel.iRanThis.click();
  await expect(banner.state('Verifying')).toBeVisible();
  await expect(panel.panel).toBeHidden();
  // Focus moves on to the next question: how did it go?
  await expect(banner.itWorked).toBeFocused();

  await page.reload();
  await expect(banner.state('Verifying')).toBeVisible();

  await banner.itWorked.click();
  await expect(banner.state('Worked')).toBeVisible();
  await expect(banner.region).toContainText('Recorded: the fix worked.');
  await expect(banner.apply).toHaveCount(0);
});

test('drafted-script path: Run now, templatize after queues a draft the owner accepts into the library', async ({
  page,
}) => {
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const banner = new FixBanner(page);
  const dialog = new NoTemplateDialog(page);
  const scripts = new ScriptsPage(page);
  await signUp(page, 'fix-drafted');

  await list.startSession({ description: 'The print spooler on FS01 stops every morning' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();

  // An engineer-proposed fix with a drafted script and no template (the page's own cookie).
  const templateName = `Restart spooler ${Date.now().toString(36)}`;
  await proposeFix(page, {
    title: templateName,
    description: 'Restart the spooler service and clear stuck jobs.',
    ai_drafted_script: 'Restart-Service -Name Spooler -Force\nGet-Service -Name Spooler',
    script_language: 'powershell',
  });
  await page.reload();

  await expect(banner.region).toContainText(templateName);
  await expect(banner.state('Proposed')).toBeVisible();
  await banner.apply.click();
  await expect(dialog.dialog).toBeVisible();
  expect((await activeFix(page)).applied_at).toBeNull();
  await expect(dialog.dialog.getByRole('heading', { name: 'Run the drafted script' })).toBeFocused();
  await expect(dialog.script).toContainText('Restart-Service -Name Spooler -Force');
  await expect(dialog.copy).toBeVisible();
  await expect(dialog.runNowNoTemplate).toBeVisible();
  await expect(dialog.buildReusableTemplate).toBeVisible();
  // Apply stamped nothing.
  await expect(banner.state('Proposed')).toBeVisible();

  // Escape closes it and gives focus back to Apply; Apply opens it again.
  await page.keyboard.press('Escape');
  await expect(dialog.dialog).toBeHidden();
  await expect(banner.apply).toBeFocused();
  await banner.apply.click();

  await dialog.runNowTemplatizeAfter.click();
  await expect(banner.state('Verifying')).toBeVisible();
  await expect(dialog.dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'draft template was queued' })).toBeVisible();
  expect(await activeFix(page)).toMatchObject({ user_decision: 'draft_template' });

  // The owner (this account's creator) reviews the draft on /scripts.
  await scripts.goto();
  await expect(scripts.heading).toBeVisible();
  await expect(scripts.draftReview).toContainText('1 pending');
  await expect(page.getByRole('link', { name: 'Scripts', exact: true })).toHaveAccessibleDescription(
    '1 draft template waiting for review',
  );
  await expect(scripts.pendingDrafts).toHaveCount(1);
  const draft = scripts.draft(templateName);
  await expect(draft).toContainText('Restart-Service -Name Spooler -Force');
  await draft.getByRole('button', { name: 'Accept', exact: true }).click();

  await expect(scripts.draftReview).toContainText('0 pending');
  await expect(scripts.draftReview).toContainText('No drafts waiting for review.');
  await expect(scripts.template(templateName)).toHaveCount(1);
  await scripts.search.fill(templateName);
  await expect(scripts.templates).toHaveCount(1);
  await scripts.template(templateName).getByRole('button').click();
  await expect(scripts.detail.getByRole('heading', { name: templateName })).toBeVisible();
  await expect(scripts.preview).toContainText('Restart-Service -Name Spooler -Force');
});

test('the library filters, previews with typed parameters and shows render errors', async ({ page }) => {
  const scripts = new ScriptsPage(page);
  await signUp(page, 'library');
  await scripts.goto();

  // Built-ins are there from the start, with their language and category.
  await expect(scripts.templates.first()).toBeVisible();
  await expect(scripts.template('Reset Outlook cached credentials')).toContainText('Built-in');
  await scripts.language.selectOption('bash');
  await expect(scripts.template('Reset Outlook cached credentials')).toHaveCount(0);
  await scripts.language.selectOption('');
  await scripts.search.fill('outlook cached');
  await expect(scripts.template('Reset Outlook cached credentials')).toHaveCount(1);

  await scripts.template('Reset Outlook cached credentials').getByRole('button').click();
  await expect(
    scripts.detail.getByRole('heading', { name: 'Reset Outlook cached credentials' }),
  ).toBeVisible();
  await expect(scripts.preview).toContainText('$CloseOutlook = [System.Convert]::ToBoolean($true)');
  await scripts.detail.getByLabel('Close Outlook if it is running', { exact: true }).uncheck();
  await expect(scripts.preview).toContainText('$CloseOutlook = [System.Convert]::ToBoolean($false)');

  // The server checks every value; its field errors show next to the field and in the preview.
  await scripts.search.fill('');
  await scripts.template('Free up space on a Windows drive').getByRole('button').click();
  const drive = scripts.detail.getByRole('textbox', { name: 'Drive letter', exact: true });
  await expect(drive).toHaveValue('C');
  await drive.fill('CD');
  await expect(scripts.preview.getByRole('alert')).toContainText(
    'Drive letter is not in the expected format',
  );
  await expect(drive).toHaveAttribute('aria-invalid', 'true');
  await drive.fill('D');
  await expect(scripts.preview.getByRole('alert')).toHaveCount(0);

  // Secrets are typed into password boxes.
  await scripts.template('Test SMTP submission (scan to email)').getByRole('button').click();
  await expect(scripts.detail.getByLabel('SMTP password', { exact: true })).toHaveAttribute(
    'type',
    'password',
  );
  await expect(scripts.detail.getByRole('spinbutton', { name: 'SMTP port' })).toHaveValue('587');
});

test('the assistant reads the outcome from the chat; the engineer confirms it', async ({ page }) => {
  const chat = new PilotSessionPage(page);
  const banner = new FixBanner(page);
  await signUp(page, 'fix-confirm');
  await driveOutlookToFix(page);

  await chat.send('That worked, thanks — no more prompts');
  await expect(banner.state('AI-confirming')).toBeVisible();
  await expect(banner.region).toContainText('The assistant thinks this fix worked');
  await expect(banner.apply).toHaveCount(0);
  await chat.waitForReplyToFinish();
  await banner.confirm.click();
  await expect(banner.state('Worked')).toBeVisible();
  await expect(banner.confirm).toHaveCount(0);
});

test('no script yet: Apply opens the Script Builder tab; outcomes ask for a reason or notes', async ({
  page,
}) => {
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const banner = new FixBanner(page);
  await signUp(page, 'fix-noscript');
  await list.startSession({ description: 'Mapped drive S: is missing after login' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  await proposeFix(page, { title: 'Re-map the S: drive by hand', description: 'Map it again with net use.' });
  await page.reload();

  await banner.apply.click();
  const tabs = page.getByRole('tablist');
  await expect(tabs.getByRole('tab', { name: /Script Builder/ })).toHaveAttribute('aria-selected', 'true');
  await tabs.getByRole('tab', { name: 'Chat' }).click();
  await expect(tabs.getByRole('tab', { name: 'Chat' })).toHaveAttribute('aria-selected', 'true');
  expect((await activeFix(page)).applied_at).toBeNull();

  await banner.recordPartial('The drive maps, but only until the next reboot');
  await expect(banner.state('Partial')).toBeVisible();
  await banner.recordDidntWork('Gone again after a reboot');
  await expect(banner.state("Didn't work")).toBeVisible();
  await expect(banner.region).toContainText("Recorded: the fix didn't work.");
  const fix = await activeFix(page);
  expect(fix.applied_at).not.toBeNull();
  expect(fix.failure_reason).toBe('Gone again after a reboot');
});

test('Build a reusable template opens the Script Builder and declares no run', async ({ page }) => {
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const banner = new FixBanner(page);
  const dialog = new NoTemplateDialog(page);
  await signUp(page, 'fix-build');
  await list.startSession({ description: 'Disk C: is full on FS-01' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  await proposeFix(page, {
    title: 'Clean up the temp folders',
    description: 'Remove temp files older than 7 days.',
    ai_drafted_script: 'find /tmp -type f -mtime +7 -delete',
    script_language: 'bash',
  });
  const sessionUrl = page.url();
  const sessionId = sessionIdOf(page);
  await page.reload();

  await banner.apply.click();
  await dialog.buildReusableTemplate.click();
  await expect(page).toHaveURL(/\/script-builder/);
  await page.goto(sessionUrl);
  await expect(banner.state('Proposed')).toBeVisible();
  const response = await page.request.get(`/api/v1/ai-sessions/${sessionId}/suggested-fixes/active`);
  const fix = (await response.json()) as { applied_at: string | null; user_decision: string | null };
  expect(fix).toMatchObject({ applied_at: null, user_decision: 'build_template' });
});
