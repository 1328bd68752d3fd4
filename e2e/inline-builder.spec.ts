import { expect, test } from '@playwright/test';
import { activeFix, proposeFix, signUp } from './fixtures/pilot';
import { FixBanner } from './pages/fix-banner';
import { NoTemplateDialog } from './pages/no-template-dialog';
import { PilotListPage } from './pages/pilot-list-page';
import { PilotSessionPage } from './pages/pilot-session-page';

/*
 * Seed plan, manual QA scenario 3: a fix with no drafted script and no template → the
 * Script Builder tab → write it myself → Submit (a draft, not a run) → the strip goes away →
 * Apply → NoTemplate dialog → Run now, no template → Verifying.
 */
test('no draft, no template: write the script in the tab, submit, then run it once', async ({ page }) => {
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  const banner = new FixBanner(page);
  await signUp(page, 'inline-builder');
  await list.startSession({ description: 'Mapped drive S: is missing after login on PC-042' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  await proposeFix(page, { title: 'Re-map the S: drive', description: 'Map S: to \\\\fs01\\shared again.' });
  await page.reload();

  const tabs = page.getByRole('tablist');
  const chatTab = tabs.getByRole('tab', { name: 'Chat' });
  const builderTab = tabs.getByRole('tab', { name: /Script Builder/ });
  await expect(chatTab).toHaveAttribute('aria-selected', 'true');

  await builderTab.click();
  const panel = page.getByRole('tabpanel', { name: /Script Builder/ });
  await panel.getByRole('button', { name: 'Write it myself' }).click();
  const editor = panel.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await expect(editor).toContainText('Re-map the S: drive');
  await page.screenshot({ path: 'test-results/inline-builder-write-mode.png' });

  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('net use S: \\\\fs01\\shared /persistent:yes');
  await expect(tabs.getByLabel('unsaved progress')).toBeVisible();

  // Switching tabs keeps the work (the tab is hidden, not unmounted).
  await chatTab.click();
  await builderTab.click();
  await expect(editor).toContainText('/persistent:yes');

  await panel.getByRole('button', { name: 'Submit script' }).click();
  await expect(tabs).toBeHidden();
  await expect(chat.conversation).toBeVisible();
  const submitted = await activeFix(page);
  expect(submitted.applied_at).toBeNull();

  await banner.apply.click();
  const dialog = new NoTemplateDialog(page);
  await expect(dialog.script).toContainText('/persistent:yes');
  await dialog.runNowNoTemplate.click();
  await expect(banner.state('Verifying')).toBeVisible();
  const fix = await activeFix(page);
  expect(fix.user_decision).toBe('one_off');
  expect(fix.applied_at).not.toBeNull();
});

test('the builder tab in AI mode', async ({ page }) => {
  const list = new PilotListPage(page);
  const chat = new PilotSessionPage(page);
  await signUp(page, 'inline-builder-ai');
  await list.startSession({ description: 'Print jobs stuck on PC-042' });
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  await proposeFix(page, {
    title: 'Clear the print queue',
    description: 'Stop the spooler, clear the queue, start it.',
  });
  await page.reload();

  // Timed inside the page (click → the element is rendered), so Playwright's polling is not counted.
  const timeUntil = (clickSelector: string, readySelector: string) =>
    page.evaluate(
      async ([click, ready]) => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        while (!document.querySelector(click)) await frame();
        const started = performance.now();
        (document.querySelector(click) as HTMLElement).click();
        const isReady = () => {
          const element = document.querySelector(ready) as HTMLElement | null;
          return element !== null && element.offsetParent !== null && !element.closest('[inert]');
        };
        while (!isReady()) await frame();
        return Math.round(performance.now() - started);
      },
      [clickSelector, readySelector] as const,
    );
  const builderTab = '[role="tab"]:nth-of-type(2)';
  const chatTab = '[role="tab"]:nth-of-type(1)';
  const writeButton = '[role="tabpanel"]:not([inert]) button[data-write-it-myself]';
  const panel = page.getByRole('tabpanel', { name: /Script Builder/ });
  // First open creates the inline builder session; the second only shows the kept tab.
  await expect(page.getByRole('tab', { name: /Script Builder/ })).toBeVisible();
  const firstOpen = await timeUntil(builderTab, writeButton);
  await timeUntil(chatTab, '[role="tabpanel"]:not([inert]) textarea');
  const secondOpen = await timeUntil(builderTab, writeButton);
  console.log(`Script Builder tab open: first ${firstOpen} ms, second ${secondOpen} ms`);
  await expect(panel.getByRole('button', { name: 'Write it myself' })).toBeVisible();
  // Monaco is fetched on first use only; the second time it is already loaded.
  const firstEditor = await timeUntil(
    '[data-write-it-myself]',
    '[role="tabpanel"]:not([inert]) .monaco-editor',
  );
  await panel.getByRole('button', { name: 'Back to AI' }).click();
  const secondEditor = await timeUntil(
    '[data-write-it-myself]',
    '[role="tabpanel"]:not([inert]) .monaco-editor',
  );
  console.log(`Write it myself → editor ready: first ${firstEditor} ms, second ${secondEditor} ms`);
  await panel.getByRole('button', { name: 'Back to AI' }).click();

  await panel.getByRole('textbox').first().fill('restart the print spooler on PC-042');
  await panel.getByRole('textbox').first().press('Control+Enter');
  await expect(panel).toContainText('.ps1', { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/inline-builder-ai-mode.png' });
});
